"""The devices the domain gets 1:1 (erika,passthrough): their pages, as xl's iomem."""

import sys

from .errors import GenError

PAGE_SIZE = 4096


def page_span(dtb, node, base, size):
    """A region rounded out to whole pages, as [first page, end page)."""
    first = base // PAGE_SIZE
    end = (base + size + PAGE_SIZE - 1) // PAGE_SIZE
    if first * PAGE_SIZE != base or end * PAGE_SIZE != base + size:
        print(f"gen_domcfg: {dtb}: {node.path}: reg: note: 0x{base:08x}+0x{size:x} is "
              f"granted as pages 0x{first * PAGE_SIZE:08x}-0x{end * PAGE_SIZE - 1:08x}: "
              "the domain also reaches whatever else is in them", file=sys.stderr)
    return first, end


def check_not_reserved(dtb, node, first, end, windows):
    for what, low, high in windows:
        if first * PAGE_SIZE < high and low < end * PAGE_SIZE:
            raise GenError(dtb, node.path, "reg",
                           f"pages 0x{first * PAGE_SIZE:08x}-0x{end * PAGE_SIZE - 1:08x} "
                           f"overlap {what} at 0x{low:08x}-0x{high - 1:08x}: a device given "
                           "1:1 cannot sit there; fix the address or drop erika,passthrough")


def passthrough_spans(dom):
    """[(first page, end page, node path)] of every okay erika,passthrough node."""
    nodes = [n for n in dom.model.okay_nodes() if "erika,passthrough" in n.props]
    windows = dom.reserved_windows() if nodes else []
    spans = []
    for node in nodes:
        regs = dom.regions(node)
        if not regs:
            raise GenError(dom.dtb, node.path, "reg",
                           "missing: a passthrough device needs reg for its iomem pages")
        for base, size in regs:
            if size == 0:
                raise GenError(dom.dtb, node.path, "reg",
                               f"region at 0x{base:x} has size 0: give its real size")
            first, end = page_span(dom.dtb, node, base, size)
            check_not_reserved(dom.dtb, node, first, end, windows)
            spans.append((first, end, node.path))
    return spans


def merge_spans(spans):
    """Sorted page runs: overlapping ones always merge (a page is granted once), touching
    ones only within one device, so each iomem entry stays one device's."""
    runs = []
    for first, end, path in sorted(spans):
        if runs and (first < runs[-1][1] or (first == runs[-1][1] and path in runs[-1][2])):
            runs[-1][1] = max(runs[-1][1], end)
            runs[-1][2].add(path)
        else:
            runs.append([first, end, {path}])
    return [(first, end - first) for first, end, _ in runs]
