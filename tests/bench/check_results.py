#!/usr/bin/python3
"""Checks that scripts/bench.sh produced its outputs, well-formed: results.json
with every section and the figures' shapes, results.md with its sections, and
each plot a non-empty PNG. Never checks a figure's value (figures depend on
the host: docs/bench.md).

    check_results.py OUT_DIR
"""
import json
import sys
from pathlib import Path

SECTIONS = ("parameters", "footprint", "kernel_paths", "round_trip", "periodic_task",
            "public_figures", "plots")
MD_HEADINGS = ("# Benchmark results", "## Footprint per configuration",
               "## Kernel paths (instructions under -icount)", "## Pin round trip",
               "## Periodic task", "## Public figures")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def problems(out):
    res_path = out / "results.json"
    try:
        res = json.loads(res_path.read_text())
    except (OSError, json.JSONDecodeError) as e:
        return [f"{res_path}: {e}"]
    found = [f"results.json: no '{s}'" for s in SECTIONS if s not in res]
    if found:
        return found
    for cfg in ("minimal_bcc1", "ecc2_hooks", "pin_server"):
        mods = res["footprint"].get(cfg, {}).get("modules", {})
        if not isinstance(mods.get("kernel", {}).get("text"), int):
            found.append(f"results.json: footprint of {cfg} has no kernel text")
    paths = {p["path"] for p in res["kernel_paths"]["paths"]}
    for want in ("ActivateTask, preempting (call -> task)", "StartOS -> first task"):
        if want not in paths:
            found.append(f"results.json: kernel path '{want}' missing")
    for t in ("rtos", "linux"):
        s = res["round_trip"]["spread_over_repeats"][t]
        if not all(isinstance(s[k]["median"], int) for k in ("min", "median", "p99", "max")):
            found.append(f"results.json: round trip of {t} incomplete")
        for ph in ("idle", "load", "flood"):
            if res["periodic_task"]["phases"][ph]["worst_us"][t] is None:
                found.append(f"results.json: no periodic-task figure for {t} in {ph}")
    md = (out / "results.md").read_text() if (out / "results.md").exists() else ""
    found += [f"results.md: no '{h}'" for h in MD_HEADINGS if h not in md]
    for png in res["plots"] or ["(none)"]:
        p = out / png
        if not p.is_file() or p.stat().st_size < 1000 or p.read_bytes()[:8] != PNG_MAGIC:
            found.append(f"{p}: not a PNG plot")
    return found


def main():
    if len(sys.argv) != 2:
        print("usage: check_results.py OUT_DIR", file=sys.stderr)
        return 2
    found = problems(Path(sys.argv[1]))
    for f in found:
        print(f"FAIL {f}")
    print("bench outputs well-formed" if not found else f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
