"""Imports: round trips through every format, all or nothing, old encodings, bad files."""

from __future__ import annotations

import contextlib
import csv
import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import raw
from tracker import status as report_status
from tracker.errors import TrackerError
from tracker.exporters import export
from tracker.formats.plan_table import COLUMNS
from tracker.importer import (
    ImportProblems,
    apply_import,
    describe,
    plan_import,
    read_import,
)
from tracker.models import Indicator, Measurement
from tracker.snapshot import current_state
from tracker.store import Store

URBAN = "openness-urbanisation-rate"
FOREST = "ecology-forest-coverage"
HEADER_ZH = [c.zh for c in COLUMNS]
COMPARED = ("baseline_value", "baseline_year", "target_value", "target_year", "target_type",
            "direction", "band", "attribute", "department", "unit", "name_zh", "name_en",
            "district")


def fill(s: Store) -> None:
    """Targets, values and a new indicator, through the Store API as a planner would."""
    s.update_indicator(URBAN, {"target_value": 78.0, "target_year": 2025})
    s.add_measurement(Measurement(indicator=URBAN, year=2022, value=75.0))
    s.update_indicator(FOREST, {"baseline_value": 62.1, "baseline_year": 2020,
                                "target_value": 65.0, "target_year": 2025})
    s.add_measurement(Measurement(indicator=FOREST, year=2021, value=62.9))
    s.add_measurement(Measurement(indicator=FOREST, year=2022, value=63.5, quality="provisional"))
    s.update_indicator("industry-soup-park-enterprises", {
        "target_value": 30.0, "target_year": 2025, "department": "市工信局"})
    s.add_measurement(Measurement(indicator="industry-soup-park-enterprises", year=2023,
                                  value=31.0))
    s.add_indicator(Indicator(
        id="ecology-net-emissions", district="ecology", name_zh="=净排放", name_en="Net emissions",
        unit="万吨", direction="decrease", attribute="binding", baseline_value=-2.5,
        baseline_year=2020, target_value=-4.0, target_year=2025, department="@市生态环境局"))
    s.add_measurement(Measurement(indicator="ecology-net-emissions", year=2023, value=-3.1))


@pytest.fixture
def source(tmp_path: Path) -> Store:
    with Store(tmp_path / "a.db", actor="tester") as s:
        fill(s)
        yield s


@pytest.fixture
def fresh(tmp_path: Path) -> Store:
    with Store(tmp_path / "b.db", actor="tester") as s:
        yield s


def statuses(s: Store) -> dict[str, tuple]:
    out = {}
    for st_ in report_status.statuses(s):
        ind, latest = st_.indicator, st_.latest
        plan = tuple(getattr(ind, f) for f in COMPARED)
        out[ind.id] = (plan, st_.schedule.verdict, st_.growth.verdict,
                       (latest.year, latest.value) if latest else None)
    return out


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def import_file(s: Store, path: Path) -> bool:
    return apply_import(s, plan_import(s, read_import(path)))


@pytest.mark.parametrize(("fmt", "lang"), [("csv", "zh"), ("csv", "en"), ("xlsx", "zh"),
                                           ("xlsx", "en"), ("json", "zh")])
def test_round_trip(source: Store, fresh: Store, tmp_path: Path, fmt: str, lang: str) -> None:
    path = export(current_state(source), fmt, tmp_path / f"plan.{fmt}", lang)
    assert statuses(fresh) != statuses(source)
    assert import_file(fresh, path)
    assert statuses(fresh) == statuses(source)
    assert fresh.indicator("ecology-net-emissions").name_zh == "=净排放"
    # the same file again changes nothing, and is not even recorded
    audit = len(fresh.audit())
    assert plan_import(fresh, read_import(path)).empty
    assert not import_file(fresh, path)
    assert len(fresh.audit()) == audit
    # nor does importing a store's own export into it
    assert plan_import(source, read_import(path)).empty


