#!/usr/bin/python3
"""Coverage-guided mutation loop for the Python host tools (atheris is not in
Debian): scripts/oil/oil_gen.py and scripts/gen_domcfg/gen_domcfg.py.

    py_mutate.py oil|domcfg [--runs N | --seconds S] [--seed N] [--artifacts DIR]

Each run mutates an input of the corpus (the target's seeds, then every input
that reached a line of the tool no earlier input reached), runs the tool
in-process on it and judges how it ended. A tool may only succeed (status 0,
its outputs written) or refuse the input (status 1, a message in its
documented format, no output left behind); a traceback, any other status or
another message format is a failure, and the input is saved to --artifacts.
Deterministic for a given --seed and --runs. Prints one summary line:
    py_mutate: oil: 2000 execs, 1234 lines covered, 57 corpus, 0 failures
and exits 1 when any run failed.
"""
import argparse
import contextlib
import io
import os
import random
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
sys.dont_write_bytecode = True
sys.path.insert(0, str(BASE / "scripts" / "oil"))
sys.path.insert(0, str(BASE / "scripts" / "gen_domcfg"))
sys.path.insert(0, str(BASE / "scripts" / "dts"))

import gen_defines  # noqa: E402
import gen_domcfg  # noqa: E402
import oil_gen  # noqa: E402

# The configurations the OIL inputs are generated for, in turn: the unit
# tests' one core, and two cores (CPU_ID, the cross-core SGI, the events' vCPU).
OIL_KCONFIG = ("CONFIG_ERIKA_KERNEL=y\nCONFIG_OS_CLASS_ECC2=y\nCONFIG_OS_STATUS_EXTENDED=y\n"
               "CONFIG_OS_DEFAULT_STACK_SIZE=1024\nCONFIG_OS_TICK_US=1000\n")
OIL_KCONFIGS = (OIL_KCONFIG,
                OIL_KCONFIG + "CONFIG_OS_NUM_CORES=2\nCONFIG_OS_XCORE_SGI=15\n"
                "CONFIG_OS_XCORE_IRQ_PRIORITY=128\nCONFIG_OS_XCORE_QUEUE_LEN=16\n"
                "CONFIG_XEN_EVENTS=y\nCONFIG_XEN_EVENTS_VCPU=1\n")
# Tokens a byte-level mutation would rarely invent.
OIL_WORDS = [b"CPU c {", b"OS os {", b"TASK T {", b"ISR I {", b"ALARM A {", b"EVENT E {",
             b"RESOURCE R {", b"COUNTER C {", b"APPMODE M {", b"PRIORITY = ", b"ACTIVATION = ",
             b"AUTOSTART = TRUE { APPMODE = M; };", b"STACK = PRIVATE { SIZE = 64; };",
             b"CATEGORY = 2;", b"SOURCE = SGI5;", b"ACTION = ACTIVATETASK { TASK = T; };",
             b"SCHEDULE = NON;", b"MASK = AUTO;", b"CPU_ID = 1;", b"CPU_ID = 2;",
             b'HANDLER = "evtchn_upcall_isr";', b"SOURCE = SGI15;", b"};", b"{", b"}", b";", b"=", b"[", b"]",
             b"010", b"0x", b"4294967296", b"-1", b"1.5", b"TRUE", b"FALSE", b"AUTO",
             b'"', b"/*", b"*/", b"//", b'#include "', b"\n", b"\xff", b"\x00"]
DOMCFG_WORDS = [b"CONFIG_XEN_DOMAIN_NAME=", b"CONFIG_XEN_IMAGE_NAME=", b"CONFIG_XEN_ON_CRASH=",
                b"CONFIG_XEN_VCPU_PINNING=", b"CONFIG_XEN_MAX_EVENT_CHANNELS=", b'"', b"\\",
                b"=y", b"=n", b"0x", b"4096", b"99999999999", b"0-3", b"3-0", b",", b"\n",
                b"destroy", b"restart", b"preserve", b"coredump-destroy", b"\x00", b"\xff"]
INTERESTING_WORDS = [0, 1, 2, 3, 4, 8, 15, 16, 17, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff,
                     0x80000000, 0xffffffff, 0xd00dfeed, 0x40000000, 0x01000000]


