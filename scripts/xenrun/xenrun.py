#!/usr/bin/python3
"""Boot real Xen 4.17 (Debian 12 armhf) under qemu-system-arm with a guest image.

Two ways to run the guest:
  dom0less  Xen starts the guest itself from the device tree (no Linux; ~1 s).
  dom0      Xen + a Debian Linux dom0 that runs `xl create -F CFG` (~12 s), the
            way a user runs the RTOS on the board.

The serial console is streamed to stdout (and --log). With --test/--expect the
guest's output is checked for the ERIKA-TEST protocol:
  ERIKA-TEST PASS <name>
  ERIKA-TEST FAIL <name> <detail...>
  ERIKA-TEST END
and a line `N passed, N failed` closes the run. See docs/xenrun.md.
"""
import argparse
import collections
import hashlib
import os
import re
import select
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from monitor import Monitor, run_check as monitor_check  # noqa: E402

HERE = Path(__file__).resolve().parent

QEMU = "qemu-system-arm"
# The machine of XEN-QEMU.md. highmem=off: a Linux dom0 hangs probing the
# PCIe ECAM above 4 GB otherwise.
MACHINE_ARGS = ["-M", "virt,virtualization=on,gic-version=2,highmem=off",
                "-cpu", "cortex-a15", "-smp", "2", "-m", "512"]
# Not -nographic: it multiplexes the QEMU monitor onto stdio with Ctrl-a as
# escape key, which is also Xen's console-switch key. Plain -serial stdio.
CONSOLE_ARGS = ["-display", "none", "-serial", "stdio", "-no-reboot"]

XEN_BOOTARGS = "console=dtuart dtuart=/pl011@9000000 loglvl=all guest_loglvl=all"
DOM0_XEN_BOOTARGS = ("console=dtuart dtuart=/pl011@9000000 dom0_mem=128M "
                     "dom0_max_vcpus=1 loglvl=all guest_loglvl=all")
# quiet: ~0.5-1 s less of boot messages per run; warnings still print, and
# --linux-arg=loglevel=8 brings everything back.
DOM0_LINUX_BOOTARGS = "console=hvc0 earlycon=xenboot rdinit=/init quiet"
DOM0LESS_IMAGE_ADDR = 0x50000000
DOM0_KERNEL_ADDR = 0x42000000
DOM0_INITRD_ADDR = 0x44000000

ZIMAGE_MAGIC = 0x016F2818
TAIL_LINES = 60
FAULT_GRACE_S = 1.0       # keep reading this long after a fault report
DOM0_BOOT_BUDGET_S = 25   # dom0 boot + log dump; the rest of --timeout is the guest's

SHUTDOWN_REASONS = {0: "poweroff", 1: "reboot", 2: "suspend", 3: "crash",
                    4: "watchdog", 5: "soft_reset"}
CRASH_REASONS = (3, 4)

# --- what the console lines mean -------------------------------------------
# dom0less: HYPERVISOR_console_io output is "(dN) text"; vpl011 output is
# "(XEN) DOMN: text" (Xen flushes the vUART at each newline).
RE_CONSOLE_IO = re.compile(r"^\(d(\d+)\) ?(.*)$")
RE_VPL011 = re.compile(r"^\(XEN\) DOM(\d+): ?(.*)$")
# Xen's own evidence of a crash (domain_crash()) or of its own death.
RE_XEN_CRASH = re.compile(r"\(XEN\) Domain (\d+) (\(vcpu#\d+\) crashed|reported crashed)")
RE_XEN_PANIC = re.compile(r"\(XEN\) (Panic on CPU|PANIC)")
# dom0: markers printed by the initramfs /init and the generated run.sh.
RE_LOG_BEGIN = re.compile(r"^XENRUN-(LOG|HOOK) BEGIN (\S+)")
RE_LOG_END = re.compile(r"^XENRUN-(LOG|HOOK) END (\S+)")
RE_XL_SHUTDOWN = re.compile(r"Domain (\d+) has shut down, reason code (\d+)")
RE_XL_DESTROYED = re.compile(r"Domain (\d+) has been destroyed")
# The test protocol, inside the guest's text.
RE_TEST = re.compile(r"\bERIKA-TEST (PASS|FAIL|END)\b[ \t]*(.*)$")
FAULT_MARK = "*** FAULT"
# What the guest prints just before SCHEDOP_shutdown (drivers/xen/domain.c):
# dom0less Xen reports nothing when a domU shuts down, so this is how the
# runner learns that the domain ended, and why.
RE_GUEST_SHUTDOWN = re.compile(r"\*\*\* ERIKA: domain shutdown: (poweroff|reboot|crash)\b")


