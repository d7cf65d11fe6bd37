"""How each kind of plan-table row reads (tracker/plan_text.py): cells, figures, where it
is heading, a suspect baseline, a milestone and a year's target, in both languages."""

from __future__ import annotations

from tracker import plan_text
from tracker import status as report_status
from tracker.models import BaselineFlag, Indicator, IndicatorState, Measurement


def state(ind: Indicator, values: dict[int, float], *, annual: dict[int, float] | None = None,
          flags: tuple[BaselineFlag, ...] = (), as_of: int = 2023) -> IndicatorState:
    ms = [Measurement(indicator=ind.id, year=y, value=v) for y, v in values.items()]
    return report_status.indicator_status(ind, ms, 0.05, annual, flags, as_of=as_of).state()


def indicator(**fields: object) -> Indicator:
    base = {"id": "x", "district": "industry", "name_zh": "指标", "name_en": "Indicator",
            "attribute": "expected"}
    return Indicator.model_validate({**base, **fields})


JOBS = indicator(unit="万人", direction="increase", target_type="cumulative",
                 baseline_value=97, baseline_year=2020, target_value=5, target_year=2025)
GROWTH = indicator(unit="亿元", target_type="growth_rate", baseline_value=100,
                   baseline_year=2020, target_value=7, target_year=2025)
ENERGY = indicator(unit="吨标煤/万元", target_type="reduction", baseline_value=0.8,
                   baseline_year=2020, target_value=13.5, target_year=2025)
MILESTONE = indicator(target_type="milestone", target_year=2025,
                      milestone_state="in_progress", milestone_evidence="申报材料已报送")
MONITOR = indicator(unit="%", target_type="monitor")


def test_cumulative_row_reads_its_running_total_and_no_baseline() -> None:
    st = state(JOBS, {2021: 0.9, 2022: 1.1})
    assert plan_text.baseline_cell(st) == "—"
    assert plan_text.latest_cell(st, "zh") == "累计 2 / 5"
    assert plan_text.latest_cell(st, "en") == "total 2 / 5"
    figures = plan_text.figures(st, "zh")
    assert "97" not in figures and "2022年 1.1 万人" in figures and "累计 2 / 5 万人" in figures
    # the pace still needed is an amount a year in the unit, never a percentage
    assert "剩余3年需年均新增1 万人" in plan_text.heading(st, "zh")
    assert plan_text.pace(0.8, "万人", "zh") == "每年 0.8 万人"


def test_growth_rate_row_prints_its_rate_and_where_it_is_heading() -> None:
    st = state(GROWTH, {2021: 105, 2022: 111})
    assert plan_text.target_cell(GROWTH, "zh") == "年均增长 7% (2025)"
    assert plan_text.target_cell(GROWTH, "en") == "7% a year (2025)"
    assert "即 140.26 亿元" in plan_text.figures(st, "zh")
    line = plan_text.heading(st, "zh")
    assert line.startswith("按目前增速预计2025年达到129.81 亿元")
    assert "2027年方可达到目标" in line
    assert "剩余3年需年均增长8.1%" in line


def test_reduction_row_prints_the_reduction_and_the_yearly_fall_needed() -> None:
    st = state(ENERGY, {2021: 0.78, 2022: 0.75})
    assert plan_text.target_cell(ENERGY, "zh") == "降低 13.5% (2025)"
    assert "剩余3年需年均降低2.6%" in plan_text.heading(st, "zh")
    assert "down 2.6% a year needed" in plan_text.heading(st, "en")


def test_milestone_and_monitoring_rows() -> None:
    st = state(MILESTONE, {})
    assert plan_text.latest_cell(st, "zh") == "推进中"
    assert plan_text.target_cell(MILESTONE, "zh") == "2025"
    assert plan_text.milestone_line(MILESTONE, "zh") == "里程碑：推进中 · 佐证：申报材料已报送"
    assert plan_text.heading(st, "zh") == ""
    mon = state(MONITOR, {2022: 6.1})
    assert plan_text.target_cell(MONITOR, "zh") == "监测"
    assert plan_text.latest_cell(mon, "zh") == "6.1 (2022)"


def test_a_flagged_baseline_is_marked_and_says_why() -> None:
    flag = BaselineFlag(code="rate_over_100", message_zh="比率为 116.3%，超过 100%",
                        message_en="a rate of 116.3% is above 100%")
    ind = indicator(unit="%", baseline_value=116.3, baseline_year=2020, target_value=120,
                    target_year=2025)
    st = state(ind, {2022: 117}, flags=(flag,))
    assert plan_text.flagged(st) and plan_text.mark(st) == "!"
    assert plan_text.flag_line(st, "zh") == "! 基期存疑：比率为 116.3%，超过 100%"
    plain = state(ind, {2022: 117})
    assert not plan_text.flagged(plain) and plan_text.flag_line(plain, "zh") == ""


