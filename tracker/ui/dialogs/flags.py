"""A planner's own quality flags on a figure: add one with a note, or clear a flag (a
rule's flag is then recorded as checked). Clearing asks first. Both are audited."""

from __future__ import annotations

from textual.app import ComposeResult

from tracker.i18n import name_of
from tracker.i18n.quality import SEVERITY
from tracker.i18n.ui import tr
from tracker.models import Achievement, Flag
from tracker.ui import format as fmt
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.validators import Required


def flag_code(f: Flag) -> str:
    """What store.clear_flag takes: a rule's code, or manual:ID for a planner's flag."""
    return f"manual:{f.id}" if f.manual and f.id is not None else f.code


class AddFlagDialog(FormDialog):
    SUBMIT_SAVES = True

    def __init__(self, achievement: Achievement) -> None:
        super().__init__()
        self.achievement = achievement

    def title_text(self) -> str:
        return tr("add_flag_title", self.lang, name=name_of(self.achievement, self.lang))

    def compose_fields(self) -> ComposeResult:
        def lang_now() -> str:
            return self.lang

        yield from self.text_field(
            "note", tr("field_flag_note", self.lang), validators=[Required(lang_now)]
        )

    def record(self) -> str:
        return self.value("note")

    def save(self) -> Flag:  # type: ignore[override]
        return self.store.add_flag(self.achievement.id, self.record())

    def saved_message(self, result: Flag) -> str:  # type: ignore[override]
        return tr("flag_added", self.lang, id=self.achievement.id, note=result.note)


class ClearFlagDialog(FormDialog):
    """Pick the flag (when there are several), say why if you like, confirm."""

    SUBMIT_SAVES = True

    def __init__(self, achievement: Achievement, flags: list[Flag]) -> None:
        super().__init__()
        self.achievement = achievement
        self.flags = {flag_code(f): f for f in flags}

    def title_text(self) -> str:
        return tr("clear_flag_title", self.lang, name=name_of(self.achievement, self.lang))

    def compose_fields(self) -> ComposeResult:
        lang = self.lang
        # what cannot be right first, each named with its severity
        ordered = sorted(self.flags.items(), key=lambda item: item[1].severity != "error")
        options = [
            (fmt.truncate(f"{SEVERITY.text(f.severity, lang)}: {f.message(lang)} [{code}]", 60),
             code)
            for code, f in ordered
        ]
        yield from self.select_field("flag", tr("field_flag", lang), options, options[0][1])
        yield from self.text_field("note", tr("field_clear_note", lang))

    def record(self) -> tuple[str, str]:
        return self.selected("flag"), self.value("note")

    def action_save(self) -> None:
        if not self.ready_to_save():
            return
        code, _ = self.record()
        message = tr(
            "confirm_clear_flag",
            self.lang,
            flag=self.flags[code].message(self.lang),
            name=name_of(self.achievement, self.lang),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.commit()

        self.app.push_screen(ConfirmDialog(message), answered)

    def save(self) -> str:  # type: ignore[override]
        code, note = self.record()
        self.store.clear_flag(self.achievement.id, code, note)
        return code

    def saved_message(self, result: str) -> str:  # type: ignore[override]
        return tr("flag_cleared", self.lang, code=result, id=self.achievement.id)
