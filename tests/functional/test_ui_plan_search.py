"""Searching the whole plan from the plan screen (/), driven with Pilot on the seeded
plan: a search from one district finds what another holds, each hit names its district,
and Enter shows the indicator selected in its district."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from tests.conftest import raw
from tests.functional.waiting import screen_up, until
from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.dialogs.plan_search import PlanSearchDialog
from tracker.ui.screens.plan import PlanScreen

SIZE = (80, 24)
JOBS = "wellbeing-new-urban-jobs"
FOREST = "ecology-forest-coverage"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "search.db"
    with Store(path, actor="planner") as s:
        s.add_department("市大数据发展管理局", "Big Data Bureau")
        s.update_indicator(FOREST, {"department": "市大数据发展管理局"})
    return path


async def plan_screen(pilot: Any) -> PlanScreen:
    return await screen_up(pilot, PlanScreen, ready=lambda screen: screen.ready)


async def open_search(pilot: Any) -> PlanSearchDialog:
    """The search dialog, once its box has the keys: what is typed before is lost."""
    await pilot.press("slash")
    return await screen_up(pilot, PlanSearchDialog, "#search-box",
                           ready=lambda dialog: dialog.query_one("#search-box").has_focus)


def hits_of(dialog: PlanSearchDialog) -> list[tuple[str, str]]:
    rows = [dialog.hits.row_at(i) for i in range(dialog.hits.row_count)]
    return [(st.indicator.district, st.indicator.id) for st in rows if st is not None]


def painted(dialog: PlanSearchDialog) -> str:
    """What the hits table shows, line by line (its header first)."""
    hits = dialog.hits
    return "\n".join(hits.render_line(y).text for y in range(hits.row_count + 1))


def test_a_search_from_one_district_finds_what_another_holds(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            plan = await plan_screen(pilot)
            assert plan.current_district() == "industry"
            dialog = await open_search(pilot)
            assert app.focused is dialog.query_one("#search-box", Input)
            await pilot.press(*"就业")
            await until(pilot, lambda: dialog.hits.search == "就业", "the search")
            found = raw(db, "SELECT district, id FROM indicators WHERE retired = 0 AND"
                            " (name_zh LIKE '%就业%' OR name_en LIKE '%就业%')")
            assert hits_of(dialog) == found == [("wellbeing", JOBS)]
            # the hit names its district, and the count says the whole plan was searched
            assert "幸福新区" in painted(dialog)
            assert "全部新区共找到 1 项" in str(dialog.query_one("#search-count",
                                                                 Static).render())
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is plan, "back on the plan")
            assert app.screen is plan
            assert plan.current_district() == "wellbeing"
            assert plan.current_indicator_id() == JOBS
            assert app.focused is plan.current_table()
            assert "城镇新增就业" in str(plan.query_one("#row-detail", Static).render())

    asyncio.run(body())


def test_ids_departments_and_english_names_are_searched(db: Path) -> None:
    async def body() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            plan = await plan_screen(pilot)
            dialog = await open_search(pilot)
            box = dialog.query_one("#search-box", Input)
            # a department in Chinese: every indicator it answers for, in the plan's order
            box.value = "市文体广电旅游局"
            await until(pilot, lambda: dialog.hits.search == box.value, "the search")
            assert hits_of(dialog) == raw(
                db, "SELECT i.district, i.id FROM indicators i JOIN districts d"
                    " ON d.id = i.district WHERE i.retired = 0 AND i.department = ?"
                    " ORDER BY d.position, i.position", ("市文体广电旅游局",))
            assert len(hits_of(dialog)) > 1
            # a department by its English name, and an id
            box.value = "big data"
            await until(pilot, lambda: dialog.hits.search == box.value, "the search")
            assert hits_of(dialog) == [("ecology", FOREST)]
            # the English UI names the department in English
            shown = painted(dialog)
            assert "Big Data Bureau" in shown and "市大数据发展管理局" not in shown
            box.value = "urbanisation-rate"
            await until(pilot, lambda: dialog.hits.search == box.value, "the search")
            assert hits_of(dialog) == [("openness", "openness-urbanisation-rate")]
            # an English name, two words in either order; ↓ chooses the second hit
            box.value = "jobs urban"
            await until(pilot, lambda: dialog.hits.search == box.value, "the search")
            assert hits_of(dialog) == [("wellbeing", JOBS)]
            box.value = "rate"
            await until(pilot, lambda: dialog.hits.search == box.value, "the search")
            several = hits_of(dialog)
            assert len({d for d, _ in several}) > 1
            await pilot.press("down")
            assert dialog.hits.current_key == several[1][1]
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is plan, "back on the plan")
            assert app.screen is plan
            assert (plan.current_district(), plan.current_indicator_id()) == several[1]
            # Esc closes without moving; nothing found says so
            dialog = await open_search(pilot)
            box = dialog.query_one("#search-box", Input)
            box.value = "no such thing"
            await until(pilot, lambda: dialog.hits.search == box.value, "the search")
            assert dialog.hits.row_count == 0
            assert "Nothing in any district matches" in str(
                dialog.query_one("#search-count", Static).render())
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is plan, "back on the plan")
            assert app.screen is plan
            assert (plan.current_district(), plan.current_indicator_id()) == several[1]

    asyncio.run(body())
