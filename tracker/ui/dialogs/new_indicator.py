"""Add an indicator to a district."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Select

from tracker.i18n.codes import choices, district_short
from tracker.i18n.ui import tr
from tracker.models import Indicator
from tracker.ui.dialogs.department import PicksDepartment
from tracker.ui.validators import NewId, Required


class NewIndicatorDialog(PicksDepartment):
    AUTO_FOCUS = "#f-id"  # the district is already the one on screen

    def __init__(self, district: str) -> None:
        super().__init__()
        self.district = district

    def title_text(self) -> str:
        return tr("new_indicator_title", self.lang)

    def compose_fields(self) -> ComposeResult:
        lang = self.lang
        taken = {i.id for i in self.store.indicators(with_retired=True)}
        districts = [(district_short(d.id, lang), d.id) for d in self.store.districts()]

        def lang_now() -> str:
            return self.lang

        yield from self.select_field(
            "district", tr("field_district", lang), districts, self.district
        )
        # the kind of row next: its list of kinds then opens with the form below it,
        # inside the dialog
        yield from self.select_field(
            "target_type", tr("field_type", lang), choices("target_type", lang), "level"
        )
        yield from self.text_field(
            "id",
            tr("field_id", lang),
            validators=[NewId(lang_now, taken)],
            example=f"{self.district}-…",
        )
        yield from self.text_field(
            "name_zh", tr("field_name_zh", lang), validators=[Required(lang_now)]
        )
        yield from self.text_field(
            "name_en", tr("field_name_en", lang), validators=[Required(lang_now)]
        )
        yield from self.text_field(
            "unit", tr("field_unit", lang), validators=[Required(lang_now)], example="%"
        )
        yield from self.select_field(
            "direction", tr("field_direction", lang), choices("direction", lang), "increase"
        )
        yield from self.select_field(
            "attribute", tr("field_attribute", lang), choices("attribute", lang), "expected"
        )
        yield from self.department_field()

    @on(Select.Changed, "#f-target_type")
    def _kind_changed(self, event: Select.Changed) -> None:
        # a reduction only goes down, holding a level is maintain: the direction follows
        follows = {"reduction": "decrease", "maintain": "maintain"}.get(str(event.value))
        if follows is not None:
            self.query_one("#f-direction", Select).value = follows

    def record(self) -> Indicator:
        return Indicator(
            id=self.value("id"),
            district=self.selected("district"),
            name_zh=self.value("name_zh"),
            name_en=self.value("name_en"),
            unit=self.value("unit"),
            direction=self.selected("direction"),
            attribute=self.selected("attribute"),
            target_type=self.selected("target_type"),
            department=self.picked_department(),
        )

    def save(self) -> Indicator:
        return self.store.add_indicator(self.record())

    def saved_message(self, result: Indicator) -> str:
        return tr("saved_indicator", self.lang, id=result.id)
