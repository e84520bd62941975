#!/usr/bin/python3
"""Write the Xen `xl` domain configuration (erika.cfg) of the RTOS domain.

The devicetree says what hardware the domain sees (RAM, vCPUs, the vpl011 console, the
devices Xen gives it 1:1); Kconfig says how it is deployed (name, image, pinning,
on_crash). This tool joins the two, checks them against Xen's guest memory map
(xen/include/public/arch-arm.h, Xen >= 4.5) and writes the file `xl create` reads, so the
domain Xen builds is the one the image was compiled for.

The output is written to a temporary file and renamed into place. On any error the
output is removed, so that a configuration left from an earlier build can never be
deployed with an image it does not match. Errors read
  gen_domcfg: <file>: <node path or CONFIG_ symbol>: <property or value>: <what and the fix>
and exit with status 1. The DTB is parsed here (the format is small and fixed), so the
tool needs nothing beyond the Python standard library.
"""

import argparse
import os
import re
import struct
import sys
import tempfile

# Xen's guest memory map for ARM (xen/include/public/arch-arm.h).
GUEST_RAM0_BASE = 0x40000000
GUEST_RAM0_SIZE = 0xC0000000
GUEST_RAM1_BASE = 0x0200000000
GUEST_RAM1_SIZE = 0xFE00000000
GUEST_GIC_BASE = 0x03001000  # GICD, then GICC up to 0x03003fff
GUEST_GIC_END = 0x03004000
GUEST_PL011_BASE = 0x22000000
GUEST_PL011_SIZE = 0x1000
GUEST_GNTTAB_BASE = 0x38000000
GUEST_GNTTAB_SIZE = 0x01000000
GUEST_MAGIC_BASE = 0x39000000
GUEST_MAGIC_SIZE = 0x01000000

PAGE_SIZE = 4096
MIB = 1 << 20

# The actions xl accepts for on_crash (xl.cfg(5)).
XL_ON_CRASH = ("destroy", "restart", "rename-restart", "preserve",
               "coredump-destroy", "coredump-restart", "soft-reset")

REQUIRED_SYMBOLS = ("CONFIG_XEN_DOMAIN_NAME", "CONFIG_XEN_IMAGE_NAME",
                    "CONFIG_XEN_ON_CRASH")

FDT_MAGIC = 0xD00DFEED
FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


class GenError(Exception):
    """A problem of the inputs, worded for the person who has to fix them."""

    def __init__(self, file, where, what, message):
        super().__init__(f"gen_domcfg: {file}: {where}: {what}: {message}")


class DtbError(Exception):
    """The DTB itself is broken: not a devicetree problem a user would fix in a node."""


# ---------------------------------------------------------------------------
# Flattened devicetree


