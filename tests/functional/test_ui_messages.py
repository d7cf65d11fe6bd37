"""The UI talks in messages: screens, dialogs, widgets and the command palette ask the app
for things by posting a message (tracker/ui/messages.py), never by calling the app's own
methods; they use no private Textual API and hide no missing attribute from the types."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from textual.app import App
from textual.message import Message

from tracker.ui import messages

UI = Path(__file__).resolve().parents[2] / "tracker" / "ui"
# the web server under serve/ holds an aiohttp app, not the Textual one
SOURCES = sorted(p for p in UI.rglob("*.py") if "serve" not in p.relative_to(UI).parts)

# what every screen reads from the app: the language, the store, and for a thread of its
# own the database's path and who is at work
SHARED = frozenset({"store", "language", "db_path", "actor"})
# an instance, for what App sets in __init__ as well (console, title, …)
TEXTUAL_APP = frozenset(name for name in dir(App()) if not name.startswith("_"))
ALLOWED = TEXTUAL_APP | SHARED


def is_the_app(node: ast.expr) -> bool:
    """`self.app`, `self.tracker` (the app, typed as TrackerApp) or a name `app`."""
    if isinstance(node, ast.Name):
        return node.id == "app"
    return (
        isinstance(node, ast.Attribute)
        and node.attr in ("app", "tracker")
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def reaches_into_app(source: str) -> list[str]:
    """Every `<the app>.name` whose name is neither Textual's public App API nor SHARED:
    called, or handed on to be called later."""
    return [
        f"line {node.lineno}: .{node.attr}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and is_the_app(node.value) and node.attr not in ALLOWED
    ]


def rel(path: Path) -> str:
    return str(path.relative_to(UI))


class TestTheCheckItself:
    def test_an_app_method_of_ours_is_caught(self) -> None:
        """A call up into the app, a method handed on to be called, through any alias."""
        source = (
            "self.app.data_changed('urban', None)\n"
            "partial(self.tracker.open_import)\n"
            "app.goto_district('culture')\n"
        )
        assert reaches_into_app(source) == [
            "line 1: .data_changed",
            "line 2: .open_import",
            "line 3: .goto_district",
        ]

    def test_textual_api_and_what_screens_read_pass(self) -> None:
        """push_screen, post_message, exit and the rest of Textual's App; the store and
        the language."""
        source = (
            "self.app.push_screen(Dialog(), done)\n"
            "self.app.post_message(OpenImport())\n"
            "self.tracker.store.indicator(ind_id)\n"
            "app.language\n"
            "app.call_from_thread(show, 1, 2)\n"
        )
        assert reaches_into_app(source) == []


@pytest.mark.parametrize("path", SOURCES, ids=rel)
def test_no_call_up_into_the_app(path: Path) -> None:
    """Only Textual's public App API and the shared reads; anything else is a message."""
    assert reaches_into_app(path.read_text(encoding="utf-8")) == [], rel(path)


@pytest.mark.parametrize("path", SOURCES, ids=rel)
def test_no_private_textual_api_nor_hidden_attributes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "_screen_stacks" not in text, rel(path)
    assert re.search(r"type:\s*ignore\[[^\]]*attr-defined", text) is None, rel(path)


MESSAGES = sorted(
    (m for m in vars(messages).values()
     if isinstance(m, type) and issubclass(m, Message) and m is not Message),
    key=lambda m: m.__name__,
)


def test_messages_found() -> None:
    assert len(MESSAGES) >= 10


def names_used(source: str) -> set[str]:
    """Names used as values: made, posted, handed on; not imported, not in a type."""
    tree = ast.parse(source)
    types: set[int] = set()
    for node in ast.walk(tree):
        annotation = None
        if isinstance(node, ast.arg | ast.AnnAssign):
            annotation = node.annotation
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            annotation = node.returns
        if annotation is not None:
            types |= {id(n) for n in ast.walk(annotation)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in types}


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: m.__name__)
def test_every_message_is_posted_and_handled(message: type[Message]) -> None:
    """No message that nobody sends, none that nobody handles."""
    others = [p.read_text(encoding="utf-8") for p in SOURCES if p.name != "messages.py"]
    handler = f"def {message.handler_name}("
    assert any(handler in text for text in others), handler
    assert any(message.__name__ in names_used(text) for text in others), message.__name__
