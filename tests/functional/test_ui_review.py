"""The review screen (key 6), driven with Pilot on the bundled plan with sample values:
its matrix and sentence agree with `tracker status`, every lagging indicator is listed
with its department, it reads at the saved review year, and g writes the report."""

from __future__ import annotations

import asyncio
import io
import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from rich.console import Console
from textual.widgets import Input, Select, Static

import tracker.store.connection
from tests.functional.waiting import until
from tests.review_sample import fill
from tracker import snapshot
from tracker.i18n.review import counted
from tracker.i18n.verdicts import verdict_label
from tracker.progress import SCHEDULE_VERDICTS
from tracker.review.content import build
from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.review import ReviewDialog
from tracker.ui.screens.review import LAGGING_SHOWN, ReviewScreen, sentences

SIZE = (100, 40)
DISTRICTS_ZH = ["产业新区", "文化新区", "生态新区", "开放新区", "幸福新区"]


class _FixedClock(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
        return datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tracker.store.connection, "datetime", _FixedClock)
    path = tmp_path / "review.db"
    with Store(path, actor="planner") as s:
        fill(s)
    return path


def status_rows(run_cli: Any, db: Path) -> list[dict]:
    out = run_cli("--db", str(db), "status", "--format", "json")
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def shown(screen: Any, selector: str) -> str:
    """What a Static shows, as plain text (a rich table or group rendered wide)."""
    console = Console(width=200, record=True, color_system=None)
    console.print(screen.query_one(selector, Static).content)
    return console.export_text()


def matrix_counts(text: str, lang: str) -> dict[str, list[int]]:
    """Each matrix row's name and its counts, in the verdicts' order: every count is
    written beside its verdict's word (a dot where there is none)."""
    labels = [verdict_label(v, lang) for v in SCHEDULE_VERDICTS]
    out = {}
    for line in text.splitlines()[1:]:
        if line.strip():
            # the name runs up to the first cell: a dot, or a count beside its word
            starts = [i for i in (line.find("·"), *(line.find(f"{label} ") for label in labels))
                      if i > 0]
            name = line[:min(starts)].strip()
            out[name] = [int(m.group(1)) if (m := re.search(re.escape(label) + r" (\d+)", line))
                         else 0 for label in labels]
    return out


