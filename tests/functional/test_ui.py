"""The terminal UI, driven with Textual's Pilot on a real database file.

Each test drives a planner's flow with keys and checks what the database holds after.
Textual takes a few tenths of a second per screen, so one test walks a whole flow.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList
from textual.widgets import Input, Static, TabbedContent

from tests.functional.waiting import screen_up
from tracker import status as report_status
from tracker.models import Measurement
from tracker.store import Store
from tracker.ui.app import TrackerApp, create_app
from tracker.ui.dialogs.baseline import BaselineDialog
from tracker.ui.dialogs.help import HelpScreen
from tracker.ui.dialogs.measurement import MeasurementDialog
from tracker.ui.dialogs.new_indicator import NewIndicatorDialog
from tracker.ui.dialogs.target import TargetDialog
from tracker.ui.screens.achievements import AchievementsScreen
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.plan import PlanScreen
from tracker.ui.widgets.tables import FigureTable, IndicatorTable

SIZE = (120, 36)
URBAN = "openness-urbanisation-rate"  # the README's worked example: 73.23 % in 2021


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test body on its own event loop (no asyncio plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ui.db"
    Store(path, actor="seed").close()  # a seeded database, as a planner's first run makes
    return path


def app_for(db: Path, lang: str = "en") -> TrackerApp:
    return create_app(db, actor="tester", lang=lang)


def other_planner(db: Path) -> Store:
    return Store(db, actor="other")


def plan(app: TrackerApp) -> PlanScreen:
    assert isinstance(app.screen, PlanScreen), app.screen
    return app.screen


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def row_keys(table: IndicatorTable | FigureTable) -> list[str]:
    return [str(k.value) for k in table.rows]


async def at_urban(pilot: Any) -> PlanScreen:
    """The plan, Openness district, cursor on the urbanisation rate."""
    screen = plan(pilot.app)
    screen.show_district("openness")
    screen.current_table().move_to(URBAN)
    await pilot.pause()
    assert screen.current_indicator_id() == URBAN
    return screen


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*text)


async def fill(pilot: Any, dialog: Any, **values: str) -> None:
    """Set fields at once (typing is tested where typing matters)."""
    for key, value in values.items():
        dialog.query_one(f"#f-{key}", Input).value = value
    await pilot.pause()


def set_target(db: Path, value: float = 78, year: int = 2025) -> None:
    with other_planner(db) as s:
        ind = s.indicator(URBAN)
        s.update_indicator(URBAN, {"target_value": value, "target_year": year}, ind.version)


# -- moving around -------------------------------------------------------------------


@run_async
async def test_moving_between_screens_with_keys(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = plan(app)
        assert screen.current_district() == "industry"
        assert isinstance(app.focused, IndicatorTable)
        await pilot.press("l")
        assert screen.current_district() == "culture"
        await pilot.press("h", "h")
        assert screen.current_district() == "wellbeing"  # wraps round
        await pilot.press("G")
        assert screen.current_table().cursor_row == screen.current_table().row_count - 1
        await pilot.press("g", "j")
        assert screen.current_table().cursor_row == 1
        await pilot.press("2")
        assert isinstance(app.screen, AchievementsScreen)
        await pilot.press("1")
        assert app.screen is screen
        # Enter opens an indicator; Esc (or q) comes back
        await pilot.press("enter")
        assert isinstance(app.screen, IndicatorScreen)
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("q")
    assert app.return_code in (0, None)


@run_async
async def test_search_filter_and_a_figures_source(db: Path) -> None:
    with other_planner(db) as s:
        everything = len(s.achievements())
        soup = [a.id for a in s.achievements(search="酸汤")]
        embroidery = [a.id for a in s.achievements(search="embro")]
        flags = s.flags()
        edu = s.achievement("edu-consolidation-rate")
    assert 0 < len(soup) < everything
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = app.screen
        assert isinstance(screen, AchievementsScreen)
        table = screen.query_one(FigureTable)
        assert table.row_count == everything
        await pilot.press("slash")
        box = screen.query_one("#search", Input)
        assert app.focused is box
        # letters type into the box: q does not quit, f does not filter, the table narrows
        await type_text(pilot, "embro")
        assert row_keys(table) == embroidery
        await pilot.press("escape")
        assert box.has_class("hidden") and table.row_count == everything
        assert app.focused is table
        await pilot.press("slash")
        box.value = "酸汤"  # Chinese arrives from an input method as text
        await pilot.pause()
        assert row_keys(table) == soup
        await pilot.press("enter")  # keeps the filter, back to the figures
        assert app.focused is table and table.row_count == len(soup)
        await pilot.press("escape")
        # flagged only, and why each is flagged; the source sentence stays in Chinese
        await pilot.press("f")
        assert set(row_keys(table)) == set(flags)
        assert "flagged only" in text_of(screen, "#figures-status")
        table.move_to("edu-consolidation-rate")
        await pilot.pause()
        detail = text_of(screen, "#figure-text")
        assert edu.source_quote in detail
        for flag in flags["edu-consolidation-rate"]:
            assert flag.message("en") in detail
        await pilot.press("f")
        assert table.row_count == everything
        # themes: h to the list, j to the next theme, the table follows
        await pilot.press("h")
        assert app.focused is screen.query_one("#themes")
        await pilot.press("j")
        assert screen.theme == "poverty"
        with other_planner(db) as s:
            assert row_keys(table) == [a.id for a in s.achievements("poverty")]


# -- forms ---------------------------------------------------------------------------


@run_async
async def test_edit_target_is_saved_and_audited(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_urban(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, TargetDialog)
        assert app.focused is app.screen.query_one("#f-target_value", Input)
        await type_text(pilot, "78")
        await pilot.press("enter")  # Enter goes to the next field, it does not save
        assert isinstance(app.screen, TargetDialog)
        await type_text(pilot, "2025")
        await pilot.press("ctrl+s")
        assert app.screen is screen
        assert str(screen.current_table().get_cell(URBAN, "col_target")) == "78 (2025)"
    with other_planner(db) as s:
        ind = s.indicator(URBAN)
        assert (ind.target_value, ind.target_year) == (78, 2025)
        last = s.audit(entity="indicator", entity_id=URBAN, limit=1)[0]
        assert last.actor == "tester" and last.new == {"target_value": 78, "target_year": 2025}


@run_async
async def test_a_value_changes_the_verdict_on_screen_and_in_the_store(db: Path) -> None:
    set_target(db)
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_urban(pilot)
        table = screen.current_table()
        assert str(table.get_cell(URBAN, "col_schedule")) == "no data"
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, MeasurementDialog)
        await fill(pilot, dialog, year="2022", value="75")
        await pilot.press("ctrl+s")
        assert app.screen is screen
        # the worked example: one year of four gone, 37 % of the gain made; 2.4 % a year
        # against 1.6 % needed
        assert str(table.get_cell(URBAN, "col_schedule")) == "ahead"
        assert str(table.get_cell(URBAN, "col_growth")) == "on track"
        assert "latest 75 % (2022)" in text_of(screen, "#row-detail")
        # the indicator's own screen: its history, and a revision of the same year
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, IndicatorScreen)
        history = detail.query_one("#history")
        assert history.row_count == 1
        await pilot.press("a")
        await fill(pilot, app.screen, year="2022", value="75.5")
        await pilot.press("ctrl+s")
        assert app.screen is detail and history.row_count == 2
        # newest first: the earlier 2022 figure is marked as replaced
        assert [str(history.get_row_at(i)[3]) for i in range(2)] == ["counts", "superseded"]
        await pilot.press("escape")
        assert "latest 75.5 % (2022)" in text_of(screen, "#row-detail")
    with other_planner(db) as s:
        st = next(x for x in report_status.statuses(s, "openness") if x.indicator.id == URBAN)
        assert (st.schedule.verdict, st.latest.value) == ("ahead", 75.5)
        assert [(m.year, m.value, m.actor) for m in s.measurements(URBAN)] == [
            (2022, 75.0, "tester"),
            (2022, 75.5, "tester"),
        ]


@run_async
async def test_a_value_fallen_past_the_baseline_shows_its_whole_share(db: Path) -> None:
    # baseline 73.23 (2021), target 80 (2025): 63.075 is 1.5 times the planned gain lost
    set_target(db, 80)
    with other_planner(db) as s:
        s.add_measurement(Measurement(indicator=URBAN, year=2022, value=63.075))
    app = app_for(db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await at_urban(pilot)
        table = screen.current_table()
        shown = [table.render_line(y).text for y in range(table.size.height)]
        row = next(line for line in shown if "Urbanis" in line)
        assert "-150% " in row, row  # not cut to "-15…"


@run_async
async def test_esc_cancels_and_writes_nothing(db: Path) -> None:
    with other_planner(db) as s:
        before = len(s.audit())
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await at_urban(pilot)
        await pilot.press("e")
        await fill(pilot, app.screen, target_value="99", target_year="2030")
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("a")
        await fill(pilot, app.screen, year="2022", value="75")
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)
    with other_planner(db) as s:
        assert len(s.audit()) == before
        assert s.indicator(URBAN).target_value is None
        assert s.measurements(URBAN) == []


@run_async
async def test_a_year_out_of_range_is_refused_with_the_range(db: Path) -> None:
    # 1800 is four digits: "write four digits" would not tell the planner what is wrong
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await at_urban(pilot)
        await pilot.press("a")
        dialog = await screen_up(pilot, MeasurementDialog, "#f-year")
        await type_text(pilot, "1800")
        said = text_of(dialog, "#e-year")
        assert "1800" in said and "1900" in said and "2200" in said, said
        await fill(pilot, dialog, year="2300")
        said = text_of(dialog, "#e-year")
        assert "2300" in said and "1900" in said and "2200" in said, said
        await pilot.press("ctrl+s")
        assert app.screen is dialog
    with other_planner(db) as s:
        assert s.measurements(URBAN) == []


@run_async
async def test_a_bad_value_is_refused_with_its_reason(db: Path) -> None:
    set_target(db)
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await at_urban(pilot)
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, MeasurementDialog)
        await type_text(pilot, "abc")
        assert "not a year: 'abc'" in text_of(dialog, "#e-year")
        await pilot.press("tab")
        await type_text(pilot, "nan")
        assert "not a number: 'nan'" in text_of(dialog, "#e-value")
        await pilot.press("ctrl+s")
        assert app.screen is dialog  # not saved, still open
        assert "Fix the marked fields" in text_of(dialog, "#form-error")
        # fixing the year clears its reason as the planner types
        await fill(pilot, dialog, year="2022")
        assert text_of(dialog, "#e-year") == ""
        assert "not a number" in text_of(dialog, "#e-value")
        await pilot.press("escape")
    with other_planner(db) as s:
        assert s.measurements(URBAN) == []


@run_async
async def test_record_rules_and_a_conflict_are_shown_not_raised(db: Path) -> None:
    app = app_for(db, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await at_urban(pilot)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, TargetDialog)
        await fill(pilot, dialog, target_value="78", target_year="2019")  # before the baseline
        # a rule across fields names no field, and speaks Chinese in a Chinese UI
        assert text_of(dialog, "#form-error") == "目标年份必须晚于基期年份"
        await pilot.press("ctrl+s")
        assert app.screen is dialog
        set_target(db, 80, 2025)  # meanwhile another planner saves first
        await fill(pilot, dialog, target_year="2025")
        assert text_of(dialog, "#form-error") == ""
        await pilot.press("ctrl+s")
        assert app.screen is dialog
        assert "已被 other" in text_of(dialog, "#form-error")
        await pilot.press("escape")
    with other_planner(db) as s:
        assert s.indicator(URBAN).target_value == 80


@run_async
async def test_link_a_baseline_to_an_achievement(db: Path) -> None:
    with other_planner(db) as s:
        unlinked = {"baseline_achievement": None, "baseline_value": None, "baseline_year": None}
        s.update_indicator(URBAN, unlinked)
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await at_urban(pilot)
        await pilot.press("b")
        dialog = app.screen
        assert isinstance(dialog, BaselineDialog)
        picker = dialog.query_one("#picker")

        async def pick(search: str, ach_id: str) -> None:
            await fill(pilot, dialog, search=search)
            ids = [picker.get_option_at_index(i).id for i in range(picker.option_count)]
            picker.highlighted = ids.index(ach_id)
            await pilot.pause()

        assert app.focused is dialog.query_one("#f-search")
        # a road length in 公里 cannot be a rate in %: not offered
        await fill(pilot, dialog, search="道路")
        assert picker.option_count == 0
        assert "2 figures in other units than % are not listed" in text_of(dialog, "#picker-hint")
        assert "Pick a figure" in text_of(dialog, "#form-error")
        await pick("城镇化", "urban-urbanisation-rate")
        assert "Baseline would be 73.23 % (2021); its year is inferred" in text_of(dialog, "#form-note")
        picker.focus()
        await pilot.press("enter")  # chooses it and moves to Save
        assert app.focused is dialog.query_one("#save")
        await pilot.press("enter")
        assert isinstance(app.screen, PlanScreen)
    with other_planner(db) as s:
        ind = s.indicator(URBAN)
        assert ind.baseline_achievement == "urban-urbanisation-rate"
        assert (ind.baseline_value, ind.baseline_year) == (73.23, 2021)


@run_async
async def test_add_an_indicator(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        plan(app).show_district("ecology")
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewIndicatorDialog)
        assert dialog.query_one("#f-district").value == "ecology"
        await fill(pilot, dialog, id="ecology-forest-coverage")
        assert "already exists" in text_of(dialog, "#e-id")
        await fill(pilot, dialog, id="Forest Cover")
        assert "lowercase" in text_of(dialog, "#e-id")
        await fill(
            pilot, dialog, id="forest-cover", name_zh="森林覆盖率", name_en="Forest cover", unit="%"
        )
        await pilot.press("ctrl+s")
        screen = plan(app)
        assert screen.current_district() == "ecology"
        assert screen.current_indicator_id() == "forest-cover"
    with other_planner(db) as s:
        ind = s.indicator("forest-cover")
        assert (ind.district, ind.name_zh, ind.unit) == ("ecology", "森林覆盖率", "%")
        assert s.audit(entity="indicator", entity_id=ind.id)[0].actor == "tester"


# -- language, help, palette ---------------------------------------------------------


@run_async
async def test_switching_language_relabels_everything_in_place(db: Path) -> None:
    app = app_for(db, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = plan(app)
        tabs = screen.query_one(TabbedContent)
        table = screen.current_table()
        assert tabs.get_tab("pane-industry").label.plain == "Industry"
        assert str(table.ordered_columns[1].label) == "schedule"
        assert str(table.get_cell_at((0, 1))) == "to be set up"
        await pilot.press("f2")
        assert app.language == "zh" and app.title == "凯里规划跟踪"
        assert tabs.get_tab("pane-industry").label.plain == "产业新区"
        assert str(table.ordered_columns[1].label) == "时序评价"
        assert str(table.get_cell_at((0, 1))) == "待设定"
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "设目标" in descriptions and "Target" not in descriptions
        # the other main screen follows too; the language has one key, F2, everywhere
        await pilot.press("2")
        assert text_of(app.screen, "#themes-title") == "主题"
        await pilot.press("L")
        assert app.language == "zh"
        await pilot.press("f2")
        assert app.language == "en"
        assert text_of(app.screen, "#themes-title") == "Themes"


@run_async
async def test_help_lists_the_keys_of_the_screen(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = text_of(app.screen, "#help-keys")
        for expected in ("Target", "Add value", "Baseline", "New", "Prev district", "Quit"):
            assert expected in text, expected
        assert "↓, j" in text and "e " in text
        # the language key once, as the footer shows it; Textual's own keys are not ours
        assert text.count("f2") == 1 and "L " not in text
        assert "Copy selected text" not in text and "Next field" not in text
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("2", "f1")
        text = text_of(app.screen, "#help-keys")
        assert "Search" in text and "Flagged" in text and "Target" not in text
        await pilot.press("f1")
        assert isinstance(app.screen, AchievementsScreen)


@run_async
async def test_the_palette_offers_every_action(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await at_urban(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "a")  # typed into the palette, not taken as the "a" key
        app.screen.query_one(Input).value = "add measurement"
        await pilot.pause(0.3)
        commands = app.screen.query_one(CommandList)
        prompts = [
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        ]
        assert any("Add measurement: Urbanisation rate" in p for p in prompts), prompts
        await pilot.press("enter")
        assert isinstance(app.screen, MeasurementDialog)
        assert app.screen.indicator.id == URBAN
        await pilot.press("escape")
        # to a theme of the achievements
        await pilot.press("ctrl+p")
        app.screen.query_one(Input).value = "Go to theme: Miao embroidery"
        await pilot.pause(0.3)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, AchievementsScreen)
        assert screen.theme == "miao_embroidery"


@run_async
async def test_works_at_80x24(db: Path) -> None:
    app = app_for(db, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_urban(pilot)
        assert screen.current_table().region.height > 3
        await pilot.press("e")
        dialog = app.screen
        await fill(pilot, dialog, target_value="78", target_year="2025")
        save = dialog.query_one("#save")
        assert save.region.bottom <= 23  # the Save button is on screen, above the footer
        await pilot.press("ctrl+s")
    with other_planner(db) as s:
        assert s.indicator(URBAN).target_value == 78


@run_async
async def test_a_pasted_control_character_or_superscript_is_refused_in_the_form(db: Path) -> None:
    app = app_for(db, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_urban(pilot)
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, MeasurementDialog)
        await fill(pilot, dialog, year="2022", value="10²", source="公报\x1b[2K")
        assert "0-9" in text_of(dialog, "#e-value")
        assert "控制字符" in text_of(dialog, "#e-source")
        await pilot.press("ctrl+s")
        assert app.screen is dialog  # still open: nothing saved
        await fill(pilot, dialog, value="７５", source="公报")
        assert text_of(dialog, "#e-value") == "" and text_of(dialog, "#e-source") == ""
        await pilot.press("ctrl+s")
        assert app.screen is screen
    with other_planner(db) as s:
        assert [(m.year, m.value, m.source) for m in s.measurements(URBAN)] == [
            (2022, 75.0, "公报")]


@run_async
async def test_the_palette_and_the_audit_log_speak_chinese(db: Path) -> None:
    app = app_for(db, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert palette.query_one("CommandInput").placeholder == "搜索命令……"
        await pilot.press(*"zzzq")
        await pilot.pause(0.5)
        options = palette.query_one("CommandList")
        shown = [str(options.get_option_at_index(i).prompt)
                 for i in range(options.option_count)]
        assert shown == ["没有匹配的命令"]
        await pilot.press("escape")
        await pilot.press("4")
        await pilot.pause()
        detail = text_of(app.screen, "#audit-detail")
        assert "成就=" in detail and "achievements=" not in detail


@run_async
async def test_an_example_in_an_empty_field_is_never_read_as_a_value(db: Path) -> None:
    """An empty field's example says it is one, dim and slanted: 例：2025, not 2025."""
    for lang, example in (("zh", "例：2025"), ("en", "e.g. 2025")):
        app = app_for(db, lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await at_urban(pilot)
            await pilot.press("e")
            await screen_up(pilot, TargetDialog, "#f-target_year")
            year = app.screen.query_one("#f-target_year", Input)
            assert year.value == ""
            assert year.placeholder == example
            style = year.get_component_rich_style("input--placeholder")
            assert style.italic
