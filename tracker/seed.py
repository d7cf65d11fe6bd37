"""Read the reviewable dataset in data/ and check it before anything is stored.

data/achievements.toml  themes and the article's figures, each with its sentence
data/plan.toml          the five districts and their starter indicators
data/article.txt        the article itself, so every quote can be checked verbatim
data/reference.toml     the city's size and the figures the quality rules judge against
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from tracker.models import (
    Achievement,
    Dataset,
    Department,
    District,
    Indicator,
    RateOver100,
    RatioRule,
    Reference,
    ReferenceFigure,
    Theme,
    unit_scale,
)

ACHIEVEMENTS_FILE = "achievements.toml"
PLAN_FILE = "plan.toml"
ARTICLE_FILE = "article.txt"
REFERENCE_FILE = "reference.toml"
# what every record of the article must say, not leave to a default
ACHIEVEMENT_REQUIRED = ("period_basis", "scope")

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


# a line of the page that is not the article's text: a photo caption ("… 苏志平 摄"), or
# a heading or byline (short, with no punctuation of a sentence)
_SENTENCE_MARKS = re.compile(r"[，。；：！？、…—“”（）]")


def _layout_line(line: str) -> bool:
    line = line.strip()
    return bool(line) and (line.endswith("摄")
                           or (len(line) <= 12 and not _SENTENCE_MARKS.search(line)))


def reading_text(article: str) -> str:
    """The article as a reader reads it, squashed: the headings and photo captions the
    page sets inside a sentence are taken out, so a quote reads across them."""
    return _squash("\n".join(ln for ln in article.splitlines() if not _layout_line(ln)))


def _read_toml(path: Path, tables: tuple[str, ...]) -> dict:
    """The file's document, which holds only the arrays of `tables`: a table header
    mistyped would otherwise leave its record out unseen, or be reported by a file that
    names the record."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"{path}: not valid TOML: {e}") from None
    for key in doc:
        if key not in tables:
            expected = ", ".join(f"[[{t}]]" for t in tables)
            raise DataError(f"{path}: {key!r}: unknown table (the file holds {expected})")
    return doc


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


def _reference(path: Path) -> Reference:
    doc = _read_toml(path, ("figure", "rule", "rate_over_100"))
    figures = _records(path, doc, "figure", ReferenceFigure)
    rules = _records(path, doc, "rule", RatioRule)
    rates = _records(path, doc, "rate_over_100", RateOver100)
    _unique(path, "figure", [f.id for f in figures])
    _unique(path, "rule", [r.id for r in rules])
    return Reference(figures=figures, rules=rules, rates_over_100=rates)


def read_reference(directory: Path | None = None) -> Reference:
    """data/reference.toml, checked as a file; a data folder without one has no rules
    against the city's size."""
    path = (directory or data_dir()) / REFERENCE_FILE
    return _reference(path) if path.exists() else Reference()


@functools.cache
def _cached_reference(directory: Path) -> Reference:
    return read_reference(directory)


def load_reference() -> Reference:
    """The reference the quality rules use: read once per data folder."""
    return _cached_reference(data_dir().resolve())


def _check_reference(path: Path, ref: Reference, by_id: dict[str, Achievement]) -> None:
    """Each rule names a record of the article and a basis a ratio can be taken of."""
    figures = {f.id: f for f in ref.figures}
    for rule in ref.rules:
        where = f"{path}: rule ({rule.id})"
        a = by_id.get(rule.achievement)
        if a is None:
            raise DataError(f"{where}: achievement: unknown achievement {rule.achievement!r}")
        basis = figures.get(rule.basis) or by_id.get(rule.basis)
        if basis is None:
            raise DataError(f"{where}: basis: neither a figure nor an achievement")
        if a.value is None or getattr(basis, "value", None) is None:
            raise DataError(f"{where}: achievement: a ratio needs two numbers")
        if rule.kind == "share" and a.base_unit != basis.base_unit:
            raise DataError(f"{where}: basis: a share needs its whole in the same unit"
                            f" ({a.unit} / {basis.unit})")
        if rule.kind in ("against_population", "per_resident") and basis.base_unit != "人":
            raise DataError(f"{where}: basis: a count of residents is in 人")
        if rule.kind == "per_km2" and basis.base_unit != "平方公里":
            raise DataError(f"{where}: basis: an area in 平方公里")
        top = rule.ratio_unit.split("/")[0]
        if rule.kind not in ("share", "against_population") and unit_scale(top)[1] != a.base_unit:
            raise DataError(f"{where}: ratio_unit: {rule.ratio_unit!r} does not measure"
                            f" {a.unit}")


def load_dataset(directory: Path | None = None) -> Dataset:
    directory = directory or data_dir()
    ach_path, plan_path = directory / ACHIEVEMENTS_FILE, directory / PLAN_FILE
    ach_doc = _read_toml(ach_path, ("theme", "achievement"))
    plan_doc = _read_toml(plan_path, ("district", "department", "indicator"))
    try:
        text = (directory / ARTICLE_FILE).read_text(encoding="utf-8")
        article, read = _squash(text), reading_text(text)
    except (FileNotFoundError, UnicodeDecodeError):
        raise DataError(f"{directory / ARTICLE_FILE}: missing or not UTF-8 text") from None

    themes = _records(ach_path, ach_doc, "theme", Theme)
    for i, row in enumerate(ach_doc.get("achievement", []), start=1):
        missing = [k for k in ACHIEVEMENT_REQUIRED if isinstance(row, dict) and k not in row]
        if missing:
            rid = f" ({row['id']})" if isinstance(row.get("id"), str) else ""
            raise DataError(f"{ach_path}: achievement #{i}{rid}: {missing[0]}: field required")
    achievements = _records(ach_path, ach_doc, "achievement", Achievement)
    districts = _records(plan_path, plan_doc, "district", District)
    indicators = _records(plan_path, plan_doc, "indicator", Indicator)
    departments = _records(plan_path, plan_doc, "department", Department)
    for path, key, records in ((ach_path, "theme", themes), (ach_path, "achievement", achievements),
                               (plan_path, "district", districts)):
        if not records:
            raise DataError(f"{path}: no [[{key}]] records")
    _unique(ach_path, "theme", [t.id for t in themes])
    _unique(ach_path, "achievement", [a.id for a in achievements])
    _unique(plan_path, "district", [d.id for d in districts])
    _unique(plan_path, "indicator", [i.id for i in indicators])
    _unique(plan_path, "department", [d.name_zh for d in departments])

    theme_ids = {t.id for t in themes}
    by_id = {a.id: a for a in achievements}
    for a in achievements:
        where = f"{ach_path}: achievement ({a.id})"
        if a.theme not in theme_ids:
            raise DataError(f"{where}: theme: unknown theme {a.theme!r}")
        if a.part_of is not None and a.part_of not in by_id:
            raise DataError(f"{where}: part_of: unknown achievement {a.part_of!r}")
        quote = _squash(a.source_quote)
        if quote not in article and quote not in read:
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
    reference = read_reference(directory)
    _check_reference(directory / REFERENCE_FILE, reference, by_id)
    return Dataset(
        themes=themes, achievements=achievements, districts=districts, indicators=indicators,
        reference=reference, departments=departments,
    )
