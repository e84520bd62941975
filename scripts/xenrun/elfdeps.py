#!/usr/bin/python3
"""Follow the DT_NEEDED entries of 32-bit ELF programs inside an extracted root.

Usage: elfdeps.py ROOT PROGRAM...   (PROGRAM paths are relative to ROOT)

Prints, one per line, every file (relative to ROOT) that the programs need at
run time: the programs' ELF interpreter and the transitive closure of their
shared libraries, as the paths where the dynamic loader will look for them.
Exits 1 and names the missing sonames when one cannot be found, so that a
package missing from the download list shows up at fetch time, not at boot.

Written for the armhf dom0 of the Xen test rig: we cannot run the armhf
loader (ldd) on the host, and we do not want to depend on binutils' readelf.
"""
import os
import struct
import sys

# Where an armhf Debian dynamic loader looks (no RUNPATH in the Xen tools).
LIB_DIRS = ("lib/arm-linux-gnueabihf", "usr/lib/arm-linux-gnueabihf",
            "lib", "usr/lib")

PT_LOAD, PT_DYNAMIC, PT_INTERP = 1, 2, 3
DT_NULL, DT_NEEDED, DT_STRTAB = 0, 1, 5


def read_elf32(path):
    """Return (interpreter or None, [needed sonames]) of a 32-bit ELF file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 1:
        raise ValueError(f"{path}: not a 32-bit ELF file")
    endian = "<" if data[5] == 1 else ">"
    phoff, = struct.unpack_from(endian + "I", data, 28)
    phentsize, phnum = struct.unpack_from(endian + "HH", data, 42)
    loads, dynamic, interp = [], None, None
    for i in range(phnum):
        p_type, p_offset, p_vaddr, _, p_filesz = struct.unpack_from(
            endian + "IIIII", data, phoff + i * phentsize)
        if p_type == PT_LOAD:
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == PT_DYNAMIC:
            dynamic = (p_offset, p_filesz)
        elif p_type == PT_INTERP:
            interp = data[p_offset:p_offset + p_filesz].rstrip(b"\0").decode()
    if dynamic is None:
        return interp, []          # static program (busybox-static)

    def vaddr_to_offset(vaddr):
        for seg_vaddr, seg_offset, seg_size in loads:
            if seg_vaddr <= vaddr < seg_vaddr + seg_size:
                return vaddr - seg_vaddr + seg_offset
        raise ValueError(f"{path}: address {vaddr:#x} not in a PT_LOAD")

    needed_offsets, strtab = [], None
    off, end = dynamic[0], dynamic[0] + dynamic[1]
    while off + 8 <= end:
        tag, val = struct.unpack_from(endian + "iI", data, off)
        off += 8
        if tag == DT_NULL:
            break
        if tag == DT_NEEDED:
            needed_offsets.append(val)
        elif tag == DT_STRTAB:
            strtab = vaddr_to_offset(val)
    needed = []
    for n in needed_offsets:
        stop = data.index(b"\0", strtab + n)
        needed.append(data[strtab + n:stop].decode())
    return interp, needed


def find_library(root, soname):
    """Path (relative to root) where the loader would find soname, or None."""
    for d in LIB_DIRS:
        rel = os.path.join(d, soname)
        if os.path.exists(os.path.join(root, rel)):
            return rel
    return None


def closure(root, programs):
    """Return (sorted needed files, sorted missing sonames)."""
    found, missing = set(), set()
    todo = list(programs)
    seen = set()
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        interp, needed = read_elf32(os.path.join(root, rel))
        if interp:
            found.add(interp.lstrip("/"))
        for soname in needed:
            lib = find_library(root, soname)
            if lib is None:
                missing.add(soname)
            else:
                found.add(lib)
                todo.append(lib)
    return sorted(found), sorted(missing)


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) > 1 else 2
    root, programs = argv[1], argv[2:]
    files, missing = closure(root, programs)
    for f in files:
        print(f)
    if missing:
        print("elfdeps: missing shared libraries: " + " ".join(missing),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
