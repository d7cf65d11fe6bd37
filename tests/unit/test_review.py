"""The mid-term review report: what each format says agrees with `tracker status`, names
every lagging indicator and who answers for it, notes every flagged figure, and a bad
request writes nothing."""

from __future__ import annotations

import json
import os
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.review_sample import fill
from tracker.i18n.review import counted
from tracker.i18n.verdicts import verdict_label
from tracker.models import IndicatorState, Measurement
from tracker.progress import MONITORING, SCHEDULE_VERDICTS, TO_BE_SET, UNJUDGED
from tracker.review.content import lag_sentence
from tracker.store import Store

SECTIONS_ZH = ["一、总体进展", "二、分领域进展", "三、存在的问题", "四、数据说明"]
SECTIONS_EN = ["1. Overall progress", "2. Progress by district", "3. Problems",
               "4. Notes on the data"]


@pytest.fixture
def sample(db_path: Path) -> Path:
    with Store(db_path, actor="tester") as s:
        fill(s)
    return db_path


def status_json(run, db: Path) -> list[dict]:
    out = run("--db", str(db), "status", "--format", "json")
    assert out.exit_code == 0
    return json.loads(out.output)


def expected_sentence(rows: list[dict], lang: str = "zh") -> str:
    """The counts sentence's first clause, from the status command's own counts."""
    counts = Counter(r["schedule_verdict"] for r in rows)
    sep = "，" if lang == "zh" else ", "
    parts = sep.join(counted(v, counts[v], lang) for v in (*SCHEDULE_VERDICTS, MONITORING, TO_BE_SET)
                     if counts[v])
    if lang == "zh":
        return f"纳入监测的{len(rows)}项指标中，{parts}"
    return f"Of the {len(rows)} indicators monitored, {parts}."


def make(run, db: Path, out: Path, *extra: str) -> None:
    result = run("--db", str(db), "review", "--output", str(out), *extra)
    assert result.exit_code == 0, result.output
    assert out.is_file()


def docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def after(paragraphs: list[str], heading: str, until: str | None) -> str:
    """The text of one section: from its heading to the next one."""
    start = paragraphs.index(heading)
    end = paragraphs.index(until) if until else len(paragraphs)
    return "\n".join(paragraphs[start:end])


