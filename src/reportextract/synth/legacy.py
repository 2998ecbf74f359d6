"""Synthetic pre-2019 reports: a body's 政府信息公开情况统计表 year after year, with exact truth.

A series is one body's reports for a run of years under one form of the statistics table
(the 2011 or the 2014 form of spec/legacy-codes.md), its 历年累计 carried from year to
year, and what real reports do to it: the cumulative count restarted one year, a row
printed in one column only, a total that is not the sum of its channels. Each report is
rendered as crawled page text — columns spaced (``txt``) or glued together with the next
row's numbering (``glued``) —, an HTML page with the table, a Word file, or a PDF (the
Word file through LibreOffice). Its truth lists the cells as printed, the cells not
printed, the figures the text states and the rule instances that fail, in the report and
against the body's report of the year before (legacy.cumulative), computed here from the
printed values, apart from the extractor's rules.

    python -m reportextract.synth OUT --legacy 2012-2016 --formats txt,glued,html,docx,pdf
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .names import Issuer, random_issuer
from .render_docx import normalize_zip

LEGACY_FORMATS = ("txt", "glued", "html", "docx", "pdf")
_SUFFIX = {"txt": ".txt", "glued": "-glued.txt", "html": ".html", "docx": ".docx", "pdf": ".pdf"}
_FILE_FORMAT = {"glued": "txt"}
COLUMNS = ("year", "cumulative")


@dataclass(frozen=True, slots=True)
class FormRow:
    code: str
    label: str  # as printed, numbering included
    unit: str
    total: str | None = None  # the total row it is a part of
    first_part: bool = False  # the first part row prints 其中：


def _rows(spec: list[tuple[str, str, str, str | None]]) -> tuple[FormRow, ...]:
    out: list[FormRow] = []
    for code, label, unit, total in spec:
        first = total is not None and (not out or out[-1].total != total)
        out.append(FormRow(code, label, unit, total, first))
    return tuple(out)


FORMS: dict[str, tuple[FormRow, ...]] = {
    "2011": _rows(
        [
            ("proactive.items", "主动公开信息数", "条", None),
            ("proactive.website", "1.网站公开", "条", "proactive.items"),
            ("proactive.gazette", "2.政府公报公开", "条", "proactive.items"),
            ("requests.received", "受理依申请公开信息总数", "条", None),
            ("requests.in_person", "1.当面申请数", "条", "requests.received"),
            ("requests.fax", "2.传真申请数", "条", "requests.received"),
            ("requests.email", "3.电子邮件申请数", "条", "requests.received"),
            ("requests.online", "4.网上申请数", "条", "requests.received"),
            ("requests.letter", "5.信函申请数", "条", "requests.received"),
            ("requests.other_channel", "6.其它形式申请数", "条", "requests.received"),
            ("requests.answered", "对申请的答复数", "条", None),
            ("requests.granted", "1.同意公开答复数", "条", "requests.answered"),
            ("requests.partially_granted", "2.同意部分公开答复数", "条", "requests.answered"),
            ("requests.denied", "3.否决公开答复数", "条", "requests.answered"),
            ("review.cases", "行政复议数", "件", None),
            ("litigation.cases", "行政诉讼数", "件", None),
            ("complaints.cases", "行政申诉数", "件", None),
        ]
    ),
    "2014": _rows(
        [
            ("proactive.items", "主动公开文件数", "条", None),
            ("proactive.website", "1、政府网站公开数", "条", "proactive.items"),
            ("proactive.gazette", "2、政府公报公开数", "条", "proactive.items"),
            ("requests.received", "受理依申请公开信息总数", "条", None),
            ("requests.in_person", "1、当面申请数", "条", "requests.received"),
            ("requests.online", "2、网上申请数", "条", "requests.received"),
            ("requests.letter_fax", "3、信函、传真申请数", "条", "requests.received"),
            ("requests.answered", "对申请的答复总数", "条", None),
            ("requests.granted", "1、同意公开答复数", "条", "requests.answered"),
            ("requests.partially_granted", "2、同意部分公开答复数", "条", "requests.answered"),
            ("requests.denied", "3、不予公开答复数", "条", "requests.answered"),
            ("requests.other_answer", "4、其他类型答复数", "条", "requests.answered"),
            ("fees.waived", "政府信息公开收费减免金额", "元", None),
            ("complaints.cases", "接受行政诉讼、举报数", "件", None),
            ("review.cases", "行政复议数", "件", None),
            ("litigation.cases", "行政诉讼数", "件", None),
        ]
    ),
}
FAULTS = ("restart", "printed_once", "broken_total")


@dataclass(slots=True)
class LegacyReport:
    """One year's report of a series: the values printed per (row, column), None where a
    cell is left empty."""

    issuer: Issuer
    year: int
    form: str
    printed: dict[tuple[str, str], int | None]
    published: dt.date
    faults: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.issuer.title_name}{self.year}年政府信息公开工作年度报告"

    def value(self, row: str, column: str) -> int | None:
        return self.printed.get((row, column))


@dataclass(slots=True)
class LegacySeries:
    stem: str
    issuer: Issuer
    form: str
    reports: list[LegacyReport]
    faults: dict[str, int]  # fault → the year it is in


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` as ``parts`` non-negative counts, most in the first ones."""
    out = [0] * parts
    for _ in range(total):
        out[min(int(rng.expovariate(1.2)), parts - 1)] += 1
    return out


