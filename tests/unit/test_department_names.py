"""The departments' English names: the starter plan's, given to a new file and to an
older file's blanks only, and read where the language is English."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.conftest import FIXTURES, raw
from tracker.i18n import department_label
from tracker.seed import load_dataset
from tracker.store import SCHEMA_VERSION, Store

DATASET = load_dataset()
ENGLISH = {d.name_zh: d.name_en for d in DATASET.departments}


def test_the_starter_plan_names_every_department_it_uses_in_english() -> None:
    used = {ind.department for ind in DATASET.indicators if ind.department}
    assert used <= set(ENGLISH)
    assert all(ENGLISH.values())
    assert ENGLISH["市统计局"] == "City Statistics Bureau"
    assert len(set(map(str.lower, ENGLISH.values()))) == len(ENGLISH)


def test_a_new_file_starts_with_the_english_names(store: Store, db_path: Path) -> None:
    assert store.department_names() == {
        z: e for z, e in ENGLISH.items()
        if any(ind.department == z for ind in DATASET.indicators)}
    # the list keeps the order the plan names them in, as before
    assert [d.name_zh for d in store.departments()] == list(dict.fromkeys(
        ind.department for ind in DATASET.indicators if ind.department))
    assert raw(db_path, "SELECT name_en FROM departments WHERE name_zh = '黔东南州生态环境局凯里分局'"
               ) == [("Kaili Branch, Qiandongnan Prefecture Ecology and Environment Bureau",)]


def test_an_upgrade_fills_blank_english_names_only(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"schema-{SCHEMA_VERSION - 1}.db", db)
    con = sqlite3.connect(db)
    with con:
        # a name a planner set; a name a planner gave another department that the
        # starter plan would give 市教育局; a department the starter plan does not know
        con.execute("UPDATE departments SET name_en = 'Kaili Statistics Bureau'"
                    " WHERE name_zh = '市统计局'")
        con.execute("UPDATE departments SET name_en = 'City Education Bureau'"
                    " WHERE name_zh = '市林业局'")
        con.execute("INSERT INTO departments (name_zh, position) VALUES ('市体育局', 99)")
    con.close()
    assert raw(db, "SELECT count(*) FROM departments WHERE name_zh = '市工业和信息化局'"
               " AND name_en = ''") == [(1,)]
    with Store(db, actor="tester") as s:
        assert s.schema_version() == SCHEMA_VERSION
        names = s.department_names()
    assert names["市统计局"] == "Kaili Statistics Bureau"
    assert names["市林业局"] == "City Education Bureau"
    assert "市教育局" not in names  # its name is taken: left for the planners
    assert "市体育局" not in names
    assert names["市工业和信息化局"] == "City Bureau of Industry and Information Technology"
    assert raw(db, "SELECT count(*) FROM departments WHERE name_en = ''") == [(2,)]
    # reopened, nothing is named again
    with Store(db, actor="tester") as s:
        assert s.department_names() == names


def test_a_department_reads_in_english_where_it_has_an_english_name() -> None:
    names = {"市统计局": "City Statistics Bureau"}
    assert department_label("市统计局", names, "en") == "City Statistics Bureau"
    assert department_label("市统计局", names, "zh") == "市统计局"
    assert department_label("市体育局", names, "en") == "市体育局"
    assert department_label("", names, "en") == ""
