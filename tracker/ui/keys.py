"""Key bindings in the UI language, and the help list built from the active bindings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

from tracker.i18n.ui import action_label, tr


@dataclass(frozen=True)
class KeyGroup(Binding.Group):
    """Keys shown together in the footer under one label ("1234 Views"); `key` names
    the label in i18n, so it is said again in each language."""

    key: str = ""


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Say every binding description of `node` in `lang` (looked up by action name).

    Keys whose action is in the node's FOOTER_LAST go to the end, so the footer shows
    what the screen is for before what every screen has."""
    last = getattr(node, "FOOTER_LAST", ())
    items = sorted(
        node._bindings.key_to_bindings.items(),
        key=lambda item: any(b.action.rpartition(".")[2] in last for b in item[1]),
    )
    keys: dict[str, list[Binding]] = {}
    for key, bindings in items:
        keys[key] = [_localized(b, lang) for b in bindings]
    node._bindings = BindingsMap.from_keys(keys)


@lru_cache(maxsize=1024)
def _localized(b: Binding, lang: str) -> Binding:
    # cached (bindings are frozen): every screen and table is localized as it mounts,
    # the plan's five tables with the same bindings before its first frame
    if b.description:
        b = replace(b, description=action_label(b.action, lang, b.description))
    if isinstance(b.group, KeyGroup) and b.group.key:
        b = replace(b, group=replace(b.group, description=tr(b.group.key, lang)))
    return b


def help_rows(screen: Screen, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key active on `screen`, grouped: the focused part, the screen, everywhere.

    Keys bound to the same action are listed together ("j, ↓")."""
    app = screen.app
    groups: dict[str, dict[tuple[int, str], tuple[list[str], str]]] = {
        "help_screen": {},
        "help_focused": {},
        "help_app": {},
    }
    listed: set[str] = set()
    for active in screen.active_bindings.values():
        node, binding = active.node, active.binding
        # Textual's own keys (tab between fields, copy) carry no id: they are not the
        # tracker's to explain, and are the same in every terminal app
        if binding.system or binding.id is None:
            continue
        action = binding.action.rpartition(".")[2]
        group = "help_app" if node is app else "help_screen" if node is screen else "help_focused"
        # a key the screen shows and the app keeps for its dialogs is one key
        if group == "help_app" and action in listed:
            continue
        listed.add(action)
        label = action_label(binding.action, lang, binding.description)
        slot = groups[group].setdefault((id(node), binding.action), ([], label))
        display = app.get_key_display(binding)
        if display not in slot[0]:
            slot[0].append(display)
    return [
        (tr(group, lang), [(", ".join(keys), label) for keys, label in rows.values()])
        for group, rows in groups.items()
        if rows
    ]