class Node:
    """One devicetree node: its path, properties (raw bytes) and children."""

    def __init__(self, name, parent):
        self.name = name
        self.parent = parent
        self.props = {}
        self.children = []
        if parent is None:
            self.path = "/"
        elif parent.parent is None:
            self.path = "/" + name
        else:
            self.path = parent.path + "/" + name

    def string(self, name):
        """The property as one string, or None if absent or not a string."""
        value = self.props.get(name)
        if value is None or len(value) < 1 or value[-1] != 0 or 0 in value[:-1]:
            return None
        try:
            return value[:-1].decode("ascii")
        except UnicodeDecodeError:
            return None

    def strings(self, name):
        """The property as a list of strings (compatible), empty if absent or not strings."""
        value = self.props.get(name)
        if not value or value[-1] != 0:
            return []
        try:
            return value[:-1].decode("ascii").split("\0")
        except UnicodeDecodeError:
            return []

    def okay(self):
        """No status means okay; Linux also accepts "ok"."""
        return "status" not in self.props or self.string("status") in ("okay", "ok")

    def walk(self):
        """This node and all below it, in tree order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def read_u32(blob, offset):
    if offset + 4 > len(blob):
        raise DtbError(f"truncated at offset {offset}")
    return struct.unpack_from(">I", blob, offset)[0]


def read_cstring(blob, offset, end):
    """A NUL-terminated string that must end before `end`."""
    stop = blob.find(b"\0", offset, end)
    if stop < 0:
        raise DtbError(f"unterminated string at offset {offset}")
    return blob[offset:stop]


def align4(offset):
    return (offset + 3) & ~3


def check_header(blob):
    """Returns (struct start, struct end, strings start, strings end)."""
    if len(blob) < 40:
        raise DtbError("shorter than the 40-byte header")
    (magic, totalsize, off_struct, off_strings, _off_rsvmap, version, last_comp,
     _boot_cpu, size_strings, size_struct) = struct.unpack_from(">10I", blob, 0)
    if magic != FDT_MAGIC:
        raise DtbError(f"bad magic 0x{magic:08x}")
    if version < 17 or last_comp > 17:
        raise DtbError(f"unsupported version {version} (last compatible {last_comp})")
    if totalsize > len(blob):
        raise DtbError(f"header says {totalsize} bytes, the file has {len(blob)}")
    if off_struct + size_struct > totalsize or off_strings + size_strings > totalsize:
        raise DtbError("a block lies beyond the end of the blob")
    return off_struct, off_struct + size_struct, off_strings, off_strings + size_strings


def parse_prop(blob, offset, end, strings, strings_end, node):
    """Reads one FDT_PROP body at offset; returns the offset after it."""
    length = read_u32(blob, offset)
    nameoff = read_u32(blob, offset + 4)
    data = offset + 8
    if data + length > end or strings + nameoff >= strings_end:
        raise DtbError(f"property at offset {offset} lies outside its block")
    name = read_cstring(blob, strings + nameoff, strings_end).decode("ascii", "replace")
    node.props[name] = bytes(blob[data:data + length])
    return align4(data + length)


def parse_dtb(blob):
    """Builds the node tree of a DTB; raises DtbError if the structure is broken."""
    offset, end, strings, strings_end = check_header(blob)
    root = None
    node = None
    while offset < end:
        token = read_u32(blob, offset)
        offset += 4
        if token == FDT_BEGIN_NODE:
            name = read_cstring(blob, offset, end)
            offset = align4(offset + len(name) + 1)
            if node is None and root is not None:
                raise DtbError("a second root node")
            child = Node(name.decode("ascii", "replace"), node)
            if node is None:
                root = child
            else:
                node.children.append(child)
            node = child
        elif token == FDT_END_NODE:
            if node is None:
                raise DtbError("unbalanced end of node")
            node = node.parent
        elif token == FDT_PROP:
            if node is None:
                raise DtbError("property outside any node")
            offset = parse_prop(blob, offset, end, strings, strings_end, node)
        elif token == FDT_END:
            if node is not None or root is None:
                raise DtbError("the structure ends inside a node")
            return root
        elif token != FDT_NOP:
            raise DtbError(f"unknown token 0x{token:x} at offset {offset - 4}")
    raise DtbError("no end token")


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


# ---------------------------------------------------------------------------
# What the devicetree says about the domain


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


def reserved_windows(root, dtb):
    """Guest addresses Xen uses itself: a device mapped there would break the domain."""
    gnttab_base, gnttab_size = grant_window(root, dtb)
    return [
        ("the vGIC (GUEST_GICD/GICC_BASE)", GUEST_GIC_BASE, GUEST_GIC_END),
        ("the vpl011 page (GUEST_PL011_BASE)", GUEST_PL011_BASE,
         GUEST_PL011_BASE + GUEST_PL011_SIZE),
        ("the grant-table window (xen,xen reg)", gnttab_base, gnttab_base + gnttab_size),
        ("the magic pages (GUEST_MAGIC_BASE)", GUEST_MAGIC_BASE,
         GUEST_MAGIC_BASE + GUEST_MAGIC_SIZE),
        ("guest RAM (GUEST_RAM0)", GUEST_RAM0_BASE, GUEST_RAM0_BASE + GUEST_RAM0_SIZE),
        ("guest RAM (GUEST_RAM1)", GUEST_RAM1_BASE, GUEST_RAM1_BASE + GUEST_RAM1_SIZE),
    ]


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


def passthrough_spans(root, dtb):
    """[(first page, end page, node path)] of every okay erika,passthrough node."""
    windows = reserved_windows(root, dtb)
    spans = []
    for node in okay_nodes(root):
        if "erika,passthrough" not in node.props:
            continue
        regs = regions(node, dtb)
        if not regs:
            raise GenError(dtb, node.path, "reg",
                           "missing: a passthrough device needs reg for its iomem pages")
        for base, size in regs:
            if size == 0:
                raise GenError(dtb, node.path, "reg",
                               f"region at 0x{base:x} has size 0: give its real size")
            first, end = page_span(dtb, node, base, size)
            check_not_reserved(dtb, node, first, end, windows)
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


# ---------------------------------------------------------------------------
# What Kconfig says about the deployment


def unquote(value):
    """A Kconfig string value: "..." with \\ and \" escaped; anything else as it is."""
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return re.sub(r'\\(.)', r'\1', value[1:-1])
    return value


