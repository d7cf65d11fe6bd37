"""Every text exists in both languages, in one package, and is looked up by a key it has."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from pathlib import Path
from typing import get_args

import pytest

import tracker.i18n
from tracker import progress
from tracker.i18n import Catalog
from tracker.i18n.verdicts import VERDICTS

PACKAGE = Path(tracker.__file__).resolve().parent
SOURCES = sorted(PACKAGE.rglob("*.py"))
OUTSIDE = [p for p in SOURCES if p.relative_to(PACKAGE).parts[0] != "i18n"]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z]{2,}")

# texts whose Chinese rightly has no Chinese character, by (catalog, key)
NOT_CHINESE = {
    # the key that switches language names the language it switches to
    ("ACTIONS", "switch_language"),
}


def catalogs() -> dict[str, Catalog]:
    found: dict[str, Catalog] = {}
    for info in pkgutil.iter_modules(tracker.i18n.__path__):
        module = importlib.import_module(f"tracker.i18n.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Catalog):
                found[name] = value
            elif isinstance(value, dict) and value and all(
                isinstance(v, Catalog) for v in value.values()
            ):
                found |= {f"{name}[{k}]": v for k, v in value.items()}
    return found


CATALOGS = catalogs()
TEXTS = [(name, key, pair) for name, cat in CATALOGS.items() for key, pair in cat.items()]


def fields(text: str) -> set[str]:
    """The fields a text fills in; a field of one language's own (name_en, name_zh) counts
    as the same field."""
    return {re.sub(r"_(en|zh)$", "", f) for _, f, _, _ in string.Formatter().parse(text)
            if f is not None}


def test_catalogs_found() -> None:
    for expected in ("STRINGS", "MESSAGES", "VERDICTS", "WORK", "MARKDOWN", "CLI", "USAGE"):
        assert expected in CATALOGS
    assert len(TEXTS) > 300


@pytest.mark.parametrize(("catalog", "key", "pair"), TEXTS, ids=lambda x: str(x)[:40])
def test_both_languages(catalog: str, key: str, pair: tuple[str, str]) -> None:
    """Each text has an English and a Chinese side, saying the same fields; where the English
    has words, the Chinese is written in Chinese."""
    en, zh = pair
    assert isinstance(en, str) and isinstance(zh, str)
    if WORD.search(en) or re.search(r"[\u4e00-\u9fff]", zh):
        # punctuation alone may be one language's only (Chinese ends a clause with 。)
        assert en.strip() and zh.strip(), (catalog, key)
    assert fields(en) == fields(zh), (catalog, key)
    if WORD.search(re.sub(r"\{[^}]*\}|`[^`]*`|--\w+|\b[A-Z]{2,}\b|\.\w+", "", en)) and (
        (catalog, key) not in NOT_CHINESE
    ):
        assert CJK.search(zh), (catalog, key, zh)


def test_every_verdict_is_named() -> None:
    """The verdict codes are progress.py's; each has a name, and no name is for a code
    progress does not give."""
    codes = set(get_args(progress.ScheduleVerdict)) | set(get_args(progress.GrowthVerdict))
    assert set(VERDICTS) == codes


def choices_of_language(tree: ast.AST) -> list[str]:
    """Places that decide between languages by themselves: `lang == "zh"`, `"en" if ...`,
    a dict keyed by language, a lookup of a language's side by index."""
    langs = {"zh", "en"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Constant) and o.value in langs for o in operands):
                found.append(f"line {node.lineno}: compares with a language")
        elif isinstance(node, ast.IfExp):
            if any(isinstance(o, ast.Constant) and o.value in langs
                   for o in (node.body, node.orelse)):
                found.append(f"line {node.lineno}: chooses a language")
        elif isinstance(node, ast.Dict):
            if any(isinstance(k, ast.Constant) and k.value in langs for k in node.keys):
                found.append(f"line {node.lineno}: a dict keyed by language")
        elif (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Name)
              and node.slice.id == "lang"):
            found.append(f"line {node.lineno}: indexes by language")
    return found


@pytest.mark.parametrize("path", OUTSIDE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_language_chosen_outside_i18n(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert choices_of_language(tree) == [], path.relative_to(PACKAGE)


def test_the_check_sees_a_choice() -> None:
    """The check above is not blind: each way of choosing inline is caught."""
    for code in ('x = "a" if lang == "zh" else "b"', 'x = "en" if z else "zh"',
                 'x = {"en": "a", "zh": "b"}', "x = labels[lang]", 'x = lang != "en"'):
        assert choices_of_language(ast.parse(code)), code


def catalog_names(tree: ast.Module) -> dict[str, str]:
    """Names a module imports from tracker.i18n, that are catalogs."""
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tracker.i18n"):
            for alias in node.names:
                if alias.name in CATALOGS:
                    names[alias.asname or alias.name] = alias.name
    return names


KEYED = {"tr": "STRINGS", "verdict_label": "VERDICTS", "progress_line": "WORK",
         "counted_on_terminal": "WORK", "on_terminal": "WORK", "show_count": "WORK"}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_keys_looked_up_exist(path: Path) -> None:
    """A key written out where a text is looked up is a key of that catalog: a typo fails
    here, not in front of a planner."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    cats = catalog_names(tree)
    missing = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        key = node.args[0]
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in ("text", "get_text") \
                and isinstance(f.value, ast.Name) and f.value.id in cats:
            catalog = cats[f.value.id]
        elif isinstance(f, ast.Name) and f.id in KEYED:
            catalog = KEYED[f.id]
        elif isinstance(f, ast.Name) and f.id in ("choice", "choices"):
            catalog = f"CHOICES[{key.value}]"
            if catalog not in CATALOGS:
                missing.append((node.lineno, catalog))
            continue
        else:
            continue
        if key.value not in CATALOGS[catalog]:
            missing.append((node.lineno, catalog, key.value))
    assert missing == [], path.relative_to(PACKAGE)


# texts that count in the plural but need no form of their own for one: the review's
# catalog makes its English singular by rule, and a multiple is never "1 times"
PLURAL_BY_RULE = {"REVIEW"}
NEVER_ONE = {("VOID", "times_more")}


@pytest.mark.parametrize(("catalog", "key", "pair"), TEXTS, ids=lambda x: str(x)[:40])
def test_a_count_of_one_reads_in_the_singular(catalog: str, key: str,
                                               pair: tuple[str, str]) -> None:
    """"1 changes", "1 years left": an English text counting `n` things in the plural
    has a form for one (`key_one`), which Catalog.text takes when n is 1."""
    if (catalog in PLURAL_BY_RULE or (catalog, key) in NEVER_ONE or key.endswith("_one")
            or not re.search(r"\{n\} [a-z-]+s\b", pair[0])):
        return
    assert f"{key}_one" in CATALOGS[catalog], (catalog, key, pair[0])
