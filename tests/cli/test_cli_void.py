"""Voiding and revising a value on the command line: what it says, its exit status, and
the database file afterwards (nothing written when it refuses)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_voids import ROADS, URBAN, everything, state


@pytest.fixture
def cli_db(run, db_path: Path) -> list[str]:
    db = ["--db", str(db_path), "--user", "planner"]
    run("target", "set", URBAN, "--value", "78", "--year", "2025", *db)
    run("measure", "add", URBAN, "--year", "2022", "--value", "75", *db)
    run("measure", "add", URBAN, "--year", "2023", "--value", "1.62万", *db)
    return db


def test_void_revise_and_list_on_the_command_line(run, cli_db: list[str], db_path: Path
                                                  ) -> None:
    r = run("measure", "void", URBAN, "2", "--reason", "多输了“万”", "--lang", "en", *cli_db)
    assert r.exit_code == 0, r.output
    assert r.output.strip() == f"{URBAN}: value #2 (2023 = 16,200) voided: 多输了“万”"
    assert state(db_path)[:2] == (2022, 75.0)
    r = run("measure", "revise", URBAN, "1", "--value", "75.4", "--reason", "统计局修订",
            *cli_db)
    assert r.exit_code == 0, r.output
    assert "已修订为 75.4 %（#3）" in r.output
    assert state(db_path)[:3] == (2022, 75.4, "revised")
    rows = json.loads(run("measure", "list", URBAN, "--format", "json", *cli_db).output)
    assert [(x["id"], x["value"], x["quality"]) for x in rows] == [
        (1, 75.0, "final"), (2, 16200.0, "final"), (3, 75.4, "revised")]
    assert rows[0]["voided"]["reason"] == "统计局修订" and rows[0]["voided"]["by"] == "planner"
    assert rows[1]["voided"]["reason"] == "多输了“万”" and rows[1]["voided"]["at"]
    assert rows[2]["voided"] is None
    csv = run("measure", "list", URBAN, "--format", "csv", *cli_db).output.splitlines()
    assert csv[0] == ("id,year,value,quality,voided,voided_by,void_reason,source,note,actor,"
                      "recorded_at")
    assert csv[2].startswith("2,2023,16200,final,20") and ",planner,多输了“万”," in csv[2]
    assert csv[3].startswith("3,2022,75.4,revised,,,,")
    table = run("measure", "list", URBAN, *cli_db).output
    assert "voided" in table.splitlines()[0] and "统计局修订" in table


def test_large_and_small_values_are_shown_digit_for_digit(run, cli_db: list[str]) -> None:
    """A planner checks a recorded figure against the statistics it came from: the
    confirmation, the list and its csv show every digit entered, never "1.23457e+06"."""
    r = run("measure", "add", ROADS, "--year", "2022", "--value", "1,234,567.891", *cli_db)
    assert r.exit_code == 0, r.output
    assert "1,234,567.891" in r.output
    r = run("measure", "add", ROADS, "--year", "2023", "--value", "0.000012345678",
            "--lang", "en", *cli_db)
    assert "0.000012345678" in r.output and "e-" not in r.output
    table = run("measure", "list", ROADS, *cli_db).output
    assert "1,234,567.891" in table and "0.000012345678" in table
    csv = run("measure", "list", ROADS, "--format", "csv", *cli_db).output.splitlines()
    assert [line.split(",")[2] for line in csv[1:]] == ["1234567.891", "0.000012345678"]
    r = run("measure", "revise", ROADS, "3", "--value", "2345678.125", "--reason", "修订",
            *cli_db)
    assert "1,234,567.891" in r.output and "2,345,678.125" in r.output
    r = run("target", "year", ROADS, "--year", "2024", "--value", "1867654.5", *cli_db)
    assert r.exit_code == 0, r.output
    assert "1,867,654.5" in r.output
    run("target", "set", ROADS, "--baseline-value", "1234567.891", "--baseline-year", "2020",
        "--value", "2345678.125", "--year", "2025", *cli_db)
    rows = run("indicators", "--format", "csv", *cli_db).output.splitlines()
    header, road = rows[0].split(","), next(x for x in rows if x.startswith(ROADS + ","))
    cells = dict(zip(header, road.split(","), strict=True))
    assert (cells["baseline_value"], cells["target_value"]) == ("1234567.891", "2345678.125")


@pytest.mark.parametrize(("args", "words"), [
    (["void", URBAN, "99", "--reason", "x"], "no value #99"),
    (["void", ROADS, "2", "--reason", "x"], "not of openness-road-length"),
    (["void", URBAN, "2", "--reason", "  "], "a reason is required"),
    (["void", URBAN, "2", "--reason", ""], "a reason is required"),
    (["void", URBAN, "2"], "--reason"),
    (["void", URBAN, "two", "--reason", "x"], "VALUE_ID"),
    (["void", "nope", "2", "--reason", "x"], "no indicator"),
    (["revise", URBAN, "2", "--value", "abc", "--reason", "x"], "not a number"),
    (["revise", URBAN, "2", "--value", "10²", "--reason", "x"], "10²"),
    (["revise", URBAN, "2", "--reason", "x"], "--value"),
    (["revise", URBAN, "2", "--value", "76", "--reason", " "], "a reason is required"),
])
def test_refused_on_the_command_line_in_one_line(run, cli_db: list[str], db_path: Path,
                                                 args: list[str], words: str) -> None:
    before = everything(db_path)
    r = run("measure", *args, "--lang", "en", *cli_db)
    assert r.exit_code == 1
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], r.output
    assert "Traceback" not in r.output
    assert everything(db_path) == before


def test_voided_already_and_retired_on_the_command_line(run, cli_db: list[str],
                                                        db_path: Path) -> None:
    assert run("measure", "void", URBAN, "2", "--reason", "typo", *cli_db).exit_code == 0
    before = everything(db_path)
    r = run("measure", "revise", URBAN, "2", "--value", "76", "--reason", "x", *cli_db)
    assert r.exit_code == 1 and "已由 planner" in r.output and "作废" in r.output
    assert run("indicator", "retire", URBAN, *cli_db).exit_code == 0
    before = everything(db_path)
    r = run("measure", "void", URBAN, "1", "--reason", "x", *cli_db)
    assert r.exit_code == 1 and "已停用" in r.output
    assert everything(db_path) == before
