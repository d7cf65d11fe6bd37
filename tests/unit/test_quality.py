"""Data-quality rules: computed from the records, never a hand-kept list."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.errors import NotFound, TrackerError
from tracker.models import Achievement, Indicator, Plausible
from tracker.quality import compute_flags
from tracker.store import Store


def ach(aid: str, value: str | None, unit: str = "人", **kw) -> Achievement:
    kind = kw.pop("kind", "quantity" if value is not None else "honour")
    return Achievement(
        id=aid,
        theme="t",
        title_zh=aid,
        title_en=aid,
        value=Decimal(value) if value is not None else None,
        unit=unit if value is not None else "",
        period="2020",
        kind=kind,
        source_quote="q",
        **kw,
    )


def codes(flags) -> set[tuple[str, str]]:
    return {(f.achievement, f.code) for f in flags}


def test_rate_over_100() -> None:
    flags = compute_flags(
        [ach("r1", "116.3", "%", kind="rate"), ach("r2", "100", "%", kind="rate")]
    )
    assert codes(flags) == {("r1", "rate_over_100")}
    assert "116.3%" in flags[0].message_zh and "116.3%" in flags[0].message_en


def test_parts_must_sum_when_complete() -> None:
    whole = ach("firms", "67", "家", parts_complete=True)
    parts = [ach(f"p{i}", v, "家", part_of="firms") for i, v in enumerate(["10", "45", "10", "2"])]
    assert compute_flags([whole, *parts]) == []
    wrong = [*parts[:-1], ach("p3", "3", "家", part_of="firms")]
    flags = compute_flags([whole, *wrong])
    assert codes(flags) == {("firms", "parts_sum_mismatch")}
    assert "68" in flags[0].message_en


def test_partial_parts_are_not_summed_but_a_bigger_part_is_flagged() -> None:
    whole = ach("all", "1.7", "万人", qualifier="more_than")
    assert compute_flags([whole, ach("pro", "3000", qualifier="more_than", part_of="all")]) == []
    flags = compute_flags([whole, ach("pro", "30000", part_of="all")])
    assert codes(flags) == {("pro", "part_exceeds_whole")}


def test_outside_plausible_range_in_indicator_unit() -> None:
    a = ach("jobs", "97", "万人")
    ind = Indicator(
        id="i",
        district="wellbeing",
        name_zh="就业",
        name_en="jobs",
        unit="人",
        baseline_achievement="jobs",
        baseline_value=970000,
        baseline_year=2020,
        plausible=Plausible(max=800000, basis_zh="人口", basis_en="population"),
    )
    flags = compute_flags([a], [ind])
    assert codes(flags) == {("jobs", "outside_plausible")}
    assert "population" in flags[0].message_en
    ok = ind.model_copy(update={"plausible": Plausible(max=1_000_000, basis_zh="x", basis_en="x")})
    assert compute_flags([a], [ok]) == []


def test_seeded_article_flags_the_suspect_figures(store: Store) -> None:
    flags = store.flags()
    flagged = {aid: {f.code for f in fl} for aid, fl in flags.items()}
    by_value = {str(store.achievement(aid).value): codes_ for aid, codes_ in flagged.items()}
    assert "rate_over_100" in by_value["116.3"]
    assert by_value["97"] == {"outside_plausible"}
    assert by_value["43"] == {"outside_plausible"}
    # the sound figures are not flagged
    assert "73.23" not in by_value and "6.13" not in by_value


def test_manual_flag_add_and_clear_are_audited(store: Store) -> None:
    f = store.add_flag("urban-road-length", "checked with the transport bureau: 1,867.4 is old")
    assert f.manual and f.code == "manual"
    assert any(x.manual for x in store.flags()["urban-road-length"])
    store.clear_flag("urban-road-length", f"manual:{f.id}", "confirmed")
    assert "urban-road-length" not in store.flags()
    actions = [e.action for e in store.audit(entity="achievement", entity_id="urban-road-length")]
    assert actions == ["clear_flag", "flag"]
    with pytest.raises(TrackerError):
        store.add_flag("urban-road-length", "   ")


def test_clearing_a_rule_flag_records_who_and_why(store: Store) -> None:
    aid = next(
        aid for aid, fl in store.flags().items() if any(f.code == "rate_over_100" for f in fl)
    )
    store.clear_flag(aid, "rate_over_100", "transfer pupils push the official rate above 100%")
    assert all(f.code != "rate_over_100" for f in store.flags().get(aid, []))
    entry = store.audit(entity="achievement", entity_id=aid)[0]
    assert entry.new == {"cleared_note": "transfer pupils push the official rate above 100%"}
    with pytest.raises(NotFound):
        store.clear_flag(aid, "rate_over_100")
