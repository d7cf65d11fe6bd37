"""Files on disk, handled as a shared server needs them handled (no SQL here).

What the tracker opens is looked at before it is opened, so a fifo, a device or a
folder is refused at once instead of hanging or being written over. What it creates,
it creates exclusively, and it removes only a file it created itself. Everything it
writes for a planner (backups, exports) goes through a temporary file with an
unpredictable name beside the destination, locked while it is written, and renamed
into place whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tracker.errors import TrackerError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on a POSIX system
    fcntl = None  # type: ignore[assignment]

# every temporary file is named .<destination name>.tracker-tmp-<random>
TEMP_MARK = ".tracker-tmp-"
_RANDOM_HEX = 16
_TEMP_NAME = re.compile(rf"\..*{re.escape(TEMP_MARK)}[0-9a-f]{{{_RANDOM_HEX}}}", re.S)
# the destination's name in the temporary one is shortened so the whole stays a legal name
_NAME_KEPT = 120

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


@dataclass(frozen=True)
class FileId:
    """Which file a name pointed at: the same name may later point at another."""

    dev: int
    ino: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileId:
        return cls(st.st_dev, st.st_ino)


# -- what a path is, asked without opening it ------------------------------------------

MISSING, REGULAR, FOLDER, DANGLING, SPECIAL = "missing", "regular", "folder", "dangling", "special"


def kind(path: Path) -> str:
    """What `path` is: missing, a regular file, a folder, a symlink to nothing, or
    something special (fifo, device, socket). A symlink counts as what it points at."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return MISSING
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return DANGLING
    if stat.S_ISREG(st.st_mode):
        return REGULAR
    if stat.S_ISDIR(st.st_mode):
        return FOLDER
    return SPECIAL


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of a regular file. Opened without blocking, so a file
    swapped for a fifo after it was looked at cannot hang the reader."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(errno.EINVAL, "not a regular file", str(path))
        return os.read(fd, size)
    finally:
        os.close(fd)


def read_regular(path: Path) -> bytes:
    """The whole of a regular file; anything else (a fifo, a device, a folder) raises
    NotRegular before a byte is read. Opened without blocking, so a fifo named as a file
    to read cannot hang the reader waiting for a writer."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(errno.EINVAL, "not a regular file", str(path))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def open_regular(path: Path) -> BinaryIO:
    """A regular file opened to be read a piece at a time; anything else raises
    NotRegular, as read_regular does, before a byte is read."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class NotRegular(OSError):
    """A path that should name a regular file names something else."""


def create_new(path: Path, mode: int = 0o600) -> FileId:
    """Create `path`, which must not exist (not even as a symlink), and say which file
    it is, so only that very file may be removed later."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
    try:
        return FileId.of(os.fstat(fd))
    finally:
        os.close(fd)


def is_same(path: Path, made: FileId) -> bool:
    try:
        return FileId.of(os.lstat(path)) == made
    except OSError:
        return False


def remove_created(path: Path, made: FileId, companions: tuple[str, ...] = ()) -> None:
    """Remove `path` if it is still the file this run created, and then the regular
    files named after it (`companions` suffixes: a database's -wal and -shm)."""
    if not is_same(path, made):
        return
    with contextlib.suppress(OSError):
        os.unlink(path)
    for suffix in companions:
        other = Path(f"{path}{suffix}")
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(other).st_mode):
                os.unlink(other)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the rename stands anyway
        pass
    finally:
        os.close(fd)


# -- temporary files -------------------------------------------------------------------


def temp_prefix(name: str) -> str:
    return f".{name[:_NAME_KEPT]}{TEMP_MARK}"


def is_temp_name(name: str) -> bool:
    return _TEMP_NAME.fullmatch(name) is not None


def _lock(fd: int) -> bool | None:
    """Take the lock that marks a temporary file as in use: True when taken, False when
    another holds it, None when the file system cannot lock. flock, not fcntl's record
    locks: those vanish when the same process closes any other handle on the file (as
    a writer reopening it by name does); and a pid in the name proves nothing across
    PID namespaces, while a lock held on the file is seen from every one."""
    if fcntl is None:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


@dataclass
class Temporary:
    path: Path
    fd: int
    made: FileId


