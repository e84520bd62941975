"""The devicetree model: one DTB (dtb.py), read once, with the bindings that apply to it,
and the questions every output asks of it: which nodes are okay, each compatible's
instances, the RAM node, the MMIO regions and their memory types."""

from . import decode
from .dtb import OVERLAY_NODES

# Memory types of the MMIO region table (contract 1 of issue 11): the binding's
# `memory-type:` value -> the token the C side maps with MMU_<token>.
MEMORY_TYPES = {"normal": "NORMAL", "normal-noexec": "NORMAL_NOEXEC", "device": "DEVICE"}


class Model:
    def __init__(self, tree, bindings=None):
        self.tree = tree
        self.bindings = bindings
        # compatible -> its okay nodes in tree order (the index is the instance number);
        # filled by record_compats() during the walk, in first-appearance order.
        self.compats = {}

    def walk(self):
        """Every node in tree order, without dtc -@'s bookkeeping at the top level."""
        for node in self.tree.nodes:
            top = node
            while top.parent is not None and top.parent.parent is not None:
                top = top.parent
            if top.parent is not None and top.name in OVERLAY_NODES:
                continue
            yield node

    def record_compats(self, node):
        """Disabled nodes count too: their compatibles become DT_HAS_..._ENABLED = n."""
        if "compatible" not in node.props:
            return
        if not node.is_string_list("compatible"):
            raise self.tree.error(node, "compatible",
                                  "not a list of non-empty printable strings")
        for compat in node.strings("compatible"):
            nodes = self.compats.setdefault(compat, [])
            if node.okay():
                nodes.append(node)

    def collect_compats(self):
        """record_compats() for the whole tree, when the header is not generated."""
        if not self.compats:
            for node in self.walk():
                self.record_compats(node)
        return self.compats

    def okay_nodes(self):
        return [node for node in self.walk() if node.okay()]

    def memory_node(self):
        """The first okay node with device_type = "memory"; it must have reg."""
        for node in self.tree.nodes:
            if node.prop_is("device_type", "memory") and node.okay():
                if "reg" not in node.props:
                    raise self.tree.error(node, "reg", "missing: the memory node gives the "
                                                       "RAM base and size")
                return node
        # Say which of the two things is missing.
        for node in self.tree.root.children:
            if (node.name == "memory" or node.name.startswith("memory@")) and node.okay():
                raise self.tree.error(node, "device_type",
                                      'missing or not "memory": add device_type = "memory";')
        raise self.tree.error(self.tree.root, "device_type",
                              'no memory node: add memory@<base> { device_type = "memory"; '
                              "reg = <base size>; }")

    def memory_type(self, node):
        """NORMAL for RAM, else what the node's bindings say (the first of its compatibles
        whose binding has memory-type), else DEVICE."""
        if node.prop_is("device_type", "memory"):
            return "NORMAL"
        if self.bindings is not None:
            for compat in node.strings("compatible"):
                binding = self.bindings.get(compat)
                if binding is not None and binding.memory_type is not None:
                    return MEMORY_TYPES[binding.memory_type]
        return "DEVICE"

    def mmio_regions(self):
        """[(node, index, address, size, memory type)] of every okay node whose reg is an
        address range (the parent's #size-cells > 0: not cpu nodes), in tree order."""
        result = []
        for node in self.okay_nodes():
            if "reg" not in node.props or node.parent is None:
                continue
            if decode.reg_cells(self.tree, node)[1] == 0:
                continue
            kind = self.memory_type(node)
            for i, (addr, size) in enumerate(decode.regs(self.tree, node)):
                result.append((node, i, addr, size, kind))
        return result

    def ram(self):
        """(base, size) of the RAM: the memory node's first region."""
        node = self.memory_node()
        return decode.regs(self.tree, node)[0]
