"""`tracker serve`: the same app in a browser, through textual-serve.

What the server lets in, before any app process starts:
- a WebSocket only from the server's own page: its Origin must be the public origin
  (a page on another site, open in a planner's browser, could otherwise type into the
  app); a socket with no Origin is no browser's and is refused too;
- with a user header (set by an authenticating proxy), only requests that name a planner,
  each session running the app as that planner.
The page it serves loads nothing from elsewhere: textual-serve's own page links a foreign
font host, unreachable on mainland networks and intranets, so the page is our own, with
the bundled font, under a Content-Security-Policy that says so to the browser.
"""

from __future__ import annotations

import asyncio
import shlex
import sys
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

from tracker.i18n.ui import SERVE_REFUSALS

HERE = Path(__file__).parent
MAX_USER_LENGTH = 64
# the socket is same-origin, but 'self' does not cover ws: in every browser
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "font-src 'self'; img-src 'self' data:; connect-src 'self' {ws}; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


class BadPublicUrl(ValueError):
    pass


def origin_of(url: str) -> str:
    """scheme://host[:port] as a browser writes it in Origin (no default port)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise BadPublicUrl(url)
    try:
        port = parts.port
    except ValueError as e:
        raise BadPublicUrl(url) from e
    if parts.username or parts.password or parts.query or parts.fragment:
        raise BadPublicUrl(url)
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    default = 80 if scheme == "http" else 443
    return f"{scheme}://{host}" if port in (None, default) else f"{scheme}://{host}:{port}"


def public_url_for(host: str, port: int, public_url: str | None) -> str:
    """The address browsers open: the proxy's, else this server's own."""
    if public_url:
        origin_of(public_url)
        return public_url.strip().rstrip("/")
    shown = f"[{host}]" if ":" in host else host
    return origin_of(f"http://{shown}:{port}")


def user_from(value: str | None) -> str | None:
    """The planner a proxy's header names, or None when it names no one a planner could
    be: empty, too long, or with control or invisible format characters (which would
    move the cursor or disguise a name in the audit log)."""
    if value is None:
        return None
    name = value.strip()
    if not name or len(name) > MAX_USER_LENGTH:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in name):
        return None
    return name


def app_argv(db_path: Path, actor: str, lang: str, files_root: Path | None = None) -> list[str]:
    """The command each browser session runs: the terminal app on the same database."""
    argv = [sys.executable, "-m", "tracker", "--db", str(db_path), f"--user={actor}",
            "--lang", lang]
    if files_root is not None:
        argv.append(f"--files-root={files_root}")
    return argv


def app_command(db_path: Path, actor: str, lang: str, files_root: Path | None = None) -> str:
    # textual-serve starts it through the shell: every word is quoted
    return shlex.join(app_argv(db_path, actor, lang, files_root))




class TrackerServer(Server):
    def __init__(self, db_path: Path, actor: str, lang: str, host: str, port: int,
                 public_url: str | None = None, user_header: str | None = None,
                 files_root: Path | None = None) -> None:
        self.db_path, self.actor, self.lang = db_path, actor, lang
        self.user_header = user_header
        self.files_root = files_root
        self.behind_proxy = bool(public_url)
        url = public_url_for(host, port, public_url)
        self.origin = origin_of(url)
        super().__init__(
            app_command(db_path, actor, lang, files_root), host=host, port=port,
            title="Kaili plan tracker", public_url=url, templates_path=HERE,
        )
        self.textual_static = Path(textual_serve.__file__).parent / "static"

    def refusal(self, key: str) -> web.HTTPForbidden:
        text = SERVE_REFUSALS.text(key, self.lang, header=self.user_header)
        return web.HTTPForbidden(text=text + "\n")

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        import aiohttp_jinja2
        import jinja2

        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(HERE))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.textual_static, name="static"),
            web.static("/page", HERE / "page", name="page"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        app.on_response_prepare.append(self._headers)
        return app

    def session_user(self, request: web.Request) -> str:
        if self.user_header is None:
            return self.actor
        user = user_from(request.headers.get(self.user_header))
        if user is None:
            raise self.refusal("user")
        return user

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.session_user(request)  # every request names its planner, or none does
        return await handler(request)

    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        ws = "wss" if self.origin.startswith("https") else "ws"
        response.headers["Content-Security-Policy"] = _CSP.format(
            ws=ws + self.origin.removeprefix("https").removeprefix("http"))
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"

    async def on_startup(self, app: web.Application) -> None:
        pass  # cli prints the address; textual-serve's banner names the command line

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self.behind_proxy and f"{request.scheme}://{request.host}" != self.origin:
            # opened by another name (localhost for 127.0.0.1): the socket would be
            # refused from there, so the page is shown from its own address
            raise web.HTTPTemporaryRedirect(self.public_url + request.path_qs)
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        # textual-serve's handler, with the checks first and the planner's own command
        if request.headers.get("Origin", "").strip().lower() != self.origin:
            raise self.refusal("origin")
        user = self.session_user(request)
        command = app_command(self.db_path, user, self.lang, self.files_root)
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(
                command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=websocket.close, download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket


def serve(db_path: Path, actor: str, lang: str, host: str, port: int,
          public_url: str | None = None, user_header: str | None = None,
          files_root: Path | None = None) -> None:
    TrackerServer(db_path, actor, lang, host, port, public_url, user_header,
                  files_root).serve()
