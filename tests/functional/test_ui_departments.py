"""The review year and the departments in the UI, driven with Pilot on a real database:
the header names the review year, the counts count the overdue, the department screen
lists what each department owes, and a department is added from a form."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select, Static

import tracker.store.connection
from tests.conftest import raw
from tests.functional.waiting import screen_up
from tracker.models import Measurement
from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.dialogs.department import NEW_DEPARTMENT, DepartmentDialog
from tracker.ui.dialogs.new_indicator import NewIndicatorDialog
from tracker.ui.dialogs.review_year import ReviewYearDialog
from tracker.ui.screens.departments import DepartmentsScreen
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.plan import PlanScreen
from tracker.ui.widgets.tables import ViTable

SIZE = (120, 36)
URBAN = "openness-urbanisation-rate"


class _FixedClock(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
        return datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeded plan with a target read from 2020, a value for 2021, and the review year
    2022."""
    monkeypatch.setattr(tracker.store.connection, "datetime", _FixedClock)
    path = tmp_path / "ui.db"
    with Store(path, actor="planner") as s:
        # the planners read this row from 2020, so 2021 is the plan's first year of values
        s.update_indicator(URBAN, {"baseline_year": 2020, "target_value": 78,
                                   "target_year": 2025})
        s.add_measurement(Measurement(indicator=URBAN, year=2021, value=74.1))
        s.add_measurement(Measurement(indicator=URBAN, year=2023, value=76.0))
        s.set_review_year(2022)
    return path