def _year_values(rng: random.Random, form: tuple[FormRow, ...]) -> dict[str, int]:
    codes = {row.code for row in form}
    items = rng.randint(40, 3200)
    gazette = rng.choice((0, 0, rng.randint(1, 15)))
    values = {"proactive.items": items, "proactive.website": items - gazette}
    values["proactive.gazette"] = gazette
    received = rng.choice((0, 0, rng.randint(1, 9), rng.randint(10, 40)))
    channels = [row.code for row in form if row.total == "requests.received"]
    values["requests.received"] = received
    values.update(zip(channels, _split(rng, received, len(channels)), strict=True))
    answers = [row.code for row in form if row.total == "requests.answered"]
    values["requests.answered"] = received
    values.update(zip(answers, _split(rng, received, len(answers)), strict=True))
    for code in ("review.cases", "litigation.cases", "complaints.cases", "fees.waived"):
        values[code] = rng.choice((0, 0, 0, 0, rng.randint(1, 3))) if code != "fees.waived" else 0
    return {code: value for code, value in values.items() if code in codes}


def build_series(
    seed: int | str, first: int, last: int, index: int = 0, form: str | None = None
) -> LegacySeries:
    """One body's reports for the years ``first``…``last`` (at least four: a first year,
    then one for each fault)."""
    rng = random.Random(f"legacy-{seed}-{index}")
    chosen = form or ("2011" if first < 2014 and rng.random() < 0.5 else "2014")
    rows = FORMS[chosen]
    issuer = random_issuer(rng, rng.choice(("county", "district")))
    years = list(range(first, last + 1))
    if len(years) < 4:
        raise ValueError("a legacy series needs at least four years (a first, and one per fault)")
    # the row printed once comes before the restart, so that its 历年累计 differs from
    # its 本年度 (a number equal in both columns fits either)
    fault_years = sorted(rng.sample(years[1:], 3))
    order = ("printed_once", *rng.sample(("restart", "broken_total"), 2))
    faults = dict(zip(order, fault_years, strict=True))
    base = {
        row.code: rng.randint(1, 4000) if row.code.startswith("proactive") else 0 for row in rows
    }
    base["proactive.items"] = base["proactive.website"] + base.get("proactive.gazette", 0)
    cumulative = dict(base)
    reports: list[LegacyReport] = []
    for year in years:
        values = _year_values(rng, rows)
        here = [name for name, at in faults.items() if at == year]
        if "printed_once" in here and not values["proactive.gazette"]:
            # a number the channels' sum places (a 0 printed once fits either column)
            values["proactive.gazette"] = rng.randint(1, 15)
            values["proactive.website"] = values["proactive.items"] - values["proactive.gazette"]
        if "restart" in here:  # the cumulative count of the proactive rows starts again
            for code in list(cumulative):
                if code.startswith("proactive"):
                    cumulative[code] = 0
        if "broken_total" in here:  # 主动公开信息数 is not the sum of its channels
            values["proactive.items"] += rng.choice((-1, 1)) * rng.randint(3, 60)
            values["proactive.items"] = max(values["proactive.items"], 1)
        for code, value in values.items():
            cumulative[code] = cumulative.get(code, 0) + value
        printed: dict[tuple[str, str], int | None] = {}
        for code, value in values.items():
            printed[(code, "year")] = value
            printed[(code, "cumulative")] = cumulative[code]
        if "printed_once" in here:  # the gazette's 历年累计 left empty
            printed[("proactive.gazette", "cumulative")] = None
        published = dt.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
        reports.append(LegacyReport(issuer, year, chosen, printed, published, here))
    stem = f"synth-legacy-{seed}-{index:02d}"
    return LegacySeries(stem, issuer, chosen, reports, faults)