def test_an_import_tells_the_rows_checked_the_values_written_and_the_verdicts(
    source: Store, fresh: Store, tmp_path: Path
) -> None:
    path = export(current_state(source), "csv", tmp_path / "plan.csv", "en")
    rows = len(source.indicators())
    checked: list[tuple[int, int]] = []
    judged: list[tuple[int, int]] = []
    written: list[tuple[int, int]] = []
    plan = plan_import(fresh, read_import(path), lambda d, t: checked.append((d, t)))
    assert checked[0] == (0, rows) and checked[-1] == (rows, rows)
    apply_import(fresh, plan, lambda d, t: judged.append((d, t)),
                 lambda d, t: written.append((d, t)))
    values = len(plan.measurements)
    assert values > 0 and written[0] == (0, values) and written[-1] == (values, values)
    assert len(fresh.measurements()) == values
    # every indicator the file changes or adds, once
    touched = len({*(i.id for i in plan.new_indicators), *(i for i, _ in plan.updates),
                   *(m.indicator for m in plan.measurements)})
    assert touched > 0 and judged[-1] == (touched, touched)
    assert statuses(fresh) == statuses(source)


def test_json_carries_the_whole_history(source: Store, fresh: Store, tmp_path: Path) -> None:
    source.update_indicator("ecology-new-parks-squares", {"target_value": 20.0,
                                                          "target_year": 2025})
    for year, value in ((2021, 4.0), (2022, 5.0), (2022, 6.0)):
        source.add_measurement(Measurement(indicator="ecology-new-parks-squares", year=year,
                                           value=value, quality="revised"))
    path = export(current_state(source), "json", tmp_path / "s.json", "en")
    import_file(fresh, path)
    assert statuses(fresh) == statuses(source)
    key = [(m.indicator, m.year, m.value, m.quality) for m in source.measurements()]
    assert [(m.indicator, m.year, m.value, m.quality) for m in fresh.measurements()] == key
    entry = fresh.audit(entity="database")[0]
    assert entry.action == "import" and entry.new["values_added"] == len(key)


def test_one_good_two_bad_rows_import_nothing(fresh: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [
        ["id", "目标值", "目标年", "最新值", "年份"],
        [URBAN, "78", "2025", "75", "2022"],
        ["openness-road-length", "很多", "2025", "", ""],
        ["no-such-indicator", "5", "2025", "", ""],
        ["culture-4a-scenic-areas", "5", "2019", "", ""],
    ])
    before = (len(fresh.audit()), statuses(fresh))
    with pytest.raises(ImportProblems) as e:
        import_file(fresh, path)
    text = e.value.text("en").splitlines()
    assert text[0] == f"3 problems in {path}; nothing was imported"
    assert text[1].startswith("row 3, column 目标值: not a number: '很多'")
    assert text[2].startswith("row 4, column id: no indicator 'no-such-indicator'")
    assert "新区/District" in text[2] and "中文名称/Chinese name" in text[2]
    assert text[3].startswith("row 5, column 目标年:") and "after the baseline year" in text[3]
    zh = e.value.text("zh")
    assert zh.startswith(f"{path} 中有 3 处问题；未导入任何数据")
    assert "第 3 行，“目标值”列" in zh
    assert (len(fresh.audit()), statuses(fresh)) == before


def test_dry_run_reports_and_writes_nothing(fresh: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [
        ["id", "目标值", "目标年", "最新值", "年份", "备注"],
        [URBAN, "78", "2025", "75.123456", "2022", "my note"],
    ])
    before = len(fresh.audit())
    plan = plan_import(fresh, read_import(path))
    zh, en = describe(plan, "zh"), describe(plan, "en")
    assert "修改指标 1 个，新增数值 1 条" in zh and "目标值：— → 78" in zh
    # the preview is read against the file: every digit, and the quality in Chinese
    assert f"+ {URBAN} 2022 年：75.123456（终值）" in zh
    assert f"~ {URBAN} Target: — → 78" in en and f"+ {URBAN} 2022: 75.123456 (final)" in en
    assert "columns not read: 备注" in en
    # counts read right whatever they are: no "indicator(s)"
    assert "indicators to add 0, to update 1; values to add 1" in en
    assert len(fresh.audit()) == before and fresh.indicator(URBAN).target_value is None
    apply_import(fresh, plan)
    assert fresh.indicator(URBAN).target_value == 78
    assert "nothing to change" in describe(plan_import(fresh, read_import(path)), "en")


