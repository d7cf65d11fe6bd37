"""`tracker indicator edit`, `retire` and `restore` as a planner runs them: the database
afterwards, and exit 1 with nothing written on every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import raw
from tracker.cli import cli

ID = "t-output"


@pytest.fixture
def db(run, db_path: Path) -> list[str]:
    db = ["--db", str(db_path), "--user", "ana"]
    assert run("indicator", "add", "--district", "industry", "--id", ID, "--name-zh", "产值",
               "--name-en", "Output", "--unit", "亿元", "--direction", "increase",
               "--attribute", "expected", *db).exit_code == 0
    assert run("target", "set", ID, "--value", "2.5", "--year", "2025", "--baseline-value",
               "1.62", "--baseline-year", "2020", *db).exit_code == 0
    assert run("measure", "add", ID, "--year", "2021", "--value", "1.8", *db).exit_code == 0
    assert run("departments", "add", "--name-zh", "工信局", "--name-en", "Industry Bureau",
               *db).exit_code == 0
    return db


def state(db_path: Path) -> list[tuple]:
    return (raw(db_path, "SELECT * FROM indicators WHERE id = ?", (ID,))
            + raw(db_path, "SELECT value FROM measurements WHERE indicator = ?", (ID,))
            + raw(db_path, "SELECT count(*) FROM audit"))


def test_names_department_notes_and_kind(run, db, db_path: Path) -> None:
    r = run("indicator", "edit", ID, "--name-zh", "工业产值", "--name-en", "Industrial output",
            "--department", "industry bureau", "--notes", "按现价", "--attribute", "binding",
            "--lang", "en", *db)
    assert r.exit_code == 0, r.output
    assert "saved" in r.output and "department" in r.output
    assert raw(db_path, "SELECT name_zh, name_en, department, notes, attribute, version"
                        " FROM indicators WHERE id = ?", (ID,)) == [
        ("工业产值", "Industrial output", "工信局", "按现价", "binding", 3)]
    last = raw(db_path, "SELECT actor, action FROM audit ORDER BY id DESC LIMIT 1")
    assert last == [("ana", "update")]
    # by its Chinese name too, and '' for none
    assert run("indicator", "edit", ID, "--department", "", *db).exit_code == 0
    assert raw(db_path, "SELECT department FROM indicators WHERE id = ?", (ID,)) == [("",)]


@pytest.mark.parametrize(("args", "says"), [
    (["--name-zh", "   "], "中文名称"),
    (["--name-en", "a\x1bb"], "控制字符"),
    (["--department", "没有这个局"], "工信局"),  # refused with the list to pick from
    (["--unit", "万人"], "万/亿"),
    ([], "--name-zh"),
    (["--band", "abc"], "不是有效数字"),
])
def test_refusals_are_one_line_exit_1_and_write_nothing(run, db, db_path: Path,
                                                        args: list[str], says: str) -> None:
    before = state(db_path)
    r = run("indicator", "edit", ID, *args, "--lang", "zh", *db)
    assert r.exit_code == 1
    assert says in r.output and len(r.output.strip().splitlines()) == 1, r.output
    assert state(db_path) == before


def test_a_unit_change_says_what_it_does_and_asks(run, db, db_path: Path) -> None:
    before = state(db_path)
    r = typed("indicator", "edit", ID, "--unit", "万元", "--lang", "en", *db, input="n\n")
    assert r.exit_code == 1
    assert "the baseline, the target and 1 value will be multiplied by 10000" in r.output
    assert state(db_path) == before
    # no answer (no terminal to ask on) is a no
    r = typed("indicator", "edit", ID, "--unit", "万元", *db, input="")
    assert r.exit_code == 1 and state(db_path) == before

    r = typed("indicator", "edit", ID, "--unit", "万元", *db, input="y\n")
    assert r.exit_code == 0, r.output
    assert raw(db_path, "SELECT unit, baseline_value, target_value FROM indicators"
                        " WHERE id = ?", (ID,)) == [("万元", 16200.0, 25000.0)]
    assert raw(db_path, "SELECT value FROM measurements WHERE indicator = ?", (ID,)) == [
        (18000.0,)]
    # --yes: said, and saved without asking
    r = run("indicator", "edit", ID, "--unit", "亿元", "--yes", "--lang", "zh", *db)
    assert r.exit_code == 0, r.output
    assert "除以 10000" in r.output
    assert raw(db_path, "SELECT value FROM measurements WHERE indicator = ?", (ID,)) == [(1.8,)]


def test_retire_refuse_edit_and_restore(run, db, db_path: Path) -> None:
    assert run("indicator", "retire", ID, *db).exit_code == 0
    before = state(db_path)
    for args in (["edit", ID, "--notes", "x"], ["retire", ID]):
        r = run("indicator", *args, "--lang", "en", *db)
        assert r.exit_code == 1 and "retired" in r.output
    assert state(db_path) == before
    r = run("indicator", "restore", ID, "--lang", "en", *db)
    assert r.exit_code == 0 and "back in the plan" in r.output
    assert raw(db_path, "SELECT retired FROM indicators WHERE id = ?", (ID,)) == [(0,)]
    r = run("indicator", "restore", ID, "--lang", "en", *db)
    assert r.exit_code == 1 and "not retired" in r.output


def typed(*args: str, input: str):  # noqa: A002
    """The CLI run with `input` typed on its stdin (not a terminal)."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
