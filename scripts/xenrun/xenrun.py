#!/usr/bin/python3
"""Boot real Xen 4.17 (Debian 12 armhf) under qemu-system-arm with a guest image.

Three ways to run the guest:
  dom0less  Xen starts the guest itself from the device tree (no Linux; ~1 s).
  dom0      Xen + a Debian Linux dom0 that runs `xl create -F CFG` (~12 s), the
            way a user runs the RTOS on the board.
  sdcard    the SD card image of `ninja sdcard`, booted as the board boots it:
            U-Boot, boot.scr, Xen, the card's dom0, `xl create` of its erika.cfg.

The serial console is streamed to stdout (and --log). With --test/--expect the
guest's output is checked for the ERIKA-TEST protocol:
  ERIKA-TEST PASS <name>
  ERIKA-TEST FAIL <name> <detail...>
  ERIKA-TEST END
and a line `N passed, N failed` closes the run. See docs/xenrun.md.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The modules next to this file, one job each (see docs/xenrun.md):
from cache import ensure_host_tools  # noqa: E402
from dom0 import cmd_dom0  # noqa: E402
from dom0less import cmd_dom0less  # noqa: E402
from monitor import Monitor  # noqa: E402
from observer import Observer  # noqa: E402
from qemu import DEFAULT_CPUS, MAX_CPUS, Console, monitor_socket, run_qemu  # noqa: E402
from sdcard import CARD_READY, TYPED, cmd_sdcard  # noqa: E402
from typist import Typist  # noqa: E402
from util import die, log  # noqa: E402
from verdict import finish  # noqa: E402


def icount_shift(text):
    """--icount's SHIFT: QEMU accepts 0 to 10."""
    try:
        shift = int(text)
    except ValueError:
        shift = -1
    if not 0 <= shift <= 10:
        raise argparse.ArgumentTypeError(f"{text}: the shift is 0 to 10")
    return shift