def log(msg):
    """A message of this tool (not console output)."""
    print(f"xenrun: {msg}", flush=True)


def die(msg):
    log(f"error: {msg}")
    sys.exit(2)


# --- host set-up --------------------------------------------------------------

def cache_dir():
    """The cache of fetch_xen.sh (same rule as scripts/xenrun/lib.sh)."""
    if os.environ.get("ERIKA_XEN_CACHE"):
        return Path(os.environ["ERIKA_XEN_CACHE"])
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "erika-xen"


def ensure_host_tools():
    """Install QEMU and dtc from Debian when missing (fresh CI machine)."""
    wanted = {"qemu-system-arm": "qemu-system-arm", "dtc": "device-tree-compiler"}
    missing = [pkg for tool, pkg in wanted.items() if shutil.which(tool) is None]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    log(f"installing {' '.join(missing)}")
    # A broken index (security mirror mid-sync) must not stop us; the
    # install fails loudly if the packages really are unavailable.
    subprocess.run(sudo + ["apt-get", "update", "-q"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "--no-install-recommends"]
                   + missing, check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def ensure_xen_cache():
    """Run fetch_xen.sh (instant when its stamp is there) and return the cache."""
    subprocess.run([str(HERE / "fetch_xen.sh")], check=True)
    return cache_dir()


def check_zimage(image):
    """Refuse files without the ARM zImage header (magic at 0x24)."""
    with open(image, "rb") as f:
        head = f.read(0x30)
    if len(head) < 0x30:
        die(f"{image}: too short for an ARM zImage")
    magic, start, end = struct.unpack_from("<III", head, 0x24)
    if magic != ZIMAGE_MAGIC:
        die(f"{image}: no ARM zImage magic at offset 0x24")
    return start, end


# --- dom0less device tree -------------------------------------------------------

def virt_dts(cache):
    """QEMU virt's own device tree as dts text, dumped once per QEMU version."""
    version = subprocess.run([QEMU, "--version"], capture_output=True, text=True,
                             check=True).stdout.splitlines()[0]
    key = hashlib.sha256((version + " ".join(MACHINE_ARGS)).encode()).hexdigest()[:12]
    dts = cache / f"virt-{key}.dts"
    if not dts.exists():
        dtb = cache / f"virt-{key}.{os.getpid()}.dtb"    # parallel runs: own file
        machine = MACHINE_ARGS[1] + f",dumpdtb={dtb}"
        subprocess.run([QEMU, "-M", machine] + MACHINE_ARGS[2:] + ["-display", "none"],
                       check=True, capture_output=True)
        text = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", str(dtb)],
                              check=True, capture_output=True, text=True).stdout
        dtb.unlink()
        tmp = dts.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text)
        tmp.replace(dts)
    return dts.read_text()


