#!/usr/bin/python3
"""Refuse a category 1 ISR that calls an OSEK service it may not use.
    isr1_check.py --objdump arm-none-eabi-objdump --isr1 build/oil/erika_oil_isr1.txt
                  [--stamp F] erika.elf
The kernel lock keeps out category 2 ISRs only; a category 1 ISR runs even
inside the kernel, so one that called ActivateTask (say) would corrupt it.
OSEK 2.2.3 13.3 and 10 leave ISR1s the interrupt services only. The ISR1
list (name, OIL file, line) comes from oil_gen.py; the calls from the linked
image's disassembly (direct calls and tail calls; a call through a function
pointer is not seen). A finding is `file:line: error: ...` with the chain of
calls, exit status 1; the stamp file is written only when all is well.
"""
import argparse
import re
import subprocess
import sys

ALLOWED = {"DisableAllInterrupts", "EnableAllInterrupts", "SuspendAllInterrupts",
           "ResumeAllInterrupts", "SuspendOSInterrupts", "ResumeOSInterrupts"}
SERVICES = {"ActivateTask", "TerminateTask", "ChainTask", "Schedule", "GetTaskID",
            "GetTaskState", "GetResource", "ReleaseResource", "SetEvent", "ClearEvent",
            "GetEvent", "WaitEvent", "GetAlarmBase", "GetAlarm", "SetRelAlarm", "SetAbsAlarm",
            "CancelAlarm", "IncrementCounter", "GetActiveApplicationMode", "StartOS",
            "ShutdownOS"}

FUNC = re.compile(r"^[0-9a-f]+ <([^>]+)>:$")
# bl/blx/b (any condition) to the start of a symbol: calls and tail calls.
CALL = re.compile(r"^\s*[0-9a-f]+:\s+(?:bl|blx|b)(?:eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?"
                  r"(?:\.w|\.n)?\s+[0-9a-f]+ <([^>+]+)>$")


def call_graph(objdump, elf):
    try:
        out = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf], capture_output=True,
                             text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise SystemExit(f"{elf}: error: cannot disassemble it with {objdump}: {e}") from None
    graph, cur = {}, None
    for line in out.splitlines():
        m = FUNC.match(line)
        if m:
            cur = m.group(1)
            graph.setdefault(cur, set())
            continue
        m = CALL.match(line)
        if m and cur is not None and m.group(1) != cur:
            graph[cur].add(m.group(1))
    return graph


def first_service(graph, root):
    """The chain of calls from root to a forbidden service, or None."""
    seen, todo = {root: None}, [root]
    while todo:
        f = todo.pop(0)
        if f in SERVICES:
            chain = [f]
            while seen[chain[-1]] is not None:
                chain.append(seen[chain[-1]])
            return list(reversed(chain))
        for g in sorted(graph.get(f, ())):
            if g not in seen and g not in ALLOWED:
                seen[g] = f
                todo.append(g)
    return None


def read_isr1(path):
    isrs = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 3 or not parts[2].isdigit():
                    raise SystemExit(f"{path}:{n}: error: expected name<TAB>file<TAB>line")
                isrs.append(parts)
    except OSError as e:
        raise SystemExit(f"{path}: error: cannot read it: {e.strerror}") from None
    return isrs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("elf")
    ap.add_argument("--objdump", required=True)
    ap.add_argument("--isr1", required=True, help="oil_gen.py's list of category 1 ISRs")
    ap.add_argument("--stamp", help="touched when no ISR1 calls a service")
    opts = ap.parse_args(argv)
    isrs = read_isr1(opts.isr1)
    graph = call_graph(opts.objdump, opts.elf) if isrs else {}
    bad = 0
    for name, path, line in isrs:
        chain = first_service(graph, f"OS_ISR_{name}")
        if chain:
            print(f"{path}:{line}: error: ISR {name}: a category 1 ISR may use no OS service "
                  f"but the interrupt ones, and it calls {chain[-1]} "
                  f"({' -> '.join(chain)}); make it CATEGORY = 2", file=sys.stderr)
            bad += 1
    if bad:
        return 1
    if opts.stamp:
        with open(opts.stamp, "w", encoding="utf-8") as f:
            f.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
