"""The review report as one self-contained HTML file: inline CSS, no fonts or scripts
from elsewhere (an intranet cannot reach them), and print rules for A4."""

from __future__ import annotations

from html import escape
from pathlib import Path

from tracker.i18n import language_tag
from tracker.i18n.review import t
from tracker.review.content import Review

# the chart's colours after the UN SDG progress chart: green is met or ahead, yellow on
# course, red behind, grey unknown; the word in each cell carries the meaning in print
# and for the colour-blind
COLOURS = {
    "achieved": ("#1b7837", "#ffffff"),
    "ahead": ("#7fbf7b", "#000000"),
    "on_schedule": ("#fee08b", "#000000"),
    "lagging": ("#d73027", "#ffffff"),
    "no_data": ("#d9d9d9", "#000000"),
    # not judged: blue-grey for a row only watched, white for one whose target is not set
    "monitoring": ("#c6dbef", "#000000"),
    "to_be_set": ("#ffffff", "#000000"),
}
# the indicator table's columns, in shares of the page: the name and the department
# wrap, the figures do not
WIDTHS = (20, 6, 10, 10, 10, 6, 6, 8, 10, 14)
# the grid also as attributes, not only as CSS: word processors opening the file (WPS,
# LibreOffice) read those and ignore most of the style sheet
TABLE = '<table border="1" cellspacing="0" cellpadding="3" width="100%"'
CELL = 'style="font-size:8pt;line-height:1.25"'

CSS = """
@page { size: A4 portrait; margin: 18mm 15mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif;
       font-size: 11pt; line-height: 1.6; color: #000; max-width: 180mm; margin: 0 auto; }
h1, h2, h3, th { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC",
                 "Source Han Sans SC", sans-serif; }
h1 { font-size: 18pt; text-align: center; margin-bottom: 4pt; }
h2 { font-size: 14pt; margin-top: 18pt; break-after: avoid; }
h3 { font-size: 12pt; margin-top: 12pt; break-after: avoid; }
.meta { text-align: center; font-size: 10pt; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; line-height: 1.3;
        margin: 6pt 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #666; padding: 2pt 3pt; vertical-align: top; }
th { background: #eeeeee; font-weight: normal; font-size: 8pt; }
td.num { text-align: right; white-space: nowrap; }
table.chart { font-size: 9pt; table-layout: fixed; }
table.chart td { text-align: center; vertical-align: middle; padding: 4pt 2pt;
                 -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.chart td.empty { color: #999; }
p.lead { break-after: avoid; margin-bottom: 0; }
.note { font-size: 9pt; color: #333; }
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _chart(r: Review) -> list[str]:
    h = r.headings
    share = (100 - 16) // len(r.chart_codes)
    out = [f'{TABLE} class="chart">',
           '<colgroup><col width="16%">', *(f'<col width="{share}%">' for _ in r.chart_codes),
           "</colgroup><thead><tr>",
           f"<th>{_e(h['district_col'])}</th>",
           *(f"<th>{_e(label)}</th>" for label in r.chart_head), "</tr></thead><tbody>"]
    for row in r.chart:
        cells = []
        for v, label in zip(r.chart_codes, r.chart_head, strict=True):
            n = row.counts.get(v, 0)
            if n:
                bg, fg = COLOURS[v]
                cells.append(f'<td class="v-{v}" align="center" bgcolor="{bg}" '
                             f'style="background:{bg};color:{fg};font-size:9pt">'
                             f'<font color="{fg}">{_e(label)} <b>{n}</b></font></td>')
            else:
                cells.append(f'<td class="empty" align="center" style="font-size:9pt">'
                             f'<font color="#808080">{_e(label)} 0</font></td>')
        out.append(f"<tr><th>{_e(row.name)}</th>{''.join(cells)}</tr>")
    out += ["</tbody></table>", f'<p class="note">{_e(h["chart_note"])}</p>']
    return out


def render(r: Review) -> str:
    h = r.headings
    lang = language_tag(r.lang)
    out = ["<!DOCTYPE html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
           f"<title>{_e(r.title)}</title><style>{CSS}</style></head><body>",
           f"<h1>{_e(r.title)}</h1>",
           '<p class="meta">' + "<br>".join(_e(m) for m in r.meta) + "</p>",
           f"<h2>{_e(h['s1'])}</h2>", *(f"<p>{_e(p)}</p>" for p in r.overall),
           f"<h3>{_e(h['chart'])}</h3>", *_chart(r), f"<h2>{_e(h['s2'])}</h2>"]
    numeric = {2, 3, 4, 5, 6}
    for s in r.sections:
        out += [f'<h3 id="{_e(s.id)}">{_e(s.name)}</h3>', f"<p>{_e(s.sentence)}</p>"]
        if s.rows:
            out += [f"{TABLE}>", "<colgroup>", *(f'<col width="{w}%">' for w in WIDTHS),
                    "</colgroup><thead><tr>", *(f"<th>{_e(c)}</th>" for c in r.columns),
                    "</tr></thead><tbody>"]
            for x in s.rows:
                cells = [x.name, x.unit, x.baseline, x.target, x.latest, x.progress, x.time,
                         x.verdict_label, x.growth_label, x.department]
                out.append("<tr>" + "".join(
                    f'<td class="num" align="right" {CELL}>{_e(c)}</td>' if i in numeric
                    else f"<td {CELL}>{_e(c)}</td>"
                    for i, c in enumerate(cells)) + "</tr>")
            out.append("</tbody></table>")
        if s.lagging:
            out += [f'<p class="lead"><b>{_e(h["lagging_head"])}</b></p>', "<ul>",
                    *(f"<li>{_e(x)}</li>" for x in s.lagging), "</ul>"]
    if r.legend:
        out.append(f'<p class="note">{_e(r.legend)}</p>')
    out += [f"<h2>{_e(h['s3'])}</h2>", f"<p>{_e(r.problems_lead)}</p>"]
    for d in r.problems:
        out += [f"<h3>{_e(d.name)}</h3>", "<ul>"]
        for p in d.problems:
            where = t("problem_place", r.lang, district=p.district)
            out.append(f"<li>{_e(p.name + where + p.reasons)}</li>")
        out.append("</ul>")
    out.append(f"<h2>{_e(h['s4'])}</h2>")
    for head, items in ((h["flagged_head"], r.flagged), (h["doubtful_head"], r.doubtful),
                        (h["quality_head"], r.quality)):
        out += [f"<h3>{_e(head)}</h3>", "<ul>", *(f"<li>{_e(x)}</li>" for x in items),
                "</ul>"]
    out.append("</body></html>")
    return "\n".join(out)


def write(r: Review, path: Path) -> None:
    path.write_text(render(r), encoding="utf-8")
