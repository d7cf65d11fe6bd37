"""The Textual application and its factory."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class TrackerApp(App):
    TITLE = "Kaili plan tracker"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, db_path: Path, actor: str, lang: str = "zh") -> None:
        super().__init__()
        self.db_path = db_path
        self.actor = actor
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{self.db_path}")
        yield Footer()


def create_app(db_path: Path | str, actor: str = "tester", lang: str = "zh") -> TrackerApp:
    return TrackerApp(Path(db_path), actor=actor, lang=lang)


def run_app(db_path: Path, actor: str, lang: str) -> None:
    create_app(db_path, actor, lang).run()