def run(coro: Any) -> None:
    asyncio.run(coro)


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_the_review_year_in_the_header_and_the_overdue_in_the_counts(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            plan = app.screen
            assert isinstance(plan, PlanScreen)
            assert "review year 2022" in app.title
            plan.show_district("openness")
            plan.current_table().move_to(URBAN)
            await pilot.pause()
            owing = raw(db, "SELECT count(*) FROM indicators i JOIN indicator_status s"
                            " ON s.indicator = i.id WHERE i.district = 'openness'"
                            " AND s.overdue != '[]'")[0][0]
            assert owing >= 1
            assert f"overdue {owing}" in text_of(plan, "#summary-openness")
            # read at 2022: the 2023 value is not yet due, 2022's is owed
            detail = text_of(plan, "#row-detail")
            assert "74.1" in detail and "76" not in detail and "overdue: 2022" in detail
            await pilot.press("f2")
            assert "评估年份 2022" in app.title
            with Store(db, actor="other") as s:
                s.set_review_year(None)
            app.check_data_version()
            await pilot.pause()
            assert "评估年份" not in app.title
            assert "逾期未报" not in text_of(plan, "#summary-openness")

    run(body())


def test_the_department_screen_lists_what_each_owes_and_adds_one(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("5")
            screen = app.screen
            assert isinstance(screen, DepartmentsScreen)
            table = screen.query_one(ViTable)
            assert table.row_count == raw(db, "SELECT count(*) FROM departments")[0][0]
            table.move_to("市交通运输局")
            await pilot.pause()
            detail = text_of(screen, "#dep-detail")
            # the road length, read from 2021 as its record supports, owes 2022
            assert ("公路总里程 (开放新区) · 时序评价：待设定 · 增速评价：待设定 · 逾期未报：2022"
                    in detail), detail
            # the key sour-soup firms, a 十三五 figure read from 2020, owe both years
            table.move_to("市工业和信息化局")
            await pilot.pause()
            assert "逾期未报：2021、2022" in text_of(screen, "#dep-detail")
            # a new department: both names required, a space-only one refused, nothing written
            await pilot.press("a")
            dialog = app.screen
            assert isinstance(dialog, DepartmentDialog)
            dialog.query_one("#f-name_zh", Input).value = "   "
            dialog.query_one("#f-name_en", Input).value = "Audit Bureau"
            await pilot.pause()
            await pilot.press("ctrl+s")
            assert app.screen is dialog
            assert "必填" in text_of(dialog, "#e-name_zh")
            assert raw(db, "SELECT count(*) FROM departments WHERE name_en = 'Audit Bureau'"
                       ) == [(0,)]
            dialog.query_one("#f-name_zh", Input).value = "市审计局"
            dialog.query_one("#f-contact", Input).value = "0855-8221234"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is screen
            assert raw(db, "SELECT name_en, contact FROM departments WHERE name_zh = '市审计局'"
                       ) == [("Audit Bureau", "0855-8221234")]
            assert table.row_count == raw(db, "SELECT count(*) FROM departments")[0][0]

    run(body())


def test_department_screen_snapshot(db: Path, snap_compare: Any) -> None:
    async def departments(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()

    app = create_app(db, actor="tester", lang="zh")
    assert snap_compare(app, terminal_size=(80, 24), run_before=departments)


def test_a_new_indicator_picks_its_department_or_adds_one_on_the_spot(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("n")
            form = app.screen
            assert isinstance(form, NewIndicatorDialog)
            pick = form.query_one("#f-department", Select)
            listed = {v for _, v in pick._options}
            assert {"", NEW_DEPARTMENT, "市林业局"} <= listed
            pick.value = NEW_DEPARTMENT
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, DepartmentDialog)
            dialog.query_one("#f-name_zh", Input).value = "市大数据发展管理局"
            dialog.query_one("#f-name_en", Input).value = "Big Data Bureau"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form
            assert pick.value == "市大数据发展管理局"
            for key, value in (("id", "industry-data-firms"), ("name_zh", "数据企业"),
                               ("name_en", "Data firms"), ("unit", "家")):
                form.query_one(f"#f-{key}", Input).value = value
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, NewIndicatorDialog)
        assert raw(db, "SELECT department FROM indicators WHERE id = 'industry-data-firms'"
                   ) == [("市大数据发展管理局",)]
        assert raw(db, "SELECT name_en FROM departments WHERE name_zh = '市大数据发展管理局'"
                   ) == [("Big Data Bureau",)]

    run(body())


def test_the_review_year_is_set_refused_and_cleared_from_a_form(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("5", "y")
            form = app.screen
            assert isinstance(form, ReviewYearDialog)
            box = form.query_one("#f-review_year", Input)
            assert box.value == "2022"
            box.value = "2010"
            await pilot.pause()
            await pilot.press("ctrl+s")
            assert app.screen is form
            assert "早于规划的基期年份" in text_of(form, "#e-review_year")
            assert raw(db, "SELECT value FROM meta WHERE key = 'review_year'") == [("2022",)]
            box.value = "2023"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, DepartmentsScreen)
            assert raw(db, "SELECT value FROM meta WHERE key = 'review_year'") == [("2023",)]
            assert "评估年份 2023" in app.title
            assert "评估年份 2023" in text_of(app.screen, "#dep-status")
            await pilot.press("y")
            app.screen.query_one("#f-review_year", Input).value = ""
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert raw(db, "SELECT value FROM meta WHERE key = 'review_year'") == []
            assert "评估年份" not in app.title

    run(body())


@pytest.mark.parametrize(("lang", "department", "other"), [
    ("en", "City Development and Reform Bureau", "市发展和改革局"),
    ("zh", "市发展和改革局", "City Development and Reform Bureau"),
])
def test_the_plan_and_indicator_screens_name_the_department_in_the_ui_language(
        db: Path, lang: str, department: str, other: str) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            plan = app.screen
            assert isinstance(plan, PlanScreen)
            plan.show_district("openness")
            plan.current_table().move_to(URBAN)
            await pilot.pause()
            detail = text_of(plan, "#row-detail")
            assert department in detail and other not in detail
            app.push_screen(IndicatorScreen(URBAN))
            for _ in range(100):
                if isinstance(app.screen, IndicatorScreen):
                    break
                await pilot.pause(0.05)
            await pilot.pause()
            head = text_of(app.screen, "#ind-head")
            assert department in head and other not in head
            # the year it owes, and the department that owes it
            owed = text_of(app.screen, "#ind-status")
            assert "2022" in owed and department in owed and other not in owed

    run(body())


def test_the_new_department_form_labels_read_as_every_other_form(db: Path) -> None:
    # "name (zh)", "contact": lower case, and the language as a code
    async def body() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("5")
            await screen_up(pilot, DepartmentsScreen)
            await pilot.press("a")
            dialog = await screen_up(pilot, DepartmentDialog, "#f-name_zh")
            labels = [str(label.render()) for label in dialog.query(".field-label")]
            assert labels == ["Name in Chinese", "Name in English", "Contact"], labels

    run(body())
