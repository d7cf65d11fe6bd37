"""The command palette (ctrl+p): every action of the app, in the UI language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.codes import district_short
from tracker.i18n.ui import tr

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class TrackerCommands(Provider):
    """Go to a district or theme, act on the selected indicator, and the rest."""

    def _commands(self) -> list[tuple[str, Callable[[], Any]]]:
        app: TrackerApp = self.app  # type: ignore[assignment]
        lang, screen = app.language, self.screen
        out: list[tuple[str, Callable[[], Any]]] = []
        # what the screen below says is selected (the plan's row, an indicator's screen)
        current = getattr(screen, "current_indicator_id", None)
        ind_id = current() if current is not None else None
        if ind_id is not None:
            try:
                name = name_of(app.store.indicator(ind_id), lang)
            except TrackerError:
                name = ind_id
            out += [
                (tr("cmd_edit_target", lang, name=name), screen.action_edit_target),
                (tr("cmd_add_measurement", lang, name=name), screen.action_add_measurement),
                (tr("cmd_link_baseline", lang, name=name), screen.action_link_baseline),
                (tr("cmd_audit_indicator", lang, name=name), partial(app.open_audit, ind_id)),
            ]
        # the achievements screen's highlighted figure
        figure = getattr(screen, "current_figure", None)
        a = figure() if figure is not None else None
        if a is not None:
            name = name_of(a, lang)
            out += [
                (tr("cmd_add_flag", lang, name=name), screen.action_add_flag),
                (tr("cmd_clear_flag", lang, name=name), screen.action_clear_flag),
            ]
        export_id = getattr(screen, "export_snapshot_id", None)
        snapshots = app.store.snapshots()
        out += [
            (tr("cmd_take_snapshot", lang), app.take_snapshot),
            (tr("cmd_snapshots", lang), app.action_show_snapshots),
            (tr("cmd_diff", lang), app.diff_marked),
            (
                tr("cmd_export", lang),
                partial(app.open_export, export_id() if export_id is not None else None),
            ),
            (tr("cmd_import", lang), app.open_import),
            (tr("cmd_audit", lang), app.action_show_audit),
        ]
        for s in reversed(snapshots):
            label = tr("diff_snapshot", lang, id=s.id, label=s.label)
            out.append((tr("cmd_diff_now", lang, name=label), partial(app.diff_now, s.id)))
        out += [
            (tr("cmd_new_indicator", lang), self._new_indicator),
            (tr("cmd_plan", lang), app.action_show_plan),
            (tr("cmd_achievements", lang), app.action_show_achievements),
        ]
        for d in app.store.districts():
            label = f"{district_short(d.id, lang)} — {name_of(d, lang)}"
            out.append((tr("cmd_district", lang, name=label), partial(app.goto_district, d.id)))
        for ind in app.store.indicators():
            name = name_of(ind, lang)
            out.append(
                (tr("cmd_open_indicator", lang, name=name), partial(app.open_indicator, ind))
            )
        out.append((tr("cmd_search", lang), app.search_achievements))
        out.append(
            (tr("cmd_theme", lang, name=tr("all_themes", lang)), partial(app.goto_theme, None))
        )
        for t in app.store.themes():
            out.append(
                (tr("cmd_theme", lang, name=name_of(t, lang)), partial(app.goto_theme, t.id))
            )
        out += [
            (tr("cmd_flagged", lang), app.toggle_flagged),
            (tr("cmd_language", lang), app.action_switch_language),
            (tr("cmd_help", lang), app.action_help),
            (tr("cmd_quit", lang), app.exit),
        ]
        return out

    async def _new_indicator(self) -> None:
        app: TrackerApp = self.app  # type: ignore[assignment]
        await app.goto_district(app.current_district())
        app.screen.action_new_indicator()  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for text, command in self._commands():
            yield DiscoveryHit(text, command, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text)
