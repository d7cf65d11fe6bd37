"""The layers stay where they are: textual only in tracker/ui, SQL only in the store
package, the store one door with its parts below it, and no import loop at run time."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tracker"
STORE = PACKAGE / "store"
SOURCES = sorted(PACKAGE.rglob("*.py"))
STORE_SOURCES = sorted(STORE.glob("*.py"))
# the modules the store may build on: models, rules and helpers that import no store
STORE_MAY_IMPORT = {"tracker.canonical", "tracker.errors", "tracker.gc_pause", "tracker.models",
                    "tracker.numbers", "tracker.plan_update", "tracker.progress",
                    "tracker.safe_files", "tracker.quality", "tracker.seed", "tracker.text_rules",
                    "tracker.units",
                    "tracker.work_counts"}
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b[^\n]*\b(FROM|INTO|SET|WHERE)\b"
                 r"|\b(CREATE|DROP|ALTER) (TABLE|INDEX)\b")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module_name(path).split(".")
    if not is_package(path):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports(path: Path, *, run_time_only: bool = False) -> set[str]:
    """The full names this file imports (`from a.b import c` gives a.b, and a.b.c when that
    is a module of the package). With `run_time_only`, the imports a module makes when it
    is loaded: none inside a function, none under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes: list[ast.AST] = []

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            nodes.append(node)
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    visit([n for n in inner if isinstance(n, ast.stmt | ast.ExceptHandler)])
            if isinstance(node, ast.ExceptHandler):
                visit(node.body)

    if run_time_only:
        visit(tree.body)
    else:
        nodes = list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(path, node)
            modules = {f"{base}.{a.name}" for a in node.names} & MODULES.keys()
            # `from tracker import progress` is an import of tracker.progress
            names |= modules or {base}
    return names


MODULES = {module_name(p): p for p in SOURCES}


def top_level(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


def in_store(path: Path) -> bool:
    return path.is_relative_to(STORE)


def rel(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


def test_sources_found() -> None:
    assert len(SOURCES) > 8
    assert len(STORE_SOURCES) > 8


@pytest.mark.parametrize("path", SOURCES, ids=rel)
def test_textual_only_in_ui(path: Path) -> None:
    if path.relative_to(PACKAGE).parts[0] != "ui":
        assert not top_level(imports(path)) & {"textual", "textual_plotext", "textual_serve"}


@pytest.mark.parametrize("path", SOURCES, ids=rel)
def test_sql_only_in_store(path: Path) -> None:
    """Outside tracker/store/, no module imports SQLite or runs a statement."""
    if in_store(path):
        return
    assert not top_level(imports(path)) & {"sqlite3", "sqlite_utils"}, rel(path)
    text = path.read_text(encoding="utf-8")
    sql = SQL.search(text)
    assert sql is None, (rel(path), sql and sql.group())
    assert ".execute(" not in text and ".executemany(" not in text and ".db[" not in text


@pytest.mark.parametrize("path", SOURCES, ids=rel)
def test_store_is_one_door(path: Path) -> None:
    """Outside the store, code reaches it only through `tracker.store`, never a part of it."""
    if in_store(path):
        return
    parts = {n for n in imports(path) if n.startswith("tracker.store.")}
    assert not parts, (rel(path), parts)


@pytest.mark.parametrize("path", STORE_SOURCES, ids=rel)
def test_store_builds_only_on_lower_layers(path: Path) -> None:
    """The store's parts import no code above the store, and never the door itself: each
    part is below `Store`, not beside it."""
    ours = {n for n in imports(path) if n == "tracker" or n.startswith("tracker.")}
    above = {n for n in ours if not n.startswith("tracker.store.")} - STORE_MAY_IMPORT
    assert not above, (rel(path), above)
    if not is_package(path):
        assert "tracker.store" not in ours, rel(path)


@pytest.mark.parametrize("path", STORE_SOURCES, ids=rel)
def test_store_parts_are_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, rel(path)


@pytest.mark.parametrize("path", STORE_SOURCES, ids=rel)
def test_store_methods_translate_errors_where_written(path: Path) -> None:
    """Each public method of the store says where it is written that SQLite's errors are
    put in the store's words: a caller never needs to know about sqlite3."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for fn in (n for n in cls.body if isinstance(n, ast.FunctionDef)):
            if fn.name.startswith("_"):
                continue
            names = {ast.unparse(d) for d in fn.decorator_list}
            assert "translated" in names, f"{rel(path)}: {cls.name}.{fn.name}"


def test_every_public_method_of_the_door_translates() -> None:
    from tracker.store import Store

    public = [n for n in dir(Store) if not n.startswith("_") and callable(getattr(Store, n))]
    assert len(public) > 40
    bare = [n for n in public if not hasattr(getattr(Store, n), "__wrapped__")]
    assert not bare


def test_store_schema_names_its_own_migrations() -> None:
    """The migrations' names and the schema version come from the store's own list, and
    the names a file records stay those it has always recorded."""
    from tracker.store import MIGRATION_NAMES, SCHEMA_VERSION

    assert MIGRATION_NAMES[:7] == (
        "m001_initial",
        "m002_snapshots",
        "m003_status_cache",
        "m004_latest_quality",
        "m005_no_verdict_indexes",
        "m006_snapshot_rows",
        "m007_values_logged_by_import",
    )
    assert len(set(MIGRATION_NAMES)) == len(MIGRATION_NAMES) == SCHEMA_VERSION
    for path in STORE_SOURCES:
        assert "._migrations" not in path.read_text(encoding="utf-8"), rel(path)


def test_no_import_loop_at_run_time() -> None:
    """Loading any module never comes back to one still loading (imports under
    TYPE_CHECKING or inside a function do not run when a module is loaded)."""
    graph = {
        name: {m for m in imports(path, run_time_only=True) if m in MODULES and m != name}
        for name, path in MODULES.items()
    }
    loops: list[list[str]] = []
    state: dict[str, int] = {}

    def walk(name: str, trail: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(graph[name]):
            if state.get(nxt) == 1:
                loops.append([*trail[trail.index(nxt):], nxt])
            elif nxt not in state:
                walk(nxt, [*trail, nxt])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert not loops


@pytest.mark.parametrize("path", sorted((PACKAGE / "i18n").rglob("*.py")),
                         ids=lambda p: p.name)
def test_translations_are_only_text(path: Path) -> None:
    """tracker/i18n is words: everything may import it, and it imports nothing of the app
    and no library, so no import loop can run through it."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^from tracker\.(?!i18n\b)|^import tracker\.(?!i18n\b)", text, re.M)
    assert top_level(imports(path)) <= {"__future__", "re", "tracker"}, path.name


def test_progress_is_pure() -> None:
    for name in ("progress.py", "quality.py"):
        mods = top_level(imports(PACKAGE / name))
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
        "import tracker.cli, tracker.store, tracker.status, tracker.ui.app\n"
        "print(len(opened))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, check=True
    )
    assert out.stdout.strip() == "0"


def test_every_name_the_store_offers_is_found_in_its_home() -> None:
    """The store package loads each name's module when first asked for: a name listed
    without a home, or a home without the name, would fail only when a command used it."""
    import tracker.store as store

    assert set(store.__all__) == set(store._HOMES)
    for name in store.__all__:
        assert getattr(store, name) is not None, name
