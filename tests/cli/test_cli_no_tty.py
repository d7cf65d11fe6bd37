"""The command line without a terminal: `tracker` alone refuses instead of hanging, and
`--output -` writes a text export or report to stdout."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tracker.store import Store


def tracker(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`tracker` as a shell runs it in a pipe: stdin from /dev/null, stdout captured."""
    return subprocess.run(
        [sys.executable, "-c", "from tracker.cli import main; main()", *args],
        stdin=subprocess.DEVNULL, capture_output=True, cwd=cwd, timeout=60,
        env={**{k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"},
             "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.mark.parametrize(("lang", "says"), [("zh", "需要在终端"), ("en", "needs a terminal")])
def test_the_ui_without_a_terminal_says_so_and_exits_1(tmp_path: Path, lang: str,
                                                       says: str) -> None:
    db = tmp_path / "plan.db"
    r = tracker("--db", str(db), "--lang", lang, cwd=tmp_path)
    assert r.returncode == 1
    err = r.stderr.decode()
    assert says in err and len(err.strip().splitlines()) == 1, err
    assert r.stdout == b""


def test_a_driver_named_in_the_environment_runs_the_app(run, db_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A served session (textual-serve names its web driver) and the tests have no
    terminal and still get the app."""
    import tracker.ui.app

    started: list[Path] = []
    monkeypatch.setattr(tracker.ui.app, "run_app",
                        lambda db, **kw: started.append(db))
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    r = run("--db", str(db_path))
    assert r.exit_code == 0 and started == [db_path]
    monkeypatch.delenv("TEXTUAL_DRIVER")
    assert run("--db", str(db_path)).exit_code == 1 and len(started) == 1


def test_exports_to_stdout(tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    Store(db, actor="seed").close()
    ids = {i.id for i in Store(db, actor="x").indicators()}

    r = tracker("--db", str(db), "export", "--output", "-", "--format", "csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8-sig"))))
    assert {row["id"] for row in rows} == ids

    r = tracker("--db", str(db), "export", "--output", "-", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert {st["indicator"]["id"] for st in json.loads(r.stdout)["indicators"]} == ids

    r = tracker("--db", str(db), "--lang", "en", "export", "--output", "-", "--format", "md",
                cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.decode().startswith("# ")

    r = tracker("--db", str(db), "review", "--output", "-", "--format", "html", cwd=tmp_path)
    assert r.returncode == 0 and b"<html" in r.stdout
    # nothing named "-" is left behind
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("args", [
    ["export", "--output", "-"],
    ["export", "--output", "-", "--format", "xlsx"],
    ["review", "--output", "-", "--format", "docx"],
    ["review", "--output", "-"],
])
def test_binary_or_unnamed_formats_to_stdout_are_refused(tmp_path: Path, args: list[str]
                                                         ) -> None:
    db = tmp_path / "plan.db"
    Store(db, actor="seed").close()
    r = tracker("--db", str(db), "--lang", "en", *args, cwd=tmp_path)
    assert r.returncode == 1 and r.stdout == b""
    err = r.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and "stdout" in err, err
    assert not (tmp_path / "-").exists()
