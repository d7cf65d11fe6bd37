"""The bundled dataset: every figure of the article, once, with its sentence."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.models import PERIOD_BASES, SCOPES
from tracker.seed import DataError, data_dir, load_dataset, reading_text

ARTICLE = (data_dir() / "article.txt").read_text(encoding="utf-8")
SQUASHED = re.sub(r"\s+", "", ARTICLE)
# the article as read: a sentence the page splits with a heading and a photo caption
# reads whole
READ = reading_text(ARTICLE)
DATASET = load_dataset()
# digits that name things rather than count them: the "2+2" model, the 4A grade of sights
NOT_FIGURES = {"2+2", "4A"}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；！？…])", re.sub(r"\s+", "", text)) if s]


def test_loads_and_has_every_theme_used() -> None:
    assert len(DATASET.achievements) >= 70
    used = {a.theme for a in DATASET.achievements}
    assert used == {t.id for t in DATASET.themes}


def test_every_number_in_the_article_is_an_achievement_from_its_own_sentence() -> None:
    """Each number printed in a sentence is the value (or the year) of an achievement quoted
    from that sentence."""
    missing = []
    for sentence in _sentences(ARTICLE):
        for m in re.finditer(r"\d+(?:\.\d+)?(?:\+\d+|A)?", sentence):
            token = m.group()
            if token in NOT_FIGURES:
                continue
            number = Decimal(token).normalize()
            found = False
            for a in DATASET.achievements:
                quote = re.sub(r"\s+", "", a.source_quote)
                if quote not in sentence and sentence not in quote:
                    continue
                # a date's year and month ("2020-11") come from the period
                years = {Decimal(y) for y in re.findall(r"\d+", a.period)}
                if (a.value is not None and a.value.normalize() == number) or number in years:
                    found = True
                    break
            if not found:
                missing.append((token, sentence[:40]))
    assert not missing


def test_quotes_are_verbatim() -> None:
    for a in DATASET.achievements:
        quote = re.sub(r"\s+", "", a.source_quote)
        assert quote in SQUASHED or quote in READ, a.id


def test_a_quote_reads_across_a_caption_and_only_there() -> None:
    health = next(a for a in DATASET.achievements if a.id == "health-poverty-policies")
    assert health.source_quote.startswith("大病专项救治、家庭医生签约服务")
    assert health.source_quote not in SQUASHED and health.source_quote in READ
    # the page's captions and headings are out; the article's numbers are all still in
    assert "蒋建民" not in READ and "成果惠及群众" not in READ
    numbers = re.compile(r"\d+(?:\.\d+)?")
    assert sorted(numbers.findall(READ)) == sorted(
        n for n in numbers.findall(SQUASHED) if n not in numbers.findall("".join(
            line for line in ARTICLE.splitlines() if line.strip().endswith("摄"))))


def test_every_record_has_a_period_basis_and_a_scope_in_the_file() -> None:
    text = (data_dir() / "achievements.toml").read_text(encoding="utf-8")
    count = text.count("\n[[achievement]]\n")
    assert count == len(DATASET.achievements)
    assert text.count("\nperiod_basis = ") == count and text.count("\nscope = ") == count
    for a in DATASET.achievements:
        assert a.period_basis in PERIOD_BASES and a.scope in SCOPES


def test_periods_follow_their_basis() -> None:
    for a in DATASET.achievements:
        years = [int(y) for y in re.findall(r"\d{4}", a.period)]
        if a.period_basis == "13th_fyp":
            assert a.period == "2016-2020", a.id
        elif a.period_basis == "congress_term":
            assert a.period in ("2017-2021", "2021"), a.id
        elif a.period_basis == "as_of_report":
            assert a.period == "2021", a.id
        elif a.period_basis == "undated":
            assert not years, a.id
        else:
            assert years, a.id
    inferred = {a.id for a in DATASET.achievements if a.period_inferred}
    assert "jobs-new-urban-jobs" in inferred and "embroidery-embroiderers" in inferred
    assert "soup-leading-group" not in inferred


def test_prefecture_figures_are_marked() -> None:
    prefecture = {a.id for a in DATASET.achievements if a.scope == "prefecture"}
    assert {"soup-leading-group", "soup-innovation-alliance", "soup-key-enterprises",
            "plan-strong-capital-action"} <= prefecture
    for a in DATASET.achievements:
        if a.scope == "prefecture":
            assert "黔东南州" in a.source_quote or "州内" in a.source_quote, a.id


def test_the_missed_milestones_are_captured() -> None:
    titles = {a.title_zh: a for a in DATASET.achievements}
    assert titles["凯麻同城化扎实推进"].kind == "milestone"
    assert any("综合交通枢纽" in t for t in titles)
    assert titles["大病专项救治、家庭医生签约服务等健康扶贫政策全面落实"].kind == "milestone"


def test_english_names_say_what_is_counted() -> None:
    by_id = {a.id: a for a in DATASET.achievements}
    assert "person-times" in by_id["embroidery-meixiang-training"].title_en
    assert "to be built into innovative" in by_id["honours-innovative-county"].title_en
    assert "SRDI" in by_id["soup-key-enterprises"].title_en
    assert "cultivation list" in by_id["soup-key-enterprises"].title_en
    assert "Lucid Waters and Lush Mountains" in by_id["honours-green-ecology-county"].title_en
    # no two records share an English name unless they share the Chinese one
    names: dict[str, str] = {}
    for a in DATASET.achievements:
        assert names.setdefault(a.title_en, a.title_zh) == a.title_zh, a.id


def test_repeated_paragraph_is_stored_once() -> None:
    paragraph = "州市联动齐心协力创建全国文明城市步伐从未停歇"
    assert SQUASHED.count(paragraph) == 2
    # the paragraph's figures: 10 campaigns and the 2020-11 title, each once
    ten = [a for a in DATASET.achievements if a.value == Decimal(10) and "10大" in a.source_quote]
    title = [a for a in DATASET.achievements if a.period == "2020-11"]
    assert len(ten) == 1 and len(title) == 1
    keys = [(a.source_quote, a.value, a.unit, a.title_zh) for a in DATASET.achievements]
    assert len(keys) == len(set(keys))


def test_honour_without_number() -> None:
    civic = next(a for a in DATASET.achievements if a.period == "2020-11")
    assert civic.kind == "honour" and civic.value is None and "全国文明城市" in civic.title_zh


def test_scales_kept_exact() -> None:
    poor = next(a for a in DATASET.achievements if a.value == Decimal("6.13"))
    assert poor.unit == "万人" and poor.base_value == Decimal("61300")
    loans = next(a for a in DATASET.achievements if a.value == Decimal("128"))
    assert loans.unit == "亿元" and loans.base_value == Decimal("12800000000")


def test_five_districts_in_order_with_baselines_linked() -> None:
    assert [d.id for d in DATASET.districts] == [
        "industry",
        "culture",
        "ecology",
        "openness",
        "wellbeing",
    ]
    by_id = {a.id: a for a in DATASET.achievements}
    for d in DATASET.districts:
        assert sum(i.district == d.id for i in DATASET.indicators) >= 3
    linked = [i for i in DATASET.indicators if i.baseline_achievement]
    assert len(linked) >= 10
    for i in linked:
        a = by_id[i.baseline_achievement]
        assert i.baseline_value is not None and i.baseline_year is not None
        years = [int(y) for y in re.findall(r"\d{4}", a.period)]
        # within the record's years; an inferred period ("五年来" read as 2017-2021) may
        # stand for the statistics of the year before its end
        first, last = min(years), max(years)
        assert first <= i.baseline_year <= last or (
            a.period_inferred and i.baseline_year == last - 1), i.id
    assert all(i.target_value is None for i in DATASET.indicators)


# -- malformed data files name the file, the record and the field --------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_field_is_named(data_copy: Path) -> None:
    _edit(data_copy / "achievements.toml", 'value = "6.13"', 'value = "lots"')
    with pytest.raises(DataError) as e:
        load_dataset(data_copy)
    msg = str(e.value)
    assert "achievements.toml" in msg and "(poverty-population)" in msg and "value" in msg


def test_bad_kind_is_named(data_copy: Path) -> None:
    _edit(data_copy / "plan.toml", 'target_type = "level"', 'target_type = "levels"')
    with pytest.raises(DataError) as e:
        load_dataset(data_copy)
    assert "plan.toml" in str(e.value) and "target_type" in str(e.value)


def test_quote_not_in_article(data_copy: Path) -> None:
    _edit(data_copy / "achievements.toml", "81个贫困村", "82个贫困村")
    with pytest.raises(DataError) as e:
        load_dataset(data_copy)
    assert "source_quote" in str(e.value)


def test_broken_toml(data_copy: Path) -> None:
    (data_copy / "plan.toml").write_text("[[indicator]\nid = ", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_dataset(data_copy)
    assert "plan.toml" in str(e.value) and "TOML" in str(e.value)


def test_not_utf8(data_copy: Path) -> None:
    (data_copy / "achievements.toml").write_bytes("名称".encode("gb18030"))
    with pytest.raises(DataError, match="UTF-8"):
        load_dataset(data_copy)


def test_unknown_link(data_copy: Path) -> None:
    _edit(data_copy / "plan.toml", 'baseline_achievement = "', 'baseline_achievement = "nope-')
    with pytest.raises(DataError, match="baseline_achievement"):
        load_dataset(data_copy)


def test_a_record_without_its_period_basis_is_named(data_copy: Path) -> None:
    _edit(data_copy / "achievements.toml", 'period_basis = "congress_term"\n', "")
    with pytest.raises(DataError) as e:
        load_dataset(data_copy)
    assert "achievements.toml" in str(e.value) and "(poverty-villages)" in str(e.value)
    assert "period_basis" in str(e.value)


def test_a_rule_naming_an_unknown_record_is_named(data_copy: Path) -> None:
    _edit(data_copy / "reference.toml", 'achievement = "jobs-startup-loans"',
          'achievement = "jobs-loans"')
    with pytest.raises(DataError) as e:
        load_dataset(data_copy)
    assert "reference.toml" in str(e.value) and "(loan_per_job)" in str(e.value)


def test_a_share_of_a_whole_in_another_unit_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "reference.toml", 'basis = "urban-road-length"', 'basis = "population"')
    with pytest.raises(DataError, match="same unit"):
        load_dataset(data_copy)


def test_a_rule_without_a_threshold_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "reference.toml", "check_above = 50\n", "")
    with pytest.raises(DataError) as e:
        load_dataset(data_copy)
    assert "rule #" in str(e.value) and "(loan_per_job)" in str(e.value)


def test_every_reference_figure_says_its_source_and_whether_it_was_checked() -> None:
    figures = {f.id: f for f in DATASET.reference.figures}
    assert figures["population"].value == Decimal(709057) and figures["population"].year == 2020
    assert figures["land_area"].value == Decimal("1569.7")
    for f in figures.values():
        assert f.source_zh and f.source_en
        # a figure not checked says why in its note
        assert f.verified or f.note
    used = {r.achievement for r in DATASET.reference.rules}
    assert used <= {a.id for a in DATASET.achievements}