def test_a_year_target_reads_met_or_not() -> None:
    st = state(GROWTH, {2021: 105, 2022: 111}, annual={2022: 110, 2023: 118})
    assert plan_text.annual_line(st, "zh") == "2022年目标 110：实际 111，已完成"
    assert plan_text.annual_plan({2023: 118, 2022: 110}, "zh") == "年度目标：2022 110，2023 118"
    missed = state(GROWTH, {2021: 105, 2022: 111}, annual={2022: 112})
    assert plan_text.annual_line(missed, "en") == "2022 target 112: 111, not met"
    assert "2022年目标 110" in plan_text.detail_lines(st, "zh")[0]


def test_a_rate_that_never_arrives_says_so() -> None:
    st = state(GROWTH, {2021: 100, 2022: 99})
    assert "按目前增速无法达到目标" in plan_text.heading(st, "zh")


def test_the_status_table_reads_each_kind_as_the_ui_does(tmp_path) -> None:
    from tracker.store import Store

    with Store(tmp_path / "plan.db", actor="tester") as s:
        s.update_indicator("wellbeing-new-urban-jobs", {"target_value": 5, "target_year": 2025})
        # the years after the row's base year, 2021
        for year, value in ((2022, 0.9), (2023, 1.1)):
            s.add_measurement(Measurement(indicator="wellbeing-new-urban-jobs", year=year,
                                          value=value))
        items = [st.state() for st in report_status.statuses(s, "wellbeing")]
        text = report_status.status_text(items, s.districts(), "zh")
    line = next(x for x in text.splitlines() if x.startswith("wellbeing-new-urban-jobs"))
    # the running total against its target, no baseline, and the suspect baseline's mark
    assert "累计 2 / 5" in line and "97" not in line
    # 2 of 5 with two of four years gone: p = 0.4 < s − tol = 0.45
    assert "滞后!" in line


def test_the_roll_up_counts_monitoring_rows_and_suspect_baselines_apart() -> None:
    from collections import Counter

    flag = BaselineFlag(code="rate_over_100", message_zh="比率超过 100%",
                        message_en="a rate above 100%")
    ind = indicator(unit="%", baseline_value=116.3, baseline_year=2020, target_value=120,
                    target_year=2025)
    items = [state(MONITOR, {2022: 6.1}), state(ind, {2022: 117}, flags=(flag,)),
             state(GROWTH, {2021: 105, 2022: 111})]
    counts = report_status.rollup(items)["industry"]
    assert counts["flagged"] == Counter(flagged=1)
    line = report_status.rollup_line(counts, "zh")
    assert line.endswith("监测 1，其中 1 项基期存疑")
    assert "monitoring 1, 1 with a baseline in doubt" in report_status.rollup_line(counts, "en")


def test_the_new_kinds_reasons_read_in_chinese() -> None:
    from tracker import progress
    from tracker.i18n.ui import reason

    assert reason(progress.LINEAR_RATES + "; target equals baseline", "zh") == (
        "基期值不大于零：各年增速按累加而非复合计算；目标值等于基期值")
    assert reason("not started, and the target year is near", "zh") == "尚未启动，目标年份临近"
    assert reason("a reduction needs a baseline above zero", "en") == (
        "a reduction needs a baseline above zero")
    zero = indicator(unit="亿元", target_type="reduction", baseline_value=0,
                     baseline_year=2020, target_value=10, target_year=2025)
    assert plan_text.reason(state(zero, {2021: 1}), "zh") == "降低率目标需要大于零的基期值"


def test_the_last_year_left_reads_as_one_year() -> None:
    """In the plan's last year the pace still needed is that year's, not "a year"."""
    st = state(GROWTH, {2021: 105, 2022: 111, 2024: 118}, as_of=2024)
    assert "1 year left: " in plan_text.heading(st, "en")
    assert "years left" not in plan_text.heading(st, "en")
    assert "剩余1年需增长" in plan_text.heading(st, "zh")
    st = state(ENERGY, {2021: 0.78, 2022: 0.75, 2024: 0.74}, as_of=2024)
    assert "1 year left: down " in plan_text.heading(st, "en")
    assert "剩余1年需降低" in plan_text.heading(st, "zh")