def dom0less_chosen(image_size, mem_mib, vcpus, xen_args):
    """The /chosen additions: Xen's bootargs and one domU with its kernel module.

    dtc merges this second `/ { chosen { ... } }` into the dumped tree.
    """
    bootargs = " ".join([XEN_BOOTARGS] + xen_args)
    return f"""
/ {{
	chosen {{
		#address-cells = <1>;
		#size-cells = <1>;
		xen,xen-bootargs = "{bootargs}";
		domU1 {{
			compatible = "xen,domain";
			#address-cells = <1>;
			#size-cells = <1>;
			memory = <0 {mem_mib * 1024}>;
			cpus = <{vcpus}>;
			vpl011;
			module@{DOM0LESS_IMAGE_ADDR:x} {{
				compatible = "multiboot,kernel", "multiboot,module";
				reg = <{DOM0LESS_IMAGE_ADDR:#x} {image_size:#x}>;
			}};
		}};
	}};
}};
"""


def compile_dtb(dts_text, out):
    src = out.with_suffix(".dts")
    src.write_text(dts_text)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(out), str(src)],
                   check=True)
    return out


# --- dom0 payload -----------------------------------------------------------------

def parse_xl_cfg(path):
    """The simple `key = "value"` / `key = number` settings of an xl cfg."""
    values = {}
    for line in Path(path).read_text().splitlines():
        m = re.match(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s#\[]+))',
                     line)
        if m:
            values[m.group(1)] = next(g for g in m.groups()[1:] if g is not None)
    return values


