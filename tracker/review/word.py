"""The review report as a Word file laid out as a Chinese planning office expects:
宋体 body and 黑体 headings set as East Asian fonts on every run (so Word and WPS do not
fall back to another face), real heading styles for the navigation pane, A4 portrait
with the indicator tables in small type and narrow columns, header rows repeated."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tracker.i18n import language_tag
from tracker.i18n.review import t
from tracker.review.content import Review
from tracker.review.html import COLOURS

BODY_ZH, BODY_LATIN = "宋体", "Times New Roman"
HEAD_ZH, HEAD_LATIN = "黑体", "Arial"
# A4 less 2 cm margins each side: 17 cm for the tables
WIDTHS_CM = (3.7, 1.1, 1.6, 1.6, 1.6, 1.0, 1.0, 1.7, 1.7, 2.0)
TABLE_PT = 7.5


def _fonts(rpr_parent: object, east_asian: str, latin: str, hint: bool = False) -> None:
    """Set the fonts on a run's or a style's rPr, East Asian included. With `hint`,
    characters both scripts use (“ ” — …) take the East Asian font, as in Chinese text."""
    rpr = rpr_parent.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian),
                       ("w:cs", latin)):
        fonts.set(qn(attr), name)
    if hint:
        fonts.set(qn("w:hint"), "eastAsia")


def _chinese(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"


def _run(p: Paragraph, text: str, size: float | None = None, bold: bool = False,
         heading: bool = False, colour: str | None = None) -> None:
    run = p.add_run(text)
    zh, latin = (HEAD_ZH, HEAD_LATIN) if heading else (BODY_ZH, BODY_LATIN)
    run.font.name = latin
    _fonts(run._element, zh, latin, hint=any(_chinese(c) for c in text))
    if size is not None:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if colour is not None:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = BODY_LATIN
    normal.font.size = Pt(12)
    _fonts(normal.element, BODY_ZH, BODY_LATIN)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.3
    for level, size in ((1, 16), (2, 14)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = HEAD_LATIN
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        _fonts(style.element, HEAD_ZH, HEAD_LATIN)
        # the theme's heading fonts would otherwise win over the ones set above
        fonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)


def _page(doc: Document) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)


def _heading(doc: Document, text: str, level: int) -> None:
    p = doc.add_heading(level=level)
    _run(p, text, heading=True)


def _para(doc: Document, text: str, size: float | None = None, centre: bool = False,
          bold: bool = False, after_table: bool = False) -> Paragraph:
    p = doc.add_paragraph()
    _run(p, text, size, bold=bold)
    if after_table:
        p.paragraph_format.space_before = Pt(6)
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _bullet(doc: Document, text: str) -> None:
    p = doc.add_paragraph(style="List Bullet")
    _run(p, text)


def _repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _keep_rows_whole(table: Table) -> None:
    for row in table.rows:
        flag = OxmlElement("w:cantSplit")
        flag.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(flag)


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shd)


def _cell(cell: _Cell, text: str, size: float = TABLE_PT, bold: bool = False,
          centre: bool = False, right: bool = False, colour: str | None = None) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(p, text, size, bold=bold, heading=bold, colour=colour)


def _narrow_margins(table: Table) -> None:
    # half Word's usual cell margins: a column of ten on A4 portrait needs the room
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), "57")
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    table._tbl.tblPr.append(margins)


def _table(doc: Document, header: list[str], widths: tuple[float, ...]) -> Table:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    _narrow_margins(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, bold=True, centre=True)
        _shade(cell, "#EEEEEE")
    _repeat_header(table)
    _widths(table, widths)
    return table


def _widths(table: Table, widths: tuple[float, ...]) -> None:
    # LibreOffice and WPS lay a table out by its grid, Word by its cells: set both
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Cm(w)


def _chart(doc: Document, r: Review) -> None:
    first = 3.0
    rest = (17.0 - first) / len(r.chart_codes)
    widths = (first, *([rest] * len(r.chart_codes)))
    table = _table(doc, [r.headings["district_col"], *r.chart_head], widths)
    for row in r.chart:
        cells = table.add_row().cells
        _cell(cells[0], row.name, size=9)
        for cell, v, label in zip(cells[1:], r.chart_codes, r.chart_head, strict=True):
            n = row.counts.get(v, 0)
            if n:
                bg, fg = COLOURS[v]
                _shade(cell, bg)
                _cell(cell, f"{label} {n}", size=9, centre=True, colour=fg)
            else:
                _cell(cell, f"{label} 0", size=9, centre=True, colour="#808080")
    _widths(table, widths)
    _keep_rows_whole(table)
    _para(doc, r.headings["chart_note"], size=9, after_table=True)


def render(r: Review) -> Document:
    doc = Document()
    doc.core_properties.title = r.title
    doc.core_properties.language = language_tag(r.lang)
    _styles(doc)
    _page(doc)
    h = r.headings
    # a plain centred title, as office reports have it: the template's title style draws
    # a blue rule under it (LibreOffice too, whatever the style says)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    _run(title, r.title, size=20, heading=True)
    for line in r.meta:
        _para(doc, line, size=10.5, centre=True)
    _heading(doc, h["s1"], 1)
    for p in r.overall:
        _para(doc, p)
    _heading(doc, h["chart"], 2)
    _chart(doc, r)
    _heading(doc, h["s2"], 1)
    for s in r.sections:
        _heading(doc, s.name, 2)
        # a district's sentence is not left at a page's foot, away from its table
        _para(doc, s.sentence).paragraph_format.keep_with_next = bool(s.rows)
        if s.rows:
            table = _table(doc, r.columns, WIDTHS_CM)
            for x in s.rows:
                cells = table.add_row().cells
                values = [x.name, x.unit, x.baseline, x.target, x.latest, x.progress, x.time,
                          x.verdict_label, x.growth_label, x.department]
                for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
                    _cell(cell, text, right=2 <= i <= 6)
            _widths(table, WIDTHS_CM)
            _keep_rows_whole(table)
        if s.lagging:
            # the heading stays on the page of the sentences it introduces
            _para(doc, h["lagging_head"], bold=True, after_table=True) \
                .paragraph_format.keep_with_next = True
            for x in s.lagging:
                _bullet(doc, x)
    if r.legend:
        _para(doc, r.legend, size=9)
    _heading(doc, h["s3"], 1)
    _para(doc, r.problems_lead)
    for d in r.problems:
        _heading(doc, d.name, 2)
        for p in d.problems:
            where = t("problem_place", r.lang, district=p.district)
            _bullet(doc, p.name + where + p.reasons)
    _heading(doc, h["s4"], 1)
    for head, items in ((h["flagged_head"], r.flagged), (h["doubtful_head"], r.doubtful),
                        (h["quality_head"], r.quality)):
        _heading(doc, head, 2)
        for x in items:
            _bullet(doc, x)
    return doc


def write(r: Review, path: Path) -> None:
    render(r).save(str(path))