class Target:
    """One tool: how to run it on an input and what counts as a clean end."""

    def __init__(self, name, tool_dirs, words, error_re):
        self.name = name
        self.tool_dirs = [str(d) for d in tool_dirs]
        self.words = words
        self.error_re = re.compile(error_re)


OIL = Target("oil", [BASE / "scripts" / "oil"], OIL_WORDS, r"^\S[^\n]*:\d+: error: \S")
DOMCFG = Target("domcfg", [BASE / "scripts" / "gen_domcfg", BASE / "scripts" / "dts",
                           BASE / "scripts" / "kconfig"], DOMCFG_WORDS,
                r"^gen_domcfg: \S[^\n]*: [^\n]+")
# FDT tokens (begin/end node, property, end) and the strings the model looks for.
DTS_WORDS = [b"\0\0\0\x01", b"\0\0\0\x02", b"\0\0\0\x03", b"\0\0\0\x09", b"okay\0",
             b"disabled\0", b"memory\0", b"cpu\0", b"xen,xen\0", b"arm,pl061\0",
             b"erika,xen-guest-map\0", b"/cpus\0", b"/__symbols__\0", b"\xff", b"\0"]
DTS = Target("dts", [BASE / "scripts" / "dts"], DTS_WORDS, r"^gen_defines: \S[^\n]*: [^\n]+")
# The bindings the seeds need: the project's and those of tests/host/dts (macros.dtb).
DTS_BINDINGS = [BASE / "dts" / "bindings", BASE / "tests" / "host" / "dts" / "bindings"]


def seeds(target):
    """The starting corpus: a list of inputs (a tuple of bytes per input file)."""
    if target is OIL:
        files = sorted(BASE.glob("samples/*/*.oil")) + sorted(BASE.glob("tests/kernel/*/*.oil"))
        files += sorted((CORPUS / "oil").glob("*.oil"))
        return [(f.read_bytes(),) for f in files]
    if target is DTS:
        return [(f.read_bytes(),) for f in sorted((CORPUS / "gen_defines").glob("*.dtb"))]
    dtbs = sorted((CORPUS / "domcfg").glob("*.dtb"))
    configs = sorted((CORPUS / "domcfg").glob("*.config"))
    return [(d.read_bytes(), c.read_bytes()) for d in dtbs for c in configs]


def mutate(rng, data, words, corpus_part):
    """One to four byte-level changes of data (bytes)."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            data[min(pos, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[pos:pos] = bytes([rng.randrange(256)])
        elif op == 2 and data:
            del data[pos:pos + rng.randint(1, 16)]
        elif op == 3 and data:
            start = rng.randrange(len(data))
            data[pos:pos] = data[start:start + rng.randint(1, 32)]
        elif op == 4:
            data[pos:pos] = rng.choice(words)
        elif op == 5 and len(data) >= 4:
            at = rng.randrange(len(data) - 3) & ~3
            data[at:at + 4] = rng.choice(INTERESTING_WORDS).to_bytes(4, "big")
        elif op == 6 and corpus_part:
            other = rng.choice(corpus_part)
            start = rng.randrange(len(other) + 1)
            data[pos:] = other[start:start + rng.randint(1, 256)]
        elif op == 7:
            m = list(re.finditer(rb"[0-9]+", bytes(data)))
            if m:
                hit = rng.choice(m)
                num = str(rng.choice([0, 1, 7, 63, 64, 255, 256, 65535, 2**31, 2**32, 2**64]))
                data[hit.start():hit.end()] = num.encode()
    return bytes(data)


class Coverage:
    """Lines of the tool's own files executed (sys.settrace, local tracing only there)."""

    def __init__(self, dirs):
        self.dirs = tuple(dirs)
        self.lines = set()
        self.new = set()

    def tracer(self, frame, event, arg):
        if not frame.f_code.co_filename.startswith(self.dirs):
            return None
        return self.local

    def local(self, frame, event, arg):
        if event == "line":
            key = (frame.f_code.co_filename, frame.f_lineno)
            if key not in self.lines:
                self.new.add(key)
        return self.local

    def run(self, fn):
        self.new = set()
        sys.settrace(self.tracer)
        try:
            return fn()
        finally:
            sys.settrace(None)
            self.lines |= self.new


