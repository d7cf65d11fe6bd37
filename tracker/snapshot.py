"""Snapshots: the whole state frozen for a report, and what changed between two.

One module, though long: taking, hashing and comparing a snapshot must agree on one
canonical form (written as `tracker.canonical` defines it), kept here."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from tracker import text_format
from tracker.canonical import canonical, quoted
from tracker.gc_pause import collector_paused
from tracker.i18n import pick
from tracker.i18n.exports import DIFF, DIFF_FIELDS
from tracker.i18n.punctuation import colon
from tracker.i18n.verdicts import VERDICTS, verdict_label
from tracker.models import (
    AchievementState,
    Compared,
    District,
    HashedValue,
    IndicatorState,
    Measurement,
    NewValue,
    PlanRow,
    SnapshotContent,
    SnapshotInfo,
)
from tracker.store import Store, snapshot_label
from tracker.work_counts import Progress, Tally, counted_chunks, unheard


def current_state(
    store: Store, label: str = "", values: bool = True, indicators: bool = True
) -> SnapshotContent:
    """The state as it is now, with each indicator's verdicts. Without `values`, the
    history of values is left out: the plan tables need only each latest value. Without
    `indicators`, the plan is too: the table exports read it a district at a time."""
    flags = store.flags()
    return SnapshotContent(
        label=label,
        taken_at=datetime.now(UTC).replace(microsecond=0),
        actor=store.actor,
        tolerance=store.tolerance(),
        districts=store.districts(),
        indicators=store.indicator_states() if indicators else [],
        measurements=store.measurements() if values else [],
        achievements=[
            AchievementState(achievement=a, flags=flags.get(a.id, []))
            for a in store.achievements()
        ],
    )


# values read, hashed and written at a time (and items of each list hashed at a time): a
# province's million values are never all models or dicts at once
CHUNK = 5_000
V = TypeVar("V", Measurement, tuple)
# where a value's id is in the store's rows of it
_VALUE_ID = HashedValue._fields.index("id")
_LISTS = ("districts", "indicators", "measurements", "achievements")


def take_snapshot(store: Store, label: str, progress: Progress = unheard) -> SnapshotInfo:
    """Freeze the state now, with every value, as a snapshot.

    The values go from the store to the hash a chunk at a time, all read as one state of
    the file: the same snapshot as `current_state` would give, without a province's
    million values held as models at once. SQLite then copies those same values."""
    label = snapshot_label(label)
    last, count = 0, 0
    # no cycles among the states and values read; the collector walking them was an
    # eighth of a province's snapshot
    with store.reading(), collector_paused():
        # the plan's states are hashed first, then the values: both are counted, or a
        # province's bar would stand still for the ten seconds its plan takes
        tally = Tally(store.count_indicators() + store.count_values(), progress, step=1)
        head = current_state(store, label, values=False, indicators=False)
        staged = _Staged(store, head.districts, tally)
        digest = _Digest(head, staged)
        for chunk in digest.fed(store.hashed_value_chunks(CHUNK)):
            if chunk:
                last, count = chunk[-1][_VALUE_ID], count + len(chunk)
                tally.add(len(chunk))
    return store.save_snapshot(head, digest.hexdigest(), values_read=(last, count),
                               states_staged=staged.count)


class _Staged:
    """The plan now a district at a time, kept by the store for the snapshot as the
    store hands it out (to the hash): a province's 100,000 states are never all models
    at once."""

    def __init__(self, store: Store, districts: Sequence[District], tally: Tally) -> None:
        self.store, self.districts, self.tally, self.count = store, districts, tally, 0

    def __iter__(self) -> Iterator[list[str]]:
        self.count = 0  # each pass stages the plan again, from its first state
        for states in self.store.staged_plan_states([d.id for d in self.districts]):
            self.count += len(states)
            yield states
            self.tally.add(len(states))


def _every_value(store: Store, progress: Progress) -> Iterator[Sequence[Measurement | tuple]]:
    """The store's values in entry order, a chunk at a time, counted as they go: the plain
    ones as the store's rows, which the JSON export writes as their models would."""
    return counted_chunks(store.plain_value_chunks(CHUNK), store.count_values(), progress)


