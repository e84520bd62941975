"""The parts of gen_domcfg; scripts/gen_domcfg/gen_domcfg.py is the command that joins them.

  errors.py       GenError, the one exception the command turns into a message
  devicetree.py   what the devicetree says about the domain: RAM, vCPUs, vpl011, read
                  through the devicetree model (scripts/dts/dtmodel), with Xen's guest
                  memory map from the devicetree (dts/xen-guest-arm32.dtsi)
  passthrough.py  the iomem pages of the devices given 1:1, checked against Xen's windows
  kconfig.py      the deployment symbols (.config read by scripts/kconfig/dotconfig.py)
                  and their checks
  output.py       erika.cfg: its text and its atomic replacement
"""
