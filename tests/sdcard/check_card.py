#!/usr/bin/python3
"""Read a built SD card image back, as the board's boot ROM and U-Boot see it.

    check_card.py BUILD_DIR [--uboot Cubieboard2] --files a,b,... [--line TEXT]...

BUILD_DIR holds sdcard.img, sdcard/ and sdcard-work/boot.cmd (`ninja sdcard`).
Checks, each printed as ERIKA-TEST PASS/FAIL card.<name>:
  - with --uboot: Debian's u-boot-sunxi-with-spl.bin of that build is at byte
    8192, byte for byte, and starts with the eGON boot header the Allwinner
    boot ROM looks for ("eGON.BT0" at offset 4: sunxi's SPL header);
  - the MBR has one bootable Linux partition, starting after U-Boot's end;
  - the partition's ext4 file system (read with debugfs, e2fsprogs) holds
    exactly --files (besides lost+found), each equal to its copy in sdcard/;
  - its boot.scr decodes (dumpimage, u-boot-tools) to the generated boot.cmd;
  - boot.cmd has every --line (the board's load addresses, the bootargs).
Exit 0 when every check passed.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SECTOR = 512
SPL_OFFSET = 8192
EGON_MAGIC = b"eGON.BT0"

results = []


def result(name, ok, detail=""):
    results.append(ok)
    print(f"ERIKA-TEST {'PASS' if ok else 'FAIL'} card.{name}" + ("" if ok else f" {detail}"),
          flush=True)


def cache_dir():
    if os.environ.get("ERIKA_XEN_CACHE"):
        return Path(os.environ["ERIKA_XEN_CACHE"])
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "erika-xen"


def partition1(image):
    """(boot flag, type, start sector, sectors) of MBR entry 1."""
    mbr = image[:SECTOR]
    if mbr[510:512] != b"\x55\xaa":
        return None
    entry = mbr[446:462]
    return (entry[0], entry[4], int.from_bytes(entry[8:12], "little"),
            int.from_bytes(entry[12:16], "little"))


def script_text(data):
    """The script of a dumped legacy script image's data: a table of
    big-endian sizes ended by 0 (mkimage -T script writes one), then the
    script itself, whose length the table gives."""
    sizes, off = [], 0
    while off + 4 <= len(data):
        size = int.from_bytes(data[off:off + 4], "big")
        off += 4
        if size == 0:
            break
        sizes.append(size)
    if len(sizes) != 1 or off + sizes[0] > len(data):
        return ""
    return data[off:off + sizes[0]].decode("utf-8", errors="replace")


def debugfs(spec, request):
    return subprocess.run(["debugfs", "-R", request, spec], capture_output=True,
                          check=False).stdout


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("build")
    p.add_argument("--uboot", help="Debian U-Boot build expected at byte 8192")
    p.add_argument("--files", required=True, help="the partition's files, comma-separated")
    p.add_argument("--line", action="append", default=[], help="a line boot.cmd must have")
    opts = p.parse_args(argv)
    build = Path(opts.build)
    img_path = build / "sdcard.img"
    image = img_path.read_bytes()

    spl_end = 0
    if opts.uboot:
        spl = (cache_dir() / "sdcard/u-boot" / opts.uboot / "u-boot-sunxi-with-spl.bin").read_bytes()
        at = image[SPL_OFFSET:SPL_OFFSET + len(spl)]
        result("egon_header_at_8192", at[4:12] == EGON_MAGIC,
               f"bytes 8196-8203 are {at[4:12]!r}, not {EGON_MAGIC!r}")
        result("uboot_at_8192", at == spl, "the bytes at 8192 are not Debian's "
               f"{opts.uboot}/u-boot-sunxi-with-spl.bin")
        spl_end = SPL_OFFSET + len(spl)

    part = partition1(image)
    if part is None:
        result("mbr", False, "no MBR signature 55 aa")
        return 1
    flag, ptype, start, sectors = part
    result("partition1_linux_bootable", flag == 0x80 and ptype == 0x83,
           f"boot flag {flag:#x}, type {ptype:#x}")
    result("partition1_after_uboot", start * SECTOR >= max(spl_end, SECTOR),
           f"partition 1 at byte {start * SECTOR}, U-Boot ends at {spl_end}")
    result("partition1_in_image", (start + sectors) * SECTOR <= len(image),
           f"ends at {(start + sectors) * SECTOR}, image is {len(image)} bytes")

    spec = f"{img_path}?offset={start * SECTOR}"
    listing = debugfs(spec, "ls -p /").decode(errors="replace")
    names = {f.split("/")[5] for f in listing.splitlines() if f.count("/") >= 6}
    names -= {".", "..", "lost+found"}
    want = set(opts.files.split(","))
    result("exactly_the_listed_files", names == want,
           f"missing {sorted(want - names)}, unexpected {sorted(names - want)}")
    for name in sorted(want & names):
        on_card = debugfs(spec, f"cat /{name}")
        copy = (build / "sdcard" / name).read_bytes()
        result(f"same_{name}", on_card == copy, f"/{name} on the card differs from sdcard/{name}")

    generated = (build / "sdcard-work" / "boot.cmd").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        scr = Path(tmp) / "boot.scr"
        scr.write_bytes(debugfs(spec, "cat /boot.scr"))
        out = Path(tmp) / "boot.cmd"
        proc = subprocess.run(["dumpimage", "-T", "script", "-p", "0", "-o", str(out), str(scr)],
                              capture_output=True, text=True, check=False)
        decoded = script_text(out.read_bytes()) if out.exists() else ""
        result("boot_scr_decodes_to_boot_cmd", proc.returncode == 0 and decoded == generated,
               f"dumpimage rc {proc.returncode} {proc.stderr.strip()!r}; "
               f"{len(decoded)} bytes decoded, boot.cmd has {len(generated)}")
    lines = generated.splitlines()
    for i, line in enumerate(opts.line):
        result(f"boot_cmd_line_{i}", line in lines, f"boot.cmd has no line {line!r}")
    print(f"{results.count(True)} passed, {results.count(False)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
