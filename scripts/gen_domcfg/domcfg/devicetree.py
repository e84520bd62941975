"""What the devicetree says about the domain: RAM, vCPUs, the vpl011, the grant-table window.

Also how a node's reg reads (regions()), which passthrough.py uses too.
"""

import struct

from .errors import GenError
from .fdt import DtbError, parse_dtb
from .xen import (GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE, GUEST_PL011_BASE, GUEST_RAM0_BASE,
                  GUEST_RAM0_SIZE, MIB)


def load_dtb(path):
    try:
        with open(path, "rb") as f:
            blob = f.read()
    except OSError as e:
        raise GenError(path, "-", "-", f"cannot read: {e.strerror}") from e
    try:
        return parse_dtb(blob)
    except DtbError as e:
        raise GenError(path, "/", "-",
                       f"not a valid DTB ({e}): compile the board with dtc") from e


def cells(node, name, default):
    value = node.props.get(name) if node is not None else None
    if value is None:
        return default
    if len(value) != 4:
        return -1
    return struct.unpack(">I", value)[0]


def regions(node, dtb):
    """The node's reg as [(address, size)], using the parent's cell counts."""
    addr_cells = cells(node.parent, "#address-cells", 2)
    size_cells = cells(node.parent, "#size-cells", 1)
    raw = node.props.get("reg")
    if raw is None:
        return []
    entry = 4 * (addr_cells + size_cells)
    if addr_cells < 0 or size_cells < 0 or entry == 0 or len(raw) % entry or not raw:
        raise GenError(dtb, node.path, "reg",
                       f"{len(raw)} bytes do not make whole <address size> entries of "
                       f"#address-cells = <{addr_cells}>, #size-cells = <{size_cells}>")
    words = struct.unpack(f">{len(raw) // 4}I", raw)
    result = []
    for i in range(0, len(words), addr_cells + size_cells):
        result.append((fold(words[i:i + addr_cells]),
                       fold(words[i + addr_cells:i + addr_cells + size_cells])))
    return result


def fold(words):
    value = 0
    for word in words:
        value = (value << 32) | word
    return value


def okay_nodes(root):
    return [node for node in root.walk() if node.okay()]


def memory_mib(root, dtb):
    """The domain's RAM in MiB: one node, one region, at GUEST_RAM0_BASE."""
    nodes = [n for n in okay_nodes(root) if n.string("device_type") == "memory"]
    if not nodes:
        raise GenError(dtb, "/", "device_type",
                       'no memory node: add memory@40000000 { device_type = "memory"; '
                       "reg = <0x40000000 SIZE>; }")
    if len(nodes) > 1:
        raise GenError(dtb, nodes[1].path, "device_type",
                       f"second memory node (first: {nodes[0].path}): xl gives the domain "
                       "one RAM bank, describe it in one node")
    node = nodes[0]
    regs = regions(node, dtb)
    if len(regs) != 1:
        raise GenError(dtb, node.path, "reg",
                       f"{len(regs)} regions: give exactly one, <0x40000000 SIZE>")
    base, size = regs[0]
    check_memory_region(dtb, node.path, base, size)
    return size // MIB


def check_memory_region(dtb, path, base, size):
    if base != GUEST_RAM0_BASE:
        raise GenError(dtb, path, "reg",
                       f"base 0x{base:x} is not Xen's GUEST_RAM0_BASE 0x{GUEST_RAM0_BASE:x}, "
                       "where xl puts guest RAM: use reg = <0x40000000 SIZE>")
    if size == 0 or size % MIB:
        raise GenError(dtb, path, "reg",
                       f"size 0x{size:x} is not a whole, non-zero number of MiB, which is "
                       "what xl's `memory` counts: round it to MiB")
    if size > GUEST_RAM0_SIZE:
        raise GenError(dtb, path, "reg",
                       f"size 0x{size:x} is above Xen's GUEST_RAM0_SIZE "
                       f"0x{GUEST_RAM0_SIZE:x} (3 GiB): make it smaller")


def vcpu_count(root, dtb):
    cpus = [c for c in root.children if c.name == "cpus"]
    count = 0
    if cpus:
        count = sum(1 for c in cpus[0].children
                    if c.okay() and c.string("device_type") == "cpu")
    if count == 0:
        raise GenError(dtb, cpus[0].path if cpus else "/", "device_type",
                       'no cpu nodes: add /cpus/cpu@0 { device_type = "cpu"; reg = <0>; }, '
                       "one per vCPU")
    return count


def has_vuart(root, dtb):
    """Whether the domain gets Xen's vpl011; it only exists at GUEST_PL011_BASE."""
    nodes = [n for n in okay_nodes(root) if "arm,sbsa-uart" in n.strings("compatible")]
    if len(nodes) > 1:
        raise GenError(dtb, nodes[1].path, "compatible",
                       "Xen emulates one vpl011: keep one arm,sbsa-uart node")
    for node in nodes:
        regs = regions(node, dtb)
        if not regs or regs[0][0] != GUEST_PL011_BASE:
            found = f"0x{regs[0][0]:x}" if regs else "no reg"
            raise GenError(dtb, node.path, "reg",
                           f"{found}: Xen's vpl011 is at GUEST_PL011_BASE "
                           f"0x{GUEST_PL011_BASE:x}: use reg = <0x22000000 0x1000>")
    return bool(nodes)


def grant_window(root, dtb):
    """The grant-table window: the xen,xen node's first region, else Xen's default."""
    for node in okay_nodes(root):
        if "xen,xen" in node.strings("compatible"):
            regs = regions(node, dtb)
            if regs:
                return regs[0]
    return (GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE)
