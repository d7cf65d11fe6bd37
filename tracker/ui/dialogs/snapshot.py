"""Take a snapshot: a label, then the whole state is frozen (in a thread)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from tracker import snapshot
from tracker.i18n.ui import tr
from tracker.models import SnapshotInfo
from tracker.ui.dialogs.work import WorkDialog
from tracker.ui.validators import Required


class SnapshotDialog(WorkDialog):
    """Enter saves; an empty label is refused with the reason under the field."""

    SUBMIT_SAVES = True

    def title_text(self) -> str:
        return tr("take_snapshot_title", self.lang)

    def compose_fields(self) -> ComposeResult:
        def lang_now() -> str:
            return self.lang

        yield Label(tr("snapshot_hint", self.lang), classes="hint")
        yield from self.text_field(
            "label",
            tr("field_label", self.lang),
            validators=[Required(lang_now)],
            example=tr("snapshot_placeholder", self.lang),
        )

    def record(self) -> str:
        return self.value("label")

    def start(self) -> None:
        label = self.record()
        progress = self.progress_for("snapshot_saved")
        self.run_job(lambda store: snapshot.take_snapshot(store, label, progress), self._taken)

    def _taken(self, info: SnapshotInfo) -> None:
        self.notify(tr("snapshot_saved", self.lang, id=info.id, label=info.label))
        self.dismiss(info)  # type: ignore[arg-type]
