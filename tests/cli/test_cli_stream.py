"""The command line writes a plan as it reads it, a page at a time: the text is the one the
whole-list writers make, whatever the page size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker import status as report_status
from tracker.cli import stream
from tracker.cli.common import emit_rows
from tracker.models import DISTRICT_IDS, Indicator, Measurement
from tracker.store import Store
from tracker.store import plan_pages as store_plan


@pytest.fixture
def plan_db(db_path: Path) -> Path:
    """A few hundred indicators over the districts, with values, a retired one, a review
    year (so some owe values) and a department of their own."""
    with Store(db_path, actor="tester") as s:
        inds = [Indicator(
            id=f"p{i:03d}", district=DISTRICT_IDS[i % 5], name_zh=f"指标{i:03d}号" * (1 + i % 3),
            name_en=f"Indicator {i}", unit="%" if i % 2 else "万元",
            direction="decrease" if i % 7 == 0 else "increase",
            baseline_value=100.0 + i, baseline_year=2020,
            target_value=(80.0 if i % 7 == 0 else 150.0) + i, target_year=2025,
            department="市统计局" if i % 3 else "市新部门") for i in range(300)]
        s.import_batch(inds, [], [
            Measurement(indicator=ind.id, year=y, value=100.0 + i + (y - 2020) * (i % 11),
                        quality="provisional" if y == 2023 else "final")
            for i, ind in enumerate(inds) if i % 4 for y in range(2021, 2021 + i % 4)], "test")
        s.retire_indicator("p007")
        s.set_review_year(2023)
    return db_path


COMMANDS = [
    ("status",), ("status", "--format", "json"), ("--lang", "en", "status"),
    ("status", "--district", "culture"), ("status", "--department", "市新部门"),
    ("status", "--department", "市新部门", "--format", "json"),
    ("indicators", "--format", "csv"), ("indicators", "--format", "json"),
    ("indicators", "--format", "json", "--retired"),
    ("indicators", "--format", "csv", "--district", "ecology"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_pages_of_any_size_write_the_same_text(plan_db: Path, run, monkeypatch, args) -> None:
    whole = run("--db", str(plan_db), *args)
    assert whole.exit_code == 0, whole.output
    for size in (1, 7, 60):
        monkeypatch.setattr(store_plan, "PAGE", size)
        assert run("--db", str(plan_db), *args).output == whole.output


def test_streamed_text_is_the_whole_list_writers_text(plan_db: Path, run, capsys) -> None:
    with Store(plan_db, actor="tester") as s:
        states, districts = s.indicator_states(), s.districts()
        inds = s.indicators(with_retired=True)
    assert any(st.overdue for st in states)
    assert run("--db", str(plan_db), "status").output == (
        report_status.status_text(states, districts, "zh") + "\n")
    assert run("--db", str(plan_db), "status", "--format", "json").output == json.dumps(
        [report_status.state_json(st, "zh") for st in states],
        ensure_ascii=False, indent=2) + "\n"
    rows = [i.model_dump(mode="json") for i in inds]
    capsys.readouterr()
    emit_rows(rows, list(rows[0]), "csv")
    expected = capsys.readouterr().out
    assert run("--db", str(plan_db), "indicators", "--format", "csv", "--retired"
               ).output == expected


def test_an_empty_plan_is_an_empty_list(db_path: Path, run) -> None:
    with Store(db_path, actor="tester") as s:
        for ind in s.indicators():
            s.retire_indicator(ind.id)
    assert run("--db", str(db_path), "status", "--format", "json").output == "[]\n"
    assert run("--db", str(db_path), "indicators", "--format", "json").output == "[]\n"
    assert run("--db", str(db_path), "indicators", "--format", "csv").output == "id\n"
    assert run("--db", str(db_path), "status").output == "\n"


@pytest.mark.parametrize("value", [0.1, 1e16, 1e-05, -0.0001, 920.0000000000003, 123456789012345.6,
                                   -0.0, 2.5e-300, 7])
def test_numbers_read_as_the_json_module_writes_them(value: float) -> None:
    items = [{"v": value, "name": "名\"\\/", "list": [value, None, True], "empty": {}}]
    assert stream._indented(items) == json.dumps(items, ensure_ascii=False, indent=2)


def test_a_snapshot_kept_a_page_at_a_time_is_the_same_snapshot(plan_db: Path, monkeypatch
                                                               ) -> None:
    from tracker import snapshot

    with Store(plan_db, actor="tester") as s:
        whole = snapshot.take_snapshot(s, "whole")
        monkeypatch.setattr(store_plan, "PAGE", 7)
        paged = snapshot.take_snapshot(s, "paged")
        a, b = s.snapshot(whole.id)[1], s.snapshot(paged.id)[1]
        count = s.count_indicators()
    assert paged.content_hash == whole.content_hash
    assert a.indicators == b.indicators and len(a.indicators) == count > 300


def test_rows_with_more_to_them_read_as_their_models_write_them(plan_db: Path, run,
                                                                 capsys) -> None:
    """Plain rows are written as they were saved; a yearly reading, a plausible range or
    a field an older file left empty (read as its default) go through the models, and
    the text is the same either way."""
    with Store(plan_db, actor="tester") as s:
        s.set_annual_target("p001", 2021, 103.0)
        s.update_indicator("p002", {"plausible": {"min": 0.0, "basis_zh": "比例",
                                                  "basis_en": "a share"}})
    raw_set(plan_db, "UPDATE indicators SET milestone_evidence = NULL, notes = NULL"
                     " WHERE id IN ('p003', 'p004')")
    with Store(plan_db, actor="tester") as s:
        states = s.indicator_states()
        inds = s.indicators()
    assert any(st.annual for st in states) and any(st.baseline_flags for st in states)
    assert any(st.indicator.target_type == "milestone" for st in states)
    assert run("--db", str(plan_db), "status", "--format", "json").output == json.dumps(
        [report_status.state_json(st, "zh") for st in states],
        ensure_ascii=False, indent=2) + "\n"
    rows = [i.model_dump(mode="json") for i in inds]
    by_id = {r["id"]: r for r in rows}
    assert by_id["p002"]["plausible"] and by_id["p003"]["notes"] == ""
    assert run("--db", str(plan_db), "indicators", "--format", "json").output == json.dumps(
        rows, ensure_ascii=False, indent=2) + "\n"
    capsys.readouterr()
    emit_rows(rows, list(rows[0]), "csv")
    expected = capsys.readouterr().out
    assert run("--db", str(plan_db), "indicators", "--format", "csv").output == expected


def raw_set(db_path: Path, sql: str) -> None:
    import sqlite3

    con = sqlite3.connect(db_path)
    with con:
        con.execute(sql)
    con.close()


def test_a_json_export_writes_the_stored_values_as_their_models_would(plan_db: Path, run,
                                                                        tmp_path: Path
                                                                        ) -> None:
    """Plain values and states go from their rows to the file; a value with a number
    written in exponent form or a moment kept in another form, or a state with more to
    it, goes through its model, and the file is the same either way."""
    from tracker import snapshot as snap
    from tracker.exporters import json_export

    with Store(plan_db, actor="tester") as s:
        s.add_measurements([Measurement(indicator="p001", year=2022, value=v, note="注\n\"")
                            for v in (1e-05, 2.5e16, 0.0001, 123.25)])
        s.set_annual_target("p001", 2022, 103.0)
        s.update_indicator("p002", {"plausible": {"min": 0.0, "basis_zh": "比例",
                                                  "basis_en": "a share"}})
    raw_set(plan_db, "UPDATE measurements SET recorded_at = '2026-01-02T03:04:05+00:00'"
                     " WHERE id = 3")
    out = tmp_path / "now.json"
    r = run("--db", str(plan_db), "export", "--output", str(out))
    assert r.exit_code == 0, r.output
    expected = tmp_path / "models.json"
    with Store(plan_db, actor="tester") as s, s.reading():
        head = snap.current_state(s, "", values=False, indicators=False)
        yearly: dict = {}

        def states():  # the plan's states as models
            for d in head.districts:
                for page in s.indicator_state_pages(d.id):
                    yearly.update(s.annual_targets_by_indicator(
                        [st.indicator.id for st in page]))
                    yield page

        json_export.write(head, expected, "zh", s.measurement_chunks(7), states(), yearly)

    def body(path: Path) -> list[str]:
        return [line for line in path.read_text().splitlines()
                if not line.startswith(("  \"taken_at\"", "  \"label\"", "  \"actor\""))]

    assert body(out) == body(expected)
    assert '"value": 0.00001,' in out.read_text()


def test_plain_rows_write_the_csv_their_models_would(plan_db: Path, run, capsys) -> None:
    """A plain row goes from SQLite to its CSV line as it was saved: numbers in exponent
    range, bands, a milestone and CJK names are written as a model's dump would be, and a
    row with more to it (a plausible range, an empty field read as its default) among
    them changes nothing."""
    with Store(plan_db, actor="tester") as s:
        s.update_indicator("p001", {"baseline_value": 1e-05, "target_value": 2.5e16,
                                    "band": 0.0001})
        s.update_indicator("p005", {"baseline_value": -0.0, "target_value": 920.0000000000003,
                                    "name_zh": "规上工业增加值“增速”，年均"})
        s.update_indicator("p006", {"target_type": "milestone", "baseline_value": None,
                                    "target_value": None, "milestone_state": "in_progress",
                                    "milestone_date": "2025-06-30", "milestone_evidence": "批复"})
        s.update_indicator("p002", {"plausible": {"min": 1.5e-07, "basis_zh": "比例",
                                                  "basis_en": "a share"}})
    raw_set(plan_db, "UPDATE indicators SET notes = NULL WHERE id = 'p003'")
    with Store(plan_db, actor="tester") as s:
        rows = [i.model_dump(mode="json") for i in s.indicators(with_retired=True)]
    plain = {r["id"]: r for r in rows}
    assert plain["p001"]["baseline_value"] == 1e-05 and plain["p006"]["milestone_state"]
    for lang, more, kept in (("zh", ["--retired"], rows),
                             ("en", [], [r for r in rows if not r["retired"]])):
        capsys.readouterr()
        emit_rows(kept, list(kept[0]), "csv")
        expected = capsys.readouterr().out
        assert "0.00001" in expected and "25000000000000000" in expected
        assert run("--db", str(plan_db), "--lang", lang, "indicators", "--format", "csv",
                   *more).output == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_status_table_is_each_rows_cells_padded_to_its_columns(plan_db: Path, run,
                                                                   lang: str) -> None:
    """The table a page at a time is the table of every row's cells at once, each column
    as wide as its widest cell (CJK counted twice), whatever rows the plan holds."""
    from tracker.i18n.exports import STATUS, STATUS_COLUMNS
    from tracker.text_format import cell_width, table_line

    with Store(plan_db, actor="tester") as s:
        s.set_annual_target("p001", 2021, 103.0)
        s.update_indicator("p006", {"target_type": "milestone", "baseline_value": None,
                                    "target_value": None, "milestone_state": "done",
                                    "milestone_date": "2025-06-30"})
        s.update_indicator("p011", {"baseline_value": 1e-05, "target_value": 2.5e16})
        states, districts = s.indicator_states(), s.districts()
    header = [STATUS.text(k, lang) for k in STATUS_COLUMNS]
    out = run("--db", str(plan_db), "--lang", lang, "status").output
    assert any(st.baseline_flags for st in states)
    for d in districts:
        rows = [report_status.status_cells(st, lang) for st in states
                if st.indicator.district == d.id]
        widths = [max(map(cell_width, col)) for col in zip(header, *rows, strict=True)]
        block = "\n".join([table_line(header, widths), "  ".join("-" * w for w in widths),
                           *(table_line(r, widths) for r in rows)])
        assert block in out
