"""What the devicetree says about the domain: RAM, vCPUs, the vpl011, Xen's guest memory map.

The DTB is read by the one devicetree model of the tree (scripts/dts/dtmodel, also behind
gen_defines), and Xen's guest memory map comes from the devicetree too
(dts/xen-guest-arm32.dtsi, read by dtmodel/xen.py): no number of it is written here.
"""

import contextlib
import os
import sys

from .errors import GenError

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "dts"))

from dtmodel import DtbError, DtError, DtFileError, Model, load  # noqa: E402
from dtmodel import decode, xen  # noqa: E402

MIB = 1 << 20


@contextlib.contextmanager
def model_errors():
    """A DtError of the model becomes gen_domcfg's GenError, naming the same place."""
    try:
        yield
    except DtFileError as e:
        raise GenError(e.file, "-", "-", f"cannot read: {e.strerror}") from e
    except DtbError as e:
        raise GenError(e.file, "/", "-",
                       f"not a valid DTB ({e.reason}): compile the board with dtc") from e
    except DtError as e:
        raise GenError(e.file, e.node or "/", e.prop or "-", e.message) from e


class Domain:
    """The model of one DTB and Xen's guest memory map in it."""

    def __init__(self, dtb):
        self.dtb = str(dtb)
        with model_errors():
            self.model = Model(load(self.dtb))
            self.map = xen.guest_map(self.model)

    def regions(self, node):
        """The node's reg as [(address, size)]."""
        with model_errors():
            return decode.regs(self.model.tree, node)

    def reserved_windows(self):
        with model_errors():
            return self.map.reserved()


def load_dtb(path):
    return Domain(path)


def memory_mib(dom):
    """The domain's RAM in MiB: one node, one region, at the start of the first RAM bank."""
    dtb = dom.dtb
    nodes = [n for n in dom.model.okay_nodes() if n.string("device_type") == "memory"]
    if not nodes:
        raise GenError(dtb, "/", "device_type",
                       'no memory node: add memory@40000000 { device_type = "memory"; '
                       "reg = <0x40000000 SIZE>; }")
    if len(nodes) > 1:
        raise GenError(dtb, nodes[1].path, "device_type",
                       f"second memory node (first: {nodes[0].path}): xl gives the domain "
                       "one RAM bank, describe it in one node")
    node = nodes[0]
    regs = dom.regions(node)
    if len(regs) != 1:
        raise GenError(dtb, node.path, "reg",
                       f"{len(regs)} regions: give exactly one, <0x40000000 SIZE>")
    base, size = regs[0]
    check_memory_region(dom, node.path, base, size)
    return size // MIB


def check_memory_region(dom, path, base, size):
    ram0_base, ram0_size = dom.map.ram_banks[0]
    if base != ram0_base:
        raise GenError(dom.dtb, path, "reg",
                       f"base 0x{base:x} is not Xen's GUEST_RAM0_BASE 0x{ram0_base:x}, "
                       f"where xl puts guest RAM: use reg = <0x{ram0_base:x} SIZE>")
    if size == 0 or size % MIB:
        raise GenError(dom.dtb, path, "reg",
                       f"size 0x{size:x} is not a whole, non-zero number of MiB, which is "
                       "what xl's `memory` counts: round it to MiB")
    if size > ram0_size:
        raise GenError(dom.dtb, path, "reg",
                       f"size 0x{size:x} is above Xen's GUEST_RAM0_SIZE "
                       f"0x{ram0_size:x} ({ram0_size // MIB} MiB): make it smaller")


def vcpu_count(dom):
    root = dom.model.tree.root
    cpus = [c for c in root.children if c.name == "cpus"]
    count = 0
    if cpus:
        count = sum(1 for c in cpus[0].children
                    if c.okay() and c.string("device_type") == "cpu")
    if count == 0:
        raise GenError(dom.dtb, cpus[0].path if cpus else "/", "device_type",
                       'no cpu nodes: add /cpus/cpu@0 { device_type = "cpu"; reg = <0>; }, '
                       "one per vCPU")
    return count


def has_vuart(dom):
    """Whether the domain gets Xen's vpl011; it only exists at GUEST_PL011_BASE."""
    nodes = [n for n in dom.model.okay_nodes() if "arm,sbsa-uart" in n.strings("compatible")]
    if len(nodes) > 1:
        raise GenError(dom.dtb, nodes[1].path, "compatible",
                       "Xen emulates one vpl011: keep one arm,sbsa-uart node")
    base, size = dom.map.vpl011
    for node in nodes:
        regs = dom.regions(node)
        if not regs or regs[0][0] != base:
            found = f"0x{regs[0][0]:x}" if regs else "no reg"
            raise GenError(dom.dtb, node.path, "reg",
                           f"{found}: Xen's vpl011 is at GUEST_PL011_BASE 0x{base:x}: use "
                           f"reg = <0x{base:x} 0x{size:x}>")
    return bool(nodes)
