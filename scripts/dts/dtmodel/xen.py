"""Xen's guest memory map for ARM (xen/include/public/arch-arm.h), as the devicetree states
it: dts/xen-guest-arm32.dtsi is the one place the numbers are written. The vGIC and the
grant-table window are the reg of their own nodes (the GIC, xen,xen); the rest (where xl
puts RAM, the vpl011 page, the magic pages) is the erika,xen-guest-map node."""

from . import decode

MAP_COMPAT = "erika,xen-guest-map"


class GuestMap:
    """The windows of one devicetree: each a (base, size) or a list of them."""

    def __init__(self, tree, ram_banks, vpl011, magic, gic, xen):
        self.tree = tree
        self.ram_banks = ram_banks
        self.vpl011 = vpl011
        self.magic = magic
        self.gic = gic  # the nodes: their reg is only decoded when needed
        self.xen = xen

    @property
    def gnttab(self):
        """The grant-table window: the xen,xen node's first region."""
        regs = decode.regs(self.tree, self.xen)
        if not regs:
            raise self.tree.error(self.xen, "reg", "missing: the grant-table window")
        return regs[0]

    def reserved(self):
        """[(what, base, end)] of the guest addresses Xen uses itself."""
        gic = decode.regs(self.tree, self.gic)
        if not gic:
            raise self.tree.error(self.gic, "reg", "missing: the vGIC's distributor and "
                                                   "CPU interface")
        gic_base = min(base for base, _ in gic)
        gic_end = max(base + size for base, size in gic)
        windows = [("the vGIC (GUEST_GICD/GICC_BASE)", gic_base, gic_end),
                   ("the vpl011 page (GUEST_PL011_BASE)", self.vpl011[0],
                    self.vpl011[0] + self.vpl011[1]),
                   ("the grant-table window (xen,xen reg)", self.gnttab[0],
                    self.gnttab[0] + self.gnttab[1]),
                   ("the magic pages (GUEST_MAGIC_BASE)", self.magic[0],
                    self.magic[0] + self.magic[1])]
        for i, (base, size) in enumerate(self.ram_banks):
            windows.append((f"guest RAM (GUEST_RAM{i})", base, base + size))
        return windows


def _windows(tree, node, prop):
    """A property of <address size> pairs with the node's own #address-cells/#size-cells."""
    ac = decode.ncells(tree, node, "#address-cells", 2)
    sc = decode.ncells(tree, node, "#size-cells", 1)
    raw = node.props.get(prop)
    entry = 4 * (ac + sc)
    if raw is None or entry == 0 or not raw or len(raw) % entry:
        raise tree.error(node, prop, f"missing or not whole <address size> pairs of "
                                     f"#address-cells = <{ac}>, #size-cells = <{sc}>")
    words = decode.cells(raw)
    return [(decode.fold(words[i:i + ac]), decode.fold(words[i + ac:i + ac + sc]))
            for i in range(0, len(words), ac + sc)]


def _one(tree, nodes, what, fix):
    okay = [n for n in nodes if n.okay()]
    if not okay:
        raise tree.error(tree.root, "compatible", f"no {what}: {fix}")
    return okay[0]


def guest_map(model):
    """The GuestMap of the model's devicetree; raises DtError when a part is missing."""
    tree = model.tree
    include = "include xen-guest-arm32.dtsi, which describes every Xen ARM guest"
    compats = model.collect_compats()
    node = _one(tree, compats.get(MAP_COMPAT, []), f"{MAP_COMPAT} node", include)
    xen = _one(tree, compats.get("xen,xen", []), "xen,xen node", include)
    gic = _one(tree, [n for c in decode.GIC_COMPATS for n in compats.get(c, [])],
               "GIC node", include)
    ram_banks = _windows(tree, node, "ram-banks")
    vpl011 = _windows(tree, node, "vpl011")[0]
    magic = _windows(tree, node, "magic-pages")[0]
    return GuestMap(tree, ram_banks, vpl011, magic, gic, xen)
