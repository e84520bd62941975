"""The parts of gen_domcfg; scripts/gen_domcfg/gen_domcfg.py is the command that joins them.

  errors.py       GenError, the one exception the command turns into a message
  fdt.py          the flattened-devicetree (DTB) reader
  xen.py          Xen's guest memory map for ARM
  devicetree.py   what the devicetree says about the domain: RAM, vCPUs, vpl011
  passthrough.py  the iomem pages of the devices given 1:1, checked against Xen's windows
  kconfig.py      the .config reader and the checks of the deployment symbols
  output.py       erika.cfg: its text and its atomic replacement
"""
