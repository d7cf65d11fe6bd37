"""Snapshots, exports, imports, the audit log and manual flags, driven from the UI.

Each test presses the keys a planner would and checks the database and the files after.
Slow work runs in thread workers: `settle` waits for them and for what they hand back.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from textual.command import CommandList
from textual.widgets import Button, DataTable, Input, ProgressBar, Select, Static

from tests.functional.test_ui import URBAN, run_async
from tests.functional.waiting import click_button, screen_up, until
from tracker import snapshot
from tracker.importer import apply_import, plan_import, read_import
from tracker.models import Measurement
from tracker.store import Store
from tracker.ui.app import TrackerApp, create_app
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.diff import DiffScreen
from tracker.ui.dialogs.export import ExportDialog, default_path, with_format
from tracker.ui.dialogs.flags import AddFlagDialog, ClearFlagDialog
from tracker.ui.dialogs.help import HelpScreen
from tracker.ui.dialogs.import_file import ImportDialog
from tracker.ui.dialogs.snapshot import SnapshotDialog
from tracker.ui.screens.achievements import AchievementsScreen
from tracker.ui.screens.audit import AuditScreen, IndicatorAuditScreen
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.snapshots import SnapshotsScreen
from tracker.ui.widgets.tables import FigureTable

SIZE = (120, 36)
JOBS = "jobs-new-urban-jobs"  # 97万 new urban jobs: flagged by a rule


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ui.db"
    Store(path, actor="seed").close()
    return path


def app_for(db: Path, lang: str = "en") -> TrackerApp:
    return create_app(db, actor="tester", lang=lang)


def other(db: Path) -> Store:
    return Store(db, actor="other")


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def cells(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def settle(pilot: Any) -> None:
    """Let the thread workers finish and hand their results back."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_export(pilot: Any) -> ExportDialog:
    await pilot.press("x")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


def take(db: Path, label: str) -> int:
    with other(db) as s:
        content = snapshot.current_state(s, label)
        return s.save_snapshot(content, snapshot.content_hash(content)).id


def set_target(db: Path, value: float) -> None:
    with other(db) as s:
        s.update_indicator(URBAN, {"target_value": value, "target_year": 2025})


# -- snapshots -----------------------------------------------------------------------


