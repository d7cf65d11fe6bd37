"""Plan tracking from the command line: indicators, targets, values, verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import raw, run_process


def table_counts(db: Path) -> tuple[int, int, int]:
    return tuple(
        raw(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("audit", "measurements", "indicators")
    )


def test_a_new_planner_from_the_command_line(run, db_path: Path) -> None:
    db = ["--db", str(db_path), "--user", "ana"]
    r = run("indicator", "add", "--district", "ecology", "--id", "forest-cover",
            "--name-zh", "森林覆盖率", "--name-en", "Forest cover", "--unit", "%",
            "--direction", "increase", "--attribute", "binding", *db)
    assert r.exit_code == 0, r.output
    assert run("target", "set", "forest-cover", "--baseline-value", "62.1", "--baseline-year",
               "2020", "--value", "65", "--year", "2025", *db).exit_code == 0
    assert run("measure", "add", "forest-cover", "--year", "2021", "--value", "62.2",
               *db).exit_code == 0
    st = _status(run, db_path, "forest-cover")
    assert st["latest"] == {"value": 62.2, "year": 2021}
    # p = 0.1 / 2.9 = 0.03, s = 0.2: well behind the straight line
    assert st["schedule_verdict"] == "lagging"
    assert run("measure", "add", "forest-cover", "--year", "2022", "--value", "64.0",
               "--quality", "provisional", *db).exit_code == 0
    st = _status(run, db_path, "forest-cover")
    assert st["latest"] == {"value": 64.0, "year": 2022}
    assert st["progress_share"] == pytest.approx((64.0 - 62.1) / (65 - 62.1))
    assert st["time_share"] == pytest.approx(0.4)
    assert st["schedule_verdict"] == "ahead"  # p = 0.66 > s + tol = 0.45
    assert st["growth_verdict"] == "on_track"
    assert st["baseline"] == {"value": 62.1, "year": 2020}
    assert st["target"] == {"value": 65.0, "year": 2025}
    text = run("status", "--district", "ecology", "--lang", "en", *db).output
    assert "Forest cover" in text and "ahead" in text
    zh = run("status", "--district", "ecology", "--lang", "zh", *db).output
    assert "快于预期" in zh


def _status(run, db_path: Path, indicator_id: str) -> dict:
    r = run("status", "--format", "json", "--db", str(db_path))
    assert r.exit_code == 0, r.output
    return next(s for s in json.loads(r.output) if s["id"] == indicator_id)


def test_status_json_shape(run, db_path: Path) -> None:
    rows = json.loads(run("status", "--format", "json", "--db", str(db_path)).output)
    keys = {"id", "district", "unit", "baseline", "target", "latest", "progress_share",
            "time_share", "schedule_verdict", "growth_ratio", "growth_verdict"}
    assert rows and all(keys <= set(r) for r in rows)
    assert {r["schedule_verdict"] for r in rows} == {"to_be_set"}  # no targets yet


def test_later_entry_for_a_year_supersedes(run, db_path: Path) -> None:
    db = ["--db", str(db_path)]
    run("target", "set", "openness-urbanisation-rate", "--value", "78", "--year", "2025", *db)
    run("measure", "add", "openness-urbanisation-rate", "--year", "2022", "--value", "74", *db)
    run("measure", "add", "openness-urbanisation-rate", "--year", "2022", "--value", "76.5",
        "--quality", "revised", *db)
    st = _status(run, db_path, "openness-urbanisation-rate")
    assert st["latest"] == {"value": 76.5, "year": 2022}
    history = json.loads(run("measure", "list", "openness-urbanisation-rate", "--format",
                             "json", *db).output)
    assert [h["value"] for h in history] == [74.0, 76.5]


def test_scale_words_in_values(run, db_path: Path) -> None:
    db = ["--db", str(db_path)]
    # new urban jobs are kept in 万人: "12万" is 12, "120,000" typed plainly is taken as 万人
    assert run("target", "set", "wellbeing-new-urban-jobs", "--value", "12万", "--year", "2025",
               *db).exit_code == 0
    ind = json.loads(run("indicators", "--format", "json", *db).output)
    jobs = next(i for i in ind if i["id"] == "wellbeing-new-urban-jobs")
    assert jobs["target_value"] == 12.0


def test_baseline_from_an_achievement(run, db_path: Path) -> None:
    db = ["--db", str(db_path)]
    run("indicator", "add", "--district", "wellbeing", "--id", "poor", "--name-zh", "脱贫人口",
        "--name-en", "People out of poverty", "--unit", "人", "--direction", "increase",
        "--attribute", "expected", *db)
    r = run("target", "set", "poor", "--baseline-achievement", "poverty-population",
            "--value", "7万", "--year", "2025", *db)
    assert r.exit_code == 0, r.output
    ind = next(i for i in json.loads(run("indicators", "--format", "json", *db).output)
               if i["id"] == "poor")
    assert (ind["baseline_value"], ind["baseline_year"]) == (61300.0, 2021)
    assert ind["baseline_achievement"] == "poverty-population"
    assert ind["target_value"] == 70000.0


def test_retire_keeps_history(run, db_path: Path) -> None:
    db = ["--db", str(db_path)]
    run("measure", "add", "openness-road-length", "--year", "2021", "--value", "1,900", *db)
    assert run("indicator", "retire", "openness-road-length", *db).exit_code == 0
    ids = [i["id"] for i in json.loads(run("indicators", "--format", "json", *db).output)]
    assert "openness-road-length" not in ids
    with_retired = json.loads(run("indicators", "--retired", "--format", "json", *db).output)
    assert any(i["id"] == "openness-road-length" and i["retired"] for i in with_retired)
    hist = json.loads(run("measure", "list", "openness-road-length", "--format", "json",
                          *db).output)
    assert [h["value"] for h in hist] == [1900.0]


@pytest.mark.parametrize(
    ("args", "en_words"),
    [
        (["measure", "add", "nope", "--year", "2021", "--value", "1"], "no indicator"),
        (["measure", "add", "openness-road-length", "--year", "2021", "--value", "abc"],
         "not a number"),
        (["measure", "add", "openness-road-length", "--year", "2021", "--value", "nan"],
         "not a number"),
        (["measure", "add", "openness-road-length", "--year", "2021", "--value", "inf"],
         "not a number"),
        (["measure", "add", "openness-road-length", "--year", "21", "--value", "1"],
         "not a year"),
        (["target", "set", "openness-road-length", "--value", "2000", "--year", "2020"],
         "target year must be after the baseline year"),
        (["target", "set", "openness-road-length", "--value", "2000"], "missing option --year"),
        (["target", "set", "nope", "--value", "1", "--year", "2025"], "no indicator"),
        (["indicator", "add", "--district", "ecology", "--id", "Bad Id", "--name-zh", "x",
          "--name-en", "x", "--unit", "%", "--direction", "increase", "--attribute",
          "expected"], "id"),
        (["indicator", "add", "--district", "ecology", "--id", "x", "--name-zh", "x",
          "--unit", "%", "--direction", "increase", "--attribute", "expected"],
         "missing option --name-en"),
        (["measure", "add", "openness-road-length", "--year", "2021", "--valeu", "1"],
         "no such option --valeu (did you mean"),
        (["measure", "add", "openness-road-length", "--year", "later", "--value", "1"],
         "not a year"),
        (["measure", "add", "openness-road-length", "--quality", "guess", "--year", "2021",
          "--value", "1"], "invalid value for --quality"),
        (["indicator", "add", "--district", "ecology", "--id", "openness-road-length",
          "--name-zh", "x", "--name-en", "x", "--unit", "%", "--direction", "increase",
          "--attribute", "expected"], "already exists"),
        (["target", "set", "openness-road-length", "--value", "1", "--year", "2025",
          "--baseline-achievement", "nope"], "no achievement"),
    ],
)
def test_bad_input_one_line_exit_1_nothing_written(db_path: Path, args: list[str],
                                                   en_words: str) -> None:
    assert run_process("check", "--db", str(db_path)).returncode == 0
    before = table_counts(db_path)
    r = run_process(*args, "--db", str(db_path), "--lang", "en")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert en_words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert table_counts(db_path) == before


def test_chinese_error_messages(db_path: Path) -> None:
    r = run_process("measure", "add", "openness-road-length", "--year", "2021", "--value",
                    "很多", "--db", str(db_path), "--lang", "zh")
    assert r.returncode == 1 and "不是有效数字" in r.stderr and "万" in r.stderr


def test_tolerance_setting_changes_verdicts(run, db_path: Path) -> None:
    db = ["--db", str(db_path)]
    run("target", "set", "openness-urbanisation-rate", "--value", "78", "--year", "2025", *db)
    run("measure", "add", "openness-urbanisation-rate", "--year", "2023", "--value", "75.4",
        *db)
    # from 73.23 % in 2021: p = 2.17 / 4.77 = 0.455, s = 2 / 4 = 0.5: lagging with tol 0.03,
    # on schedule with the default 0.05
    assert _status(run, db_path, "openness-urbanisation-rate")["schedule_verdict"] == \
        "on_schedule"
    assert run("settings", "--tolerance", "0.03", *db).exit_code == 0
    assert _status(run, db_path, "openness-urbanisation-rate")["schedule_verdict"] == "lagging"
    r = run_process("settings", "--tolerance", "3", "--db", str(db_path), "--lang", "en")
    assert r.returncode == 1 and "tolerance" in r.stderr


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        # --lang before the command, after it, or only in the environment
        (["--lang", "en", "measure", "add", "--bogus"], {}, "error: no such option --bogus"),
        (["measure", "add", "--bogus", "--lang=en"], {}, "error: no such option --bogus"),
        (["measure", "add", "--bogus"], {"TRACKER_LANG": "en"}, "error: no such option"),
        (["measure", "add", "--bogus"], {"TRACKER_LANG": ""}, "错误：没有选项 --bogus"),
        (["export"], {}, "错误：缺少选项 --output（用法见 `"),
        (["import"], {}, "错误：缺少参数 FILE"),
        (["import", "a.csv", "b.csv"], {}, "错误：多余的参数 b.csv"),
        (["nosuch"], {}, "错误：没有命令 nosuch"),
        (["export", "--output", "x.csv", "--snapshot", "abc"], {},
         "错误：--snapshot 的值无效：“abc”不是整数"),
        (["export", "--output", "x.pdf", "--format", "pdf"], {}, "“pdf”不是可选的值"),
        (["log", "--limit", "0"], {}, "--limit 的值无效：0 不在范围"),
        # a bounded number's reason in the planner's language, and without click's type
        (["log", "--limit", "abc"], {}, "错误：--limit 的值无效：“abc”不是整数（用法见"),
        (["log", "--limit", "abc", "--lang", "en"], {},
         "error: invalid value for --limit: 'abc' is not a valid integer (see"),
        (["measure", "add", "x", "--value"], {}, "错误：选项 --value 后面需要一个值"),
    ],
)
def test_a_mistyped_command_line_is_one_line_in_the_users_language(
    run, db_path: Path, args: list[str], env: dict, words: str
) -> None:
    r = run("--db", str(db_path), *args, env={"TRACKER_LANG": "zh", **env})
    assert r.exit_code == 1
    assert words in r.output
    assert len(r.output.strip().splitlines()) == 1, r.output
    assert not db_path.exists()  # refused before anything was opened


def test_a_group_without_its_command_still_shows_its_help(run) -> None:
    r = run("measure")
    assert "add" in r.output and "list" in r.output


@pytest.mark.parametrize(("args", "lang", "said", "stored"), [
    (("wellbeing-old-community-renovation", "--type", "cumulative",
      "--value", "1234567.891234"), "en",
     "wellbeing-old-community-renovation: target 1,234,567.891234 户 (2025)", 1234567.891234),
    (("culture-embroidery-inheritors", "--value", "6.5万"), "zh",
     "culture-embroidery-inheritors: 目标 65,000人 (2025)", 65000),
    (("culture-tourism-revenue-growth", "--type", "growth_rate", "--values-as", "rate",
      "--baseline-value", "100", "--baseline-year", "2020", "--value", "7"), "zh",
     "culture-tourism-revenue-growth: 目标 年均增长 7% (2025)", 7),
    (("ecology-energy-intensity-reduction", "--type", "reduction", "--baseline-value", "100",
      "--baseline-year", "2020", "--value", "13.5"), "en",
     "ecology-energy-intensity-reduction: target down 13.5% (2025)", 13.5),
    (("industry-haisheng-glass", "--type", "milestone"), "en",
     "industry-haisheng-glass: target 2025", None),
    (("industry-gdp-growth", "--type", "monitor"), "zh",
     "industry-gdp-growth: 目标 监测 (2025)", None),
])
def test_a_set_target_is_said_in_its_kind_terms_with_every_digit(
        run, db_path: Path, args: tuple[str, ...], lang: str, said: str,
        stored: float | None) -> None:
    """The answer names what was stored: not 1,234,567.8912 for 1,234,567.891234, not a bare
    7 for 年均增长 7%, not "—" for a milestone due in 2025."""
    r = run("--db", str(db_path), "--lang", lang, "target", "set", *args, "--year", "2025")
    assert r.exit_code == 0, r.output
    assert r.output.strip() == said
    assert raw(db_path, "SELECT target_value, target_year FROM indicators WHERE id = ?",
               (args[0],)) == [(stored, 2025)]


@pytest.mark.parametrize(("args", "said"), [
    (("target", "set", "openness-road-length", "--type", "level", "--year", "2025"),
     "error: target value: give the target value (--value)"),
    (("target", "set", "openness-road-length", "--type", "maintain", "--direction",
      "maintain", "--value", "5", "--band", "-1", "--year", "2025"),
     "error: band: Input should be greater than or equal to 0"),
    (("milestone", "set", "openness-road-length", "--state", "done"),
     "error: target type: the indicator is not a milestone"),
])
def test_an_english_refusal_names_the_field_in_words(run, db_path: Path,
                                                     args: tuple[str, ...], said: str) -> None:
    """Not "target_value:" or "target_type:", the store's names for the fields."""
    r = run("--db", str(db_path), "--lang", "en", *args)
    assert r.exit_code == 1
    assert r.output.strip() == said
    assert raw(db_path, "SELECT target_value, target_type FROM indicators "
                        "WHERE id = 'openness-road-length'") == [(None, "level")]