def run_tool(target, inputs, work):
    """(status, stderr text, outputs present) of the tool on inputs."""
    out_dir = os.path.join(work, "out")
    err = io.StringIO()
    if target is OIL:
        src = os.path.join(work, "app.oil")
        Path(src).write_bytes(inputs[0])
        argv = [src, "--config", os.path.join(work, "kconfig"), "--output-dir", out_dir]
        outputs = [os.path.join(out_dir, "erika_oil.h"), os.path.join(out_dir, "erika_oil.c")]
        main = oil_gen.main
    elif target is DTS:
        dtb = os.path.join(work, "board.dtb")
        Path(dtb).write_bytes(inputs[0])
        outputs = [os.path.join(out_dir, name) for name in
                   ("devicetree_generated.h", "Kconfig.dts", "devicetree.cmake")]
        argv = ["--dtb", dtb, "--header", outputs[0], "--kconfig", outputs[1],
                "--cmake", outputs[2]]
        for directory in DTS_BINDINGS:
            argv += ["--bindings", str(directory)]
        main = gen_defines.main
    else:
        dtb, config = os.path.join(work, "board.dtb"), os.path.join(work, ".config")
        Path(dtb).write_bytes(inputs[0])
        Path(config).write_bytes(inputs[1])
        outputs = [os.path.join(out_dir, "erika.cfg")]
        argv = ["--dtb", dtb, "--config", config, "--output", outputs[0]]
        main = gen_domcfg.main
    for f in outputs:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f)
    os.makedirs(out_dir, exist_ok=True)
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            status = main(argv)
        except SystemExit as e:  # argparse: our arguments are always valid
            status = f"SystemExit({e.code})"
    return status, err.getvalue(), [os.path.exists(f) for f in outputs]


def judge(target, status, message, present):
    """None for a clean end, else what is wrong."""
    if status == 0:
        return None if all(present) else "status 0 but an output is missing"
    if status != 1:
        return f"exit status {status!r}"
    if not target.error_re.match(message):
        return f"message not in the tool's format: {message[:200]!r}"
    if any(present):
        return "output left behind after an error"
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target", choices=("oil", "domcfg", "dts"))
    ap.add_argument("--runs", type=int, default=0, help="stop after this many runs")
    ap.add_argument("--seconds", type=float, default=0, help="stop after this much time")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--artifacts", help="save failing inputs here")
    opts = ap.parse_args(argv)
    if not opts.runs and not opts.seconds:
        ap.error("give --runs or --seconds")
    target = {"oil": OIL, "domcfg": DOMCFG, "dts": DTS}[opts.target]
    rng = random.Random(opts.seed)
    cov = Coverage(target.tool_dirs)
    corpus = seeds(target)
    if not corpus:
        sys.exit(f"py_mutate: {target.name}: no seed inputs")
    failures, execs, start = 0, 0, time.monotonic()
    with tempfile.TemporaryDirectory(prefix="py_mutate-") as work:
        queue = list(corpus)  # the seeds run as they are first
        while True:
            if opts.runs and execs >= opts.runs:
                break
            if opts.seconds and time.monotonic() - start >= opts.seconds:
                break
            if queue:
                inputs = queue.pop(0)
            else:
                base = rng.choice(corpus)
                part = rng.randrange(len(base))
                donors = [c[part] for c in corpus]
                inputs = tuple(mutate(rng, x, target.words, donors) if i == part else x
                               for i, x in enumerate(base))
            # Every other run with two cores: the seeds see both configurations.
            Path(work, "kconfig").write_text(OIL_KCONFIGS[execs % 2])
            try:
                status, message, present = cov.run(lambda: run_tool(target, inputs, work))
                problem = judge(target, status, message, present)
            except Exception:  # noqa: BLE001 - a traceback is the finding
                problem = "traceback:\n" + traceback.format_exc()
            execs += 1
            if cov.new and inputs not in corpus:
                corpus.append(inputs)
            if problem:
                failures += 1
                print(f"py_mutate: {target.name}: FAIL run {execs}: {problem}")
                if opts.artifacts:
                    os.makedirs(opts.artifacts, exist_ok=True)
                    for i, x in enumerate(inputs):
                        name = f"{target.name}-fail-{execs}-{i}"
                        Path(opts.artifacts, name).write_bytes(x)
                    print(f"py_mutate: {target.name}: input saved as "
                          f"{opts.artifacts}/{target.name}-fail-{execs}-*")
    print(f"py_mutate: {target.name}: {execs} execs, {len(cov.lines)} lines covered, "
          f"{len(corpus)} corpus, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
