"""Exports: each format writes a file its reader opens, safely and atomically."""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from tracker import snapshot
from tracker.errors import TrackerError
from tracker.exporters import export, format_for
from tracker.exporters.csv_export import plain
from tracker.formats.plan_table import COLUMNS, needs_quote, neutral, unneutral
from tracker.models import Indicator, IndicatorState, Measurement, SnapshotContent
from tracker.snapshot import current_state
from tracker.store import Store

DANGEROUS = ['=HYPERLINK("http://evil","click")', "+1", "-x", "@SUM(A1)"]


@pytest.fixture
def content(tmp_path: Path) -> SnapshotContent:
    with Store(tmp_path / "a.db", actor="tester") as s:
        s.update_indicator("openness-urbanisation-rate", {"target_value": 78.0, "target_year": 2025})
        s.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=2022, value=75.0))
        for i, name in enumerate(DANGEROUS):
            s.add_indicator(Indicator(
                id=f"ecology-danger-{i}", district="ecology", name_zh=name, name_en=name,
                unit="个", department="@x" if i == 0 else "+x", baseline_value=-3.5,
                baseline_year=2020, target_value=2.0, target_year=2025))
        return current_state(s, label="=mid-term")


def out(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    return folder / name


def test_csv_has_bom_and_chinese_headers(content: SnapshotContent, tmp_path: Path) -> None:
    path = export(content, "csv", out(tmp_path, "plan.csv"), "zh")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["id", "指标", "单位", "基期值"]
    assert "时序进度" in rows[0] and "责任单位" in rows[0] and "新区" in rows[0]
    # every header in the file's language: the machine columns' too (the id is an id)
    assert [h for h in rows[0] if re.search(r"[A-Za-z]", h)] == ["id"]
    assert len(rows) == 1 + len(content.indicators)
    urban = next(r for r in rows if r[0] == "openness-urbanisation-rate")
    cells = dict(zip(rows[0], urban, strict=True))
    assert cells["目标值"] == "78"
    # a fraction, not "37%", to four decimals
    assert 0.37 < float(cells["进度"]) < 0.38 and len(cells["进度"].split(".")[1]) <= 4
    assert len(cells["时序进度"].split(".")[-1]) <= 4
    # the schedule verdict says which reading it is; the growth verdict has its label
    # beside its code; the district is named
    assert cells["时序评价"] == "快于预期"
    assert (cells["增速评价"], cells["增速评价代码"]) == ("有望按期实现", "on_track")
    assert cells["新区"] == "开放新区"


def test_csv_in_english(content: SnapshotContent, tmp_path: Path) -> None:
    path = export(content, "csv", out(tmp_path, "plan.csv"), "en")
    header = next(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert header == [c.en for c in COLUMNS]
    assert header[1:5] == ["Indicator", "Unit", "Baseline", "Baseline year"]


def test_xlsx_layout(content: SnapshotContent, tmp_path: Path) -> None:
    path = export(content, "xlsx", out(tmp_path, "plan.xlsx"), "zh")
    wb = openpyxl.load_workbook(path)
    names = [d.name_zh for d in content.districts]
    assert wb.sheetnames == ["汇总", *names, "成就"]
    for ws in wb.worksheets:
        assert ws.freeze_panes in ("A2", "C2"), ws.title
    # a district's id and name stay in view while scrolling right
    assert [wb[n].freeze_panes for n in names] == ["C2"] * len(names)
    ws = wb["开放新区"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["id", "指标", "单位"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "openness-urbanisation-rate")
    cells = dict(zip(header, row, strict=True))
    for col in ("基期值", "基期年", "目标值", "目标年", "最新值", "年份", "进度", "时序进度"):
        assert cells[col].data_type == "n", col
    assert cells["目标值"].value == 78
    # numbers read with separators and their own decimals, shares to a tenth of a
    # percent, years as years
    assert [cells[c].number_format for c in ("基期值", "目标值", "最新值")] == [
        "#,##0.00", "#,##0", "#,##0"]
    assert cells["进度"].number_format == "0.0%" and cells["时序进度"].number_format == "0.0%"
    assert cells["目标年"].number_format == "0" and cells["增速比"].number_format == "0.00"
    assert cells["单位"].value == "%"
    assert ws.column_dimensions["B"].width > 10
    # the unit column fits 吨标准煤/万元 (13 cells) whatever units the district has
    assert ws.column_dimensions[get_column_letter(header.index("单位") + 1)].width >= 14
    # every header in Chinese but the id; the growth verdict's label beside the code
    assert [h for h in header if re.search(r"[A-Za-z]", h)] == ["id"]
    assert cells["时序评价"].value == "快于预期"
    assert (cells["增速评价"].value, cells["增速评价代码"].value) == (
        "有望按期实现", "on_track")
    assert cells["新区"].value == "开放新区"
    # printed: the plan table from the indicator's name to its department; the id and the
    # machine columns are for imports
    first, last = header.index("指标") + 1, header.index("责任单位") + 1
    assert first == 2
    assert ws.print_area == f"'开放新区'!$B$1:${get_column_letter(last)}${ws.max_row}"
    assert header.index("新区") + 1 > last and header.index("增速评价代码") + 1 > last
    summary = wb["汇总"]
    assert summary.cell(1, 1).value == "新区"
    assert [summary.cell(r, 1).value for r in range(2, 7)] == names
    # the snapshot's time is a date-time cell, in UTC as its label says
    taken = next(r for r in summary.iter_rows() if r[0].value == "快照时间（UTC）")[1]
    assert taken.is_date and taken.number_format == "yyyy-mm-dd hh:mm:ss"
    assert taken.value == content.taken_at.astimezone(UTC).replace(tzinfo=None)
    assert summary.column_dimensions["B"].width >= len("2024-03-01 09:30:00")
    ach = wb["成就"]
    source = [c.value for c in ach[1]].index("原文") + 1
    assert ach.cell(2, source).alignment.wrap_text
    flagged = [r for r in ach.iter_rows(min_row=2, values_only=True) if r[7]]
    assert any("116.3" in str(r[7]) for r in flagged)
    # each reason led by its severity; the period's basis and the scope in columns of
    # their own
    loans = next(r for r in flagged if r[0] == "jobs-startup-loans")
    assert str(loans[7]).startswith("[需核实]") and loans[5] == "~2017-2021"
    header = [c.value for c in ach[1]]
    rows = {r[0]: r for r in ach.iter_rows(min_row=2, values_only=True)}
    assert rows["soup-key-enterprises"][header.index("口径")] == "黔东南州"
    assert "十三五" in rows["soup-key-enterprises"][header.index("时期依据")]


def test_xlsx_sheet_names_in_english(content: SnapshotContent, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(content, "xlsx", out(tmp_path, "p.xlsx"), "en"))
    assert wb.sheetnames[0] == "Summary" and wb.sheetnames[-1] == "Achievements"
    assert "New openness district" in wb.sheetnames


def test_json_loads_back_equal(content: SnapshotContent, tmp_path: Path) -> None:
    path = export(content, "json", out(tmp_path, "snap.json"), "zh")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert SnapshotContent.model_validate(data) == content


def test_markdown_report(content: SnapshotContent, tmp_path: Path) -> None:
    text = export(content, "md", out(tmp_path, "r.md"), "zh").read_text(encoding="utf-8")
    assert text.startswith("# ") and "=mid-term" in text.splitlines()[0]
    for d in content.districts:
        assert f"## {d.name_zh}" in text
    assert text.count("| 指标 | 单位 | 基期值 |") == len(content.districts)
    assert "| 常住人口城镇化率 | % | 73.23 | 2021 | 78 | 2025 | 75 | 2022 | 37% | 25% |" in text
    assert "快于预期 1" in text
    assert "## 存疑数据" in text and "116.3" in text and "**新增学位** 43 万个" in text
    en = export(content, "md", out(tmp_path, "r-en.md"), "en").read_text(encoding="utf-8")
    assert "## New openness district" in en and "Suspect figures" in en


def test_markdown_lists_figures_that_cannot_be_right_apart_from_those_to_check(
        content: SnapshotContent, tmp_path: Path) -> None:
    en = export(content, "md", out(tmp_path, "r-en.md"), "en").read_text(encoding="utf-8")
    errors = en.index("### Cannot be right as printed")
    checks = en.index("### Unusual, to check with the source")
    assert errors < checks
    assert errors < en.index("**Built-up urban area**") < checks
    assert en.index("**Guaranteed start-up loans issued**") > checks
    assert "1,569.7" in en[errors:checks] and "371 万元/人" in en[checks:]
    # the period with what it is read from
    assert "2017-2021 (inferred; 五年来 read as the congress term)" in en


def test_formulas_are_neutralised(content: SnapshotContent, tmp_path: Path) -> None:
    path = export(content, "csv", out(tmp_path, "p.csv"), "zh")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    danger = [r for r in rows if r[0].startswith("ecology-danger")]
    assert [r[header.index("指标")] for r in danger] == ["'" + n for n in DANGEROUS]
    assert {r[header.index("责任单位")] for r in danger} == {"'@x", "'+x"}
    assert {r[header.index("基期值")] for r in danger} == {"-3.5"}

    wb = openpyxl.load_workbook(export(content, "xlsx", out(tmp_path, "p.xlsx"), "zh"))
    ws = wb["生态新区"]
    xrows = [r for r in ws.iter_rows(min_row=2) if r[0].value.startswith("ecology-danger")]
    assert [r[1].value for r in xrows] == ["'" + n for n in DANGEROUS]
    assert all(r[1].data_type == "s" for r in xrows)
    assert all(r[3].value == -3.5 and r[3].data_type == "n" for r in xrows)
    meta = {r[0]: r[1] for r in wb["汇总"].iter_rows(values_only=True)}
    assert meta["快照"] == "'=mid-term" and meta["操作人"] == "tester"
    assert not any(c.data_type == "f" for s in wb.worksheets for r in s.iter_rows() for c in r)


def four_values(store: Store) -> None:
    for year, value in ((2021, 72.5), (2022, 75.0), (2022, 75.5), (2023, 1e16)):
        store.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=year,
                                          value=value, note="含“转入”学生"))


def written_whole(content: SnapshotContent) -> str:
    """What the json writer gave for a content read whole, pretty-printed."""
    return json.dumps(content.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("chunk", [1, 3, 5_000])
def test_json_of_the_state_now_streams_its_values_to_the_same_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(snapshot, "CHUNK", chunk)
    with Store(tmp_path / "a.db", actor="tester") as s:
        four_values(s)
        streamed = snapshot.export_state(s, "json", out(tmp_path, "now.json"), "zh", "当前")
        whole = snapshot.current_state(s, "当前")
    data = json.loads(streamed.read_text(encoding="utf-8"))
    assert len(data["measurements"]) == 4
    whole = whole.model_copy(update={"taken_at": datetime.fromisoformat(data["taken_at"])})
    assert streamed.read_text(encoding="utf-8") == written_whole(whole)


@pytest.mark.parametrize("chunk", [1, 3, 5_000])
def test_json_of_a_stored_snapshot_streams_its_values_to_the_same_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(snapshot, "CHUNK", chunk)
    with Store(tmp_path / "a.db", actor="tester") as s:
        four_values(s)
        sid = snapshot.take_snapshot(s, "中期").id
        s.add_measurement(Measurement(indicator="openness-road-length", year=2022, value=1.0))
        streamed = snapshot.export_snapshot(s, sid, "json", out(tmp_path, "mid.json"), "zh")
        whole = s.snapshot(sid)[1]
    assert len(whole.measurements) == 4  # the value entered after it is not in it
    assert streamed.read_text(encoding="utf-8") == written_whole(whole)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md"])
def test_a_table_export_tells_how_many_rows_are_written(
    content: SnapshotContent, tmp_path: Path, fmt: str
) -> None:
    told: list[tuple[int, int]] = []
    export(content, fmt, out(tmp_path, f"plan.{fmt}"), "en",
           progress=lambda done, total: told.append((done, total)))
    n = len(content.indicators)
    assert told[0] == (0, n) and told[-1] == (n, n)
    assert [d for d, _ in told] == sorted(d for d, _ in told)


def test_json_and_a_snapshot_tell_how_many_values_are_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot, "CHUNK", 3)
    with Store(tmp_path / "a.db", actor="tester") as s:
        four_values(s)
        n = s.count_values()
        told: dict[str, list[tuple[int, int]]] = {"now": [], "take": [], "stored": []}
        snapshot.export_state(s, "json", out(tmp_path, "now.json"), "zh", "当前",
                              progress=lambda d, t: told["now"].append((d, t)))
        sid = snapshot.take_snapshot(s, "中期", lambda d, t: told["take"].append((d, t))).id
        snapshot.export_snapshot(s, sid, "json", out(tmp_path, "mid.json"), "zh",
                                 progress=lambda d, t: told["stored"].append((d, t)))
        plan = [len(s.indicator_states(d.id)) for d in s.districts()]
    # chunks of 3: told at the start and after each chunk
    steps = [(0, n), *((min(i, n), n) for i in range(3, n + 3, 3))]
    assert n == 4 and told["now"] == told["stored"] == steps
    # taking one counts its plan's indicators too, a district at a time, then the values
    m = sum(plan)
    before_values = [sum(plan[:i]) for i in range(1, len(plan) + 1)]
    assert told["take"] == [(0, m + n), *((k, m + n) for k in before_values),
                            *((m + done, m + n) for done, _ in steps[1:])]


def as_written_before_latest_quality(db: Path, snapshot_id: int) -> None:
    """Store a snapshot as versions before the status kept each latest value's quality
    wrote it: a latest value with no quality."""
    con = sqlite3.connect(db)
    for position, text in con.execute("SELECT position, state FROM snapshot_states"
                                      " WHERE snapshot = ?", (snapshot_id,)).fetchall():
        state = json.loads(text)
        if state["latest"]:
            del state["latest"]["quality"]
        con.execute("UPDATE snapshot_states SET state = ? WHERE snapshot = ? AND position = ?",
                    (json.dumps(state, ensure_ascii=False), snapshot_id, position))
    con.commit()
    con.close()


def test_a_table_export_of_a_stored_snapshot_has_each_latest_values_quality(
    tmp_path: Path,
) -> None:
    db = tmp_path / "a.db"
    road, urban = "openness-road-length", "openness-urbanisation-rate"
    with Store(db, actor="tester") as s:
        for iid, year, value, quality in ((road, 2021, 1900.0, "final"),
                                          (road, 2022, 1950.0, "provisional"),
                                          (road, 2022, 1960.0, "revised"),
                                          (urban, 2022, 75.0, "provisional")):
            s.add_measurement(Measurement(indicator=iid, year=year, value=value,
                                          quality=quality))
        old = snapshot.take_snapshot(s, "旧").id
        new = snapshot.take_snapshot(s, "新").id
    as_written_before_latest_quality(db, old)

    with Store(db, actor="tester") as s:
        # the old text alone would say "final"; its values say otherwise
        head = {st.indicator.id: st.latest for st in s.snapshot_head(old)[1].indicators}
        assert head[road].quality == head[urban].quality == "final"
        assert s.snapshot_qualities(old, [(road, 2022), (urban, 2022), (road, 2021)]) == {
            (road, 2022): "revised", (urban, 2022): "provisional", (road, 2021): "final"}
        files = [snapshot.export_snapshot(s, sid, "csv", out(tmp_path, f"{sid}.csv"), "en")
                 for sid in (old, new)]
    rows = {r["id"]: r for r in csv.DictReader(files[0].open(encoding="utf-8-sig"))}
    quality = next(c.en for c in COLUMNS if c.key == "quality")
    assert (rows[road][quality], rows[urban][quality]) == ("revised", "provisional")
    assert files[0].read_text(encoding="utf-8-sig") == files[1].read_text(encoding="utf-8-sig")


@given(st.text(max_size=12))
def test_neutral_is_undone_exactly(text: str) -> None:
    quoted = neutral(text)
    assert unneutral(quoted) == text
    assert not needs_quote(quoted) or quoted.startswith("'")


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_csv_numbers_read_back_exactly(value: float) -> None:
    text = plain(value)
    assert "e" not in text.lower() and "," not in text
    assert float(text) == value


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=20))
def test_csv_writer_puts_every_float_as_plain_gives_it(tmp_path_factory, values) -> None:
    # the writer leaves most floats to the csv module; each cell must still be plain()'s
    ind = Indicator(id="x", district="ecology", name_zh="x", name_en="x")
    content = SnapshotContent(
        taken_at="2026-01-01T00:00:00Z", tolerance=0.05, districts=[], achievements=[],
        measurements=[],
        indicators=[IndicatorState(indicator=ind, progress_share=v) for v in values])
    path = export(content, "csv", tmp_path_factory.mktemp("f") / "p.csv", "en", force=True)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    column = rows[0].index(next(c.en for c in COLUMNS if c.key == "progress_share"))
    # a share to four decimals, written as plain() writes that
    assert [r[column] for r in rows[1:]] == [plain(round(v, 4)) for v in values]


