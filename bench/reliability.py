"""Reliability figures: kill imports, exports and backups at random moments, fuzz every
reader.

    python -m bench.reliability [--crash-trials 40] [--fuzz-cases 2000] [--seed 1]

Prints how many trials and cases ran and how many failed; exits 1 if any failed.
The tests run the same trials in smaller numbers (tests/cli/test_crash.py).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Tally:
    name: str
    runs: int = 0
    failures: list[str] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)

    def saw(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def fail(self, why: str) -> None:
        self.failures.append(why)


def _tracker(*args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", *args]


def _counts(db: Path) -> tuple[str, int, int]:
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        values = con.execute("SELECT count(*) FROM measurements").fetchone()[0]
        imports = con.execute("SELECT count(*) FROM audit WHERE action = 'import'").fetchone()[0]
        return ok, values, imports
    finally:
        con.close()


def make_fixtures(folder: Path, values: int = 3000) -> tuple[Path, Path, Path]:
    """An empty database, a json import of `values` values, and a full database."""
    from tracker import exporters
    from tracker import snapshot as snap
    from tracker.models import Measurement
    from tracker.store import Store

    empty, full, payload = folder / "empty.db", folder / "full.db", folder / "import.json"
    Store(empty, actor="trial").close()
    with Store(full, actor="trial") as s:
        ids = [i.id for i in s.indicators()]
        ms = [
            Measurement(indicator=ids[i % len(ids)], year=2021 + (i // len(ids)) % 5,
                        value=float(i), source=f"trial {i}")
            for i in range(values)
        ]
        s.import_batch([], [], ms, "trial")
        exporters.export(snap.current_state(s, "trial"), "json", payload, "en")
    return empty, payload, full


def _run_and_kill(cmd: list[str], after: float) -> int | None:
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    return proc.wait()


def _startup() -> float:
    """How long the interpreter and the package take to load: kills before that prove little."""
    return _duration(_tracker("--version"))


def _duration(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def import_trials(n: int, rng: random.Random, folder: Path) -> Tally:
    tally = Tally("import killed at a random moment")
    empty, payload, _ = make_fixtures(folder)
    _, expected, _ = _counts(folder / "full.db")
    probe = folder / "probe.db"
    shutil.copy(empty, probe)
    span, start = _duration(_tracker("import", str(payload), "--db", str(probe))), _startup()
    for i in range(n):
        db = folder / f"import-{i}.db"
        shutil.copy(empty, db)
        _run_and_kill(_tracker("import", str(payload), "--db", str(db)),
                      rng.uniform(start, span * 1.1))
        tally.runs += 1
        ok, values, imports = _counts(db)
        if ok != "ok":
            tally.fail(f"trial {i}: integrity {ok}")
        elif (values, imports) == (0, 0):
            tally.saw("killed before the commit: nothing imported")
        elif (values, imports) == (expected, 1):
            tally.saw("killed after the commit: all imported")
        else:
            tally.fail(f"trial {i}: {values} of {expected} values, {imports} import entries")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return tally


def _xlsx_rows(path: Path) -> int:
    """Rows in every sheet, counted by reading them all (a streamed workbook names no
    dimension up front, and a half file would fail on the way)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
    finally:
        wb.close()


def export_trials(n: int, rng: random.Random, folder: Path) -> Tally:
    tally = Tally("export killed at a random moment")
    _, _, full = make_fixtures(folder)
    out = folder / "out" / "plan.xlsx"
    out.parent.mkdir()
    span, start = _duration(_tracker("export", "--output", str(out), "--db", str(full))), _startup()
    rows = _xlsx_rows(out)
    for i in range(n):
        out.unlink(missing_ok=True)
        _run_and_kill(_tracker("export", "--output", str(out), "--db", str(full)),
                      rng.uniform(start, span * 1.1))
        tally.runs += 1
        tally.saw("file complete" if out.exists() else "no file")
        if out.exists():
            try:
                got = _xlsx_rows(out)
            except Exception as e:  # a half file is exactly what this looks for
                tally.fail(f"trial {i}: {out.name} is unreadable: {e}")
                continue
            if got != rows:
                tally.fail(f"trial {i}: {got} rows instead of {rows}")
        if _leftovers(out.parent):
            tally.saw("temporary file left by the killed run")
        # the next export clears what a killed one abandoned
        subprocess.run(_tracker("export", "--output", str(folder / "out" / "again.xlsx"),
                                "--force", "--db", str(full)), cwd=ROOT, check=True,
                       capture_output=True)
        subprocess.run(_tracker("export", "--output", str(out), "--force", "--db", str(full)),
                       cwd=ROOT, check=True, capture_output=True)
        left = _leftovers(out.parent)
        if left:
            tally.fail(f"trial {i}: temporary files left: {left}")
    return tally


def _leftovers(folder: Path) -> list[str]:
    from tracker import safe_files

    return [p.name for p in folder.iterdir()
            if safe_files.is_temp_name(p.name) or p.name.endswith((".tmp", "-journal"))]


def padded(db: Path, rows: int) -> None:
    """Make a database large-ish (about 0.5 kB an audit entry), so a backup takes long
    enough to be killed in the middle."""
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO audit (at, actor, action, entity, entity_id, old, new) "
            "SELECT '2026-01-01T00:00:00+00:00', 'trial', 'update', 'setting', 'pad', NULL, "
            "json_object('pad', hex(randomblob(240))) FROM n", [rows])
    con.close()


