"""A snapshot read from its file a record at a time: what it reads is what json.loads reads,
a bad record anywhere is named and nothing is written, a file cut short is one line."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import raw
from tracker.errors import TrackerError
from tracker.exporters import export
from tracker.importer import ImportProblems, apply_import, plan_import, read_import
from tracker.importer.columns import ValueColumns
from tracker.importer.json_stream import Elements, NotJson, members
from tracker.models import ImportedValue, Measurement
from tracker.snapshot import current_state
from tracker.store import Store

URBAN = "openness-urbanisation-rate"
TABLES = ("indicators", "measurements", "audit", "indicator_status", "departments")

scalars = st.one_of(st.none(), st.booleans(), st.integers(),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=4), inner, max_size=4)),
    max_leaves=12)
names = st.sampled_from(["a", "b", "indicators", "é", ""])
documents = st.lists(st.tuples(names, values), max_size=6)


def text_of(pairs: list[tuple[str, Any]], indent: int | None, ascii_only: bool) -> str:
    """An object with these members in this order, a name given twice written twice."""
    sep = ",\n" if indent else ", "
    return "{" + sep.join(
        json.dumps(k) + ": " + json.dumps(v, indent=indent, ensure_ascii=ascii_only)
        for k, v in pairs) + "}"


def read(data: bytes, streamed: tuple[str, ...], chunk: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in members(io.BytesIO(data), streamed, chunk=chunk):
        out[name] = list(value) if isinstance(value, Elements) else value
    return out


def loads(data: bytes) -> Any:
    return json.loads(data.decode("utf-8-sig"))


@settings(max_examples=300, deadline=None)
@given(pairs=documents, indent=st.sampled_from([None, 0, 2]), ascii_only=st.booleans(),
       bom=st.booleans(), chunk=st.integers(1, 40),
       streamed=st.sampled_from([(), ("a",), ("a", "indicators", "")]))
def test_what_is_read_is_what_json_loads_reads(pairs, indent, ascii_only, bom, chunk,
                                               streamed) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + f" \n{text_of(pairs, indent, ascii_only)}\n"\
        .encode()
    assert read(data, streamed, chunk) == loads(data)


@settings(max_examples=300, deadline=None)
@given(pairs=documents, cut=st.integers(0, 10_000), tail=st.sampled_from(["", "x", "}", ",", "{}"]),
       chunk=st.integers(1, 40))
def test_a_file_cut_short_or_run_on_is_refused_as_json_loads_refuses_it(pairs, cut, tail,
                                                                       chunk) -> None:
    text = text_of(pairs, 2, False)
    data = (text[:cut % (len(text) + 1)] + tail).encode()
    try:
        expected = loads(data)
    except ValueError:
        expected = None
    try:
        got = read(data, ("a", "indicators"), chunk)
    except NotJson:
        got = None
    if isinstance(expected, dict):
        assert got == expected
    else:
        assert got is None


@pytest.mark.parametrize("text", ["[1, 2]", "1", '"x"', "", "{", '{"a" 1}', '{"a": [1,]}',
                                  '{"a": [1 2]}', '{"a": [1]]}', '{"a": 1,}'])
def test_what_is_not_one_object_is_not_read(text: str) -> None:
    with pytest.raises(NotJson):
        read(text.encode(), ("a",), 3)


def test_bytes_that_are_not_utf8_are_not_read() -> None:
    with pytest.raises(NotJson):
        read(b'{"a": ["\xff"]}', ("a",), 2)


def test_a_long_value_is_read_across_many_windows() -> None:
    long = {"a": ["x" * 5_000, list(range(2_000)), 12345678901234567890]}
    data = json.dumps(long).encode()
    assert read(data, ("a",), 16) == long


# -- a snapshot file


@pytest.fixture
def source(tmp_path: Path) -> Store:
    with Store(tmp_path / "a.db", actor="tester") as s:
        s.update_indicator(URBAN, {"target_value": 78.0, "target_year": 2025})
        s.add_measurement(Measurement(indicator=URBAN, year=2022, value=75.0,
                                      date="2022-06-30", source="统计公报", note="年中"))
        s.add_measurement(Measurement(indicator=URBAN, year=2023, value=76.0,
                                      quality="provisional"))
        yield s


@pytest.fixture
def fresh(tmp_path: Path) -> Store:
    with Store(tmp_path / "b.db", actor="tester") as s:
        yield s


def snapshot_of(source: Store, tmp_path: Path) -> dict[str, Any]:
    path = export(current_state(source), "json", tmp_path / "s.json", "en")
    return json.loads(path.read_text(encoding="utf-8"))


def dump(db: Path) -> dict[str, list[tuple]]:
    return {t: raw(db, f"SELECT * FROM {t} ORDER BY 1") for t in TABLES}


def test_a_snapshots_values_keep_their_date_source_and_note(source: Store, fresh: Store,
                                                            tmp_path: Path) -> None:
    path = export(current_state(source), "json", tmp_path / "s.json", "en")
    apply_import(fresh, plan_import(fresh, read_import(path)))
    assert raw(fresh.path, "SELECT year, value, date, source, note, quality FROM measurements"
               " WHERE indicator = ? ORDER BY year", (URBAN,)) == [
        (2022, 75.0, "2022-06-30", "统计公报", "年中", "final"),
        (2023, 76.0, None, "", "", "provisional")]


@pytest.mark.parametrize("where", ["first", "last"])
def test_a_bad_record_anywhere_is_named_and_nothing_is_written(
        source: Store, fresh: Store, tmp_path: Path, where: str) -> None:
    data = snapshot_of(source, tmp_path)
    i = 0 if where == "first" else len(data["measurements"]) - 1
    data["measurements"][i]["year"] = "soon"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    before = dump(fresh.path)
    with pytest.raises(ImportProblems) as e:
        apply_import(fresh, plan_import(fresh, read_import(path)))
    lines = e.value.text("en").splitlines()
    assert len(lines) == 2 and lines[1].startswith(f"measurements[{i}]: year")
    assert dump(fresh.path) == before


def test_the_last_of_a_name_given_twice_is_the_one_read(source: Store, fresh: Store,
                                                        tmp_path: Path) -> None:
    data = snapshot_of(source, tmp_path)
    good = json.dumps(data["measurements"])
    text = json.dumps(data)
    # a first "measurements" with a bad record, then the good one: json.loads keeps the last
    text = text.replace('"measurements": ', '"measurements": [{"year": 1}], "measurements": ',
                        1)
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    plan = plan_import(fresh, read_import(path))
    assert len(plan.measurements) == len(json.loads(good))


def test_a_file_cut_short_is_refused_in_one_line(source: Store, fresh: Store,
                                                 tmp_path: Path) -> None:
    data = snapshot_of(source, tmp_path)
    data["measurements"][0]["year"] = "soon"  # a bad record before the cut is not listed
    text = json.dumps(data, indent=2)
    before = dump(fresh.path)
    for cut in (len(text) // 2, len(text) - 3):
        path = tmp_path / "cut.json"
        path.write_text(text[:cut], encoding="utf-8")
        with pytest.raises(TrackerError) as e:
            read_import(path)
        assert e.value.key == "import_not_snapshot"
        assert len(e.value.text("en").splitlines()) == 1
    assert dump(fresh.path) == before


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 10**9))
def test_any_cut_of_a_snapshot_is_refused_whole(source: Store, tmp_path: Path,
                                                cut: int) -> None:
    text = (tmp_path / "s.json").read_text(encoding="utf-8") if (tmp_path / "s.json").exists()\
        else export(current_state(source), "json", tmp_path / "s.json", "en").read_text(
            encoding="utf-8")
    short = text.rstrip()[:cut % len(text.rstrip())]
    path = tmp_path / "cut.json"
    path.write_text(short, encoding="utf-8")
    with pytest.raises(TrackerError) as e:
        read_import(path)
    assert e.value.key == "import_not_snapshot"


def test_an_indicator_a_snapshot_adds_twice_is_added_then_changed(
        source: Store, fresh: Store, tmp_path: Path) -> None:
    data = snapshot_of(source, tmp_path)
    first = data["indicators"][0]
    first["indicator"] |= {"id": "openness-new-berths", "baseline_achievement": None}
    second = json.loads(json.dumps(first))
    second["indicator"]["department"] = "市交通局"
    data["indicators"] = [first, second]
    data["measurements"] = []
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    plan = plan_import(fresh, read_import(path))
    assert [i.id for i in plan.new_indicators] == ["openness-new-berths"]
    assert plan.updates == [("openness-new-berths", {"department": "市交通局"})]
    apply_import(fresh, plan)
    assert fresh.indicator("openness-new-berths").department == "市交通局"


@given(values=st.lists(st.tuples(
    st.sampled_from(["a", "b", "城"]), st.integers(1990, 2035),
    st.floats(allow_nan=False), st.sampled_from(["final", "provisional"]),
    st.sampled_from(["", "公报"]), st.sampled_from([None, "2024-01-31"]), st.text(max_size=3)),
    max_size=20))
def test_values_held_as_columns_read_back_as_they_were_added(values) -> None:
    added = [ImportedValue(*v) for v in values]
    columns = ValueColumns(added)
    assert list(columns) == added == columns
    assert [columns[i] for i in range(-len(added), len(added))] == added + added
    assert columns[1:4] == added[1:4]
    assert columns.indicators() == {v.indicator for v in added}