# ---------------------------------------------------------------- the text of a report


def _statements(report: LegacyReport) -> list[tuple[str, int, str, str]]:
    """(metric, value, unit, sentence) the narrative states."""
    we = report.issuer.we
    items = report.value("proactive.items", "year") or 0
    received = report.value("requests.received", "year") or 0
    review = report.value("review.cases", "year") or 0
    litigation = report.value("litigation.cases", "year") or 0
    out = [
        (
            "proactive.items",
            items,
            "条",
            f"{report.year}年，{we}主动公开政府信息{items}条，主要通过政府门户网站公开。",
        )
    ]
    if received:
        out.append(
            (
                "requests.received",
                received,
                "件",
                f"全年共受理政府信息公开申请{received}件，均已按期答复。",
            )
        )
    else:
        out.append(("requests.received", 0, "件", "全年未收到政府信息公开申请。"))
    if review or litigation:
        out.append(
            (
                "review.cases",
                review,
                "件",
                f"因政府信息公开申请提起行政复议{review}件、行政诉讼{litigation}件。",
            )
        )
        out.append(("litigation.cases", litigation, "件", ""))
    else:
        out.append(
            ("review.cases", 0, "件", "全年未发生因政府信息公开申请提起行政复议、行政诉讼的情况。")
        )
        out.append(("litigation.cases", 0, "件", ""))
    return out


def _sections(report: LegacyReport) -> list[tuple[str, str]]:
    """(heading, paragraph) of the narrative, the table's heading last."""
    said = {metric: sentence for metric, _, _, sentence in _statements(report) if sentence}
    issuer = report.issuer
    return [
        (
            "",
            f"根据《中华人民共和国政府信息公开条例》要求，特向社会公布{report.year}年度"
            f"{issuer.title_name}政府信息公开年度报告。本报告由概述、主动公开政府信息情况、"
            "政府信息依申请公开情况、存在的主要问题及改进措施和政府信息公开情况统计表组成。"
            f"如对本报告有任何疑问，请与{issuer.office}联系（地址：{issuer.address}；"
            f"邮编：{issuer.postcode}；电话：{issuer.phone}）。",
        ),
        (
            "一、概述",
            f"{report.year}年，{issuer.we}认真贯彻落实《条例》，不断完善工作机制，拓展公开渠道。",
        ),
        ("二、主动公开政府信息情况", said["proactive.items"]),
        ("三、政府信息依申请公开情况", said["requests.received"] + said["review.cases"]),
        (
            "四、存在的主要问题及改进措施",
            "主动公开的深度和广度有待加强，下一步将进一步规范公开行为。",
        ),
        ("五、政府信息公开情况统计表", ""),
    ]


def _table_rows(report: LegacyReport) -> list[tuple[FormRow, str, str]]:
    """Each row of the table with its two cells as printed ('' where empty)."""
    out = []
    for row in FORMS[report.form]:
        cells = [report.value(row.code, column) for column in COLUMNS]
        out.append((row, *("" if value is None else str(value) for value in cells)))
    return out  # type: ignore[return-value]


