"""The bundled plan with sample targets and values: some indicators lag, some are ahead,
some have met their target, one is overdue, and two rest on flagged baselines."""

from __future__ import annotations

from tracker.models import Measurement
from tracker.store import Store

# indicator: (changes to its plan, {year: value or (value, quality)})
SAMPLE: dict[str, tuple[dict, dict]] = {
    "industry-soup-park-enterprises": ({"target_value": 30, "target_year": 2025},
                                       {2022: 18, 2023: 20}),
    "industry-soup-key-enterprises": ({"target_value": 12, "target_year": 2025}, {2023: 13}),
    "industry-soup-output": ({"baseline_value": 50, "baseline_year": 2020,
                              "target_value": 100, "target_year": 2025},
                             {2022: 70, 2023: (85, "provisional")}),
    "culture-embroiderers": ({"target_value": 2.5, "target_year": 2025}, {2023: 2.1}),
    "culture-embroidery-inheritors": ({"target_value": 100, "target_year": 2025}, {2023: 72}),
    "culture-4a-scenic-areas": ({"target_value": 4, "target_year": 2025},
                                {2023: (3, "estimated")}),
    "culture-sport-venue-area": ({"target_value": 20, "target_year": 2025}, {2023: 16.5}),
    "ecology-forest-coverage": ({"baseline_value": 70, "baseline_year": 2020,
                                 "target_value": 72, "target_year": 2025},
                                {2022: 69.8, 2023: 69.5}),
    "ecology-good-air-days": ({"baseline_value": 95, "baseline_year": 2020,
                               "target_value": 96, "target_year": 2025}, {2023: 96.5}),
    "openness-urbanisation-rate": ({"target_value": 78, "target_year": 2025}, {2023: 75.1}),
    "openness-road-length": ({"target_value": 2200, "target_year": 2025}, {2023: 2100}),
    "openness-expressway-length": ({"target_value": 1800, "target_year": 2025}, {}),
    "wellbeing-new-urban-jobs": ({"target_value": 5, "target_year": 2025},
                                 {2021: 1.1, 2022: 1.0, 2023: 1.2}),
    "wellbeing-old-community-renovation": ({"target_value": 20000, "target_year": 2025},
                                           {2021: 3000, 2022: 2500}),
    "wellbeing-medical-institutions": ({"target_value": 600, "target_year": 2025},
                                       {2023: 560}),
}


def fill(store: Store) -> None:
    for iid, (plan, values) in SAMPLE.items():
        store.update_indicator(iid, plan)
        for year, v in values.items():
            value, quality = v if isinstance(v, tuple) else (v, "final")
            store.add_measurement(Measurement(indicator=iid, year=year, value=value,
                                              quality=quality, source="统计公报"))
