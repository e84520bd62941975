"""Xen's command line for a dom0 run: the console part is the runner's (QEMU
virt's PL011); the dom0 part (dom0_mem, dom0_max_vcpus, dom0_vcpus_pin) comes
from the image's .config when --config names it, i.e. from the same Kconfig
symbols that write the SD card's boot.cmd (Kconfig.sdcard,
scripts/sdcard/gen_bootcmd.py), so a test boots Xen as the card would.
Without --config: dom0_mem=128M dom0_max_vcpus=1, dom0 not pinned."""
import sys

from util import HERE, log

sys.path.insert(0, str(HERE.parent / "kconfig"))
import dotconfig  # noqa: E402

XEN_CONSOLE_ARGS = "console=dtuart dtuart=/pl011@9000000 loglvl=all guest_loglvl=all"
DEFAULT_DOM0_ARGS = "dom0_mem=128M dom0_max_vcpus=1"
MEM = "CONFIG_SDCARD_DOM0_MEM_MIB"
VCPUS = "CONFIG_SDCARD_DOM0_MAX_VCPUS"
PIN = "CONFIG_SDCARD_DOM0_VCPUS_PIN"


def _refuse(where, message):
    """`xenrun: FILE[:LINE]: error: MESSAGE`, exit status 2 (as util.die)."""
    log(f"{where}: error: {message}")
    sys.exit(2)


def _where(path, located, name):
    """path:line of name's assignment in the .config (path alone if absent)."""
    return f"{path}:{located[name][1]}" if name in located else str(path)


def _number(path, located, name, low, high):
    text = located.get(name, (None, 0))[0]
    if text is None:
        _refuse(path, f"no {name} (not the .config of an ERIKA build?)")
    try:
        value = int(text, 0)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        _refuse(_where(path, located, name), f"{name}={text}: must be a number from {low} to {high}")
    return value


def dom0_args_from_config(path, cpus):
    """The dom0 part of Xen's command line from a .config; dom0 may not have
    more vCPUs than the machine has CPUs (cpus)."""
    try:
        located = dotconfig.read_located(path)
    except dotconfig.DotConfigError as e:
        where = e.path if e.line is None else f"{e.path}:{e.line}"
        _refuse(where, e.message)
    mem = _number(path, located, MEM, 32, 4096)
    vcpus = _number(path, located, VCPUS, 1, 8)
    if vcpus > cpus:
        _refuse(_where(path, located, VCPUS), f"{VCPUS}={vcpus}, but the machine has {cpus} CPUs "
            "(--cpus): give dom0 fewer vCPUs or the machine more CPUs")
    pin = located.get(PIN, ("n", 0))[0]
    if pin not in ("y", "n"):
        _refuse(_where(path, located, PIN), f"{PIN}={pin}: must be y or n")
    args = [f"dom0_mem={mem}M", f"dom0_max_vcpus={vcpus}"]
    if pin == "y":
        args.append("dom0_vcpus_pin")
    return " ".join(args)


def xen_cmdline(opts, cpus):
    """The whole command line: console part, dom0 part, then --xen-arg."""
    dom0 = dom0_args_from_config(opts.config, cpus) if opts.config else DEFAULT_DOM0_ARGS
    return " ".join([XEN_CONSOLE_ARGS, dom0] + opts.xen_arg)