def export_state(
    store: Store, fmt: str, path: Path, lang: str, label: str, force: bool = False,
    progress: Progress = unheard,
) -> Path:
    """Export the state now, read as one state of the file as it is written: the plan a
    district at a time, and for json (which alone carries every value; the tables need the
    latest ones) the values a chunk at a time. A province's 100,000 indicator states and
    million values are never all models at once."""
    # the exporters load when something is written, not with the app, which imports this
    # module at start
    from tracker import exporters
    from tracker.formats.plan_table import Rows

    with store.reading():
        head = current_state(store, label, values=False, indicators=False)
        if fmt == "json":
            yearly: dict[str, dict[int, float]] = {}
            return exporters.export(
                head, fmt, path, lang, force=force, values=_every_value(store, progress),
                states=_with_yearly(store, head.districts, yearly), annual_targets=yearly)
        rows = Rows(store.count_indicators(),
                    ((d, store.plan_rows(d.id)) for d in head.districts),
                    store.department_names())
        return exporters.export(head, fmt, path, lang, force=force, progress=progress,
                                rows=rows)


def _with_yearly(store: Store, districts: Sequence[District],
                 yearly: dict[str, dict[int, float]]) -> Iterator[list[dict]]:
    """The plan's states a page at a time, district by district, each page's yearly targets
    (年度目标) gathered into `yearly` as it goes: a JSON export carries every one of them.
    Each state is the dict its model dumps, which the export writes alike."""
    for d in districts:
        for page in store.state_dict_pages(d.id):
            yearly.update(store.annual_targets_by_indicator(
                [st["indicator"]["id"] for st in page]))
            yield page


def export(
    store: Store, snapshot_id: int | None, fmt: str, path: Path, lang: str, now_label: str,
    force: bool = False, progress: Progress = unheard,
) -> Path:
    """Export a stored snapshot, or the state now (labelled `now_label`) when no id.
    `progress` hears of the rows written, or for json of the values."""
    if snapshot_id is None:
        return export_state(store, fmt, path, lang, now_label, force, progress)
    return export_snapshot(store, snapshot_id, fmt, path, lang, force, progress)


def export_snapshot(
    store: Store, snapshot_id: int, fmt: str, path: Path, lang: str, force: bool = False,
    progress: Progress = unheard,
) -> Path:
    """Export a stored snapshot, its plan read a district at a time. As json, its values go
    to the file a chunk at a time; the tables need none of them (a snapshot from before
    the status kept each latest value's quality has those few looked up)."""
    from tracker import exporters  # not at start: see export_state
    from tracker.formats.plan_table import Rows

    _, head = store.snapshot_head(snapshot_id, indicators=False)
    if fmt == "json":
        # written as it was stored
        values = counted_chunks(store.snapshot_values(snapshot_id, CHUNK),
                                store.snapshot_value_count(snapshot_id), progress)
        return exporters.export(
            head, fmt, path, lang, force=force, values=values,
            states=(store.snapshot_states(snapshot_id, d.id) for d in head.districts))

    def district(d: District) -> tuple[District, list[PlanRow]]:
        states = store.snapshot_states(snapshot_id, d.id)
        # a latest value read without a quality (its field left unset, so "final" by
        # default) was stored before the status kept one: its values know it
        unmarked = {(st.indicator.id, st.latest.year) for st in states
                    if st.latest is not None and "quality" not in st.latest.model_fields_set}
        if unmarked:
            states = _with_qualities(states, store.snapshot_qualities(snapshot_id, unmarked))
        return d, [PlanRow.of(st) for st in states]

    rows = Rows(store.snapshot_state_count(snapshot_id), (district(d) for d in head.districts),
                store.department_names())
    return exporters.export(head, fmt, path, lang, force=force, progress=progress, rows=rows)


def _with_qualities(states: list[IndicatorState], qualities: dict[tuple[str, int], str]
                    ) -> list[IndicatorState]:
    return [
        st.model_copy(update={"latest": st.latest.model_copy(update={
            "quality": qualities[key]})})
        if st.latest is not None
        and (key := (st.indicator.id, st.latest.year)) in qualities else st
        for st in states
    ]


def content_hash(content: SnapshotContent) -> str:
    """Same state, same hash: the label, time and actor are not part of it.

    The hash is of the content's canonical JSON (keys sorted, no spaces, the values
    without the moment they were typed in), fed to sha256 piece by piece: the text is
    the same as dumping the whole body at once, without holding it all as dicts."""
    digest = _Digest(content)
    values = content.measurements
    for _ in digest.fed(values[i:i + CHUNK] for i in range(0, len(values), CHUNK)):
        pass
    return digest.hexdigest()