def render_text(report: LegacyReport, glued: bool) -> str:
    """The page as a crawler writes it: a header block, then the page's text on one line —
    the table's cells separated by spaces, or glued."""
    sep = "" if glued else " "
    cells = ["指标名称", "计量单位", f"{report.year}年度", "历年累计"]
    for row, year, cumulative in _table_rows(report):
        label = ("其中：" if row.first_part else "") + row.label
        cells += [label, row.unit, *(text for text in (year, cumulative) if text)]
    body = " ".join(
        part for heading, paragraph in _sections(report) for part in (heading, paragraph) if part
    )
    issuer = report.issuer
    header = (
        f"标题: {report.title}\n发布时间: {report.published.isoformat()} 00:00\n文号: \n"
        f"发布机构: {issuer.office}\n栏目: 政府信息公开年报\n"
        f"原文链接: https://{issuer.domain}/zwgk/ndbg/{report.year + 1}/\n"
        "==================== 正文 ====================\n"
    )
    return f"{header}{report.title} {body} {sep.join(cells)}\n"


def render_html(report: LegacyReport) -> str:
    """A web page with the table: 其中 a cell spanning the rows of its parts, the labels of
    the other rows spanning both label columns."""
    e = html.escape
    parts: list[str] = [
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(report.title)}</title>'
        '</head><body><div class="article">',
        f"<h1>{e(report.title)}</h1>",
    ]
    for heading, paragraph in _sections(report):
        if heading:
            parts.append(f"<p><strong>{e(heading)}</strong></p>")
        if paragraph:
            parts.append(f"<p>{e(paragraph)}</p>")
    parts.append(
        '<table border="1" cellspacing="0"><tr><td colspan="2">指标名称</td><td>计量单位</td>'
        f"<td>{report.year}年度</td><td>历年累计</td></tr>"
    )
    rows = _table_rows(report)
    for position, (row, year, cumulative) in enumerate(rows):
        if row.total is None:
            label = f'<td colspan="2">{e(row.label)}</td>'
        elif row.first_part:
            span = sum(1 for other, _, _ in rows[position:] if other.total == row.total)
            label = f'<td rowspan="{span}">其中：</td><td>{e(row.label)}</td>'
        else:
            label = f"<td>{e(row.label)}</td>"
        parts.append(f"<tr>{label}<td>{row.unit}</td><td>{year}</td><td>{cumulative}</td></tr>")
    parts.append(f"</table><p>{e(report.issuer.office)}</p></div></body></html>")
    return "\n".join(parts)


