"""Classes of the UI loaded when first wanted."""

from __future__ import annotations

from tracker import lazy


def loaded(ref: str) -> type:
    """The class `ref` names ("dialogs.target:TargetDialog", under tracker.ui), its module
    imported on first use: the first frame waits only for the plan's screen, not for
    every other screen, dialog and report the planner may open later."""
    return lazy.loaded(f"tracker.ui.{ref}")
