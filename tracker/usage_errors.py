"""A mistyped command line as one line in the user's language, like every other refusal
(click's own answer is three English lines and exit status 2)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

import click

LANGS = ("zh", "en")


def lang_of(argv: Sequence[str], env_var: str) -> str:
    """The language asked for on the line (it may not have been parsed when the line is
    refused), else in the environment, else Chinese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    env = os.environ.get(env_var, "")
    return env if env in LANGS else "zh"


def _name(param: click.Parameter | None) -> str:
    if param is None:
        return "?"
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


def usage_line(e: click.UsageError, lang: str) -> str:
    zh = lang == "zh"
    if isinstance(e, click.NoSuchOption):
        text = f"没有选项 {e.option_name}" if zh else f"no such option {e.option_name}"
        if e.possibilities:
            near = ", ".join(sorted(e.possibilities))
            text += f"（是否要用 {near}？）" if zh else f" (did you mean {near}?)"
    elif isinstance(e, click.MissingParameter):
        name = _name(e.param)
        if isinstance(e.param, click.Option):
            text = f"缺少选项 {name}" if zh else f"missing option {name}"
        else:
            text = f"缺少参数 {name}" if zh else f"missing argument {name}"
    elif isinstance(e, click.BadParameter):
        name = _name(e.param) if e.param is not None else (e.param_hint or "?")
        why = e.message.rstrip(".")
        text = f"{name} 的值无效：{_in_chinese(why)}" if zh \
            else f"invalid value for {name}: {why}"
    elif isinstance(e, click.BadOptionUsage) and "requires an argument" in e.message:
        text = f"选项 {e.option_name} 后面需要一个值" if zh \
            else f"option {e.option_name} needs a value"
    else:
        # no such command, an extra argument: click's words, which name what was typed
        text = e.format_message().rstrip(".")
        text = _in_chinese(text) if zh else text[:1].lower() + text[1:]
    command = e.ctx.command_path if e.ctx is not None else "tracker"
    hint = f"（用法见 `{command} --help`）" if zh else f" (see `{command} --help`)"
    return text + hint


# click's reasons for the parameter types this command line uses; any other stays in
# click's English words
_CHINESE = [
    (re.compile(r"^'(.*)' is not a valid integer$"), "“{0}”不是整数"),
    (re.compile(r"^'(.*)' is not a valid float$"), "“{0}”不是数"),
    (re.compile(r"^'(.*)' is not one of (.*)$"), "“{0}”不是可选的值（{1}）"),
    (re.compile(r"^(.*) is not in the range (.*)$"), "{0} 不在范围 {1} 之内"),
    (re.compile(r"^(?:File|Directory|Path) '(.*)' does not exist$"), "{0} 不存在"),
    (re.compile(r"^No such command '(.*)'$"), "没有命令 {0}"),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), "多余的参数 {0}"),
]


def _in_chinese(reason: str) -> str:
    for pattern, words in _CHINESE:
        found = pattern.match(reason)
        if found:
            return words.format(*found.groups())
    return f"用法有误：{reason}"
