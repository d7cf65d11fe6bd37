"""The files the tracker is given or writes, tried as a careless user or a hostile
neighbour on a shared server would: special files, links, foreign databases, planted
names and runs killed half way."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations

from tests.conftest import FIXTURES, ROOT, raw
from tracker import exporters, safe_files
from tracker import snapshot as snap
from tracker.errors import TrackerError
from tracker.store import APPLICATION_ID, SCHEMA_VERSION, Store, check_file

QUICK_S = 30  # far above a start-up, far below a hang


def tracker(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    r = subprocess.run(
        [sys.executable, "-c", "from tracker.cli import main; main()", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=QUICK_S,
        env={**os.environ, "TRACKER_LANG": "en"},
    )
    return r, time.monotonic() - start


def refused_in_one_line(r: subprocess.CompletedProcess, *words: str) -> None:
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    for w in words:
        assert w in r.stderr


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- what may be opened as the database ------------------------------------------------


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_folder(path: Path) -> None:
    path.mkdir()


def make_device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can make a device node")
    # a copy of the null device, never /dev/null itself
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))


def make_socket(path: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()


def make_dangling(path: Path) -> None:
    path.symlink_to(path.parent / "gone" / "plan.db")


def make_dangling_here(path: Path) -> None:
    path.symlink_to(path.parent / "not-yet.db")


def make_link_to_fifo(path: Path) -> None:
    os.mkfifo(path.parent / "pipe")
    path.symlink_to(path.parent / "pipe")


SPECIAL: dict[str, tuple[Callable[[Path], None], str, Callable[[int], bool]]] = {
    "fifo": (make_fifo, "not a regular file", stat.S_ISFIFO),
    "folder": (make_folder, "is a folder", stat.S_ISDIR),
    "device": (make_device, "not a regular file", stat.S_ISCHR),
    "socket": (make_socket, "not a regular file", stat.S_ISSOCK),
    "dangling link": (make_dangling, "does not exist", stat.S_ISLNK),
    "dangling link in the folder": (make_dangling_here, "does not exist", stat.S_ISLNK),
    "link to a fifo": (make_link_to_fifo, "not a regular file", stat.S_ISLNK),
}


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("command", [["check"], ["achievements"], ["backup"]])
def test_a_path_that_is_no_regular_file_is_refused_at_once_and_left_there(
        tmp_path: Path, kind: str, command: list[str]) -> None:
    make, words, is_kind = SPECIAL[kind]
    path = tmp_path / "plan.db"
    make(path)
    before = listing(tmp_path)
    r, took = tracker(*command, "--db", str(path))
    refused_in_one_line(r, words, str(path))
    assert took < QUICK_S
    assert is_kind(os.lstat(path).st_mode)
    # nothing created beside it, nor where a link points
    assert listing(tmp_path) == before
    assert not (tmp_path / "gone").exists()


def test_a_path_that_is_no_regular_file_is_refused_in_chinese(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to(tmp_path / "nothing.db")
    r, _ = tracker("check", "--db", str(tmp_path / "pipe"), "--lang", "zh")
    refused_in_one_line(r, "不是普通文件")
    r, _ = tracker("check", "--db", str(tmp_path / "link"), "--lang", "zh")
    refused_in_one_line(r, "不会沿链接创建文件")


def test_a_link_to_a_tracker_file_is_opened(tmp_path: Path) -> None:
    Store(tmp_path / "plan.db", actor="t").close()
    (tmp_path / "link.db").symlink_to(tmp_path / "plan.db")
    r, _ = tracker("settings", "--tolerance", "0.1", "--db", str(tmp_path / "link.db"))
    assert r.returncode == 0, r.stderr
    assert raw(tmp_path / "plan.db", "SELECT value FROM meta WHERE key = 'tolerance'") == [("0.1",)]


def test_an_existing_empty_file_that_fails_later_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    path.touch()
    # SQLite cannot make its write-ahead log where a folder stands: the open fails late
    (tmp_path / "plan.db-wal").mkdir()
    r, _ = tracker("check", "--db", str(path))
    refused_in_one_line(r)
    assert path.is_file() and path.stat().st_size == 0
    assert (tmp_path / "plan.db-wal").is_dir()
    with pytest.raises(TrackerError):
        Store(path, actor="t")
    assert path.is_file() and path.stat().st_size == 0


def test_a_file_this_run_created_is_removed_when_it_fails_later(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    (tmp_path / "plan.db-wal").mkdir()
    r, _ = tracker("check", "--db", str(path))
    refused_in_one_line(r)
    assert listing(tmp_path) == ["plan.db-wal"]
    assert (tmp_path / "plan.db-wal").is_dir()


def test_an_existing_empty_file_becomes_a_tracker_database(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    path.touch()
    with Store(path, actor="t") as s:
        assert s.indicators()
    assert raw(path, "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_a_new_database_is_owner_only_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    Store(path, actor="t").close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert raw(path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert raw(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


# -- foreign SQLite files --------------------------------------------------------------


def other_apps_migrations(path: Path) -> None:
    db = sqlite_utils.Database(path)
    other = Migrations("notes-app")

    @other()
    def m001_notes(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")

    other.apply(db)
    db.conn.close()


def only_their_migration_table(path: Path) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, "
                    "migration_set TEXT, name TEXT, applied_at TEXT)")
        con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES ('notes-app', 'm001_notes', 'then')")
    con.close()


def a_migration_table_of_another_shape(path: Path) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE _sqlite_migrations (version INTEGER)")
    con.close()


def unknown_names_in_an_unmarked_file(path: Path) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, "
                    "migration_set TEXT, name TEXT, applied_at TEXT)")
        con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES ('tracker', 'm001_something_else', 'then')")
    con.close()


def only_a_user_version(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 7")
    con.close()


def only_an_application_id(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1179603536")
    con.close()


def a_tracker_file_with_another_application_id(path: Path) -> None:
    Store(path, actor="t").close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA application_id = 1179603536")
    con.close()


def a_tracker_file_with_a_table_of_its_own(path: Path) -> None:
    Store(path, actor="t").close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    with con:
        con.execute("CREATE TABLE my_notes (x)")
    con.close()


def tables_named_like_the_trackers(path: Path) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, "
                    "migration_set TEXT, name TEXT, applied_at TEXT)")
    con.close()


FOREIGN = {
    "tables named like the tracker's": (tables_named_like_the_trackers,
                                        "not a tracker database"),
    "another app's migrations": (other_apps_migrations, "not a tracker database"),
    "only another app's migration table": (only_their_migration_table, "not a tracker database"),
    "a migration table of another shape": (a_migration_table_of_another_shape,
                                           "not a tracker database"),
    "unknown migrations, unmarked": (unknown_names_in_an_unmarked_file, "newer version"),
    "only a user_version": (only_a_user_version, "not a tracker database"),
    "only an application_id": (only_an_application_id, "not a tracker database"),
    "tracker tables, another application_id": (a_tracker_file_with_another_application_id,
                                               "not a tracker database"),
    "tracker tables and a foreign one": (a_tracker_file_with_a_table_of_its_own,
                                         "not a tracker database"),
}


@pytest.mark.parametrize("kind", FOREIGN)
def test_a_foreign_sqlite_file_is_refused_byte_for_byte(tmp_path: Path, kind: str) -> None:
    make, words = FOREIGN[kind]
    path = tmp_path / "other.db"
    make(path)
    before, names = path.read_bytes(), listing(tmp_path)
    for command in (["check"], ["settings", "--tolerance", "0.1"], ["backup"]):
        r, _ = tracker(*command, "--db", str(path))
        refused_in_one_line(r, "tracker" if "newer" in words else words)
        assert path.read_bytes() == before
        assert listing(tmp_path) == names
    with pytest.raises(TrackerError):
        Store(path, actor="t")
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", FOREIGN)
def test_a_foreign_file_is_not_restored_from(store: Store, db_path: Path, tmp_path: Path,
                                             kind: str) -> None:
    make, _ = FOREIGN[kind]
    other = tmp_path / "other.db"
    make(other)
    before = other.read_bytes()
    assert check_file(other) != ""
    with pytest.raises(TrackerError) as e:
        store.restore_from(other)
    assert e.value.key == "restore_refused"
    assert other.read_bytes() == before


def test_a_fifo_is_not_restored_from_and_does_not_hang(store: Store, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    assert check_file(tmp_path / "pipe") == "no such file"


def unmarked(path: Path) -> None:
    """The file as the tracker wrote it before it marked its files."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 0")
    con.close()


