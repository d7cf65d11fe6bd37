"""A database seeded when the starter plan read its baselines from 2020 meets the plan whose
baselines take the years their records support (2021 for a figure of the congress term or
as of the report): `tracker plan update` offers the new year for rows no planner touched,
shows the change, and keeps a row a planner set up as they left it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import raw
from tracker.seed import data_dir, load_dataset
from tracker.store import Store

STARTER = load_dataset()
# the rows whose record is read as the congress term (五年来) or as of the report, and whose
# year the earlier plan kept at 2020
MOVED = [
    "culture-4a-scenic-areas", "ecology-new-parks-squares", "openness-urbanisation-rate",
    "openness-road-length", "openness-expressway-length", "wellbeing-new-urban-jobs",
    "wellbeing-new-school-places", "wellbeing-compulsory-edu-consolidation",
    "wellbeing-medical-institutions", "wellbeing-old-community-renovation",
    "wellbeing-shantytown-renovation", "wellbeing-affordable-housing",
]
PLANNED = "openness-road-length"  # a planner set its target while it read 2020


def _from_2020(plan: str) -> str:
    """The plan text with the MOVED rows' baseline year put back to 2020."""
    blocks = plan.split("[[indicator]]")
    for k, block in enumerate(blocks):
        m = re.search(r'^id = "([^"]+)"', block, re.M)
        if m and m.group(1) in MOVED:
            assert "baseline_year = 2021\n" in block, m.group(1)
            blocks[k] = block.replace("baseline_year = 2021\n", "baseline_year = 2020\n")
    return "[[indicator]]".join(blocks)


@pytest.fixture
def db_2020(tmp_path: Path) -> Path:
    old = tmp_path / "old-data"
    shutil.copytree(data_dir(), old)
    plan = old / "plan.toml"
    plan.write_text(_from_2020(plan.read_text(encoding="utf-8")), encoding="utf-8")
    path = tmp_path / "plan.db"
    with Store(path, actor="seeder", dataset=load_dataset(old)) as s:
        s.update_indicator(PLANNED, {"target_value": 2000.0, "target_year": 2025})
    return path


def years(path: Path) -> dict[str, int]:
    return dict(raw(path, "SELECT id, baseline_year FROM indicators"))


def test_the_starter_plan_links_these_rows_to_2021() -> None:
    by_id = {i.id: i for i in STARTER.indicators}
    assert {by_id[i].baseline_year for i in MOVED} == {2021}


def test_dry_run_shows_each_year_that_would_change(run, db_2020: Path) -> None:
    before = years(db_2020)
    r = run("plan", "update", "--dry-run", "--db", str(db_2020), "--lang", "en")
    assert r.exit_code == 0, r.output
    for iid in MOVED:
        if iid != PLANNED:
            assert re.search(rf"~ {iid} .*: baseline year 2020 → 2021$", r.output, re.M), iid
    assert f"= {PLANNED} " in r.output and "changed by a planner" in r.output
    assert "update 11 indicators:" in r.output
    assert years(db_2020) == before
    zh = run("plan", "update", "--dry-run", "--db", str(db_2020), "--lang", "zh").output
    assert "常住人口城镇化率：基期年份 2020 → 2021" in zh


def test_yes_moves_the_untouched_rows_and_their_verdicts(run, db_2020: Path) -> None:
    urban = "openness-urbanisation-rate"
    r = run("plan", "update", "--yes", "--db", str(db_2020), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "0 added, 0 retyped, 11 updated, 0 retired" in r.output
    after = years(db_2020)
    assert {after[i] for i in MOVED if i != PLANNED} == {2021}
    # the planner's row keeps the year it was set up against
    assert after[PLANNED] == 2020
    assert raw(db_2020, "SELECT target_value, target_year FROM indicators WHERE id = ?",
               (PLANNED,)) == [(2000.0, 2025)]
    # the verdicts read from the new base year: 2022 is one year of four (s = 0.25)
    with Store(db_2020, actor="planner") as s:
        s.update_indicator(urban, {"target_value": 78.0, "target_year": 2025})
    run("measure", "add", urban, "--year", "2022", "--value", "75", "--db", str(db_2020))
    [(verdict, share)] = raw(db_2020, "SELECT schedule_verdict, time_share FROM"
                                      " indicator_status WHERE indicator = ?", (urban,))
    assert (verdict, share) == ("ahead", 0.25)