def test_gbk_csv_with_planner_numbers(fresh: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gbk.csv", [
        ["id", "单位", "目标值", "目标年", "最新值", "年份", "属性"],
        ["culture-embroiderers", "万人", "6.13万", "2025", "2.5", "2023", "约束性"],
        ["wellbeing-old-community-renovation", "户", "1,234", "2025年", "１２００", "2022", ""],
    ], encoding="gb18030")
    import_file(fresh, path)
    emb = fresh.indicator("culture-embroiderers")
    assert (emb.target_value, emb.target_year, emb.attribute) == (6.13, 2025, "binding")
    assert fresh.indicator("wellbeing-old-community-renovation").target_value == 1234
    assert [m.value for m in fresh.measurements("wellbeing-old-community-renovation")] == [1200]


def test_a_file_of_values_alone_reads_each_indicators_unit(fresh: Store, tmp_path: Path
                                                          ) -> None:
    # no plan column: the importer reads only the units, and must still use them
    path = write_csv(tmp_path / "v.csv", [
        ["id", "单位", "最新值", "年份"],
        ["culture-embroiderers", "", "2.5万", "2023"],
        [URBAN, "%", "75", "2022"],
    ])
    import_file(fresh, path)
    assert [m.value for m in fresh.measurements("culture-embroiderers")] == [2.5]
    assert fresh.indicator_states(search=URBAN)[0].latest.value == 75
    assert not import_file(fresh, path)  # the same values again add nothing
    bad = write_csv(tmp_path / "bad.csv", [
        ["id", "单位", "最新值", "年份"],
        [URBAN, "万人", "76", "2023"],
        ["no-such-indicator", "", "1", "2023"],
    ])
    with pytest.raises(ImportProblems) as e:
        import_file(fresh, bad)
    lines = e.value.text("en").splitlines()
    assert lines[1].startswith("row 2, column 单位:") and "%" in lines[1]
    assert lines[2].startswith("row 3, column id: no indicator 'no-such-indicator'")
    assert [m.value for m in fresh.measurements(URBAN)] == [75]


def test_an_import_s_one_entry_logs_each_of_its_values(fresh: Store, tmp_path: Path) -> None:
    fresh.update_indicator(URBAN, {"target_value": 78.0, "target_year": 2025})
    typed = fresh.add_measurement(Measurement(indicator=URBAN, year=2021, value=74.0))
    path = write_csv(tmp_path / "v.csv", [
        ["id", "最新值", "年份", "目标值"],
        [URBAN, "75", "2022", "79"],
        [FOREST, "63.5", "2023", ""],
    ])
    import_file(fresh, path)
    stored = {m.indicator: m for m in fresh.measurements() if m.source == "import: v.csv"}
    # newest first: the import, its values in reverse entry order, the target it changed
    log = fresh.audit(limit=5)
    assert [(e.action, e.entity_id) for e in log] == [
        ("import", "b.db"), ("measure", FOREST), ("measure", URBAN), ("update", URBAN),
        ("measure", URBAN)]
    assert {e.id for e in log[:3]} == {log[0].id} and log[0].value_id is None
    # each value whole, as a value typed in is logged
    assert log[1].new == stored[FOREST].model_dump(mode="json")
    assert (log[1].actor, log[1].at) == ("tester", stored[FOREST].recorded_at)
    assert log[4].new == typed.model_dump(mode="json")
    assert len({e.key for e in fresh.audit()}) == len(fresh.audit())
    # an indicator's own log has its imported value too, under the import's entry
    mine = fresh.audit(entity="indicator", entity_id=URBAN, limit=2)
    assert [(e.action, e.new.get("value", e.new.get("target_value"))) for e in mine] == [
        ("measure", 75.0), ("update", 79.0)]
    assert fresh.audit(entity="indicator", entity_id=URBAN, limit=1)[0].value_id == \
        stored[URBAN].id
    # one row in the audit table for the import's values: each value names it
    db = tmp_path / "b.db"
    logged = raw(db, "SELECT id, logged_by FROM measurements WHERE logged_by IS NOT NULL"
                     " ORDER BY id")
    assert logged == [(stored[URBAN].id, log[0].id), (stored[FOREST].id, log[0].id)]
    assert raw(db, "SELECT count(*) FROM audit WHERE action = 'measure'") == [(1,)]  # typed