@given(st.one_of(st.text(), st.sampled_from(DANGEROUS)))
def test_csv_text_cells_are_neutral(text: str) -> None:
    assert plain(text) == neutral(text)


def test_no_overwrite_without_force(content: SnapshotContent, tmp_path: Path) -> None:
    path = out(tmp_path, "plan.csv")
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(TrackerError) as e:
        export(content, "csv", path, "zh")
    assert e.value.key == "file_exists"
    assert path.read_text(encoding="utf-8") == "keep me"
    path.chmod(0o640)
    export(content, "csv", path, "zh", force=True)
    assert path.read_text(encoding="utf-8-sig").startswith("id,")
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["plan.csv"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_new_export_is_as_readable_as_any_new_file(content: SnapshotContent, tmp_path: Path,
                                                      fmt: str) -> None:
    # a report is for sharing: the umask decides, as when any program saves a file
    previous = os.umask(0o022)
    try:
        plain_file = tmp_path / "other.txt"
        plain_file.write_text("x", encoding="utf-8")
        path = export(content, fmt, out(tmp_path, f"plan.{fmt}"), "zh")
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == plain_file.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "xlsx"])
def test_failed_export_leaves_nothing(content: SnapshotContent, tmp_path: Path, fmt: str) -> None:
    # a state the writers cannot render: they fail part-way through
    broken = IndicatorState.model_construct(indicator=object())
    bad = content.model_copy(update={"indicators": [*content.indicators, broken]})
    path = out(tmp_path, f"plan.{fmt}")
    with pytest.raises(Exception) as e:
        export(bad, fmt, path, "zh")
    assert not isinstance(e.value, TrackerError)
    assert list(path.parent.iterdir()) == []
    # with force, a failed export leaves the old file as it was
    path.write_text("old", encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - any failure, the file must survive it
        export(bad, fmt, path, "zh", force=True)
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert path.read_text(encoding="utf-8") == "old"


def test_missing_folder_and_bad_format(content: SnapshotContent, tmp_path: Path) -> None:
    with pytest.raises(TrackerError) as e:
        export(content, "csv", tmp_path / "nope" / "plan.csv", "en")
    assert e.value.key == "export_folder_missing" and "nope" in e.value.text("en")
    with pytest.raises(TrackerError) as e:
        export(content, "csv", tmp_path, "en")
    assert e.value.key == "export_is_folder"
    with pytest.raises(TrackerError) as e:
        export(content, "pdf", tmp_path / "x.pdf", "en")
    assert "csv, json, md, xlsx" in e.value.text("zh")
    assert format_for(Path("a/b.XLSX")) == "xlsx" and format_for(Path("b.txt")) is None


def cells(path: Path) -> object:
    """What a reader sees in a file: each sheet's cell values, or the text."""
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path)
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets}
    return path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "md", "xlsx", "json"])
