"""The benchmark, as a planner meets the tracker: whole processes, each beside a yardstick
run in turns with it on the same machine.

    python -m bench.run [--sizes 1000,10000,100000] [--pairs 5] [--cache DIR] [--only ...]

Machines here are shared and noisy, so every figure is the median (with min and max) of
at least five alternating pairs, each pair's time over its yardstick's — never the best:
  start-up   `tracker` launched in a pseudo-terminal until the first plan row is drawn
             / a minimal Textual app (one DataTable, 20 rows) launched the same way
  commands   status, indicators, export, snapshot take, each a whole process (peak RSS
             beside it) / the sqlite3 command-line tool doing the same read or
             INSERT ... SELECT; small commands on the city's plan / a five-line
             sqlite-utils script doing the same query
  xlsx       `tracker export --format xlsx` / a script writing the same cells with
             xlsxwriter in constant-memory mode
  import     `tracker import` of a plan table of N new indicators (the export's csv)
             / a script inserting the same csv with sqlite-utils; and 10k -> 100k growth;
             and of a whole snapshot's JSON (the export's) / a script reading it with
             the json module and inserting its two lists with sqlite-utils
Databases are generated once per size through the project's store and kept in --cache.
The UI's jump and search figures come from bench/ui.py, run in a subprocess.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TIME = "/usr/bin/time"  # GNU time, for each process's peak memory
TRACKER = [PY, "-m", "tracker"]
MINIMAL = [PY, str(ROOT / "bench" / "minimal_app.py")]
# the start of a plan row on the first screen (in English; long names are cut in the
# middle), and the minimal app's first row
FIRST_ROW = b"Firms in"
MINIMAL_ROW = b"row-00"
PLAN_SQL = ("SELECT i.*, s.* FROM indicators i JOIN districts d ON d.id = i.district"
            " LEFT JOIN indicator_status s ON s.indicator = i.id WHERE i.retired = 0"
            " ORDER BY d.position, i.position")
INDICATORS_SQL = ("SELECT i.* FROM indicators i JOIN districts d ON d.id = i.district"
                  " WHERE i.retired = 0 ORDER BY d.position, i.position")
VALUES_SQL = "SELECT * FROM measurements ORDER BY id"
SNAPSHOT_SQL = (
    "INSERT INTO snapshots (label, taken_at, actor, content_hash, content)"
    " VALUES ('bench', '2026-01-01T00:00:00Z', 'bench', 'x', '{}');"
    " INSERT INTO snapshot_values (snapshot, position, id, indicator, year, date, value,"
    " source, quality, note, actor, recorded_at) SELECT last_insert_rowid(), id, id,"
    " indicator, year, date, value, source, quality, note, actor, recorded_at"
    " FROM measurements ORDER BY id;"
    " INSERT INTO snapshot_states (snapshot, position, district, state)"
    " SELECT (SELECT max(id) FROM snapshots), i.position, i.district, json_object("
    "'id', i.id, 'verdict', s.schedule_verdict) FROM indicators i"
    " JOIN indicator_status s ON s.indicator = i.id;")


@dataclass
class Run:
    seconds: float
    rss_mb: float


@dataclass
class Figure:
    name: str
    ours: list[Run]
    theirs: list[Run]

    def ratios(self) -> list[float]:
        return [o.seconds / t.seconds for o, t in zip(self.ours, self.theirs, strict=True)]

    def line(self) -> str:
        r = self.ratios()
        ours = statistics.median(o.seconds for o in self.ours)
        theirs = statistics.median(t.seconds for t in self.theirs)
        rss = max(o.rss_mb for o in self.ours)
        return (f"{self.name:<24} {ours:8.2f}s {theirs:8.2f}s  {statistics.median(r):5.2f}x"
                f" ({min(r):.2f}–{max(r):.2f})  " + (f"{rss:6.0f} MB" if rss else "     —"))


# -- running a whole process -----------------------------------------------------------


def process(cmd: list[str], stdout: Path | None = None, cwd: Path | None = None) -> Run:
    """Run to the end; its wall time and peak resident memory. The memory is GNU time's
    reading: a child of this (larger) process would count this one's pages too."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        proc = subprocess.run([TIME, "-f", "%M", *cmd], stdout=out, stderr=subprocess.PIPE,
                              cwd=cwd, env={**os.environ, "TRACKER_LANG": "en"})
        elapsed = time.perf_counter() - start
    finally:
        if stdout:
            out.close()  # type: ignore[union-attr]
    err = proc.stderr.decode(errors="replace").strip()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-300:]}")
    return Run(elapsed, int(err.splitlines()[-1]) / 1024)


