#!/usr/bin/python3
"""Footprint of a build, per module: text (code + read-only data), data and
bss bytes that each part of the tree put in the image, from the linker's map
(after --gc-sections, so only what is linked in), as JSON on stdout.

    footprint.py BUILD_DIR

Modules: the OSEK kernel (kernel/erika, the context switch os_switch.S), its
generated tables (oil/erika_oil.c), the Xen drivers (drivers/xen), the other
drivers, the arch layer (arch/arm/xen: entry, vectors, MMU), lib/os, the
toolchain's libraries and the application (everything else). The totals
come from arm-none-eabi-size on erika.elf and cross-check the sum.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

SECTION = re.compile(r"^ (\.(text|rodata|data|bss|init)[^\s]*)(?:\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)"
                     r"\s+(\S+))?$")
CONT = re.compile(r"^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S+)$")
# .init_<level>_<prio>: SYS_INIT records (include/erika/init.h), read-only data.
KIND = {"text": "text", "rodata": "text", "init": "text", "data": "data", "bss": "bss"}
MODULES = [  # first match wins
    ("kernel", re.compile(r"(kernel/erika/[^/]+\.c|arch/arm/xen/os_switch\.S)\.obj$")),
    ("oil tables", re.compile(r"oil/erika_oil\.c\.obj$")),
    ("xen drivers", re.compile(r"drivers/xen/[^/]+\.obj$")),
    ("other drivers", re.compile(r"drivers/.+\.obj$")),
    ("arch", re.compile(r"arch/arm/xen/[^/]+\.obj$")),
    ("lib/os", re.compile(r"lib/os/[^/]+\.obj$")),
    ("toolchain libs", re.compile(r"\.a\(")),
    ("application", re.compile(r".")),
]


def error(where, msg):
    print(f"{where}: error: {msg}", file=sys.stderr)
    sys.exit(1)


def module_sizes(map_path):
    out = {name: {"text": 0, "data": 0, "bss": 0} for name, _ in MODULES}
    try:
        lines = map_path.read_text().splitlines()
    except OSError as e:
        error(map_path, e.strerror)
    try:
        start = lines.index("Linker script and memory map")
    except ValueError:
        error(f"{map_path}:1", "not a GNU ld map file (no 'Linker script and memory map')")
    pending = None
    for line in lines[start:]:
        m = SECTION.match(line)
        if m:
            kind = KIND[m.group(2)]
            if m.group(3) is None:  # name alone; address, size, object on the next line
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
        for name, rx in MODULES:
            if rx.search(obj):
                out[name][kind] += size
                break
    return out


def elf_totals(elf):
    """text, data, bss of the ELF (arm-none-eabi-size, Berkeley format)."""
    try:
        res = subprocess.run(["arm-none-eabi-size", str(elf)], capture_output=True, text=True,
                             check=True)
        text, data, bss = (int(x) for x in res.stdout.splitlines()[1].split()[:3])
    except (OSError, subprocess.CalledProcessError, ValueError, IndexError) as e:
        error(elf, f"arm-none-eabi-size failed: {e}")
    return {"text": text, "data": data, "bss": bss}


def main():
    if len(sys.argv) != 2:
        print("usage: footprint.py BUILD_DIR", file=sys.stderr)
        return 2
    build = Path(sys.argv[1])
    json.dump({"modules": module_sizes(build / "erika.map"),
               "elf": elf_totals(build / "erika.elf")}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
