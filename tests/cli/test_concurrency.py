"""Many planners, one database file: real processes, real locks."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_process
from tracker.errors import Conflict
from tracker.store import Store

WRITER = textwrap.dedent(
    """
    import sys
    from tracker.models import Measurement
    from tracker.store import Store
    db, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Store(db, actor=who) as s:
        for i in range(n):
            s.add_measurement(Measurement(indicator="openness-road-length", year=2021 + i % 5,
                                          value=1900 + i, note=who))
    """
)

STALE_SAVE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tracker.errors import Conflict
    from tracker.store import Store
    db, go = sys.argv[1], Path(sys.argv[2])
    with Store(db, actor="ana") as s:
        seen = s.indicator("openness-road-length").version   # ana opens the form
        Path(sys.argv[3]).touch()
        while not go.exists():                                 # ...and types slowly
            time.sleep(0.02)
        try:
            s.update_indicator("openness-road-length", {"target_value": 1950.0,
                               "target_year": 2025}, expected_version=seen)
        except Conflict as e:
            print(e.text("en"))
            sys.exit(3)
    """
)


def test_two_processes_appending_values_keep_them_all(db_path: Path) -> None:
    Store(db_path, actor="setup").close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), who, "60"], cwd=ROOT)
        for who in ("ana", "bo")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with Store(db_path, actor="check") as s:
        notes = [m.note for m in s.measurements("openness-road-length")]
        assert notes.count("ana") == 60 and notes.count("bo") == 60
        assert s.integrity_problems() == []
        assert len(s.audit(entity="indicator", entity_id="openness-road-length")) == 120


def test_a_stale_save_from_another_process_is_refused(db_path: Path, tmp_path: Path) -> None:
    Store(db_path, actor="setup").close()
    go, ready = tmp_path / "go", tmp_path / "ready"
    ana = subprocess.Popen([sys.executable, "-c", STALE_SAVE, str(db_path), str(go), str(ready)],
                           cwd=ROOT, stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert time.monotonic() < deadline and ana.poll() is None
        time.sleep(0.02)
    # bo saves first, from the command line
    r = run_process("target", "set", "openness-road-length", "--value", "2100", "--year", "2025",
                    "--db", str(db_path), "--user", "bo")
    assert r.returncode == 0, r.stderr
    go.touch()
    out, _ = ana.communicate(timeout=60)
    assert ana.returncode == 3
    assert "bo" in out and "reload" in out
    with Store(db_path, actor="check") as s:
        assert s.indicator("openness-road-length").target_value == 2100.0  # bo's change stays


def test_without_a_version_the_later_save_wins_so_the_ui_must_pass_one(db_path: Path) -> None:
    """The check is what prevents the lost update: same steps, no version, bo's change is gone."""
    with Store(db_path, actor="ana") as ana, Store(db_path, actor="bo") as bo:
        seen = ana.indicator("openness-road-length").version
        bo.update_indicator("openness-road-length", {"notes": "bo"})
        with pytest.raises(Conflict):
            ana.update_indicator("openness-road-length", {"notes": "ana"}, expected_version=seen)
        ana.update_indicator("openness-road-length", {"notes": "ana"})
        assert bo.indicator("openness-road-length").notes == "ana"


def test_data_version_moves_when_another_connection_commits(db_path: Path) -> None:
    with Store(db_path, actor="a") as a, Store(db_path, actor="b") as b:
        v = a.data_version()
        assert a.data_version() == v
        b.update_indicator("openness-road-length", {"notes": "x"})
        assert a.data_version() != v


def test_writer_waits_on_a_busy_database(db_path: Path) -> None:
    Store(db_path, actor="setup").close()
    import sqlite3

    hold = sqlite3.connect(db_path)
    hold.execute("BEGIN IMMEDIATE")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), "bo", "1"], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    assert proc.poll() is None  # waiting, not failed
    hold.rollback()
    hold.close()
    assert proc.wait(timeout=60) == 0, proc.stderr.read()


def test_log_lists_who_changed_what(run, db_path: Path) -> None:
    db = ["--db", str(db_path)]
    run("target", "set", "openness-road-length", "--value", "2000", "--year", "2025",
        "--user", "ana", *db)
    run("measure", "add", "openness-road-length", "--year", "2021", "--value", "1900",
        "--user", "bo", *db)
    rows = json.loads(run("log", "--indicator", "openness-road-length", "--format", "json",
                          *db).output)
    assert [(r["actor"], r["action"]) for r in rows] == [("bo", "measure"), ("ana", "update")]
    assert rows[1]["old"] == {"target_value": None, "target_year": None}
    assert rows[1]["new"] == {"target_value": 2000.0, "target_year": 2025}
    assert "ana" in run("log", *db).output


async def _browser_session(port: int) -> str:
    """What a browser tab does: open the app's WebSocket at a size and read the screen."""
    import aiohttp

    seen = ""
    # a browser names the page it comes from: the server's own
    async with aiohttp.ClientSession() as session, session.ws_connect(
        f"http://127.0.0.1:{port}/ws?width=120&height=36",
        headers={"Origin": f"http://127.0.0.1:{port}"},
    ) as ws:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "gross regional product" not in _plain(seen):
            try:
                msg = await ws.receive(timeout=5)
            except TimeoutError:
                continue
            if msg.type == aiohttp.WSMsgType.BINARY:
                seen += msg.data.decode("utf-8", "replace")
            elif msg.type == aiohttp.WSMsgType.TEXT:
                seen += msg.data
            elif msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
        await ws.send_json(["stdin", "q"])
    return _plain(seen)


def _plain(stream: str) -> str:
    """The terminal stream without its escape sequences: the text a person sees."""
    return re.sub(r"\x1b(\[[0-9;?$]*[a-zA-Z]|\][^\x07]*\x07)", "", stream)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_with_the_app_page(db_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", "serve", "--port", str(port), "--db", str(db_path),
         "--lang", "en"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "120"},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                    assert resp.status == 200
                    page = resp.read().decode()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert "textual" in page.lower() and "Kaili plan tracker" in page
        screen = asyncio.run(_browser_session(port))
        # the same app a terminal shows, streamed to the page: the plan, in English
        assert "Kaili plan tracker" in screen and "gross regional product" in screen, screen[-500:]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_warns_off_loopback(run, db_path: Path, monkeypatch) -> None:
    # the tests never bind a public address: stand in for the server, keep the command real
    import tracker.ui.serve

    started = []
    monkeypatch.setattr(tracker.ui.serve, "serve", lambda *a, **k: started.append(k))
    r = run("serve", "--host", "0.0.0.0", "--port", "8123", "--db", str(db_path), "--lang", "en",
            "--public-url", "http://plan.example:8123")
    assert "WARNING" in r.output and "no login" in r.output
    assert started == [{"actor": started[0]["actor"], "lang": "en", "host": "0.0.0.0",
                        "port": 8123, "public_url": "http://plan.example:8123",
                        "user_header": None,
                        "files_root": db_path.resolve().with_name("plan-files")}]
    r = run("serve", "--host", "127.0.0.1", "--db", str(db_path), "--lang", "en")
    assert "WARNING" not in r.output
