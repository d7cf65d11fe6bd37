"""The command line, in-process and as a real process."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import raw, run_process
from tracker.seed import data_dir


def test_achievements_json_shape(run, db_path: Path) -> None:
    r = run("achievements", "--format", "json", "--db", str(db_path))
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert len(rows) > 70
    keys = {
        "id",
        "theme",
        "title_zh",
        "title_en",
        "value",
        "unit",
        "period",
        "kind",
        "source_quote",
        "flags",
    }
    assert all(keys <= set(row) for row in rows)
    pop = next(row for row in rows if row["id"] == "poverty-population")
    assert (pop["value"], pop["unit"]) == ("6.13", "万人")
    assert "6.13万贫困人口" in pop["source_quote"]


def test_flagged_and_theme_filters(run, db_path: Path) -> None:
    flagged = json.loads(
        run("--db", str(db_path), "achievements", "--flagged", "--format", "json").output
    )
    assert {r["value"] for r in flagged} >= {"116.3", "97", "43"}
    assert all(r["flags"] and {"code", "message"} <= set(r["flags"][0]) for r in flagged)
    edu = json.loads(
        run("achievements", "--theme", "education", "--format", "json", "--db", str(db_path)).output
    )
    assert edu and {r["theme"] for r in edu} == {"education"}


def test_csv_and_table(run, db_path: Path) -> None:
    out = run("achievements", "--format", "csv", "--db", str(db_path)).output
    assert out.splitlines()[0].startswith("id,theme,title_zh")
    table = run("achievements", "--db", str(db_path), "--lang", "zh").output
    assert "贫困人口" in table


def test_options_before_or_after_the_subcommand(run, tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert (
        run(
            "--db", str(a), "--user", "ana", "flag", "add", "urban-parks-squares", "--note", "n"
        ).exit_code
        == 0
    )
    assert (
        run(
            "flag", "add", "urban-parks-squares", "--note", "n", "--db", str(b), "--user", "bo"
        ).exit_code
        == 0
    )
    for path, who in ((a, "ana"), (b, "bo")):
        con = sqlite3.connect(path)
        assert con.execute("SELECT actor FROM audit WHERE action = 'flag'").fetchone() == (who,)
        con.close()
    # the value nearest the command wins
    r = run("--lang", "en", "check", "--lang", "zh", "--db", str(a))
    assert "数据库完好" in r.output


def test_env_var_and_default_location(run, tmp_path: Path, monkeypatch) -> None:
    env_db = tmp_path / "env.db"
    run("check", env={"TRACKER_DB": str(env_db)})
    assert env_db.exists()
    r = run("check")
    assert r.exit_code == 0
    assert list((tmp_path / "xdg").rglob("tracker.db"))


def test_check_reports_flags(run, db_path: Path) -> None:
    r = run("check", "--db", str(db_path), "--lang", "en")
    assert r.exit_code == 0
    assert "integrity: ok" in r.output and "rate_over_100" in r.output


def _groups(output: str) -> dict[str, str]:
    """The lines under each severity's heading."""
    groups: dict[str, str] = {}
    head = ""
    for line in output.splitlines():
        if not line.startswith("  "):
            head = line
        else:
            groups[head] = groups.get(head, "") + line + "\n"
    return groups


@pytest.mark.parametrize(("lang", "error", "check", "land", "people"), [
    ("en", "Cannot be right as printed", "Unusual, to check with the source", "1,569.7 km²",
     "709,057"),
    ("zh", "按原文不可能成立", "不寻常，需与来源核实", "1569.7平方公里", "709057人"),
])
def test_check_lists_each_figure_under_its_severity_with_its_basis(
        run, db_path: Path, lang: str, error: str, check: str, land: str, people: str) -> None:
    r = run("check", "--db", str(db_path), "--lang", lang)
    assert r.exit_code == 0
    groups = _groups(r.output)
    errors = next(v for k, v in groups.items() if k.startswith(error))
    checks = next(v for k, v in groups.items() if k.startswith(check))
    for code in ("built_up_share_of_land", "new_jobs_against_population"):
        assert f"[{code}]" in errors and f"[{code}]" not in checks
    for code in ("expressway_share_of_roads", "loan_per_job", "sport_area_per_resident",
                 "rural_transfer_against_population", "rate_over_100"):
        assert f"[{code}]" in checks and f"[{code}]" not in errors
    built_up = next(ln for ln in errors.splitlines() if "[built_up_share_of_land]" in ln)
    jobs = next(ln for ln in errors.splitlines() if "[new_jobs_against_population]" in ln)
    assert land in built_up and people in jobs
    # what cannot be right comes first
    assert r.output.index(error) < r.output.index(check)


