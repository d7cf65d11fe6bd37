"""Export and import from the command line, as a planner does before and after a meeting."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl

from tests.conftest import raw, run_process


def audit_count(db: Path) -> int:
    return raw(db, "SELECT count(*) FROM audit")[0][0]


def test_meeting_round_trip_through_a_colleagues_spreadsheet(run, tmp_path: Path) -> None:
    mine = ["--db", str(tmp_path / "mine.db"), "--lang", "zh"]
    run("target", "set", "openness-urbanisation-rate", "--value", "78", "--year", "2025", *mine)
    run("measure", "add", "openness-urbanisation-rate", "--year", "2022", "--value", "75", *mine)
    assert run("snapshot", "take", "--label", "季度会前", *mine).exit_code == 0
    sheet = tmp_path / "plan.xlsx"
    assert run("export", "--snapshot", "1", "--output", str(sheet), *mine).exit_code == 0

    # the colleague opens it, sees the plan table, and changes two targets
    wb = openpyxl.load_workbook(sheet)
    ws = wb["开放新区"]
    header = [c.value for c in ws[1]]
    assert header[:15] == ["id", "指标", "单位", "基期值", "基期年", "目标值", "目标年", "最新值",
                           "年份", "进度", "时序进度", "时序评价", "增速评价", "属性", "责任单位"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    target = header.index("目标值")
    year = header.index("目标年")
    rows["openness-urbanisation-rate"][target].value = 80
    rows["openness-road-length"][target].value = 2100
    rows["openness-road-length"][year].value = 2025
    wb.save(sheet)

    assert run("import", str(sheet), *mine).exit_code == 0
    assert run("snapshot", "take", "--label", "会后", *mine).exit_code == 0
    d = json.loads(run("snapshot", "diff", "1", "2", "--format", "json", *mine).output)
    assert [(c["indicator"], c["new"]) for c in d["targets"]] == [
        ("openness-urbanisation-rate", {"value": 80.0, "year": 2025}),
        ("openness-road-length", {"value": 2100.0, "year": 2025}),
    ]
    assert d["values"] == [] and d["added"] == [] and d["removed"] == []


def test_export_refuses_to_overwrite_without_force(run, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    out.write_text("my notes")
    r = run_process("export", "--output", str(out), "--db", str(db_path), "--lang", "en")
    assert r.returncode == 1 and "--force" in r.stderr and "Traceback" not in r.stderr
    assert out.read_text() == "my notes"
    assert run("export", "--output", str(out), "--force", "--db", str(db_path)).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_needs_a_format_it_can_tell(db_path: Path, tmp_path: Path) -> None:
    r = run_process("export", "--output", str(tmp_path / "plan.txt"), "--db", str(db_path),
                    "--lang", "en")
    assert r.returncode == 1 and "--format" in r.stderr
    assert not (tmp_path / "plan.txt").exists()


def test_a_table_export_names_a_stored_row_the_models_refuse(run, db_path: Path,
                                                             tmp_path: Path) -> None:
    """A file edited by another program: the export says which indicator and field, in
    one line, and writes nothing."""
    run("indicators", "--db", str(db_path))
    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE indicators SET direction = 'sideways'"
                    " WHERE id = 'openness-road-length'")
    con.close()
    for fmt in ("csv", "md", "xlsx"):
        out = tmp_path / f"plan.{fmt}"
        r = run_process("export", "--output", str(out), "--db", str(db_path), "--lang", "en")
        assert r.returncode == 1 and "Traceback" not in r.stderr
        assert r.stderr.strip().splitlines() == [
            "error: openness-road-length.direction: Input should be 'increase', 'decrease'"
            " or 'maintain'"]
        assert not out.exists() and not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_bad_import_changes_nothing_and_lists_every_problem(run, db_path: Path,
                                                            tmp_path: Path) -> None:
    run("check", "--db", str(db_path))
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,目标值,目标年\n"
        "openness-road-length,2000,2025\n"
        "nope,1,2025\n"
        "openness-urbanisation-rate,很多,2025\n",
        encoding="utf-8-sig",
    )
    before = audit_count(db_path)
    r = run_process("import", str(bad), "--db", str(db_path), "--lang", "en")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "nothing was imported" in r.stderr
    assert "row 3" in r.stderr and "row 4" in r.stderr
    assert audit_count(db_path) == before


def test_dry_run_writes_nothing(run, db_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("id,目标值,目标年\nopenness-road-length,2000,2025\n", encoding="utf-8-sig")
    run("check", "--db", str(db_path))
    before = audit_count(db_path)
    r = run("import", str(good), "--dry-run", "--db", str(db_path), "--lang", "en")
    assert r.exit_code == 0 and "2,000" in r.output
    assert audit_count(db_path) == before
    assert run("import", str(good), "--db", str(db_path)).exit_code == 0
    assert audit_count(db_path) > before


def test_an_import_shows_a_sample_and_applies_everything(run, tmp_path: Path) -> None:
    """A province's file: the terminal gets a sample and a pointer to --dry-run, and
    every row still goes in; --dry-run lists every one."""
    db = tmp_path / "plan.db"
    src = tmp_path / "new.csv"
    lines = ["id,district,name_zh,name_en,unit,direction,attribute"]
    lines += [f"welfare-extra-{i:03},wellbeing,指标{i},Indicator {i},%,increase,expected"
              for i in range(130)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["--db", str(db), "--lang", "en"]

    listed = run("import", str(src), "--dry-run", *args)
    assert listed.exit_code == 0, listed.output
    assert sum("welfare-extra-" in line for line in listed.output.splitlines()) == 130

    r = run("import", str(src), *args)
    assert r.exit_code == 0, r.output
    shown = [line for line in r.output.splitlines() if "welfare-extra-" in line]
    assert len(shown) == 100
    assert "30 more" in r.output and "--dry-run" in r.output
    assert raw(db, "SELECT count(*) FROM indicators WHERE id LIKE 'welfare-extra-%'") \
        == [(130,)]
