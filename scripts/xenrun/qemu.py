"""QEMU itself: the machine and console arguments, running it with its
console echoed (stdout, --log, the tail kept for a failure report) and fed
line by line to an observer, and killing it on every way out."""
import collections
import dataclasses
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
# -nic none: no test needs a network, and the default NIC would need the
# ipxe-qemu ROM (efi-virtio.rom), which a minimal Debian does not have.
MACHINE_ARGS = ["-M", "virt,virtualization=on,gic-version=2,highmem=off",
                "-cpu", "cortex-a15", "-m", "512", "-nic", "none"]
# Physical CPUs (-smp) unless --cpus says otherwise: two, the old default. A
# third CPU costs ~1.6 s per dom0 boot on a 2-core host, so only the tests
# that pin (dom0 on pCPU 0, the RTOS's two vCPUs on 1 and 2) ask for 3.
DEFAULT_CPUS = 2
MAX_CPUS = 8        # QEMU virt with GICv2: at most 8 CPUs
# Not -nographic: it multiplexes the QEMU monitor onto stdio with Ctrl-a as
# escape key, which is also Xen's console-switch key. Plain -serial stdio.
CONSOLE_ARGS = ["-display", "none", "-serial", "stdio", "-no-reboot"]

TAIL_LINES = 60


def machine_cpus(opts):
    """The machine's CPUs: --cpus, else DEFAULT_CPUS; one under --icount:
    with a fixed icount shift and two CPUs, Xen 4.17 hangs at boot while it
    patches its alternatives (the last line is "alternatives: Patching with
    alt table ..."). xenrun.py refuses --cpus with --icount."""
    if opts.icount is not None:
        return 1
    return opts.cpus if opts.cpus is not None else DEFAULT_CPUS


def machine_args(opts):
    """MACHINE_ARGS with -smp machine_cpus(opts) after -cpu (where it always
    was: dom0less caches QEMU's device tree under a hash of these)."""
    i = MACHINE_ARGS.index("-cpu") + 2
    return MACHINE_ARGS[:i] + ["-smp", str(machine_cpus(opts))] + MACHINE_ARGS[i:]


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
        self.aside = ""      # an unfinished line of write_aside()

    def _echo(self, text, stream):
        """text to stream (unless --quiet) and to the log file."""
        if not self.quiet:
            stream.write(text)
            stream.flush()
        if self.log:
            self.log.write(text)
            self.log.flush()

    def write(self, text):
        """Text as it arrives; returns the complete lines it finishes."""
        text = text.replace("\r", "")
        self._echo(text, sys.stdout)
        lines = (self.partial + text).split("\n")
        self.partial = lines.pop()
        self.tail.extend(lines)
        return lines

    def write_aside(self, text):
        """Text that is not console output (QEMU's own stderr): shown and
        logged, kept in the tail, never fed to the observer."""
        text = text.replace("\r", "")
        self._echo(text, sys.stderr)
        self.aside += text
        done, _, self.aside = self.aside.rpartition("\n")
        self.tail.extend(ln for ln in done.splitlines() if ln.strip())

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


@dataclasses.dataclass
class QemuRun:
    """How a QEMU run ended: outcome is "exited" (QEMU ended by itself),
    "stopped" (the observer had seen enough) or "timeout"; status is QEMU's
    exit status when it exited, and stderr what QEMU itself said (its own
    errors, e.g. a missing ROM, not the guest's console)."""
    outcome: str
    status: int = None
    stderr: str = ""

    def stderr_lines(self):
        return [ln.strip() for ln in self.stderr.splitlines() if ln.strip()]

    def describe_exit(self):
        """QEMU's own end as text ("QEMU exited with status 1: ..."), or None
        when QEMU did not end by itself."""
        if self.outcome != "exited":
            return None
        said = " ".join(self.stderr_lines()[-5:]) or "nothing on stderr"
        return f"QEMU exited with status {self.status} ({said})"


def run_qemu(cmd, timeout, console, observer, typist=None, interactive=False):
    """Run QEMU, feeding its console (stdout) to the observer until QEMU
    exits, the observer says stop, or the timeout. QEMU's stderr is echoed
    apart and kept for the verdict. Returns a QemuRun. QEMU is killed on
    every way out, Ctrl-C included.
    typist: types into the serial input (typist.py); interactive: the serial
    input is this process's stdin (a shell on the console for the user)."""
    log("running: " + " ".join(shlex.quote(c) for c in cmd))
    if typist is not None:
        stdin = subprocess.PIPE
    else:
        stdin = None if interactive else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=not interactive)
    run = QemuRun("exited")
    deadline = time.monotonic() + timeout if timeout > 0 else None
    out, err = proc.stdout.fileno(), proc.stderr.fileno()
    open_fds = [out, err]
    try:
        while open_fds:
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                run.outcome = "timeout"
                return run
            if observer.should_stop():
                run.outcome = "stopped"
                return run
            wait = 0.2 if deadline is None else min(0.2, deadline - now)
            ready, _, _ = select.select(open_fds, [], [], max(wait, 0))
            for fd in ready:
                data = os.read(fd, 65536)
                if not data:
                    open_fds.remove(fd)
                    continue
                text = data.decode("utf-8", errors="replace")
                if fd == err:
                    run.stderr += text
                    console.write_aside(text)
                    continue
                lines = console.write(text)
                for line in lines:
                    observer.feed(line)
                typed = typist.poll(lines, console.partial) if typist is not None else None
                if typed:
                    proc.stdin.write(typed)
                    proc.stdin.flush()
        for line in console.flush_partial():
            observer.feed(line)
        run.status = proc.wait()
        return run
    finally:
        kill_qemu(proc, group=not interactive)