def place_cfg_files(image, cfg, sd):
    """Copy the cfg and the files it names into sd/, as a user lays out an SD
    card: `kernel` (the --image) and any relative ramdisk/device_tree."""
    values = parse_xl_cfg(cfg)
    if "name" not in values:
        die(f"{cfg}: no name = \"...\"")
    kernel = values.get("kernel")
    if not kernel:
        die(f"{cfg}: no kernel = \"...\"")
    if os.path.isabs(kernel) or ".." in Path(kernel).parts:
        die(f"{cfg}: kernel = \"{kernel}\" must be relative to the cfg's directory")
    shutil.copy(cfg, sd / Path(cfg).name)
    (sd / kernel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(image, sd / kernel)
    for key in ("ramdisk", "device_tree"):
        rel = values.get(key)
        if rel and not os.path.isabs(rel):
            src = Path(cfg).parent / rel
            if not src.exists():
                die(f"{cfg}: {key} = \"{rel}\" not found next to the cfg")
            (sd / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, sd / rel)
    return values["name"]


RUN_SH = r"""#!/bin/sh
# Generated by xenrun.py: create one domain with xl, wait for its end with a
# time limit, print its console logs between markers.
NAME=@NAME@
CFG=@CFG@
WAIT=@WAIT@
LOGDIR=/var/log/xen/console

hook() {   # hook NAME: run /payload/extra/NAME.sh if the user supplied it
    [ -f "/payload/extra/$1.sh" ] || return 0
    echo "XENRUN-HOOK BEGIN $1"
    (cd /payload/extra && XENRUN_DOMAIN="$NAME" sh "./$1.sh")
    echo "XENRUN-HOOK END $1 rc=$?"
}

dump_log() {   # dump_log LABEL FILE (awk ends an unterminated last line)
    echo "XENRUN-LOG BEGIN $1 $2"
    [ -f "$2" ] && awk '{ print }' "$2"
    echo "XENRUN-LOG END $1"
}

cd /payload/sd || exit 1
hook pre
deadline=$(( $(date +%s) + WAIT ))
# -F: xl stays in the foreground until the domain ends and prints
# "Domain N has shut down, reason code R". "preserve" keeps the ended domain
# (and its console ring) until xenconsoled has drained it; we destroy it below.
# tee: xl's output goes live to the console and to a file we can poll (polling
# with `xl domid` would compete with xl create for dom0's only vCPU).
xl create -F "$CFG" 'on_poweroff="preserve"' 'on_reboot="preserve"' \
    'on_crash="preserve"' 'on_watchdog="preserve"' 2>&1 | tee /run/xl.log &
xl_pid=$!     # tee's pid: it ends when xl does
while kill -0 $xl_pid 2>/dev/null && ! grep -q "^Waiting for domain" /run/xl.log; do
    sleep 0.1
done
if grep -q "^Waiting for domain" /run/xl.log; then
    echo "XENRUN-DOMAIN CREATED $NAME"
    hook running
fi
while kill -0 $xl_pid 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "XENRUN-DOMAIN TIMEOUT $NAME did not end within ${WAIT}s"
        xl destroy "$NAME"      # makes xl -F return
        break
    fi
    sleep 0.2
done
wait
grep -q "^Waiting for domain" /run/xl.log || echo "XENRUN-XL FAILED"   # never created
sleep 0.5   # let xenconsoled write out the last of the rings
dump_log pv "$LOGDIR/guest-$NAME.log"
dump_log vuart "$LOGDIR/guest-$NAME-vuart0.log"
xl destroy "$NAME" >/dev/null 2>&1
hook post
"""


def write_run_sh(payload, name, cfg_name, wait_s):
    text = (RUN_SH.replace("@NAME@", shlex.quote(name))
            .replace("@CFG@", shlex.quote(cfg_name))
            .replace("@WAIT@", str(wait_s)))
    (payload / "run.sh").write_text(text)


def build_dom0_initramfs(args, work, wait_s):
    """Payload dir (sd/ + extra/ + run.sh) packed onto the cached dom0 base."""
    payload = work / "payload"
    sd = payload / "sd"
    sd.mkdir(parents=True)
    name = place_cfg_files(args.image, args.cfg, sd)
    if args.payload_extra:
        shutil.copytree(args.payload_extra, payload / "extra", symlinks=True)
    write_run_sh(payload, name, Path(args.cfg).name, wait_s)
    initrd = work / "initramfs.cpio.gz"
    subprocess.run([str(HERE / "mk_initramfs.sh"), str(initrd), str(payload)], check=True)
    return initrd, name


# --- watching the console ------------------------------------------------------------

class Observer:
    """Reads console lines; keeps the guest's text per stream and the events
    that decide the verdict; says when the run can stop."""

    def __init__(self, mode, expects=(), console=None, monitor=None):
        self.mode = mode                      # "dom0less" or "dom0"
        self.monitor = monitor                # for XENRUN-MONITOR-CHECK lines
        # --console: only this guest console's lines count for the verdict
        # (e.g. "pv" proves the PV console ring, not the vuart mirror).
        self.console = console
        self.guest_shutdown = None            # the guest's announced shutdown reason
        self.streams = collections.defaultdict(list)   # stream -> guest lines
        self.block = None                     # dom0: current XENRUN-LOG block
        self.end_seen = False
        self.faults = []
        self.xen_crash = None
        self.xen_panic = None
        self.domain_reason = None             # dom0: xl's shutdown reason code
        self.domain_timeout = False
        self.domain_destroyed = False
        self.dom0_fail = None
        self.xl_failed = False
        self.payload_exit = None
        self.stop_at = None                   # monotonic time to stop QEMU

    def _stop_within(self, seconds):
        t = time.monotonic() + seconds
        if self.stop_at is None or t < self.stop_at:
            self.stop_at = t

    def feed(self, line):
        if self.monitor is not None:
            result = monitor_check(self.monitor, line)
            if result is not None:
                print(result, flush=True)
                self._guest_line("monitor", result)
                return
        if RE_XEN_PANIC.search(line):
            self.xen_panic = self.xen_panic or line
            self._stop_within(FAULT_GRACE_S)
        m = RE_XEN_CRASH.search(line)
        if m:
            self.xen_crash = self.xen_crash or line
            self._stop_within(FAULT_GRACE_S)
        if self.mode == "dom0less":
            self._feed_dom0less(line)
        else:
            self._feed_dom0(line)

    def _feed_dom0less(self, line):
        for regex, kind in ((RE_CONSOLE_IO, "console_io"), (RE_VPL011, "vpl011")):
            m = regex.match(line)
            if m:
                self._guest_line(f"d{m.group(1)}-{kind}", m.group(2))
                return

    def _feed_dom0(self, line):
        in_log = self.block is not None and self.block.startswith("log-")
        if not in_log and self._feed_xl(line):
            return          # xl runs in the background, also during hooks
        if self.block:
            m = RE_LOG_END.match(line)
            if m:
                self.block = None
            elif not line.startswith("(XEN) "):
                self._guest_line(self.block, line)
            return
        m = RE_LOG_BEGIN.match(line)
        if m:
            self.block = f"{m.group(1).lower()}-{m.group(2)}"
            return
        self._feed_markers(line)

    def _feed_xl(self, line):
        """xl's report of the domain's end; True if the line was one."""
        m = RE_XL_SHUTDOWN.search(line)
        if m:
            self.domain_reason = int(m.group(2))
            return True
        if RE_XL_DESTROYED.search(line):
            self.domain_destroyed = True      # e.g. a hook ran `xl destroy`
            return True
        return False

    def _feed_markers(self, line):
        """The XENRUN-* lines of /init and run.sh."""
        if line.startswith("XENRUN-DOMAIN TIMEOUT"):
            self.domain_timeout = True
        elif line.startswith("XENRUN-DOM0 FAIL"):
            self.dom0_fail = line
        elif line.startswith("XENRUN-XL FAILED"):
            self.xl_failed = True
        elif line.startswith("XENRUN-PAYLOAD EXIT"):
            self.payload_exit = int(line.split()[-1])
            self._stop_within(10)             # dom0 powers off by itself

    def _counts(self, stream):
        return (self.console is None or stream == "monitor"
                or stream.split("-")[-1] == self.console)

    def _guest_line(self, stream, text):
        self.streams[stream].append(text)
        if FAULT_MARK in text:
            self.faults.append(text)
            if self.mode == "dom0less":
                self._stop_within(FAULT_GRACE_S)
        if not self._counts(stream):
            return
        m = RE_GUEST_SHUTDOWN.search(text)
        if m:
            self.guest_shutdown = m.group(1)
            if self.mode == "dom0less":
                self._stop_within(FAULT_GRACE_S)
        m = RE_TEST.search(text)
        if m and m.group(1) == "END":
            self.end_seen = True
            if self.mode == "dom0less":
                self._stop_within(0)

    def should_stop(self):
        return self.stop_at is not None and time.monotonic() >= self.stop_at

    def guest_text(self):
        """The lines that count for --expect (see --console)."""
        return [line for stream, lines in self.streams.items() if self._counts(stream)
                for line in lines]

    def test_lines(self, kind):
        """PASS or FAIL lines. A line mirrored to several consoles counts
        once: per distinct line, the largest count over the streams."""
        best = collections.Counter()
        for stream, lines in self.streams.items():
            if not self._counts(stream):
                continue
            counts = collections.Counter()
            for text in lines:
                m = RE_TEST.search(text)
                if m and m.group(1) == kind:
                    counts[f"{kind} {m.group(2)}".strip()] += 1
            for key, n in counts.items():
                best[key] = max(best[key], n)
        return list(best.elements())

    def crashed(self):
        if self.xen_crash:
            return True
        if self.mode == "dom0":
            return self.domain_reason in CRASH_REASONS
        # dom0less: Xen 4.17 prints nothing when a domU calls
        # SCHEDOP_shutdown (any reason); the guest's announcement and its
        # fault report are the evidence.
        return self.guest_shutdown == "crash" or bool(self.faults)


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


def kill_qemu(proc):
    """Stop QEMU and anything it started (it runs in its own session)."""
    if proc.poll() is not None:
        return
    for sig, wait_s in ((signal.SIGTERM, 3), (signal.SIGKILL, 3)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait_s)
            return
        except subprocess.TimeoutExpired:
            pass


def run_qemu(cmd, timeout, console, observer):
    """Run QEMU, feeding its console to the observer until QEMU exits, the
    observer says stop, or the timeout. Returns "exited", "stopped" or
    "timeout". QEMU is killed on every way out, Ctrl-C included."""
    log("running: " + " ".join(shlex.quote(c) for c in cmd))
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
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
            for line in console.write(data.decode("utf-8", errors="replace")):
                observer.feed(line)
    finally:
        kill_qemu(proc)


# --- verdict ---------------------------------------------------------------------------

def evaluate(observer, outcome, opts):
    """Returns (ok, reason, passed, failed) for a test run."""
    problems = []      # run-level problems (each counts as one failure)
    if outcome == "timeout":
        problems.append(f"timeout after {opts.timeout} s")
    if observer.xen_panic:
        problems.append("Xen panicked: " + observer.xen_panic.strip())
    if observer.dom0_fail:
        problems.append("dom0 bring-up failed: " + observer.dom0_fail)
    if observer.mode == "dom0":
        problems += dom0_domain_problems(observer, outcome, opts.expect_poweroff)
    elif opts.expect_poweroff and observer.guest_shutdown != "poweroff":
        problems.append("the guest did not announce a poweroff "
                        f"(shutdown: {observer.guest_shutdown or 'none seen'})")
    crashed = observer.crashed()
    if opts.expect_crash:
        if not crashed:
            problems.append("expected the domain to crash, but it did not")
    else:
        if observer.faults:
            problems.append("guest fault report: " + observer.faults[0].strip())
        if crashed and observer.mode == "dom0":
            problems.append("domain crashed (reason code "
                            f"{observer.domain_reason})")
        elif observer.xen_crash:
            problems.append("Xen crashed the domain: " + observer.xen_crash.strip())
        # --expect-poweroff: the poweroff (dom0: xl's reason code 0) stands
        # for the END marker, as the crash does for --expect-crash.
        if not observer.end_seen and not opts.expect_poweroff:
            problems.append("no ERIKA-TEST END marker")

    passes = observer.test_lines("PASS")
    fails = observer.test_lines("FAIL")
    text = observer.guest_text()
    unmatched = [rx for rx in opts.expect if not any(re.search(rx, t) for t in text)]
    passed = len(passes) + len(opts.expect) - len(unmatched)
    failed = len(fails) + len(unmatched) + (1 if problems else 0)
    reasons = list(problems)
    if fails:
        reasons.append(f"{len(fails)} FAIL line(s): " + "; ".join(fails[:3]))
    for rx in unmatched:
        reasons.append(f"expected pattern not seen: {rx!r}")
    if reasons:
        return False, "; ".join(reasons), passed, failed
    if opts.expect_crash:
        what = "crash as expected"
    elif observer.end_seen:
        what = "END marker seen"
    elif observer.mode == "dom0":
        what = "the domain powered off"
    else:
        what = "the guest powered off"
    return True, f"{what}, {passed} passed", passed, failed


def dom0_domain_problems(observer, outcome, expect_poweroff):
    """How the xl domain ended, as problems (empty when that is fine)."""
    if observer.domain_timeout:
        return ["the domain did not end in time (dom0 gave up waiting)"]
    reason = observer.domain_reason
    if reason is None:
        if outcome == "timeout":
            return []
        if observer.domain_destroyed:
            return ["the domain was destroyed, not powered off"] if expect_poweroff else []
        if observer.xl_failed:
            return ["xl create failed (see its messages above)"]
        return ["the domain never reported a shutdown"]
    if reason in CRASH_REASONS:
        return []          # judged with --expect-crash by evaluate()
    if reason != 0:
        return [f"domain shut down with reason {SHUTDOWN_REASONS.get(reason, reason)}"]
    return []


def finish(observer, outcome, console, opts, started):
    """Print the verdict (test mode) or the plain outcome; return exit code."""
    elapsed = time.monotonic() - started
    test_mode = opts.test or opts.expect or opts.expect_crash or opts.expect_poweroff
    if not test_mode:
        if outcome == "timeout":
            log(f"stopped after the {opts.timeout} s timeout ({elapsed:.1f} s)")
            return 124
        if observer.faults or observer.crashed() or observer.xen_panic:
            log(f"the domain crashed or reported a fault ({elapsed:.1f} s)")
            return 1
        log(f"done ({elapsed:.1f} s)")
        return 0
    ok, reason, passed, failed = evaluate(observer, outcome, opts)
    if not ok:
        print(f"----- last {TAIL_LINES} console lines -----")
        for line in console.tail:
            print(line)
        print("----- end of console tail -----")
        log(f"FAIL: {reason} ({elapsed:.1f} s)")
    else:
        log(f"PASS: {reason} ({elapsed:.1f} s)")
    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if ok else 1


# --- the two subcommands ----------------------------------------------------------

def monitor_socket(opts, work):
    """The monitor's socket: --monitor, else one in the work dir for the checks."""
    return Path(opts.monitor) if opts.monitor else Path(work) / "monitor.sock"


def qemu_base_args(opts, work):
    args = [QEMU] + MACHINE_ARGS + CONSOLE_ARGS
    args += ["-monitor", f"unix:{monitor_socket(opts, work)},server=on,wait=off"]
    return args + opts.qemu_arg


def cmd_dom0less(opts, work):
    cache = ensure_xen_cache()
    check_zimage(opts.image)
    size = os.path.getsize(opts.image)
    dts = virt_dts(cache) + dom0less_chosen(size, opts.mem_mib, opts.vcpus, opts.xen_arg)
    dtb = compile_dtb(dts, work / "dom0less.dtb")
    return qemu_base_args(opts, work) + [
        "-dtb", str(dtb), "-kernel", str(cache / "xen-4.17-armhf"),
        "-device", f"loader,file={qemu_escape(opts.image)},addr={DOM0LESS_IMAGE_ADDR:#x},"
                   "force-raw=on"]


def cmd_dom0(opts, work):
    cache = ensure_xen_cache()
    check_zimage(opts.image)
    if opts.timeout > 0:
        wait_s = max(10, opts.timeout - DOM0_BOOT_BUDGET_S)
        payload_timeout = opts.timeout + 30
    else:
        wait_s, payload_timeout = 10 ** 6, 10 ** 7
    initrd, name = build_dom0_initramfs(opts, work, wait_s)
    log(f"domain {name!r}: dom0 waits up to {wait_s} s for it to end")
    xen_args = " ".join([DOM0_XEN_BOOTARGS] + opts.xen_arg)
    linux_args = " ".join([DOM0_LINUX_BOOTARGS] + opts.linux_arg
                          + [f"XENRUN_PAYLOAD_TIMEOUT={payload_timeout}"])
    return qemu_base_args(opts, work) + [
        "-kernel", str(cache / "xen-4.17-armhf"), "-append", xen_args,
        "-device", f"guest-loader,addr={DOM0_KERNEL_ADDR:#x},"
                   f"kernel={qemu_escape(cache / 'vmlinuz')},"
                   f"bootargs={qemu_escape(linux_args)}",
        "-device", f"guest-loader,addr={DOM0_INITRD_ADDR:#x},initrd={qemu_escape(initrd)}"]


def qemu_escape(value):
    """A -device option value: commas are doubled."""
    return str(value).replace(",", ",,")


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
                   help="extra QEMU argument, e.g. --qemu-arg=-icount --qemu-arg=shift=3")
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
    p.add_argument("--linux-arg", action="append", default=[], metavar="ARG",
                   help="extra dom0 Linux command-line argument (repeatable)")
    p.add_argument("--payload-extra", metavar="DIR",
                   help="copied to /payload/extra in dom0; its pre.sh, running.sh, "
                        "post.sh run before xl create, while the domain runs, after")
    p.set_defaults(func=cmd_dom0)
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
    for rx in opts.expect:
        try:
            re.compile(rx)
        except re.error as e:
            die(f"--expect {rx!r}: {e}")
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
        started = time.monotonic()
        outcome = run_qemu(cmd, opts.timeout, console, observer)
        return finish(observer, outcome, console, opts, started)
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
