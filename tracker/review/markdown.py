"""The review report as Markdown: for a wiki, a mail or a diff between two rounds."""

from __future__ import annotations

from pathlib import Path

from tracker.i18n.review import t
from tracker.review.content import Review


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or " "


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(_cell(h) for h in header) + " |",
            "|" + "|".join("---" for _ in header) + "|",
            *("| " + " | ".join(_cell(c) for c in r) + " |" for r in rows)]


def render(r: Review) -> str:
    h = r.headings
    out = [f"# {r.title}", "", "  \n".join(r.meta), "",
           f"## {h['s1']}", "", *(p + "\n" for p in r.overall),
           f"### {h['chart']}", "",
           *_table([h["district_col"], *r.chart_head],
                   [[c.name, *(f"{label} {n}"
                               for label, n in zip(r.chart_head, c.counts.values(),
                                                   strict=True))]
                    for c in r.chart]),
           "", h["chart_note"], "", f"## {h['s2']}", ""]
    for s in r.sections:
        out += [f"### {s.name}", "", s.sentence, ""]
        if s.rows:
            out += _table(r.columns, [[x.name, x.unit, x.baseline, x.target, x.latest,
                                       x.progress, x.time, x.verdict_label, x.growth_label,
                                       x.department] for x in s.rows])
            out.append("")
        if s.lagging:
            out += [f"**{h['lagging_head']}**", "", *(f"- {x}" for x in s.lagging), ""]
    if r.legend:
        out += [r.legend, ""]
    out += [f"## {h['s3']}", "", r.problems_lead, ""]
    for d in r.problems:
        out += [f"**{d.name}**", "",
                *(f"- {p.name}{t('problem_place', r.lang, district=p.district)}{p.reasons}"
                  for p in d.problems), ""]
    out += [f"## {h['s4']}", ""]
    for head, items in ((h["flagged_head"], r.flagged), (h["doubtful_head"], r.doubtful),
                        (h["quality_head"], r.quality)):
        out += [f"### {head}", "", *(f"- {x}" for x in items), ""]
    return "\n".join(out)


def write(r: Review, path: Path) -> None:
    path.write_text(render(r), encoding="utf-8")
