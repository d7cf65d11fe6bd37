"""The app's start: the collector the command line holds until the first frame runs
again once the plan is drawn."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

from tests.functional.waiting import until
from tracker.gc_pause import drawn, hold_until_drawn
from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.screens.plan import PlanScreen


def test_the_collector_runs_again_once_the_plan_is_drawn(tmp_path: Path) -> None:
    db = tmp_path / "start.db"
    Store(db, actor="seed").close()

    async def run() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PlanScreen) and app.screen.ready,
                        "the plan's first rows")
            await until(pilot, gc.isenabled, "the collector running again")

    hold_until_drawn()  # as the command line does before it runs the app
    try:
        assert not gc.isenabled()
        asyncio.run(run())
    finally:
        drawn()
        gc.enable()
