"""Write a file whole or not at all, and never over another file unless asked."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from tracker import safe_files
from tracker.errors import TrackerError


@contextlib.contextmanager
def atomic_path(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary file beside `path`; once the body succeeds it becomes `path`.

    On any failure the temporary file is removed, so a reader never sees half a report.
    The temporary file is created as any program saves a new file (what the umask
    allows, usually readable by all), not owner-only: a report is written to be shared;
    an overwritten report keeps who may read it.
    """
    path = Path(path)
    found = safe_files.kind(path)
    if found == safe_files.FOLDER:
        raise TrackerError("export_is_folder", path=str(path))
    if found == safe_files.SPECIAL:  # --force replaces a file, never a device or a pipe
        raise TrackerError("output_not_regular", path=str(path))
    folder = path.absolute().parent
    if not folder.is_dir():
        raise TrackerError("export_folder_missing", path=str(folder))
    if not force and os.path.lexists(path):
        raise TrackerError("file_exists", path=str(path))
    try:
        with safe_files.written_whole(path, force, mode=0o666, keep_mode=True) as tmp:
            yield tmp
    except OSError as e:
        raise TrackerError(
            "export_failed", path=str(path), detail=e.strerror or str(e)
        ) from None