async def review_screen(pilot: Any) -> ReviewScreen:
    await pilot.pause()
    await pilot.press("6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await until(pilot, lambda: screen.ready)  # built on a thread
    return screen


def test_the_matrix_and_the_sentence_agree_with_status(sample: Path, run: Any) -> None:
    rows = status_rows(run, sample)
    by_district = {d: Counter(r["schedule_verdict"] for r in rows if r["district"] == d)
                   for d in ("industry", "culture", "ecology", "openness", "wellbeing")}
    total = Counter(r["schedule_verdict"] for r in rows)
    lagging = [r for r in rows if r["schedule_verdict"] == "lagging"]
    assert lagging and total["achieved"]  # the sample has both

    async def body() -> None:
        app = create_app(sample, actor="tester", lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            screen = await review_screen(pilot)
            counts = matrix_counts(shown(screen, "#review-matrix"), "zh")
            for name, counter in zip(DISTRICTS_ZH, by_district.values(), strict=True):
                assert counts[name] == [counter[v] for v in SCHEDULE_VERDICTS], name
            assert counts["合计"] == [total[v] for v in SCHEDULE_VERDICTS]
            text = shown(screen, "#review-sentences").replace("\n", "")
            parts = "，".join(counted(v, total[v], "zh") for v in SCHEDULE_VERDICTS if total[v])
            assert f"纳入监测的{len(rows)}项指标中，{parts}" in text.replace(" ", "")
            # every lagging indicator, with the department that answers for it
            flat = text.replace(" ", "")
            for r in lagging:
                assert r["name_zh"] in flat and f"责任单位：{r['department']}" in flat
            # the footer names the sixth screen among the views
            assert "6" in app.screen.active_bindings

    asyncio.run(body())


def test_read_at_the_saved_review_year_and_in_english(sample: Path, run: Any) -> None:
    with Store(sample, actor="planner") as s:
        s.set_review_year(2022)
    rows = status_rows(run, sample)  # read at the review year as well
    total = Counter(r["schedule_verdict"] for r in rows)

    async def body() -> None:
        app = create_app(sample, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            screen = await review_screen(pilot)
            assert "review year 2022" in shown(screen, "#review-status")
            counts = matrix_counts(shown(screen, "#review-matrix"), "en")
            assert counts["All districts"] == [total[v] for v in SCHEDULE_VERDICTS]
            text = " ".join(shown(screen, "#review-sentences").split())
            assert f"Of the {len(rows)} indicators monitored" in text
            assert "Lagging indicators" in text
            # another planner clears the review year: the screen reads at the latest values
            with Store(sample, actor="other") as s:
                s.set_review_year(None)
            await until(pilot, lambda: "no review year" in shown(screen, "#review-status"))
            await pilot.press("f2")
            await until(pilot, lambda: "未设评估年份" in shown(screen, "#review-status"))
            assert "一、总体进展" in shown(screen, "#review-sentences")
            # changed while another screen is shown: read again when the review is back
            await pilot.press("1")
            with Store(sample, actor="other") as s:
                s.set_review_year(2023)
            await pilot.pause(2)  # the live view's poll
            await pilot.press("6")
            await until(pilot, lambda: "2023 年评价" in shown(screen, "#review-status"))

    asyncio.run(body())


def test_g_writes_the_word_report_and_asks_before_overwriting(sample: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "中期评估.docx"

    async def body() -> None:
        app = create_app(sample, actor="tester", lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            await review_screen(pilot)
            await pilot.press("g")
            await until(pilot, lambda: isinstance(app.screen, ReviewDialog))
            dialog = app.screen
            path = dialog.query_one("#f-path", Input)
            assert path.value.startswith("kaili-review-") and path.value.endswith(".docx")
            dialog.query_one("#f-format", Select).value = "md"
            await pilot.pause()
            assert path.value.endswith(".md")  # the extension follows the format
            path.value = str(out)
            await pilot.pause()
            assert dialog.query_one("#f-format", Select).value == "docx"  # and the other way
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await until(pilot, lambda: not isinstance(app.screen, ReviewDialog))
            assert any(str(out) in n.message for n in app._notifications)
            doc = Document(str(out))
            headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
            for h in ("一、总体进展", "二、分领域进展", "三、存在的问题", "四、数据说明"):
                assert h in headings
            before = out.read_bytes()
            # the same file again: asked first, and No leaves it as it was
            await pilot.press("g")
            await until(pilot, lambda: isinstance(app.screen, ReviewDialog))
            app.screen.query_one("#f-path", Input).value = str(out)
            await pilot.pause()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ReviewDialog)
            assert out.read_bytes() == before
            await pilot.press("escape")

    asyncio.run(body())


def test_a_snapshot_at_a_review_year_and_the_refusals(sample: Path, tmp_path: Path) -> None:
    with Store(sample, actor="planner") as s:
        content = snapshot.current_state(s, "季度会商")
        sid = s.save_snapshot(content, snapshot.content_hash(content)).id
    out = tmp_path / "review.md"

    async def body() -> None:
        app = create_app(sample, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            await review_screen(pilot)
            await pilot.press("g")
            await until(pilot, lambda: isinstance(app.screen, ReviewDialog))
            dialog = app.screen
            dialog.query_one("#f-path", Input).value = str(out)
            year = dialog.query_one("#f-review_year", Input)
            year.value = "1999"  # before the plan's baselines: refused under the field
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is dialog and not out.exists()
            assert str(dialog.query_one("#e-review_year", Static).render()).strip()
            year.value = "2022"
            dialog.query_one("#f-content", Select).value = str(sid)
            dialog.query_one("#f-language", Select).value = "zh"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await until(pilot, lambda: not isinstance(app.screen, ReviewDialog))
            text = out.read_text(encoding="utf-8")
            assert "评估年份：2022" in text and "季度会商" in text
            # a missing folder: the reason in the form, which stays open, nothing written
            await pilot.press("g")
            await until(pilot, lambda: isinstance(app.screen, ReviewDialog))
            dialog = app.screen
            missing = tmp_path / "missing" / "r.html"
            dialog.query_one("#f-path", Input).value = str(missing)
            await pilot.pause()
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await until(pilot, lambda: str(dialog.query_one("#form-error", Static).render()))
            assert app.screen is dialog and not missing.parent.exists()
            await pilot.press("escape")

    asyncio.run(body())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_screen_snapshot(sample: Path, lang: str, snap_compare: Any) -> None:
    async def review(pilot: Any) -> None:
        await review_screen(pilot)

    app = create_app(sample, actor="tester", lang=lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=review)


def test_the_palette_opens_the_review_and_its_report_form(sample: Path) -> None:
    async def body() -> None:
        app = create_app(sample, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            app.screen.query_one(Input).value = "Show the mid-term review"
            await pilot.pause(0.3)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            await pilot.press("ctrl+p")
            await pilot.pause()
            app.screen.query_one(Input).value = "Generate the review report"
            await pilot.pause(0.3)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ReviewDialog))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, ReviewScreen))

    asyncio.run(body())


@pytest.mark.parametrize(("lang", "more"), [("zh", "另有 15 项"), ("en", "and 15 more")])
def test_a_long_lagging_list_is_cut_on_screen_with_the_count_left_out(
        sample: Path, lang: str, more: str) -> None:
    with Store(sample, actor="reader") as s:
        review = build(s, lang)
    first = review.sections[0]
    lines = [f"indicator {i:02d} lags" for i in range(LAGGING_SHOWN + 15)]
    long = review.model_copy(update={"sections": [
        first.model_copy(update={"lagging": lines}), *review.sections[1:]]})
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(sentences(long, lang))
    text = console.export_text()
    assert f"indicator {LAGGING_SHOWN - 1:02d} lags" in text
    assert f"indicator {LAGGING_SHOWN:02d} lags" not in text
    assert more in text
