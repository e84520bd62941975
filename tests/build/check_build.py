#!/usr/bin/python3
"""Check what a build leaves for the SD card: the image's zImage header and erika.cfg.

  check_build.py BUILD_DIR --image A20.bin --line 'iomem = [ "1c20,1" ]' --absent '^vuart'
"""

import argparse
import os
import re
import struct
import sys

XL_LOAD_ADDRESS = 0x40008000
ZIMAGE_MAGIC = 0x016F2818


def check_image(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, start, end = struct.unpack_from("<III", data, 0x24)
    errors = []
    if magic != ZIMAGE_MAGIC:
        errors.append(f"{path}: zImage magic is 0x{magic:08x}")
    if start != XL_LOAD_ADDRESS:
        errors.append(f"{path}: start is 0x{start:08x}, xl loads at 0x{XL_LOAD_ADDRESS:08x}")
    if end - start != len(data):
        errors.append(f"{path}: end - start = {end - start}, file is {len(data)} bytes")
    return errors


def check_cfg(path, lines, absent):
    with open(path, encoding="utf-8") as f:
        have = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    errors = [f"{path}: missing line {want!r}" for want in lines if want not in have]
    for pattern in absent:
        errors += [f"{path}: unexpected line {line!r}" for line in have
                   if re.search(pattern, line)]
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", help="the build directory")
    parser.add_argument("--image", required=True, help="image file name in the build dir")
    parser.add_argument("--line", action="append", default=[], help="erika.cfg must have it")
    parser.add_argument("--absent", action="append", default=[],
                        help="no erika.cfg line may match this regex")
    args = parser.parse_args()
    errors = check_image(os.path.join(args.build, args.image))
    errors += check_cfg(os.path.join(args.build, "erika.cfg"), args.line, args.absent)
    for error in errors:
        print(f"FAIL: {error}")
    if not errors:
        print(f"{args.build}: {args.image} and erika.cfg as expected")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
