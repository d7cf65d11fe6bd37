"""The UI figures, headless, on one database:

    python -m bench.ui DB

- startup: from creating the app to the plan screen's table painting its first rows (the
  table notes the moment; headless, so no terminal output is counted for either app);
- startup_bare: the same for a bare Textual app with the same widgets (Header, five tabs
  each with a summary line and an empty table of the same kind, a detail line, a Footer
  showing the same keys) and no data — the baseline start-up is compared with;
- jump: press G on the first district, until the cursor row shows its last indicator;
- search: with the search across the plan open (/), the query entered (at once, as an
  input method or a paste gives it — the work of the last key typed), until the hits
  show the first matching row; search_key_max and search_key_median: the query typed a
  key at a time, each key until the hits show its first match (the slowest key, and
  the middle one, each key's best of 3); search_typed: the query's keys sent all at
  once (the hits filter at each), until the rows show;
- open: Enter on an indicator of the plan (one with ten values), until its screen has
  settled: the chart drawn and not drawn again for SETTLE (timed to the last drawing).
  The median of OPENS indicators, each opened once; open_max the slowest, open_first
  the first (which loads the chart's library);
- rss_mb: the process's peak resident memory (VmHWM; ru_maxrss where there is none).

Each timing is the best of 3 (start-up: of 7, alternating the two apps). The last line
printed is one JSON object.
"""

from __future__ import annotations

import asyncio
import gc
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from tracker.store import Store
from tracker.ui.app import TrackerApp, create_app
from tracker.ui.dialogs.plan_search import PlanSearchDialog, SearchBox
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.plan import PlanScreen
from tracker.ui.widgets.tables import IndicatorTable
from tracker.ui.widgets.virtual_table import Column, VirtualTable

SIZE = (120, 36)
REPEATS = 3
STARTUP_REPEATS = 7  # start-up is cheap and the noisiest figure on a shared machine
TIMEOUT = 120.0
OPENS = 7  # indicators opened, each once: the median is reported
SETTLE = 0.3  # how long a drawn chart stays as it is before the screen counts as settled


class EmptyTable(VirtualTable[object]):
    def count_rows(self) -> int:
        return 0

    def fetch_rows(self, offset: int, limit: int) -> list[object]:
        return []

    def row_key(self, row: object) -> str:
        return ""

    def row_cells(self, row: object) -> list[Text]:
        return []

    def layout(self, width: int) -> list[Column]:
        names = ("indicator", "schedule", "growth", "progress", "baseline", "latest",
                 "target", "unit")
        return [Column(n, n, 12) for n in names]


def footer_keys() -> list[Binding]:
    """The keys the plan screen's footer shows (the table's, the screen's, the app's),
    bound to nothing: so the bare app's Footer holds the same widgets."""
    seen: set[str] = set()
    out: list[Binding] = []
    for cls in (*IndicatorTable.__mro__, *PlanScreen.__mro__, *TrackerApp.__mro__):
        for b in cls.__dict__.get("BINDINGS", []):
            if isinstance(b, Binding) and b.show and b.key not in seen:
                seen.add(b.key)
                action = f"app.noop({len(out)})"  # one action each: the Footer groups by action
                out.append(Binding(b.key, action, b.description, group=b.group))
    return out


class BareApp(App[None]):
    BINDINGS = footer_keys()

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            for i in range(5):
                with TabPane(f"District {i}", id=f"pane-{i}"):
                    yield Static("", classes="summary")
                    yield EmptyTable(id=f"table-{i}")
        yield Static(id="row-detail")
        yield Footer()

    def action_noop(self, n: int) -> None:
        pass

    def on_mount(self) -> None:
        # as the plan screen does: the table takes the focus, the footer shows the keys
        self.query_one("#table-0", EmptyTable).focus()
        self.screen.refresh_bindings()


def send_keys(app: App[Any], keys: str) -> None:
    """Keys as the terminal sends them: straight to the app, without the Pilot's waiting
    for the process to go idle (which would be timed too)."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        driver.send_message(events.Key(key, key))


async def until(condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the UI did not get there")
        await asyncio.sleep(0.0005)


def plan_ready(app: App[Any]) -> bool:
    screen = app.screen
    return isinstance(screen, PlanScreen) and screen.ready


def plan_table(app: App[Any]) -> VirtualTable[Any] | None:
    screen = app.screen
    return screen.current_table() if isinstance(screen, PlanScreen) else None


def bare_table(app: App[Any]) -> VirtualTable[Any] | None:
    return app.query_one("#table-0", EmptyTable) if app.query("#table-0") else None


async def startup(
    make: Callable[[], App[Any]], table: Callable[[App[Any]], VirtualTable[Any] | None]
) -> float:
    """From creating the app to its table's first frame with rows (the table notes the
    moment it paints; the Pilot's own start-up waiting is not counted)."""
    start = time.perf_counter()
    app = make()
    async with app.run_test(size=SIZE):
        await until(lambda: (t := table(app)) is not None and t.painted)
        painted = table(app)
        assert painted is not None and painted.painted_at is not None
        return painted.painted_at - start


def hits_show(hits: VirtualTable[Any], key: str, after: int) -> bool:
    """The hits painted since `after`, the first of them `key` and under the cursor."""
    return (hits.paint_count > after and hits.cursor_row == 0 and hits.is_row_visible(0)
            and hits.held_key(0) == key)


