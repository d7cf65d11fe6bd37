"""What the tracker takes in, at every door: digits are 0-9 or full-width, text holds no
control character, the tolerance is a share in [0, 0.5], imported numbers obey the bounds
of typed ones, and Ctrl+C leaves nothing half done."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from pydantic import ValidationError

from bench.generate import generate
from tests.conftest import ROOT, raw, run_process
from tracker.errors import TrackerError, invalid
from tracker.importer import ImportProblems, apply_import, plan_import, read_import
from tracker.models import Achievement, Indicator, Measurement
from tracker.numbers import NumberError, parse_quantity, parse_tolerance, parse_year
from tracker.store import Store

URBAN = "openness-urbanisation-rate"


def values_of(db: Path, indicator: str) -> list[tuple]:
    return raw(db, "SELECT year, value FROM measurements WHERE indicator = ?", (indicator,))


# -- digits ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["10²", "①⓪", "٣٤", "१२", "10₂", "Ⅻ", "½", "2²0"])
def test_compatibility_digits_are_not_numbers(text: str) -> None:
    with pytest.raises(NumberError) as e:
        parse_quantity(text)
    assert "0-9" in e.value.text("en") and "０-９" in e.value.text("zh")
    with pytest.raises(TrackerError):
        parse_year("20" + text)


def test_full_width_digits_and_signs_still_read() -> None:
    assert parse_quantity("１２．５万", "人") == 125000.0
    assert parse_quantity("－３") == -3.0
    assert parse_quantity("＋１，２３４") == 1234.0
    assert parse_year("２０２５年") == 2025


def test_a_superscript_value_is_refused_on_the_command_line(db_path: Path) -> None:
    Store(db_path, actor="t").close()
    before = values_of(db_path, URBAN)
    for value in ("10²", "①⓪"):
        r = run_process("measure", "add", URBAN, "--year", "2022", "--value", value,
                        "--db", str(db_path), "--lang", "en")
        assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
        assert "0-9" in r.stderr and "Traceback" not in r.stderr
    r = run_process("measure", "add", URBAN, "--year", "２０２２", "--value", "７５．５",
                    "--db", str(db_path))
    assert r.returncode == 0, r.stderr
    assert values_of(db_path, URBAN) == [*before, (2022, 75.5)]


# -- tolerance ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "-1", "-0.01", "0.51", "1",
                                  "51%", "1万", "", "abc", "0.5²"])
def test_tolerance_out_of_its_range_is_refused(text: str) -> None:
    with pytest.raises(TrackerError) as e:
        parse_tolerance(text)
    assert "0.5" in e.value.text("en") and "容差" in e.value.text("zh")


@pytest.mark.parametrize(("text", "share"), [("0", 0.0), ("0.5", 0.5), ("5%", 0.05),
                                             ("０．１", 0.1), ("0.05", 0.05)])
def test_tolerance_in_range_is_read(text: str, share: float) -> None:
    assert parse_tolerance(text) == share


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("value", ["nan", "-1", "inf"])
def test_tolerance_is_refused_alike_by_status_and_settings(db_path: Path, value: str,
                                                          lang: str) -> None:
    Store(db_path, actor="t").close()
    for command in ("status", "settings"):
        r = run_process(command, f"--tolerance={value}", "--db", str(db_path), "--lang", lang)
        assert r.returncode == 1, (command, r.stderr)
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
        assert ("容差" in r.stderr) == (lang == "zh") and value in r.stderr
    assert raw(db_path, "SELECT value FROM meta WHERE key = 'tolerance'") == []


def test_the_store_and_a_snapshot_take_the_same_rule(store: Store) -> None:
    for bad in (float("nan"), -1.0, 0.6, float("inf")):
        with pytest.raises(TrackerError):
            store.set_tolerance(bad)
    assert store.tolerance() == 0.05
    store.set_tolerance(0.5)
    assert store.tolerance() == 0.5


# -- imported numbers -----------------------------------------------------------------


def _import(store: Store, path: Path) -> None:
    apply_import(store, plan_import(store, read_import(path)))


def test_xlsx_number_cells_obey_the_typed_bounds(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "target_value", "target_year", "latest_value", "latest_year"])
    ws.append([URBAN, 1e30, 2025, 75.0, 2022])
    ws.append(["ecology-forest-coverage", 65, 2025, -1e16, 2022])
    wb.save(path)
    before = store.indicator(URBAN)
    with pytest.raises(ImportProblems) as e:
        _import(store, path)
    text = e.value.text("en")
    assert "row 2, column target_value: not a number: '1e+30'" in text
    assert "row 3, column latest_value: not a number: '-1e+16'" in text
    assert store.indicator(URBAN) == before
    assert values_of(store.path, URBAN) == []
    ws.delete_rows(2, 2)
    ws.append([URBAN, 1e15, 2025, 75.0, 2022])
    wb.save(path)
    _import(store, path)  # the bound itself is a number a planner may type
    assert store.indicator(URBAN).target_value == 1e15


@pytest.mark.parametrize("cell", ["1e30", "NaN", "inf", "-Infinity", "١٢", "10²"])
def test_csv_numbers_out_of_bounds_or_digits_are_refused(store: Store, tmp_path: Path,
                                                          cell: str) -> None:
    path = tmp_path / "p.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "latest_value", "latest_year"], [URBAN, cell, "2022"]])
    with pytest.raises(ImportProblems) as e:
        _import(store, path)
    assert "row 2, column latest_value: not a number" in e.value.text("en")
    assert values_of(store.path, URBAN) == []


def _snapshot_file(tmp_path: Path, store: Store, change) -> Path:
    from tracker.snapshot import current_state

    obj = json.loads(current_state(store, "x").model_dump_json())
    obj["measurements"] = [{"indicator": URBAN, "year": 2022, "value": 75.0}]
    change(obj)
    path = tmp_path / "s.json"
    # json.dumps writes NaN and Infinity as JavaScript does, which json.loads reads back
    path.write_text(json.dumps(obj), encoding="utf-8")
    return path


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 1e30, -1e16])
def test_json_values_obey_the_typed_bounds(store: Store, tmp_path: Path, value: float) -> None:
    path = _snapshot_file(tmp_path, store,
                          lambda o: o["measurements"][0].update(value=value))
    with pytest.raises(ImportProblems):
        _import(store, path)
    assert values_of(store.path, URBAN) == []


def test_json_tolerance_must_be_a_share(store: Store, tmp_path: Path) -> None:
    path = _snapshot_file(tmp_path, store, lambda o: o.update(tolerance=float("nan")))
    with pytest.raises(ImportProblems) as e:
        _import(store, path)
    assert "tolerance" in e.value.text("en")


@pytest.mark.parametrize("version", [0, -1])
def test_json_schema_version_below_one_is_refused(db_path: Path, tmp_path: Path,
                                                   version: int) -> None:
    with Store(db_path, actor="t") as s:
        path = _snapshot_file(tmp_path, s, lambda o: o.update(schema_version=version))
    for lang, word in (("en", "schema"), ("zh", "结构版本")):
        r = run_process("import", str(path), "--db", str(db_path), "--lang", lang)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and word in r.stderr, r.stderr
    assert values_of(db_path, URBAN) == []


# -- control characters ---------------------------------------------------------------

CONTROLS = ["\r", "\x1b[2K", "\t", "\x00", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u2069"]


@pytest.mark.parametrize("c", CONTROLS)
def test_models_refuse_control_characters_in_text(c: str) -> None:
    base = {"id": "x", "district": "ecology", "name_zh": "名", "name_en": "n", "unit": "个"}
    for field in ("name_zh", "name_en", "unit", "department", "baseline_source", "notes"):
        with pytest.raises(ValidationError) as e:
            Indicator(**{**base, field: f"a{c}b"})
        err = invalid(e.value)
        assert "control characters" in err.text("en") and "控制字符" in err.text("zh")
    for field in ("source", "note", "actor"):
        with pytest.raises(ValidationError):
            Measurement(indicator="x", year=2022, value=1.0, **{field: f"a{c}b"})


def test_a_note_may_run_over_lines_but_a_name_may_not() -> None:
    ind = Indicator(id="x", district="ecology", name_zh="名", name_en="n", notes="一\n二")
    assert ind.notes == "一\n二"
    assert Measurement(indicator="x", year=2022, value=1.0, note="a\nb").note == "a\nb"
    with pytest.raises(ValidationError):
        Indicator(id="x", district="ecology", name_zh="名", name_en="n", department="a\nb")
    with pytest.raises(ValidationError):
        Indicator(id="x", district="ecology", name_zh="名", name_en="n", notes="a\r\nb")


def test_the_article_still_loads(store: Store) -> None:
    assert len(store.achievements()) > 50


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_command_line_refuses_control_characters(db_path: Path, lang: str) -> None:
    Store(db_path, actor="t").close()
    db = ["--db", str(db_path), "--lang", lang]
    audit = raw(db_path, "SELECT count(*) FROM audit")
    attempts = [
        ("indicator", "add", "--district", "ecology", "--id", "eco-x", "--name-zh", "甲\r乙",
         "--name-en", "x", "--unit", "个", "--direction", "increase", "--attribute", "expected"),
        ("indicator", "add", "--district", "ecology", "--id", "eco-x", "--name-zh", "甲",
         "--name-en", "x", "--unit", "个", "--direction", "increase", "--attribute", "expected",
         "--department", "局\u202e"),
        ("measure", "add", URBAN, "--year", "2022", "--value", "75", "--source", "a\x1b[2Kb"),
        ("target", "set", URBAN, "--value", "78", "--year", "2025", "--department", "\x9bx"),
        ("snapshot", "take", "--label", "mid\rterm"),
        ("flag", "add", "poverty-villages", "--note", "bad\x07"),
        ("--user", "ann\rbob", "measure", "add", URBAN, "--year", "2022", "--value", "75"),
    ]
    for args in attempts:
        r = run_process(*args, *db)
        assert r.returncode == 1 and r.stderr.count("\n") == 1, (args, r.stderr)
        assert ("控制字符" if lang == "zh" else "control characters") in r.stderr
    assert raw(db_path, "SELECT count(*) FROM audit") == audit
    assert raw(db_path, "SELECT count(*) FROM snapshots") == [(0,)]
    assert raw(db_path, "SELECT count(*) FROM indicators WHERE id = 'eco-x'") == [(0,)]


def test_an_imported_carriage_return_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([
            ["id", "district", "name_zh", "name_en", "unit", "direction", "attribute"],
            ["eco-new", "ecology", "假\r真", "x", "个", "increase", "expected"],
            [URBAN, "", "", "", "", "", ""],
        ])
    with path.open("a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(["eco-two", "ecology", "名", "x", "个", "increase", "expected"])
    with pytest.raises(ImportProblems) as e:
        _import(store, path)
    assert "Chinese name: must not contain control characters" in e.value.text("en")
    assert "控制字符" in e.value.text("zh")
    assert raw(store.path, "SELECT count(*) FROM indicators WHERE id LIKE 'eco-%'") == [(0,)]


def test_a_form_field_shows_the_reason() -> None:
    from tracker.ui.validators import Quantity, Required

    for lang, word in (("zh", "控制字符"), ("en", "control characters")):
        result = Required(lambda lang=lang: lang).validate("甲\r乙")
        assert not result.is_valid and word in result.failure_descriptions[0]
        result = Quantity(lambda lang=lang: lang).validate("10²")
        assert not result.is_valid and "0-9" in result.failure_descriptions[0]


# -- Ctrl+C ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory) -> Path:
    return generate(6000, tmp_path_factory.mktemp("big") / "big.db")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ctrl_c_mid_export_leaves_no_file_and_exits_130(big_plan: Path, tmp_path: Path,
                                                         lang: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "plan.xlsx"
    proc = subprocess.Popen(
        [sys.executable, "-c", "from tracker.cli import main; main()", "export",
         "--output", str(target), "--db", str(big_plan), "--lang", lang],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "TRACKER_LANG": ""})
    # wait until the export's temporary file is there: the job is under way
    deadline = time.monotonic() + 60
    while not any(out.iterdir()) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the export ended before it could be interrupted"
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.count("\n") == 1 and "Aborted" not in stderr and "Traceback" not in stderr
    assert ("已中断" in stderr) if lang == "zh" else ("interrupted" in stderr)
    assert list(out.iterdir()) == []  # neither the target nor a temporary file
    assert stdout == ""


def test_ctrl_c_mid_import_changes_nothing(big_plan: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(big_plan.read_bytes())
    os.chmod(db, 0o600)
    source = tmp_path / "all.csv"
    r = run_process("export", "--output", str(source), "--db", str(db), "--lang", "en")
    assert r.returncode == 0, r.stderr
    # every target moved a little, so the import has work for each row
    rows = list(csv.reader(source.open(encoding="utf-8-sig")))
    col = rows[0].index("Target")
    for row in rows[1:]:
        if row[col]:
            row[col] = str(float(row[col]) + 1)
    with source.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    before = raw(db, "SELECT id, target_value, version FROM indicators ORDER BY id")
    audit = raw(db, "SELECT count(*) FROM audit")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from tracker.cli import main; main()", "import", str(source),
         "--db", str(db), "--lang", "en"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    time.sleep(1.5)
    assert proc.poll() is None, "the import ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130 and stderr.count("\n") == 1 and "interrupted" in stderr
    assert raw(db, "SELECT id, target_value, version FROM indicators ORDER BY id") == before
    assert raw(db, "SELECT count(*) FROM audit") == audit


@pytest.mark.parametrize(("text", "ok"), [("١٢", False), ("12²", False), ("Ⅻ", False),
                                          ("１２", True), ("12.5", True)])
def test_an_achievements_printed_value_takes_plain_digits_only(text: str, ok: bool) -> None:
    fields = {"id": "a", "theme": "t", "title_zh": "甲", "title_en": "a", "unit": "个",
              "period": "2020", "kind": "quantity", "source_quote": "原文"}
    if ok:
        assert str(Achievement(**fields, value=text).value) in ("12", "12.5")
        return
    with pytest.raises(ValidationError) as e:
        Achievement(**fields, value=text)
    assert "0-9" in invalid(e.value).text("en") and "数字" in invalid(e.value).text("zh")


def test_ctrl_c_at_the_restore_question_exits_130_and_changes_nothing(db_path: Path,
                                                                      tmp_path: Path) -> None:
    Store(db_path, actor="t").close()
    backup = tmp_path / "b.db"
    assert run_process("backup", "--output", str(backup), "--db", str(db_path)).returncode == 0
    before = db_path.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from tracker.cli import main; main()", "restore", str(backup),
         "--db", str(db_path), "--lang", "zh"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT)
    time.sleep(2)  # at the question, its input still open
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Aborted" not in stderr
    assert stderr.splitlines()[-1].startswith("已中断")  # its own line, after the question
    assert db_path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak*"))