def _create_temporary(folder: Path, name: str, mode: int) -> Temporary:
    for _ in range(100):
        path = folder / f"{temp_prefix(name)}{secrets.token_hex(_RANDOM_HEX // 2)}"
        try:
            # O_EXCL never follows a symlink: a name planted in advance fails here
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
                         mode)
        except FileExistsError:
            continue
        made = FileId.of(os.fstat(fd))
        # unlockable (some network file systems): written unlocked, and no cleaner
        # ever removes it, as none can prove it abandoned
        if _lock(fd) is not False and is_same(path, made):
            return Temporary(path, fd, made)
        # a cleaner took it between its creation and the lock: it is gone or going
        os.close(fd)
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


# what SQLite keeps beside a database it writes (a backup is written into a temporary one)
_SIDE_FILES = ("-journal", "-wal", "-shm")


def remove_leftovers(folder: Path) -> list[str]:
    """Remove the temporary files that killed runs left in `folder`: only the tracker's
    own (by name), only regular files of this user, and only those whose writer is gone
    (no one holds their lock); then SQLite's files beside a temporary file that is gone,
    as a live writer keeps its temporary file until it has closed them. Returns the
    names removed."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if is_temp_name(name) and _remove_if_abandoned(folder / name):
            removed.append(name)
    for name in names:
        base = next((name[: -len(s)] for s in _SIDE_FILES if name.endswith(s)), None)
        if base is None or not is_temp_name(base) or os.path.lexists(folder / base):
            continue
        with contextlib.suppress(OSError):
            st = os.lstat(folder / name)
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid():
                os.unlink(folder / name)
                removed.append(name)
    return removed


def _remove_if_abandoned(path: Path) -> bool:
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            return False
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError:
        return False
    try:
        if FileId.of(os.fstat(fd)) != FileId.of(st) or _lock(fd) is not True:
            return False
        # the lock is ours: no writer has this file, and none can take it back
        if not is_same(path, FileId.of(st)):
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


@contextlib.contextmanager
def written_whole(dest: Path, force: bool = False, mode: int = 0o666,
                  keep_mode: bool = False) -> Iterator[Path]:
    """Yield a new temporary file beside `dest`; once the body succeeds, it becomes
    `dest` whole, and the folder is synced. `mode` is the temporary file's (before the
    umask); `keep_mode` lets an overwritten file keep its mode. Without `force` an
    existing `dest` (even a symlink to nothing) is refused, also one that appears while
    the body runs. On any failure the temporary file is removed.

    The body writes to the yielded path by name: its name is unpredictable, it is
    locked, and it is checked to be the same file before it is renamed into place.
    """
    dest = Path(dest)
    folder = dest.absolute().parent
    remove_leftovers(folder)
    tmp = _create_temporary(folder, dest.name, mode)
    try:
        yield tmp.path
        _publish(tmp, dest, force, keep_mode)
    except BaseException:
        if is_same(tmp.path, tmp.made):
            with contextlib.suppress(OSError):
                os.unlink(tmp.path)
        raise
    finally:
        os.close(tmp.fd)
    sync_folder(folder)


def _publish(tmp: Temporary, dest: Path, force: bool, keep_mode: bool) -> None:
    if not is_same(tmp.path, tmp.made):
        raise OSError(errno.EBUSY, "the temporary file was replaced", str(tmp.path))
    # without this a crash right after the rename can leave an empty file behind
    os.fsync(tmp.fd)
    if force:
        if keep_mode:
            with contextlib.suppress(OSError):
                st = os.lstat(dest)
                if stat.S_ISREG(st.st_mode):
                    os.fchmod(tmp.fd, stat.S_IMODE(st.st_mode))
        # a rename replaces a symlink at `dest` itself, never the file it points at
        os.replace(tmp.path, dest)
        return
    try:
        # link() refuses an existing name, so a file that appeared meanwhile survives
        os.link(tmp.path, dest)
    except FileExistsError:
        raise TrackerError("file_exists", path=str(dest)) from None
    except OSError:
        # file systems without hard links: check, then rename
        if os.path.lexists(dest):
            raise TrackerError("file_exists", path=str(dest)) from None
        os.replace(tmp.path, dest)
        return
    with contextlib.suppress(OSError):
        os.unlink(tmp.path)
