"""What the parts of the UI say to each other, in one place.

Screens, dialogs and the command palette never call up into the app: they post one of
the requests below, which bubbles up to the app (or is posted to it), and the app acts.
The app tells the screens what changed by posting one of the notices below to every
screen it holds, in every mode; each screen handles the notices it cares about. A
widget's own messages stay nested in the widget (VirtualTable.Counted, …)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tracker.models import Indicator

# -- requests: to the app ----------------------------------------------------------------


@dataclass
class DataChanged(Message):
    """The planner saved an indicator of `district` here (a target, a value, a baseline):
    every screen that shows it should show it again."""

    district: str
    indicator_id: str | None = None


@dataclass
class TakeSnapshot(Message):
    """Open the snapshot dialog."""


@dataclass
class OpenExport(Message):
    """Open the export dialog for a snapshot, or for the state as it is now (None)."""

    snapshot_id: int | None = None


@dataclass
class OpenReviewReport(Message):
    """Open the form that writes the mid-term review report."""


@dataclass
class OpenImport(Message):
    """Open the import dialog."""


@dataclass
class OpenAudit(Message):
    """Show one indicator's changes over the screen on top."""

    indicator_id: str


@dataclass
class CompareWithNow(Message):
    """Compare a snapshot with the state as it is now."""

    snapshot_id: int


@dataclass
class CompareMarked(Message):
    """Go to the snapshots and compare the two marked there."""


@dataclass
class GotoDistrict(Message):
    """Show the plan at one district."""

    district: str


@dataclass
class GotoTheme(Message):
    """Show the achievements of one theme (None: every theme)."""

    theme: str | None


@dataclass
class OpenIndicator(Message):
    """Show one indicator's own screen, over the plan at its district."""

    indicator: Indicator


@dataclass
class SearchAchievements(Message):
    """Go to the achievements and open their search box."""


@dataclass
class ToggleFlagged(Message):
    """Go to the achievements and show only the flagged figures, or all again."""


@dataclass
class NewIndicator(Message):
    """Go to the plan and open the new indicator form for the district shown there."""


@dataclass
class SetReviewYear(Message):
    """Open the review year form: the year whose values are due, or none."""


# -- notices: from the app to every screen (they do not bubble back up) -------------------


@dataclass
class LanguageChanged(Message, bubble=False):
    """The UI language is now `lang`: say everything again in it."""

    lang: str


@dataclass
class RefreshDistrict(Message, bubble=False):
    """An indicator of `district` was saved in this app: show it again, the cursor on
    `indicator_id` where it is listed."""

    district: str
    indicator_id: str | None = None


@dataclass
class RefreshData(Message, bubble=False):
    """Another connection (another planner, or a worker of this app) committed: read
    again what is shown, keeping the cursor."""
