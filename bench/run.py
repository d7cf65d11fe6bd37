"""The benchmark: each measurement beside a baseline measured in the same run.

    python -m bench.run [--sizes 1000,10000,100000] [--cache DIR]

Machines here are shared and noisy, so each figure is a ratio against a baseline run in
turns with it on the same machine, each the best of a few repeats:
  export csv   tracker's csv export       / sqlite-utils querying the same rows
  import       importing N values (csv)   / sqlite-utils inserting N rows
UI figures (start-up, jump, search, memory) come from bench/ui.py, run in a subprocess.
Databases are generated once per size through the project's store and kept in --cache.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from bench.generate import generate
from tracker import importer
from tracker import snapshot as snap
from tracker.store import Store

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3


def repeats(n: int) -> int:
    """Runs of each side: three, and more where each is short (15 at 1,000 indicators),
    so a pause of the machine's weighs less in the best of them."""
    return max(REPEATS, min(15, 30_000 // n))


def best_of_pairs(ours: Callable[[], object], raw: Callable[[], object],
                  runs: int = REPEATS) -> tuple[float, float]:
    """The best time of each, run in turns: when the machine slows down for a while, both
    sides see it, rather than all of one side's runs."""
    mine, theirs = [], []
    for _ in range(runs):
        for fn, times in ((ours, mine), (raw, theirs)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return min(mine), min(theirs)


def database(n: int, cache: Path) -> Path:
    path = cache / f"plan-{n}.db"
    if not path.exists():
        print(f"generating {n:,} indicators ... (kept in {cache})", file=sys.stderr, flush=True)
        tmp = path.with_suffix(".partial")
        tmp.unlink(missing_ok=True)
        generate(n, tmp)
        tmp.rename(path)
    return path


def export_csv(db: Path, work: Path, n: int) -> tuple[float, float]:
    out = work / "plan.csv"

    def ours() -> None:
        # as the app and `tracker export` write the plan now
        with Store(db, actor="bench") as s:
            snap.export_state(s, "csv", out, "zh", "bench", force=True)

    def raw() -> None:
        # the same rows straight from SQLite, written by the csv module
        con = sqlite_utils.Database(db)
        rows = con.query(
            "SELECT i.*, s.* FROM indicators i JOIN indicator_status s ON s.indicator = i.id"
            " WHERE i.retired = 0"
        )
        with (work / "raw.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            w = None
            for r in rows:
                if w is None:
                    w = csv.DictWriter(fh, fieldnames=list(r))
                    w.writeheader()
                w.writerow(r)
        con.close()

    return best_of_pairs(ours, raw, repeats(n))


def import_values(db: Path, work: Path, n: int) -> tuple[float, float]:
    """Import one new value for each of n indicators from a csv file."""
    source = work / "values.csv"
    with Store(db, actor="bench") as s:
        ids = [st.indicator.id for st in s.indicator_states(limit=n)]
    with source.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "最新值", "年份"])
        for i, iid in enumerate(ids):
            w.writerow([iid, f"{100 + i % 50}.5", "2026"])

    def ours() -> None:
        copy = work / "import.db"
        shutil.copy(db, copy)
        with Store(copy, actor="bench") as s:
            start = time.perf_counter()
            importer.apply_import(s, importer.plan_import(s, importer.read_import(source)))
            ours.elapsed = time.perf_counter() - start  # type: ignore[attr-defined]
        copy.unlink()

    def raw() -> None:
        copy = work / "raw.db"
        shutil.copy(db, copy)
        con = sqlite_utils.Database(copy)
        rows = [{"indicator": iid, "year": 2026, "value": 100 + i % 50 + 0.5, "source": "",
                 "quality": "final", "note": "", "actor": "bench", "recorded_at": "now"}
                for i, iid in enumerate(ids)]
        start = time.perf_counter()
        con["measurements"].insert_all(rows, batch_size=1000)
        raw.elapsed = time.perf_counter() - start  # type: ignore[attr-defined]
        con.close()
        copy.unlink()

    mine, theirs = [], []
    for _ in range(repeats(n)):
        ours()
        mine.append(ours.elapsed)  # type: ignore[attr-defined]
        raw()
        theirs.append(raw.elapsed)  # type: ignore[attr-defined]
    return min(mine), min(theirs)


def ui_figures(db: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.ui", str(db)], cwd=ROOT,
                         capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="tracker benchmark")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "kaili-tracker-bench")
    parser.add_argument("--no-ui", action="store_true", help="Skip the UI figures.")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    sizes = [int(x) for x in args.sizes.split(",")]
    header = (f"{'indicators':>10} | {'start-up':>17} | {'jump':>7} | {'search':>7} | "
              f"{'memory':>7} | {'export csv':>18} | {'import values':>18}")
    lines = [header, "-" * len(header)]
    for n in sizes:
        db = database(n, args.cache)
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            e_ours, e_raw = export_csv(db, work, n)
            i_ours, i_raw = import_values(db, work, n)
        ui = {} if args.no_ui else ui_figures(db)
        if "error" in ui:
            print(f"UI figures failed at {n}: {ui['error']}", file=sys.stderr)
            ui = {}
        start = (f"{ui['startup'] * 1000:5.0f}ms {ui['startup'] / ui['startup_bare']:4.2f}x"
                 if ui else "—")
        jump = f"{ui['jump'] * 1000:5.0f}ms" if ui else "—"
        search = f"{ui['search'] * 1000:5.0f}ms" if ui else "—"
        memory = f"{ui['rss_mb']:5.0f}MB" if ui else "—"
        lines.append(
            f"{n:>10,} | {start:>17} | {jump:>7} | {search:>7} | {memory:>7} | "
            f"{e_ours * 1000:6.0f}ms {e_ours / e_raw:5.2f}x | "
            f"{i_ours * 1000:6.0f}ms {i_ours / i_raw:5.2f}x"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    print("\n".join(lines))
    print("start-up: first interactive frame of the plan screen / a bare Textual app with the "
          "same widgets; export: / sqlite-utils query; import (N values, one per "
          "indicator): / sqlite-utils insert")
    return 0


if __name__ == "__main__":
    sys.exit(main())
