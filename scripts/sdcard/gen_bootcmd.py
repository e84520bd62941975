#!/usr/bin/python3
"""Check the SD card's boot settings (Kconfig menu "SD card") and write boot.cmd.

    gen_bootcmd.py --config .config --dtb erika.dtb --check
        configure time: the settings alone (load addresses in RAM, no two
        rooms overlapping, dom0_mem + the RTOS's memory within the board's
        RAM, strings U-Boot can quote);
    gen_bootcmd.py --config .config --dtb erika.dtb --output boot.cmd \
            --file xen=PATH --file dom0=PATH --file initrd=PATH [--file fdt=PATH]
        build time: the same, each file within its room, then boot.cmd.

boot.cmd is the seed's script for U-Boot: load Xen, the dom0 zImage and its
initramfs from the partition U-Boot found the script on, put Xen's command
line and the two multiboot modules into the devicetree's /chosen, bootz Xen.
Errors read `<.config>:<line>: error: CONFIG_X=<value>: <what and the fix>`
(exit 1; the output is not written). The RTOS's memory is the devicetree's
memory node, read through gen_domcfg (the devicetree model of scripts/dts/dtmodel).
"""

import argparse
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gen_domcfg"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kconfig"))

from domcfg.devicetree import load_dtb, memory_mib  # noqa: E402
from domcfg.errors import GenError  # noqa: E402
from domcfg.output import remove_stale, write_atomically  # noqa: E402
import dotconfig  # noqa: E402

MIB = 1 << 20
# `fdt resize` adds this much room for the /chosen nodes boot.cmd writes.
FDT_EXTRA = 8192
# The rooms, in boot.cmd's order: (key, what, address symbol, room symbol, file on the card).
ROOMS = (
    ("xen", "Xen", "CONFIG_SDCARD_XEN_ADDR", "CONFIG_SDCARD_XEN_ROOM_MIB", "xen"),
    ("dom0", "the dom0 kernel", "CONFIG_SDCARD_DOM0_ADDR", "CONFIG_SDCARD_DOM0_ROOM_MIB",
     "vmlinuz"),
    ("initrd", "the dom0 initramfs", "CONFIG_SDCARD_INITRD_ADDR",
     "CONFIG_SDCARD_INITRD_ROOM_MIB", "initrd.gz"),
    ("fdt", "the devicetree", "CONFIG_SDCARD_FDT_ADDR", "CONFIG_SDCARD_FDT_ROOM_MIB", None),
)
# What U-Boot's hush and `fdt set "..."` take inside double quotes unchanged.
SAFE_STRING = re.compile(r"[A-Za-z0-9 _.,:/=@+%-]*")


class ConfigError(Exception):
    """A bad setting, worded as `file:line: error: CONFIG_X=value: message`."""


class Settings:
    """The .config's symbols, with the line each is set on for the messages."""

    def __init__(self, path):
        self.path = path
        try:
            located = dotconfig.read_located(path)
        except dotconfig.DotConfigError as e:
            where = e.path if e.line is None else f"{e.path}:{e.line}"
            raise ConfigError(f"{where}: error: {e.message}") from e
        self.symbols = {name: value for name, (value, _) in located.items()}
        self.lines = {name: line for name, (_, line) in located.items()}

    def error(self, name, message):
        value = self.symbols.get(name, "")
        return ConfigError(f"{self.path}:{self.lines.get(name, 0)}: error: "
                           f"{name}={value}: {message}")

    def string(self, name, allow_empty=True):
        value = self.symbols.get(name, "")
        value = "" if value == "n" else value
        if not value and not allow_empty:
            raise self.error(name, "must be set (the board's Kconfig.defconfig gives it)")
        if not SAFE_STRING.fullmatch(value):
            raise self.error(name, "may hold letters, digits, spaces and _.,:/=@+%- only: "
                                   "boot.cmd puts it between double quotes")
        return value

    def number(self, name):
        value = self.symbols.get(name, "")
        try:
            return int(value, 0)
        except ValueError:
            raise self.error(name, "must be set to a number (the board's Kconfig.defconfig "
                                   "gives it)") from None

    def flag(self, name):
        return self.symbols.get(name, "n") == "y"


