"""Many planners, one database: another planner's change appears in an open UI without a
restart, and a save that comes second is refused with who came first and a way to reload.

"Another planner" is a second Store on the same file — another SQLite connection, which
is what the app's poll of PRAGMA data_version notices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static

from tests.functional.test_ui import URBAN, run_async
from tracker.models import Measurement
from tracker.store import Store
from tracker.ui.app import POLL_SECONDS, TrackerApp, create_app
from tracker.ui.dialogs.target import TargetDialog
from tracker.ui.screens.achievements import AchievementsScreen
from tracker.ui.screens.audit import AuditScreen
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.plan import PlanScreen
from tracker.ui.widgets.tables import FigureTable

SIZE = (120, 36)
WAIT = POLL_SECONDS + 0.5
JOBS = "jobs-new-urban-jobs"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ui.db"
    with Store(path, actor="seed") as s:
        s.update_indicator(URBAN, {"target_value": 78, "target_year": 2025})
    return path


def app_for(db: Path) -> TrackerApp:
    return create_app(db, actor="tester", lang="en")


def other(db: Path) -> Store:
    return Store(db, actor="other")


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


@run_async
async def test_another_planners_changes_appear_on_open_screens(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await app.open_indicator(app.store.indicator(URBAN))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IndicatorScreen)
        assert "no data" in text_of(screen, "#ind-status")
        with other(db) as s:
            s.add_measurement(Measurement(indicator=URBAN, year=2022, value=75.0))
        await pilot.pause(WAIT)
        assert [r[0] for r in rows(screen.query_one("#history", DataTable))] == ["2022"]
        assert "on schedule" in text_of(screen, "#ind-status")  # the README's worked example
        # the achievements: a flag another planner adds appears, the cursor stays
        await pilot.press("2")
        figures = app.screen
        assert isinstance(figures, AchievementsScreen)
        table = figures.query_one(FigureTable)
        table.move_to("poverty-population")
        await pilot.pause()
        with other(db) as s:
            s.add_flag("poverty-population", "check the 万")
        await pilot.pause(WAIT)
        assert table.current_key == "poverty-population"
        assert "check the 万" in text_of(figures, "#figure-text")
        # the audit log: the newest on top, with who made it
        await pilot.press("4")
        log = app.screen
        assert isinstance(log, AuditScreen)
        with other(db) as s:
            s.update_indicator(URBAN, {"target_value": 80})
        await pilot.pause(WAIT)
        top = rows(log.query_one(DataTable))[0]
        assert top[1:5] == ["other", "update", "indicator", URBAN], top


@run_async
async def test_the_plan_shows_another_planners_value(db: Path) -> None:
    if not hasattr(PlanScreen, "refresh_data"):
        pytest.skip("PlanScreen.refresh_data is not there yet (the plan screen's own work)")
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        plan.show_district("openness")
        await pilot.pause()
        with other(db) as s:
            s.add_measurement(Measurement(indicator=URBAN, year=2022, value=75.0))
        await pilot.pause(WAIT)
        plan.current_table().move_to(URBAN)
        await pilot.pause()
        assert "75 (2022)" in text_of(plan, "#row-detail") or "75 %" in text_of(plan, "#row-detail")


@run_async
async def test_a_conflict_says_who_and_reload_shows_their_values(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await app.open_indicator(app.store.indicator(URBAN))
        await pilot.pause()
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, TargetDialog)
        dialog.query_one("#f-target_value", Input).value = "79"
        await pilot.pause()
        with other(db) as s:
            s.update_indicator(URBAN, {"target_value": 80})
        await pilot.pause(WAIT)  # the open form is told at once
        assert "other changed this indicator" in text_of(dialog, "#form-warning")
        await pilot.press("ctrl+s")
        assert app.screen is dialog
        error = text_of(dialog, "#form-error")
        assert "changed by other" in error and "ctrl+r" in error, error
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert dialog.query_one("#f-target_value", Input).value == "80"
        # what the planner had typed stays in sight, to apply again
        warning = text_of(dialog, "#form-warning")
        assert "Reloaded" in warning and "You had typed: Target value (%) 79" in warning, warning
        dialog.query_one("#f-target_value", Input).value = "81"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, TargetDialog)
    with other(db) as s:
        assert s.indicator(URBAN).target_value == 81
        assert s.audit(entity="indicator", entity_id=URBAN, limit=1)[0].actor == "tester"
