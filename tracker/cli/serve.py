"""The app in a browser, for planners behind an authenticating proxy."""

from __future__ import annotations

import ipaddress

import click

from tracker.cli.common import common_options, settings
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
def serve(host: str, port: int) -> None:
    """Serve the app in a browser. It has no login: keep it on loopback behind a proxy."""
    s = settings()
    db = s.resolved_db().resolve()
    with s.open():  # refuse a bad database here, not in every browser tab
        pass
    if not is_loopback(host):
        click.echo(CLI.text("serve_not_loopback", s.lang, host=host), err=True)
    click.echo(f"http://{host}:{port}  ({db})")
    from tracker.ui.serve import serve as run_server

    run_server(db, actor=s.user, lang=s.lang, host=host, port=port)
