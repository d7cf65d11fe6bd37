"""Read the reviewable dataset in data/ and check it before anything is stored.

data/achievements.toml  themes and the article's figures, each with its sentence
data/plan.toml          the five districts and their starter indicators
data/article.txt        the article itself, so every quote can be checked verbatim
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from tracker.models import Achievement, Dataset, District, Indicator, Theme

ACHIEVEMENTS_FILE = "achievements.toml"
PLAN_FILE = "plan.toml"
ARTICLE_FILE = "article.txt"

M = TypeVar("M", bound=BaseModel)


class DataError(Exception):
    """A problem in data/: the message names the file, the record and the field."""


DATA_ENV = "TRACKER_DATA_DIR"


def data_dir() -> Path:
    """The data a new database is seeded from: $TRACKER_DATA_DIR, else the bundled data
    (inside the installed package, or beside it in a source tree)."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / ACHIEVEMENTS_FILE).is_file():
            return candidate
    raise DataError(f"bundled data not found beside {here}")


def _squash(text: str) -> str:
    # The article breaks lines mid-sentence; quotes match across those breaks.
    return re.sub(r"\s+", "", text)


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"{path}: not valid TOML: {e}") from None


def _records(path: Path, table: dict, key: str, model: type[M]) -> list[M]:
    rows = table.get(key, [])
    if not isinstance(rows, list):
        raise DataError(f"{path}: [[{key}]] must be an array of tables")
    out: list[M] = []
    for i, row in enumerate(rows, start=1):
        label = f"{key} #{i}"
        if isinstance(row, dict) and isinstance(row.get("id"), str):
            label += f" ({row['id']})"
        try:
            out.append(model.model_validate(row))
        except ValidationError as e:
            err = e.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "record"
            raise DataError(f"{path}: {label}: {field}: {err['msg']}") from None
    return out


def _unique(path: Path, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise DataError(f"{path}: {key} ({i}): id: used twice")
        seen.add(i)


def load_dataset(directory: Path | None = None) -> Dataset:
    directory = directory or data_dir()
    ach_path, plan_path = directory / ACHIEVEMENTS_FILE, directory / PLAN_FILE
    ach_doc, plan_doc = _read_toml(ach_path), _read_toml(plan_path)
    try:
        article = _squash((directory / ARTICLE_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, UnicodeDecodeError):
        raise DataError(f"{directory / ARTICLE_FILE}: missing or not UTF-8 text") from None

    themes = _records(ach_path, ach_doc, "theme", Theme)
    achievements = _records(ach_path, ach_doc, "achievement", Achievement)
    districts = _records(plan_path, plan_doc, "district", District)
    indicators = _records(plan_path, plan_doc, "indicator", Indicator)
    for path, key, records in ((ach_path, "theme", themes), (ach_path, "achievement", achievements),
                               (plan_path, "district", districts)):
        if not records:
            raise DataError(f"{path}: no [[{key}]] records")
    _unique(ach_path, "theme", [t.id for t in themes])
    _unique(ach_path, "achievement", [a.id for a in achievements])
    _unique(plan_path, "district", [d.id for d in districts])
    _unique(plan_path, "indicator", [i.id for i in indicators])

    theme_ids = {t.id for t in themes}
    by_id = {a.id: a for a in achievements}
    for a in achievements:
        where = f"{ach_path}: achievement ({a.id})"
        if a.theme not in theme_ids:
            raise DataError(f"{where}: theme: unknown theme {a.theme!r}")
        if a.part_of is not None and a.part_of not in by_id:
            raise DataError(f"{where}: part_of: unknown achievement {a.part_of!r}")
        if _squash(a.source_quote) not in article:
            raise DataError(f"{where}: source_quote: not found verbatim in {ARTICLE_FILE}")
    district_ids = {d.id for d in districts}
    for ind in indicators:
        where = f"{plan_path}: indicator ({ind.id})"
        if ind.district not in district_ids:
            raise DataError(f"{where}: district: unknown district {ind.district!r}")
        if ind.baseline_achievement is not None and ind.baseline_achievement not in by_id:
            raise DataError(
                f"{where}: baseline_achievement: unknown achievement {ind.baseline_achievement!r}"
            )
    return Dataset(
        themes=themes, achievements=achievements, districts=districts, indicators=indicators
    )
