"""The starter plan (data/plan.toml) reads like a county's main-indicator table: the
standard rows with their kinds and attributes, the district rows the article gives
figures for, baselines only from the article, and every target left for the planners."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import openpyxl

from tracker.models import unit_scale
from tracker.seed import load_dataset

DATASET = load_dataset()
BY_ID = {i.id: i for i in DATASET.indicators}
BY_NAME = {i.name_zh: i for i in DATASET.indicators}
FIGURES = {a.id: a for a in DATASET.achievements}

# the rows every county plan table carries: (kind, attribute)
STANDARD = {
    "地区生产总值年均增长": ("growth_rate", "expected"),
    "居民人均可支配收入增长": ("growth_rate", "expected"),
    "城镇调查失业率": ("at_most", "expected"),
    "每千人口执业（助理）医师数": ("level", "expected"),
    "单位地区生产总值能源消耗降低": ("reduction", "binding"),
    "单位地区生产总值二氧化碳排放降低": ("reduction", "binding"),
    "地表水达到或好于Ⅲ类水体比例": ("at_least", "binding"),
    "森林覆盖率": ("at_least", "binding"),
    "粮食综合生产能力": ("at_least", "binding"),
}


def test_a_plan_table_of_about_thirty_rows_in_every_district() -> None:
    assert 28 <= len(DATASET.indicators) <= 36
    for d in DATASET.districts:
        assert sum(i.district == d.id for i in DATASET.indicators) >= 5, d.id


def test_the_standard_rows_with_their_kind_and_attribute() -> None:
    for name, (kind, attribute) in STANDARD.items():
        ind = BY_NAME[name]
        assert (ind.target_type, ind.attribute) == (kind, attribute), name
    assert BY_NAME["城镇调查失业率"].direction == "decrease"


def test_every_row_has_a_kind_that_fits_its_name() -> None:
    for ind in DATASET.indicators:
        name = ind.name_zh
        if "增长" in name:
            # 年均增长 is a rate a level grows by, entered as each year's rate
            assert (ind.target_type, ind.values_as) == ("growth_rate", "rate"), ind.id
            assert ind.baseline_value is None, ind.id  # a past rate is not a level
        if name.endswith("降低"):
            assert (ind.target_type, ind.direction, ind.values_as) == (
                "reduction", "decrease", "rate"), ind.id
        if "累计" in name:
            assert ind.target_type == "cumulative", ind.id
        if "建成投产" in name:
            assert ind.target_type == "milestone", ind.id
        if ind.target_type == "growth_rate" or ind.target_type == "reduction":
            assert ind.unit == "%", ind.id


def test_the_rows_issue_27_corrected() -> None:
    # a consolidation rate over 100% is possible where pupils transfer in: a floor, binding,
    # with no range that would call 116.3 impossible
    edu = BY_ID["wellbeing-compulsory-edu-consolidation"]
    assert (edu.target_type, edu.attribute, edu.plausible) == ("at_least", "binding", None)
    # a built-up area is a ceiling of land use, not a plan row here
    assert not any("建成区面积" in i.name_zh for i in DATASET.indicators)
    # 4A areas built over the period are a flow
    assert BY_ID["culture-4a-scenic-areas"].target_type == "cumulative"
    # sports grounds per resident; the article gives only a total, so no baseline
    sport = BY_ID["culture-sport-venue-area"]
    assert "人均" in sport.name_zh and sport.baseline_value is None
    # industry is more than sour soup
    industry = [i for i in DATASET.indicators if i.district == "industry"]
    assert sum("酸汤" in i.name_zh for i in industry) * 2 < len(industry)
    # openness has trade and investment rows
    openness = " ".join(i.name_zh for i in DATASET.indicators if i.district == "openness")
    assert "进出口" in openness and "招商引资" in openness


def test_each_baseline_is_the_articles_figure_and_its_period_end() -> None:
    linked = [i for i in DATASET.indicators if i.baseline_achievement]
    assert len(linked) >= 14
    for ind in DATASET.indicators:
        if ind.baseline_achievement is None:
            # none from elsewhere: no baseline where the article gives none
            assert ind.baseline_value is None and ind.baseline_year is None, ind.id
            continue
        a = FIGURES[ind.baseline_achievement]
        assert a.value is not None, ind.id
        in_unit = a.base_value / unit_scale(ind.unit)[0]
        assert Decimal(str(ind.baseline_value)) == in_unit, ind.id
        end = int(re.findall(r"\d{4}", a.period)[-1])
        if a.period_basis in ("printed", "13th_fyp"):
            assert ind.baseline_year == end, ind.id
        else:
            # a period read into the text (五年来, 目前) ends in the report's year; the plan
            # may keep the 13th plan's last year as its base year until planners confirm it
            assert ind.baseline_year in (end - 1, end), ind.id
        # the note says where the baseline comes from
        assert a.id in ind.notes, ind.id


def test_every_row_has_a_note_and_no_target() -> None:
    for ind in DATASET.indicators:
        assert ind.notes.strip(), ind.id
        if ind.baseline_value is None and ind.target_type != "milestone":
            assert "故" in ind.notes or "基期" in ind.notes, ind.id
        assert ind.target_value is None and ind.target_year is None, ind.id


def test_status_of_a_fresh_database_reads_to_be_set(run, db_path: Path) -> None:
    db = ["--db", str(db_path)]
    rows = json.loads(run(*db, "status", "--format", "json").output)
    assert len(rows) == len(DATASET.indicators)
    for r in rows:
        assert (r["schedule_verdict"], r["growth_verdict"]) == ("to_be_set", "to_be_set"), r
        assert r["reason"]
    zh = run(*db, "status").output
    assert "待设定" in zh and "暂无数据" not in zh
    assert "产业新区（待设定 7）" in zh
    en = run(*db, "--lang", "en", "status").output
    assert "to be set up" in en and "no data" not in en


def test_exports_of_a_fresh_database_say_to_be_set(run, db_path: Path, tmp_path: Path) -> None:
    db = ["--db", str(db_path)]
    for ext in ("csv", "md"):
        out = tmp_path / f"plan.{ext}"
        assert run(*db, "export", "--output", str(out)).exit_code == 0
        text = out.read_text(encoding="utf-8-sig")
        assert "待设定" in text and "暂无数据" not in text, ext
    book = tmp_path / "plan.xlsx"
    assert run(*db, "export", "--output", str(book)).exit_code == 0
    ws = openpyxl.load_workbook(book)["汇总"]
    rows = list(ws.iter_rows(values_only=True))
    waiting = rows[0].index("待设定")
    assert [r[waiting] for r in rows[1:6]] == [r[1] for r in rows[1:6]]  # every row, each district


def test_the_review_of_a_fresh_database_counts_the_rows_to_be_set(run, db_path: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    assert run("--db", str(db_path), "review", "--output", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    n = len(DATASET.indicators)
    binding = sum(i.attribute == "binding" for i in DATASET.indicators)
    assert f"纳入监测的{n}项指标中，{n}项目标待设定；约束性指标{binding}项，其中{binding}项目标待设定。" \
        in text
    assert "产业新区纳入监测指标7项，其中7项目标待设定。" in text