def test_exports_read_a_district_at_a_time_write_what_a_whole_read_writes(
    tmp_path: Path, fmt: str, monkeypatch
) -> None:
    db = tmp_path / "a.db"
    with Store(db, actor="tester") as s:
        s.update_indicator("openness-urbanisation-rate",
                           {"target_value": 78.0, "target_year": 2025})
        s.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=2022,
                                      value=75.0, quality="provisional"))
        s.add_indicator(Indicator(id="ecology-danger", district="ecology", name_zh="=x",
                                  name_en="=x", unit="个", baseline_value=-3.5,
                                  baseline_year=2020, target_value=2.0, target_year=2025))
        s.add_measurement(Measurement(indicator="ecology-danger", year=2023, value=-1.0))
        sid = snapshot.take_snapshot(s, "中期").id
        whole = s.snapshot(sid)[1]
        # the plan is read a district at a time, never whole
        monkeypatch.setattr(Store, "indicator_states", _one_district(Store.indicator_states))
        streamed = snapshot.export_state(s, fmt, out(tmp_path, f"now.{fmt}"), "zh", "中期")
        stored = snapshot.export_snapshot(s, sid, fmt, out(tmp_path, f"mid.{fmt}"), "zh")
    held = export(whole, fmt, out(tmp_path, f"whole.{fmt}"), "zh")
    assert cells(stored) == cells(held)
    if fmt == "csv":  # the others carry the time of the export
        assert cells(streamed) == cells(held)
        assert len(cells(held).splitlines()) == 1 + len(whole.indicators)


