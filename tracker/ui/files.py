"""The folder a served session may read and write: every path a planner types in the
export and import dialogs must land inside it, after following `..` and every symlink.

The terminal app has no such folder (its planner can reach any file already); `tracker
serve` gives its sessions one, because a browser user is not a user of the server."""

from __future__ import annotations

import os
from pathlib import Path

from tracker.errors import TrackerError


def inside(root: Path, typed: str | Path) -> Path:
    """The real path `typed` names, relative paths taken from `root`; refused unless it
    is inside `root` once `~`, `..` and symlinks (a dangling one too) are followed."""
    p = Path(typed).expanduser()
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(p if p.is_absolute() else real_root / p))
    if real == real_root or not real.is_relative_to(real_root):
        raise TrackerError("outside_files", path=str(typed), root=str(real_root))
    return real
