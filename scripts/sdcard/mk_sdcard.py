#!/usr/bin/python3
"""`ninja sdcard`: the whole SD card of a build, from its .config and devicetree.

Writes, in the build directory:
  sdcard/       the files of the card's ext4 partition, as they go on the card
  sdcard.img    the partitioned card (U-Boot at byte 8192 where the board's
                ROM wants it), ready for dd
  sdcard.txt    how to write it, what each file is, what the serial console shows

The pieces: Xen 4.17 and the dom0 kernel (and its DTB) from the Debian cache
that the tests boot (scripts/xenrun/fetch_xen.sh, scripts/sdcard/fetch_boot.sh);
the dom0 root (mk_card_root.sh); the application's dom0 module, if it has a
dom0/ kbuild directory, built against that kernel (build_dom0_module.sh);
the RTOS image and erika.cfg of this build; boot.cmd (gen_bootcmd.py) and
boot.scr (mkimage). Each step says what it does; a step whose inputs have not
changed since the last run is skipped, so a warm rebuild takes seconds.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
BASE = HERE.parent.parent
sys.path.insert(0, str(HERE))

from card_text import card_text  # noqa: E402

LABEL = "ERIKA-CARD"
# mkimage stamps the time into boot.scr: a fixed one keeps the card reproducible.
SOURCE_DATE_EPOCH = "0"


def say(msg):
    print(f"sdcard: {msg}", flush=True)


def fail(msg):
    print(f"sdcard: error: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def run(cmd, **kwargs):
    try:
        rc = subprocess.run(cmd, check=False, **kwargs).returncode
    except FileNotFoundError:
        fail(f"{cmd[0]} is not installed (scripts/install_deps.sh installs what the card needs)")
    if rc:
        fail(f"{Path(cmd[0]).name} failed (its messages are above)")


def cache_dir():
    """The cache of fetch_xen.sh (same rule as scripts/xenrun/lib.sh)."""
    if os.environ.get("ERIKA_XEN_CACHE"):
        return Path(os.environ["ERIKA_XEN_CACHE"])
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "erika-xen"


def read_env(path):
    """KEY=VALUE lines of kernel.env / uboot.env."""
    values = {}
    for line in Path(path).read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.startswith("#"):
            values[key] = value.strip('"')
    return values


def digest(paths, extra=""):
    """What a step's output depends on: the files' names and contents."""
    h = hashlib.sha256(extra.encode())
    for p in sorted(str(p) for p in paths):
        h.update(p.encode() + b"\0")
        with open(p, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def up_to_date(stamp, key, outputs):
    return (stamp.exists() and stamp.read_text() == key
            and all(Path(o).exists() for o in outputs))


def build_module(src, work, cache):
    """The application's dom0 module(s), against the cache's dom0 kernel."""
    out = work / "module"
    stamp = work / "module.key"
    sources = [p for p in Path(src).rglob("*") if p.is_file() and not p.name.startswith(".")]
    sources += [cache / "kernel.env", BASE / "scripts/xenrun/build_dom0_module.sh"]
    # Headers the module shares with its application (MODULE_SRC/../include).
    sources += [p for p in (Path(src).parent / "include").rglob("*.h")]
    key = digest(sources)
    kos = sorted(out.glob("*.ko")) if out.exists() else []
    if kos and up_to_date(stamp, key, kos):
        say(f"dom0 module {', '.join(k.name for k in kos)} up to date")
        return kos
    say(f"building the dom0 module of {src} against the dom0 kernel's headers")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    run([str(BASE / "scripts/xenrun/build_dom0_module.sh"), str(src), str(out)])
    stamp.write_text(key)
    return sorted(out.glob("*.ko"))


def build_root(work, cache):
    """The dom0 root (initramfs) of the card."""
    out = work / "initrd.gz"
    stamp = work / "initrd.key"
    inputs = [HERE / "dom0_init.sh", HERE / "mk_card_root.sh",
              BASE / "scripts/xenrun/mk_initramfs.sh", cache / ".stamp",
              cache / "sdcard/.stamp"]
    key = digest(inputs, LABEL)
    if up_to_date(stamp, key, [out]):
        say("dom0 root initrd.gz up to date")
        return out
    say("building the dom0 root (initramfs: busybox, Xen tools, the card's /init)")
    run([str(HERE / "mk_card_root.sh"), str(out), LABEL])
    stamp.write_text(key)
    return out


def copy_if_different(src, dst):
    """Copy unless dst already has the same bytes (keeps its time stamp)."""
    if dst.exists() and dst.read_bytes() == Path(src).read_bytes():
        return
    shutil.copyfile(src, dst)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="mk_sdcard", description=__doc__.splitlines()[0])
    p.add_argument("--board", required=True)
    p.add_argument("--config", required=True, help=".config")
    p.add_argument("--dtb", required=True, help="the RTOS domain's DTB")
    p.add_argument("--image", required=True, help="the RTOS image")
    p.add_argument("--cfg", required=True, help="erika.cfg")
    p.add_argument("--module-src", help="the application's dom0 kbuild directory")
    p.add_argument("--out", required=True, help="the build directory")
    return p.parse_args(argv)


def main(argv=None):
    opts = parse_args(argv)
    out = Path(opts.out)
    work = out / "sdcard-work"
    card = out / "sdcard"
    work.mkdir(parents=True, exist_ok=True)
    card.mkdir(exist_ok=True)
    gen = [sys.executable, str(HERE / "gen_bootcmd.py"), "--config", opts.config,
           "--dtb", opts.dtb, "--board", opts.board]
    run(gen + ["--check"])

    say("Debian's Xen, dom0 kernel and U-Boot (downloaded once into the cache)")
    run([str(HERE / "fetch_boot.sh")], stdout=subprocess.DEVNULL)
    cache = cache_dir()
    kernel = read_env(cache / "kernel.env")
    uboot = read_env(cache / "sdcard/uboot.env")
    config = read_env(opts.config)
    dtb_name = config.get("CONFIG_SDCARD_DOM0_DTB", "")
    uboot_dir = cache / "sdcard/u-boot" / config.get("CONFIG_SDCARD_UBOOT", "")
    spl = None
    if config.get("CONFIG_SDCARD_UBOOT_ON_CARD") == "y":
        spl = uboot_dir / "u-boot-sunxi-with-spl.bin"
        if not spl.exists():
            fail(f"{spl}: no such U-Boot in Debian's packages (CONFIG_SDCARD_UBOOT)")

    kos = build_module(opts.module_src, work, cache) if opts.module_src else []
    initrd = build_root(work, cache)

    files = {"xen": cache / "xen-4.17-armhf", "vmlinuz": cache / "vmlinuz",
             "initrd.gz": initrd}
    if dtb_name:
        files[dtb_name] = cache / "sdcard/dtbs" / dtb_name
        if not files[dtb_name].exists():
            fail(f"{dtb_name}: not among the dom0 kernel package's devicetrees "
                 "(CONFIG_SDCARD_DOM0_DTB)")
    files[Path(opts.image).name] = Path(opts.image)
    files[Path(opts.cfg).name] = Path(opts.cfg)
    for ko in kos:
        files[ko.name] = ko

    say("generating boot.cmd from .config and compiling it to boot.scr")
    sizes = ["--file", f"xen={files['xen']}", "--file", f"dom0={files['vmlinuz']}",
             "--file", f"initrd={initrd}"]
    if dtb_name:
        sizes += ["--file", f"fdt={files[dtb_name]}"]
    run(gen + ["--output", str(work / "boot.cmd")] + sizes)
    files["boot.cmd"] = work / "boot.cmd"
    for name, src in files.items():
        copy_if_different(src, card / name)
    scr = card / "boot.scr"
    if not scr.exists() or scr.stat().st_mtime < (card / "boot.cmd").stat().st_mtime:
        run(["mkimage", "-q", "-C", "none", "-A", "arm", "-T", "script",
             "-n", f"ERIKA {opts.board}", "-d", str(card / "boot.cmd"), str(scr)],
            env=dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH), stdout=subprocess.DEVNULL)
    names = set(files) | {"boot.scr"}
    for stray in card.iterdir():
        if stray.name not in names:
            say(f"removing {stray.name} from sdcard/ (no longer part of the card)")
            if stray.is_dir():
                shutil.rmtree(stray)
            else:
                stray.unlink()

    img = out / "sdcard.img"
    part_mib = int(config.get("CONFIG_SDCARD_PART_MIB", "64"))
    key = digest([card / n for n in names] + ([spl] if spl else []), f"{part_mib} {LABEL}")
    if up_to_date(work / "image.key", key, [img]):
        say("sdcard.img up to date")
    else:
        say(f"writing sdcard.img ({part_mib} MiB ext4 partition"
            + (f", U-Boot {spl.parent.name} at byte 8192)" if spl else ")"))
        cmd = [sys.executable, str(HERE / "mk_image.py"), "--dir", str(card),
               "--output", str(img), "--part-mib", str(part_mib), "--label", LABEL]
        run(cmd + (["--spl", str(spl)] if spl else []))
        (work / "image.key").write_text(key)

    bootargs = subprocess.run(gen + ["--print-xen-bootargs"], check=True, capture_output=True,
                              text=True).stdout.strip()
    text = card_text(board=opts.board, config=config, kernel=kernel, uboot=uboot,
                     files=sorted(names), image=Path(opts.image).name, kos=[k.name for k in kos],
                     spl=spl, bootargs=bootargs, img=img, label=LABEL)
    (out / "sdcard.txt").write_text(text)
    say(f"done: {img} ({img.stat().st_size // (1 << 20)} MiB), {card}/, {out / 'sdcard.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
