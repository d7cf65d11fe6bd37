"""SIGKILL in the middle of imports, exports and backups, then look at what is left.

The same trials run in larger numbers with `python -m bench.reliability`.
"""

from __future__ import annotations

import random
from pathlib import Path

from bench import reliability


def test_killed_imports_leave_all_or_nothing(tmp_path: Path) -> None:
    tally = reliability.import_trials(6, random.Random(7), tmp_path)
    assert tally.runs == 6
    assert tally.failures == []


def test_killed_exports_leave_no_half_file(tmp_path: Path) -> None:
    tally = reliability.export_trials(5, random.Random(8), tmp_path)
    assert tally.runs == 5
    assert tally.failures == []


def test_killed_backups_leave_no_half_file_and_no_leftovers(tmp_path: Path) -> None:
    tally = reliability.backup_trials(4, random.Random(10), tmp_path, pad_rows=20_000)
    assert tally.runs == 4
    assert tally.failures == []


def test_fuzzed_readers_answer_clearly(tmp_path: Path) -> None:
    tally = reliability.fuzz_cases(300, random.Random(9), tmp_path)
    assert tally.runs == 300
    assert tally.failures == []


def test_the_trials_can_fail(tmp_path: Path) -> None:
    """A half import is caught: the checker is not a rubber stamp."""
    import shutil
    import sqlite3

    empty, _, full = reliability.make_fixtures(tmp_path, values=50)
    half = tmp_path / "half.db"
    shutil.copy(full, half)
    con = sqlite3.connect(half)
    with con:
        con.execute("DELETE FROM measurements WHERE id % 2 = 0")
    con.close()
    ok, values, imports = reliability._counts(half)
    assert ok == "ok" and (values, imports) not in ((0, 0), (50, 1))