class _Digest:
    """The content hash, fed in the canonical order: what sorts before the values, then
    the values a chunk at a time (`fed`), then the rest (`hexdigest`)."""

    def __init__(self, content: SnapshotContent,
                 indicators: Iterable[Sequence[IndicatorState | dict | str]] | None = None
                 ) -> None:
        """`indicators`: the plan's states a chunk at a time, when `content` leaves
        them out: models, the dicts they dump, or those dicts' canonical texts."""
        self.content = content
        self.indicators = indicators
        self.body = content.model_dump(
            mode="json", exclude={"label", "taken_at", "actor", *_LISTS})
        self.keys = sorted([*self.body, *_LISTS])
        self.sha = hashlib.sha256(b"{")
        self.at = self.keys.index("measurements")
        for i in range(self.at):
            self._section(i)
        self.sha.update(f"{',' if self.at else ''}{canonical('measurements')}:[".encode())
        self.values = 0

    def fed(self, chunks: Iterable[Sequence[V]]) -> Iterator[Sequence[V]]:
        """The chunks of values (models, or the store's rows as the hash reads them),
        each hashed on its way through."""
        for chunk in chunks:
            if chunk:
                self._text(_values_text(chunk), first=self.values == 0)
                self.values += len(chunk)
            yield chunk

    def hexdigest(self) -> str:
        self.sha.update(b"]")
        for i in range(self.at + 1, len(self.keys)):
            self._section(i)
        self.sha.update(b"}")
        return self.sha.hexdigest()

    def _section(self, i: int) -> None:
        key = self.keys[i]
        self.sha.update(f"{',' if i else ''}{canonical(key)}:".encode())
        if key in self.body:
            self.sha.update(canonical(self.body[key]).encode())
            return
        chunks: Iterable[Sequence[BaseModel | dict | str]] = [getattr(self.content, key)]
        if key == "indicators" and self.indicators is not None:
            chunks = self.indicators
        self.sha.update(b"[")
        first = True
        for chunk in chunks:
            # a district's states are dumped for the hash CHUNK at a time too
            for start in range(0, len(chunk), CHUNK):
                part = chunk[start:start + CHUNK]
                if isinstance(part[0], str):
                    # the store's canonical texts of the states (for a snapshot)
                    self._text(",".join(part), first)
                else:
                    self._items([x if isinstance(x, dict) else x.model_dump(mode="json")
                                 for x in part], first=first)
                first = False
        self.sha.update(b"]")

    def _items(self, items: list[dict[str, Any]], first: bool) -> None:
        self._text(canonical(items)[1:-1], first)

    def _text(self, text: str, first: bool) -> None:
        """Items of a list, as canonical JSON without the brackets."""
        self.sha.update(f"{'' if first else ','}{text}".encode())


# one value's canonical JSON, its keys in order (HashedValue's are sorted)
_VALUE_TEXT = "{" + ",".join(f'"{f}":%s' for f in HashedValue._fields) + "}"


def _values_text(chunk: Sequence[Measurement] | Sequence[tuple]) -> str:
    """Values as canonical JSON, without when each was typed in or the list's brackets.
    The store's rows (tuples of HashedValue's fields) are the very fields their models
    dump, typed alike, and are written as json.dumps writes them (its own string encoder,
    a float's repr): a province's million values need not become models, nor dicts for
    the encoder."""
    if isinstance(chunk[0], Measurement):
        return canonical([m.model_dump(mode="json", exclude={"recorded_at"})
                          for m in chunk])[1:-1]
    text, number = _VALUE_TEXT, float.__repr__
    return ",".join([
        text % (quoted(actor), "null" if date is None else quoted(date), id_, quoted(ind),
                quoted(note), quoted(quality), quoted(source), number(value), year)
        for actor, date, id_, ind, note, quality, source, value, year in chunk])


# a slotted dataclass, not a model: comparing after a province's year of values makes
# a change per value, and as models they would hold far more memory; SnapshotDiff
# dumps them alike
@dataclass(frozen=True, slots=True)
class Change:
    indicator: str
    field: str
    old: object = None
    new: object = None


class SnapshotDiff(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    added: list[str]
    removed: list[str]
    targets: list[Change]
    values: list[Change]
    verdicts: list[Change]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.targets or self.values or self.verdicts)


