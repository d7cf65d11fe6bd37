"""A mistyped command line as one line in the user's language, like every other refusal
(click's own answer is three English lines and exit status 2)."""

from __future__ import annotations

import os
from collections.abc import Sequence

import click

from tracker.i18n import LANGS, known
from tracker.i18n.cli import USAGE, click_reason


def lang_of(argv: Sequence[str], env_var: str) -> str:
    """The language asked for on the line (it may not have been parsed when the line is
    refused), else in the environment, else Chinese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    return known(os.environ.get(env_var))


def _name(param: click.Parameter | None) -> str:
    if param is None:
        return "?"
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


def usage_line(e: click.UsageError, lang: str) -> str:
    if isinstance(e, click.NoSuchOption):
        text = USAGE.text("no_such_option", lang, option=e.option_name)
        if e.possibilities:
            text += USAGE.text("did_you_mean", lang, near=", ".join(sorted(e.possibilities)))
    elif isinstance(e, click.MissingParameter):
        missing = "missing_option" if isinstance(e.param, click.Option) else "missing_argument"
        text = USAGE.text(missing, lang, name=_name(e.param))
    elif isinstance(e, click.BadParameter):
        name = _name(e.param) if e.param is not None else (e.param_hint or "?")
        text = USAGE.text("bad_value", lang, name=name, why=click_reason(e.message.rstrip("."), lang))
    elif isinstance(e, click.BadOptionUsage) and "requires an argument" in e.message:
        text = USAGE.text("needs_value", lang, option=e.option_name)
    else:
        # no such command, an extra argument: click's words, which name what was typed
        text = click_reason(e.format_message().rstrip("."), lang, whole_line=True)
    command = e.ctx.command_path if e.ctx is not None else "tracker"
    return text + USAGE.text("see_help", lang, command=command)