def _one_district(read):  # noqa: ANN001, ANN202
    """The store's own read, refusing to read every district at once."""
    def indicator_states(self, district=None, *args, **kwargs):  # noqa: ANN001, ANN202
        assert district is not None, "the whole plan was read at once"
        return read(self, district, *args, **kwargs)
    return indicator_states


def test_an_english_report_names_departments_in_english_a_table_keeps_the_key(
        tmp_path: Path) -> None:
    with Store(tmp_path / "a.db", actor="tester") as s:
        sid = snapshot.take_snapshot(s, "中期").id
        md = [snapshot.export_state(s, "md", out(tmp_path, "now.md"), "en", "now"),
              snapshot.export_snapshot(s, sid, "md", out(tmp_path, "mid.md"), "en")]
        zh = snapshot.export_state(s, "md", out(tmp_path, "now-zh.md"), "zh", "当前")
        table = snapshot.export_state(s, "csv", out(tmp_path, "now.csv"), "en", "now")
    for path in md:
        text = path.read_text(encoding="utf-8")
        assert "| City Development and Reform Bureau |" in text
        assert "市发展和改革局" not in text
    assert "| 市发展和改革局 |" in zh.read_text(encoding="utf-8")
    # the department column an import reads back keeps the Chinese name it matches on
    with table.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    urban = next(r for r in rows if r["id"] == "openness-urbanisation-rate")
    assert urban["Department"] == "市发展和改革局"


