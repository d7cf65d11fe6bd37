"""The mid-term review report (规划实施中期评估报告): docx, md or html, from the plan now
or a snapshot. `content` says what the report says; one module per format lays it out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.errors import TrackerError
from tracker.exporters.atomic import atomic_path
from tracker.review.content import Review, build
from tracker.store import Store
from tracker.work_counts import Progress, unheard

FORMATS = ("docx", "md", "html")


def _writer(fmt: str) -> Callable[[Review, Path], None]:
    # python-docx loads only when a Word file is written
    if fmt == "docx":
        from tracker.review import word

        return word.write
    if fmt == "html":
        from tracker.review import html

        return html.write
    from tracker.review import markdown

    return markdown.write


def format_for(path: Path) -> str | None:
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = {"markdown": "md", "htm": "html"}.get(suffix, suffix)
    return suffix if suffix in FORMATS else None


def write_review(
    store: Store, path: Path, lang: str, as_of: int | None = None,
    snapshot_id: int | None = None, title: str | None = None, force: bool = False,
    progress: Progress = unheard,
) -> Path:
    """Write the report to `path`, its format from the extension: whole or not at all.
    `progress` hears of its two steps (the content, then the file) as they end."""
    path = Path(path)
    fmt = format_for(path)
    if fmt is None:
        raise TrackerError("review_format", path=str(path),
                           choices=" ".join(f".{f}" for f in FORMATS))
    with atomic_path(path, force) as tmp:
        progress(0, 2)
        review = build(store, lang, as_of=as_of, snapshot_id=snapshot_id, title=title)
        progress(1, 2)
        _writer(fmt)(review, tmp)
    progress(2, 2)
    return path
