"""devicetree_generated.h: the per-node macros of every okay node in tree order, then the
sections about the whole tree (labels, /chosen, memory, compatibles, the MMIO region table,
CPU count, model). C code reads it through include/erika/devicetree.h.

The walk over the tree also records each compatible's okay nodes (Model.compats), which the
Kconfig fragment and the region table use.
"""

from . import decode
from .names import c_string, check_name, comment_text, is_c_identifier, mangle, node_token

PREAMBLE = """ * C code reads it through include/erika/devicetree.h.
 */
#ifndef ERIKA_DEVICETREE_GENERATED_H
#define ERIKA_DEVICETREE_GENERATED_H

/* Numbers are unsigned (U) in C; assembler and linker scripts take no suffix. */
#ifdef __ASSEMBLER__
#define DT_PRIV_U(x) x
#else
#define DT_PRIV_U(x) x##U
#endif
"""

# phandle values are numbered by dtc and change with any edit: never exposed.
HIDDEN_PROPS = ("phandle", "linux,phandle", "interrupt-parent")


def u(value, width=0):
    return f"DT_PRIV_U(0x{value:0{width}x})"


class Header:
    """The lines of the header; every macro name is remembered with its node, so that two
    nodes defining one macro are reported (check_collisions)."""

    def __init__(self, model):
        self.model = model
        self.tree = model.tree
        self.lines = []
        self.macros = []

    def define(self, node, name, value):
        check_name(self.tree, node, name)
        self.macros.append((name, node.index, node))
        self.lines.append(f"#define {name} {value}\n" if value else f"#define {name}\n")

    def text(self, line):
        self.lines.append(line)

    # Per node

    def node(self, node):
        tok = node_token(self.tree, node)
        self.text(f"\n/* {comment_text(node.path)} */\n")
        self.define(node, f"{tok}_EXISTS", "1")
        self.define(node, f"{tok}_PATH", c_string(node.path))
        regs = decode.regs(self.tree, node)
        self.define(node, f"{tok}_REG_NUM", str(len(regs)))
        for i, (addr, size) in enumerate(regs):
            self.define(node, f"{tok}_REG_IDX_{i}_ADDR", u(addr, 8))
            self.define(node, f"{tok}_REG_IDX_{i}_SIZE", u(size, 8))
        irqs = decode.irqs(self.tree, node)
        self.define(node, f"{tok}_IRQ_NUM", str(len(irqs)))
        for i, (intid, flags) in enumerate(irqs):
            self.define(node, f"{tok}_IRQ_IDX_{i}_INTID", u(intid))
            self.define(node, f"{tok}_IRQ_IDX_{i}_FLAGS", u(flags))
        if "erika,passthrough" in node.props:
            if node.props["erika,passthrough"]:
                raise self.tree.error(node, "erika,passthrough",
                                      "is a flag without a value: write `erika,passthrough;`")
            self.define(node, f"{tok}_PASSTHROUGH", "1")
        for prop in node.props:
            if prop not in HIDDEN_PROPS:
                self.prop(node, tok, prop)

    def prop(self, node, tok, prop):
        """<tok>_P_<prop> for flags (1), single strings and single cells. The type is read
        from the bytes, so a string wins over a cell: "cpu" is 4 bytes too."""
        name = check_name(self.tree, node, f"{tok}_P_{mangle(prop)}")
        value = node.props[prop]
        if decode.is_gpio_prop(prop):
            entries = decode.gpios(self.tree, node, prop)
            for idx, (ctrl, cells) in enumerate(entries):
                self.define(node, f"{name}_IDX_{idx}_CTLR", node_token(self.tree, ctrl))
                for j, cell in enumerate(cells):
                    self.define(node, f"{name}_IDX_{idx}_CELL_{j}", u(cell))
            self.define(node, f"{name}_LEN", str(len(entries)))
        elif not value:
            self.define(node, name, "1")
        elif node.is_single_string(prop):
            self.define(node, name, c_string(node.string(prop)))
        elif len(value) == 4 and not node.is_string_list(prop):
            # "a", "b" is four bytes too, and is no number.
            self.define(node, name, u(node.u32(prop)))

    # Whole tree

    def labels(self, note):
        syms = self.tree.path_node("/__symbols__")
        if syms is None:
            note(f"{self.tree.name}: note: no /__symbols__ (compile with dtc -@): "
                 "no DT_N_NODELABEL_ macros")
            return
        self.text("\n/* Node labels (/__symbols__) */\n")
        for label in syms.props:
            if not is_c_identifier(label):
                raise self.tree.error(syms, label, "label is not a C identifier")
            target = self.tree.path_node(syms.string(label)) \
                if syms.is_single_string(label) else None
            if target is None:
                raise self.tree.error(syms, label, "does not name an existing node path")
            self.define(target, f"DT_N_NODELABEL_{label}", node_token(self.tree, target))

    def chosen_target(self, chosen, prop):
        """A /chosen property names a node by path (`&label` outside <>, or stdout-path
        style "path:options") or by phandle (<&label>)."""
        if chosen.is_single_string(prop):
            target = self.tree.path_node(chosen.string(prop).split(":", 1)[0])
            if target is not None:
                return target
        value = chosen.u32(prop)
        return self.tree.by_phandle.get(value) if value is not None else None

    def chosen(self):
        chosen = self.tree.path_node("/chosen")
        if chosen is None:
            return
        self.text("\n/* /chosen */\n")
        for prop in chosen.props:
            target = self.chosen_target(chosen, prop)
            if target is None:
                continue  # a setting such as bootargs, not a node reference
            tok = node_token(self.tree, target)
            self.define(chosen, f"DT_N_CHOSEN_{mangle(prop)}", tok)

    def memory(self):
        node = self.model.memory_node()
        self.text("\n/* Guest RAM */\n")
        self.define(node, "DT_N_MEMORY", node_token(self.tree, node))

    def compats(self):
        for compat, nodes in self.model.compats.items():
            if not nodes:
                continue
            self.text(f'\n/* compatible = "{comment_text(compat)}" */\n')
            mangled = check_name(self.tree, nodes[0], mangle(compat))
            toks = [node_token(self.tree, node) for node in nodes]
            for j, (node, tok) in enumerate(zip(nodes, toks)):
                self.define(node, f"DT_N_INST_{j}_{mangled}", tok)
            self.define(nodes[0], f"DT_N_COMPAT_{mangled}_NUM_OKAY", str(len(nodes)))
            # Contract 1 of issue 11: one fn() per okay node / instance, in instance order.
            self.define(nodes[0], f"DT_N_COMPAT_{mangled}_FOREACH_OKAY(fn)",
                        " ".join(f"fn({tok})" for tok in toks))
            self.define(nodes[0], f"DT_N_COMPAT_{mangled}_FOREACH_OKAY_INST(fn)",
                        " ".join(f"fn({j})" for j in range(len(nodes))))

    def regions(self):
        """DT_FOREACH_MMIO_REGION(fn): fn(node, index, address, size, memory type) per
        region of every okay memory-mapped node, in tree order."""
        self.text("\n/* MMIO regions: fn(node, index, address, size, memory type) */\n")
        entries = [f"fn({node_token(self.tree, node)}, {i}, {u(addr, 8)}, {u(size, 8)}, "
                   f"{kind})" for node, i, addr, size, kind in self.model.mmio_regions()]
        self.define(self.tree.root, "DT_FOREACH_MMIO_REGION(fn)", " ".join(entries))

    def cpu_count(self):
        cpus = self.tree.path_node("/cpus")
        count = 0
        if cpus is not None:
            count = sum(1 for c in cpus.children if c.prop_is("device_type", "cpu")
                        and c.okay())
        self.define(cpus if cpus is not None else self.tree.root, "DT_CPU_COUNT", str(count))

    def model_string(self):
        root = self.tree.root
        if "model" in root.props and not root.is_single_string("model"):
            raise self.tree.error(root, "model", "not a printable string")
        self.define(root, "DT_MODEL", c_string(root.string("model") or ""))

    def check_collisions(self):
        """Different names can mangle to one macro ("a-b" and "a_b"): that must not
        compile silently. Reported at the later node."""
        seen = {}
        for name, index, node in sorted(self.macros, key=lambda m: (m[0], m[1])):
            key = name.split("(")[0]
            if key in seen:
                raise self.tree.error(node, "name",
                                      f"macro {key} is also generated for {seen[key].path}: "
                                      "rename a node, property, label or compatible so that "
                                      "they differ in letters or digits")
            seen[key] = node


def generate(model, dtb_base, note):
    """The header's text; raises DtError on the first problem (in tree order)."""
    h = Header(model)
    h.text(f"/*\n * Generated by scripts/dts/gen_defines from {comment_text(dtb_base)}: do not "
           "edit, change the devicetree.\n" + PREAMBLE)
    for node in model.walk():
        model.record_compats(node)
        if node.okay():
            h.node(node)
    h.labels(note)
    h.chosen()
    h.memory()
    h.compats()
    h.regions()
    h.text("\n/* Whole tree */\n")
    h.cpu_count()
    h.model_string()
    h.check_collisions()
    h.text("\n#endif /* ERIKA_DEVICETREE_GENERATED_H */\n")
    return "".join(h.lines)
