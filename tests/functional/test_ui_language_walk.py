"""Every screen and dialog speaks the planner's language: walked in Chinese, nothing on
screen is an English word that is not data, an id, a unit or a key name; walked in
English, no label, button, title or footer key is Chinese (the figures' own Chinese names
and source sentences are data and may stay).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Label

from tests.functional.test_ui import URBAN, app_for, run_async
from tests.functional.waiting import until
from tracker.models import Measurement
from tracker.store import Store

SIZE = (80, 24)

# the plan's own tokens: key names in the footer, units and abbreviations planners write
ALLOWED_ASCII = {
    "esc", "enter", "space", "tab", "f1", "f2", "ctrl", "del",
    "km", "gdp", "co", "pm", "kwh", "aaaa", "aaa", "mu", "id", "json", "csv", "xlsx", "md",
    "docx", "html", "db", "sqlite", "tracker", "wps", "excel", "word", "markdown",
    # the language key names the other language on purpose; times are given in UTC
    "english", "utc",
    # who made a change, as the audit log names them in these tests
    "seed", "tester", "walk",
}
# numbers typed with 万 or 亿 are the input syntax in both languages
SCALED = re.compile(r"\d[\d,.]*\s*[万亿]")
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9…]+)+")
WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3400-\u9fff]")


def screen_text(app: Any) -> str:
    """What the terminal shows, read from the screenshot Textual draws."""
    svg = app.export_screenshot()
    lines: dict[float, list[tuple[float, float, str]]] = {}
    for x, y, length, body in re.findall(
        r'<text[^>]*?x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>(.*?)</text>',
        svg, flags=re.S,
    ):
        text = html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")
        lines.setdefault(float(y), []).append((float(x), float(length), text))
    out = []
    for _, parts in sorted(lines.items()):
        line, end = "", 0.0
        for x, length, text in sorted(parts):
            # a gap between two runs is blank cells: keep the words apart
            line += (" " if x > end + 1 else "") + text
            end = x + length
        out.append(line)
    return "\n".join(out)


def data_texts(db: Path) -> list[str]:
    """Names and units of the plan and the article: data, shown as the planners wrote it."""
    with Store(db, actor="walk") as store:
        texts = [t for i in store.indicators(with_retired=True)
                 for t in (i.name_zh, i.name_en, i.unit)]
        texts += [t for a in store.achievements() for t in (a.title_zh, a.title_en, a.unit)]
    # longest first, so a name is taken out before a shorter name inside it
    return sorted({t for t in texts if t}, key=len, reverse=True)


def without(text: str, data: list[str]) -> str:
    for t in data:
        text = text.replace(t, " ")
    return SCALED.sub(" ", text)


def english_words(text: str, ids: str) -> set[str]:
    text = ID.sub(" ", text)
    # a dialog drawn over a screen leaves the ends of the ids beneath it showing
    return {w for w in WORD.findall(text)
            if w.lower() not in ALLOWED_ASCII and not (len(w) <= 4 and w in ids)}


def chrome_text(app: Any) -> list[str]:
    """The app's own words: labels, buttons, placeholders, titles and footer keys."""
    screen = app.screen
    texts: list[str] = []
    for widget in screen.query(Label):
        if "data" not in widget.classes:
            texts.append(str(widget.render()))
    texts += [str(b.label) for b in screen.query(Button)]
    texts += [i.placeholder for i in screen.query(Input)]
    texts += [str(w.border_title or "") for w in screen.query("*")]
    texts += [b.binding.description for b in app.active_bindings.values() if b.binding.show]
    return texts


# (keys that open it, keys that close it) for each screen and dialog a planner meets
WALK: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    ((), ()),
    (("question_mark",), ("escape",)),
    (("n",), ("escape",)),
    (("x",), ("escape",)),
    (("s",), ("escape",)),
    (("enter",), ()),
    (("e",), ("escape",)),
    (("a",), ("escape",)),
    (("b",), ("escape",)),
    (("o",), ("escape",)),
    (("escape", "2"), ()),
    (("3",), ()),
    (("4",), ()),
    (("5",), ()),
    (("a",), ("escape",)),
    (("6",), ()),
    (("g",), ("escape",)),
    (("1", "slash"), ("escape",)),
    (("ctrl+p",), ("escape",)),
]


async def walk(pilot: Any, check: Any) -> None:
    app = pilot.app
    for opening, closing in WALK:
        before = app.screen
        for key in opening:
            await pilot.press(key)
            await pilot.pause(0.1)
        if opening:  # a dialog or screen may take a few frames to mount
            await until(pilot, lambda was=before: app.screen is not was, f"{opening} opens a screen")
        await pilot.pause(0.3)
        check(opening, app)
        for key in closing:
            await pilot.press(key)
            await pilot.pause(0.2)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The seeded plan with a target and a value, so the log has each kind of entry."""
    path = tmp_path / "walk.db"
    with Store(path, actor="seed") as s:
        s.update_indicator(URBAN, {"target_value": 78, "target_year": 2025})
        s.add_measurement(Measurement(indicator=URBAN, year=2022, value=75.0, quality="provisional"))
    return path


@run_async
async def test_every_screen_in_chinese_has_no_english_words(db: Path) -> None:
    found: dict[str, set[str]] = {}

    data = data_texts(db)
    with Store(db, actor="walk") as store:
        ids = " ".join(i.id for i in store.indicators(with_retired=True))

    def check(keys: tuple[str, ...], app: Any) -> None:
        words = english_words(without(screen_text(app), data), ids)
        if words:
            found[" ".join(keys) or "start"] = words

    app = app_for(db, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, check)
    assert not found, found


@run_async
async def test_every_screen_in_english_has_no_chinese_labels(db: Path) -> None:
    found: dict[str, list[str]] = {}

    data = data_texts(db)

    def check(keys: tuple[str, ...], app: Any) -> None:
        # the language key names the other language on purpose
        texts = [t for t in chrome_text(app) if CJK.search(without(t, data)) and t != "中文"]
        if texts:
            found[" ".join(keys) or "start"] = texts

    app = app_for(db, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, check)
    assert not found, found
