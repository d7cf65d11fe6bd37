"""The data/ loader given damaged files: a DataError naming the file, or a valid dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.models import Dataset
from tracker.seed import DataError, data_dir, load_dataset

ORIGINAL = {name: (data_dir() / name).read_bytes() for name in
            ("achievements.toml", "plan.toml")}

NASTY = st.sampled_from([
    b"", b"\xef\xbb\xbf", b"\x00\x01\x02", b"\xff\xfe", b"=SUM(A1)", b"nan", b"inf",
    b"1e999", b"-0", b"9" * 400, "名".encode("gb18030"), b'"unterminated', b"[[achievement]]",
    b"value = \"\"", b"kind = \"rate\"", b"unit = 12", b"\r\n", b"\t",
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


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=damaged())
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