def test_word_report_sections_counts_and_fonts(run, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.docx"
    make(run, sample, out)
    rows = status_json(run, sample)
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS_ZH
    assert doc.paragraphs[0].text == "凯里市“五新建设”规划实施中期评估"
    text = docx_text(doc)
    assert expected_sentence(rows) in text
    binding = [r for r in rows if r["attribute"] == "binding"]
    assert f"约束性指标{len(binding)}项" in text
    growth = Counter(r["growth_verdict"] for r in rows)
    assert f"出现倒退{growth['deterioration']}项" in text

    paragraphs = [p.text for p in doc.paragraphs]
    districts = after(paragraphs, SECTIONS_ZH[1], SECTIONS_ZH[2])
    problems = after(paragraphs, SECTIONS_ZH[2], SECTIONS_ZH[3])
    lagging = [r for r in rows if r["schedule_verdict"] == "lagging"]
    assert len(lagging) >= 3
    for r in lagging:
        assert f"{r['name_zh']}滞后：" in districts
        assert f"责任单位：{r['department']}。" in districts
        assert r["name_zh"] in problems and r["department"] in problems
    # every run names an East Asian font, so Word shows 宋体/黑体 and not a fallback
    runs = list(doc.element.body.iter(qn("w:r")))
    assert runs
    for r in runs:
        fonts = r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")) in ("宋体", "黑体"), r.xml
    # one table per district with indicators, plus the chart; each repeats its header row
    assert len(doc.tables) == 1 + len({r["district"] for r in rows})
    for table in doc.tables:
        assert table.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
    section = doc.sections[0]
    assert section.page_width < section.page_height  # portrait
    assert abs(section.page_width.cm - 21.0) < 0.01


def test_word_chart_gives_each_verdict_in_words(run, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.docx"
    make(run, sample, out)
    rows = status_json(run, sample)
    chart = Document(str(out)).tables[0]
    counts = Counter(r["schedule_verdict"] for r in rows)
    # every verdict, then a column for rows not judged (monitored, target to be set) if any
    codes = [*SCHEDULE_VERDICTS, *(v for v in UNJUDGED if counts[v])]
    assert counts[TO_BE_SET], "the sample leaves some targets to be set"
    labels = [verdict_label(v, "zh") for v in codes]
    assert [c.text for c in chart.rows[0].cells][1:] == labels
    total = chart.rows[-1].cells
    for cell, v, label in zip(total[1:], codes, labels, strict=True):
        assert cell.text == f"{label} {counts[v]}"
        shaded = cell._tc.find(qn("w:tcPr") + "/" + qn("w:shd")) is not None
        assert shaded == bool(counts[v])
    # every row of the plan is in the chart
    assert sum(int(c.text.rsplit(" ", 1)[1]) for c in total[1:]) == len(rows)


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.h2: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.links += [v for k, v in attrs if k in ("src", "href")]

    def handle_endtag(self, tag: str) -> None:
        self.tags.pop()

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] == "h2":
            self.h2.append(data)
        self.text.append(data)


def test_html_report_agrees_with_status(run, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    make(run, sample, out)
    rows = status_json(run, sample)
    source = out.read_text(encoding="utf-8")
    page = _Html()
    page.feed(source)
    assert page.h2 == SECTIONS_ZH
    text = "".join(page.text)
    assert expected_sentence(rows) in text
    for r in rows:
        if r["schedule_verdict"] == "lagging":
            assert f"{r['name_zh']}滞后：" in text and r["department"] in text
    # one file: nothing fetched from elsewhere, print rules for A4
    assert page.links == []
    assert "size: A4 portrait" in source
    assert 'class="v-lagging"' in source


def test_every_flagged_figure_is_in_the_data_notes(run, sample: Path, tmp_path: Path) -> None:
    with Store(sample, actor="tester") as s:
        flagged = [s.achievement(aid) for aid in s.flags()]
    assert flagged
    for name in ("review.docx", "review.html", "review.md"):
        out = tmp_path / name
        make(run, sample, out)
        if name.endswith("docx"):
            paragraphs = [p.text for p in Document(str(out)).paragraphs]
            notes = after(paragraphs, SECTIONS_ZH[3], None)
        else:
            text = out.read_text(encoding="utf-8")
            notes = text[text.index(SECTIONS_ZH[3]):]
        for a in flagged:
            assert a.title_zh in notes and a.source_quote in notes
        # each reason says whether the figure cannot be right or is to check
        assert "[不可能成立]" in notes and "[需核实]" in notes


def test_markdown_report_has_the_same_sections(run, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    make(run, sample, out)
    rows = status_json(run, sample)
    text = out.read_text(encoding="utf-8")
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == SECTIONS_ZH
    assert expected_sentence(rows) in text
    for r in rows:
        if r["schedule_verdict"] == "lagging":
            assert f"{r['name_zh']}滞后：" in text and r["department"] in text


def test_english_report_is_written_for_english_readers(run, sample: Path,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "review.docx"
    make(run, sample, out, "--lang", "en", "--title", "Kaili mid-term review")
    rows = status_json(run, sample)
    doc = Document(str(out))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == SECTIONS_EN
    assert doc.paragraphs[0].text == "Kaili mid-term review"
    text = docx_text(doc)
    assert expected_sentence(rows, "en") in text
    with Store(sample, actor="tester") as s:
        english = s.department_names()
    lagging = [r for r in rows if r["schedule_verdict"] == "lagging"]
    assert lagging
    for r in lagging:
        assert f"{r['name_en']} is lagging:" in text
        # the department by its English name; the status json keeps the Chinese key
        assert english[r["department"]] != r["department"]
        assert f"Responsible: {english[r['department']]}." in text
    assert not any("一、" in p for p in text.splitlines())
    page_file = tmp_path / "review.html"
    make(run, sample, page_file, "--lang", "en")
    page = _Html()
    page.feed(page_file.read_text(encoding="utf-8"))
    assert page.h2 == SECTIONS_EN
    assert expected_sentence(rows, "en") in "".join(page.text)


def test_review_year_sets_later_values_aside_and_finds_overdue(
        run, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    make(run, sample, out, "--as-of", "2022")
    text = out.read_text(encoding="utf-8")
    assert "评估年份：2022" in text
    # 2023's 13 firms are set aside: the 2022 reading has no value for them yet
    assert "13 (2023)" not in text
    problems = text[text.index(SECTIONS_ZH[2]):text.index(SECTIONS_ZH[3])]
    # each year owed after the baseline year is named, as `tracker status` names them at
    # the review year: the expressway (base 2021) owes 2022; the key sour-soup firms (a
    # 十三五 figure, base 2020) owe 2021 and 2022, their 2023 value being set aside
    assert "境内高速公路里程（开放新区）：2022年数据逾期未报" in problems
    assert "市交通运输局" in problems
    assert "培育名录）（产业新区）：2021、2022年数据逾期未报" in problems


def test_the_saved_review_year_is_the_reports(run, sample: Path, tmp_path: Path) -> None:
    with Store(sample, actor="tester") as s:
        s.set_review_year(2022)
    out = tmp_path / "review.md"
    make(run, sample, out)
    text = out.read_text(encoding="utf-8")
    assert "评估年份：2022" in text and "13 (2023)" not in text


def test_report_from_a_snapshot_reads_it_as_it_was(run, sample: Path, tmp_path: Path) -> None:
    before = status_json(run, sample)
    taken = run("--db", str(sample), "snapshot", "take", "--label", "中期评估")
    assert taken.exit_code == 0
    with Store(sample, actor="tester") as s:
        s.add_measurement(Measurement(indicator="culture-embroidery-inheritors", year=2024,
                                      value=120))
        sid = s.snapshots()[-1].id
        digest = s.snapshots()[-1].content_hash
    assert status_json(run, sample) != before
    out = tmp_path / "review.md"
    make(run, sample, out, "--snapshot", str(sid))
    text = out.read_text(encoding="utf-8")
    assert f"快照 #{sid}「中期评估」" in text and digest[:12] in text
    assert expected_sentence(before) in text


def test_a_lagging_sentence_uses_projections_when_the_verdict_has_them() -> None:
    plain = IndicatorState.model_validate({
        "indicator": {"id": "jobs", "district": "wellbeing", "name_zh": "就业",
                      "name_en": "Jobs", "unit": "万人", "baseline_value": 10,
                      "baseline_year": 2020, "target_value": 20, "target_year": 2025,
                      "department": "市人社局"},
        "latest": {"year": 2023, "value": 14}, "progress_share": 0.4, "time_share": 0.6,
        "schedule_verdict": "lagging"})
    projected = plain.model_copy(update={"projected_value": 17.5,
                                         "required_rate_remaining": 0.1952})
    assert lag_sentence(plain, "就业", "zh") == (
        "就业滞后：进度40%，时间已过60%；目标为2025年达到20万人，最新为2023年14万人。"
        "责任单位：市人社局。")
    assert lag_sentence(projected, "就业", "zh") == (
        "就业滞后：进度40%，时间已过60%；按目前增速预计2025年达到17.5万人，"
        "剩余2年需年均增长19.5%方能实现目标。责任单位：市人社局。")
    assert lag_sentence(projected, "Jobs", "en") == (
        "Jobs is lagging: 40% of the way to its target with 60% of the period gone. "
        "At its pace so far it would reach 17.5 万人 by 2025. Meeting the target needs "
        "19.5% growth a year over the remaining 2 years. Responsible: 市人社局.")
    # in the plan's last year, the growth needed is that one year's
    last_year = projected.model_copy(update={"latest": projected.latest.model_copy(
        update={"year": 2024})})
    assert "剩余1年需增长19.5%方能实现目标" in lag_sentence(last_year, "就业", "zh")
    assert ("Meeting the target needs 19.5% growth in the one year left."
            in lag_sentence(last_year, "Jobs", "en"))
    # the department by its English name where one is known, in English only
    names = {"市人社局": "City Bureau of Human Resources and Social Security"}
    assert lag_sentence(plain, "Jobs", "en", None, names).endswith(
        "Responsible: City Bureau of Human Resources and Social Security.")
    assert lag_sentence(plain, "就业", "zh", None, names).endswith("责任单位：市人社局。")
    # the same, when the projections come with the verdict's results, not the state
    assert lag_sentence(plain, "就业", "zh", {"projected_value": 17.5,
                                              "required_rate_remaining": 0.1952}) == \
        lag_sentence(projected, "就业", "zh")
    backwards = plain.model_copy(update={"progress_share": -0.25,
                                         "latest": plain.latest.model_copy(
                                             update={"value": 7.5})})
    assert lag_sentence(backwards, "就业", "zh").startswith(
        "就业滞后：较基期不进反退（进度-25%），时间已过60%；")
    assert lag_sentence(backwards, "Jobs", "en").startswith(
        "Jobs is lagging: it has moved away from its target since the baseline "
        "(progress -25%) with 60% of the period gone.")


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["--output", "{tmp}/review.pdf"], "无法从文件名", "cannot tell the report's format"),
    (["--output", "{tmp}/missing/review.docx"], "文件夹不存在", "the folder does not exist"),
    (["--output", "{tmp}/review.docx", "--snapshot", "99"], "没有编号为 99 的快照",
     "no snapshot with id 99"),
    (["--output", "{tmp}/review.docx", "--as-of", "2031"], "评估年份 2031 不在规划期内",
     "review year 2031 is outside the plan"),
    (["--output", "{tmp}/review.html", "--as-of", "2030x"], "不是有效年份", "not a year"),
])
def test_bad_requests_say_one_line_and_write_nothing(
        run, sample: Path, tmp_path: Path, args: list[str], zh: str, en: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    argv = [a.replace("{tmp}", str(folder)) for a in args]
    for lang, words in (("zh", zh), ("en", en)):
        result = run("--db", str(sample), "--lang", lang, "review", *argv)
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], result.output
        assert "Traceback" not in result.output
    assert os.listdir(folder) == []


def test_an_existing_file_is_kept_without_force(run, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    out.write_text("the planner's own draft", encoding="utf-8")
    result = run("--db", str(sample), "review", "--output", str(out))
    assert result.exit_code == 1
    assert "--force" in result.output and len(result.output.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "the planner's own draft"
    assert sorted(os.listdir(tmp_path)) == sorted(["review.md", "plan.db", *(
        p.name for p in tmp_path.iterdir() if p.name.startswith("plan.db-") or p.name == "xdg")])
    make(run, sample, out, "--force")
    assert out.read_text(encoding="utf-8").startswith("# 凯里市")


def test_a_monitored_indicator_is_counted_in_the_report(run, sample: Path,
                                                         tmp_path: Path) -> None:
    """A monitor row (保持在合理区间) has no verdict of its own; the report counts it as
    monitored in every counts sentence instead of stopping with a traceback."""
    for args in (("target", "set", "industry-gdp-growth", "--type", "monitor", "--year", "2025"),
                 ("measure", "add", "industry-gdp-growth", "--year", "2023", "--value", "5.2")):
        assert run("--db", str(sample), *args).exit_code == 0
    rows = status_json(run, sample)
    assert sum(r["schedule_verdict"] == "monitoring" for r in rows) == 1
    make(run, sample, tmp_path / "r.md")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "1项仅作监测" in text
    assert "仅作监测1项" in text  # the growth-rate reading
    assert "产业新区纳入监测指标7项" in text and "1项仅作监测" in text.split("### 产业新区")[1]
    make(run, sample, tmp_path / "r.docx", "--lang", "en")
    words = docx_text(Document(str(tmp_path / "r.docx")))
    assert "1 is monitored without a target" in words


def test_each_kind_of_row_reads_in_the_report_as_the_plan_table_prints_it(
        run, sample: Path, tmp_path: Path) -> None:
    """A growth-rate target is 年均增长 7%, not a bare 7; a milestone's target is its year
    and its latest its state; a cumulative row's latest is its total so far, the figure
    its progress is read from; and a lagging milestone says when it is due, not
    "进度—，时间已过—"."""
    db = str(sample)
    for args in (
        ("target", "set", "culture-tourism-revenue-growth", "--type", "growth_rate",
         "--values-as", "rate", "--baseline-value", "100", "--baseline-year", "2020",
         "--value", "7", "--year", "2025"),
        ("measure", "add", "culture-tourism-revenue-growth", "--year", "2021", "--value", "3"),
        ("target", "set", "industry-haisheng-glass", "--type", "milestone", "--year", "2022"),
        ("milestone", "set", "industry-haisheng-glass", "--state", "in_progress"),
    ):
        assert run("--db", db, *args).exit_code == 0
    make(run, sample, tmp_path / "r.md")
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ")
            for line in (tmp_path / "r.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ")}
    assert rows["旅游综合收入年均增长"][3] == "年均增长 7% (2025)"
    assert rows["海生玻璃项目建成投产"][3:5] == ["2022", "推进中"]
    jobs = rows["城镇新增就业（五年累计）"]
    assert jobs[2].startswith("—") and jobs[4] == "累计 2.2 / 5" and jobs[5] == "44%"
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "海生玻璃项目建成投产滞后：目标为2022年完成，目前推进中。责任单位：" in text
    assert "进度—" not in text
    make(run, sample, tmp_path / "r.docx", "--lang", "en")
    words = docx_text(Document(str(tmp_path / "r.docx")))
    assert "Haisheng glass project completed and in production is lagging: due by 2022, " \
           "now in progress. Responsible:" in words
    assert "7% a year (2025)" in words
