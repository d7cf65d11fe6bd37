"""Voiding and revising a value on the indicator screen (d, r), and a value shown as it
will be stored while it is typed, with a warning when it looks a 万 off. Driven with
Pilot on a real database file, which is checked afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from tests.conftest import raw
from tests.functional.test_ui import app_for, at_urban, run_async, text_of
from tracker.models import Indicator, Measurement
from tracker.numbers import scale_gap
from tracker.store import Store
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.measurement import MeasurementDialog
from tracker.ui.dialogs.value_check import references
from tracker.ui.dialogs.void import ReviseDialog, VoidDialog
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.plan import PlanScreen
from tracker.ui.widgets.tables import ViTable

SIZE = (120, 36)
URBAN = "openness-urbanisation-rate"  # baseline 73.23 % (2020)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Urbanisation aimed at 78 % in 2025, with 75 (2022, #1) and a mistyped 2023 (#2)."""
    path = tmp_path / "ui.db"
    with Store(path, actor="seed") as s:
        s.update_indicator(URBAN, {"target_value": 78, "target_year": 2025})
        s.add_measurement(Measurement(indicator=URBAN, year=2022, value=75))
        s.add_measurement(Measurement(indicator=URBAN, year=2023, value=0.0076))
    return path


async def until(pilot: Any, kind: type) -> Any:
    """Wait until a screen of this kind is on top (keys typed sooner can be lost)."""
    for _ in range(100):
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
        await pilot.pause(0.05)
    raise AssertionError(f"{kind.__name__} never opened; {pilot.app.screen} is on top")


async def at_indicator(pilot: Any) -> IndicatorScreen:
    await at_urban(pilot)
    await pilot.press("enter")
    return await until(pilot, IndicatorScreen)


def cached(db: Path) -> tuple:
    return raw(db, "SELECT latest_year, latest_value, latest_quality FROM indicator_status"
                   " WHERE indicator = ?", (URBAN,))[0]


def statuses(screen: IndicatorScreen) -> list[str]:
    table = screen.query_one("#history", ViTable)
    return [str(table.get_row_at(i)[3]) for i in range(table.row_count)]


