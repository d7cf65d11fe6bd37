"""`tracker log` reads plain rows (tracker.store.log_rows): the same entries, to the
byte, as the audit entry model gives, and without loading pydantic or the models."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from tracker.models import Measurement
from tracker.store import LogRows, Store

INDICATOR = "openness-road-length"


def _filled(path: Path) -> None:
    with Store(path, actor="ana") as s:
        s.add_measurement(Measurement(indicator=INDICATOR, year=2026, value=12.5,
                                      note="two\nlines"))
        s.import_batch([], [], [Measurement(indicator=INDICATOR, year=2027, value=13.0),
                                Measurement(indicator=INDICATOR, year=2028, value=-0.5,
                                            date="2028-06-30")], "values.csv")
        s.add_measurement(Measurement(indicator=INDICATOR, year=2029, value=14.0))


def _both(path: Path, **query) -> tuple[list[dict], list[dict]]:
    with Store(path, actor="tester") as s:
        models = [e.model_dump(mode="json") for e in s.audit(**query)]
        plain = s.log_rows(**query)
    return models, plain


@pytest.mark.parametrize("query", [
    {}, {"limit": 1}, {"limit": 3}, {"entity": "indicator"},
    {"entity": "indicator", "entity_id": INDICATOR, "limit": 2}, {"entity": "database"},
])
def test_plain_rows_are_the_models_rows(db_path: Path, query: dict) -> None:
    _filled(db_path)
    models, plain = _both(db_path, **query)
    assert plain == models
    assert json.dumps(plain, ensure_ascii=False) == json.dumps(models, ensure_ascii=False)


def test_the_import_lists_its_values_under_its_entry(db_path: Path) -> None:
    _filled(db_path)
    with LogRows(db_path, actor="tester") as part:
        rows = part.log_rows(limit=5)
    assert [(r["id"], r["action"], r["value_id"]) for r in rows] == [
        (4, "measure", None), (3, "import", None), (3, "measure", 3), (3, "measure", 2),
        (2, "measure", None)]


# entries the store does not write itself: from an older tracker, or written by hand
def _with_last_entry(db_path: Path, column: str, stored: str) -> None:
    """A filled file whose newest audit entry holds `stored` in `column`, as another
    program might have written it."""
    _filled(db_path)
    with sqlite3.connect(db_path) as con:
        con.execute(f"UPDATE audit SET {column} = ? WHERE id = (SELECT max(id) FROM audit)",
                    [stored])
    con.close()


@pytest.mark.parametrize(("column", "stored"), [
    ("at", "2026-01-02T03:04:05"),
    ("at", "2026-01-02T03:04:05Z"),
    ("at", "2026-01-02T03:04:05.250000+00:00"),
    ("at", "2026-01-02T03:04:05+08:00"),
    ("new", '{"value": Infinity}'),
    ("new", '{"value": 1e400}'),
    ("new", '{"nested": {"list": [1, 2.5, null, true]}}'),
    ("old", '{"1": "a"}'),
])
def test_an_unusual_entry_is_given_as_the_model_gives_it(
        db_path: Path, column: str, stored: str) -> None:
    _with_last_entry(db_path, column, stored)
    models, plain = _both(db_path, limit=2)
    assert plain == models
    assert json.dumps(plain) == json.dumps(models)


@pytest.mark.parametrize(("column", "stored"), [
    ("actor", "ana\x1b[2J"), ("at", "2026-13-02T03:04:05+00:00"), ("at", "yesterday"),
    ("new", "[1, 2]"),
])
def test_an_entry_the_model_refuses_is_refused_as_before(
        db_path: Path, column: str, stored: str) -> None:
    _with_last_entry(db_path, column, stored)
    with Store(db_path, actor="tester") as s:
        with pytest.raises(ValidationError):
            s.audit(limit=1)
        with pytest.raises(ValidationError):
            s.log_rows(limit=1)


def _log(path: Path, *args: str) -> subprocess.CompletedProcess:
    code = ("import sys\nfrom tracker.cli import main\n"
            f"sys.argv = ['tracker', '--db', {str(path)!r}, 'log', *{list(args)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith("
            "('pydantic', 'tracker.models')))), file=sys.stderr)\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"TRACKER_LANG": "en", "PATH": "/usr/bin:/bin"})


def test_the_log_loads_no_model(db_path: Path) -> None:
    _filled(db_path)
    for fmt in ("table", "json", "csv"):
        run = _log(db_path, "--limit", "100", "--format", fmt)
        assert "values.csv" in run.stdout
        assert run.stderr.strip() == ""


def test_the_log_of_a_new_file_makes_it_first(tmp_path: Path) -> None:
    # a new file is made by the whole store, seeded, and its one entry listed
    path = tmp_path / "new.db"
    run = _log(path, "--format", "json")
    rows = json.loads(run.stdout)
    assert [r["action"] for r in rows] == ["seed"]
    with Store(path, actor="tester") as s:
        assert s.achievements()


def test_the_log_of_an_older_file_upgrades_it(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent.parent / "fixtures"
    path = tmp_path / "old.db"
    path.write_bytes((fixtures / "schema-9.db").read_bytes())
    run = _log(path, "--limit", "5", "--format", "json")
    assert json.loads(run.stdout)
    assert list(tmp_path.glob("old.db.before-schema-*.bak"))
    with sqlite3.connect(path) as con:
        from tracker.store import SCHEMA_VERSION
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()
