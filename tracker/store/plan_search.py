"""The search across the plan as a planner types it, a key at a time.

SQLite has no index for a word anywhere inside a name, so each search scans the plan:
at a province's 100,000 indicators, a count and a window of hits took longer than a
key should. Here the plan's searchable text (id, both names, the department and its
English name) is copied into memory, and each key filters the copy in Python: from the
hits of the key before when the search only grew, as it does while typing.

The copy is read on a thread of its own, through a read-only connection of its own, so
the screen never waits for it: until it is there, each search is the plan's own query
(as before the copy). A copy serves only the state of the file it was asked in: any
change since, through this Store or any other, and a new one is read, the query
serving meanwhile. So a hit is always one a fresh query would find.

The words match as `match_words` takes them in SQL: each word in one of the texts,
literally, letters compared without case as SQLite's LIKE and lower() do (ASCII only).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field

from tracker.models import IndicatorState
from tracker.store.connection import BUSY_TIMEOUT_S, Connection, translated
from tracker.store.plan_pages import STATE_COLUMNS, read_states
from tracker.store.rows import in_chunks

# between two texts of a row: no typed word holds it, so none matches across two
_TEXT = " || char(31) || ".join(
    f"coalesce({c}, '')" for c in ("i.id", "i.name_zh", "i.name_en", "i.department",
                                   "dp.name_en"))
_COPY_SQL = (f"SELECT i.id, lower({_TEXT}) FROM indicators i"
             " JOIN districts d ON d.id = i.district"
             " LEFT JOIN departments dp ON dp.name_zh = i.department"
             " WHERE i.retired = 0 ORDER BY d.position, i.position")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# below this many indicators the plan's own query is quick enough at every key
COPY_FROM = 5_000


@dataclass
class _Copy:
    """The plan's searchable text as of one state of the file, and the last search."""

    state: tuple[int, int]
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    search: str = ""
    hits: list[int] = field(default_factory=list)  # row numbers in `ids`
    where: dict[str, int] | None = None  # id -> its place among the hits, when asked
    ready: threading.Event = field(default_factory=threading.Event)

    def _read(self, uri: str) -> None:
        """On the copy's thread: the plan's text, through a connection of its own."""
        try:
            con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S,
                                  check_same_thread=False)
            try:
                rows = con.execute(_COPY_SQL).fetchall()
            finally:
                con.close()
        except sqlite3.Error:
            return  # never ready: the plan's own query goes on serving
        self.ids, self.texts = [r[0] for r in rows], [r[1] for r in rows]
        self.hits = list(range(len(rows)))
        self.ready.set()


class PlanSearch(Connection):
    """The plan's indicators that match a search, for a search typed a key at a time."""

    _copy: _Copy | None = None

    def _state(self) -> tuple[int, int]:
        """Changes to the file: committed by other connections (data_version), and
        written through this one."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        return version, self.db.conn.total_changes

    def _ready_copy(self) -> _Copy | None:
        """The copy of the file as it is now, if it has been read; else None, and one is
        being read (for a plan large enough to need it)."""
        if self.db.conn.in_transaction:
            return None  # what this connection has written is not yet the file's
        state = self._state()
        copy = self._copy
        if copy is None or copy.state != state:
            if self.db.execute("SELECT count(*) FROM indicators").fetchone()[0] < COPY_FROM:
                return None
            # read in a transaction of its own, so what it reads is no older than `state`
            copy = self._copy = _Copy(state)
            uri = self.path.resolve().as_uri() + "?mode=ro"
            threading.Thread(target=copy._read, args=(uri,), name="plan-search-copy",
                             daemon=True).start()
        return copy if copy.ready.is_set() else None

    def _hits(self, search: str) -> _Copy | None:
        copy = self._ready_copy()
        if copy is None or search == copy.search:
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
        """How many indicators of the plan (not retired) match `search`:
        `count_indicators(None, search)`."""
        copy = self._hits(search)
        if copy is None:
            return self.count_indicators(None, search)  # type: ignore[attr-defined, no-any-return]
        return len(copy.hits)

    @translated
    def hit_states(self, search: str, offset: int, limit: int) -> list[IndicatorState]:
        """A window of the indicators that match `search`, in the plan's order, each
        with its cached verdicts: `indicator_states(None, search, offset, limit)`."""
        copy = self._hits(search)
        if copy is None:
            return self.indicator_states(  # type: ignore[attr-defined, no-any-return]
                None, search, offset, limit)
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
        """Where an indicator stands among the hits of `search` (None: not one):
        `indicator_index(None, search, indicator_id)`."""
        copy = self._hits(search)
        if copy is None:
            return self.indicator_index(  # type: ignore[attr-defined, no-any-return]
                None, search, indicator_id)
        if copy.where is None:
            copy.where = {copy.ids[r]: n for n, r in enumerate(copy.hits)}
        return copy.where.get(indicator_id)

    @translated
    def prepare_plan_search(self) -> None:
        """Start reading the copy of the plan's text now, for a search still to come."""
        self._ready_copy()

    @translated
    def wait_for_plan_copy(self, timeout: float = 30.0) -> bool:
        """Wait until the copy of the file as it is now is read (tests and benchmarks
        that mean to measure it); False for a plan small enough not to need one."""
        self._ready_copy()
        return self._copy is not None and self._copy.ready.wait(timeout)
