"""Write a file whole or not at all, and never over another file unless asked."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from tracker.errors import TrackerError


@contextlib.contextmanager
def atomic_path(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary file beside `path`; once the body succeeds it becomes `path`.

    On any failure the temporary file is removed, so a reader never sees half a report.
    """
    path = Path(path)
    if path.is_dir():
        raise TrackerError("export_is_folder", path=str(path))
    folder = path.absolute().parent
    if not folder.is_dir():
        raise TrackerError("export_folder_missing", path=str(folder))
    if not force and path.exists():
        raise TrackerError("file_exists", path=str(path))
    _remove_abandoned(folder, path.name)
    try:
        tmp = _temporary_beside(folder, path.name)
    except OSError as e:
        raise TrackerError("export_failed", path=str(path), detail=e.strerror or str(e)) from None
    try:
        yield tmp
        _sync(tmp)
        _publish(tmp, path, force)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError):
            raise TrackerError(
                "export_failed", path=str(path), detail=e.strerror or str(e)
            ) from None
        raise


def _temporary_beside(folder: Path, name: str) -> Path:
    """A new empty file in `folder`, named for `name`. In the same folder, so the final
    rename never crosses a file system; the pid in the name lets a later export tell an
    abandoned temporary file from a live one. Created as any program saves a new file
    (what the umask allows, usually readable by all), not owner-only as mkstemp makes
    it: a report is written to be shared."""
    for _ in range(100):
        tmp = folder / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _remove_abandoned(folder: Path, name: str) -> None:
    """Temporary files of exports whose process died (killed, power cut) are removed."""
    for tmp in folder.glob(f".{glob.escape(name)}.*-*.tmp"):
        pid = tmp.name[len(name) + 2 :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                tmp.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _sync(tmp: Path) -> None:
    # without this a crash right after the rename can leave an empty file behind
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())


def _publish(tmp: Path, path: Path, force: bool) -> None:
    if force:
        with contextlib.suppress(FileNotFoundError):
            # an overwritten report keeps who may read it
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
        return
    try:
        # link() refuses an existing name, so a file that appeared meanwhile survives
        os.link(tmp, path)
    except FileExistsError:
        raise TrackerError("file_exists", path=str(path)) from None
    except OSError:
        # file systems without hard links: check, then rename
        if path.exists():
            raise TrackerError("file_exists", path=str(path)) from None
        os.replace(tmp, path)
        return
    with contextlib.suppress(OSError):
        tmp.unlink()
