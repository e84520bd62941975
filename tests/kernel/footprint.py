#!/usr/bin/python3
"""Kernel footprint of a build: text, data and bss of what the OSEK kernel
put in the image, from the linker's map (after --gc-sections), the kernel
being kernel/erika/*.c, the context switch (os_switch.S) and the generated
tables (erika_oil.c, reported apart: they grow with the OIL file).

    footprint.py BUILD_DIR [--max-text BYTES]

With --max-text, exits 1 when the kernel's text is above BYTES.
"""
import argparse
import sys
from pathlib import Path

# One map parser for the tree: the benchmark's, which splits an image into
# modules; the kernel and its tables are two of them.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "bench"))
sys.dont_write_bytecode = True
from footprint import module_sizes  # noqa: E402


def sizes(map_path):
    """{'kernel': {...}, 'tables': {...}} of text/data/bss bytes."""
    modules = module_sizes(Path(map_path))
    return {"kernel": modules["kernel"], "tables": modules["oil tables"]}


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