def check(settings, dtb):
    """All configure-time checks; returns the values boot.cmd needs."""
    s = settings
    v = {
        "uboot": s.string("CONFIG_SDCARD_UBOOT", allow_empty=False),
        "dtb": s.string("CONFIG_SDCARD_DOM0_DTB"),
        "dtuart": s.string("CONFIG_SDCARD_XEN_DTUART", allow_empty=False),
        "extra": s.string("CONFIG_SDCARD_XEN_EXTRA_BOOTARGS"),
        "dom0_args": s.string("CONFIG_SDCARD_DOM0_BOOTARGS"),
        "dom0_mem": s.number("CONFIG_SDCARD_DOM0_MEM_MIB"),
        "dom0_vcpus": s.number("CONFIG_SDCARD_DOM0_MAX_VCPUS"),
        "pin": s.flag("CONFIG_SDCARD_DOM0_VCPUS_PIN"),
    }
    if not re.fullmatch(r"[A-Za-z0-9_-]+", v["uboot"]):
        raise s.error("CONFIG_SDCARD_UBOOT", "must be a directory name of /usr/lib/u-boot/")
    if v["dtb"] and not re.fullmatch(r"[A-Za-z0-9_.-]+\.dtb", v["dtb"]):
        raise s.error("CONFIG_SDCARD_DOM0_DTB", "must be empty or a file name ending in .dtb")
    ram_base = s.number("CONFIG_SDCARD_RAM_BASE")
    ram_end = ram_base + s.number("CONFIG_SDCARD_RAM_MIB") * MIB
    # U-Boot's own place at the top of RAM: it refuses to load files there.
    uboot_start = ram_end - s.number("CONFIG_SDCARD_UBOOT_TOP_MIB") * MIB
    try:
        rtos_mib = memory_mib(load_dtb(dtb))
    except GenError as e:
        raise ConfigError(str(e)) from e
    if v["dom0_mem"] + rtos_mib > s.number("CONFIG_SDCARD_RAM_MIB"):
        raise s.error("CONFIG_SDCARD_DOM0_MEM_MIB",
                      f"dom0_mem {v['dom0_mem']} MiB + the RTOS domain's {rtos_mib} MiB "
                      f"(its devicetree's memory node) is more than the board's "
                      f"{s.number('CONFIG_SDCARD_RAM_MIB')} MiB (CONFIG_SDCARD_RAM_MIB): "
                      "lower dom0_mem or the RTOS's memory")
    rooms = {}
    for key, what, addr_sym, room_sym, _ in ROOMS:
        addr, room = s.number(addr_sym), s.number(room_sym) * MIB
        if addr % 4096:
            raise s.error(addr_sym, f"{what}'s load address must be 4 KiB aligned")
        if addr < ram_base or addr + room > ram_end:
            raise s.error(addr_sym,
                          f"{what}'s room 0x{addr:x}-0x{addr + room:x} ({room_sym}="
                          f"{room // MIB}) is not inside the board's RAM 0x{ram_base:x}-"
                          f"0x{ram_end:x} (CONFIG_SDCARD_RAM_BASE, CONFIG_SDCARD_RAM_MIB)")
        if addr + room > uboot_start:
            raise s.error(addr_sym,
                          f"{what}'s room 0x{addr:x}-0x{addr + room:x} ({room_sym}="
                          f"{room // MIB}) reaches into 0x{uboot_start:x}-0x{ram_end:x}, "
                          "which U-Boot keeps for itself (CONFIG_SDCARD_UBOOT_TOP_MIB): it "
                          "refuses to load a file there; move it lower")
        for o_addr, o_room, o_what, o_sym, o_room_sym in rooms.values():
            if addr < o_addr + o_room and o_addr < addr + room:
                raise s.error(addr_sym,
                              f"{what}'s room 0x{addr:x}-0x{addr + room:x} overlaps "
                              f"{o_what}'s 0x{o_addr:x}-0x{o_addr + o_room:x} ({o_sym}="
                              f"0x{o_addr:x}, {o_room_sym}={o_room // MIB}): move one of them")
        rooms[key] = (addr, room, what, addr_sym, room_sym)
    v["rooms"] = rooms
    return v


def check_files(settings, values, files):
    """Build time: each file fits its room (the devicetree with its added room)."""
    for key, what, addr_sym, room_sym, _ in ROOMS:
        if key not in files:
            continue
        size = os.path.getsize(files[key]) + (FDT_EXTRA + 4096 if key == "fdt" else 0)
        room = values["rooms"][key][1]
        if size > room:
            raise settings.error(room_sym,
                                 f"{what} ({files[key]}, {size / MIB:.1f} MiB) does not fit "
                                 f"its room of {room // MIB} MiB: make the room larger")


def xen_bootargs(v):
    args = [f"console=dtuart dtuart={v['dtuart']}", f"dom0_mem={v['dom0_mem']}M",
            f"dom0_max_vcpus={v['dom0_vcpus']}"]
    if v["pin"]:
        args.append("dom0_vcpus_pin")
    if v["extra"]:
        args.append(v["extra"])
    return " ".join(args)