def test_xlsx_cells_show_every_decimal_and_no_stray_point(run, db_path: Path,
                                                           tmp_path: Path) -> None:
    """Excel and WPS print "#,##0.##" with its point even where there are no decimals
    (97 reads "97.") and cut the rest (1,234,567.891 read "1,234,567.89", 0.000078 read
    "0."): each figure's cell shows the decimals it was entered with; an estimate three
    significant digits."""
    db = ["--db", str(db_path)]
    for args in (("target", "set", "wellbeing-old-community-renovation", "--type",
                  "cumulative", "--value", "1234567.891234", "--year", "2025"),
                 ("measure", "add", "wellbeing-old-community-renovation", "--year", "2022",
                  "--value", "1,234,567.891")):
        assert run(*db, *args).exit_code == 0
    path = tmp_path / "plan.xlsx"
    assert run(*db, "export", "--output", str(path)).exit_code == 0
    ws = openpyxl.load_workbook(path)["幸福新区"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2)
               if r[0].value == "wellbeing-old-community-renovation")
    cells = dict(zip(header, row, strict=True))
    shown = {c: (cells[c].value, cells[c].number_format)
             for c in ("基期值", "目标值", "最新值", "累计完成", "剩余年份需年均完成")}
    assert shown["基期值"] == (8013, "#,##0")
    assert shown["目标值"] == (1234567.891234, "#,##0.000000")
    assert shown["最新值"] == shown["累计完成"] == (1234567.891, "#,##0.000")
    needed, fmt = shown["剩余年份需年均完成"]
    assert needed == pytest.approx(0.000078, rel=1e-3) and fmt == "#,##0.0000000"


