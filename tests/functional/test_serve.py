"""`tracker serve` over real loopback sockets: what it lets in, what the page loads, who
each session runs as, and where a served session may read and write files.

The server runs as a real process on a free loopback port; the browser is played by
aiohttp's client, speaking textual-serve's WebSocket protocol."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from textual.widgets import Input, Static

from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.dialogs.export import ExportDialog
from tracker.ui.dialogs.import_file import ImportDialog
from tracker.ui.files import inside
from tracker.ui.messages import OpenImport
from tracker.ui.serve import app_argv, origin_of, user_from

STARTUP = 60  # seconds; the machine may be busy with other test runs
PROXY = "https://plan.example.internal"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, proc: subprocess.Popen, port: int, db: Path) -> None:
        self.proc, self.port, self.db = proc, port, db
        self.base = f"http://127.0.0.1:{port}"

    def children(self) -> list[int]:
        """The app processes the server has started (textual-serve spawns them through a
        shell: any descendant counts)."""
        found: list[int] = []
        todo = [self.proc.pid]
        while todo:
            pid = todo.pop()
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    kids = [int(k) for k in (task / "children").read_text().split()]
                except OSError:
                    continue
                found += kids
                todo += kids
        return found


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    started: list[subprocess.Popen] = []

    def start(*options: str) -> Served:
        db = tmp_path / "plan.db"
        Store(db, actor="seed").close()
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "tracker", "--db", str(db), "--lang", "en", "--user",
             "server", "serve", "--host", "127.0.0.1", "--port", str(port), *options],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path,
            env={**os.environ, "TEXTUAL_DISABLE_LOGGING": "1"},
        )
        started.append(proc)
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return Served(proc, port, db)
            time.sleep(0.1)
        pytest.fail("the server did not start")

    yield start
    for proc in started:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


async def first_data(ws: aiohttp.ClientWebSocketResponse, timeout: float = STARTUP) -> bytes:
    """The app's first screen bytes: proof that a session started."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = await ws.receive(timeout=deadline - time.monotonic())
        if msg.type == aiohttp.WSMsgType.BINARY and len(msg.data) > 10:
            return msg.data
        if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            break
    pytest.fail("no screen came from the app")


async def refused(url: str, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url, headers=headers, timeout=aiohttp.ClientWSTimeout(
                    ws_receive=10)):
                return 101
        except aiohttp.WSServerHandshakeError as e:
            return e.status


def test_a_foreign_page_is_refused_before_any_app_starts(serve) -> None:
    server = serve()
    ws = f"ws://127.0.0.1:{server.port}/ws"
    for headers in ({"Origin": "http://evil.example"},
                    {"Origin": f"http://127.0.0.1:{server.port}.evil.example"},
                    {"Origin": "null"},
                    {}):  # no Origin: no browser's socket
        assert asyncio.run(refused(ws, headers)) == 403
    time.sleep(0.5)
    assert server.children() == []


def test_the_pages_own_origin_starts_a_session(serve) -> None:
    server = serve()

    async def session() -> None:
        async with aiohttp.ClientSession() as http:
            page = await (await http.get(server.base + "/")).text()
            ws_url = re.search(r'data-session-websocket-url="([^"]+)"', page).group(1)
            assert ws_url == f"ws://127.0.0.1:{server.port}/ws"
            async with http.ws_connect(ws_url + "?width=100&height=30",
                                       headers={"Origin": server.base}) as ws:
                assert await first_data(ws)
                assert server.children()  # the app runs in its own process

    asyncio.run(session())


def test_the_page_loads_nothing_from_elsewhere(serve) -> None:
    server = serve()

    async def fetch() -> None:
        async with aiohttp.ClientSession() as http:
            response = await http.get(server.base + "/")
            page = await response.text()
            csp = response.headers["Content-Security-Policy"]
            assert "default-src 'none'" in csp and "script-src 'self'" in csp
            links = re.findall(r'(?:href|src)="([^"]+)"', page)
            assert links and all(u.startswith(server.base + "/") for u in links)
            assert "googleapis" not in page and "http://www.w3.org" not in page
            for url in links:  # each one is there, on this server
                assert (await http.get(url)).status == 200
            css = await (await http.get(server.base + "/page/fonts.css")).text()
            font = re.search(r'url\("\.\./([^"]+)"\)', css).group(1)
            assert (await http.get(f"{server.base}/{font}")).status == 200

    asyncio.run(fetch())


