"""The Textual application and its factory.

Four main screens, as Textual modes: the plan (the five districts, where the app starts:
a planner opens it to see what is on schedule and what lags), the achievements (the
article's record), the snapshots and the audit log. Store calls for what is on screen run
on the app's thread: the data is small and the queries are indexed, and a Store belongs
to the thread that opened it. Slow work (a snapshot, an export, an import, a comparison)
runs in a thread worker that opens a Store of its own.

Screens, dialogs and the command palette ask the app for things by posting messages
(tracker/ui/messages.py); the app tells every screen, in every mode, what changed the
same way.

Live view: every POLL_SECONDS the app asks SQLite whether another connection has
committed (PRAGMA data_version); if so, every screen that can reloads what it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen

from tracker.errors import TrackerError
from tracker.i18n import known, other
from tracker.i18n.review_year import REVIEW_YEAR
from tracker.i18n.ui import tr
from tracker.store import Store
from tracker.ui.keys import localize_bindings
from tracker.ui.lazy import loaded
from tracker.ui.messages import (
    CompareMarked,
    CompareWithNow,
    DataChanged,
    GotoDistrict,
    GotoTheme,
    LanguageChanged,
    NewIndicator,
    OpenAudit,
    OpenExport,
    OpenImport,
    OpenIndicator,
    OpenReviewReport,
    RefreshData,
    RefreshDistrict,
    SearchAchievements,
    SetReviewYear,
    TakeSnapshot,
    ToggleFlagged,
)
from tracker.ui.screens.plan import PlanScreen

if TYPE_CHECKING:
    from tracker.models import Indicator

POLL_SECONDS = 1.5


# the main screens besides the plan, each loaded when the planner first goes there
MODE_SCREENS = {
    "achievements": "screens.achievements:AchievementsScreen",
    "snapshots": "screens.snapshots:SnapshotsScreen",
    "audit": "screens.audit:AuditScreen",
    "departments": "screens.departments:DepartmentsScreen",
    "review": "screens.review:ReviewScreen",
}


def _mode(ref: str) -> Callable[[], Screen]:
    return lambda: loaded(ref)()


def _commands() -> type:
    return loaded("commands:TrackerCommands")


class TrackerApp(App[None]):
    CSS_PATH = "app.tcss"
    # The plan, the fourth mode, is the default screen (see get_default_screen).
    MODES = {mode: _mode(ref) for mode, ref in MODE_SCREENS.items()}
    DEFAULT_MODE = "plan"
    COMMANDS = App.COMMANDS | {_commands}
    # Only keys that never type a character live on the app; letters are on the screens.
    BINDINGS = [
        Binding("f1", "help", "Help", show=False, id="help"),
        # shown by each screen, first in its footer; here for the dialogs over them
        Binding("f2", "switch_language", "中文", show=False, id="switch_language"),
        # the palette's own key, declared here so Textual adds no hidden priority key of
        # its own: each screen shows it in its footer among the screen's keys
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="command_palette"),
    ]

    def __init__(self, db_path: Path, actor: str, lang: str = "zh",
                 files_root: Path | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.actor = actor
        # a served session's folder: exports and imports stay inside it (None: anywhere)
        self.files_root = files_root
        self.language = known(lang)
        self._store: Store | None = None
        self._data_version: int | None = None
        self.title = tr("app_title", self.language)
        localize_bindings(self, self.language)

    def get_default_screen(self) -> Screen:
        """The plan, where the app starts: built as Textual's default screen and made
        the "plan" mode once built, so switch_mode("plan") comes back to it. Textual
        builds a screen taken from MODES with a full re-parse of every stylesheet (and
        parses them all once more for the next widget), which would delay the first
        frame."""
        self.add_mode("plan", PlanScreen)  # called once: for the first mode, at start
        return PlanScreen()

    def show_title(self) -> None:
        """The app's title in the header of every screen, with the review year when one
        is set: the planner sees which year the verdicts are read at."""
        title = tr("app_title", self.language)
        try:
            year = self.store.review_year()
        except TrackerError:
            year = None
        if year is not None:
            title += " · " + REVIEW_YEAR.text("header", self.language, year=year)
        self.title = title

    def on_mount(self) -> None:
        self.show_title()
        self.check_data_version()
        self.set_interval(POLL_SECONDS, self.check_data_version)

    @property
    def store(self) -> Store:
        """The database, opened on first use on the app's thread."""
        if self._store is None:
            self._store = Store(self.db_path, actor=self.actor)
        return self._store

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- what every screen shares ----------------------------------------------------

    def all_screens(self) -> Iterator[Screen]:
        """Every screen the app holds, in every mode started so far."""
        seen: set[int] = set()
        for mode in (self.DEFAULT_MODE, *self.MODES):
            try:
                stack = self.get_screen_stack(mode)
            except KeyError:  # a mode not visited yet has no screens
                continue
            for screen in stack:
                if id(screen) not in seen:
                    seen.add(id(screen))
                    yield screen

    def tell_screens(self, notice: Callable[[], Message]) -> None:
        """Post a fresh `notice()` to every screen: each handles the notices it cares for."""
        for screen in list(self.all_screens()):
            screen.post_message(notice())

    def action_switch_language(self) -> None:
        self.language = other(self.language)
        self.show_title()
        localize_bindings(self, self.language)
        lang = self.language
        self.tell_screens(lambda: LanguageChanged(lang))
        self.screen.refresh_bindings()
        self.notify(tr("language_switched", self.language), timeout=2)

    def on_data_changed(self, message: DataChanged) -> None:
        """An indicator was saved here: every screen showing it refreshes it."""
        self.tell_screens(lambda: RefreshDistrict(message.district, message.indicator_id))

    # -- live view ----------------------------------------------------------------------

    def check_data_version(self) -> None:
        """Another connection committed since the last look: reload what is shown."""
        try:
            version = self.store.data_version()
        except TrackerError:
            return
        if self._data_version is not None and version != self._data_version:
            self._data_version = version
            self.refresh_all()
        self._data_version = version

    def refresh_all(self) -> None:
        """Every screen reloads its data, keeping its cursor (those with nothing to
        reload let the notice pass)."""
        self.show_title()
        self.tell_screens(RefreshData)

    def _written(self, result: object) -> None:
        """A worker wrote through its own connection: show it now, not at the next poll."""
        if result:
            self.check_data_version()

    # -- what screens, dialogs and the command palette ask for -------------------------

    def on_set_review_year(self, message: SetReviewYear) -> None:
        def saved(result: object) -> None:
            if result is not None:
                # saved on this connection: the poll would not see it
                self.refresh_all()

        self.push_screen(loaded("dialogs.review_year:ReviewYearDialog")(), saved)

    def on_take_snapshot(self, message: TakeSnapshot) -> None:
        self.push_screen(loaded("dialogs.snapshot:SnapshotDialog")(), self._written)

    def on_open_export(self, message: OpenExport) -> None:
        self.push_screen(loaded("dialogs.export:ExportDialog")(message.snapshot_id))

    def on_open_review_report(self, message: OpenReviewReport) -> None:
        self.push_screen(loaded("dialogs.review:ReviewDialog")())

    def on_open_import(self, message: OpenImport) -> None:
        self.push_screen(loaded("dialogs.import_file:ImportDialog")(), self._written)

    def on_open_audit(self, message: OpenAudit) -> None:
        self.push_screen(loaded("screens.audit:IndicatorAuditScreen")(message.indicator_id))

    def on_compare_with_now(self, message: CompareWithNow) -> None:
        self.push_screen(loaded("dialogs.diff:DiffScreen")(message.snapshot_id, None))

    async def on_compare_marked(self, message: CompareMarked) -> None:
        (await self.main_screen("snapshots")).action_diff()

    async def main_screen(self, mode: str) -> Any:
        """The main screen of `mode` (one of MODE_SCREENS), shown, for an action on it."""
        await self.switch_mode(mode)
        screen = self.screen_stack[0]
        assert isinstance(screen, loaded(MODE_SCREENS[mode]))
        return screen

    async def on_goto_district(self, message: GotoDistrict) -> None:
        await self.goto_district(message.district)

    async def on_goto_theme(self, message: GotoTheme) -> None:
        (await self.main_screen("achievements")).show_theme(message.theme)

    async def on_open_indicator(self, message: OpenIndicator) -> None:
        await self.open_indicator(message.indicator)

    async def on_search_achievements(self, message: SearchAchievements) -> None:
        (await self.main_screen("achievements")).action_search()

    async def on_toggle_flagged(self, message: ToggleFlagged) -> None:
        (await self.main_screen("achievements")).action_toggle_flagged()

    async def on_new_indicator(self, message: NewIndicator) -> None:
        plan = await self.goto_district(self.current_district())
        plan.action_new_indicator()

    # -- the app's own keys and what they share -----------------------------------------

    async def action_show_snapshots(self) -> None:
        await self.switch_mode("snapshots")

    async def action_show_audit(self) -> None:
        await self.switch_mode("audit")

    async def action_show_departments(self) -> None:
        await self.switch_mode("departments")

    async def action_show_review(self) -> None:
        await self.switch_mode("review")

    def action_help(self) -> None:
        help_screen = loaded("dialogs.help:HelpScreen")
        if isinstance(self.screen, help_screen):
            self.screen.dismiss()
            return
        self.push_screen(help_screen(self.screen))

    async def action_show_plan(self) -> None:
        await self.switch_mode("plan")

    async def action_show_achievements(self) -> None:
        await self.switch_mode("achievements")

    async def goto_district(self, district: str) -> PlanScreen:
        """The plan, alone on its stack, at `district`."""
        await self.switch_mode("plan")
        while len(self.screen_stack) > 1:
            self.pop_screen()
        plan = self.screen_stack[0]
        assert isinstance(plan, PlanScreen)
        plan.show_district(district)
        return plan

    def current_district(self) -> str:
        stack = self.get_screen_stack("plan")
        if stack and isinstance(stack[0], PlanScreen):
            return stack[0].current_district()
        return "industry"

    async def open_indicator(self, ind: Indicator) -> None:
        await self.goto_district(ind.district)
        plan = self.screen
        assert isinstance(plan, PlanScreen)
        plan.current_table().move_to(ind.id)
        self.push_screen(loaded("screens.indicator:IndicatorScreen")(ind.id))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's theme switching stays, said in the UI language; the app's own
        # commands are in TrackerCommands.
        for command in super().get_system_commands(screen):
            if command.title == "Theme":
                yield SystemCommand(tr("cmd_theme_title", self.language),
                                    tr("cmd_theme_help", self.language), command.callback)

    def action_command_palette(self) -> None:
        """The command palette, its prompt in the UI language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(
                placeholder=tr("palette_placeholder", self.language), id="--command-palette"))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # widgets Textual makes inside its own (a Select's open menu) bring their keys'
        # English descriptions to the footer; said in the UI language like the rest
        localize_bindings(event.widget, self.language)


def create_app(db_path: Path | str, actor: str = "tester", lang: str = "zh",
               files_root: Path | None = None) -> TrackerApp:
    return TrackerApp(Path(db_path), actor=actor, lang=lang, files_root=files_root)


def run_app(db_path: Path, actor: str, lang: str, files_root: Path | None = None) -> None:
    create_app(db_path, actor, lang, files_root).run()
