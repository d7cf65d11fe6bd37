"""The key bar at 80x24, the smallest terminal a planner works in: every key a screen
offers is on the screen, in both languages, not run off its right edge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets._footer import FooterKey, FooterLabel

from tests.functional.test_ui import run_async
from tests.functional.waiting import screen_up, until
from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.screens.achievements import AchievementsScreen
from tracker.ui.screens.audit import AuditScreen
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.screens.departments import DepartmentsScreen
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.plan import PlanScreen
from tracker.ui.screens.review import ReviewScreen
from tracker.ui.screens.snapshots import SnapshotsScreen
from tracker.ui.widgets.key_footer import KeyFooter

SMALL = (80, 24)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ui.db"
    Store(path, actor="seed").close()
    return path


def off_screen(screen: TrackerScreen) -> list[str]:
    """What of the footer is not wholly on the screen (its keys and group labels)."""
    width, height = screen.app.size
    parts: list[Widget] = [*screen.query(FooterKey), *screen.query(FooterLabel)]
    return [str(part.render()) for part in parts
            if part.region.width == 0 or part.region.right > width
            or part.region.bottom > height]


def offered(screen: TrackerScreen) -> set[str]:
    return {b.action for (_, b, _, _) in screen.active_bindings.values() if b.show}


def in_footer(screen: TrackerScreen) -> set[str]:
    return {key.action for key in screen.query_one(KeyFooter).query(FooterKey)}


async def footer_drawn(pilot: Any, screen: TrackerScreen) -> None:
    await until(pilot, lambda: in_footer(screen) == offered(screen), "the footer's keys")
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "zh"])
@run_async
async def test_every_key_of_a_screen_is_on_the_screen_at_80_columns(db: Path, lang: str) -> None:
    app = create_app(db, actor="tester", lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        plan = await screen_up(pilot, PlanScreen)
        await footer_drawn(pilot, plan)
        assert off_screen(plan) == []
        await pilot.press("enter")
        indicator = await screen_up(pilot, IndicatorScreen, "#history")
        await footer_drawn(pilot, indicator)
        assert {"export", "app.help"} <= in_footer(indicator)
        assert off_screen(indicator) == []
        await pilot.press("escape")
        await screen_up(pilot, PlanScreen)
        for key, kind in (("2", AchievementsScreen), ("3", SnapshotsScreen),
                          ("4", AuditScreen), ("5", DepartmentsScreen), ("6", ReviewScreen)):
            await pilot.press(key)
            screen = await screen_up(pilot, kind)
            await footer_drawn(pilot, screen)
            assert off_screen(screen) == [], kind.__name__
