"""The article's record with its flags, and the file's health: the parts of the store
that `tracker achievements` and `tracker check` read, opened without the plan's."""

from __future__ import annotations

from tracker.store.achievements import Achievements
from tracker.store.audit import Audit


class ArticleRecord(Achievements, Audit):
    """The achievements, their flags and the file's checks (see Settings.open_part)."""