def parse_config(path):
    """CONFIG_X=value lines and `# CONFIG_X is not set` (value "n") of a .config file."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise GenError(path, "-", "-", f"cannot read: {e}") from e
    symbols = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        unset = re.fullmatch(r"# (CONFIG_\w+) is not set", line)
        assign = re.fullmatch(r"(CONFIG_\w+)=(.*)", line)
        if unset:
            symbols[unset.group(1)] = "n"
        elif assign:
            symbols[assign.group(1)] = unquote(assign.group(2))
        elif line and not line.startswith("#"):
            raise GenError(path, f"line {number}", "-",
                           f"not a Kconfig line: {line!r}; regenerate .config")
    return symbols


def required(symbols, config, name):
    if name not in symbols or symbols[name] == "n":
        raise GenError(config, name, "missing",
                       "the symbol is not set: define it in Kconfig and set it in the board "
                       "defconfig or prj.conf")
    return symbols[name]


def check_domain_name(config, value):
    if not value or re.search(r'[\s"\'\\]', value) or not value.isprintable():
        raise GenError(config, "CONFIG_XEN_DOMAIN_NAME", f'value "{value}"',
                       "must be a non-empty name without quotes, backslashes or whitespace "
                       '(e.g. "ERIKA_Enterprise")')


def check_image_name(config, value):
    if (not value or "/" in value or value in (".", "..")
            or re.search(r'[\s"\'\\]', value) or not value.isprintable()):
        raise GenError(config, "CONFIG_XEN_IMAGE_NAME", f'value "{value}"',
                       "must be a plain file name (no '/', quotes or whitespace): the image "
                       "sits next to erika.cfg")


def check_on_crash(config, value):
    if value not in XL_ON_CRASH:
        raise GenError(config, "CONFIG_XEN_ON_CRASH", f'value "{value}"',
                       "not an xl on_crash action; use one of " + ", ".join(XL_ON_CRASH))


def parse_pinning(config, value, vcpus):
    """CONFIG_XEN_VCPU_PINNING as xl's cpus: None, "a" for all vCPUs, or one per vCPU."""
    tokens = value.split()
    where, what = "CONFIG_XEN_VCPU_PINNING", f'value "{value}"'
    if len(tokens) > vcpus:
        raise GenError(config, where, what,
                       f"{len(tokens)} entries for {vcpus} vCPU(s): give one for all "
                       "vCPUs or at most one per vCPU")
    for token in tokens:
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", token)
        if not match or (match.group(2) and int(match.group(1)) > int(match.group(2))):
            raise GenError(config, where, what,
                           f'"{token}" is neither a CPU number nor a range a-b with a <= b')
    if not tokens:
        return None
    if len(tokens) == 1:
        return tokens[0]
    return tokens


# ---------------------------------------------------------------------------
# Output


def render(dtb, config, settings):
    lines = [
        f"# Generated by scripts/gen_domcfg from {os.path.basename(dtb)} and "
        f"{os.path.basename(config)}: do not edit, change the devicetree or Kconfig.",
        f'name = "{settings["name"]}"',
        f'kernel = "{settings["kernel"]}"',
        f"memory = {settings['memory']}",
        f"vcpus = {settings['vcpus']}",
    ]
    pinning = settings["cpus"]
    if isinstance(pinning, str):
        lines.append(f'cpus = "{pinning}"')
    elif pinning:
        lines.append("cpus = [" + ", ".join(f'"{p}"' for p in pinning) + "]")
    if settings["vuart"]:
        lines.append('vuart = "sbsa_uart"')
    if settings["iomem"]:
        entries = ", ".join(f'"{pfn:x},{count:x}"' for pfn, count in settings["iomem"])
        lines.append(f"iomem = [ {entries} ]")
    lines.append(f'on_crash = "{settings["on_crash"]}"')
    return "\n".join(lines) + "\n"


def domain_settings(dtb, config):
    """Everything erika.cfg says, checked; raises GenError on the first problem."""
    root = load_dtb(dtb)
    symbols = parse_config(config)
    values = {name: required(symbols, config, name) for name in REQUIRED_SYMBOLS}
    check_domain_name(config, values["CONFIG_XEN_DOMAIN_NAME"])
    check_image_name(config, values["CONFIG_XEN_IMAGE_NAME"])
    check_on_crash(config, values["CONFIG_XEN_ON_CRASH"])
    memory = memory_mib(root, dtb)
    vcpus = vcpu_count(root, dtb)
    pinning = symbols.get("CONFIG_XEN_VCPU_PINNING", "")
    return {
        "name": values["CONFIG_XEN_DOMAIN_NAME"],
        "kernel": values["CONFIG_XEN_IMAGE_NAME"],
        "memory": memory,
        "vcpus": vcpus,
        "cpus": parse_pinning(config, "" if pinning == "n" else pinning, vcpus),
        "vuart": has_vuart(root, dtb),
        "iomem": merge_spans(passthrough_spans(root, dtb)),
        "on_crash": values["CONFIG_XEN_ON_CRASH"],
    }


def write_atomically(path, text):
    """Write beside the target and rename, so a reader sees the old file or the new one."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=os.path.basename(path) + ".",
                               suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def remove_stale(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="gen_domcfg",
        description="Write the Xen xl domain configuration of the RTOS domain from the "
                    "board DTB and the Kconfig .config. On error the output is removed.")
    parser.add_argument("--dtb", required=True, help="the board's compiled devicetree")
    parser.add_argument("--config", required=True, help="the Kconfig .config")
    parser.add_argument("--output", required=True, help="the xl config to write (erika.cfg)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        text = render(args.dtb, args.config, domain_settings(args.dtb, args.config))
        write_atomically(args.output, text)
    except GenError as e:
        print(e, file=sys.stderr)
        remove_stale(args.output)
        return 1
    except OSError as e:
        print(f"gen_domcfg: {args.output}: -: -: cannot write: {e.strerror}", file=sys.stderr)
        remove_stale(args.output)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
