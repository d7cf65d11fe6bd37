"""The command table: every command loads on demand under the name it is listed by, and a
short command imports only what it needs."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from tracker.cli import COMMANDS, cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_listed_command_loads_under_its_own_name(name: str) -> None:
    with click.Context(cli) as ctx:
        command = cli.get_command(ctx, name)
    assert command is not None
    assert command.name == name


def test_indicator_gains_its_edit_and_restore_commands() -> None:
    with click.Context(cli) as ctx:
        group = cli.get_command(ctx, "indicator")
        assert isinstance(group, click.Group)
        assert {"add", "edit", "restore", "retire"} <= set(group.list_commands(ctx))
        # loading it twice does not add them twice or fail
        assert cli.get_command(ctx, "indicator") is group


def test_help_lists_every_command() -> None:
    out = subprocess.run([sys.executable, "-m", "tracker", "--help"], capture_output=True,
                         text=True, check=True).stdout
    listed = {line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == set(COMMANDS)


HEAVY = ("textual", "openpyxl", "docx", "xlsxwriter", "plotext", "aiohttp",
         "tracker.ui", "tracker.exporters", "tracker.review", "tracker.cli.exports",
         "tracker.cli.serve")


def test_a_short_command_does_not_import_the_ui_or_the_reports(tmp_path) -> None:
    code = ("import sys\nfrom tracker.cli import main\nsys.argv = ['tracker', '--db', "
            f"{str(tmp_path / 't.db')!r}, 'achievements']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"heavy = {HEAVY!r}\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(heavy))), "
            "file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.count("\n") > 10  # the achievements were listed
    assert run.stderr.strip() == ""


PLAN_PARTS = ("tracker.status", "tracker.progress", "tracker.store.plan", "tracker.store.values",
              "tracker.store.snapshots", "tracker.store.whole")


@pytest.mark.parametrize("command", ["achievements", "check"])
def test_the_record_commands_open_only_the_records_part(tmp_path, command: str) -> None:
    from tracker.store import Store

    path = tmp_path / "t.db"
    Store(path, actor="tester").close()
    code = ("import sys\nfrom tracker.cli import main\nsys.argv = ['tracker', '--db', "
            f"{str(path)!r}, {command!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"parts = {PLAN_PARTS!r}\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(parts))), "
            "file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.count("\n") > 10
    assert run.stderr.strip() == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("query", [{}, {"flagged_only": True}, {"theme": "urban"}])
def test_the_records_part_lists_what_the_whole_store_lists(tmp_path, lang: str,
                                                          query: dict) -> None:
    from tracker.cli.achievements import achievement_rows
    from tracker.store import ArticleRecord, Store

    path = tmp_path / "t.db"
    with Store(path, actor="tester") as s:
        flagged = next(iter(s.flags()))
        code = s.flags()[flagged][0].code
        s.clear_flag(flagged, code, note="checked with the source")
        s.add_flag("jobs-new-urban-jobs", note="two sources differ")
        whole = achievement_rows(s, lang, **query)
    with ArticleRecord(path, actor="tester", makes_files=False) as part:
        assert achievement_rows(part, lang, **query) == whole
        assert part.integrity_problems() == []
    assert whole