def test_an_unmarked_tracker_file_opens_read_only_and_is_marked_by_its_first_change(
        tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    Store(path, actor="t").close()
    unmarked(path)
    before = path.read_bytes()
    with Store(path, actor="t") as s:
        assert s.indicators()
        assert s.tolerance() == pytest.approx(0.05)
    assert path.read_bytes() == before
    r, _ = tracker("settings", "--tolerance", "0.1", "--db", str(path))
    assert r.returncode == 0, r.stderr
    assert raw(path, "PRAGMA application_id") == [(APPLICATION_ID,)]


FIXTURES = sorted(FIXTURES.glob("schema-*.db"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_a_file_of_an_earlier_version_is_accepted_and_marked_by_its_upgrade(
        fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    shutil.copy(fixture, path)
    # files from before the mark unmarked, those of later versions marked already
    [(mark,)] = raw(path, "PRAGMA application_id")
    assert mark in (0, APPLICATION_ID)
    with Store(path, actor="t") as s:
        assert s.schema_version() == SCHEMA_VERSION
    assert raw(path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    # the copy kept before the upgrade is the file as it was
    kept = path.with_name(f"{path.name}.before-schema-{SCHEMA_VERSION}.bak")
    assert kept.read_bytes() != path.read_bytes()
    assert raw(kept, "PRAGMA application_id") == [(mark,)]


def test_a_restored_unmarked_backup_is_marked(store: Store, db_path: Path,
                                              tmp_path: Path) -> None:
    old = store.backup(tmp_path / "old.db")
    unmarked(old)
    store.restore_from(old)
    assert raw(db_path, "PRAGMA application_id") == [(APPLICATION_ID,)]


# -- temporary and output files --------------------------------------------------------

VICTIM_TEXT = b"the file a link was planted to reach\n"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "victim.txt"
    path.write_bytes(VICTIM_TEXT)
    return path


def plant_links(folder: Path, name: str, victim: Path, guess: str) -> list[Path]:
    """A link at every name a write to `name` could use: the temporary file's name as
    guessed, SQLite's files beside it and beside the destination, and the names
    earlier versions used."""
    temp = f"{safe_files.temp_prefix(name)}{guess}"
    names = [temp, *(f"{temp}{s}" for s in ("-journal", "-wal", "-shm")),
             *(f"{name}{s}" for s in ("-journal", "-wal", "-shm")),
             f".{name}.tmp-{os.getpid()}", f".{name}.{os.getpid()}-{guess[:8]}.tmp"]
    links = []
    for n in names:
        (folder / n).symlink_to(victim)
        links.append(folder / n)
    return links


@pytest.fixture
def guessed(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The random part of the first temporary name, known in advance as if an attacker
    had guessed it; the next ones are random again."""
    guess = "0123456789abcdef"
    real = safe_files.secrets.token_hex
    given: list[str] = []

    def token_hex(n: int) -> str:
        given.append(real(n) if given else guess)
        return given[-1]

    monkeypatch.setattr(safe_files.secrets, "token_hex", token_hex)
    yield guess
    # the guessed name was the one tried first: the test met the planted links
    assert given and given[0] == guess


def links_untouched(links: list[Path], victim: Path) -> None:
    assert victim.read_bytes() == VICTIM_TEXT
    for link in links:
        assert link.is_symlink() and os.readlink(link) == str(victim)


def test_a_backup_does_not_follow_a_planted_link(store: Store, tmp_path: Path, victim: Path,
                                                 guessed: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    links = plant_links(out, "b.db", victim, guessed)
    store.backup(out / "b.db")
    links_untouched(links, victim)
    for link in links:  # SQLite would take a link beside the copy for its journal
        link.unlink()
    assert check_file(out / "b.db") == ""
    assert stat.S_IMODE((out / "b.db").stat().st_mode) == 0o600


def test_a_backup_over_a_link_replaces_the_link_not_its_target(store: Store, tmp_path: Path,
                                                               victim: Path) -> None:
    dest = tmp_path / "b.db"
    dest.symlink_to(victim)
    with pytest.raises(TrackerError) as e:
        store.backup(dest)
    assert e.value.key == "file_exists"
    store.backup(dest, force=True)
    assert victim.read_bytes() == VICTIM_TEXT
    assert not dest.is_symlink() and check_file(dest) == ""
    dangling = tmp_path / "d.db"
    dangling.symlink_to(tmp_path / "nowhere.db")
    with pytest.raises(TrackerError) as e:
        store.backup(dangling)
    assert e.value.key == "file_exists"
    assert not (tmp_path / "nowhere.db").exists()


def test_links_at_the_names_sqlite_uses_beside_the_temporary_file_are_not_followed(
        store: Store, tmp_path: Path, victim: Path, guessed: str) -> None:
    temp = f"{safe_files.temp_prefix('b.db')}{guessed}"
    for suffix in ("-journal", "-wal"):
        (tmp_path / f"{temp}{suffix}").symlink_to(victim)
    store.backup(tmp_path / "b.db")
    # SQLite opens its files without following links, and removes the link of a
    # stale journal, never what it points at
    assert victim.read_bytes() == VICTIM_TEXT
    assert check_file(tmp_path / "b.db") == ""
    assert not (tmp_path / temp).exists()


def test_a_link_where_sqlite_needs_a_file_fails_the_backup_whole(
        store: Store, tmp_path: Path, victim: Path, guessed: str) -> None:
    temp = f"{safe_files.temp_prefix('b.db')}{guessed}"
    (tmp_path / f"{temp}-shm").symlink_to(victim)
    with pytest.raises(TrackerError) as e:
        store.backup(tmp_path / "b.db")
    assert e.value.key == "backup_failed"
    assert str(tmp_path / "b.db") in e.value.text("en")
    assert victim.read_bytes() == VICTIM_TEXT
    assert not (tmp_path / "b.db").exists()
    assert not (tmp_path / temp).exists()


@pytest.mark.parametrize("fmt", exporters.FORMATS)
def test_an_export_does_not_follow_a_planted_link(store: Store, tmp_path: Path, victim: Path,
                                                  guessed: str, fmt: str) -> None:
    content = snap.current_state(store, "t")
    out = tmp_path / "out"
    out.mkdir()
    links = plant_links(out, f"plan.{fmt}", victim, guessed)
    exporters.export(content, fmt, out / f"plan.{fmt}", "en")
    links_untouched(links, victim)
    assert (out / f"plan.{fmt}").stat().st_size > 0
    (out / "over.csv").symlink_to(victim)
    with pytest.raises(TrackerError):
        exporters.export(content, "csv", out / "over.csv", "en")
    exporters.export(content, "csv", out / "over.csv", "en", force=True)
    assert victim.read_bytes() == VICTIM_TEXT
    assert not (out / "over.csv").is_symlink()


def test_backups_are_owner_only_whatever_the_umask(store: Store, tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store.backup(tmp_path / "b.db")
        (tmp_path / "shared.db").write_bytes(b"")
        (tmp_path / "shared.db").chmod(0o644)
        store.backup(tmp_path / "shared.db", force=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "b.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "shared.db").stat().st_mode) == 0o600


def test_the_cli_backup_is_owner_only(store: Store, db_path: Path, tmp_path: Path) -> None:
    r, _ = tracker("backup", "--output", str(tmp_path / "b.db"), "--db", str(db_path))
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE((tmp_path / "b.db").stat().st_mode) == 0o600
    assert not [n for n in listing(tmp_path) if safe_files.TEMP_MARK in n]


HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(120)
"""


def test_a_leftover_is_removed_only_once_no_live_run_holds_it(store: Store,
                                                              tmp_path: Path) -> None:
    live = tmp_path / f"{safe_files.temp_prefix('a.db')}{'1' * 16}"
    dead = tmp_path / f"{safe_files.temp_prefix('b.db')}{'2' * 16}"
    dead.write_bytes(b"half a backup")
    (tmp_path / f"{dead.name}-journal").write_bytes(b"its journal")
    # another process (it could be in another PID namespace: only its lock is seen)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(live)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        store.backup(tmp_path / "c.db")
        assert live.exists()
        assert not dead.exists() and not (tmp_path / f"{dead.name}-journal").exists()
    finally:
        holder.kill()
        holder.wait()
    store.backup(tmp_path / "d.db")
    assert not live.exists()
    assert listing(tmp_path) == sorted(["c.db", "d.db", "plan.db", "plan.db-shm",
                                        "plan.db-wal"])


def test_the_cleaner_leaves_what_is_not_its_own(store: Store, tmp_path: Path,
                                                victim: Path) -> None:
    link = tmp_path / f"{safe_files.temp_prefix('a.db')}{'3' * 16}"
    link.symlink_to(victim)
    not_ours = [tmp_path / ".a.db.tracker-tmp-short", tmp_path / "a.db.tracker-tmp-x",
                tmp_path / ".a.db.tmp-1", tmp_path / f"{safe_files.temp_prefix('a.db')}notes"]
    for p in not_ours:
        p.write_bytes(b"keep")
    folder = tmp_path / f"{safe_files.temp_prefix('f.db')}{'4' * 16}"
    folder.mkdir()
    store.backup(tmp_path / "c.db")
    assert link.is_symlink() and victim.read_bytes() == VICTIM_TEXT
    assert all(p.read_bytes() == b"keep" for p in not_ours)
    assert folder.is_dir()


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
def test_no_output_replaces_a_special_file_even_when_forced(store: Store, db_path: Path,
                                                            tmp_path: Path, kind: str) -> None:
    make, _, is_kind = SPECIAL[kind]
    for i, command in enumerate((["backup"], ["export", "--format", "csv"])):
        path = tmp_path / f"out-{i}"
        make(path)
        r, took = tracker(*command, "--output", str(path), "--force", "--db", str(db_path))
        refused_in_one_line(r, "not a regular file", str(path))
        assert is_kind(os.lstat(path).st_mode)
        assert took < QUICK_S


@pytest.mark.parametrize("kind", ["fifo", "device", "link to a fifo"])
def test_an_import_of_a_special_file_is_refused_without_waiting(
        store: Store, db_path: Path, tmp_path: Path, kind: str) -> None:
    make, _, _ = SPECIAL[kind]
    path = tmp_path / "plan.csv"
    make(path)
    before = store.indicators()
    r, took = tracker("import", str(path), "--db", str(db_path))
    refused_in_one_line(r, "not a file", str(path))
    assert took < QUICK_S
    with Store(db_path, actor="t") as s:
        assert s.indicators() == before
