"""Build a large plan database through the project's own store.

    python -m bench.generate 100000 /tmp/plan-100k.db

N indicators spread over the five districts, each with a baseline, a target and about
ten values (2016-2025, some revised), so every verdict shows up.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tracker.models import DISTRICT_IDS, Indicator, Measurement
from tracker.store import Store

CHUNK = 5_000


def indicators(n: int, rng: random.Random) -> list[Indicator]:
    out = []
    for i in range(n):
        base = round(rng.uniform(10, 1000), 2)
        decrease = i % 7 == 0
        target = round(base * rng.uniform(0.6, 0.95) if decrease else base * rng.uniform(1.05, 1.6), 2)
        out.append(Indicator(
            id=f"g{i:06d}",
            district=DISTRICT_IDS[i % 5],
            name_zh=f"生成指标{i:06d}号",
            name_en=f"Generated indicator {i:06d}",
            unit="万元" if i % 3 else "%",
            direction="decrease" if decrease else "increase",
            attribute="binding" if i % 4 == 0 else "expected",
            baseline_value=base, baseline_year=2020,
            target_value=target, target_year=2025,
            department="市统计局",
        ))
    return out


def values(ind: Indicator, rng: random.Random) -> list[Measurement]:
    base, target = ind.baseline_value, ind.target_value
    pace = rng.uniform(-0.3, 1.4)
    out = []
    for year in range(2016, 2026):
        share = (year - 2020) / 5
        v = base + (target - base) * share * pace + rng.uniform(-1, 1)
        out.append(Measurement(indicator=ind.id, year=year, value=round(v, 2),
                               quality="final" if year < 2024 else "provisional"))
    return out


def generate(n: int, path: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    inds = indicators(n, rng)
    with Store(path, actor="bench") as store:
        for start in range(0, n, CHUNK):
            chunk = inds[start:start + CHUNK]
            ms = [m for ind in chunk for m in values(ind, rng)]
            store.import_batch(chunk, [], ms, f"bench {start}")
    return path


if __name__ == "__main__":
    n, target = int(sys.argv[1]), Path(sys.argv[2])
    target.unlink(missing_ok=True)
    print(generate(n, target))
