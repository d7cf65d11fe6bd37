"""The plan screen at a province's scale: a generated plan of 3,000 indicators.

The table is virtual: it must only ever ask the store for windows of rows, reach the
last row with G, search the whole plan with / through SQL, and take the summary counts
from SQL. A spy
around the real store records what the screen asks for (the store still answers).
"""

from __future__ import annotations

import asyncio
import functools
import random
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

import tracker.ui.screens.plan as plan_module
from bench.generate import indicators, values
from tests.functional.test_ui_plan_search import open_search
from tests.functional.waiting import screen_up, until
from tracker import status as report_status
from tracker.i18n.verdicts import verdict_label
from tracker.models import Measurement
from tracker.store import Store
from tracker.ui.app import TrackerApp, create_app
from tracker.ui.dialogs.plan_search import PlanSearchDialog
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.plan import PlanScreen
from tracker.ui.widgets.tables import IndicatorTable

N = 3_000
DISTRICT_IDS = ("industry", "culture", "ecology", "openness", "wellbeing")
SIZE = (120, 36)
WINDOW = 200
REAL_STATES = Store.indicator_states  # what the tests ask, apart from the spy


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


@pytest.fixture(scope="session")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded plan plus N generated indicators, three values each (built once)."""
    path = tmp_path_factory.mktemp("scale") / "plan.db"
    rng = random.Random(7)
    inds = indicators(N, rng)
    with Store(path, actor="bench") as store:
        for start in range(0, N, 1_000):
            chunk = inds[start : start + 1_000]
            ms = [m for ind in chunk for m in values(ind, rng)[-3:]]
            store.import_batch(chunk, [], ms, f"scale {start}")
    return path


@pytest.fixture
def db(big_plan: Path, tmp_path: Path) -> Path:
    path = tmp_path / "plan.db"
    shutil.copy(big_plan, path)
    return path


@pytest.fixture
def fetches(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int, int | None]]:
    """Every window the UI asks the store for: (district, search, offset, limit)."""
    calls: list[tuple[str, str, int, int | None]] = []
    real = REAL_STATES

    def spy(self: Store, district: Any = None, search: str = "", offset: int = 0,
            limit: int | None = None) -> Any:
        calls.append((district, search, offset, limit))
        return real(self, district, search, offset, limit)

    monkeypatch.setattr(Store, "indicator_states", spy)

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the plan screen must not read every indicator's values")

    monkeypatch.setattr(report_status, "statuses", never)
    real_values = Store.measurements

    def one_indicator(self: Store, indicator_id: str | None = None) -> Any:
        assert indicator_id is not None, "every value of every indicator read"
        return real_values(self, indicator_id)

    monkeypatch.setattr(Store, "measurements", one_indicator)
    return calls


def expected(db: Path, district: str | None, search: str = "") -> list[str]:
    with Store(db, actor="other") as s:
        return [st.indicator.id for st in REAL_STATES(s, district, search)]


def app_for(db: Path) -> TrackerApp:
    return create_app(db, actor="tester", lang="en")


def plan(app: TrackerApp) -> PlanScreen:
    assert isinstance(app.screen, PlanScreen), app.screen
    return app.screen


def table_keys(table: IndicatorTable) -> list[str]:
    return [table.row_at(i).indicator.id for i in range(table.row_count)]  # type: ignore[union-attr]


async def ready(pilot: Any) -> PlanScreen:
    return await screen_up(pilot, PlanScreen, ready=lambda screen: screen.ready)


def assert_windows(fetches: list[tuple[str, str, int, int | None]]) -> None:
    assert fetches, "the table asked the store for no rows"
    for district, _, _, limit in fetches:
        assert district is not None, "a fetch across every district"
        assert limit is not None and 0 < limit <= WINDOW, f"a fetch of {limit} rows"


@run_async
async def test_rows_come_a_window_at_a_time_and_g_reaches_the_end(db: Path, fetches: list) -> None:
    industry = expected(db, "industry")
    assert len(industry) > 3 * WINDOW
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.current_table()
        assert table.row_count == len(industry)
        assert table.current_key == industry[0]
        await pilot.press("G")
        assert table.current_key == industry[-1]
        assert table.cursor_row == len(industry) - 1 and table.is_row_visible(table.cursor_row)
        await until(pilot, lambda: industry[-1] in str(
            screen.query_one("#row-detail", Static).render()), "the last row's detail")
        assert industry[-1] in str(screen.query_one("#row-detail", Static).render())
        await pilot.press("g", "j", "j")
        assert table.current_key == industry[2]
        await pilot.press("pagedown")
        page = table.cursor_row
        assert page > 2 and table.current_key == industry[page]
        await pilot.press("k")
        assert table.current_key == industry[page - 1]
        # another district, and the last one wraps round to the first
        await pilot.press("l", "G")
        culture = expected(db, "culture")
        assert screen.current_district() == "culture" and table is not screen.current_table()
        assert screen.current_indicator_id() == culture[-1]
        await pilot.press("enter")
        assert isinstance(app.screen, IndicatorScreen)
        await pilot.press("escape")
        assert app.screen is screen
    assert_windows(fetches)
    # never the whole district at once: far fewer rows asked for than there are
    assert sum(limit for d, _, _, limit in fetches if d == "industry") < len(industry)


@run_async
async def test_search_of_the_whole_plan_comes_through_sql_a_window_at_a_time(
        db: Path, fetches: list) -> None:
    query = "g0029"  # the generated ids g002900 … g002999: 20 of them in each district
    matches = expected(db, None, query)
    assert len({m.split("-")[0] for m in matches}) > 1 and len(matches) < N // 10
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        dialog = await open_search(pilot)
        assert isinstance(dialog, PlanSearchDialog)
        box = dialog.query_one("#search-box", Input)
        assert app.focused is box
        hits = dialog.hits
        await pilot.press(*query)  # typed into the box: g and j do not move the hits
        assert hits.search == query
        assert hits.row_count == len(matches)
        await until(pilot, lambda: f"{len(matches)} indicators found" in str(
            dialog.query_one("#search-count", Static).render()), "the count")
        assert f"{len(matches)} indicators found in the whole plan" in str(
            dialog.query_one("#search-count", Static).render())
        # PgDn from the box goes down the hits; the last is in the last district
        for _ in range(len(matches) // 5):
            await pilot.press("pagedown")
        assert hits.current_key == matches[-1]
        await pilot.press("enter")
        assert app.screen is screen
        assert screen.current_indicator_id() == matches[-1]
        assert screen.current_district() == "wellbeing"
        # Chinese arrives from an input method as text; a word that matches nothing
        dialog = await open_search(pilot)
        assert isinstance(dialog, PlanSearchDialog)
        box = dialog.query_one("#search-box", Input)
        assert box.value == query  # the last search, offered again
        box.value = "生成指标002995"
        await until(pilot, lambda: dialog.hits.search == box.value, "the search")
        found = [dialog.hits.row_at(i) for i in range(dialog.hits.row_count)]
        assert [st.indicator.id for st in found if st] == expected(db, None, "生成指标002995")
        box.value = "no such indicator"
        await until(pilot, lambda: dialog.hits.search == box.value, "the search")
        assert dialog.hits.row_count == 0 and dialog.hits.current_key is None
        assert str(dialog.query_one("#search-detail", Static).render()) == ""
        await pilot.press("escape")
        assert app.screen is screen and screen.current_indicator_id() == matches[-1]
    for _, _, _, limit in fetches:
        assert limit is not None and 0 < limit <= WINDOW, f"a fetch of {limit} rows"


def summary_of(screen: PlanScreen, district: str) -> str:
    return str(screen.query_one(f"#summary-{district}", Static).render())


def assert_summaries(screen: PlanScreen, db: Path) -> None:
    with Store(db, actor="other") as s:
        counts = s.verdict_counts()
    for district, by_kind in counts.items():
        text = summary_of(screen, district)
        n = sum(by_kind["schedule"].values())
        assert text.startswith(f"{n} indicators"), text
        for kind in ("schedule", "growth"):
            for verdict, k in by_kind[kind].items():
                assert f"{verdict_label(verdict, 'en')} {k}" in text, (verdict, text)


@run_async
async def test_summary_counts_are_the_stores(db: Path, fetches: list) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        # each tab's line is written as its counts arrive, which a loaded machine delays
        await until(pilot, lambda: all(summary_of(screen, d).strip() for d in DISTRICT_IDS),
                    "every district's counts")
        assert_summaries(screen, db)


@run_async
async def test_summary_counts_from_a_worker_when_large(
    db: Path, fetches: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_module, "COUNT_IN_THREAD", 1_000)
    app = app_for(db)

    async def counted(screen: PlanScreen) -> None:
        def shown(district: str) -> bool:
            summary = summary_of(screen, district)
            return bool(summary.strip()) and "Counting" not in summary

        await until(pilot, lambda: not screen.counting and all(map(shown, DISTRICT_IDS)),
                    "the counts")

    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await counted(screen)
        assert_summaries(screen, db)
        # counting again opens no new connection: the live view sees no "commit"
        version = app.store.data_version()
        screen.load_counts()
        await counted(screen)
        assert app.store.data_version() == version
        assert_summaries(screen, db)


@run_async
async def test_refresh_data_keeps_the_cursor_on_its_indicator(db: Path, fetches: list) -> None:
    industry = expected(db, "industry")
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.current_table()
        await pilot.press("G", "k", "k")
        here = industry[-3]
        assert table.current_key == here
        with Store(db, actor="other") as s:  # another planner commits meanwhile
            before = REAL_STATES(s, "industry", here)[0].schedule_verdict
            ind = s.indicator(here)
            s.add_measurement(Measurement(indicator=here, year=2026, value=ind.target_value))
            gone = industry[0]
            s.retire_indicator(gone)  # a row above the cursor leaves the list
        screen.refresh_data()
        await pilot.pause()
        assert table.row_count == len(industry) - 1
        assert table.current_key == here and table.cursor_row == len(industry) - 4
        assert table.row_at(0).indicator.id == industry[1]  # type: ignore[union-attr]
        cell = str(table.get_cell(here, "col_schedule"))
        assert cell == verdict_label("achieved", "en") != before
        assert_summaries(screen, db)
        # the indicator under the cursor itself leaves: the cursor stays where it was
        with Store(db, actor="other") as s:
            s.retire_indicator(here)
        screen.refresh_data()
        await pilot.pause()
        assert table.cursor_row == len(industry) - 4
        assert table.current_key == industry[-2]
    assert_windows(fetches)
