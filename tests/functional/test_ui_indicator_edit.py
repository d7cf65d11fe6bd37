"""Editing, retiring and bringing back an indicator in the UI, driven with Pilot on a real
database: E opens the form on the plan and the indicator screen, a department is picked
(or added on the spot), a unit change says what it does and asks, Delete retires after
asking and R on the plan brings it back."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Select, Static

from tests.conftest import raw
from tests.functional.waiting import screen_up, until
from tracker.models import Indicator, Measurement
from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.department import NEW_DEPARTMENT, DepartmentDialog
from tracker.ui.dialogs.edit_indicator import EditIndicatorDialog, RetiredDialog
from tracker.ui.keys import help_rows
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.plan import PlanScreen

SIZE = (80, 24)
ID = "industry-test-output"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ui.db"
    with Store(path, actor="planner") as s:
        s.add_indicator(Indicator(
            id=ID, district="industry", name_zh="测试产值", name_en="Test output",
            unit="亿元", baseline_value=1.62, baseline_year=2020, target_value=2.5,
            target_year=2025))
        s.add_measurement(Measurement(indicator=ID, year=2021, value=1.8))
    return path


def run(coro: Any) -> None:
    asyncio.run(coro)


async def at_indicator(pilot: Any, app: Any) -> PlanScreen:
    plan = await screen_up(pilot, PlanScreen, ready=lambda screen: screen.ready)
    plan.show_district("industry")
    plan.current_table().move_to(ID)
    await until(pilot, lambda: plan.current_indicator_id() == ID, "the cursor on it")
    assert plan.current_indicator_id() == ID
    return plan


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_E_renames_and_picks_a_department_added_on_the_spot(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            plan = await at_indicator(pilot, app)
            await pilot.press("E")
            form = await screen_up(pilot, EditIndicatorDialog, "#dialog")
            name = form.query_one("#f-name_zh", Input)
            assert name.value == "测试产值"
            # an empty name is refused under its field, nothing written
            name.value = "  "
            await pilot.pause()
            await pilot.press("ctrl+s")
            assert app.screen is form
            assert "必填" in text_of(form, "#e-name_zh")
            assert raw(db, "SELECT name_zh FROM indicators WHERE id = ?", (ID,)) == [
                ("测试产值",)]
            name.value = "规上工业产值"
            pick = form.query_one("#f-department", Select)
            pick.value = NEW_DEPARTMENT
            dep = await screen_up(pilot, DepartmentDialog, "#dialog")
            dep.query_one("#f-name_zh", Input).value = "市审计局"
            dep.query_one("#f-name_en", Input).value = "Audit Bureau"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is form)
            assert pick.value == "市审计局"
            form.query_one("#f-notes", Input).value = "按现价计算"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is plan)
            await until(pilot, lambda: "规上工业产值" in text_of(plan, "#row-detail"),
                        "the new name shown")
            assert "规上工业产值" in text_of(plan, "#row-detail")
        assert raw(db, "SELECT name_zh, department, notes, version FROM indicators"
                       " WHERE id = ?", (ID,)) == [("规上工业产值", "市审计局", "按现价计算", 2)]
        assert raw(db, "SELECT action, actor FROM audit WHERE entity_id = ?"
                       " ORDER BY id DESC LIMIT 1", (ID,)) == [("update", "tester")]

    run(body())


def test_a_unit_change_says_what_it_does_and_asks_before_converting(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            plan = await at_indicator(pilot, app)
            await pilot.press("enter")
            screen = await screen_up(pilot, IndicatorScreen, "#ind-head")
            await pilot.press("E")
            form = await screen_up(pilot, EditIndicatorDialog, "#dialog")
            unit = form.query_one("#f-unit", Input)
            # not a scale of 亿元: refused under the field, with the reason
            unit.value = "万人"
            await until(pilot, lambda: text_of(form, "#e-unit").strip(), "the unit's reason")
            assert "万/亿" in text_of(form, "#e-unit")
            await pilot.press("ctrl+s")
            assert app.screen is form
            unit.value = "万元"
            await until(pilot, lambda: "10000" in text_of(form, "#form-note"), "what it does")
            note = text_of(form, "#form-note")
            assert "the baseline, the target and 1 value will be multiplied by 10000" in note
            # asked first: No changes nothing
            await pilot.press("ctrl+s")
            await screen_up(pilot, ConfirmDialog, "#dialog")
            assert "multiplied by 10000" in text_of(app.screen, "#confirm-text")
            await pilot.press("n")
            await until(pilot, lambda: app.screen is form)
            assert raw(db, "SELECT unit FROM indicators WHERE id = ?", (ID,)) == [("亿元",)]
            await pilot.press("ctrl+s")
            await screen_up(pilot, ConfirmDialog, "#dialog")
            await pilot.press("y")
            await until(pilot, lambda: app.screen is screen)
            await until(pilot, lambda: "万元" in text_of(screen, "#ind-head"), "the new unit")
            assert "万元" in text_of(screen, "#ind-head")
            assert plan in app.screen_stack
        assert raw(db, "SELECT unit, baseline_value, target_value FROM indicators WHERE id = ?",
                   (ID,)) == [("万元", 16200.0, 25000.0)]
        assert raw(db, "SELECT value FROM measurements WHERE indicator = ?", (ID,)) == [
            (18000.0,)]
        assert raw(db, "SELECT latest_value FROM indicator_status WHERE indicator = ?",
                   (ID,)) == [(18000.0,)]

    run(body())


def test_retire_asks_first_and_R_brings_it_back(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            plan = await at_indicator(pilot, app)
            await pilot.press("delete")
            await screen_up(pilot, ConfirmDialog, "#dialog")
            assert "测试产值" in text_of(app.screen, "#confirm-text")
            await pilot.press("n")
            await until(pilot, lambda: app.screen is plan)
            assert raw(db, "SELECT retired FROM indicators WHERE id = ?", (ID,)) == [(0,)]
            await pilot.press("delete")
            await screen_up(pilot, ConfirmDialog, "#dialog")
            await pilot.press("y")
            await until(pilot, lambda: app.screen is plan)
            await until(pilot, lambda: plan.current_table().index_of(ID) is None,
                        "the retired row gone")
            assert raw(db, "SELECT retired FROM indicators WHERE id = ?", (ID,)) == [(1,)]
            assert plan.current_indicator_id() != ID
            assert plan.current_table().index_of(ID) is None

            await pilot.press("R")
            await screen_up(pilot, RetiredDialog, "#dialog")
            listed = app.screen.query_one("#retired", OptionList)
            assert listed.option_count == 1
            assert listed.get_option_at_index(0).id == ID
            await pilot.press("enter")
            await screen_up(pilot, ConfirmDialog, "#dialog")
            await pilot.press("y")
            await until(pilot, lambda: app.screen is plan)
            await until(pilot, lambda: plan.current_indicator_id() == ID, "the row back")
            assert plan.current_indicator_id() == ID
        assert raw(db, "SELECT retired FROM indicators WHERE id = ?", (ID,)) == [(0,)]
        assert [json.loads(a) for (a,) in raw(db, "SELECT new FROM audit WHERE entity_id = ?"
                                                  " ORDER BY id DESC LIMIT 2", (ID,))] == [
            {"retired": False}, {"retired": True}]

    run(body())


def test_retiring_from_the_indicator_screen_goes_back_to_the_plan(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            plan = await at_indicator(pilot, app)
            await pilot.press("enter")
            await screen_up(pilot, IndicatorScreen, "#ind-head")
            await pilot.press("delete")
            await screen_up(pilot, ConfirmDialog, "#dialog")
            await pilot.press("y")
            await until(pilot, lambda: app.screen is plan)
            # a retired indicator is not edited: the list of retired ones says none else
            await pilot.press("R")
            await screen_up(pilot, RetiredDialog, "#dialog")
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is plan)
        assert raw(db, "SELECT retired FROM indicators WHERE id = ?", (ID,)) == [(1,)]

    run(body())


def test_another_planners_save_first_is_refused_and_nothing_is_written(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            await at_indicator(pilot, app)
            await pilot.press("E")
            form = await screen_up(pilot, EditIndicatorDialog, "#dialog")
            with Store(db, actor="bo") as other:
                other.edit_indicator(ID, {"notes": "checked by Bo"})
            form.query_one("#f-unit", Input).value = "万元"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await screen_up(pilot, ConfirmDialog, "#dialog")
            await pilot.press("y")
            await until(pilot, lambda: app.screen is form
                        and "bo" in text_of(form, "#form-error"))
        assert raw(db, "SELECT unit, notes FROM indicators WHERE id = ?", (ID,)) == [
            ("亿元", "checked by Bo")]
        assert raw(db, "SELECT value FROM measurements WHERE indicator = ?", (ID,)) == [(1.8,)]

    run(body())


def test_help_lists_the_keys_the_footer_leaves_out(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            plan = await at_indicator(pilot, app)
            keys = {label: key for _, rows in help_rows(plan, "zh") for key, label in rows}
            assert keys["修改指标"] == "E"
            assert keys["停用指标"] == "del"
            assert keys["已停用的指标"] == "R"

    run(body())
