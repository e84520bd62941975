#!/usr/bin/python3
"""Write the SD card image: an MBR with one bootable ext4 partition holding DIR.

    mk_image.py --dir build/sdcard --output build/sdcard.img --part-mib 64
                --label ERIKA-CARD [--spl u-boot-sunxi-with-spl.bin]

No root and no loop device: the partition is made by `mke2fs -t ext4 -d DIR`
in a file of its own and copied into the image behind an MBR that `sfdisk`
writes into a plain file. With --spl, the Allwinner boot ROM's SPL + U-Boot
image goes at byte 8192 (where the A20's ROM looks for its eGON header), and
the partition starts at the first MiB boundary after its end. Without it the
partition starts at 1 MiB. The image is written beside OUTPUT and renamed:
a failed run leaves no half-written image. Errors: `mk_image: <file>: error: ...`.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

SECTOR = 512
MIB = 1 << 20
SPL_OFFSET = 8192


class ImageError(Exception):
    pass


def run(cmd, what, **kwargs):
    """Run a tool; its complaint becomes the error."""
    try:
        subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)
    except FileNotFoundError as e:
        raise ImageError(f"{cmd[0]}: error: not installed ({what}; scripts/install_deps.sh "
                         "installs it)") from e
    except subprocess.CalledProcessError as e:
        detail = (e.stderr or e.stdout or "").strip().splitlines()
        raise ImageError(f"{cmd[0]}: error: {what} failed: "
                         f"{detail[-1] if detail else 'exit ' + str(e.returncode)}") from e


def partition_start(spl):
    """First sector of partition 1: 1 MiB, or the first MiB boundary after U-Boot."""
    if spl is None:
        return MIB // SECTOR
    end = SPL_OFFSET + os.path.getsize(spl)
    return (end + MIB - 1) // MIB * MIB // SECTOR


def write_at(path, offset, src):
    with open(src, "rb") as f, open(path, "r+b") as out:
        out.seek(offset)
        shutil.copyfileobj(f, out, 4 * MIB)


def make(opts):
    start = partition_start(opts.spl)
    sectors = opts.part_mib * MIB // SECTOR
    out_dir = os.path.dirname(os.path.abspath(opts.output))
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".sdcard-") as tmp:
        part = os.path.join(tmp, "part.ext4")
        image = os.path.join(tmp, "card.img")
        # root_owner: the files belong to root on the card, whoever builds it.
        run(["mke2fs", "-q", "-F", "-t", "ext4", "-L", opts.label, "-E", "root_owner=0:0",
             "-d", opts.dir, part, f"{opts.part_mib}M"],
            f"making the ext4 partition from {opts.dir} ({opts.part_mib} MiB: too small?)")
        with open(image, "wb") as f:
            f.truncate((start + sectors) * SECTOR)
        run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", image],
            "writing the partition table",
            input=f"label: dos\nstart={start}, size={sectors}, type=83, bootable\n")
        if opts.spl:
            write_at(image, SPL_OFFSET, opts.spl)
        write_at(image, start * SECTOR, part)
        os.replace(image, opts.output)
    return start


def main(argv=None):
    p = argparse.ArgumentParser(prog="mk_image", description=__doc__.splitlines()[0])
    p.add_argument("--dir", required=True, help="the files of the partition")
    p.add_argument("--output", required=True, help="the image to write")
    p.add_argument("--part-mib", type=int, required=True, help="partition size in MiB")
    p.add_argument("--label", required=True, help="the ext4 label dom0 looks for")
    p.add_argument("--spl", help="U-Boot with SPL, written at byte 8192")
    opts = p.parse_args(argv)
    for path in [opts.dir] + ([opts.spl] if opts.spl else []):
        if not os.path.exists(path):
            print(f"mk_image: {path}: error: does not exist", file=sys.stderr)
            return 1
    try:
        start = make(opts)
    except (ImageError, OSError) as e:
        print(f"mk_image: {e}", file=sys.stderr)
        return 1
    print(f"mk_image: {opts.output}: partition 1 at sector {start} "
          f"(byte {start * SECTOR}), {opts.part_mib} MiB ext4 '{opts.label}'"
          + (f", U-Boot at byte {SPL_OFFSET}" if opts.spl else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