def _audit_rows(db: Path) -> tuple[str, int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        return ok, con.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        con.close()


def backup_trials(n: int, rng: random.Random, folder: Path, pad_rows: int = 100_000) -> Tally:
    from tracker.store import Store

    tally = Tally("backup killed at a random moment")
    db = folder / "plan.db"
    Store(db, actor="trial").close()
    padded(db, pad_rows)
    _, rows = _audit_rows(db)
    out = folder / "out" / "plan-backup.db"
    out.parent.mkdir()
    span = _duration(_tracker("backup", "--output", str(out), "--db", str(db)))
    start = _startup()
    for i in range(n):
        out.unlink(missing_ok=True)
        _run_and_kill(_tracker("backup", "--output", str(out), "--db", str(db)),
                      rng.uniform(start, span * 1.1))
        tally.runs += 1
        if out.exists():
            tally.saw("backup complete")
            ok, got = _audit_rows(out)
            if (ok, got) != ("ok", rows):
                tally.fail(f"trial {i}: backup is {ok} with {got} of {rows} audit rows")
            if out.stat().st_mode & 0o077:
                tally.fail(f"trial {i}: backup readable by others ({oct(out.stat().st_mode)})")
        else:
            tally.saw("no backup")
        killed = _leftovers(out.parent)
        if killed:
            tally.saw("temporary file left by the killed run")
        # the next backup, to another name in the same folder, clears what was abandoned
        again = out.parent / f"again-{i}.db"
        subprocess.run(_tracker("backup", "--output", str(again), "--db", str(db)),
                       cwd=ROOT, check=True, capture_output=True)
        again.unlink()
        left = _leftovers(out.parent)
        if left:
            tally.fail(f"trial {i}: temporary files left after the next run: {left}")
    return tally


def fuzz_cases(n: int, rng: random.Random, folder: Path) -> Tally:
    """Random and malformed input to every reader: a clear error or a correct value."""
    from tracker import importer
    from tracker.errors import TrackerError
    from tracker.numbers import parse_quantity
    from tracker.store import Store

    tally = Tally("fuzz cases (numbers, import files)")
    pieces = ["1", "2", ",", ".", "万", "亿", "-", "+", "%", " ", "nan", "inf", "e", "１",
              "=", "@", "\t", "\x00", "，", "٣", "9" * 30]
    store = Store(folder / "fuzz.db", actor="fuzz")
    headers = ["id", "目标值", "目标年", "Latest", "Year", "district", "quality", "名"]
    try:
        for i in range(n):
            tally.runs += 1
            kind = i % 3
            try:
                if kind == 0:
                    text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
                    v = parse_quantity(text, rng.choice(["", "万人", "人", "%"]))
                    if v != v or abs(v) == float("inf"):
                        tally.fail(f"number {text!r} gave {v}")
                else:
                    suffix = ".csv" if kind == 1 else rng.choice([".json", ".xlsx"])
                    path = folder / f"f{i}{suffix}"
                    if rng.random() < 0.5:
                        data = rng.randbytes(rng.randint(0, 300))
                    else:
                        cols = rng.sample(headers, rng.randint(1, len(headers)))
                        lines = [",".join(cols)] + [
                            ",".join(rng.choice(pieces + ["openness-road-length", "2025"])
                                     for _ in cols)
                            for _ in range(rng.randint(0, 4))
                        ]
                        data = "\n".join(lines).encode(rng.choice(["utf-8", "utf-8-sig",
                                                                   "gb18030"]), "replace")
                    path.write_bytes(data)
                    audited = len(store.audit())
                    try:
                        importer.apply_import(store, importer.plan_import(
                            store, importer.read_import(path)))
                    except TrackerError:
                        if len(store.audit()) != audited:
                            tally.fail(f"case {i}: a refused import wrote something")
                        raise
                    finally:
                        path.unlink()
            except TrackerError as e:
                if not e.text("en") or not e.text("zh"):
                    tally.fail(f"case {i}: empty message")
            except Exception as e:
                tally.fail(f"case {i}: {type(e).__name__}: {e}")
        if store.integrity_problems():
            tally.fail("database damaged by fuzzing")
    finally:
        store.close()
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crash-trials", type=int, default=40)
    parser.add_argument("--fuzz-cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, run, count in (
            ("import", import_trials, args.crash_trials),
            ("export", export_trials, args.crash_trials),
            ("backup", backup_trials, args.crash_trials),
            ("fuzz", fuzz_cases, args.fuzz_cases),
        ):
            folder = Path(tmp) / name
            folder.mkdir()
            results.append(run(count, rng, folder))
    print(f"{'check':40} {'runs':>6} {'failures':>9}")
    for t in results:
        print(f"{t.name:40} {t.runs:>6} {len(t.failures):>9}")
        for outcome, k in sorted(t.outcomes.items()):
            print(f"    {outcome}: {k}")
        for why in t.failures[:10]:
            print(f"    {why}")
    lost = sum(len(t.failures) for t in results)
    print(f"data lost or damaged: {lost}")
    return 1 if lost else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
