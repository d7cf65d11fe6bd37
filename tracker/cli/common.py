"""What every command shares: the common options (--db, --user, --lang, before or after
a command's own), the settings they resolve to, one-line refusals and the output formats.
"""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.exceptions import NoArgsIsHelpError

from tracker import text_format
from tracker.cli.errors import lang_of, usage_line
from tracker.errors import TrackerError, invalid
from tracker.i18n import LANGS, known
from tracker.i18n.cli import CLI
from tracker.work_counts import Progress, on_terminal

if TYPE_CHECKING:
    from tracker.store import Connection, Store

    Part = TypeVar("Part", bound=Connection)

ENV_DB = "TRACKER_DB"
ENV_LANG = "TRACKER_LANG"


def default_db_path() -> Path:
    # only a command run without --db or $TRACKER_DB needs the user data folder
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("kaili-tracker", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "tracker.db"


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        ctx.find_root().meta[f"tracker.{param.name}"] = value
    return value


def common_options(f: Callable) -> Callable:
    f = click.option(
        "--lang",
        type=click.Choice(LANGS),
        expose_value=False,
        callback=_remember,
        help=f"Language of labels and messages (else ${ENV_LANG}, else zh).",
    )(f)
    f = click.option(
        "--user",
        expose_value=False,
        callback=_remember,
        help="Who is making changes (else the OS user).",
    )(f)
    return click.option(
        "--db",
        type=click.Path(path_type=Path),
        expose_value=False,
        callback=_remember,
        help=f"Database file (else ${ENV_DB}, else the user data folder).",
    )(f)


class Settings:
    """What the common options resolve to for this invocation."""

    def __init__(self, ctx: click.Context) -> None:
        meta = ctx.find_root().meta
        self.db_path: Path | None = meta.get("tracker.db")
        self.user: str = meta.get("tracker.user") or _os_user()
        self.lang: str = known(meta.get("tracker.lang") or os.environ.get(ENV_LANG))

    def resolved_db(self) -> Path:
        if self.db_path is not None:
            return self.db_path
        if os.environ.get(ENV_DB):
            return Path(os.environ[ENV_DB])
        return default_db_path()

    def open(self) -> Store:
        from tracker.store import Store

        return Store(self.resolved_db(), actor=self.user)

    def open_part(self, part: type[Part]) -> Part | Store:
        """The file opened by one part of the store, for a command that needs no more of
        it (nor the models the others import); by the whole Store when the file is new
        or needs an upgrade, which only the whole Store makes."""
        from tracker.store import NotMade

        try:
            return part(self.resolved_db(), actor=self.user, makes_files=False)
        except NotMade:
            return self.open()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"


def settings() -> Settings:
    return Settings(click.get_current_context())


def counted_on_terminal(counting: str, lang: str) -> Progress:
    """Slow work's count on stderr, when that is a terminal (see work_counts.on_terminal)."""
    return on_terminal(counting, lang, sys.stderr)


def fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


def fail_with(message: str, lang: str) -> None:
    """An error line in the user's language, and exit status 1."""
    fail(CLI.text("error", lang, message=message))


def _refuse_usage(e: click.UsageError, argv: list[str]) -> None:
    lang = lang_of(argv, ENV_LANG)
    fail_with(usage_line(e, lang), lang)


class TrackerGroup(click.Group):
    """Turns any TrackerError or mistyped command line below it into one line on stderr
    and exit status 1."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        if parent is not None:
            # a group below the root: the root's invoke refuses its mistakes, knowing the
            # whole line (--lang may come before this group's words)
            return super().make_context(info_name, args, parent, **extra)
        argv = list(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except NoArgsIsHelpError:
            raise
        except click.UsageError as e:
            _refuse_usage(e, argv)
            raise  # not reached: refusing exits
        # the whole line, for the language of a refusal further down
        ctx.meta["tracker.argv"] = argv
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except click.UsageError as e:
            _refuse_usage(e, ctx.find_root().meta.get("tracker.argv", []))
        except TrackerError as e:
            lang = Settings(ctx).lang
            fail_with(e.text(lang), lang)
        except ValueError as e:
            # pydantic's ValidationError: a model refused the input. Only loaded by a
            # command that built a model, so only looked for when one was.
            validation = sys.modules.get("pydantic_core")
            if validation is None or not isinstance(e, validation.ValidationError):
                raise
            lang = Settings(ctx).lang
            fail_with(invalid(e).text(lang), lang)
        except KeyboardInterrupt:
            # one line in the planner's language, not click's "Aborted!"; the store's
            # transaction and an export's temporary file were undone on the way out
            lang = Settings(ctx).lang
            click.echo(TrackerError("interrupted").text(lang), err=True)
            sys.exit(130)
        except BrokenPipeError:
            # the reader (head, less) went away: nothing left to say to it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as e:
            fail_with(f"{e.strerror or e}: {e.filename or ''}", Settings(ctx).lang)
        return None


def emit_rows(rows: list[dict], columns: list[str], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _cell(r.get(k)) for k in columns})
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(text_format.text_table(
            [[_cell(r.get(c), grouped=True) for c in columns] for r in rows], columns))


def _cell(v: Any, grouped: bool = False) -> str:
    """A value in a csv cell, or (`grouped`, its thousands separated) a table's."""
    if v is None:
        return ""
    if isinstance(v, float):
        return text_format.exact_num(v, grouped)
    if isinstance(v, list):
        return "; ".join(_cell(x, grouped) for x in v)
    if isinstance(v, dict):
        return v.get("message") or v.get("code") or json.dumps(v, ensure_ascii=False)
    return str(v)


FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)


def year_option(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """An option's year, read as a planner writes it (2025, 2025年)."""
    from tracker.numbers import parse_year

    return None if value is None else parse_year(value)
