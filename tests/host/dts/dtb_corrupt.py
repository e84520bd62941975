#!/usr/bin/python3
"""Feeds gen_defines damaged DTBs and checks that it fails cleanly.

usage: dtb_corrupt.py GOOD.dtb WORKDIR [--bindings DIR ...]

A few named cases (empty, bad magic, truncated, lying header) must be rejected with "not a
valid DTB". Then every truncation at an 8-byte step and every 32-bit word inverted in turn
is tried: gen_defines may accept the result (the damage hit a value) or reject it, but it
must return 0 or 1, print an error only in its own format, leave no output behind when it
fails, and never raise (a Python exception here is the crash a C tool would have had).
Runs the generator in-process, so that hundreds of runs take seconds.
"""

import contextlib
import io
import struct
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parents[3]
sys.dont_write_bytecode = True
sys.path.insert(0, str(BASE / "scripts" / "dts"))

import gen_defines  # noqa: E402


class Runner:
    def __init__(self, workdir, bindings):
        self.dir = Path(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.dtb = self.dir / "damaged.dtb"
        self.outputs = [self.dir / "devicetree_generated.h", self.dir / "Kconfig.dts"]
        self.bindings = bindings
        self.runs = self.failures = 0

    def fail(self, what, detail, errors):
        self.failures += 1
        print(f"FAIL {what}: {detail}\n{errors}")

    def check(self, what, blob, must_reject):
        self.runs += 1
        self.dtb.write_bytes(blob)
        for out in self.outputs:
            out.write_text("stale\n")
        args = ["--dtb", str(self.dtb), "--header", str(self.outputs[0]), "--kconfig",
                str(self.outputs[1])]
        for directory in self.bindings:
            args += ["--bindings", directory]
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = gen_defines.main(args)
        errors = err.getvalue()
        left = [p.name for p in self.dir.iterdir() if p != self.dtb]
        if status not in (0, 1):
            self.fail(what, f"status {status}", errors)
        elif must_reject and (status != 1 or "not a valid DTB" not in errors):
            self.fail(what, "not rejected as an invalid DTB", errors)
        elif status == 1 and not errors.startswith(f"gen_defines: {self.dtb}"):
            self.fail(what, "error message not in gen_defines' format", errors)
        elif status == 1 and left:
            self.fail(what, f"left behind: {left}", errors)


def main(argv):
    good = Path(argv[1]).read_bytes()
    bindings = [argv[i + 1] for i in range(3, len(argv) - 1) if argv[i] == "--bindings"]
    run = Runner(argv[2], bindings)
    run.check("empty", b"", True)
    run.check("bad magic", b"\0\0\0\0" + good[4:], True)
    run.check("header only", good[:40], True)
    run.check("half", good[:len(good) // 2], True)
    run.check("totalsize too big", good[:4] + struct.pack(">I", len(good) * 2) + good[8:], True)
    run.check("version 3", good[:20] + struct.pack(">II", 3, 2) + good[28:], True)
    for size in range(0, len(good), 8):
        run.check(f"truncated to {size}", good[:size], False)
    for offset in range(0, len(good) - 3, 4):
        word = bytes(b ^ 0xFF for b in good[offset:offset + 4])
        run.check(f"word {offset} inverted", good[:offset] + word + good[offset + 4:], False)
    print(f"{run.runs} runs, {run.failures} failures")
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
