"""JSON: the whole snapshot, as the models define it, for scripts and a full re-import."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.models import SnapshotContent


def write(content: SnapshotContent, path: Path, lang: str) -> None:
    body = json.dumps(content.model_dump(mode="json"), ensure_ascii=False, indent=2)
    path.write_text(body + "\n", encoding="utf-8")