@run_async
async def test_s_takes_a_snapshot_and_an_empty_label_is_refused(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        dialog = app.screen
        assert isinstance(dialog, SnapshotDialog)
        await pilot.press("enter")  # no label
        await settle(pilot)
        assert app.screen is dialog
        assert text_of(dialog, "#e-label") == "required"
        await pilot.press(*"mid", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, SnapshotDialog)
        # from the achievements screen too
        await pilot.press("2", "s")
        assert isinstance(app.screen, SnapshotDialog)
        app.screen.query_one("#f-label", Input).value = "second"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3")
        screen = app.screen
        assert isinstance(screen, SnapshotsScreen)
        labels = [row[2] for row in cells(screen.query_one(DataTable))]
        assert labels == ["second", "mid"]  # the newest first
    with other(db) as s:
        infos = s.snapshots()
        assert [i.label for i in infos] == ["mid", "second"]
        assert all(i.actor == "tester" for i in infos)


@run_async
async def test_the_snapshot_keys_line_is_read_whole_at_80_columns(db: Path) -> None:
    from rich.cells import cell_len

    take(db, "before")
    take(db, "after")
    for lang in ("en", "zh"):
        app = app_for(db, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("3")
            screen = await screen_up(pilot, SnapshotsScreen, "#snap-status")
            await pilot.press("space")
            await screen_up(pilot, SnapshotsScreen, ready=lambda s: bool(s.marked))
            await pilot.pause()
            status = screen.query_one("#snap-status", Static)
            said = str(status.render())
            assert "#" in said and "D" in said, said
            region = status.content_region
            # the whole line fits the rows it is given: nothing runs off the edge
            assert cell_len(said) <= region.width * region.height, (lang, said, region)


@run_async
async def test_a_comparison_shows_how_many_indicators_it_has_read(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    take(db, "before")
    gate = threading.Event()
    read = Store.snapshot_compared
    calls: list[str] = []

    def one_district_then_wait(self: Store, snapshot_id: int, district: str):  # noqa: ANN202
        calls.append(district)
        if len(calls) == 1:
            time.sleep(0.15)  # the dialog is told at most ten times a second
        else:
            gate.wait(10)  # the first district is read, the rest wait
        return read(self, snapshot_id, district)

    monkeypatch.setattr(Store, "snapshot_compared", one_district_then_wait)
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "D")
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        await until(pilot, lambda: "14 of 68" in text_of(diff, "#diff-progress"))
        # the industry district of both plans (7 + 7) of the snapshot's 34 and now's 34
        assert text_of(diff, "#diff-progress") == "14 of 68 indicators compared"
        assert diff.query_one("#progress", ProgressBar).has_class("-shown")
        assert diff.text() == ""
        gate.set()
        await settle(pilot)
        # one snapshot against now, not two snapshots
        assert diff.text() == "no changes since this snapshot"
        assert not diff.query_one("#diff-progress").has_class("-shown")


@run_async
async def test_mark_two_snapshots_compare_them_and_export_one(db: Path, tmp_path: Path) -> None:
    take(db, "before")
    set_target(db, 80)
    take(db, "after")
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        screen = app.screen
        assert isinstance(screen, SnapshotsScreen)
        await pilot.press("d")  # nothing marked yet: a hint, no diff
        assert app.screen is screen
        await pilot.press("space", "j", "enter")  # Enter marks as well
        assert screen.marked == [2, 1]
        assert "#2, #1" in text_of(screen, "#snap-status")
        await pilot.press("d")
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        await settle(pilot)
        # done: the text, not the count of indicators read
        assert not diff.query_one("#progress").has_class("-shown")
        assert not diff.query_one("#diff-progress").has_class("-shown")
        text = diff.text()
        assert f"{URBAN} Urbanisation rate of the resident population: target — → 80 (2025)" in (
            text
        ), text
        assert "#1 before" in text_of(diff, "#dialog-title")
        await pilot.press("escape")
        # the newest against now: nothing changed since
        await pilot.press("k", "D")
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        await settle(pilot)
        assert diff.text() == "no changes since this snapshot"
        app.action_switch_language()  # the diff is said again in Chinese
        await pilot.pause()
        assert diff.text() == "该快照之后没有变化"
        assert "与当前" not in text_of(diff, "#dialog-title")
        assert "当前" in text_of(diff, "#dialog-title")
        await pilot.press("q")
        assert app.screen is screen
        # x exports the highlighted snapshot
        await pilot.press("j", "x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#f-content", Select).value == "1"
        dialog.query_one("#f-path", Input).value = str(tmp_path / "before.json")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert '"label": "before"' in (tmp_path / "before.json").read_text(encoding="utf-8")


# -- export --------------------------------------------------------------------------


def test_the_default_file_name_follows_the_format() -> None:
    from datetime import date

    assert default_path("xlsx", date(2024, 3, 1)) == "kaili-plan-20240301.xlsx"
    assert with_format("kaili-plan-20240301.xlsx", "md") == "kaili-plan-20240301.md"
    assert with_format("report", "csv") == "report.csv"
    assert with_format("notes.v2", "json") == "notes.v2.json"


@run_async
async def test_slow_work_shows_how_far_it_has_got(db: Path) -> None:
    """A job that counts its work (a province's export) fills a bar with a count under
    it, pulsing once all is counted while the job finishes; when it ends the bar and the
    count go."""
    counted, gate = threading.Event(), threading.Event()
    finished: list[str] = []
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(pilot)
        bar = dialog.query_one("#progress", ProgressBar)
        assert not bar.has_class("-shown")

        progress = dialog.progress_for("rows_written")

        def job(store: Store) -> str:
            progress(0, 100_021)
            time.sleep(0.15)  # told at most ten times a second
            progress(45_000, 100_021)
            counted.wait(10)
            progress(100_021, 100_021)
            gate.wait(10)
            return "done"

        dialog.run_job(job, finished.append)
        await until(pilot, lambda: bar.progress == 45_000)
        assert bar.has_class("-shown") and bar.total == 100_021
        parts = bar.query("#percentage, #eta")
        assert len(parts) == 2 and all(part.display for part in parts)
        assert text_of(dialog, "#form-note") == "45,000 of 100,021 rows written"
        counted.set()
        await until(pilot, lambda: bar.total is None)
        # every row counted while the job still runs: the bar pulses and says so
        assert bar.has_class("-shown") and bar.total is None
        assert not any(part.display for part in parts)
        assert text_of(dialog, "#form-note") == "100,021 of 100,021 rows written; still working…"
        gate.set()
        await settle(pilot)
        assert finished == ["done"]
        assert not bar.has_class("-shown") and text_of(dialog, "#form-note") == ""


@run_async
async def test_export_xlsx_then_overwrite_only_when_told(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(pilot)
        path = dialog.query_one("#f-path", Input)
        assert path.value.startswith("kaili-plan-") and path.value.endswith(".xlsx")
        dialog.query_one("#f-format", Select).value = "md"
        await pilot.pause()
        assert path.value.endswith(".md")  # the extension follows the format
        path.value = str(out)
        await pilot.pause()
        assert dialog.query_one("#f-format", Select).value == "xlsx"  # and the other way
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert out.exists()
        book = openpyxl.load_workbook(out)
        assert len(book.sheetnames) >= 3
        before = (out.read_bytes(), out.stat().st_mtime_ns)
        # again, to the same file: asked first; No leaves the file alone
        dialog = await open_export(pilot)
        dialog.query_one("#f-path", Input).value = str(out)
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        assert str(out) in text_of(app.screen, "#confirm-text")
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dialog
        assert (out.read_bytes(), out.stat().st_mtime_ns) == before
        # Yes overwrites it
        await pilot.press("ctrl+s", "y")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert out.stat().st_mtime_ns != before[1]
        openpyxl.load_workbook(out)
        # an error is shown in the form, which stays open
        dialog = await open_export(pilot)
        dialog.query_one("#f-path", Input).value = str(tmp_path / "missing" / "a.csv")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "folder does not exist" in text_of(dialog, "#form-error")
        await pilot.press("escape")


# -- import --------------------------------------------------------------------------


async def open_import(pilot: Any) -> ImportDialog:
    """The import dialog, from the snapshots screen: i."""
    await pilot.press("3", "i")
    dialog = pilot.app.screen
    assert isinstance(dialog, ImportDialog)
    return dialog


async def preview_import(pilot: Any, dialog: ImportDialog, path: Path) -> str:
    """Give the import dialog a file, preview it, and read the preview."""
    dialog.query_one("#f-path", Input).value = str(path)
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)
    return text_of(dialog, "#preview")


@run_async
async def test_import_previews_cancel_writes_nothing_apply_writes(db: Path, tmp_path: Path) -> None:
    good = tmp_path / "targets.csv"
    good.write_text(f"id,target_value,target_year\n{URBAN},80,2025\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"id,target_value,target_year\n{URBAN},lots,2025\n", encoding="utf-8")
    with other(db) as s:
        audited = len(s.audit())
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_import(pilot)
        problems = await preview_import(pilot, dialog, bad)
        assert "row 2" in problems and "column target_value" in problems, problems
        assert dialog.query_one("#apply").disabled
        preview = await preview_import(pilot, dialog, good)
        assert f"{URBAN} Target: — → 80" in preview, preview
        assert not dialog.query_one("#apply").disabled
        await pilot.press("escape")
        assert not isinstance(app.screen, ImportDialog)
        with other(db) as s:
            assert len(s.audit()) == audited
            assert s.indicator(URBAN).target_value is None
        # from the palette, then Apply
        await pilot.press("ctrl+p")
        app.screen.query_one(Input).value = "Import file"
        await pilot.pause(0.3)
        await pilot.press("enter")
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await preview_import(pilot, dialog, good)
        # another planner, between the preview and Apply: the new preview is shown first
        set_target(db, 79)
        await click_button(pilot, "#apply")
        await settle(pilot)
        assert app.screen is dialog
        assert "changed since the preview" in text_of(dialog, "#form-warning")
        assert "79 → 80" in text_of(dialog, "#preview")
        with other(db) as s:
            assert s.indicator(URBAN).target_value == 79
        # the new preview can come back before the first press has finished showing;
        # a click then is taken for the second half of a double click and ignored
        await click_button(pilot, "#apply")
        await settle(pilot)
        assert not isinstance(app.screen, ImportDialog)
    with other(db) as s:
        assert s.indicator(URBAN).target_value == 80
        assert s.audit(limit=1)[0].action == "import"
        assert s.audit(limit=1)[0].actor == "tester"


@run_async
async def test_after_a_refused_import_a_second_press_at_once_applies_nothing(
    db: Path, tmp_path: Path
) -> None:
    good = tmp_path / "targets.csv"
    good.write_text(f"id,target_value,target_year\n{URBAN},80,2025\n", encoding="utf-8")
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_import(pilot)
        await preview_import(pilot, dialog, good)
        set_target(db, 79)
        await click_button(pilot, "#apply")
        await settle(pilot)
        assert "changed since the preview" in text_of(dialog, "#form-warning")
        # a slow double click, or Enter pressed twice: the second comes once the first
        # has finished showing, before the planner can have read the new preview
        apply_button = dialog.query_one("#apply", Button)
        await until(pilot, lambda: not apply_button.has_class("-active"), "the press shown")
        for second_press in (lambda: pilot.click("#apply"), lambda: pilot.press("enter")):
            await second_press()
            await settle(pilot)
            assert app.screen is dialog
            with other(db) as s:
                assert s.indicator(URBAN).target_value == 79
        # once read, the new preview applies as any other
        await click_button(pilot, "#apply")
        await settle(pilot)
        assert not isinstance(app.screen, ImportDialog)
    with other(db) as s:
        assert s.indicator(URBAN).target_value == 80


@run_async
async def test_a_file_that_cannot_be_read_is_refused_in_the_planners_language(
    db: Path, tmp_path: Path
) -> None:
    # the system says why in English; a Chinese screen says it in Chinese
    missing = tmp_path / "missing.csv"
    app = app_for(db, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_import(pilot)
        said = (await preview_import(pilot, dialog, missing)).replace(str(missing), "")
        assert "无法读取" in said and "文件或文件夹不存在" in said, said
        assert not any("a" <= c.lower() <= "z" for c in said), said
        assert dialog.query_one("#apply").disabled


@run_async
async def test_a_large_import_previews_a_sample_and_applies_it_all(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.ui.dialogs import import_file

    # a province's file lists a hundred thousand changes; here five, with two shown
    monkeypatch.setattr(import_file, "SHOWN_PER_KIND", 2)
    with other(db) as s:
        ids = [st.indicator.id for st in s.indicator_states()][:5]
    source = tmp_path / "values.csv"
    source.write_text("id,latest_value,latest_year\n"
                      + "".join(f"{iid},{10 + i},2026\n" for i, iid in enumerate(ids)),
                      encoding="utf-8")
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_import(pilot)
        preview = await preview_import(pilot, dialog, source)
        assert "values to add 5" in preview, preview
        assert preview.count(" 2026: ") == 2, preview
        assert f"… and 3 more; `tracker import {source} --dry-run` lists every one" in preview
        await click_button(pilot, "#apply")
        await settle(pilot)
        assert not isinstance(app.screen, ImportDialog)
    with other(db) as s:
        imported = {m.indicator: m.value for m in s.measurements() if m.year == 2026}
    assert imported == {iid: 10.0 + i for i, iid in enumerate(ids)}


@run_async
async def test_a_long_diff_shows_a_sample_of_each_kind(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.ui.dialogs import diff

    monkeypatch.setattr(diff, "SHOWN_PER_KIND", 1)
    take(db, "before")
    set_target(db, 80)
    with other(db) as s:
        for year in (2021, 2022, 2023):
            s.add_measurement(Measurement(indicator=URBAN, year=year, value=70.0 + year % 10))
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "D")  # the snapshot against now
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        await settle(pilot)
        text = screen.text()
        assert text.count("new value for") == 1, text
        assert "… and 2 more; `tracker snapshot diff` lists every one" in text
        assert "target — → 80 (2025)" in text  # the other kinds are still there


# -- the audit log -------------------------------------------------------------------


async def open_audit(pilot: Any) -> tuple[AuditScreen, list[list[str]]]:
    await pilot.press("4")
    screen = pilot.app.screen
    assert isinstance(screen, AuditScreen)
    return screen, cells(screen.query_one(DataTable))


@run_async
async def test_the_audit_log_lists_who_changed_what(db: Path) -> None:
    set_target(db, 80)
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        screen, rows = await open_audit(pilot)
        top = rows[0]
        assert top[1:5] == ["other", "update", "indicator", URBAN], top
        assert "→ target=80" in top[5], top
        assert "After: target=80, target year=2025" in text_of(screen, "#audit-detail")
        assert rows[-1][2] == "seed"
        # one indicator's log, from its screen: o
        await app.open_indicator(app.store.indicator(URBAN))
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        await pilot.press("o")
        log = app.screen
        assert isinstance(log, IndicatorAuditScreen)
        assert {row[4] for row in cells(log.query_one(DataTable))} == {URBAN}
        await pilot.press("escape")
        assert isinstance(app.screen, IndicatorScreen)


@run_async
async def test_the_audit_log_lists_an_import_s_values_under_it(db: Path, tmp_path: Path
                                                             ) -> None:
    forest = "ecology-forest-coverage"
    values = tmp_path / "values.csv"
    values.write_text(f"id,latest_value,latest_year\n{URBAN},75,2022\n{forest},63.5,2023\n",
                      encoding="utf-8")
    with other(db) as s:
        apply_import(s, plan_import(s, read_import(values)))
    async with app_for(db).run_test(size=SIZE) as pilot:
        screen, rows = await open_audit(pilot)
        assert [r[1:5] for r in rows[:3]] == [
            ["other", "import", "database", db.name], ["other", "value", "indicator", forest],
            ["other", "value", "indicator", URBAN]], rows[:3]
        await pilot.press("j", "j")  # the whole value under the table
        detail = text_of(screen, "#audit-detail")
        assert "value=75" in detail and "year=2022" in detail, detail


# -- manual quality flags ------------------------------------------------------------


@run_async
async def test_add_and_clear_a_manual_flag(db: Path) -> None:
    app = app_for(db, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = app.screen
        assert isinstance(screen, AchievementsScreen)
        screen.query_one(FigureTable).move_to(JOBS)
        await pilot.pause()
        await pilot.press("m")
        dialog = app.screen
        assert isinstance(dialog, AddFlagDialog)
        await pilot.press("enter")  # a flag needs a note
        assert app.screen is dialog
        await pilot.press(*"check", "enter")
        assert app.screen is screen
        assert "人工标记：check" in text_of(screen, "#figure-text")
        with other(db) as s:
            manual = [f for f in s.flags()[JOBS] if f.manual]
            assert [f.note for f in manual] == ["check"]
        # clear it: pick it among the figure's flags, say why, confirm
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, ClearFlagDialog)
        dialog.query_one("#f-flag", Select).value = f"manual:{manual[0].id}"
        dialog.query_one("#f-note", Input).value = "confirmed with the bureau"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # not yet
        assert app.screen is dialog
        await pilot.press("ctrl+s", "y")
        assert app.screen is screen
        assert "人工标记" not in text_of(screen, "#figure-text")
    with Store(db, actor="other") as s:
        assert not any(f.manual for f in s.flags()[JOBS])
        # the rule's flag stays
        assert {f.code for f in s.flags()[JOBS]} == {"new_jobs_against_population"}
        actions = [e.action for e in s.audit(entity="achievement", entity_id=JOBS)]
        assert actions[:2] == ["clear_flag", "flag"]


# -- help and palette ----------------------------------------------------------------


@run_async
async def test_help_and_palette_offer_the_new_keys(db: Path) -> None:
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "f1")
        assert isinstance(app.screen, HelpScreen)
        text = text_of(app.screen, "#help-keys")
        for expected in ("Mark", "Compare", "Compare with now", "Import", "Snapshot", "Export"):
            assert expected in text, expected
        for expected in ("Plan", "Achievements", "Snapshots", "Audit log"):
            assert expected in text, expected
        await pilot.press("escape", "2", "f1")
        text = text_of(app.screen, "#help-keys")
        assert "Flag" in text and "Clear flag" in text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        commands = app.screen.query_one(CommandList)
        prompts = "\n".join(
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        )
        for expected in (
            "Take a snapshot",
            "Show the snapshots",
            "Compare the two marked",
            "Export",
            "Import file",
            "Show the audit log",
            "Add a quality flag",
            "Clear a quality flag",
        ):
            assert expected in prompts, expected
        await pilot.press("escape")
