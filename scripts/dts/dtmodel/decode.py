"""Decoding the properties whose meaning depends on other nodes: reg (the parent's
#address-cells/#size-cells), interrupts (the interrupt parent, a GIC) and gpios (each
entry's controller and its #gpio-cells)."""

import struct

# #address-cells/#size-cells above this are not used by any real binding.
MAX_NCELLS = 4
# An interrupt parent chain longer than this can only be a loop of phandles.
MAX_PARENT_HOPS = 64
# Highest SPI number of a GICv2 (INTID 1019), highest PPI.
GIC_MAX_SPI = 987
GIC_MAX_PPI = 15
GIC_COMPATS = ("arm,cortex-a15-gic", "arm,cortex-a9-gic", "arm,cortex-a7-gic", "arm,gic-400",
               "arm,arm11mp-gic", "arm,pl390", "arm,gic-v3")


def cells(raw):
    return struct.unpack(f">{len(raw) // 4}I", raw[:len(raw) // 4 * 4])


def ncells(tree, node, prop, default):
    """#address-cells and friends: one small cell, or the default when absent."""
    if node is None or prop not in node.props:
        return default
    value = node.u32(prop)
    if value is None or value > MAX_NCELLS:
        raise tree.error(node, prop, f"must be one cell of at most {MAX_NCELLS}")
    return value


def fold(words):
    """Big-endian cells as one number; None if it needs more than 64 bits."""
    value = 0
    for word in words:
        if value >> 32:
            return None
        value = (value << 32) | word
    return value


def reg_cells(tree, node):
    """The parent's (#address-cells, #size-cells), defaults 2 and 1."""
    return (ncells(tree, node.parent, "#address-cells", 2),
            ncells(tree, node.parent, "#size-cells", 1))


def regs(tree, node):
    """The node's reg as [(address, size)]; [] without reg."""
    raw = node.props.get("reg")
    if raw is None:
        return []
    ac, sc = reg_cells(tree, node)
    entry = 4 * (ac + sc)
    if entry == 0 or not raw or len(raw) % entry:
        raise tree.error(node, "reg",
                         f"length {len(raw)} is not a non-zero multiple of {entry} bytes "
                         f"(#address-cells = <{ac}>, #size-cells = <{sc}> in the parent)")
    words = cells(raw)
    result = []
    for i in range(len(raw) // entry):
        e = words[i * (ac + sc):(i + 1) * (ac + sc)]
        addr, size = fold(e[:ac]), fold(e[ac:])
        if addr is None or size is None:
            raise tree.error(node, "reg", f"entry {i} does not fit in 64 bits")
        result.append((addr, size))
    return result


def irq_parent(tree, node):
    """The interrupt parent as Linux finds it: the node's interrupt-parent, else its parent
    node, repeated until a node that has #interrupt-cells."""
    cur = node
    for _ in range(MAX_PARENT_HOPS):
        if "interrupt-parent" in cur.props:
            phandle = cur.u32("interrupt-parent")
            if phandle is None:
                raise tree.error(cur, "interrupt-parent", "must be one phandle")
            nxt = tree.by_phandle.get(phandle)
            if nxt is None:
                raise tree.error(cur, "interrupt-parent",
                                 f"phandle 0x{phandle:x} matches no node")
        elif cur.parent is None:
            raise tree.error(node, "interrupts",
                             "no interrupt-parent in the node or its ancestors")
        else:
            nxt = cur.parent
        if "#interrupt-cells" in nxt.props:
            return nxt
        cur = nxt
    raise tree.error(node, "interrupt-parent", "the interrupt parents form a loop")


def check_gic(tree, node, ctrl):
    """The INTIDs we generate assume a GIC's <type number flags> specifiers."""
    gic = any(ctrl.has_string("compatible", c) for c in GIC_COMPATS)
    if gic and ctrl.u32("#interrupt-cells") == 3 and "interrupt-controller" in ctrl.props:
        return
    raise tree.error(node, "interrupts",
                     f"interrupt parent {ctrl.path} is not a 3-cell GIC (an "
                     "interrupt-controller compatible with arm,gic-400 or alike, "
                     "#interrupt-cells = <3>)")


def irqs(tree, node):
    """The node's interrupts as [(INTID, flags)]; [] without interrupts."""
    raw = node.props.get("interrupts")
    if raw is None:
        return []
    check_gic(tree, node, irq_parent(tree, node))
    if not raw or len(raw) % 12:
        raise tree.error(node, "interrupts",
                         f"length {len(raw)} is not a non-zero multiple of 3 cells")
    words = cells(raw)
    result = []
    for i in range(len(raw) // 12):
        kind, num, flags = words[3 * i:3 * i + 3]
        if kind == 0 and num <= GIC_MAX_SPI:
            intid = 32 + num
        elif kind == 1 and num <= GIC_MAX_PPI:
            intid = 16 + num
        else:
            raise tree.error(node, "interrupts",
                             f"entry {i} <{kind} {num} ...> is neither an SPI (type 0, "
                             f"0-{GIC_MAX_SPI}) nor a PPI (type 1, 0-{GIC_MAX_PPI})")
        result.append((intid, flags))
    return result


def is_gpio_prop(prop):
    return prop == "gpios" or (len(prop) > 6 and prop.endswith("-gpios"))


def gpios(tree, node, prop):
    """gpios = <&ctrl cell...>, ...: [(controller node, [cells])]; the cell count of each
    entry comes from its controller."""
    raw = node.props[prop]
    if len(raw) % 4:
        raise tree.error(node, prop, f"length {len(raw)} is not a multiple of 4")
    words = cells(raw)
    pos, idx, result = 0, 0, []
    while pos < len(words):
        phandle = words[pos]
        ctrl = tree.by_phandle.get(phandle)
        if ctrl is None:
            raise tree.error(node, prop, f"entry {idx}: phandle 0x{phandle:x} matches no node")
        if "gpio-controller" not in ctrl.props:
            raise tree.error(node, prop, f"entry {idx}: the node is not a gpio-controller")
        count = ctrl.u32("#gpio-cells")
        if count is None:
            raise tree.error(node, prop, f"entry {idx}: the controller has no #gpio-cells")
        if count > len(words) - pos - 1:
            raise tree.error(node, prop, f"entry {idx} is truncated: its controller has "
                                         f"#gpio-cells = <{count}>")
        result.append((ctrl, list(words[pos + 1:pos + 1 + count])))
        pos += 1 + count
        idx += 1
    return result