def test_markdown_counts_a_monitored_row(run, db_path: Path, tmp_path: Path) -> None:
    """The district's counts add up to its rows, as `tracker status` counts them: a
    monitored row (保持在合理区间) was left out."""
    db = ["--db", str(db_path), "--lang", "en"]
    assert run(*db, "target", "set", "industry-gdp-growth", "--type", "monitor",
               "--year", "2025").exit_code == 0
    path = tmp_path / "plan.md"
    assert run(*db, "export", "--output", str(path)).exit_code == 0
    industry = path.read_text(encoding="utf-8").split("## New industry district")[1]
    assert "- Schedule: monitoring 1, to be set up 6" in industry


def test_xlsx_summary_counts_add_up_to_each_districts_rows(run, db_path: Path,
                                                          tmp_path: Path) -> None:
    """A monitored row had no column on the summary: the industry district's seven rows
    were counted as six."""
    db = ["--db", str(db_path), "--lang", "en"]
    assert run(*db, "target", "set", "industry-gdp-growth", "--type", "monitor",
               "--year", "2025").exit_code == 0
    path = tmp_path / "plan.xlsx"
    assert run(*db, "export", "--output", str(path)).exit_code == 0
    ws = openpyxl.load_workbook(path)["Summary"]
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["monitoring", "to be set up"]
    schedule = [i for i, h in enumerate(header) if str(h).startswith("schedule: ")]
    for row in ws.iter_rows(min_row=2, max_row=6, values_only=True):
        assert row[1] == sum(row[i] for i in schedule) + row[-2] + row[-1], row
    industry = next(r for r in ws.iter_rows(min_row=2, values_only=True)
                    if r[0] == "New industry district")
    assert (industry[1], industry[-2], industry[-1]) == (7, 1, 6)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_csv_cell_is_plain_of_its_plan_cell(tmp_path: Path, lang: str) -> None:
    """The writer changes only the cells the csv module would write otherwise; the file
    is, byte for byte, each plan cell through plain(), whatever the row holds."""
    import io

    from tracker.exporters.csv_export import SHARES
    from tracker.formats.plan_table import district_names, plan_cells
    from tracker.models import PlanRow

    with Store(tmp_path / "a.db", actor="tester") as s:
        s.add_indicator(Indicator(
            id="ecology-tiny", district="ecology", name_zh="细颗粒物（PM2.5）“浓度”",
            name_en="-fine particles", unit="微克/立方米", band=0.0001, baseline_value=1e-05,
            baseline_year=2020, target_value=2.5e16, target_year=2025, department="=部门"))
        s.add_indicator(Indicator(
            id="ecology-park", district="ecology", name_zh="湿地公园", name_en="A park",
            target_type="milestone", milestone_state="in_progress",
            milestone_date="2024-05-01", target_year=2025))
        s.add_measurement(Measurement(indicator="ecology-tiny", year=2022, value=3e-07))
        s.set_annual_target("openness-urbanisation-rate", 2022, 76.25)
        s.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=2022,
                                      value=75.0))
        content = current_state(s, label="x")
    assert any(x.baseline_flags for x in content.indicators)
    assert any(x.annual for x in content.indicators)
    path = export(content, "csv", out(tmp_path, "p.csv"), lang)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([c.header(lang) for c in COLUMNS])
    names = district_names(content, lang)
    for state in content.indicators:
        cells = list(plan_cells(PlanRow.of(state), lang, names))
        writer.writerow([plain(round(v, 4) if i in SHARES and type(v) is float else v)
                         for i, v in enumerate(cells)])
    assert path.read_bytes() == "\ufeff".encode() + buf.getvalue().encode()
    assert "0.00001" in buf.getvalue() and "'-fine particles" in buf.getvalue()
