"""Each indicator's latest value and verdicts, kept current as its plan and values
change. The verdicts are progress.py's: this module reads the rows they need and writes
what they say."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from tracker import progress
from tracker.gc_pause import collector_paused
from tracker.models import (
    BaselineFlag,
)
from tracker.store.connection import Connection, moment, translated
from tracker.store.rows import Entry, bind_marks, in_chunks, json_text
from tracker.work_counts import Progress, Tally, unheard

_STATUS_COLUMNS = ("indicator", "latest_year", "latest_value", "latest_quality",
                   "progress_share", "time_share", "schedule_verdict", "growth_ratio",
                   "growth_verdict", "value_count", *progress.Heading._fields, "reason",
                   "annual", "baseline_flags", "baseline_flagged", "overdue")
# an upsert changes the row where it is; a replace deletes and inserts it again, in the
# table and in its key's index, which a province's import would pay for every row
_STATUS_UPSERT = (
    f"INSERT INTO indicator_status ({', '.join(_STATUS_COLUMNS)})"
    f" VALUES ({bind_marks(_STATUS_COLUMNS)}) ON CONFLICT (indicator) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _STATUS_COLUMNS[1:])
)


class StatusCache(Connection):
    """The indicator_status table: each indicator's verdicts as progress.py gives them."""

    # Within a batch: the touched indicators, each with the values appended to it, or
    # None when its plan changed and its whole history must be read again.
    _deferred: dict[str, list[Entry] | None] | None = None

    @contextmanager
    def _deferred_status(self, tell: Progress = unheard) -> Iterator[None]:
        """Within a batch, refresh each touched indicator once, at the end."""
        if self._deferred is not None:
            yield
            return
        self._deferred = {}
        try:
            yield
            touched, self._deferred = self._deferred, None
            self._refresh_status(sorted(touched), touched, tell)
        finally:
            self._deferred = None

    def _refresh_status(
        self,
        indicator_ids: Sequence[str] | None,
        appended: dict[str, list[Entry] | None] | None = None,
        tell: Progress = unheard,
    ) -> None:
        """Recompute the cached verdicts of these indicators (None: all of them).
        `appended` gives, per indicator, the values just added to an unchanged plan;
        `tell` hears how many are done (`progress` is the verdicts' module here)."""
        if self._deferred is not None and indicator_ids is not None:
            for iid in indicator_ids:
                new = (appended or {}).get(iid)
                if iid not in self._deferred:
                    self._deferred[iid] = None if new is None else list(new)
                elif new is None:
                    self._deferred[iid] = None
                elif self._deferred[iid] is not None:
                    self._deferred[iid] += new  # type: ignore[operator]
            return
        tol = self.tolerance()
        review_year = self.review_year()
        if indicator_ids is None:
            indicator_ids = [r[0] for r in self.db.execute("SELECT id FROM indicators")]
        # counted as in_chunks hands them out: each indicator once
        tally = Tally(len(set(indicator_ids)), tell, step=1)
        # read once, and only if a refreshed indicator takes its baseline from a figure
        flags: dict[str, tuple[BaselineFlag, ...]] | None = None
        with collector_paused():
            for chunk, marks in in_chunks(indicator_ids):
                if flags is None and self.db.execute(
                        f"SELECT 1 FROM indicators WHERE id IN ({marks})"
                        " AND baseline_achievement IS NOT NULL LIMIT 1", chunk).fetchone():
                    flags = self.baseline_flags()
                self._refresh_chunk(chunk, marks, tol, appended or {}, flags or {},
                                    review_year)
                tally.add(len(chunk))

    @translated
    def baseline_flags(self) -> dict[str, tuple[BaselineFlag, ...]]:
        """Each flagged achievement's open flags, as a baseline taken from it carries them."""
        return {aid: tuple(BaselineFlag(code=f.code, message_zh=f.message_zh,
                                        message_en=f.message_en, severity=f.severity) for f in found)
                for aid, found in self.flags().items() if found}

    _PLAN_COLUMNS = ("id", "direction", "target_type", "band", "baseline_value",
                     "baseline_year", "target_value", "target_year", "values_as",
                     "milestone_state", "baseline_achievement")

    def _refresh_chunk(
        self, ids: list[str], marks: str, tol: float, appended: dict[str, list[Entry] | None],
        flags: dict[str, tuple[BaselineFlag, ...]], review_year: int | None = None,
    ) -> None:
        plans: dict[str, progress.Terms] = {}
        sources: dict[str, str] = {}
        plan_rows = self.db.execute(
            f"SELECT {', '.join(self._PLAN_COLUMNS)} FROM indicators WHERE id IN ({marks})", ids
        )
        Mark = progress.Mark  # noqa: N806 - the class, looked up once for 100,000 rows
        for (iid, direction, target_type, band, b_value, b_year, t_value, t_year, values_as,
             milestone, source) in plan_rows:
            # plain terms, not a Plan model: every row was checked by Indicator when it
            # was written, and a model for each was a fifth of a province's import
            plans[iid] = progress.Terms(
                direction, target_type,
                None if b_value is None else Mark(b_year, b_value),
                None if t_value is None else Mark(t_year, t_value),
                band, values_as, milestone, t_year,
            )
            if source is not None:
                sources[iid] = source
        yearly: dict[str, dict[int, float]] = {}
        for iid, year, value in self.db.execute(
                f"SELECT indicator, year, value FROM annual_targets WHERE indicator IN ({marks})",
                ids):
            yearly.setdefault(iid, {})[year] = value
        # a milestone is read in the year it is refreshed
        this_year = moment().year
        # per indicator: the entries its verdicts may read, and how many values it has
        entries: dict[str, list[Entry]] = {}
        counts: dict[str, int] = {}
        # with a review year: the years still owed, as cached, less those just reported
        owed: dict[str, list[int]] = {}
        history = list(plans)
        if any(appended.get(iid) is not None for iid in plans):
            # values appended to an unchanged plan: the cached latest value and the new
            # ones decide, unless the verdict reads the whole history (a running total)
            history = []
            cached = {r[0]: r[1:] for r in self.db.execute(
                "SELECT indicator, latest_year, latest_value, latest_quality, value_count,"
                f" overdue FROM indicator_status WHERE indicator IN ({marks})", ids)}
            for iid, plan in plans.items():
                new, old = appended.get(iid), cached.get(iid)
                if (new is None or old is None or old[3] is None or iid in yearly
                        or progress.reads_history(plan)
                        or (review_year is not None and old[4] is None)):
                    history.append(iid)
                    continue
                year, value, quality, count, overdue = old
                entries[iid] = ([] if year is None else [(year, value, quality)]) + new
                counts[iid] = count + len(new)
                if review_year is not None:
                    reported = {e[0] for e in new}
                    owed[iid] = [y for y in json.loads(overdue) if y not in reported]
        if history:
            for iid, year, value, q in self.db.execute(
                "SELECT indicator, year, value, quality FROM measurements"
                f" WHERE indicator IN ({bind_marks(history)}) AND voided_at IS NULL"
                " ORDER BY indicator, id",
                history,
            ):
                entries.setdefault(iid, []).append((year, value, q))
            for iid in history:
                counts[iid] = len(entries.get(iid, []))
        rows = []
        for iid, plan in plans.items():
            found = entries.get(iid, [])
            overdue: list[int] = []
            if review_year is not None:
                overdue = owed[iid] if iid in owed else progress.overdue_years(
                    plan, {e[0] for e in found}, review_year)
                # the values of later years are not yet due: the verdicts read up to it
                found = [e for e in found if e[0] <= review_year]
            # a point only for each value the verdicts read, not for a whole long history
            targets = yearly.get(iid)
            # a yearly target reads that year's value, not only the ones deciding
            chosen = found if targets else progress.deciding_entries(plan, found)
            pts = [Mark(y, v) for y, v, _ in chosen]
            baseline_flags = flags.get(sources.get(iid, ""), ())
            (latest, share, time_share, verdict, ratio, growth), heading, reason, annual, \
                _ = progress.assess_cached(plan, pts, tol, annual_targets=targets,
                                           as_of=this_year, baseline_flags=baseline_flags,
                                           review_year=review_year)
            # the later entry for a year wins, as for the value
            quality = {y: q for y, _, q in found}
            rows.append((
                iid,
                latest.year if latest else None,
                latest.value if latest else None,
                quality.get(latest.year) if latest else None,
                share,
                time_share,
                verdict,
                ratio,
                growth,
                counts[iid],
                *heading,
                reason or None,
                None if annual is None else annual.model_dump_json(),
                json_text([f.model_dump() for f in baseline_flags]) if baseline_flags
                else None,
                int(bool(baseline_flags)),
                None if review_year is None else json_text(overdue),
            ))
        self.db.conn.executemany(_STATUS_UPSERT, rows)
