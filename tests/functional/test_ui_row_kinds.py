"""Every kind of plan-table row entered in the UI as a planner would (a growth rate, a
reduction, a milestone, a cumulative total, a year's target) and read right at 80x24;
each checked in the database afterwards."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select, Static

from tests.functional.waiting import screen_up, until
from tracker.models import Indicator, Measurement
from tracker.store import Store
from tracker.ui.app import TrackerApp, create_app
from tracker.ui.dialogs.edit_indicator import EditIndicatorDialog
from tracker.ui.dialogs.measurement import MeasurementDialog
from tracker.ui.dialogs.new_indicator import NewIndicatorDialog
from tracker.ui.dialogs.row_kinds import AnnualTargetDialog, MilestoneDialog
from tracker.ui.dialogs.target import TargetDialog
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.plan import PlanScreen

SMALL = (80, 24)
# 规模以上工业增加值年均增长 10%: a growth rate, each year's rate entered, no baseline yet
INDUSTRY = "industry-industrial-value-added-growth"
JOBS = "wellbeing-new-urban-jobs"  # a five-year total, its baseline 97 flagged
ENERGY = "ecology-energy-intensity"
CITY = "ecology-civ-city"


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ui.db"
    with Store(path, actor="seed") as s:
        s.add_indicator(Indicator(id=ENERGY, district="ecology", name_zh="单位GDP能耗",
                                  name_en="Energy use per unit of GDP", unit="吨标煤/万元",
                                  direction="increase", attribute="binding",
                                  baseline_value=0.8, baseline_year=2020))
        s.add_indicator(Indicator(id=CITY, district="ecology", name_zh="创建国家生态文明建设示范市",
                                  name_en="National model city of ecological civilisation",
                                  target_type="milestone", target_year=2025))
    return path


def app_for(db: Path, lang: str = "en") -> TrackerApp:
    return create_app(db, actor="tester", lang=lang)


async def on_row(pilot: Any, district: str, key: str) -> PlanScreen:
    screen = await screen_up(pilot, PlanScreen, "IndicatorTable", ready=lambda s: s.ready)
    screen.show_district(district)
    assert screen.current_table().move_to(key)
    await pilot.pause()
    return screen


async def opened(pilot: Any, kind: type) -> Any:
    """The dialog once it is the screen (keys pressed sooner can be lost)."""
    dialog = await screen_up(pilot, kind)
    await pilot.pause(0.05)
    return dialog


async def closed(pilot: Any, kind: type) -> None:
    await until(pilot, lambda: not isinstance(pilot.app.screen, kind), f"{kind.__name__} closes")
    await pilot.pause(0.05)


def field_error(dialog: Any, key: str) -> str:
    label = dialog.query_one(f"#e-{key}", Static)
    return str(label.render()) if label.has_class("-shown") else ""


def cell(screen: PlanScreen, key: str, column: str) -> str:
    return str(screen.current_table().get_cell(key, column))


def detail(screen: PlanScreen) -> str:
    return str(screen.query_one("#row-detail", Static).render())


async def set_field(pilot: Any, dialog: Any, key: str, value: str) -> None:
    box = dialog.query_one(f"#f-{key}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*value)


@run_async
async def test_a_growth_rate_row_entered_as_printed(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SMALL) as pilot:
        screen = await on_row(pilot, "industry", INDUSTRY)
        await pilot.press("e")
        dialog = await opened(pilot, TargetDialog)
        # a rate's values: asked of a growth rate, as the levels or each year's rate
        assert dialog.query_one("#f-values_as", Select).parent.display
        assert dialog.query_one("#f-values_as", Select).value == "rate"
        await set_field(pilot, dialog, "target_year", "2025")
        await set_field(pilot, dialog, "baseline_value", "100")
        await set_field(pilot, dialog, "baseline_year", "2020")
        await set_field(pilot, dialog, "target_value", "-150")
        await pilot.pause()
        assert "-100%" in field_error(dialog, "target_value")
        await pilot.press("ctrl+s")
        assert app.screen is dialog  # refused: nothing written
        with Store(db, actor="check") as s:
            assert s.indicator(INDUSTRY).target_value is None
        await set_field(pilot, dialog, "target_value", "10")
        await pilot.pause()
        assert field_error(dialog, "target_value") == ""
        await pilot.press("ctrl+s")
        await closed(pilot, TargetDialog)
        with Store(db, actor="check") as s:
            ind = s.indicator(INDUSTRY)
            assert (ind.target_type, ind.target_value, ind.values_as) == (
                "growth_rate", 10, "rate")
            s.add_measurement(Measurement(indicator=INDUSTRY, year=2021, value=9))
            s.add_measurement(Measurement(indicator=INDUSTRY, year=2022, value=11))
        screen.refresh_data()
        await pilot.pause()
        assert cell(screen, INDUSTRY, "col_target") == "10% a year (2025)"
        assert cell(screen, INDUSTRY, "col_schedule") not in ("no data", "to be set up")
        assert "3 years left:" in detail(screen)


@run_async
async def test_a_reduction_row_and_its_refusals(db: Path) -> None:
    app = app_for(db, "zh")
    async with app.run_test(size=SMALL) as pilot:
        screen = await on_row(pilot, "ecology", ENERGY)
        await pilot.press("e")
        dialog = await opened(pilot, TargetDialog)
        # a level's values are levels: not asked
        assert not dialog.query_one("#f-values_as", Select).parent.display
        dialog.query_one("#f-target_type", Select).value = "reduction"
        await pilot.pause()
        # a reduction goes down: the direction follows
        assert dialog.query_one("#f-direction", Select).value == "decrease"
        await set_field(pilot, dialog, "target_value", "120")
        await set_field(pilot, dialog, "target_year", "2025")
        await pilot.pause()
        assert field_error(dialog, "target_value") == "降低幅度须不小于 0% 且小于 100%"
        await set_field(pilot, dialog, "target_value", "13.5")
        await pilot.pause()
        assert field_error(dialog, "target_value") == ""
        await pilot.press("ctrl+s")
        await closed(pilot, TargetDialog)
        with Store(db, actor="check") as s:
            ind = s.indicator(ENERGY)
            assert (ind.target_type, ind.direction, ind.target_value) == (
                "reduction", "decrease", 13.5)
            s.add_measurement(Measurement(indicator=ENERGY, year=2021, value=0.78))
            s.add_measurement(Measurement(indicator=ENERGY, year=2022, value=0.75))
        screen.refresh_data()
        await pilot.pause()
        assert cell(screen, ENERGY, "col_target") == "降低 13.5% (2025)"
        assert "剩余3年需年均降低2.6%" in detail(screen)


@run_async
async def test_a_milestone_row_with_its_state_date_and_evidence(db: Path) -> None:
    app = app_for(db, "zh")
    async with app.run_test(size=SMALL) as pilot:
        screen = await on_row(pilot, "ecology", CITY)
        assert cell(screen, CITY, "col_latest") == "未启动"
        await pilot.press("m")
        dialog = await opened(pilot, MilestoneDialog)
        dialog.query_one("#f-state", Select).value = "done"
        await set_field(pilot, dialog, "date", "2030-01-01")
        await pilot.pause()
        assert field_error(dialog, "date") == "里程碑日期须在规划期内"
        await pilot.press("ctrl+s")
        assert app.screen is dialog
        await set_field(pilot, dialog, "date", "2024-11-20")
        await set_field(pilot, dialog, "evidence", "生态环境部命名文件")
        await pilot.press("ctrl+s")
        await closed(pilot, MilestoneDialog)
        await pilot.pause()
        assert cell(screen, CITY, "col_latest") == "已完成"
        assert cell(screen, CITY, "col_schedule") == "提前实现"
        assert "里程碑：已完成 · 于 2024-11-20 · 佐证：生态环境部命名文件" in detail(screen)
    with Store(db, actor="check") as s:
        ind = s.indicator(CITY)
        assert (ind.milestone_state, ind.milestone_date, ind.milestone_evidence) == (
            "done", "2024-11-20", "生态环境部命名文件")


@run_async
async def test_m_on_a_row_that_is_not_a_milestone_says_so(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SMALL) as pilot:
        await on_row(pilot, "ecology", ENERGY)
        await pilot.press("m")
        await pilot.pause(0.2)
        assert isinstance(app.screen, PlanScreen)


@run_async
async def test_a_on_a_milestone_row_points_to_m_and_writes_nothing(db: Path) -> None:
    """A milestone reports its state, not yearly values: no value form, in no unit."""
    with Store(db, actor="check") as s:
        logged = len(s.audit())
    for lang, says in (("en", "press m to record it"), ("zh", "按 m 记录")):
        app = app_for(db, lang)
        async with app.run_test(size=SMALL) as pilot:
            await on_row(pilot, "ecology", CITY)
            await pilot.press("a")
            await pilot.pause(0.2)
            assert isinstance(app.screen, PlanScreen)
            assert not any(isinstance(s, MeasurementDialog) for s in app.screen_stack)
            notices = [str(n.message) for n in app._notifications]
            assert any(says in n for n in notices), notices
    with Store(db, actor="check") as s:
        assert len(s.audit()) == logged
        assert [m for m in s.measurements() if m.indicator == CITY] == []


@run_async
async def test_a_cumulative_row_reads_its_running_total(db: Path) -> None:
    with Store(db, actor="seed") as s:
        s.update_indicator(JOBS, {"target_value": 5, "target_year": 2025})
        # the years after the row's base year, 2021
        s.add_measurement(Measurement(indicator=JOBS, year=2022, value=0.9))
        s.add_measurement(Measurement(indicator=JOBS, year=2023, value=1.1))
    app = app_for(db, "zh")
    async with app.run_test(size=SMALL) as pilot:
        screen = await on_row(pilot, "wellbeing", JOBS)
        await pilot.pause()
        assert cell(screen, JOBS, "col_baseline") == "—"
        assert cell(screen, JOBS, "col_latest") == "累计 2 / 5"
        # the baseline 97万 is flagged: both verdicts say so, and the detail says why
        assert cell(screen, JOBS, "col_schedule").endswith("!")
        assert cell(screen, JOBS, "col_growth").endswith("!")
        text = detail(screen)
        assert "2023年 1.1 万人" in text and "累计 2 / 5 万人" in text
        assert "每年 1 万人" in text and "%" not in text.split("增速：")[1].split("\n")[0]
        assert "! 基期存疑" in text
        # the roll-up counts them apart
        summary = str(screen.query_one("#summary-wellbeing", Static).render())
        assert "其中 3 项基期存疑" in summary


@run_async
async def test_a_year_target_refused_outside_the_plan_and_read_on_the_indicator(db: Path
                                                                               ) -> None:
    with Store(db, actor="seed") as s:
        s.update_indicator(JOBS, {"target_value": 5, "target_year": 2025})
        s.add_measurement(Measurement(indicator=JOBS, year=2022, value=0.9))
    app = app_for(db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await on_row(pilot, "wellbeing", JOBS)
        await pilot.press("y")
        dialog = await opened(pilot, AnnualTargetDialog)
        await set_field(pilot, dialog, "year", "2030")
        await set_field(pilot, dialog, "value", "1")
        await pilot.pause()
        assert field_error(dialog, "year") == "the year is outside the plan period"
        await pilot.press("ctrl+s")
        assert app.screen is dialog
        await set_field(pilot, dialog, "year", "2022")
        await pilot.press("ctrl+s")
        await closed(pilot, AnnualTargetDialog)
        with Store(db, actor="check") as s:
            assert s.annual_targets(JOBS) == {2022: 1.0}
        await pilot.pause()
        assert "2022 target 1: 0.9, not met" in detail(screen)
        await pilot.press("enter")
        ind_screen = await opened(pilot, IndicatorScreen)
        status = str(ind_screen.query_one("#ind-status", Static).render())
        assert "yearly targets: 2022 1" in status
        # and the year's target beside the year's value
        history = ind_screen.query_one("#history")
        assert [str(c.label) for c in history.columns.values()][:3] == [
            "year", "value", "year's target"]
        assert str(history.get_row_at(0)[2]) == "1"
        assert "! baseline in doubt" in status


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@run_async
async def test_the_list_of_kinds_stays_inside_the_target_form(db: Path, size: tuple) -> None:
    from textual.widgets._select import SelectOverlay

    app = app_for(db, "zh")
    async with app.run_test(size=size) as pilot:
        await on_row(pilot, "industry", INDUSTRY)
        await pilot.press("e")
        dialog = await opened(pilot, TargetDialog)
        dialog.query_one("#f-target_type", Select).focus()
        await pilot.press("enter")
        await pilot.pause(0.2)
        overlay = dialog.query_one("#f-target_type", Select).query_one(SelectOverlay)
        assert overlay.display and overlay.region.height >= 9  # every kind in view
        assert dialog.query_one("#dialog").region.contains_region(overlay.region)
        await pilot.press("escape", "escape")
        await closed(pilot, TargetDialog)
        # and in the forms of a new indicator and of an indicator's edit
        for key, kind in (("n", NewIndicatorDialog), ("E", EditIndicatorDialog)):
            await pilot.press(key)
            dialog = await opened(pilot, kind)
            dialog.query_one("#f-target_type", Select).focus()
            await pilot.press("enter")
            await pilot.pause(0.2)
            overlay = dialog.query_one("#f-target_type", Select).query_one(SelectOverlay)
            assert overlay.display and overlay.region.height >= 9
            assert dialog.query_one("#dialog").region.contains_region(overlay.region), key
            await pilot.press("escape", "escape")
            await closed(pilot, kind)


@run_async
async def test_the_baseline_picker_shows_a_figure_in_doubt_by_name(db: Path) -> None:
    from tracker.ui.dialogs.baseline import BaselineDialog
    from tracker.ui.widgets.tables import ViList

    edu = "wellbeing-compulsory-edu-consolidation"
    app = app_for(db, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await on_row(pilot, "wellbeing", edu)
        await pilot.press("b")
        dialog = await opened(pilot, BaselineDialog)
        await pilot.press(*"巩固")
        await pilot.pause()
        picker = dialog.query_one("#picker", ViList)
        prompt = str(picker.get_option_at_index(0).prompt)
        assert prompt.startswith("! 义务教育巩固率 — 116.3 %")
        picker.highlighted = 0
        await pilot.pause()
        note = str(dialog.query_one("#form-note", Static).render())
        assert "! 该数字存疑：" in note and "116.3%" in note and "。；" not in note
        await pilot.press("ctrl+s")
        await closed(pilot, BaselineDialog)
    with Store(db, actor="check") as s:
        assert s.indicator(edu).baseline_value == 116.3
