"""The search across the plan as a planner types it, a key at a time.

SQLite has no index for a word anywhere inside a name, so each search scans the plan:
at a province's 100,000 indicators, a count and a window of hits took longer than a
key should. Here the plan's searchable text (id, both names, the department and its
English name) is read once into memory, and each key filters it in Python: from the
hits of the key before when the search only grew, as it does while typing. The copy is
read again whenever the file has changed since, through this Store or any other, so a
hit is never one a fresh search would not find.

The words match as `match_words` takes them in SQL: each word in one of the texts,
literally, letters compared without case as SQLite's LIKE and lower() do (ASCII only).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.models import IndicatorState
from tracker.store.connection import Connection, translated
from tracker.store.plan_pages import STATE_COLUMNS, read_states
from tracker.store.rows import in_chunks

# between two texts of a row: no typed word holds it, so none matches across two
_TEXT = " || char(31) || ".join(
    f"coalesce({c}, '')" for c in ("i.id", "i.name_zh", "i.name_en", "i.department",
                                   "dp.name_en"))
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass
class _Copy:
    """The plan's searchable text as of one state of the file, and the last search."""

    state: tuple[int, int]
    ids: list[str]
    texts: list[str]
    search: str = ""
    hits: list[int] = field(default_factory=list)  # row numbers in `ids`
    where: dict[str, int] | None = None  # id -> its place among the hits, when asked


class PlanSearch(Connection):
    """The plan's indicators that match a search, for a search typed a key at a time."""

    _copy: _Copy | None = None

    def _state(self) -> tuple[int, int]:
        """Changes to the file: committed by other connections (data_version), and
        written through this one."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        return version, self.db.conn.total_changes

    def _plan_copy(self) -> _Copy:
        state = self._state()
        if self._copy is None or self._copy.state != state:
            rows = self.db.execute(
                f"SELECT i.id, lower({_TEXT}) FROM indicators i"
                " JOIN districts d ON d.id = i.district"
                " LEFT JOIN departments dp ON dp.name_zh = i.department"
                " WHERE i.retired = 0 ORDER BY d.position, i.position").fetchall()
            self._copy = _Copy(state, [r[0] for r in rows], [r[1] for r in rows])
            self._copy.hits = list(range(len(rows)))
        return self._copy

    def _hits(self, search: str) -> _Copy:
        copy = self._plan_copy()
        if search == copy.search:
            return copy
        words = search.translate(_ASCII_LOWER).split()
        # a search that only grew finds among the hits before it (each of its words
        # holds one of theirs), else among all
        rows = copy.hits if search.startswith(copy.search) else range(len(copy.ids))
        texts = copy.texts
        if any("\x1f" in w for w in words):
            rows = []  # the texts' separator is in no name
        for word in words:
            rows = [r for r in rows if word in texts[r]]
        copy.search, copy.hits, copy.where = search, list(rows), None
        return copy

    @translated
    def count_hits(self, search: str) -> int:
        """How many indicators of the plan (not retired) match `search`."""
        return len(self._hits(search).hits)

    @translated
    def hit_states(self, search: str, offset: int, limit: int) -> list[IndicatorState]:
        """A window of the indicators that match `search`, in the plan's order, each
        with its cached verdicts: `indicator_states(None, search, offset, limit)`."""
        copy = self._hits(search)
        ids = [copy.ids[r] for r in copy.hits[max(0, offset):max(0, offset) + limit]]
        found: dict[str, IndicatorState] = {}
        for chunk, marks in in_chunks(ids):
            cursor = self.db.execute(
                f"SELECT {STATE_COLUMNS} FROM indicators i"
                " LEFT JOIN indicator_status s ON s.indicator = i.id"
                f" WHERE i.id IN ({marks})", chunk)
            found |= {st.indicator.id: st for st in
                      read_states([c[0] for c in cursor.description], cursor)}
        return [found[i] for i in ids if i in found]

    @translated
    def hit_index(self, search: str, indicator_id: str) -> int | None:
        """Where an indicator stands among the hits of `search` (None: not one)."""
        copy = self._hits(search)
        if copy.where is None:
            copy.where = {copy.ids[r]: n for n, r in enumerate(copy.hits)}
        return copy.where.get(indicator_id)
