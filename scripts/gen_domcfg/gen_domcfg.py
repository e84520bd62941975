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
and exit with status 1. The DTB is read by the devicetree model of scripts/dts/dtmodel (the one
DTB reader of the tree, python3-libfdt), the .config by scripts/kconfig/dotconfig.py. This
file is the command; the domcfg package beside it holds the parts (domcfg/__init__.py lists
them).
"""

import argparse
import os
import sys

# The parts live in the domcfg package beside this file, also when this file is loaded by
# path rather than run. The build runs it from the source tree: leave no __pycache__ there.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

from domcfg.devicetree import has_vuart, load_dtb, memory_mib, vcpu_count
from domcfg.errors import GenError
from domcfg.kconfig import (REQUIRED_SYMBOLS, check_domain_name, check_image_name,
                            check_on_crash, parse_config, parse_max_event_channels,
                            parse_pinning, required)
from domcfg.output import remove_stale, render, write_atomically
from domcfg.passthrough import merge_spans, passthrough_spans


def domain_settings(dtb, config):
    """Everything erika.cfg says, checked; raises GenError on the first problem."""
    dom = load_dtb(dtb)
    symbols = parse_config(config)
    values = {name: required(symbols, config, name) for name in REQUIRED_SYMBOLS}
    check_domain_name(config, values["CONFIG_XEN_DOMAIN_NAME"])
    check_image_name(config, values["CONFIG_XEN_IMAGE_NAME"])
    check_on_crash(config, values["CONFIG_XEN_ON_CRASH"])
    memory = memory_mib(dom)
    vcpus = vcpu_count(dom)
    pinning = symbols.get("CONFIG_XEN_VCPU_PINNING", "")
    return {
        "name": values["CONFIG_XEN_DOMAIN_NAME"],
        "kernel": values["CONFIG_XEN_IMAGE_NAME"],
        "memory": memory,
        "vcpus": vcpus,
        "cpus": parse_pinning(config, "" if pinning == "n" else pinning, vcpus),
        "vuart": has_vuart(dom),
        "iomem": merge_spans(passthrough_spans(dom)),
        "max_event_channels": parse_max_event_channels(
            config, symbols.get("CONFIG_XEN_MAX_EVENT_CHANNELS", "")),
        "on_crash": values["CONFIG_XEN_ON_CRASH"],
    }


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
