"""The bundled dataset: every figure of the article, once, with its sentence."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.seed import DataError, data_dir, load_dataset

ARTICLE = (data_dir() / "article.txt").read_text(encoding="utf-8")
SQUASHED = re.sub(r"\s+", "", ARTICLE)
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
        assert re.sub(r"\s+", "", a.source_quote) in SQUASHED, a.id


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
        assert str(i.baseline_year) in a.period
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