def cpu_count(text):
    """--cpus N: QEMU's virt machine with GICv2 takes 1 to MAX_CPUS."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if not 1 <= n <= MAX_CPUS:
        raise argparse.ArgumentTypeError(f"{text}: the machine has 1 to {MAX_CPUS} CPUs")
    return n


def add_common_options(p, default_timeout):
    p.add_argument("--image", required=True, help="guest image (ARM zImage format)")
    p.add_argument("--timeout", type=int, default=default_timeout,
                   help=f"seconds before QEMU is killed (default {default_timeout}; 0: none)")
    p.add_argument("--log", help="also write the console to this file")
    p.add_argument("--monitor", metavar="SOCK",
                   help="QEMU monitor on this unix socket (default: one in the work dir; "
                        "XENRUN-MONITOR-CHECK lines use it, see monitor.py)")
    p.add_argument("--quiet", action="store_true",
                   help="do not stream the console (the tail is still shown on failure)")
    p.add_argument("--xen-arg", action="append", default=[], metavar="ARG",
                   help="extra Xen command-line argument (repeatable)")
    p.add_argument("--qemu-arg", action="append", default=[], metavar="ARG",
                   help="extra QEMU argument (repeatable; after xenrun's own, so it can "
                        "override them), e.g. --qemu-arg=-s for a gdb server on :1234")
    p.add_argument("--icount", type=icount_shift, metavar="SHIFT",
                   help="instruction-deterministic virtual time for benchmarks: QEMU "
                        "runs with -icount shift=SHIFT (0-10), one instruction = "
                        "2^SHIFT ns. The machine then has one CPU (-smp 1 instead of "
                        "-smp 2): with a fixed shift Xen hangs at boot on two")
    p.add_argument("--cpus", type=cpu_count, metavar="N",
                   help=f"physical CPUs of the QEMU machine (-smp N, 1-{MAX_CPUS}; "
                        f"default {DEFAULT_CPUS}), e.g. 3 for dom0 on pCPU 0 and an "
                        "RTOS pinned to 1 and 2")
    p.add_argument("--workdir", help="keep generated files (dtb, initramfs) here")
    t = p.add_argument_group("test options")
    t.add_argument("--test", action="store_true",
                   help="check the ERIKA-TEST protocol; print 'N passed, N failed'")
    t.add_argument("--expect", action="append", default=[], metavar="REGEX",
                   help="a guest output line must match (repeatable; implies --test)")
    t.add_argument("--console", choices=("console_io", "vpl011", "pv", "vuart"),
                   help="only this guest console counts for --expect and PASS/FAIL "
                        "(dom0less: console_io, vpl011; dom0: pv, vuart)")
    t.add_argument("--expect-crash", action="store_true",
                   help="pass only if the domain crashed (implies --test)")
    t.add_argument("--expect-poweroff", action="store_true",
                   help="the domain's poweroff replaces the END marker. dom0: xl "
                        "must report reason code 0 (poweroff). dom0less: Xen prints "
                        "nothing on a domU's shutdown, so the guest's own "
                        "'*** ERIKA: domain shutdown: poweroff' line must appear "
                        "(implies --test)")


def build_parser():
    parser = argparse.ArgumentParser(
        prog="xenrun.py", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("dom0less", help="Xen starts the guest from the device tree",
                       description="Boot Xen with the guest as a dom0less domU "
                                   "(vpl011 enabled). Stops at ERIKA-TEST END.")
    add_common_options(p, 60)
    p.add_argument("--mem-mib", type=int, default=16, help="guest memory (default 16)")
    p.add_argument("--vcpus", type=int, default=1, help="guest vCPUs (default 1)")
    p.set_defaults(func=cmd_dom0less)
    p = sub.add_parser("dom0", help="Linux dom0 runs `xl create -F CFG`",
                       description="Boot Xen + Debian Linux dom0; xl creates the "
                                   "guest from CFG; dom0 prints the guest's console "
                                   "logs (PV console and vUART) and powers off.")
    add_common_options(p, 120)
    p.add_argument("--cfg", required=True, help="xl domain config (kernel = relative name)")
    p.add_argument("--config", metavar="DOTCONFIG",
                   help="the image's .config: Xen's dom0_mem, dom0_max_vcpus and "
                        "dom0_vcpus_pin come from its CONFIG_SDCARD_DOM0_* (as on the SD "
                        "card); default dom0_mem=128M dom0_max_vcpus=1, unpinned")
    p.add_argument("--linux-arg", action="append", default=[], metavar="ARG",
                   help="extra dom0 Linux command-line argument (repeatable)")
    p.add_argument("--payload-extra", metavar="DIR",
                   help="copied to /payload/extra in dom0; its pre.sh, running.sh, "
                        "post.sh run before xl create, while the domain runs, after")
    p.set_defaults(func=cmd_dom0)
    p = sub.add_parser("sdcard", help="boot the SD card image through U-Boot",
                       description="QEMU runs Debian's U-Boot (-bios) with --image (the "
                                   "sdcard.img of `ninja sdcard`) as a virtio disk; the "
                                   "card does the rest. Without --script the console is "
                                   "yours (a dom0 shell); Ctrl-C ends.")
    add_common_options(p, 0)
    p.add_argument("--uboot", default="qemu_arm",
                   help="Debian's U-Boot build to run with -bios (default qemu_arm)")
    p.add_argument("--mem-mib", type=int, default=512,
                   help="the machine's RAM (CONFIG_SDCARD_RAM_MIB; default 512)")
    p.add_argument("--script", metavar="FILE",
                   help="the checks: run in dom0's shell from a second disk once the "
                        "card's init is ready (typed as one line)")
    p.add_argument("--check-bootargs", action="store_true",
                   help="expect Xen to report the card's xen,xen-bootargs (the script "
                        "prints `xl info`) and dom0 to get their dom0_mem (implies --test)")
    p.set_defaults(func=cmd_sdcard)
    return parser


def install_signal_handlers():
    """SIGTERM/SIGHUP unwind like Ctrl-C, so QEMU is always killed."""
    def handler(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)


def main(argv=None):
    opts = build_parser().parse_args(argv)
    if not os.path.isfile(opts.image):
        die(f"{opts.image}: no such file")
    if getattr(opts, "cfg", None) and not os.path.isfile(opts.cfg):
        die(f"{opts.cfg}: no such file")
    if getattr(opts, "config", None) and not os.path.isfile(opts.config):
        die(f"{opts.config}: no such file")
    for rx in opts.expect:
        try:
            re.compile(rx)
        except re.error as e:
            die(f"--expect {rx!r}: {e}")
    if opts.icount is not None and opts.cpus is not None:
        die("--cpus and --icount exclude each other: under --icount the machine has one "
            "CPU (Xen 4.17 hangs at boot on more)")
    if opts.expect_crash and opts.expect_poweroff:
        die("--expect-crash and --expect-poweroff exclude each other")
    if opts.log:
        Path(opts.log).resolve().parent.mkdir(parents=True, exist_ok=True)
    install_signal_handlers()
    ensure_host_tools()
    if opts.workdir:
        work = Path(opts.workdir).resolve()
        work.mkdir(parents=True, exist_ok=True)
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="xenrun-")
        work = Path(cleanup.name)
    console = Console(opts.log, opts.quiet)
    try:
        cmd = opts.func(opts, work)
        monitor = Monitor(monitor_socket(opts, work))
        observer = Observer(opts.command, opts.expect, console=opts.console, monitor=monitor)
        typist = Typist(CARD_READY, TYPED) if getattr(opts, "script", None) else None
        interactive = opts.command == "sdcard" and typist is None and sys.stdin.isatty()
        started = time.monotonic()
        run = run_qemu(cmd, opts.timeout, console, observer, typist, interactive)
        return finish(observer, run, console, opts, started)
    except KeyboardInterrupt:
        log("interrupted; QEMU killed")
        return 130
    except subprocess.CalledProcessError as e:
        log(f"error: {e}")
        return 2
    finally:
        console.close()
        if cleanup:
            cleanup.cleanup()


if __name__ == "__main__":
    sys.exit(main())
