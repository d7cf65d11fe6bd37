"""A new department (责任单位), added on the spot: from the department screen, or from an
indicator form's list of departments."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Select

from tracker.i18n import name_of
from tracker.i18n.review_year import DEPARTMENTS
from tracker.models import Department
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.validators import Required

# the option of a department list that opens this dialog
NEW_DEPARTMENT = "\0new"


def department_options(departments: list[Department], lang: str) -> list[tuple[str, str]]:
    """A form's list of departments: none, each by its name, and a way to add one."""
    return [(DEPARTMENTS.text("none_picked", lang), ""),
            *[(name_of(d, lang), d.name_zh) for d in departments],
            (DEPARTMENTS.text("new", lang), NEW_DEPARTMENT)]


class PicksDepartment(FormDialog):
    """A form with a department list (#f-department): picking "+ new department…" opens
    the department form, and the department saved there is the one picked."""

    def department_field(self, value: str = "") -> ComposeResult:
        options = department_options(self.store.departments(), self.lang)
        if value not in {v for _, v in options}:
            value = ""  # a department no longer on the list reads as none
        yield from self.select_field("department", DEPARTMENTS.text("field", self.lang),
                                     options, value)

    def picked_department(self) -> str:
        value = self.selected("department")
        return "" if value == NEW_DEPARTMENT else value

    @on(Select.Changed, "#f-department")
    def _department_changed(self, event: Select.Changed) -> None:
        if event.value != NEW_DEPARTMENT:
            return
        select = event.select

        def added(result: object) -> None:
            if isinstance(result, Department):
                select.set_options(department_options(self.store.departments(), self.lang))
                select.value = result.name_zh
            else:
                select.value = ""
            select.focus()

        self.app.push_screen(DepartmentDialog(), added)


class DepartmentDialog(FormDialog):
    """Both names are asked for; an empty or space-only name is refused under its field."""

    AUTO_FOCUS = "#f-name_zh"

    def title_text(self) -> str:
        return DEPARTMENTS.text("add_title", self.lang)

    def compose_fields(self) -> ComposeResult:
        def lang_now() -> str:
            return self.lang

        yield from self.text_field("name_zh", DEPARTMENTS.text("field_name_zh", self.lang),
                                   validators=[Required(lang_now)])
        yield from self.text_field("name_en", DEPARTMENTS.text("field_name_en", self.lang),
                                   validators=[Required(lang_now)])
        yield from self.text_field("contact", DEPARTMENTS.text("field_contact", self.lang))

    def record(self) -> Department:
        return Department(name_zh=self.value("name_zh"), name_en=self.value("name_en"),
                          contact=self.value("contact"))

    def save(self) -> Department:  # type: ignore[override]
        d = self.record()
        return self.store.add_department(d.name_zh, d.name_en, d.contact)

    def saved_message(self, result: Department) -> str:  # type: ignore[override]
            return DEPARTMENTS.text("added", self.lang, name=name_of(result, self.lang))
