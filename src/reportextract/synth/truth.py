"""The truth JSON of a synthetic document, in the schema of /work/shared/real/truth/*.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .presentation import printed_value
from .report import SynthReport
from .template import APPLICANT_COLS, OTHER_SPLIT_CODES, REQUESTS

SINGLE_OTHER_REASON = (
    "not printed: (六)其他处理 is a single undivided row in this report (stored as 'other')"
)


def _number(value: float | int) -> float | int:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def truth_cells(report: SynthReport) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = []
    for key in report.content.template_cells():
        printed = report.printed(key)
        value = report.values[key]
        if abs(printed_value(printed) - float(value)) > 1e-9:
            raise AssertionError(f"{report.stem}: {key} prints {printed!r} for value {value}")
        table, row, col = key
        cells.append(
            {
                "table": table,
                "row_code": row,
                "col_code": col,
                "value": _number(value),
                "printed": printed,
            }
        )
    return cells


def absent_cells(report: SynthReport) -> list[dict[str, str]]:
    if report.content.template != "2021" or not report.content.single_other_row:
        return []
    return [
        {"table": REQUESTS, "row_code": row, "col_code": col, "reason": SINGLE_OTHER_REASON}
        for row in OTHER_SPLIT_CODES
        for col in (*APPLICANT_COLS, "total")
    ]


def describe(report: SynthReport) -> list[str]:
    """What is special about the report, for the truth's notes."""
    content = report.content
    pres = report.presentation
    labels = pres.labels
    notes = [
        f"Synthetic report ({content.issuer.kind}, scale {content.issuer.scale}), template {content.template}."
    ]
    if content.source_id:
        notes.append(f"Tables, figures and metadata taken from the truth of {content.source_id}.")
    if content.template == "2021" and content.single_other_row:
        notes.append("表三 prints (六)其他处理 as ONE row (stored as 'other'; other.* absent).")
    if pres.blank_zero is not None:
        where = "in some rows" if pres.blank_zero_rows is not None else "everywhere"
        notes.append(f"Zero cells of 表三/表四 printed as {pres.blank_zero!r} {where} (value 0).")
    if pres.cell_notes:
        notes.append(
            "A note inside a 表二 cell: "
            + ", ".join(f"{k[1]}/{k[2]}" for k in pres.cell_notes)
            + "."
        )
    if pres.thousands:
        notes.append("Large table values printed with thousands separators.")
    variants = []
    if labels.typos:
        variants.append("typos " + "/".join(sorted(labels.typos)))
    if labels.traditional:
        variants.append("traditional characters in " + ", ".join(sorted(labels.traditional)))
    if labels.vertical_group:
        variants.append("三、本年度办理结果 one character per line")
    if labels.split_group:
        variants.append("三、本年度办理结果 printed twice")
    if not labels.paren_numbers or not labels.item_numbers:
        variants.append("numbering missing")
    if labels.short_partial:
        variants.append("short 部分公开 label")
    if labels.open == "(":
        variants.append("half-width brackets")
    if labels.item_sep != ".":
        variants.append(f"items numbered '1{labels.item_sep}'")
    if labels.breaks:
        variants.append("line breaks inside " + ", ".join(sorted(labels.breaks)))
    if variants:
        notes.append("Labels: " + "; ".join(variants) + ".")
    for fault in report.faults:
        notes.append(f"Deliberate error ({fault.kind}): {fault.description}.")
    if "proactive.items" in report.plan.texts:
        notes.append(
            f"proactive.items stated approximately as '{report.plan.texts['proactive.items']}'."
        )
    return notes


def build_truth(
    report: SynthReport,
    file_name: str,
    style: str,
    fmt: str,
    published_shown: bool,
    doc_number_shown: bool,
    format_notes: list[str] | None = None,
) -> dict[str, Any]:
    content = report.content
    return {
        "id": Path(file_name).stem,
        "style": style,
        "format": fmt,
        "file": file_name,
        "issuer": content.issuer.title_name,
        "issuer_full": content.issuer.full,
        "year": content.year,
        "published": content.published.isoformat() if published_shown else None,
        "doc_number": content.doc_number if doc_number_shown and content.doc_number else None,
        "template": content.template,
        "title": content.title,
        "cells": truth_cells(report),
        "figures": report.plan.figures(),
        "broken_checks": report.broken(),
        "absent_cells": absent_cells(report),
        "notes": " ".join(describe(report) + (format_notes or [])),
    }


def write_truth(truth: dict[str, Any], directory: Path) -> Path:
    path = directory / f"{truth['file']}.json"
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
