"""Screen snapshots (pytest-textual-snapshot) of the main screens at 120x36.

Deterministic: a fresh seeded database with fixed content, a fixed clock for the values'
recorded time, no notifications on screen. Regenerate after a deliberate change with
`pytest tests/functional/test_ui_snapshots.py --snapshot-update` and review the SVGs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

import tracker.store.connection
from tests.functional.waiting import screen_up
from tracker.models import Measurement
from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.dialogs.target import TargetDialog
from tracker.ui.screens.plan import PlanScreen

SIZE = (120, 36)
URBAN = "openness-urbanisation-rate"


class _FixedClock(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
        return datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeded plan, with a target and two values for the urbanisation rate."""
    monkeypatch.setattr(tracker.store.connection, "datetime", _FixedClock)
    path = tmp_path / "ui.db"
    with Store(path, actor="planner") as s:
        s.update_indicator(URBAN, {"target_value": 78, "target_year": 2025})
        s.add_measurement(Measurement(indicator=URBAN, year=2021, value=74.1, source="统计公报"))
        s.add_measurement(
            Measurement(indicator=URBAN, year=2022, value=75.0, quality="provisional")
        )
        s.add_measurement(Measurement(indicator=URBAN, year=2022, value=75.3, quality="revised"))
        road = "openness-road-length"
        s.update_indicator(road, {"target_value": 2300, "target_year": 2025})
        s.add_measurement(Measurement(indicator=road, year=2022, value=1900))
    return path


async def at_urban(pilot: Any) -> None:
    # the auto-pilot starts before the first screen is mounted and has drawn its rows
    screen = await screen_up(pilot, PlanScreen, "IndicatorTable", ready=lambda s: s.ready)
    screen.show_district("openness")
    assert screen.current_table().move_to(URBAN)
    await pilot.pause()


def test_plan_screen(db: Path, snap_compare: Any) -> None:
    app = create_app(db, actor="tester", lang="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=at_urban)


def test_achievements_with_a_flagged_figure(db: Path, snap_compare: Any) -> None:
    async def flagged(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("2", "f")
        await pilot.press("j")  # the second flagged figure: 1661 km of expressway, to check

    app = create_app(db, actor="tester", lang="zh")
    assert snap_compare(app, terminal_size=SIZE, run_before=flagged)


def test_indicator_detail(db: Path, snap_compare: Any) -> None:
    async def detail(pilot: Any) -> None:
        await at_urban(pilot)
        await pilot.press("enter")

    app = create_app(db, actor="tester", lang="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=detail)


def test_target_form_with_an_error(db: Path, snap_compare: Any) -> None:
    async def bad_value(pilot: Any) -> None:
        await at_urban(pilot)
        await pilot.press("e")
        await screen_up(pilot, TargetDialog, "#f-target_value")
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor is not a stable picture
        pilot.app.screen.query_one("#f-target_value", Input).value = "7八"
        await pilot.pause()

    app = create_app(db, actor="tester", lang="zh")
    assert snap_compare(app, terminal_size=SIZE, run_before=bad_value)


@pytest.mark.parametrize("lang", ["zh", "en"])
class TestAtEightyByTwentyFour:
    """The smallest terminal a planner uses: names stay readable, the footer whole."""

    size = (80, 24)

    def test_plan(self, db: Path, snap_compare: Any, lang: str) -> None:
        """The plan's rows: the name, the latest value with its unit, the verdicts."""
        app = create_app(db, actor="tester", lang=lang)
        assert snap_compare(app, terminal_size=self.size, run_before=at_urban)

    def test_indicator(self, db: Path, snap_compare: Any, lang: str) -> None:
        """One indicator: its values, its target and the chart."""

        async def detail(pilot: Any) -> None:
            await at_urban(pilot)
            await pilot.press("enter")

        app = create_app(db, actor="tester", lang=lang)
        assert snap_compare(app, terminal_size=self.size, run_before=detail)

    def test_audit_log(self, db: Path, snap_compare: Any, lang: str) -> None:
        """The audit log: who changed what, with the fields named in the UI language."""

        async def audit(pilot: Any) -> None:
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()

        app = create_app(db, actor="tester", lang=lang)
        assert snap_compare(app, terminal_size=self.size, run_before=audit)

    def test_departments(self, db: Path, snap_compare: Any, lang: str) -> None:
        """Who answers for what: each department's indicators and what it still owes."""

        async def departments(pilot: Any) -> None:
            await pilot.pause()
            await pilot.press("5")
            await pilot.pause()

        app = create_app(db, actor="tester", lang=lang)
        assert snap_compare(app, terminal_size=self.size, run_before=departments)
