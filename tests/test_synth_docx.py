"""The DOCX renderer writes real merged cells (gridSpan / vMerge) in the official table structure."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from reportextract.synth.render_docx import render_docx
from reportextract.synth.report import build_report


def _tables(seed: int, index: int):  # type: ignore[no-untyped-def]
    report = build_report(seed, index)
    document = Document(io.BytesIO(render_docx(report).data))
    return report, document.tables


def test_requests_table_has_grid_spans_and_vertical_merges() -> None:
    report, tables = _tables(31, 0)
    requests = tables[1]._tbl
    spans = [int(e.get(qn("w:val"))) for e in requests.iter(qn("w:gridSpan"))]
    merges = list(requests.iter(qn("w:vMerge")))
    restarts = [e for e in merges if e.get(qn("w:val")) == "restart"]
    assert 7 in spans and 5 in spans and 3 in spans  # 申请人情况, 法人或其他组织, row labels
    assert restarts and len(merges) > len(restarts)  # continuation cells exist
    assert len(requests.tr_lst) == 3 + 2 + (22 if not report.content.single_other_row else 20) + 1


def test_appeals_table_header_structure() -> None:
    _, tables = _tables(31, 1)
    appeals = tables[2]._tbl
    first_row_spans = [tc.grid_span for tc in appeals.tr_lst[0].tc_lst]
    assert first_row_spans == [5, 10]
    assert len(appeals.tr_lst) == 4


def test_value_cells_print_the_truth() -> None:
    report, tables = _tables(31, 2)
    requests = tables[1]
    received_row = 3
    texts = [requests.cell(received_row, col).text for col in range(3, 10)]
    cols = (
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
        "total",
    )
    assert texts == [report.printed(("requests", "new_received", col)) for col in cols]
