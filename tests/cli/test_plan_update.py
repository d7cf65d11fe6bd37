"""`tracker plan update`: a database seeded from the earlier starter plan meets the
reshaped one as an offer. What planners entered is never overwritten; nothing changes
without their yes; the change is one transaction with its audit entries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import raw
from tracker.cli import cli
from tracker.errors import Conflict
from tracker.models import Indicator, Measurement
from tracker.seed import data_dir, load_dataset
from tracker.store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures"
STARTER = load_dataset()


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    """A database seeded from the earlier starter plan, in which planners set a target,
    typed a value and added a row of their own."""
    old = tmp_path / "old-data"
    shutil.copytree(data_dir(), old)
    shutil.copy(FIXTURES / "plan_before_reshape.toml", old / "plan.toml")
    path = tmp_path / "plan.db"
    with Store(path, actor="seeder", dataset=load_dataset(old)) as s:
        s.update_indicator("openness-road-length", {"target_value": 2000.0,
                                                    "target_year": 2025})
        s.add_measurement(Measurement(indicator="wellbeing-compulsory-edu-consolidation",
                                      year=2021, value=98.0))
        s.add_indicator(Indicator(id="ecology-wetland", district="ecology",
                                  name_zh="湿地保护率", name_en="Wetland protection", unit="%"))
    return path


def everything(path: Path) -> list:
    """What a planner could see change: the rows, the districts, the departments, the log."""
    return [raw(path, "SELECT * FROM indicators ORDER BY id"),
            raw(path, "SELECT * FROM districts ORDER BY id"),
            raw(path, "SELECT * FROM departments ORDER BY name_zh"),
            raw(path, "SELECT count(*) FROM audit")]


def test_dry_run_lists_the_offer_and_changes_nothing(run, old_db: Path) -> None:
    before = everything(old_db)
    r = run("plan", "update", "--dry-run", "--db", str(old_db), "--lang", "en")
    assert r.exit_code == 0, r.output
    out = r.output
    assert "+ industry-gdp-growth" in out and "+ ecology-energy-intensity-reduction" in out
    # a growth indicator that was entered as a level is retyped
    assert "~ industry-industrial-value-added-growth" in out and "type level →" in out
    assert "- ecology-built-up-area" in out
    # what planners touched is listed as kept, and their own row is not offered for retiring
    assert "= openness-road-length" in out and "changed by a planner" in out
    assert "= wellbeing-compulsory-edu-consolidation" in out
    assert "ecology-wetland" not in out
    assert "Dry run: nothing was changed." in out
    assert everything(old_db) == before


@pytest.mark.parametrize("answer", ["n\n", "", "x\nn\n"])
def test_nothing_changes_without_a_yes(old_db: Path, answer: str) -> None:
    """A no, an answer that is not a yes, or no answer at all (no terminal) is a no."""
    before = everything(old_db)
    r = CliRunner().invoke(cli, ["plan", "update", "--db", str(old_db)], input=answer)
    assert r.exit_code == 1
    assert "已取消，未作任何更改" in r.output and "Traceback" not in r.output
    assert everything(old_db) == before


def test_yes_applies_the_offer_and_keeps_what_planners_entered(run, old_db: Path) -> None:
    r = run("plan", "update", "--yes", "--db", str(old_db), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "15 added, 2 retyped" in r.output
    with Store(old_db, actor="reader") as s:
        inds = {i.id: i for i in s.indicators(with_retired=True)}
        # every row of the starter plan is there; untouched rows read as the plan has them
        for want in STARTER.indicators:
            have = inds[want.id]
            if want.id in ("openness-road-length", "wellbeing-compulsory-edu-consolidation"):
                continue
            assert (have.target_type, have.name_zh, have.unit, have.baseline_value,
                    have.baseline_year, have.baseline_achievement, have.notes,
                    have.values_as) == (
                want.target_type, want.name_zh, want.unit, want.baseline_value,
                want.baseline_year, want.baseline_achievement, want.notes,
                want.values_as), want.id
        growth = inds["industry-industrial-value-added-growth"]
        assert (growth.target_type, growth.values_as, growth.version) == ("growth_rate", "rate", 2)
        # the planners' target, their value and their row, as they left them
        road = inds["openness-road-length"]
        assert (road.target_value, road.target_year, road.version) == (2000.0, 2025, 2)
        edu = inds["wellbeing-compulsory-edu-consolidation"]
        assert (edu.target_type, edu.attribute) == ("level", "expected")
        assert [m.value for m in s.measurements(edu.id)] == [98.0]
        assert not inds["ecology-wetland"].retired
        # a starter row the plan no longer has is retired, its history kept
        assert inds["ecology-built-up-area"].retired
        assert inds["openness-tourism-revenue-growth"].retired
        # the rows stand in the plan table's order, the planners' own after its district's
        eco = [i.id for i in s.indicators("ecology")]
        assert eco == [i.id for i in STARTER.indicators if i.district == "ecology"] + [
            "ecology-wetland"]
        assert [i.id for i in s.indicators("industry")][:2] == [
            "industry-gdp-growth", "industry-industrial-value-added-growth"]
        assert s.district("openness").summary_zh == next(
            d.summary_zh for d in STARTER.districts if d.id == "openness")
        # the cached verdicts read as the plan now is: rows waiting for a target are to be set
        states = {st.indicator.id: st for st in s.indicator_states()}
        assert states["industry-gdp-growth"].schedule_verdict == "to_be_set"
        assert states["culture-embroiderers"].schedule_verdict == "to_be_set"
        assert "ecology-built-up-area" not in states
    # one entry for the whole update, and one per row it changed, all by the planner
    entries = raw(old_db, "SELECT entity, entity_id, actor FROM audit WHERE action = 'plan_update'")
    assert ("database", "plan.db") in {(e, i) for e, i, _ in entries}
    changed = {i for e, i, _ in entries if e == "indicator"}
    assert "industry-gdp-growth" in changed and "ecology-built-up-area" in changed
    assert "openness-road-length" not in changed and "ecology-wetland" not in changed
    assert len(changed) == 15 + 2 + 14 + 2


def test_a_second_update_finds_nothing_to_do(run, old_db: Path) -> None:
    assert run("plan", "update", "--yes", "--db", str(old_db)).exit_code == 0
    before = everything(old_db)
    r = run("plan", "update", "--db", str(old_db), "--lang", "en")
    assert r.exit_code == 0
    assert "already has the starter plan" in r.output
    assert "= openness-road-length" in r.output  # still listed as the planners'
    assert everything(old_db) == before


def test_a_row_the_update_changed_is_the_planners_once_they_edit_it(old_db: Path) -> None:
    with Store(old_db, actor="planner") as s:
        s.apply_plan_update(STARTER, s.plan_update_offer(STARTER))
        assert "culture-sport-venue-area" not in s.planner_touched()
        s.update_indicator("culture-sport-venue-area", {"unit": "平方米/人"})
        assert "culture-sport-venue-area" in s.planner_touched()
        o = s.plan_update_offer(STARTER)
        assert o.empty
        assert ("culture-sport-venue-area", "touched") in {
            (k.indicator.id, k.why) for k in o.kept}


def test_a_fresh_database_is_up_to_date(run, db_path: Path) -> None:
    r = run("plan", "update", "--dry-run", "--db", str(db_path), "--lang", "en")
    assert r.exit_code == 0
    assert "already has the starter plan" in r.output and "kept" not in r.output


def test_an_edit_while_deciding_refuses_the_offer_and_writes_nothing(old_db: Path) -> None:
    with Store(old_db, actor="planner") as s:
        shown = s.plan_update_offer(STARTER)
        # another planner sets a target on a row the offer would retype
        s.update_indicator("culture-4a-scenic-areas", {"target_value": 5.0,
                                                       "target_year": 2025})
        before = everything(old_db)
        with pytest.raises(Conflict):
            s.apply_plan_update(STARTER, shown)
        assert everything(old_db) == before


def test_a_failure_part_way_writes_nothing(old_db: Path, monkeypatch) -> None:
    before = everything(old_db)
    with Store(old_db, actor="planner") as s:
        shown = s.plan_update_offer(STARTER)

        def broken(*args, **kwargs):
            raise OSError("disk full")

        monkeypatch.setattr(Store, "_refresh_status", broken)
        with pytest.raises(OSError):
            s.apply_plan_update(STARTER, shown)
    assert everything(old_db) == before


def test_a_baseline_figure_the_database_lacks_keeps_the_row_out(old_db: Path) -> None:
    with Store(old_db, actor="planner") as s:
        con = s.db.conn
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("DELETE FROM achievements WHERE id = 'embroidery-enterprises'")
        o = s.plan_update_offer(STARTER)
    assert ("culture-embroidery-enterprises", "missing_figure") in {
        (k.indicator.id, k.why) for k in o.kept}
    assert "culture-embroidery-enterprises" not in {c.indicator.id for c in o.changes}


def test_a_broken_starter_plan_is_one_line_and_changes_nothing(run, old_db: Path,
                                                               tmp_path: Path) -> None:
    broken = tmp_path / "broken-data"
    shutil.copytree(data_dir(), broken)
    with (broken / "plan.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[[indicator]\n")
    before = everything(old_db)
    r = run("plan", "update", "--yes", "--db", str(old_db), env={"TRACKER_DATA_DIR": str(broken)})
    assert r.exit_code == 1
    assert len(r.output.strip().splitlines()) == 1 and "plan.toml" in r.output
    assert everything(old_db) == before


# the English names data/plan.toml gives its departments
ENGLISH = {d.name_zh: d.name_en for d in STARTER.departments}


@pytest.fixture
def planners_departments(old_db: Path) -> Path:
    """The earlier starter plan listed no English names; planners listed a department the
    new plan brings under their own English name, and gave the name the new plan has for
    the statistics bureau to another department."""
    with Store(old_db, actor="planner") as s:
        s.add_department("市商务局", "Kaili Commerce Bureau")
        s.add_department("市统计局普查中心", ENGLISH["市统计局"])
    return old_db


def test_dry_run_lists_the_english_names_a_department_would_be_given(
        run, planners_departments: Path) -> None:
    before = everything(planners_departments)
    r = run("plan", "update", "--dry-run", "--db", str(planners_departments), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "give 12 departments the starter plan's English name:" in r.output
    # one the new rows bring, one the database had
    assert f"  ~ 市投资促进局 → {ENGLISH['市投资促进局']}" in r.output
    assert f"  ~ 市林业局 → {ENGLISH['市林业局']}" in r.output
    assert "市商务局 →" not in r.output and "市统计局 →" not in r.output
    assert everything(planners_departments) == before


def test_yes_gives_departments_their_english_names_where_they_have_none(
        run, planners_departments: Path) -> None:
    db = planners_departments
    r = run("plan", "update", "--yes", "--db", str(db), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert r.output.rstrip().endswith(", 12 departments named in English")
    names = dict(raw(db, "SELECT name_zh, name_en FROM departments"))
    # a department the new rows bring, and one the database already had
    assert names["市投资促进局"] == ENGLISH["市投资促进局"]
    assert names["市林业局"] == ENGLISH["市林业局"]
    # a planner's name stays; a name another department goes by is not given twice
    assert names["市商务局"] == "Kaili Commerce Bureau"
    assert (names["市统计局"], names["市统计局普查中心"]) == ("", ENGLISH["市统计局"])
    assert names["市自然资源局"] == ""  # the starter plan does not list it
    named = {z for z, e in names.items() if e == ENGLISH.get(z)}
    assert len(named) == 12
    # one entry for each name given, by whoever applied the update
    entries = raw(db, "SELECT actor, entity_id, old, new FROM audit"
                      " WHERE action = 'plan_update' AND entity = 'department'")
    assert {(i, json.loads(o)["name_en"], json.loads(n)["name_en"])
            for _, i, o, n in entries} == {(z, "", ENGLISH[z]) for z in named}
    [(actor, summary)] = raw(db, "SELECT actor, new FROM audit"
                                 " WHERE action = 'plan_update' AND entity = 'database'")
    assert {a for a, *_ in entries} == {actor}
    assert json.loads(summary)["departments"] == 12
    # and a second update has nothing more to give
    r = run("plan", "update", "--dry-run", "--db", str(db), "--lang", "en")
    assert "already has the starter plan" in r.output
