#!/usr/bin/python3
"""Check the zImage header of a guest image and print its size.

Run after every link: a header that Xen's loaders would reject (wrong magic,
`end` not matching the file) fails the build here instead of at boot.
"""

import argparse
import os
import struct
import sys

ZIMAGE_MAGIC = 0x016F2818
HEADER_OFFSET = 0x24


def check_header(image):
    """Return (start, end) from the header, or raise ValueError saying what is wrong."""
    with open(image, "rb") as f:
        data = f.read(HEADER_OFFSET + 12)
    if len(data) < HEADER_OFFSET + 12:
        raise ValueError("file too short for a zImage header")
    magic, start, end = struct.unpack_from("<III", data, HEADER_OFFSET)
    if magic != ZIMAGE_MAGIC:
        raise ValueError(f"magic 0x{magic:08x} at 0x24, expected 0x{ZIMAGE_MAGIC:08x}")
    size = os.path.getsize(image)
    if end - start != size:
        raise ValueError(f"header end - start = {end - start} but the file has {size} bytes")
    return start, end


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("image", help="the binary image (objcopy -O binary)")
    args = parser.parse_args()
    try:
        start, end = check_header(args.image)
    except (OSError, ValueError) as err:
        print(f"image_info: {args.image}: {err}", file=sys.stderr)
        return 1
    print(f"{os.path.basename(args.image)}: zImage, load/entry 0x{start:08x}, "
          f"{end - start} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