async def interactions(db: Path) -> dict[str, float]:
    app = create_app(db, actor="bench", lang="en")
    jumps: list[float] = []
    searches: list[float] = []
    typed: list[float] = []
    keys: list[list[float]] = []
    opens: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: plan_ready(app))
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        table = screen.current_table()
        district = screen.current_district()
        with Store(db, actor="bench") as store:  # what the screen should show, asked apart
            n = store.count_indicators(district)
            last = store.indicator_states(district, "", n - 1, 1)[0].indicator
            query = last.id
            # the first hit across the plan for each key typed so far
            firsts = [store.indicator_states(None, query[:k], 0, 1)[0].indicator.id
                      for k in range(1, len(query) + 1)]
            # indicators near the end of the district, each with its values, to open
            opened = [st.indicator.id for st in store.indicator_states(
                district, "", n - 1 - OPENS, OPENS)]

        def shows(index: int, key: str, after: int) -> bool:
            return (
                table.paint_count > after
                and table.cursor_row == index
                and table.is_row_visible(index)
                and table.held_key(index) == key
            )

        for _ in range(REPEATS):
            await pilot.press("g")
            await until(lambda: table.cursor_row == 0)
            await pilot.pause()
            painted = table.paint_count
            start = time.perf_counter()
            send_keys(app, "G")
            await until(lambda: shows(n - 1, last.id, painted))  # noqa: B023
            jumps.append(time.perf_counter() - start)

        # the search across the plan: / opens it, each key typed filters the hits
        await pilot.press("slash")
        await until(lambda: isinstance(app.screen, PlanSearchDialog))
        dialog = app.screen
        assert isinstance(dialog, PlanSearchDialog)
        hits = dialog.hits
        box = dialog.query_one(SearchBox)
        await until(lambda: app.focused is box and hits.painted)

        async def cleared() -> None:
            box.value = ""
            await until(lambda: hits.search == "")
            await pilot.pause()

        await cleared()
        for _ in range(REPEATS):
            painted = hits.paint_count
            start = time.perf_counter()
            box.value = query
            await until(lambda: hits.search == query and hits_show(hits, firsts[-1], painted))  # noqa: B023
            searches.append(time.perf_counter() - start)
            await cleared()

        for _ in range(REPEATS):
            times = []
            for k, first in enumerate(firsts, start=1):
                painted = hits.paint_count
                start = time.perf_counter()
                send_keys(app, query[k - 1])
                await until(lambda: hits.search == query[:k] and hits_show(hits, first, painted))  # noqa: B023
                times.append(time.perf_counter() - start)
                await pilot.pause()
            keys.append(times)
            await cleared()

        for _ in range(REPEATS):
            painted = hits.paint_count
            start = time.perf_counter()
            send_keys(app, query)
            await until(lambda: hits.search == query and hits_show(hits, firsts[-1], painted))  # noqa: B023
            typed.append(time.perf_counter() - start)
            await cleared()
        await pilot.press("escape")
        await until(lambda: app.screen is screen)

        # an indicator opened from the plan: its values, verdicts and chart drawn
        for key in opened:
            table.move_to(key)
            await pilot.pause()
            drawn.clear()
            start = time.perf_counter()
            app._driver.send_message(events.Key("enter", "\r"))  # type: ignore[union-attr]
            await until(lambda: isinstance(app.screen, IndicatorScreen) and bool(drawn))
            # settled: the chart drawn, and not again for a while
            while True:
                seen = len(drawn)
                await asyncio.sleep(SETTLE)
                if len(drawn) == seen:
                    break
            opens.append(drawn[-1] - start)
            await pilot.press("escape")
            await until(lambda: app.screen is screen)
            await pilot.pause()
    # each key's best of the repeats; then the slowest key, and the middle one
    per_key = [min(k) for k in zip(*keys, strict=True)]
    return {"jump": min(jumps), "search": min(searches), "search_typed": min(typed),
            "search_key_max": max(per_key), "search_key_median": statistics.median(per_key),
            "open": statistics.median(opens), "open_max": max(opens), "open_first": opens[0]}


# when each chart finished drawing (time.perf_counter): an indicator screen has settled
# once its chart is drawn and is not drawn again
drawn: list[float] = []


def note_charts() -> None:
    """Note each chart drawn. The chart's library is patched once the indicator screen
    has imported it (as it composes), not before: the first open pays for that import,
    as it does in the program."""
    compose = IndicatorScreen.compose

    def composed(self: IndicatorScreen) -> Any:
        yield from compose(self)
        from textual_plotext import PlotextPlot

        draw = PlotextPlot.render
        if getattr(draw, "noted", False):
            return

        def render(plot: PlotextPlot) -> Any:
            out = draw(plot)
            if plot.size.area:
                drawn.append(time.perf_counter())
            return out

        render.noted = True  # type: ignore[attr-defined]
        PlotextPlot.render = render  # type: ignore[method-assign]

    IndicatorScreen.compose = composed  # type: ignore[method-assign]


async def measure(db: Path) -> dict[str, float]:
    bare: list[float] = []
    real: list[float] = []
    for _ in range(STARTUP_REPEATS):  # alternated, so both see the same machine
        gc.collect()
        bare.append(await startup(BareApp, bare_table))
        gc.collect()
        real.append(await startup(lambda: create_app(db, actor="bench", lang="en"), plan_table))
    out = {"startup": min(real), "startup_bare": min(bare)}
    note_charts()
    out.update(await interactions(db))
    out["rss_mb"] = peak_rss_mb()
    return out


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux ru_maxrss survives exec: a child of
    a big parent (bench.run after its exports) would report the parent's peak, so the
    high-water mark of this process image (VmHWM) is read instead where there is one."""
    with suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_file():
        print("usage: python -m bench.ui DB", file=sys.stderr)
        return 1
    figures = asyncio.run(measure(Path(args[0])))
    print(json.dumps({k: round(v, 4) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