def in_terminal(cmd: list[str], marker: bytes, timeout: float = 120.0) -> Run:
    """Launch in a pseudo-terminal of 120x36 until `marker` has been drawn."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    seen, found = b"", None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen = seen[-4096:] + chunk
            if marker in seen:
                found = time.perf_counter() - start
                break
    finally:
        proc.send_signal(signal.SIGKILL)  # ours, by its id
        proc.wait()
        os.close(master)
    if found is None:
        raise RuntimeError(f"{' '.join(cmd)}: never drew {marker!r}")
    return Run(found, 0.0)


def pairs(name: str, ours: Callable[[], Run], theirs: Callable[[], Run], n: int,
          before: Callable[[], None] = lambda: None) -> Figure:
    """n pairs in turns; `before` runs (untimed) ahead of each side."""
    fig = Figure(name, [], [])
    for _ in range(n):
        before()
        fig.ours.append(ours())
        before()
        fig.theirs.append(theirs())
    print(f"  {fig.line()}", file=sys.stderr, flush=True)
    return fig


# -- the databases and files -------------------------------------------------------------


def database(n: int, cache: Path) -> Path:
    path = cache / f"plan-{n}.db"
    if not path.exists():
        print(f"generating {n:,} indicators ... (kept in {cache})", file=sys.stderr, flush=True)
        tmp = path.with_suffix(".partial")
        tmp.unlink(missing_ok=True)
        # in a process of its own, so this one stays small (see process())
        subprocess.run([PY, "-m", "bench.generate", str(n), str(tmp)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        tmp.rename(path)
    return path


def city(cache: Path) -> Path:
    """A new database: the city's own plan and the article's figures."""
    path = cache / "city.db"
    if not path.exists():
        process([*TRACKER, "--db", str(path), "check"])
    return path


def fresh_copy(source: Path, target: Path) -> Callable[[], None]:
    """Puts a new copy of `source` at `target` (its -wal and -shm gone): what a writing
    command starts from before each run of a pair."""
    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copy(source, target)

    return fresh


# -- the figures -------------------------------------------------------------------------


def startup(db: Path, n: int) -> Figure:
    return pairs("start-up (first row)",
                 lambda: in_terminal([*TRACKER, "--db", str(db), "--lang", "en"], FIRST_ROW),
                 lambda: in_terminal(MINIMAL, MINIMAL_ROW), n)


def sqlite3(db: Path, *args: str, out: Path | None = None) -> Run:
    """The sqlite3 tool with these options (the last argument is the SQL)."""
    *options, sql = args
    return process(["sqlite3", *options, str(db), sql], stdout=out)


def commands(db: Path, work: Path, n: int) -> list[Figure]:
    t = [*TRACKER, "--db", str(db)]
    out = work / "out"
    figs = [
        pairs("status", lambda: process([*t, "status"]),
              lambda: sqlite3(db, PLAN_SQL), n),
        pairs("status --format json", lambda: process([*t, "status", "--format", "json"]),
              lambda: sqlite3(db, "-json", PLAN_SQL), n),
        pairs("indicators csv", lambda: process([*t, "indicators", "--format", "csv"]),
              lambda: sqlite3(db, "-csv", "-header", INDICATORS_SQL), n),
        pairs("indicators json", lambda: process([*t, "indicators", "--format", "json"]),
              lambda: sqlite3(db, "-json", INDICATORS_SQL), n),
        pairs("export csv", lambda: process(
            [*t, "export", "--format", "csv", "--output", str(out), "--force"]),
            lambda: sqlite3(db, "-csv", "-header", PLAN_SQL, out=out), n),
        pairs("export json", lambda: process(
            [*t, "export", "--format", "json", "--output", str(out), "--force"]),
            lambda: sqlite3(db, "-json", f"{PLAN_SQL}; {VALUES_SQL}", out=out), n),
    ]
    copy = work / "copy.db"
    figs.append(pairs("snapshot take", lambda: process(
        [*TRACKER, "--db", str(copy), "snapshot", "take", "--label", "bench"]),
        lambda: sqlite3(copy, SNAPSHOT_SQL), n, before=fresh_copy(db, copy)))
    return figs


def small_commands(db: Path, n: int) -> list[Figure]:
    def script(sql: str) -> Callable[[], Run]:
        code = ("import sqlite_utils, json\n"
                f"db = sqlite_utils.Database({str(db)!r})\n"
                f"for row in db.query({sql!r}):\n"
                "    print(json.dumps(row, ensure_ascii=False))\n")
        return lambda: process([PY, "-c", code])

    t = [*TRACKER, "--db", str(db)]
    return [
        pairs("log --limit 100", lambda: process([*t, "log", "--limit", "100"]),
              script("SELECT * FROM audit ORDER BY id DESC LIMIT 100"), n),
        pairs("achievements", lambda: process([*t, "achievements"]),
              script("SELECT * FROM achievements ORDER BY position"), n),
        pairs("check", lambda: process([*t, "check"]),
              script("SELECT a.*, (SELECT count(*) FROM manual_flags) FROM achievements a"),
              n),
    ]


XLSX_SCRIPT = """
import sqlite3, sys, xlsxwriter
con = sqlite3.connect(sys.argv[1])
wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
for (d,) in con.execute("SELECT id FROM districts ORDER BY position"):
    ws = wb.add_worksheet(d)
    cur = con.execute("SELECT i.id, i.name_zh, i.unit, i.baseline_value, i.baseline_year,"
        " i.target_value, i.target_year, s.latest_value, s.latest_year, s.progress_share,"
        " s.time_share, s.schedule_verdict, i.attribute, i.department, i.district,"
        " i.direction, i.target_type, i.band, i.name_zh, i.name_en, s.growth_ratio,"
        " s.growth_verdict, s.latest_quality FROM indicators i JOIN indicator_status s"
        " ON s.indicator = i.id WHERE i.district = ? AND i.retired = 0 ORDER BY i.position", [d])
    ws.write_row(0, 0, [c[0] for c in cur.description])
    for r, row in enumerate(cur, 1):
        ws.write_row(r, 0, row)
