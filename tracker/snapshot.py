"""Snapshots: the whole state frozen for a report, and what changed between two."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from tracker import report
from tracker.models import (
    AchievementState,
    IndicatorState,
    LatestValue,
    SnapshotContent,
)
from tracker.store import Store


def current_state(store: Store, label: str = "") -> SnapshotContent:
    """The state as it is now, with each indicator's verdicts computed."""
    flags = store.flags()
    states = []
    for st in report.statuses(store, tolerance=store.tolerance()):
        latest = st.latest
        states.append(
            IndicatorState(
                indicator=st.indicator,
                latest=LatestValue(year=latest.year, value=latest.value) if latest else None,
                progress_share=st.schedule.progress_share,
                time_share=st.schedule.time_share,
                schedule_verdict=st.schedule.verdict,
                growth_ratio=st.growth.ratio,
                growth_verdict=st.growth.verdict,
            )
        )
    return SnapshotContent(
        label=label,
        taken_at=datetime.now(UTC).replace(microsecond=0),
        actor=store.actor,
        tolerance=store.tolerance(),
        districts=store.districts(),
        indicators=states,
        measurements=store.measurements(),
        achievements=[
            AchievementState(achievement=a, flags=flags.get(a.id, []))
            for a in store.achievements()
        ],
    )


def content_hash(content: SnapshotContent) -> str:
    """Same state, same hash: the label, time and actor are not part of it."""
    body = content.model_dump(mode="json", exclude={"label", "taken_at", "actor"})
    for m in body["measurements"]:
        m.pop("recorded_at", None)
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)

    indicator: str
    field: str
    old: object = None
    new: object = None


class SnapshotDiff(BaseModel):
    model_config = ConfigDict(frozen=True)

    added: list[str]
    removed: list[str]
    targets: list[Change]
    values: list[Change]
    verdicts: list[Change]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.targets or self.values or self.verdicts)


PLAN_FIELDS = ("baseline_value", "baseline_year", "target_value", "target_year", "target_type",
               "direction", "band")


def diff(a: SnapshotContent, b: SnapshotContent) -> SnapshotDiff:
    """What changed from a to b: indicators, targets, new values and verdicts."""
    old = {s.indicator.id: s for s in a.indicators}
    new = {s.indicator.id: s for s in b.indicators}
    targets, verdicts = [], []
    for iid in (i for i in new if i in old):
        o, n = old[iid], new[iid]
        for f in PLAN_FIELDS:
            ov, nv = getattr(o.indicator, f), getattr(n.indicator, f)
            if ov != nv:
                targets.append(Change(indicator=iid, field=f, old=ov, new=nv))
        for f in ("schedule_verdict", "growth_verdict"):
            if getattr(o, f) != getattr(n, f):
                verdicts.append(Change(indicator=iid, field=f, old=getattr(o, f),
                                       new=getattr(n, f)))
    seen = {m.id for m in a.measurements}
    values = [
        Change(indicator=m.indicator, field=str(m.year), new=m.value)
        for m in b.measurements
        if m.id not in seen
    ]
    return SnapshotDiff(
        added=[i for i in new if i not in old],
        removed=[i for i in old if i not in new],
        targets=targets,
        values=values,
        verdicts=verdicts,
    )