def test_new_indicator_from_a_row(fresh: Store, tmp_path: Path) -> None:
    header = ["id", "district", "name_zh", "name_en", "单位", "direction", "属性", "基期值",
              "基期年", "目标值", "目标年"]
    path = write_csv(tmp_path / "n.csv", [
        header, ["ecology-wetland", "生态新区", "湿地面积", "Wetland area", "公顷", "increase",
                 "expected", "120", "2020", "150", "2025"]])
    import_file(fresh, path)
    ind = fresh.indicator("ecology-wetland")
    assert (ind.district, ind.unit, ind.baseline_value, ind.target_year) == (
        "ecology", "公顷", 120, 2025)


def test_xlsx_text_cells_and_bad_cells(fresh: Store, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "Target", "Target year", "Latest", "Year", "quality"])
    ws.append([URBAN, "78.5", 2025.0, 75, "2022", "provisional"])
    ws.append(["openness-road-length", True, 2025, None, None, None])
    ws.append(["culture-4a-scenic-areas", 3, 2025, 4, 2023, "guessed"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(ImportProblems) as e:
        import_file(fresh, path)
    lines = e.value.text("en").splitlines()
    assert lines[0].startswith("2 problems")
    assert "sheet Sheet, row 3, column Target: not a number" in lines[1]
    assert "row 4, column quality: 'guessed' is not one of: final, provisional" in lines[2]
    ws.delete_rows(3, 2)
    wb.save(path)
    import_file(fresh, path)
    assert fresh.indicator(URBAN).target_value == 78.5
    assert [m.quality for m in fresh.measurements(URBAN)] == ["provisional"]


def test_non_finite_and_half_pairs(fresh: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [
        ["id", "target_value", "target_year", "latest_value", "latest_year"],
        [URBAN, "nan", "2025", "1e999", "2022"],
        [FOREST, "65", "2025", "63", ""],
    ])
    with pytest.raises(ImportProblems) as e:
        import_file(fresh, path)
    text = e.value.text("en")
    assert "row 2, column target_value: not a number: 'nan'" in text
    assert "row 2, column latest_value: not a number: '1e999'" in text
    assert "row 3, column latest_year: latest_year and latest_value go together" in text


def test_json_refusals(source: Store, fresh: Store, tmp_path: Path) -> None:
    data = json.loads(export(current_state(source), "json", tmp_path / "s.json", "en")
                      .read_text(encoding="utf-8"))
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**data, "schema_version": 99}), encoding="utf-8")
    with pytest.raises(TrackerError) as e:
        read_import(newer)
    assert e.value.key == "import_newer" and "newer version" in e.value.text("en")
    data["measurements"][0]["quality"] = "guessed"
    data["measurements"][1]["value"] = float("nan")
    data["indicators"][0]["indicator"]["target_year"] = 1990
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportProblems) as e:
        read_import(bad)
    text = e.value.text("en")
    assert text.startswith("3 problems") and "measurements[0]" in text and "quality" in text
    assert "measurements[1]" in text and "indicators[0]" in text
    listing = tmp_path / "list.json"
    listing.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(TrackerError, match="not a tracker snapshot"):
        read_import(listing)


def test_a_snapshot_indicator_in_no_known_district_is_refused(
        source: Store, fresh: Store, tmp_path: Path) -> None:
    data = json.loads(export(current_state(source), "json", tmp_path / "s.json", "en")
                      .read_text(encoding="utf-8"))
    stray = data["indicators"][0]["indicator"]
    stray |= {"id": "harbour-berths", "district": "harbour", "baseline_achievement": None}
    data["indicators"] = [data["indicators"][0]]
    data["measurements"] = []
    path = tmp_path / "stray.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportProblems) as e:
        import_file(fresh, path)
    # one problem, naming the districts it could be, in the plan's order
    [line] = e.value.text("en").splitlines()[1:]
    assert line.startswith("indicators[0]: indicator.district:")
    named = [d.id for d in fresh.districts() if f"'{d.id}'" in line]
    assert named == [d.id for d in fresh.districts()]
    assert sorted(named, key=line.index) == named
    assert "harbour-berths" not in {s.indicator.id for s in fresh.indicator_states()}


