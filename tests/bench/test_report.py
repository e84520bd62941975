"""scripts/bench/report.py refuses bad input with `file:line: error:`, no
traceback and nothing written; a good input gives every output."""
import json
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
REPORT = BASE / "scripts" / "bench" / "report.py"
KBENCH = ("(XEN) DOM1: bench: ActivateTask, preempting (call -> task)  220.0 ticks  3520 ns\n"
          "(XEN) DOM1: bench: StartOS -> first task  47485.0 ticks  759760 ns\n")
FOOT = {"modules": {m: {"text": 100, "data": 1, "bss": 2} for m in ("kernel", "application")},
        "elf": {"text": 200, "data": 2, "bss": 4}}


def good_log():
    lines = []
    for rep in (1, 2):
        for t in ("rtos", "linux"):
            lines.append(f"BENCH-RTT {t} {rep} n=3 errors=0 us=10,20,30")
            for ph in ("idle", "load", "flood"):
                lines += [f"BENCH-JITTER {ph} {t} {rep} beats={b} missed={b // 10} worst_us=7"
                          for b in (100, 200)]
    return "\n".join(lines) + "\nBENCH-DONE\n"


class Report(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        (self.dir / "logs").mkdir()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def fill(self, side_by_side):
        (self.dir / "logs" / "side_by_side.log").write_text(side_by_side)
        (self.dir / "logs" / "kernel_bench.log").write_text(KBENCH)
        for c in ("minimal_bcc1", "ecc2_hooks", "pin_server"):
            (self.dir / f"footprint-{c}.json").write_text(json.dumps(FOOT))

    def run_report(self):
        return subprocess.run(["/usr/bin/python3", str(REPORT), "--out", str(self.dir)],
                              capture_output=True, text=True)

    def refused(self, res, regex):
        self.assertEqual(res.returncode, 1, res.stderr)
        self.assertRegex(res.stderr, regex)
        self.assertNotIn("Traceback", res.stderr)
        self.assertFalse((self.dir / "results.json").exists())
        self.assertFalse((self.dir / "results.md").exists())

    def test_missing_log(self):
        self.refused(self.run_report(), r"side_by_side\.log: error: ")

    def test_malformed_rtt_line(self):
        self.fill(good_log().replace("n=3 errors=0 us=10,20,30", "n=3 errors=0 us=10,20", 1))
        self.refused(self.run_report(), r"side_by_side\.log:1: error: malformed BENCH-RTT")

    def test_phase_without_reports(self):
        self.fill("\n".join(l for l in good_log().splitlines()
                            if not l.startswith("BENCH-JITTER load linux")))
        self.refused(self.run_report(), r"side_by_side\.log:1: error: no periodic-task report "
                                        r"of linux in phase 'load'")

    def test_bad_footprint(self):
        self.fill(good_log())
        (self.dir / "footprint-pin_server.json").write_text("{")
        self.refused(self.run_report(), r"footprint-pin_server\.json:1: error: ")

    def test_good_input_gives_every_output(self):
        self.fill(good_log())
        res = self.run_report()
        self.assertEqual(res.returncode, 0, res.stderr)
        out = json.loads((self.dir / "results.json").read_text())
        self.assertEqual(out["round_trip"]["spread_over_repeats"]["rtos"]["median"]["median"], 20)
        self.assertEqual(out["round_trip"]["ratio_rtos_to_linux"]["median"]["median"], 1.0)
        self.assertEqual(out["periodic_task"]["phases"]["idle"]["missed_share"]["rtos"]["median"],
                         10 / 110)
        for png in out["plots"]:
            self.assertEqual((self.dir / png).read_bytes()[:4], b"\x89PNG")


if __name__ == "__main__":
    unittest.main()