# a target is its value and year together: one change, however many parts moved
PLAN_FIELDS: dict[str, tuple[str, ...]] = {
    "target": ("target_value", "target_year"),
    "baseline": ("baseline_value", "baseline_year"),
    "target_type": ("target_type",),
    "direction": ("direction",),
    "band": ("band",),
}
def _plan_value(ind: object, parts: tuple[str, ...]) -> object:
    if len(parts) == 1:
        return getattr(ind, parts[0])
    value, year = (getattr(ind, p) for p in parts)
    return None if value is None else {"value": value, "year": year}


def diff(a: SnapshotContent, b: SnapshotContent) -> SnapshotDiff:
    """What changed from a to b: indicators, targets, new values and verdicts."""
    seen = {m.id for m in a.measurements}
    return changes(a, b, [m for m in b.measurements if m.id not in seen])


def changes(a: SnapshotContent, b: SnapshotContent,
            new_values: Sequence[Measurement | NewValue]) -> SnapshotDiff:
    """What changed from a to b, given the values b holds that a does not (so a and b
    may be read without their values)."""
    found = _Found(s.indicator.id for s in a.indicators)
    found.feed(_compared(a.indicators), _compared(b.indicators))
    return found.diff(new_values)


def _compared(states: Iterable[IndicatorState]) -> list[Compared]:
    return [Compared.of(PlanRow.of(s)) for s in states]


# each change a comparison reports, in the order it lists them: its kind, its field and
# the parts it is made of; then with the places of those parts in a Compared
_KINDS = [("targets", f, parts) for f, parts in PLAN_FIELDS.items()] + [
    ("verdicts", f, (f,)) for f in ("schedule_verdict", "growth_verdict")]
_CHANGES = [(kind, f, parts, [Compared._fields.index(p) for p in parts])
            for kind, f, parts in _KINDS]


def _state_changes(o: Compared, n: Compared) -> Iterator[tuple[str, Change]]:
    """The target and verdict changes of one indicator, each with its kind. A change is
    made only where its parts differ: after a year's values came in, most indicators
    differ in a verdict or in nothing."""
    for kind, f, parts, places in _CHANGES:
        if any(o[i] != n[i] for i in places):
            ov, nv = _plan_value(o, parts), _plan_value(n, parts)
            if ov != nv:
                yield kind, Change(indicator=n.id, field=f, old=ov, new=nv)


class _Found:
    """The changes between two plans read a district at a time, the older side's
    indicators known beforehand (`older`, in its order). Each indicator comes as what a
    comparison reads of it (a Compared), not as a model: a province's plan is 100,000
    of them. Only the changes are kept, and the indicators that moved district until
    their other side is read, not a province's plan."""

    def __init__(self, older: Iterable[str], named: Collection[str] = ()) -> None:
        self.older = dict.fromkeys(older)
        self.seen: set[str] = set()  # the newer side's indicators read so far
        # the names of the indicators the diff names: changed, added, or with new values
        self.named = named
        self.names: dict[str, tuple[str, str]] = {}
        # each change keyed by its indicator's place in the newer plan: an indicator
        # that moved district is matched late but listed where a whole read lists it
        self.found: dict[str, list[tuple[int, Change]]] = {"targets": [], "verdicts": []}
        self.added: list[str] = []
        self.parked_old: dict[str, Compared] = {}
        self.parked_new: dict[str, tuple[int, Compared]] = {}

    def feed(self, old: Iterable[Compared], new: Iterable[Compared]) -> None:
        """One district's indicators on each side (either may be empty)."""
        here: dict[str, Compared] = {}
        for o in old:
            if o.id in self.parked_new:  # it moved here from a district read before
                place, n = self.parked_new.pop(o.id)
                self._compare(o, n, place)
            else:
                here[o.id] = o
        for n in new:
            iid = n.id
            place = len(self.seen)
            self.seen.add(iid)
            if iid in self.named:
                self._name(n)
            if iid not in self.older:
                self.added.append(iid)
                self._name(n)
            elif iid in here:
                self._compare(here.pop(iid), n, place)
            elif iid in self.parked_old:
                self._compare(self.parked_old.pop(iid), n, place)
            else:
                self.parked_new[iid] = (place, n)
        # the rest were removed, or moved to a district not read yet
        self.parked_old.update(here)

    def _compare(self, old: Compared, new: Compared, place: int) -> None:
        if old.fields == new.fields:
            return
        for kind, change in _state_changes(old, new):
            self.found[kind].append((place, change))
        self._name(new)

    def _name(self, n: Compared) -> None:
        self.names[n.id] = (n.name_zh, n.name_en)

    def diff(self, new_values: Sequence[Measurement | NewValue]) -> SnapshotDiff:
        def ordered(kind: str) -> list[Change]:
            return [c for _, c in sorted(self.found[kind], key=lambda pc: pc[0])]

        return SnapshotDiff(
            added=self.added,
            removed=[i for i in self.older if i not in self.seen],
            targets=ordered("targets"),
            values=[Change(indicator=m.indicator, field=str(m.year), new=m.value)
                    for m in new_values],
            verdicts=ordered("verdicts"),
        )


