#!/usr/bin/python3
"""Kernel footprint of a build: text, data and bss of what the OSEK kernel
put in the image, from the linker's map (after --gc-sections), the kernel
being kernel/erika/*.c, the context switch (os_switch.S) and the generated
tables (erika_oil.c, reported apart: they grow with the OIL file).

    footprint.py BUILD_DIR [--max-text BYTES]

With --max-text, exits 1 when the kernel's text is above BYTES.
"""
import argparse
import re
import sys
from pathlib import Path

KERNEL = re.compile(r"(kernel/erika/[^/]+\.c|arch/arm/xen/os_switch\.S)\.obj$")
TABLES = re.compile(r"oil/erika_oil\.c\.obj$")
SECTION = re.compile(r"^ (\.(text|rodata|data|bss)[^\s]*)(?:\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)"
                     r"\s+(\S+))?$")
CONT = re.compile(r"^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S+)$")
KIND = {"text": "text", "rodata": "text", "data": "data", "bss": "bss"}


def sizes(map_path):
    """{'kernel': {...}, 'tables': {...}} of text/data/bss bytes."""
    out = {k: {"text": 0, "data": 0, "bss": 0} for k in ("kernel", "tables")}
    lines = Path(map_path).read_text().splitlines()
    try:
        start = lines.index("Linker script and memory map")
    except ValueError:
        sys.exit(f"{map_path}: not a GNU ld map file")
    pending = None
    for line in lines[start:]:
        m = SECTION.match(line)
        if m:
            kind = KIND[m.group(2)]
            if m.group(3) is None:
                pending = kind
                continue
            size, obj = int(m.group(4), 16), m.group(5)
        else:
            m = CONT.match(line)
            if not (m and pending):
                pending = None
                continue
            kind, size, obj = pending, int(m.group(2), 16), m.group(3)
            pending = None
        for name, rx in (("kernel", KERNEL), ("tables", TABLES)):
            if rx.search(obj):
                out[name][kind] += size
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build_dir")
    ap.add_argument("--max-text", type=int)
    opts = ap.parse_args()
    s = sizes(Path(opts.build_dir) / "erika.map")
    for name in ("kernel", "tables"):
        v = s[name]
        print(f"{opts.build_dir}: {name:6}: text {v['text']:6}  data {v['data']:5}  "
              f"bss {v['bss']:6}")
    if opts.max_text is not None and s["kernel"]["text"] > opts.max_text:
        print(f"kernel text {s['kernel']['text']} > {opts.max_text} bytes", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