def test_unreadable_files(tmp_path: Path) -> None:
    garbage = tmp_path / "g.csv"
    garbage.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(TrackerError) as e:
        read_import(garbage)
    assert "CSV UTF-8" in e.value.text("en") and "CSV UTF-8" in e.value.text("zh")
    fake = tmp_path / "g.xlsx"
    fake.write_text("id,x\n", encoding="utf-8")
    with pytest.raises(TrackerError, match="cannot read"):
        read_import(fake)
    with pytest.raises(TrackerError, match="use a .csv"):
        read_import(tmp_path / "x.ods")
    with pytest.raises(TrackerError, match="cannot read"):
        read_import(tmp_path / "missing.csv")
    headless = write_csv(tmp_path / "h.csv", [["name", "value"], ["a", "1"]])
    with pytest.raises(TrackerError, match="no sheet with an id column"):
        read_import(headless)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    with Store(tmp_path_factory.mktemp("h") / "h.db", actor="tester") as s:
        yield s


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), ext=st.sampled_from(["csv", "xlsx", "json"]))
def test_random_bytes_only_tracker_errors(tmp_path: Path, data: bytes, ext: str) -> None:
    path = tmp_path / f"r.{ext}"
    path.write_bytes(data)
    with contextlib.suppress(TrackerError):
        read_import(path)


cells = st.one_of(st.text(max_size=12), st.sampled_from(["", "2025", "6.13万", "-1", "nan",
                                                         URBAN, "=1+1", "'@x", "约束性"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=len(HEADER_ZH), max_size=len(HEADER_ZH)),
                     max_size=4))
def test_random_cells_only_tracker_errors(tmp_path: Path, shared_store: Store,
                                          rows: list[list[str]]) -> None:
    path = write_csv(tmp_path / "r.csv", [HEADER_ZH, *rows])
    audit = len(shared_store.audit())
    with contextlib.suppress(TrackerError):
        plan_import(shared_store, read_import(path))
    assert len(shared_store.audit()) == audit


# the headers exports wrote before every header was in the file's language
OLD_HEADER = {
    "zh": ["id", "指标", "单位", "基期值", "基期年", "目标值", "目标年", "最新值", "年份", "进度",
           "时序进度", "评价", "属性", "责任单位", "district", "direction", "target_type",
           "band", "name_zh", "name_en", "growth_ratio", "growth_verdict", "quality"],
    "en": ["id", "Indicator", "Unit", "Baseline", "Baseline year", "Target", "Target year",
           "Latest", "Year", "Progress", "Time elapsed", "Verdict", "Attribute", "Department",
           "district", "direction", "target_type", "band", "name_zh", "name_en",
           "growth_ratio", "growth_verdict", "quality"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_an_earlier_export_wrote_still_imports(fresh: Store, tmp_path: Path,
                                                      lang: str) -> None:
    verdict = {"zh": "基本符合预期", "en": "on schedule"}[lang]
    attribute = {"zh": "约束性", "en": "binding"}[lang]
    path = write_csv(tmp_path / f"old-{lang}.csv", [
        OLD_HEADER[lang],
        ["ecology-wetland", "湿地面积", "公顷", "120", "2020", "150", "2025", "130", "2022",
         "0.3333333333333333", "0.4", verdict, attribute, "市林业局", "ecology", "increase",
         "level", "", "湿地面积", "Wetland area", "1.2", "on_track", "provisional"],
        [URBAN, "常住人口城镇化率", "%", "", "", "78", "2025", "75", "2022", "", "", verdict,
         attribute, "", "openness", "increase", "level", "", "", "", "", "", "final"],
    ])
    import_file(fresh, path)
    ind = fresh.indicator("ecology-wetland")
    assert (ind.district, ind.unit, ind.baseline_value, ind.target_value, ind.attribute,
            ind.department) == ("ecology", "公顷", 120, 150, "binding", "市林业局")
    assert [(m.year, m.value, m.quality) for m in fresh.measurements("ecology-wetland")] == [
        (2022, 130, "provisional")]
    assert fresh.indicator(URBAN).target_value == 78

