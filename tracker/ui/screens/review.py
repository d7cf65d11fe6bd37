"""The mid-term review on screen (key 6): the districts × verdicts matrix, the counts
sentence, and the lagging indicators with their departments — the review report's own
content (tracker.review.content), read at the saved review year when one is set. `g`
writes the report itself (Word, Markdown or HTML) from a form.

The review reads every indicator and its values, which takes seconds for a province's
plan: it is built on a thread, with a Store of its own, and the screen says so
meanwhile; the keys stay live."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from tracker.errors import TrackerError
from tracker.i18n.codes import district_short
from tracker.i18n.review_screen import REVIEW_SCREEN
from tracker.review.content import Review, build
from tracker.ui import format as fmt
from tracker.ui.dialogs.work import run_in_thread
from tracker.ui.messages import OpenReviewReport
from tracker.ui.screens.base import TrackerScreen, key_footer


class ReviewText(VerticalScroll):
    """The sentences: ↑/↓ or j/k scroll (g is the screen's: it writes the report)."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="scroll_down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="scroll_up"),
    ]


def matrix(review: Review, lang: str) -> Table:
    """Districts × schedule verdicts, as the report's chart: each count in its verdict's
    colour with the verdict's word beside it, so the matrix reads without the colours too
    (the districts by their short names, for room at 80 columns)."""
    # one blank cell between columns (not two), so seven columns fit in 80
    table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False, header_style="bold",
                  pad_edge=False)
    table.add_column(review.headings["district_col"], no_wrap=True)
    for label in review.chart_head:
        table.add_column(label, no_wrap=True)
    names = [district_short(s.id, lang) for s in review.sections]
    last = len(review.chart) - 1
    for i, row in enumerate(review.chart):
        cells = []
        for verdict, label in zip(review.chart_codes, review.chart_head, strict=True):
            n = row.counts.get(verdict, 0)
            if n:
                cells.append(Text(f"{label} {n}", style=fmt.VERDICT_STYLES.get(verdict, "")
                                  + " reverse"))
            else:
                cells.append(Text("·", style="dim"))
        name = names[i] if i < len(names) else row.name
        table.add_row(Text(name, style="bold" if i == last else ""), *cells,
                      end_section=i == last - 1)
    return table


# a district's lagging indicators shown on screen: a province's thousands would be laid
# out as one widget, and read nowhere but in the report, which lists them all
LAGGING_SHOWN = 30


def sentences(review: Review, lang: str) -> Group:
    """The overall sentences, then each district's lagging indicators with who answers."""
    h = review.headings
    head = Text()
    head.append(h["s1"] + "\n", style="bold")
    for paragraph in review.overall:
        head.append(paragraph + "\n")
    head.append("\n" + h["lagging_head"], style="bold")
    parts: list[RenderableType] = [head]
    lagging = [s for s in review.sections if s.lagging]
    if not lagging:
        parts.append(Text(REVIEW_SCREEN.text("lagging_none", lang), style="dim"))
    for section in lagging:
        parts.append(Text(section.name, style="bold red"))
        # a hanging indent: a sentence in Chinese has no space to wrap at after the bullet
        items = Table.grid(padding=(0, 1))
        items.add_column(no_wrap=True)
        items.add_column(ratio=1, overflow="fold")
        for line in section.lagging[:LAGGING_SHOWN]:
            items.add_row("•", line)
        parts.append(items)
        if len(section.lagging) > LAGGING_SHOWN:
            parts.append(Text(REVIEW_SCREEN.text(
                "lagging_more", lang, n=f"{len(section.lagging) - LAGGING_SHOWN:,}"),
                style="dim italic"))
    return Group(*parts)


class ReviewScreen(TrackerScreen):
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("g", "review_report", "Report", id="review_report"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.review: Review | None = None
        self._stale = False  # the plan changed while another screen was shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-status", classes="section")
        yield Static(id="review-matrix")
        with ReviewText(id="review-text"):
            yield Static(id="review-sentences")
        yield key_footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one(ReviewText).focus()

    @property
    def ready(self) -> bool:
        """The review on screen is the one last asked for."""
        return self.review is not None and not self._building

    _building = False

    def load(self) -> None:
        """The review's content, read afresh from the plan, on a thread."""
        lang = self.lang
        self.sub_title = REVIEW_SCREEN.text("title", lang)
        self._building = True
        if self.review is None:
            self.query_one("#review-status", Static).update(
                Text(REVIEW_SCREEN.text("building", lang), style="dim italic"))
        self._build(lang)

    @work(thread=True, exclusive=True, group="review")
    def _build(self, lang: str) -> None:
        run_in_thread(self.tracker, lambda store: (store.review_year(), build(store, lang)),
                      lambda got: self._show(*got, lang), lambda e: self._failed(e, lang))

    def _failed(self, error: BaseException, lang: str) -> None:
        self._building = False
        text = error.text(lang) if isinstance(error, TrackerError) else str(error)
        self.query_one("#review-status", Static).update(text)
        self.notify(text, severity="error")

    def _show(self, saved_year: int | None, review: Review, lang: str) -> None:
        if lang != self.lang or not self.is_attached:
            return  # asked again meanwhile, in the other language
        self._building = False
        self.review = review
        status = (REVIEW_SCREEN.text("at_review_year", lang, year=saved_year)
                  if saved_year is not None
                  else REVIEW_SCREEN.text("at_latest", lang, year=review.review_year))
        self.query_one("#review-status", Static).update(status)
        self.query_one("#review-matrix", Static).update(matrix(review, lang))
        self.query_one("#review-sentences", Static).update(Group(
            sentences(review, lang), Text(),
            Text(REVIEW_SCREEN.text("generate_hint", lang), style="dim italic")))

    def refresh_data(self) -> None:
        # the whole review is read again: only when it is on screen, else when next shown
        if self.is_current:
            self.load()
        else:
            self._stale = True

    def refresh_district(self, district: str, indicator_id: str | None = None) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.load()

    def apply_language(self) -> None:
        self.refresh_data()
        super().apply_language()

    def action_review_report(self) -> None:
        self.post_message(OpenReviewReport())