@dataclass
class Comparison:
    older: SnapshotInfo
    newer: SnapshotInfo | None  # None: now
    diff: SnapshotDiff
    names: dict[str, tuple[str, str]]  # (zh, en) of each indicator the diff names


def compare(store: Store, a: int, b: int | None, progress: Progress = unheard) -> Comparison:
    """Snapshot a against snapshot b (the older first), or against now when b is None.
    Both plans are read a district at a time, as the few fields a comparison reads, and
    nothing becomes a model: a province's two plans are never held whole. `progress`
    hears of the indicators read, of both plans."""
    if b is not None and b < a:
        a, b = b, a
    # as for taking one: the collector walking the states read was a sixth of it
    with store.reading(), collector_paused():
        info_a, head_a = store.snapshot_head(a, indicators=False)
        if b is None:
            info_b = None
            head_b = current_state(store, "", values=False, indicators=False)
            new = store.values_since(a)
        else:
            info_b, head_b = store.snapshot_head(b, indicators=False)
            new = store.values_since(a, b)
        found = _Found(store.snapshot_indicators(a), {m.indicator for m in new})
        tally = Tally(len(found.older) + (store.count_indicators() if b is None
                                          else store.snapshot_state_count(b)), progress, step=1)
        older = [d.id for d in head_a.districts]
        newer = [d.id for d in head_b.districts]
        for d in newer + [d for d in older if d not in newer]:
            later: list[Compared] = []
            if d in newer:
                later = ([Compared.of(r) for r in store.plan_rows(d)] if b is None
                         else store.snapshot_compared(b, d))
            earlier = store.snapshot_compared(a, d) if d in older else []
            found.feed(earlier, later)
            tally.add(len(earlier) + len(later))
        diff = found.diff(new)
    return Comparison(info_a, info_b, diff, found.names)


def diff_text(d: SnapshotDiff, names: Mapping[str, tuple[str, str]], lang: str,
              limit: int | None = None) -> str:
    """The diff as a planner reads it, one change a line. With `limit`, each kind of change
    lists at most that many and says how many more there are (a screen cannot lay out a
    province's hundred thousand lines; the command line lists them all)."""

    def who(iid: str) -> str:
        zh_name, en_name = names.get(iid, ("", ""))
        return f"{iid} {pick((en_name, zh_name), lang)}".rstrip()

    def figure(v: float) -> str:
        # every digit: a change in the fifth decimal would read "75.1235 → 75.1235"
        return text_format.exact_num(v, grouped=True)

    def show(v: object) -> str:
        # every digit, as the figures were entered: a diff is read to see what changed
        if isinstance(v, dict):
            return "—" if v["value"] is None else f"{figure(v['value'])} ({v['year']})"
        return "—" if v is None else figure(v) if isinstance(v, float) else str(v)

    def field(f: str) -> str:
        return DIFF_FIELDS.get_text(f, lang, f)

    def verdict(v: object) -> str:
        return verdict_label(str(v), lang) if v in VERDICTS else show(v)

    if d.empty:
        return DIFF.text("no_changes", lang)
    lines: list[str] = []
    sep = colon(lang)

    def more(n: int) -> str:
        return DIFF.text("more", lang, n=n)

    def listed(items: list, line: Callable[[Any], str]) -> None:
        lines.extend(text_format.sampled(items, line, limit, more))

    listed(d.added, lambda i: DIFF.text("added", lang, who=who(i)))
    listed(d.removed, lambda i: DIFF.text("removed", lang, who=i))
    listed(d.targets,
           lambda c: f"{who(c.indicator)}{sep}{field(c.field)} {show(c.old)} → {show(c.new)}")
    listed(d.values, lambda c: DIFF.text("new_value", lang, who=who(c.indicator),
                                         year=c.field, value=show(c.new)))
    listed(d.verdicts,
           lambda c: f"{who(c.indicator)}{sep}{field(c.field)} {verdict(c.old)} → {verdict(c.new)}")
    return "\n".join(lines)