def test_achievements_json_flags_carry_severity_period_basis_and_scope(run, db_path: Path) -> None:
    rows = {r["id"]: r for r in json.loads(
        run("achievements", "--format", "json", "--db", str(db_path)).output)}
    assert all(r["period_basis"] and r["scope"] in ("city", "prefecture") for r in rows.values())
    loans = rows["jobs-startup-loans"]
    assert [(f["code"], f["severity"]) for f in loans["flags"]] == [("loan_per_job", "check")]
    assert loans["period_basis"] == "congress_term" and loans["period_inferred"] is True
    assert rows["soup-key-enterprises"]["scope"] == "prefecture"
    assert rows["soup-key-enterprises"]["period_basis"] == "13th_fyp"
    table = run("achievements", "--theme", "jobs", "--db", str(db_path), "--lang", "en").output
    assert "~2017-2021" in table


def test_check_fails_on_a_damaged_file(db_path: Path) -> None:
    assert run_process("check", "--db", str(db_path)).returncode == 0
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    # scribble over the pages after the schema: the tables' b-trees are damaged
    data[page * 2 : page * 6] = b"\xde\xad\xbe\xef" * (page)
    db_path.write_bytes(bytes(data))
    r = run_process("check", "--db", str(db_path), "--lang", "en")
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_db_paths_give_one_line(tmp_path: Path, lang: str) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    cases = {
        str(tmp_path / "missing" / "x.db"): ("folder does not exist", "文件夹不存在"),
        str(notes): ("not a SQLite database", "不是 SQLite 数据库"),
        str(tmp_path): ("is a folder", "是一个文件夹"),
    }
    for path, (en, zh) in cases.items():
        r = run_process("achievements", "--db", path, "--lang", lang)
        assert r.returncode == 1, path
        assert "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
        assert (zh if lang == "zh" else en) in r.stderr
    assert notes.read_text() == "not a database"
    assert not (tmp_path / "missing").exists()


def test_malformed_data_file_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "data"
    shutil.copytree(data_dir(), bad)
    text = (bad / "plan.toml").read_text(encoding="utf-8")
    (bad / "plan.toml").write_text(text.replace('unit = "%"', "unit = 12", 1), encoding="utf-8")
    db = tmp_path / "new.db"
    r = run_process("check", "--db", str(db), "--lang", "en", env={"TRACKER_DATA_DIR": str(bad)})
    assert r.returncode == 1
    assert "plan.toml" in r.stderr and "unit" in r.stderr and "Traceback" not in r.stderr
    assert not db.exists()


def test_unknown_theme(run, db_path: Path) -> None:
    r = run_process("achievements", "--theme", "nope", "--db", str(db_path), "--lang", "en")
    assert r.returncode == 1 and "choose one of" in r.stderr


def test_bare_tracker_starts_the_ui_and_quits(tmp_path: Path) -> None:
    """`tracker` with no subcommand opens the UI; q quits it cleanly."""
    import asyncio

    from tracker.ui.app import create_app

    async def drive() -> None:
        app = create_app(tmp_path / "ui.db", actor="t", lang="en")
        async with app.run_test() as pilot:
            await pilot.press("q")
        assert app.return_code in (0, None)

    asyncio.run(drive())


@pytest.mark.parametrize("command", [["check"], ["status"], ["achievements"]])
def test_truncated_database_is_refused_and_left_as_it_was(db_path: Path, command) -> None:
    assert run_process("check", "--db", str(db_path)).returncode == 0
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    before = db_path.read_bytes()
    r = run_process(*command, "--db", str(db_path), "--lang", "en")
    assert r.returncode == 1
    assert "damaged" in r.stderr and "backup" in r.stderr and "Traceback" not in r.stderr
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(("lang", "said"), [
    ("zh", "错误：标签：快照需要一个标签"), ("en", "error: label: a snapshot needs a label")])
def test_our_own_rules_answer_in_the_planners_language(db_path: Path, lang: str, said: str) -> None:
    r = run_process("snapshot", "take", "--label", "  ", "--db", str(db_path), "--lang", lang)
    assert r.returncode == 1 and r.stderr.strip() == said, r.stderr
    assert raw(db_path, "SELECT count(*) FROM snapshots") == [(0,)]


def test_status_says_why_a_row_has_no_verdict(run, db_path: Path) -> None:
    """A row without a verdict says why in the table, as the UI's detail does: a rate
    entered for 2022 with 2021 missing, and a row whose target is still to be set."""
    db = str(db_path)
    row = "ecology-energy-intensity-reduction"
    assert run("--db", db, "target", "set", row, "--value", "13.5", "--year", "2025",
               "--baseline-value", "100", "--baseline-year", "2020").exit_code == 0
    assert run("--db", db, "measure", "add", row, "--year", "2022", "--value", "-5").exit_code == 0
    for lang, header, missing, unset in (("zh", "说明", "缺少 2021 年的数值", "尚未设定目标"),
                                         ("en", "why", "no value for 2021", "no target")):
        out = run("--db", db, "--lang", lang, "status", "--district", "ecology")
        assert out.exit_code == 0, out.output
        lines = out.output.splitlines()
        assert lines[1].split()[-1] == header
        assert next(ln for ln in lines if ln.startswith(row)).endswith(missing)
        assert next(ln for ln in lines if ln.startswith("ecology-forest-coverage")).endswith(unset)
