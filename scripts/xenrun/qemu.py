"""QEMU itself: the machine and console arguments, running it with its
console echoed (stdout, --log, the tail kept for a failure report) and fed
line by line to an observer, and killing it on every way out."""
import collections
import os
import select
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

from util import log

QEMU = "qemu-system-arm"
# The machine of XEN-QEMU.md. highmem=off: a Linux dom0 hangs probing the
# PCIe ECAM above 4 GB otherwise.
MACHINE_ARGS = ["-M", "virt,virtualization=on,gic-version=2,highmem=off",
                "-cpu", "cortex-a15", "-smp", "2", "-m", "512"]
# Not -nographic: it multiplexes the QEMU monitor onto stdio with Ctrl-a as
# escape key, which is also Xen's console-switch key. Plain -serial stdio.
CONSOLE_ARGS = ["-display", "none", "-serial", "stdio", "-no-reboot"]

TAIL_LINES = 60


def machine_args(opts):
    """MACHINE_ARGS, with one CPU under --icount: with a fixed icount shift
    and two CPUs, Xen 4.17 hangs at boot while it patches its alternatives
    (the last line is "alternatives: Patching with alt table ...")."""
    if opts.icount is None:
        return MACHINE_ARGS
    i = MACHINE_ARGS.index("-smp")
    return MACHINE_ARGS[:i + 1] + ["1"] + MACHINE_ARGS[i + 2:]


def monitor_socket(opts, work):
    """The monitor's socket: --monitor, else one in the work dir for the checks."""
    return Path(opts.monitor) if opts.monitor else Path(work) / "monitor.sock"


def qemu_base_args(opts, work):
    args = [QEMU] + machine_args(opts)
    if opts.icount is not None:
        args += ["-icount", f"shift={opts.icount}"]
    args += CONSOLE_ARGS
    args += ["-monitor", f"unix:{monitor_socket(opts, work)},server=on,wait=off"]
    return args + opts.qemu_arg


def qemu_escape(value):
    """A -device option value: commas are doubled."""
    return str(value).replace(",", ",,")


class Console:
    """Echoes console output to stdout and the log file; keeps the tail."""

    def __init__(self, log_path, quiet):
        self.log = open(log_path, "w") if log_path else None
        self.quiet = quiet
        self.tail = collections.deque(maxlen=TAIL_LINES)
        self.partial = ""

    def write(self, text):
        """Text as it arrives; returns the complete lines it finishes."""
        text = text.replace("\r", "")
        if not self.quiet:
            sys.stdout.write(text)
            sys.stdout.flush()
        if self.log:
            self.log.write(text)
            self.log.flush()
        lines = (self.partial + text).split("\n")
        self.partial = lines.pop()
        self.tail.extend(lines)
        return lines

    def flush_partial(self):
        if self.partial:
            self.tail.append(self.partial)
            if not self.quiet:
                sys.stdout.write("\n")
            line, self.partial = self.partial, ""
            return [line]
        return []

    def close(self):
        if self.log:
            self.log.close()


def kill_qemu(proc, group=True):
    """Stop QEMU and anything it started (group: it runs in its own session;
    an interactive QEMU stays in ours, to read the terminal, and is signalled
    alone)."""
    if proc.poll() is not None:
        return
    for sig, wait_s in ((signal.SIGTERM, 3), (signal.SIGKILL, 3)):
        try:
            if group:
                os.killpg(proc.pid, sig)
            else:
                proc.send_signal(sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait_s)
            return
        except subprocess.TimeoutExpired:
            pass


def run_qemu(cmd, timeout, console, observer, typist=None, interactive=False):
    """Run QEMU, feeding its console to the observer until QEMU exits, the
    observer says stop, or the timeout. Returns "exited", "stopped" or
    "timeout". QEMU is killed on every way out, Ctrl-C included.
    typist: types into the serial input (typist.py); interactive: the serial
    input is this process's stdin (a shell on the console for the user)."""
    log("running: " + " ".join(shlex.quote(c) for c in cmd))
    if typist is not None:
        stdin = subprocess.PIPE
    else:
        stdin = None if interactive else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=not interactive)
    deadline = time.monotonic() + timeout if timeout > 0 else None
    fd = proc.stdout.fileno()
    try:
        while True:
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                return "timeout"
            if observer.should_stop():
                return "stopped"
            wait = 0.2 if deadline is None else min(0.2, deadline - now)
            ready, _, _ = select.select([fd], [], [], max(wait, 0))
            if not ready:
                continue
            data = os.read(fd, 65536)
            if not data:
                for line in console.flush_partial():
                    observer.feed(line)
                proc.wait()
                return "exited"
            lines = console.write(data.decode("utf-8", errors="replace"))
            for line in lines:
                observer.feed(line)
            typed = typist.poll(lines, console.partial) if typist is not None else None
            if typed:
                proc.stdin.write(typed)
                proc.stdin.flush()
    finally:
        kill_qemu(proc, group=not interactive)
