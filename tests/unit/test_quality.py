"""Data-quality rules: computed from the records, never a hand-kept list."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.errors import NotFound, TrackerError
from tracker.models import Achievement, Indicator, Plausible, RatioRule
from tracker.quality import compute_flags
from tracker.seed import read_reference
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
    flagged = {aid: {(f.code, f.severity) for f in fl} for aid, fl in flags.items()}
    by_value = {str(store.achievement(aid).value): codes_ for aid, codes_ in flagged.items()}
    assert ("rate_over_100", "check") in by_value["116.3"]
    assert ("built_up_share_of_land", "error") in by_value["7362"]
    assert ("new_jobs_against_population", "error") in by_value["97"]
    assert ("school_places_against_population", "error") in by_value["43"]
    assert by_value["1661"] == {("expressway_share_of_roads", "check"),
                                ("expressway_density", "check")}
    assert by_value["128"] == {("loan_per_job", "check")}
    assert by_value["11"] == {("sport_area_per_resident", "check")}
    assert by_value["25"] == {("rural_transfer_against_population", "check")}
    # the sound figures are not flagged
    for sound in ("73.23", "6.13", "1867.4", "3450", "554", "27.8"):
        assert sound not in by_value
    # the reasons name their basis
    by_code = {f.code: f for fl in flags.values() for f in fl}
    assert "1,569.7 km²" in by_code["built_up_share_of_land"].message_en
    assert "1569.7平方公里" in by_code["built_up_share_of_land"].message_zh
    assert "709,057" in by_code["new_jobs_against_population"].message_en
    assert "transferred in" in by_code["rate_over_100"].message_en
    assert "转入" in by_code["rate_over_100"].message_zh


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


# -- ratio rules over data/reference.toml: each fires on the article's figure, not on a
# plausible one ------------------------------------------------------------------------

REFERENCE = read_reference()


def ratio_flags(*records: Achievement) -> dict[str, tuple[str, str]]:
    """code -> (severity, English message) of the flags on the records."""
    return {f.code: (f.severity, f.message_en)
            for f in compute_flags(list(records), (), REFERENCE)}


def named(aid: str, value: str, unit: str, **kw) -> Achievement:
    return ach(aid, value, unit, **kw)


@pytest.mark.parametrize(("article", "plausible"), [("7362", "73.62"), ("7362", "1500")])
def test_built_up_area_above_the_land_area_is_an_error(article: str, plausible: str) -> None:
    flags = ratio_flags(named("urban-built-up-area", article, "平方公里"))
    severity, message = flags["built_up_share_of_land"]
    assert severity == "error" and "469%" in message and "1,569.7" in message
    assert ratio_flags(named("urban-built-up-area", plausible, "平方公里")) == {}


def test_new_jobs_above_the_population_is_an_error() -> None:
    severity, message = ratio_flags(named("jobs-new-urban-jobs", "97", "万人"))[
        "new_jobs_against_population"]
    assert severity == "error" and "137%" in message and "709,057" in message
    assert ratio_flags(named("jobs-new-urban-jobs", "9.7", "万人")) == {}


def test_rural_labour_transfer_against_the_population_is_to_check() -> None:
    severity, message = ratio_flags(named("jobs-rural-labour-transfer", "25", "万人"))[
        "rural_transfer_against_population"]
    assert severity == "check" and "35.3%" in message and "人次" in message
    assert ratio_flags(named("jobs-rural-labour-transfer", "8", "万人")) == {}


def test_school_places_against_the_population_is_an_error() -> None:
    severity, _ = ratio_flags(named("edu-new-school-places", "43", "万个"))[
        "school_places_against_population"]
    assert severity == "error"
    assert ratio_flags(named("edu-new-school-places", "4.3", "万个")) == {}


def test_loan_per_job_is_to_check() -> None:
    jobs = named("jobs-startup-loan-jobs", "3450", "人")
    severity, message = ratio_flags(named("jobs-startup-loans", "128", "亿元"), jobs)[
        "loan_per_job"]
    assert severity == "check" and "371 万元/人" in message and "200,000" in message
    assert ratio_flags(named("jobs-startup-loans", "1.28", "亿元"), jobs) == {}


def test_sports_area_per_resident_is_to_check() -> None:
    severity, message = ratio_flags(named("sport-venue-area", "11", "万平方米"))[
        "sport_area_per_resident"]
    assert severity == "check" and "0.16 平方米/人" in message and "2.2 m²" in message
    assert ratio_flags(named("sport-venue-area", "150", "万平方米")) == {}


def test_expressways_against_roads_and_land_are_to_check() -> None:
    roads = named("urban-road-length", "1867.4", "公里")
    flags = ratio_flags(named("urban-expressway-length", "1661", "公里"), roads)
    assert flags["expressway_share_of_roads"][0] == "check"
    assert "88.9%" in flags["expressway_share_of_roads"][1]
    assert flags["expressway_density"][0] == "check"
    assert "7,607 km" in flags["expressway_density"][1]
    assert ratio_flags(named("urban-expressway-length", "166.1", "公里"), roads) == {}


def test_a_consolidation_rate_over_100_is_to_check_other_rates_are_errors() -> None:
    rate = ach("edu", "116.3", "%", kind="rate").model_copy(update={"title_zh": "义务教育巩固率"})
    (flag,) = compute_flags([rate], (), REFERENCE)
    assert flag.severity == "check" and "transferred in" in flag.message_en
    other = ach("urban", "116.3", "%", kind="rate").model_copy(
        update={"title_zh": "常住人口城镇化率"})
    (flag,) = compute_flags([other], (), REFERENCE)
    assert flag.severity == "error"
    assert compute_flags([rate.model_copy(update={"value": Decimal("98.6")})], (), REFERENCE) == []


def test_a_rule_with_no_threshold_or_a_share_across_units_is_refused() -> None:
    with pytest.raises(ValueError):
        RatioRule(id="r", kind="share", achievement="a", basis="b", ratio_unit="%",
                  measure_zh="x", measure_en="x", reason_zh="x", reason_en="x")
    with pytest.raises(ValueError):
        RatioRule(id="r", kind="share", achievement="a", basis="b", ratio_unit="万元",
                  check_above=1, measure_zh="x", measure_en="x", reason_zh="x", reason_en="x")


def test_manual_flags_are_to_check(store: Store) -> None:
    f = store.add_flag("urban-road-length", "old figure")
    assert f.severity == "check"