wb.close()
"""


def xlsx(db: Path, work: Path, n: int) -> Figure:
    out, raw = work / "plan.xlsx", work / "raw.xlsx"
    return pairs("export xlsx", lambda: process(
        [*TRACKER, "--db", str(db), "export", "--format", "xlsx", "--output", str(out),
         "--force"]),
        lambda: process([PY, "-c", XLSX_SCRIPT, str(db), str(raw)]), n)


IMPORT_SCRIPT = """
import csv, sys, sqlite_utils
db = sqlite_utils.Database(sys.argv[1])
with open(sys.argv[2], encoding="utf-8-sig", newline="") as fh:
    db["imported"].insert_all(csv.DictReader(fh), batch_size=1000)
"""


def plan_table(db: Path, work: Path) -> Path:
    """The export's own csv of this plan: new indicators for a database of the city's."""
    path = work / f"{db.stem}.csv"
    if not path.exists():
        process([*TRACKER, "--db", str(db), "export", "--format", "csv", "--output", str(path)])
    return path


def importing(name: str, source: Path, script: str, empty: Path, work: Path,
              n: int) -> Figure:
    """`tracker import source` into a fresh copy of the city's database, against `script`
    given the same copy and file."""
    target = work / "import.db"
    return pairs(name, lambda: process([*TRACKER, "--db", str(target), "import", str(source)]),
                 lambda: process([PY, "-c", script, str(target), str(source)]), n,
                 before=fresh_copy(empty, target))


def import_table(db: Path, empty: Path, work: Path, n: int) -> Figure:
    return importing("import plan table", plan_table(db, work), IMPORT_SCRIPT, empty, work, n)


# the yardstick of a snapshot's import: the same file read whole by the json module and its
# two lists inserted with sqlite-utils
SNAPSHOT_SCRIPT = """
import json, sys, sqlite_utils
db = sqlite_utils.Database(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as fh:
    content = json.load(fh)
db["imported_states"].insert_all(
    ({"id": s["indicator"]["id"], "state": json.dumps(s)} for s in content["indicators"]),
    batch_size=1000)
db["imported_values"].insert_all(content["measurements"], batch_size=1000)
"""


def import_snapshot(db: Path, empty: Path, work: Path, n: int) -> Figure:
    """A whole snapshot's JSON (the export's own) imported into the city's database."""
    source = work / f"{db.stem}.json"
    if not source.exists():
        process([*TRACKER, "--db", str(db), "export", "--format", "json", "--output",
                 str(source)])
    return importing("import snapshot json", source, SNAPSHOT_SCRIPT, empty, work, n)


