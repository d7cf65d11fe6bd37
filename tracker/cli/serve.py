"""The app in a browser, for planners behind an authenticating proxy."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from tracker.cli.common import common_options, fail_with, settings
from tracker.i18n.cli import CLI


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@common_options
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--public-url", metavar="URL",
              help="The address planners open, when a proxy is in front "
                   "(else http://HOST:PORT). Only pages from it may start a session.")
@click.option("--user-header", metavar="NAME",
              help="A header the authenticating proxy sets to the planner's name "
                   "(e.g. X-Remote-User): each session runs as that planner; a request "
                   "without it is refused.")
@click.option("--files", "files", type=click.Path(path_type=Path), metavar="DIR",
              help="The only folder browser sessions export to and import from "
                   "(else <database>-files beside the database).")
def serve(host: str, port: int, public_url: str | None, user_header: str | None,
          files: Path | None) -> None:
    """Serve the app in a browser. It has no login: keep it on loopback behind a proxy."""
    from tracker.ui.serve import BadPublicUrl, public_url_for

    s = settings()
    db = s.resolved_db().resolve()
    with s.open():  # refuse a bad database here, not in every browser tab
        pass
    if public_url is None and host in ("0.0.0.0", "::", ""):
        fail_with(CLI.text("serve_needs_public_url", s.lang), s.lang)
    try:
        url = public_url_for(host, port, public_url)
    except BadPublicUrl:
        fail_with(CLI.text("serve_bad_public_url", s.lang, url=public_url), s.lang)
    if user_header is not None and (
        not user_header or not all(c.isascii() and (c.isalnum() or c == "-")
                                   for c in user_header)):
        fail_with(CLI.text("serve_bad_user_header", s.lang, header=user_header), s.lang)
    if user_header is not None and public_url is None:
        # the header comes from a proxy, and the page must then point at the proxy
        fail_with(CLI.text("serve_header_needs_url", s.lang), s.lang)
    files_root = _files_folder(files or db.with_name(f"{db.stem}-files"), s.lang)
    if not is_loopback(host):
        click.echo(CLI.text("serve_not_loopback", s.lang, host=host), err=True)
    click.echo(CLI.text("serve_address", s.lang, url=url, db=db, files=files_root))
    from tracker.ui.serve import serve as run_server

    run_server(db, actor=s.user, lang=s.lang, host=host, port=port, public_url=public_url,
               user_header=user_header, files_root=files_root)


def _files_folder(folder: Path, lang: str) -> Path:
    """The sessions' folder for files, created owner-only when it is not there yet."""
    try:
        folder.mkdir(mode=0o700, parents=False, exist_ok=True)
    except OSError as e:
        fail_with(f"{e.strerror or e}: {folder}", lang)
    if not folder.is_dir():
        fail_with(CLI.text("not_a_folder", lang, path=folder), lang)
    return folder.resolve()
