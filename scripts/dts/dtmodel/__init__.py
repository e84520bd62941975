"""The one host-side model of the devicetree (issue 11): the DTB is read once, with libfdt
(Debian: python3-libfdt), checked against the bindings (YAML, python3-yaml), and every
output is generated from it: devicetree_generated.h, Kconfig.dts and the CMake values
(scripts/dts/gen_defines.py), and erika.cfg (scripts/gen_domcfg).

  errors.py      DtError: "<file>: <node path>: <property>: <message>"
  dtb.py         reading and checking the DTB; Node and Tree
  decode.py      reg, interrupts (GIC) and gpios, which depend on other nodes
  model.py       Model: okay nodes, instances, RAM, the MMIO region table
  bindings.py    dts/bindings/*.yaml: loading and validation
  xen.py         Xen's guest memory map, read from the devicetree (xen-guest-arm32.dtsi)
  names.py       macro names and C text
  header.py      devicetree_generated.h
  kconfig_dts.py Kconfig.dts
  cmake_dts.py   devicetree.cmake (RAM base and size for the build)
"""

from .bindings import Bindings, validate
from .dtb import load, parse
from .errors import DtbError, DtError, DtFileError
from .model import Model

__all__ = ["Bindings", "DtError", "DtFileError", "DtbError", "Model", "load", "parse", "validate"]