def render_docx(report: LegacyReport) -> bytes:
    """A Word file with the same table (merged cells as in the HTML page)."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    document.add_paragraph(report.title)
    for heading, paragraph in _sections(report):
        for text in (heading, paragraph):
            if text:
                document.add_paragraph(text)
    rows = _table_rows(report)
    table = document.add_table(rows=len(rows) + 1, cols=5)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].merge(header[1]).text = "指标名称"
    for cell, text in zip(header[2:], ("计量单位", f"{report.year}年度", "历年累计"), strict=True):
        cell.text = text
    for position, (row, year, cumulative) in enumerate(rows, start=1):
        cells = table.rows[position].cells
        if row.total is None:
            cells[0].merge(cells[1]).text = row.label
        else:
            cells[1].text = row.label
            if row.first_part:
                span = sum(1 for other, _, _ in rows[position - 1 :] if other.total == row.total)
                cells[0].merge(table.rows[position + span - 1].cells[0]).text = "其中："
        for cell, text in zip(cells[2:], (row.unit, year, cumulative), strict=True):
            cell.text = text
    document.add_paragraph(report.issuer.office)
    document.core_properties.created = dt.datetime(report.year + 1, 1, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


# ---------------------------------------------------------------- truth


def broken_checks(report: LegacyReport, previous: LegacyReport | None) -> list[dict[str, str]]:
    """The rule instances that fail on the printed values (spec/legacy-codes.md): a total
    against the parts it prints, 历年累计 ≥ 本年度, and 历年累计 = last year's + this year's."""
    broken: set[tuple[str, str]] = set()
    rows = FORMS[report.form]
    for total in {row.total for row in rows if row.total}:
        for column in COLUMNS:
            printed = report.value(total, column)
            parts = [report.value(r.code, column) for r in rows if r.total == total]
            present = [value for value in parts if value is not None]
            if printed is not None and present and printed != sum(present):
                broken.add(("legacy.sum", total))
    for row in rows:
        year, cumulative = report.value(row.code, "year"), report.value(row.code, "cumulative")
        if year is not None and cumulative is not None and cumulative < year:
            broken.add(("legacy.cumulative_year", row.code))
        before = previous.value(row.code, "cumulative") if previous else None
        if None not in (year, cumulative, before) and cumulative != before + year:  # type: ignore[operator]
            broken.add(("legacy.cumulative", row.code))
    return [{"table": "legacy", "rule": rule, "scope": scope} for rule, scope in sorted(broken)]


def build_truth(
    report: LegacyReport, previous: LegacyReport | None, file_name: str, fmt: str
) -> dict[str, Any]:
    cells = [
        {
            "table": "legacy",
            "row_code": row.code,
            "col_code": column,
            "value": int(text),
            "printed": text,
        }
        for row, year, cumulative in _table_rows(report)
        for column, text in zip(COLUMNS, (year, cumulative), strict=True)
        if text
    ]
    absent = [
        {
            "table": "legacy",
            "row_code": row.code,
            "col_code": column,
            "reason": "the cell is left empty (the row printed in one column only)",
        }
        for row, year, cumulative in _table_rows(report)
        for column, text in zip(COLUMNS, (year, cumulative), strict=True)
        if not text
    ]
    notes = {
        "restart": "the 历年累计 of the proactive rows starts again this year (legacy.cumulative)",
        "printed_once": "政府公报公开 prints its 本年度 only, its 历年累计 left empty",
        "broken_total": "主动公开信息数 is not the sum of its channels (legacy.sum)",
    }
    return {
        "id": Path(file_name).stem,
        "style": f"synth-legacy-{fmt}",
        "format": _FILE_FORMAT.get(fmt, fmt),
        "file": file_name,
        "issuer": report.issuer.title_name,
        "issuer_full": report.issuer.full,
        "year": report.year,
        "published": None,
        "doc_number": None,
        "template": "pre-2019",
        "title": report.title,
        "cells": cells,
        "figures": [
            {"metric": metric, "value": value, "unit": unit}
            for metric, value, unit, _ in _statements(report)
        ],
        "broken_checks": broken_checks(report, previous),
        "absent_cells": absent,
        "notes": " ".join(
            [
                f"Synthetic pre-2019 report, the {report.form} form of the 统计表.",
                *(notes[fault] + "." for fault in report.faults),
            ]
        ),
    }


def legacy_file_name(series: LegacySeries, report: LegacyReport, fmt: str) -> str:
    return f"{series.stem}-{report.year}{_SUFFIX[fmt]}"


def write_series(series: LegacySeries, out_dir: Path, formats: list[str]) -> list[Path]:
    """Render every report of a series in every format: documents in OUT/samples, truth
    in OUT/truth/<file name>.json."""
    samples, truth_dir = out_dir / "samples", out_dir / "truth"
    samples.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pdfs: list[tuple[Path, LegacyReport, LegacyReport | None]] = []
    previous: LegacyReport | None = None
    with tempfile.TemporaryDirectory(prefix="reportextract-legacy-") as scratch:
        for report in series.reports:
            for fmt in formats:
                name = legacy_file_name(series, report, fmt)
                path = samples / name
                if fmt in ("txt", "glued"):
                    path.write_text(render_text(report, glued=fmt == "glued"), encoding="utf-8")
                elif fmt == "html":
                    path.write_text(render_html(report), encoding="utf-8")
                elif fmt == "docx":
                    path.write_bytes(render_docx(report))
                else:
                    docx = Path(scratch) / (Path(name).stem + ".docx")
                    docx.write_bytes(render_docx(report))
                    pdfs.append((docx, report, previous))
                    continue
                written.append(path)
                _write_truth(build_truth(report, previous, name, fmt), truth_dir)
            previous = report
        if pdfs:
            from .convert import convert_docx_to_pdf, stabilize_pdf

            converted = convert_docx_to_pdf([docx for docx, _, _ in pdfs], Path(scratch) / "pdf")
            for docx, report, before in pdfs:
                name = docx.stem + ".pdf"
                stamp = dt.datetime(report.year + 1, 1, 1)
                data = stabilize_pdf(converted[docx].read_bytes(), stamp, name)
                (samples / name).write_bytes(data)
                written.append(samples / name)
                _write_truth(build_truth(report, before, name, "pdf"), truth_dir)
    return written


def _write_truth(truth: dict[str, Any], directory: Path) -> None:
    path = directory / f"{truth['file']}.json"
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
