"""The search across the plan as it is typed: the store's copy of the plan's text finds
what the plan's own query finds, in the same order, and sees every change to the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.models import Indicator
from tracker.store import Store, plan_search

SEARCHES = ["", "g", "e", "E", "gdp", "GDP", "城", "城市", "urban rate", "rate urban", "air",
            "%", "_", "a_b", "big data", "大数据", "  forest  ", "ecology-forest",
            "nothing-like-this", "统计局", "bureau"]


def sql_hits(store: Store, search: str) -> list[str]:
    return [st.indicator.id for st in store.indicator_states(None, search)]


def copy_hits(store: Store, search: str) -> list[str]:
    assert store.wait_for_plan_copy()
    return [st.indicator.id for st in store.hit_states(search, 0, 10_000)]


@pytest.fixture
def plan(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    # the city's plan is searched through a copy too, as a province's is
    monkeypatch.setattr(plan_search, "COPY_FROM", 0)
    store.add_department("市大数据发展管理局", "Big Data Bureau")
    store.update_indicator("ecology-forest-coverage", {"department": "市大数据发展管理局"})
    store.retire_indicator("ecology-good-air-days")
    return store


def test_every_search_finds_what_the_plans_query_finds(plan: Store) -> None:
    for search in SEARCHES:
        assert copy_hits(plan, search) == sql_hits(plan, search), search
        assert plan.count_hits(search) == plan.count_indicators(None, search), search


def test_until_the_copy_is_read_the_plans_query_answers(plan: Store) -> None:
    plan.update_indicator("ecology-forest-coverage", {"notes": "a change"})
    # asked at once after a change: the copy of the file as it is now may not be read
    # yet, and the answer is the same either way
    assert [st.indicator.id for st in plan.hit_states("forest", 0, 10)] == \
        sql_hits(plan, "forest")
    assert plan.hit_index("forest", "ecology-forest-coverage") == 0
    assert plan.wait_for_plan_copy()


def test_a_small_plan_needs_no_copy(store: Store) -> None:
    assert not store.wait_for_plan_copy()
    assert store.count_hits("gdp") == store.count_indicators(None, "gdp")


def test_a_search_typed_a_key_at_a_time_finds_as_one_typed_at_once(plan: Store) -> None:
    for search in ("urban rate", "big data", "ecology-f"):
        for k in range(len(search) + 1):
            assert copy_hits(plan, search[:k]) == sql_hits(plan, search[:k])
        # and back again, as a planner deletes what was typed
        for k in range(len(search), -1, -1):
            assert copy_hits(plan, search[:k]) == sql_hits(plan, search[:k])


def test_a_hits_place_is_its_place_among_the_hits(plan: Store) -> None:
    hits = sql_hits(plan, "e")
    assert [plan.hit_index("e", i) for i in hits] == list(range(len(hits)))
    assert plan.hit_index("e", "ecology-good-air-days") is None  # retired
    assert plan.hit_index("zzz", hits[0]) is None


def test_a_change_through_the_store_is_found_at_once(plan: Store) -> None:
    assert copy_hits(plan, "湿地公园新") == []
    plan.add_indicator(Indicator(id="ecology-new-wetland", district="ecology",
                                 name_zh="湿地公园新建", name_en="New wetland parks"))
    assert copy_hits(plan, "湿地公园新") == ["ecology-new-wetland"]
    plan.retire_indicator("ecology-new-wetland")
    assert copy_hits(plan, "湿地公园新") == []


def test_a_change_another_planner_saves_is_found_too(plan: Store, db_path: Path) -> None:
    assert copy_hits(plan, "wetland parks") == []
    with Store(db_path, actor="other") as other:
        other.add_indicator(Indicator(id="ecology-new-wetland", district="ecology",
                                      name_zh="湿地公园新建", name_en="New wetland parks"))
    assert copy_hits(plan, "wetland parks") == ["ecology-new-wetland"]
    assert plan.count_hits("WETLAND") == plan.count_indicators(None, "WETLAND")
