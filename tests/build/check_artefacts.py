#!/usr/bin/python3
"""Check what a Cubieboard2 build leaves for the SD card: A20.bin and erika.cfg."""

import os
import re
import struct
import sys

EXPECTED_CFG_LINES = [
    'name = "ERIKA_Enterprise"',
    'kernel = "A20.bin"',
    "memory = 16",
    "vcpus = 1",
    'iomem = [ "1c20,1" ]',
    'on_crash = "destroy"',
]


def check_image(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, start, end = struct.unpack_from("<III", data, 0x24)
    errors = []
    if magic != 0x016F2818:
        errors.append(f"{path}: zImage magic is 0x{magic:08x}")
    if start != 0x40008000:
        errors.append(f"{path}: start is 0x{start:08x}, xl loads at 0x40008000")
    if end - start != len(data):
        errors.append(f"{path}: end - start = {end - start}, file is {len(data)} bytes")
    return errors


def check_cfg(path):
    with open(path, encoding="utf-8") as f:
        lines = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    errors = [f"{path}: missing line {want!r}" for want in EXPECTED_CFG_LINES
              if want not in lines]
    if any(re.match(r"vuart\s*=", line) for line in lines):
        errors.append(f"{path}: the Cubieboard2 devicetree has no vpl011, yet vuart is set")
    return errors


def main():
    build = sys.argv[1]
    errors = check_image(os.path.join(build, "A20.bin"))
    errors += check_cfg(os.path.join(build, "erika.cfg"))
    for error in errors:
        print(f"FAIL: {error}")
    if not errors:
        print(f"{build}: A20.bin and erika.cfg are as the SD card needs them")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