@run_async
async def test_d_voids_the_value_under_the_cursor(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_indicator(pilot)
        # newest first: the cursor is on the mistyped 2023 value
        assert screen.current_value().value.id == 2
        assert not screen.query_one("#value-detail", Static).display
        await pilot.press("d")
        dialog = await until(pilot, VoidDialog)
        assert "Value #2: 2023 = 0.0076 %" in str(dialog.query_one(".hint", Static).render())
        # the reason is required, and said under its field
        await pilot.press("ctrl+s")
        assert app.screen is dialog
        assert text_of(dialog, "#e-reason") == "required"
        await pilot.press(*"decimal point slipped")
        await pilot.press("ctrl+s")
        assert app.screen is screen
        assert statuses(screen) == ["voided", "counts"]
        # under a voided value: who voided it, when and why
        assert screen.query_one("#value-detail", Static).display
        detail = text_of(screen, "#value-detail")
        assert detail.startswith("Value #2: 2023 = 0.0076 %  voided by tester at")
        assert detail.endswith(": decimal point slipped")
        # a voided value is not voided or revised again
        for key in ("d", "r"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
        # the plan reads the value in force at once
        await pilot.press("escape")
        plan = await until(pilot, PlanScreen)
        assert "latest 75 % (2022)" in text_of(plan, "#row-detail")
    assert raw(db, "SELECT id, voided_by, void_reason FROM measurements ORDER BY id") == [
        (1, None, None), (2, "tester", "decimal point slipped")]
    assert cached(db) == (2022, 75.0, "final")
    [(action, actor)] = raw(db, "SELECT action, actor FROM audit WHERE action = 'void'")
    assert actor == "tester"


@run_async
async def test_a_value_voided_meanwhile_is_said_and_not_voided_again(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await at_indicator(pilot)
        await pilot.press("r")
        dialog = await until(pilot, ReviseDialog)
        with Store(db, actor="other") as s:
            s.void_value(URBAN, 2, "their reason")
        await pilot.press(*"0.76", "tab", *"mine")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        error = text_of(dialog, "#form-error")
        assert "already voided by other" in error and "their reason" in error
        assert "ctrl+r" not in error
        await pilot.press("escape")
    assert raw(db, "SELECT id, voided_by, void_reason FROM measurements ORDER BY id") == [
        (1, None, None), (2, "other", "their reason")]


@run_async
async def test_esc_leaves_the_value_as_it_was(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_indicator(pilot)
        await pilot.press("d")
        await until(pilot, VoidDialog)
        await pilot.press(*"why", "escape")
        await until(pilot, IndicatorScreen)
        assert statuses(screen) == ["counts", "counts"]
    assert raw(db, "SELECT count(*) FROM measurements WHERE voided_at IS NOT NULL") == [(0,)]


@run_async
async def test_r_revises_the_value_under_the_cursor(db: Path) -> None:
    app = app_for(db, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_indicator(pilot)
        await pilot.press("j")  # the 2022 value
        assert screen.current_value().value.id == 1
        await pilot.press("r")
        dialog = await until(pilot, ReviseDialog)
        await pilot.press(*"75.4")
        assert text_of(dialog, "#p-value") == "= 75.4 %"
        await pilot.press("tab", *"统计局修订")
        await pilot.press("ctrl+s")
        await until(pilot, IndicatorScreen)
        assert statuses(screen) == ["有效", "有效", "已作废"]
    assert raw(db, "SELECT id, year, value, quality, void_reason FROM measurements"
                   " ORDER BY id") == [(1, 2022, 75.0, "final", "统计局修订"),
                                       (2, 2023, 0.0076, "final", None),
                                       (3, 2022, 75.4, "revised", None)]
    assert raw(db, "SELECT action FROM audit WHERE action = 'revise'") == [("revise",)]


@run_async
async def test_a_value_is_shown_as_stored_and_a_wan_slip_asks_first(db: Path) -> None:
    with Store(db, actor="seed") as s:
        s.void_value(URBAN, 2, "typo")  # the latest value in force is 75 (2022)
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_indicator(pilot)
        await pilot.press("a")
        dialog = await until(pilot, MeasurementDialog)
        await pilot.press(*"2024", "tab", *"0.76万")
        preview = text_of(dialog, "#p-value")
        assert preview.splitlines() == [
            "= 7,600 %",
            "that is 101 times the latest value (75 %): did you add or drop a 万?"]
        # saving asks once more; No leaves the form as it was, and nothing written
        await pilot.press("ctrl+s")
        confirm = await until(pilot, ConfirmDialog)
        assert "7,600 % is 101 times the latest value (75 %)" in text_of(confirm,
                                                                         "#confirm-text")
        await pilot.press("n")
        assert await until(pilot, MeasurementDialog) is dialog
        assert raw(db, "SELECT count(*) FROM measurements") == [(2,)]
        # a value in the indicator's range is saved without a question
        dialog.query_one("#f-value", Input).value = "76"
        await pilot.pause()
        assert text_of(dialog, "#p-value") == "= 76 %"
        await pilot.press("ctrl+s")
        await until(pilot, IndicatorScreen)
        # and one far off is saved when the planner says so
        await pilot.press("a")
        dialog = await until(pilot, MeasurementDialog)
        await pilot.press(*"2025", "tab", *"0.0076")
        assert "1/10,000 of the latest value (76 %)" in text_of(dialog, "#p-value")
        await pilot.press("ctrl+s")
        await until(pilot, ConfirmDialog)
        await pilot.press("y")
        await until(pilot, IndicatorScreen)
        assert screen.current_value() is not None
    assert raw(db, "SELECT year, value FROM measurements WHERE voided_at IS NULL"
                   " ORDER BY id") == [(2022, 75.0), (2024, 76.0), (2025, 0.0076)]


@run_async
async def test_the_preview_in_chinese_for_a_unit_of_yi(tmp_path: Path) -> None:
    path = tmp_path / "yi.db"
    with Store(path, actor="seed") as s:
        s.add_measurement(Measurement(indicator="industry-soup-output", year=2021, value=1.5))
    app = app_for(path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.current_table().move_to("industry-soup-output")
        await pilot.pause()
        await pilot.press("a")
        dialog = await until(pilot, MeasurementDialog)
        await pilot.press(*"2022", "tab", *"1.62万")
        assert text_of(dialog, "#p-value").splitlines() == [
            "= 0.000162 亿元", "是最新值（1.5 亿元）的 9,259 分之一：是否多输或少输了“万”？"]
        # a superscript is no digit: refused under the field, and nothing is previewed
        dialog.query_one("#f-value", Input).value = "10²"
        await pilot.pause()
        assert "10²" in text_of(dialog, "#e-value")
        assert not dialog.query_one("#p-value", Static).display
        await pilot.press("escape")
    assert raw(path, "SELECT count(*) FROM measurements") == [(1,)]


# -- what a typed value is compared with ---------------------------------------------------


def test_a_value_is_far_only_from_every_figure_it_is_checked_against() -> None:
    assert scale_gap(16200, [("latest", 1.62)]).ratio == pytest.approx(10_000)
    assert scale_gap(0.000162, [("latest", 1.5), ("baseline", 1.2)]).name == "latest"
    # a hundred times is still near; zeros and no figures compare with nothing
    assert scale_gap(100, [("latest", 1)]) is None
    assert scale_gap(-150, [("latest", 1)]).ratio == 150
    assert scale_gap(0, [("latest", 1)]) is None
    assert scale_gap(5, [("latest", 0)]) is None and scale_gap(5, []) is None
    # near the baseline, far from a mistyped latest value: no warning
    assert scale_gap(1.6, [("latest", 0.000162), ("baseline", 1.2)]) is None


def test_rates_are_not_compared_with_a_level() -> None:
    ind = Indicator(id="gdp", district="industry", name_zh="地区生产总值", name_en="GDP",
                    unit="亿元", target_type="growth_rate", values_as="rate",
                    baseline_value=900, baseline_year=2020, target_value=7, target_year=2025)
    values = [Measurement(id=1, indicator="gdp", year=2021, value=6.5),
              Measurement(id=2, indicator="gdp", year=2022, value=7.1)]
    assert references(ind, values) == [("latest", 7.1)]
    assert references(ind, values, leave_out=2) == [("latest", 6.5)]
    level = ind.model_copy(update={"values_as": None})
    assert references(level, []) == [("baseline", 900)]
