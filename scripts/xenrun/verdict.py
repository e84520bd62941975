"""The verdict: a test run's checks (the ERIKA-TEST protocol, --expect, how
the domain ended) turned into PASS/FAIL and `N passed, N failed`, or a plain
run's exit code."""
import re
import time

from observer import CRASH_REASONS, SHUTDOWN_REASONS
from qemu import TAIL_LINES
from util import log


def evaluate(observer, run, opts):
    """Returns (ok, reason, passed, failed) for a test run (run: QemuRun)."""
    outcome = run.outcome
    problems = []      # run-level problems (each counts as one failure)
    if outcome == "exited" and run.status != 0:
        # QEMU itself failed (bad option, missing ROM or file): say so first,
        # with its own words, rather than blaming the guest for what follows.
        problems.append(run.describe_exit())
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
    if reasons and outcome == "exited" and run.status == 0 and not observer.saw_guest():
        reasons.append("the guest printed nothing before " + run.describe_exit())
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


def finish(observer, run, console, opts, started):
    """Print the verdict (test mode) or the plain outcome; return exit code."""
    elapsed = time.monotonic() - started
    outcome = run.outcome
    test_mode = opts.test or opts.expect or opts.expect_crash or opts.expect_poweroff
    if not test_mode:
        if outcome == "timeout":
            log(f"stopped after the {opts.timeout} s timeout ({elapsed:.1f} s)")
            return 124
        if observer.faults or observer.crashed() or observer.xen_panic:
            log(f"the domain crashed or reported a fault ({elapsed:.1f} s)")
            return 1
        if outcome == "exited" and run.status != 0:
            log(f"{run.describe_exit()} ({elapsed:.1f} s)")
            return 1
        log(f"done ({elapsed:.1f} s)")
        return 0
    ok, reason, passed, failed = evaluate(observer, run, opts)
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