def render(board, v):
    rooms = v["rooms"]
    xen, dom0, initrd, fdt = (rooms[k][0] for k in ("xen", "dom0", "initrd", "fdt"))
    part = "${devtype} ${devnum}:${distro_bootpart}"
    lines = [
        f"# boot.cmd of the {board} SD card: generated by scripts/sdcard/gen_bootcmd.py",
        "# from .config (menu \"SD card\"); do not edit, change the configuration.",
        "# U-Boot's distro boot runs it (as boot.scr, made with mkimage) from the",
        "# partition it found it on: ${devtype} ${devnum}:${distro_bootpart}.",
        "echo ERIKA SD card: loading Xen, the dom0 kernel and its initramfs",
        f"ext4load {part} 0x{xen:x} /xen",
        f"ext4load {part} 0x{dom0:x} /vmlinuz",
        "setenv dom0_size ${filesize}",
        f"ext4load {part} 0x{initrd:x} /initrd.gz",
        "setenv initrd_size ${filesize}",
    ]
    if v["dtb"]:
        lines += [f"ext4load {part} 0x{fdt:x} /{v['dtb']}",
                  f"fdt addr 0x{fdt:x}"]
    else:
        lines += ["fdt addr ${fdtcontroladdr}",
                  f"fdt move ${{fdtcontroladdr}} 0x{fdt:x} 0x{rooms['fdt'][1]:x}"]
    lines += [
        f"fdt resize {FDT_EXTRA}",
        "fdt set /chosen \\#address-cells <1>",
        "fdt set /chosen \\#size-cells <1>",
        f"fdt set /chosen xen,xen-bootargs \"{xen_bootargs(v)}\"",
        "fdt mknode /chosen module@0",
        "fdt set /chosen/module@0 compatible \"xen,linux-zimage\" \"xen,multiboot-module\"",
        f"fdt set /chosen/module@0 reg <0x{dom0:x} 0x${{dom0_size}}>",
        f"fdt set /chosen/module@0 bootargs \"{v['dom0_args']}\"",
        "fdt mknode /chosen module@1",
        "fdt set /chosen/module@1 compatible \"xen,linux-initrd\" \"xen,multiboot-module\"",
        f"fdt set /chosen/module@1 reg <0x{initrd:x} 0x${{initrd_size}}>",
        "echo ERIKA SD card: starting Xen",
        f"bootz 0x{xen:x} - 0x{fdt:x}",
    ]
    return "\n".join(lines) + "\n"


def parse_args(argv):
    p = argparse.ArgumentParser(prog="gen_bootcmd", description=__doc__.splitlines()[0])
    p.add_argument("--config", required=True, help="the Kconfig .config")
    p.add_argument("--dtb", required=True, help="the RTOS domain's DTB (its memory node)")
    p.add_argument("--board", default="ERIKA", help="board name for the header comment")
    p.add_argument("--check", action="store_true", help="check the settings only")
    p.add_argument("--output", help="boot.cmd to write")
    p.add_argument("--file", action="append", default=[], metavar="KEY=PATH",
                   help="a file U-Boot loads (xen, dom0, initrd, fdt), for its size")
    p.add_argument("--print-xen-bootargs", action="store_true",
                   help="print Xen's command line (after the checks)")
    opts = p.parse_args(argv)
    if not opts.check and not opts.output and not opts.print_xen_bootargs:
        p.error("give --check, --output or --print-xen-bootargs")
    return opts


def main(argv=None):
    opts = parse_args(argv)
    files = {}
    for item in opts.file:
        key, sep, path = item.partition("=")
        if not sep or key not in {r[0] for r in ROOMS} or not os.path.isfile(path):
            print(f"gen_bootcmd: --file {item}: want KEY=PATH of an existing file, KEY one "
                  "of xen, dom0, initrd, fdt", file=sys.stderr)
            return 2
        files[key] = path
    try:
        settings = Settings(opts.config)
        values = check(settings, opts.dtb)
        check_files(settings, values, files)
        if opts.print_xen_bootargs:
            print(xen_bootargs(values))
        if opts.output:
            write_atomically(opts.output, render(opts.board, values))
    except ConfigError as e:
        print(e, file=sys.stderr)
        if opts.output:
            remove_stale(opts.output)
        return 1
    except OSError as e:
        print(f"gen_bootcmd: {e.filename}: error: {e.strerror}", file=sys.stderr)
        if opts.output:
            remove_stale(opts.output)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
