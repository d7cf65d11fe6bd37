from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli import cli
from tracker.store import Store

ROOT = Path(__file__).resolve().parent.parent
# the schema fixtures and the published plan table the tests load
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # never touch a planner's real database or language setting
    monkeypatch.delenv("TRACKER_DB", raising=False)
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plan.db"


@pytest.fixture
def store(db_path: Path):
    with Store(db_path, actor="tester") as s:
        yield s


@pytest.fixture
def run():
    """Run the CLI in-process; returns click's Result."""
    runner = CliRunner()

    def _run(*args: str, env: dict | None = None) -> Result:
        return runner.invoke(cli, list(args), env=env, catch_exceptions=False)

    return _run


def raw(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the database file directly, as another program would: what was really stored."""
    con = sqlite3.connect(db_path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def run_process(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `tracker` as a real process, the way a planner's shell does."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", "from tracker.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=60,
    )
