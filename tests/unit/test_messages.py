"""A refusal reads in the planner's language: the models' own rules and the field names
too, and a rule across fields names no field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from tracker import models
from tracker.errors import invalid
from tracker.i18n.errors import RULES_ZH
from tracker.models import Achievement, Indicator, Measurement, Plausible

IND = {"id": "forest-cover", "district": "ecology", "name_zh": "森林覆盖率",
       "name_en": "Forest cover"}
ACH = {"id": "jobs", "theme": "jobs", "title_zh": "新增就业", "title_en": "New jobs",
       "period": "2016-2020", "source_quote": "新增就业"}


def refusal(model: type[BaseModel], data: dict[str, Any]) -> tuple[str, str]:
    with pytest.raises(ValidationError) as e:
        model.model_validate(data)
    err = invalid(e.value)
    return err.text("zh"), err.text("en")


@pytest.mark.parametrize(
    ("model", "data", "zh", "en"),
    [
        (Indicator, {**IND, "baseline_value": 62.1}, "基期值和基期年须同时填写",
         "baseline value and baseline year go together"),
        (Indicator, {**IND, "target_value": 65, "target_year": 2019, "baseline_value": 62.1,
                     "baseline_year": 2020}, "目标年份必须晚于基期年份",
         "the target year must be after the baseline year"),
        (Indicator, {**IND, "target_type": "maintain"}, "保持型目标的方向须为“保持”",
         "a maintain target needs direction maintain"),
        (Indicator, {**IND, "id": "Forest Cover"}, "编号：只能用小写字母、数字、- 和 _",
         "id: String should match pattern"),
        (Indicator, {**IND, "target_year": 1800, "target_value": 1}, "目标年：不能小于 1900",
         "target year: Input should be greater than or equal to 1900"),
        (Measurement, {"indicator": "forest-cover", "year": 2021, "value": 1,
                       "date": "2020-05-01"}, "日期须在该数值所属的年份内",
         "date must fall in the measurement's year"),
        (Measurement, {"indicator": "forest-cover", "year": 2021, "value": "很多"},
         "数值：必须是数字", "value: Input should be a valid number"),
        (Plausible, {"min": 5, "max": 1, "basis_zh": "依据", "basis_en": "basis"},
         "最小值大于最大值", "min is greater than max"),
        (Achievement, {**ACH, "kind": "rate", "value": "3", "unit": "个"},
         "比率的单位须为 %", "a rate is given in %"),
    ],
)
def test_a_refusal_in_either_language(
    model: type[BaseModel], data: dict, zh: str, en: str
) -> None:
    said_zh, said_en = refusal(model, data)
    assert said_zh == zh
    assert said_en.startswith(en)


def test_every_rule_of_the_models_has_its_chinese() -> None:
    """A rule added to the models without its Chinese would reach a Chinese planner in
    English: each ValueError the models raise is in the table."""
    source = Path(models.__file__).read_text(encoding="utf-8")
    said = set(re.findall(r'raise ValueError\("([^"]+)"\)', source))
    # the one worded from a field: each kind that needs a value
    said |= {f"a {kind} needs a value" for kind in ("quantity", "rate")}
    assert 'raise ValueError(f"a {self.kind} needs a value")' in source
    assert said and said <= set(RULES_ZH)