def test_behind_a_proxy_the_page_and_socket_are_the_proxys(serve) -> None:
    server = serve("--public-url", PROXY + "/")

    async def check() -> None:
        async with aiohttp.ClientSession() as http:
            # as nginx forwards it: the Host is the proxy's
            page = await (await http.get(server.base + "/", headers={
                "Host": "plan.example.internal"})).text()
            assert 'data-session-websocket-url="wss://plan.example.internal/ws"' in page
            assert f'href="{PROXY}/static/css/xterm.css"' in page
        ws = f"ws://127.0.0.1:{server.port}/ws"
        # the server's own loopback address is not the page's origin any more
        assert await refused(ws, {"Origin": server.base}) == 403
        async with aiohttp.ClientSession() as http, http.ws_connect(
                ws, headers={"Origin": PROXY}) as sock:
            assert await first_data(sock)

    asyncio.run(check())


async def screen_until(ws: aiohttp.ClientWebSocketResponse, text: bytes, seconds: float) -> bool:
    """Read the screen, as a browser does, until `text` is drawn or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            msg = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            return False
        if msg.type == aiohttp.WSMsgType.BINARY and text in msg.data:
            return True
        if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            return False
    return False


async def snapshot_as(server: Served, user: str, label: str) -> None:
    """A planner's browser behind the proxy: open the app, press s, type a label, Enter,
    each when the screen shows it is ready for it, as a planner looks before typing."""
    headers = {"Origin": PROXY, "X-Remote-User": user}
    async with aiohttp.ClientSession() as http, http.ws_connect(
            f"ws://127.0.0.1:{server.port}/ws?width=120&height=36", headers=headers) as ws:
        await first_data(ws)
        deadline = time.monotonic() + STARTUP
        # a key pressed while the app is still building its first screen is lost: press
        # s until the snapshot dialog is drawn, waiting a while for it each time
        while time.monotonic() < deadline:
            await ws.send_json(["stdin", "s"])
            if await screen_until(ws, b"Label", 10):
                break
        else:
            pytest.fail("the snapshot dialog did not open")
        # keys typed while the dialog is still focusing its field are lost
        await screen_until(ws, b"\x00", 1)
        await ws.send_json(["stdin", label])
        if not await screen_until(ws, label.encode(), STARTUP):
            pytest.fail("the label was never drawn in its field")
        await screen_until(ws, b"\x00", 0.5)
        await ws.send_json(["stdin", "\r"])
        # the notice that it is saved, not the progress line ("... values saved")
        if not await screen_until(ws, b"Snapshot #", STARTUP):
            pytest.fail(f"{user}'s snapshot was not taken")


def test_each_proxy_named_planner_is_recorded_under_their_own_name(serve) -> None:
    server = serve("--public-url", PROXY, "--user-header", "X-Remote-User")

    async def both() -> None:
        await asyncio.gather(snapshot_as(server, "alice", "alice's review"),
                             snapshot_as(server, "王芳", "王芳的快照"))

    asyncio.run(both())
    with Store(server.db, actor="reader") as s:
        by_label = {i.label: i.actor for i in s.snapshots()}
        logged = {(e.actor, e.action) for e in s.audit(limit=50)}
    assert by_label.get("alice's review") == "alice", by_label
    assert by_label.get("王芳的快照") == "王芳", by_label
    assert ("alice", "snapshot") in logged and ("王芳", "snapshot") in logged
    assert not any(actor == "server" for actor, _ in logged)


def test_without_the_planners_name_nothing_is_served(serve) -> None:
    server = serve("--public-url", PROXY, "--user-header", "X-Remote-User")

    async def check() -> None:
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Remote-User": ""}, {"X-Remote-User": "a\tb"},
                            {"X-Remote-User": "x" * 65}):
                response = await http.get(server.base + "/", headers=headers)
                body = await response.text()
                assert response.status == 403
                assert body.count("\n") == 1 and "X-Remote-User" in body
            ws = f"ws://127.0.0.1:{server.port}/ws"
            assert await refused(ws, {"Origin": PROXY}) == 403
            # a named planner from a foreign page is refused all the same
            assert await refused(ws, {"Origin": "http://evil.example",
                                      "X-Remote-User": "alice"}) == 403

    asyncio.run(check())
    time.sleep(0.5)
    assert server.children() == []


def test_serve_makes_its_folder_for_files_owner_only(serve, tmp_path: Path) -> None:
    server = serve()
    folder = tmp_path / "plan-files"
    assert folder.is_dir() and (folder.stat().st_mode & 0o077) == 0
    assert server.proc.poll() is None


def test_a_session_is_launched_as_its_planner_with_its_folder(tmp_path: Path) -> None:
    argv = app_argv(tmp_path / "plan.db", "-rf; rm x", "zh", tmp_path / "files")
    assert "--user=-rf; rm x" in argv and f"--files-root={tmp_path / 'files'}" in argv


def test_bad_serve_options_are_one_line(run, db_path: Path) -> None:
    for args, words in ((["--public-url", "ftp://x"], "--public-url"),
                        (["--public-url", "https://u:p@x"], "--public-url"),
                        (["--host", "0.0.0.0"], "--public-url"),
                        (["--public-url", PROXY, "--user-header", "X Remote"],
                         "--user-header"),
                        (["--user-header", "X-Remote-User"], "--public-url")):
        result = run("--db", str(db_path), "--lang", "en", "serve", *args)
        assert result.exit_code == 1
        assert result.output.count("\n") == 1 and words in result.output


def test_origins_and_names() -> None:
    assert origin_of("https://Plan.Example.internal:443/tracker/") == PROXY
    assert origin_of("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    assert user_from(" alice ") == "alice"
    for bad in (None, "", "   ", "a\x1b[2Jb", "a\rb", "evil\u202eecnalab", "x" * 65):
        assert user_from(bad) is None


# -- the folder for files ------------------------------------------------------------


def test_paths_outside_the_folder_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "files"
    root.mkdir()
    (tmp_path / "secret.db").write_text("x")
    (root / "link").symlink_to(tmp_path / "secret.db")
    (root / "dangling").symlink_to(tmp_path / "new.csv")
    (root / "sub").mkdir()
    assert inside(root, "plan.csv") == root.resolve() / "plan.csv"
    assert inside(root, "sub/../plan.csv") == root.resolve() / "plan.csv"
    assert inside(root, str(root / "sub" / "a.xlsx")) == root.resolve() / "sub" / "a.xlsx"
    for bad in ("../secret.db", "sub/../../secret.db", "link", "dangling",
                str(tmp_path / "secret.db"), "/etc/passwd", "~/x.csv", "."):
        with pytest.raises(Exception) as e:
            inside(root, bad)
        assert "outside the folder for files" in str(e.value)


def run_async(coro):  # no asyncio plugin: each UI test runs on its own loop
    return asyncio.run(coro)


def test_a_served_sessions_export_stays_in_its_folder(tmp_path: Path) -> None:
    db = tmp_path / "ui.db"
    Store(db, actor="seed").close()
    root = tmp_path / "files"
    root.mkdir()
    (tmp_path / "victim.md").write_text("keep me")

    async def drive() -> None:
        app = create_app(db, actor="web", lang="zh", files_root=root)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("x")
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            hint = " ".join(str(s.render()) for s in dialog.query(".hint").results(Static))
            assert str(root.resolve()) in hint
            path = dialog.query_one("#f-path", Input)
            for bad in ("../victim.md", str(tmp_path / "victim.md")):
                path.value = bad
                await pilot.pause()
                await pilot.press("ctrl+s")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert isinstance(app.screen, ExportDialog)  # refused, still open
                reason = str(dialog.query_one("#e-path", Static).render())
                assert "不在文件专用文件夹" in reason and str(root.resolve()) in reason
            path.value = "plan.md"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not isinstance(app.screen, ExportDialog)
            # the import dialog says the same folder and refuses the same way
            app.post_message(OpenImport())
            await pilot.pause()
            imp = app.screen
            assert isinstance(imp, ImportDialog)
            imp.query_one("#f-path", Input).value = "../victim.md"
            await pilot.pause()
            assert "outside" not in str(imp.query_one("#e-path", Static).render())
            assert "不在文件专用文件夹" in str(imp.query_one("#e-path", Static).render())

    run_async(drive())
    assert (tmp_path / "victim.md").read_text() == "keep me"
    assert (root / "plan.md").read_text(encoding="utf-8").strip()


def test_the_terminal_app_keeps_any_path(tmp_path: Path) -> None:
    db = tmp_path / "ui.db"
    Store(db, actor="seed").close()
    out = tmp_path / "elsewhere" / "plan.md"
    out.parent.mkdir()

    async def drive() -> None:
        app = create_app(db, actor="me", lang="en")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("x")
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            assert not list(dialog.query(".hint"))
            dialog.query_one("#f-path", Input).value = str(out)
            await pilot.pause()
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()

    run_async(drive())
    assert out.read_text(encoding="utf-8").strip()
