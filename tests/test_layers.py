"""The layers stay where they are: textual only in tracker/ui, SQL only in the store."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_sources_found() -> None:
    assert len(SOURCES) > 8


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_textual_only_in_ui(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    mods = imported_modules(path)
    if rel.parts[0] != "ui":
        assert not mods & {"textual", "textual_plotext", "textual_serve"}, rel


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_sql_only_in_store(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    if str(rel) != "store.py":
        assert not imported_modules(path) & {"sqlite3", "sqlite_utils"}, rel


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_ui_does_not_compute_verdicts_or_sql(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    if rel.parts[0] == "ui":
        text = path.read_text(encoding="utf-8")
        sql = re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b[^\n]*\b(FROM|INTO|SET|WHERE)\b", text)
        assert sql is None, (rel, sql and sql.group())
        assert ".execute(" not in text and ".db[" not in text, rel


@pytest.mark.parametrize("path", sorted((PACKAGE / "i18n").rglob("*.py")),
                         ids=lambda p: p.name)
def test_translations_are_only_text(path: Path) -> None:
    """tracker/i18n is words: everything may import it, and it imports nothing of the app
    and no library, so no import loop can run through it."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^from tracker\.(?!i18n\b)|^import tracker\.(?!i18n\b)", text, re.M)
    assert imported_modules(path) <= {"__future__", "re", "tracker"}, path.name


def test_progress_is_pure() -> None:
    for name in ("progress.py", "quality.py"):
        mods = imported_modules(PACKAGE / name)
        io_modules = {
            "os",
            "io",
            "pathlib",
            "sqlite3",
            "sqlite_utils",
            "socket",
            "subprocess",
            "shutil",
            "tempfile",
            "textual",
            "click",
        }
        assert not mods & io_modules, (name, mods & io_modules)
        # within the package, only the models may be imported
        text = (PACKAGE / name).read_text(encoding="utf-8")
        assert "from tracker.store" not in text and "import tracker.store" not in text


def test_importing_opens_no_database(tmp_path: Path) -> None:
    """Importing every module touches no file: nothing is opened at import time."""
    code = (
        "import sqlite3, sys\n"
        "opened = []\n"
        "real = sqlite3.connect\n"
        "sqlite3.connect = lambda *a, **k: opened.append(a) or real(*a, **k)\n"
        "import tracker.cli, tracker.store, tracker.report, tracker.ui.app\n"
        "print(len(opened))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, check=True
    )
    assert out.stdout.strip() == "0"
