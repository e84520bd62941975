"""Watching the console: what each line means (Xen's, dom0's markers, the
guest's own text per console), the events the verdict is made of, and when
the run can stop."""
import collections
import re
import time

from monitor import run_check as monitor_check

FAULT_GRACE_S = 1.0       # keep reading this long after a fault report

# xl's "Domain N has shut down, reason code R".
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
# sdcard: the console is dom0's shell, which echoes what is typed; a test line
# counts only at the start of a line, never inside an echoed command.
RE_TEST_LINE = re.compile(r"^ERIKA-TEST (PASS|FAIL|END)\b[ \t]*(.*)$")
FAULT_MARK = "*** FAULT"
# What the guest prints just before SCHEDOP_shutdown (drivers/xen/domain.c):
# dom0less Xen reports nothing when a domU shuts down, so this is how the
# runner learns that the domain ended, and why.
RE_GUEST_SHUTDOWN = re.compile(r"\*\*\* ERIKA: domain shutdown: (poweroff|reboot|crash)\b")


class Observer:
    """Reads console lines; keeps the guest's text per stream and the events
    that decide the verdict; says when the run can stop."""

    def __init__(self, mode, expects=(), console=None, monitor=None):
        self.mode = mode                      # "dom0less", "dom0" or "sdcard"
        self.re_test = RE_TEST_LINE if mode == "sdcard" else RE_TEST
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
        elif self.mode == "sdcard":
            self._feed_sdcard(line)
        else:
            self._feed_dom0(line)

    def _feed_dom0less(self, line):
        for regex, kind in ((RE_CONSOLE_IO, "console_io"), (RE_VPL011, "vpl011")):
            m = regex.match(line)
            if m:
                self._guest_line(f"d{m.group(1)}-{kind}", m.group(2))
                return

    def _feed_sdcard(self, line):
        """The card's dom0 has no xenrun payload: every console line is text
        (Xen's, dom0's, the checks typed into its shell)."""
        self._feed_markers(line)
        self._guest_line("console", line)

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
        m = self.re_test.search(text)
        if m and m.group(1) == "END":
            self.end_seen = True
            if self.mode in ("dom0less", "sdcard"):
                self._stop_within(0)

    def saw_guest(self):
        """True once any guest console line was seen."""
        return any(self.streams.values())

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
                m = self.re_test.search(text)
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