def ui_figures(db: Path) -> dict:
    out = subprocess.run([PY, "-m", "bench.ui", str(db)], cwd=ROOT,
                         capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


GROUPS = ("startup", "commands", "xlsx", "import", "small", "ui")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="tracker benchmark")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"Which groups to run, of {', '.join(GROUPS)}.")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "kaili-tracker-bench")
    args = parser.parse_args(argv)
    if args.pairs < 5:
        parser.error("at least 5 pairs: a median of fewer says little on a shared machine")
    if not Path(TIME).exists():
        parser.error("GNU time measures each process's memory (apt-get install time)")
    if shutil.which("sqlite3") is None:
        parser.error("the sqlite3 command-line tool is the yardstick (apt-get install sqlite3)")
    only = set(args.only.split(","))
    args.cache.mkdir(parents=True, exist_ok=True)
    # measured as installed: pip compiles the package's bytecode when it installs it, as
    # it did the yardsticks' libraries. A checkout run with PYTHONDONTWRITEBYTECODE would
    # otherwise compile every module of the tracker again at each launch.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "tracker")], check=True,
                   stdout=subprocess.DEVNULL)
    sizes = [int(x) for x in args.sizes.split(",")]
    load = os.getloadavg()
    lines = [f"tracker benchmark {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {os.cpu_count()} CPUs"
             f" · load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} · median (min–max) of"
             f" {args.pairs} alternating pairs",
             f"{'':<24} {'tracker':>9} {'yardstick':>9}  ratio  {'':<11}  peak RSS"]
    empty = city(args.cache)
    imports: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "small" in only:
            lines.append("city's plan")
            print(lines[-1], file=sys.stderr)
            lines += [f.line() for f in small_commands(empty, args.pairs)]
        for n in sizes:
            db = database(n, args.cache)
            lines.append(f"{n:,} indicators, {n * 10:,} values")
            print(lines[-1], file=sys.stderr)
            figs: list[Figure] = []
            if "startup" in only:
                figs.append(startup(db, args.pairs))
            if "commands" in only:
                figs += commands(db, work, args.pairs)
            if "xlsx" in only:
                figs.append(xlsx(db, work, args.pairs))
            if "import" in only:
                fig = import_table(db, empty, work, args.pairs)
                imports[n] = statistics.median(o.seconds for o in fig.ours)
                figs.append(fig)
                figs.append(import_snapshot(db, empty, work, args.pairs))
            lines += [f.line() for f in figs]
            if "ui" in only:
                ui = ui_figures(db)
                lines.append("ui (in process; best of 3, open the median): " + (ui.get("error") or " · ".join(
                    f"{k} {v * 1000:.0f} ms" for k, v in ui.items()
                    if k in ("jump", "search", "search_typed", "search_key_max",
                             "search_key_median", "open", "open_max", "open_first"))))
    for small, big in zip(sizes, sizes[1:], strict=False):
        if small in imports and big in imports:
            lines.append(f"import growth {small:,} -> {big:,}: "
                         f"{imports[big] / imports[small]:.1f}x for {big / small:.0f}x the rows")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
