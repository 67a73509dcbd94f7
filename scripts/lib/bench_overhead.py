"""Reports of scripts/bench-overhead (which defines the measurements and the JSON format).

    bench_overhead.py go-json TRIVIAL.txt PUSH.txt RUNTIME   the JSON of `go test -bench` output
    bench_overhead.py summary FILE.json                      its one-line summary
    bench_overhead.py table DIR                              every overhead-*.json vs Rust

Go's harness is plain Go benchmarks, so its JSON is made here from their ns/op lines (one
line per -count batch); every other harness writes its own.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path
from typing import List, Tuple

ORDER = ["rust", "python", "node", "go", "kotlin", "swift"]
#: The issue's budgets for a trivial call, in µs (not asserted: the table shows them).
TRIVIAL_BUDGET_US = {"python": 30, "node": 30, "go": 10, "kotlin": 30}


def go_batches(path: str) -> Tuple[List[int], List[float]]:
    """The iterations and ns/op of each `BenchmarkX-N  <iterations>  <ns> ns/op` line."""
    lines = Path(path).read_text().splitlines()
    found = [(int(m.group(1)), float(m.group(2))) for line in lines
             if (m := re.match(r"Benchmark\S+\s+(\d+)\s+([\d.]+) ns/op", line))]
    if not found:
        sys.exit(f"no benchmark results in {path}")
    return [calls for calls, _ in found], [ns for _, ns in found]


def go_json(trivial_txt: str, push_txt: str, runtime: str) -> None:
    raw = {"trivial_async": go_batches(trivial_txt), "push_64k": go_batches(push_txt)}
    report = {
        "language": "go",
        "trivial_async_ns": statistics.median(raw["trivial_async"][1]),
        "push_64k_ns": statistics.median(raw["push_64k"][1]),
        "batches": {f"{key}_ns": ns for key, (_, ns) in raw.items()},
        # Go's ramp-up may end at a different b.N in each batch: the smallest.
        "calls_per_batch": {key: min(calls) for key, (calls, _) in raw.items()},
        "runtime": runtime.removeprefix("go version "),
    }
    print(json.dumps(report))


def summary(path: str) -> None:
    r = json.loads(Path(path).read_text())
    print(f"{r['language']}: trivial async call {r['trivial_async_ns'] / 1e3:.2f} µs, "
          f"64 KiB push {r['push_64k_ns'] / 1e3:.1f} µs "
          f"(median of {len(r['batches']['trivial_async_ns'])} batches)")


def table(directory: str) -> None:
    reports = {}
    for path in Path(directory).glob("overhead-*.json"):
        r = json.loads(path.read_text())
        reports[r["language"]] = r
    if not reports:
        sys.exit(f"no overhead-*.json in {directory}")
    rust = reports.get("rust")

    def ratio(r: dict, key: str) -> str:
        return f"{r[key] / rust[key]:.2f}×" if rust else "-"

    rows = [["language", "trivial µs", "vs Rust", "budget", "push 64 KiB µs", "vs Rust",
             "runtime"]]
    for name in sorted(reports, key=lambda n: (ORDER.index(n) if n in ORDER else 99, n)):
        r = reports[name]
        budget = TRIVIAL_BUDGET_US.get(name)
        within = "" if budget is None else (
            f"≤ {budget} " + ("ok" if r["trivial_async_ns"] / 1e3 <= budget else "OVER"))
        rows.append([name, f"{r['trivial_async_ns'] / 1e3:.2f}", ratio(r, "trivial_async_ns"),
                     within, f"{r['push_64k_ns'] / 1e3:.1f}", ratio(r, "push_64k_ns"),
                     r.get("runtime", "")])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(w) if i in (0, 3) else cell.rjust(w)
                 for i, (cell, w) in enumerate(zip(row, widths))]
        print("  ".join(cells + [row[-1]]))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"go-json": go_json, "summary": summary, "table": table}[command](*args)
