"""The data/ loader given damaged files: a DataError naming the file, or a valid dataset."""

from __future__ import annotations

import csv
import math
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker.errors import TrackerError
from tracker.importer import plan_import, read_import
from tracker.models import Dataset
from tracker.seed import DataError, data_dir, load_dataset
from tracker.store import Store
from tracker.text_rules import CONTROL_CHAR

ORIGINAL = {name: (data_dir() / name).read_bytes() for name in
            ("achievements.toml", "plan.toml")}

NASTY = st.sampled_from([
    b"", b"\xef\xbb\xbf", b"\x00\x01\x02", b"\xff\xfe", b"=SUM(A1)", b"nan", b"inf",
    b"1e999", b"-0", b"9" * 400, "名".encode("gb18030"), b'"unterminated', b"[[achievement]]",
    b"value = \"\"", b"kind = \"rate\"", b"unit = 12", b"\r\n", b"\t",
    b"\x1b[2K", b"\r", "\u202e".encode(), "\u2066".encode(), "\x85".encode(),
    "10\u00b2".encode(), "\u2460".encode(),
])


@st.composite
def damaged(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(ORIGINAL)))
    data = bytearray(ORIGINAL[name])
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["insert", "cut", "truncate", "replace_line"]))
        if how == "insert":
            data[where:where] = draw(st.one_of(NASTY, st.binary(max_size=40)))
        elif how == "cut":
            del data[where : where + draw(st.integers(1, 200))]
        elif how == "truncate":
            del data[where:]
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, max(0, len(lines) - 1)))
            key = lines[i].split(b"=")[0] if b"=" in lines[i] else b"value "
            lines[i] = key + b"= " + draw(st.one_of(NASTY, st.binary(max_size=20)))
            data = bytearray(b"\n".join(lines))
    return name, bytes(data)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(data_dir(), target)
    return target


def header_damaged(name: str, record_id: str, header: str, typed: str) -> tuple[str, bytes]:
    """`name` with the table header of the record `record_id` mistyped as `typed`."""
    data = ORIGINAL[name]
    at = data.rindex(header.encode(), 0, data.index(f'id = "{record_id}"'.encode()))
    return name, data[:at] + typed.encode() + data[at + len(header):]


# a record of the article a reference rule names, its header missing a letter: the record
# left the article's list, and the rule was reported as the broken one
CHIEVEMENT = header_damaged("achievements.toml", "urban-built-up-area", "[[achievement]]",
                            "[[chievement]]")


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=damaged())
@example(case=CHIEVEMENT)
def test_damaged_data_files_give_a_data_error_or_a_valid_dataset(folder: Path, case) -> None:
    name, data = case
    for n, original in ORIGINAL.items():
        (folder / n).write_bytes(data if n == name else original)
    try:
        ds = load_dataset(folder)
    except DataError as e:
        text = str(e)
        # it names the file at fault (a broken link is reported where the link is)
        assert any(n in text for n in (*ORIGINAL, "article.txt"))
        assert "\n" not in text.strip()
    else:
        assert isinstance(ds, Dataset)
        # nothing loaded can move the cursor or turn the text around when printed
        for text in _strings(ds.model_dump()):
            assert not CONTROL_CHAR.search(text.replace("\n", "")), text


@pytest.mark.parametrize("case", [
    CHIEVEMENT,
    header_damaged("achievements.toml", "urban-built-up-area", "[[achievement]]",
                   "[[achievment]]"),
    # a record nothing else names: it left the list unseen, and the dataset loaded
    header_damaged("achievements.toml", "honours-garden-city", "[[achievement]]",
                   "[[achievemnt]]"),
    header_damaged("achievements.toml", "jobs-startup-loans", "[[achievement]]",
                   "[[achievement]"),
    header_damaged("plan.toml", "ecology-forest-coverage", "[[indicator]]", "[[indicatr]]"),
], ids=["chievement", "achievment", "unnamed", "unclosed", "indicatr"])
def test_a_mistyped_table_header_names_its_own_file(folder: Path, case) -> None:
    name, data = case
    for n, original in ORIGINAL.items():
        (folder / n).write_bytes(data if n == name else original)
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    text = str(caught.value)
    assert text.startswith(str(folder / name) + ":"), text
    others = {"achievements.toml", "plan.toml", "reference.toml"} - {name}
    assert not any(n in text for n in others), text


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def test_the_article_holds_no_control_character() -> None:
    texts = _strings(load_dataset(data_dir()).model_dump())
    assert len(texts) > 100 and not any(CONTROL_CHAR.search(t) for t in texts)


# -- an import's cells ---------------------------------------------------------------

CELLS = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789０１２３４５６７８９.,-e万亿%²³¹①⑩٣६\r\x1b\u202e ", max_size=10),
    st.sampled_from(["1e30", "nan", "inf", "-1e16", "1e15", "10²", "①⓪", "１２", "12\r"]),
)


@pytest.fixture(scope="module")
def import_store(tmp_path_factory) -> Store:
    with Store(tmp_path_factory.mktemp("imp") / "p.db", actor="fuzz") as s:
        yield s


def _other_digit(c: str) -> bool:
    return unicodedata.category(c)[0] == "N" and not ("0" <= c <= "9" or "０" <= c <= "９")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=CELLS, name=CELLS)
def test_an_import_takes_only_plain_digits_and_text(import_store: Store, tmp_path: Path,
                                                    value: str, name: str) -> None:
    path = tmp_path / "p.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([
            ["id", "district", "name_zh", "name_en", "unit", "direction", "attribute",
             "latest_value", "latest_year"],
            ["eco-fuzz", "ecology", name or "名", "x", "个", "increase", "expected",
             value, "2022"],
        ])
    try:
        plan = plan_import(import_store, read_import(path))
    except TrackerError as e:
        assert e.text("zh") and e.text("en")
        return
    # taken: a number written in plain or full-width digits, within the typed bounds,
    # and a name with nothing in it that moves the cursor
    assert not any(_other_digit(c) for c in value)
    [m] = plan.measurements
    assert math.isfinite(m.value) and abs(m.value) <= 1e15
    [ind] = plan.new_indicators
    assert not CONTROL_CHAR.search(ind.name_zh)
