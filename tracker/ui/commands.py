"""The command palette (ctrl+p): every action of the app, in the UI language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.codes import district_short
from tracker.i18n.plan_rows import ROW_FORMS
from tracker.i18n.review_screen import REVIEW_SCREEN
from tracker.i18n.review_year import REVIEW_YEAR
from tracker.i18n.ui import tr
from tracker.i18n.upkeep import EDIT
from tracker.i18n.void import VOID
from tracker.ui.messages import (
    CompareMarked,
    CompareWithNow,
    GotoDistrict,
    GotoTheme,
    NewIndicator,
    OpenAudit,
    OpenExport,
    OpenImport,
    OpenIndicator,
    OpenReviewReport,
    SearchAchievements,
    SetReviewYear,
    TakeSnapshot,
    ToggleFlagged,
)
from tracker.ui.screens.achievements import AchievementsScreen
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.indicator_actions import IndicatorActions

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class TrackerCommands(Provider):
    """Go to a district or theme, act on the selected indicator, and the rest."""

    @property
    def tracker(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def _ask(self, make: Callable[[], Message]) -> Callable[[], None]:
        """A command that asks the app for something: a fresh message each time it runs."""
        return lambda: self.app.post_message(make())

    def _run(self, action: str) -> Callable[[], Awaitable[bool]]:
        """A command that runs one of the app's key actions, as its key would."""
        return lambda: self.app.run_action(action)

    def _commands(self) -> list[tuple[str, Callable[[], Any]]]:
        app, ask = self.tracker, self._ask
        lang, screen = app.language, self.screen
        out: list[tuple[str, Callable[[], Any]]] = []
        # what the screen below says is selected (the plan's row, an indicator's screen)
        if isinstance(screen, IndicatorActions):
            ind_id = screen.current_indicator_id()
            if ind_id is not None:
                kind = None
                try:
                    ind = app.store.indicator(ind_id)
                    name, kind = name_of(ind, lang), ind.target_type
                except TrackerError:
                    name = ind_id
                out += [
                    (tr("cmd_edit_target", lang, name=name), screen.action_edit_target),
                    (tr("cmd_add_measurement", lang, name=name), screen.action_add_measurement),
                    (tr("cmd_link_baseline", lang, name=name), screen.action_link_baseline),
                    (tr("cmd_audit_indicator", lang, name=name),
                     ask(partial(OpenAudit, ind_id))),
                    (EDIT.text("cmd_edit", lang, name=name), screen.action_edit_indicator),
                    (EDIT.text("cmd_retire", lang, name=name), screen.action_retire_indicator),
                ]
                # a milestone has a state, every other kind may have yearly targets
                if kind == "milestone":
                    out.append((ROW_FORMS.text("cmd_milestone", lang, name=name),
                                screen.action_set_milestone))
                elif kind is not None:
                    out.append((ROW_FORMS.text("cmd_annual", lang, name=name),
                                screen.action_set_annual_target))
                # an indicator's own screen: the value under its cursor
                if isinstance(screen, IndicatorScreen) and screen.current_value() is not None:
                    out += [
                        (VOID.text("cmd_void", lang, name=name), screen.action_void_value),
                        (VOID.text("cmd_revise", lang, name=name), screen.action_revise_value),
                    ]
            out.append((EDIT.text("cmd_retired", lang), screen.action_show_retired))
        # the achievements screen's highlighted figure
        if isinstance(screen, AchievementsScreen):
            a = screen.current_figure()
            if a is not None:
                name = name_of(a, lang)
                out += [
                    (tr("cmd_add_flag", lang, name=name), screen.action_add_flag),
                    (tr("cmd_clear_flag", lang, name=name), screen.action_clear_flag),
                ]
        export_id = screen.export_snapshot_id() if isinstance(screen, TrackerScreen) else None
        snapshots = app.store.snapshots()
        out += [
            (tr("cmd_take_snapshot", lang), ask(TakeSnapshot)),
            (tr("cmd_snapshots", lang), self._run("show_snapshots")),
            (tr("cmd_diff", lang), ask(CompareMarked)),
            (tr("cmd_export", lang), ask(partial(OpenExport, export_id))),
            (tr("cmd_import", lang), ask(OpenImport)),
            (tr("cmd_audit", lang), self._run("show_audit")),
            (REVIEW_YEAR.text("cmd_departments", lang), self._run("show_departments")),
            (REVIEW_YEAR.text("cmd_review_year", lang), ask(SetReviewYear)),
            (REVIEW_SCREEN.text("cmd_review", lang), self._run("show_review")),
            (REVIEW_SCREEN.text("cmd_generate", lang), ask(OpenReviewReport)),
        ]
        for s in reversed(snapshots):
            label = tr("diff_snapshot", lang, id=s.id, label=s.label)
            out.append((tr("cmd_diff_now", lang, name=label), ask(partial(CompareWithNow, s.id))))
        out += [
            (tr("cmd_new_indicator", lang), ask(NewIndicator)),
            (tr("cmd_plan", lang), self._run("show_plan")),
            (tr("cmd_achievements", lang), self._run("show_achievements")),
        ]
        for d in app.store.districts():
            label = f"{district_short(d.id, lang)} — {name_of(d, lang)}"
            out.append((tr("cmd_district", lang, name=label), ask(partial(GotoDistrict, d.id))))
        for ind in app.store.indicators():
            name = name_of(ind, lang)
            out.append(
                (tr("cmd_open_indicator", lang, name=name), ask(partial(OpenIndicator, ind)))
            )
        out.append((tr("cmd_search", lang), ask(SearchAchievements)))
        out.append(
            (tr("cmd_theme", lang, name=tr("all_themes", lang)), ask(partial(GotoTheme, None)))
        )
        for t in app.store.themes():
            out.append(
                (tr("cmd_theme", lang, name=name_of(t, lang)), ask(partial(GotoTheme, t.id)))
            )
        out += [
            (tr("cmd_flagged", lang), ask(ToggleFlagged)),
            (tr("cmd_language", lang), self._run("switch_language")),
            (tr("cmd_help", lang), self._run("help")),
            (tr("cmd_quit", lang), app.exit),
        ]
        return out

    async def discover(self) -> Hits:
        for text, command in self._commands():
            yield DiscoveryHit(text, command, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for text, command in self._commands():
            score = matcher.match(text)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(text), command, text=text)
        if not found:
            # said here, in the UI language, before Textual would say it in English;
            # choosing it does nothing
            yield Hit(0.001, tr("palette_no_match", self.tracker.language), _nothing)


def _nothing() -> None:
    """What the "no matching command" line does when chosen."""
