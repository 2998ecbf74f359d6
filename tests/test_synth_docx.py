"""The DOCX renderer writes real merged cells (gridSpan / vMerge) in the official table structure."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Cm
from docx.table import Table

from conftest import REQUEST_COLUMNS
from reportextract.synth.render_docx import (
    RELAYOUT_MARGIN,
    build_docx,
    random_page_style,
    render_docx,
)
from reportextract.synth.report import SynthReport, build_report


def _tables(seed: int, index: int) -> tuple[SynthReport, list[Table]]:
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
    assert texts == [report.printed(("requests", "new_received", col)) for col in REQUEST_COLUMNS]


TR_PR_ORDER = [qn(f"w:{tag}") for tag in ("cantSplit", "trHeight", "tblHeader")]


def _cant_split(tr: CT_Row) -> bool:
    return tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None


def _keeps_with_next(tr: CT_Row) -> bool:
    return all(p.find(qn("w:pPr") + "/" + qn("w:keepNext")) is not None for p in tr.iter(qn("w:p")))


def test_header_rows_stay_with_the_next_row_and_merged_body_rows_with_a_height_stay_whole() -> None:
    # LibreOffice draws the rest of the table over the text after it, or leaves it out,
    # when it breaks a header row or a body row with a minimum height under a merge.
    heights = set()
    for index in range(8):
        report, tables = _tables(91, index)
        height = random_page_style(report.rng("docx")).row_height
        heights.add(height is not None)
        for table in tables[1:]:
            rows = table._tbl.tr_lst
            merged_body = [
                n for n, tr in enumerate(rows) if n >= 3 and any(tc.vMerge for tc in tr.tc_lst)
            ]
            assert [_keeps_with_next(tr) for tr in rows[:3]] == [True, True, False]
            assert not any(_keeps_with_next(tr) for tr in rows[3:])
            expected = merged_body if height is not None else []
            assert [n for n, tr in enumerate(rows) if _cant_split(tr)] == expected
            for tr in rows:
                if tr.trPr is not None:
                    order = [TR_PR_ORDER.index(e.tag) for e in tr.trPr if e.tag in TR_PR_ORDER]
                    assert order == sorted(order)  # the schema's element order
    assert heights == {True, False}


def test_relayout_only_moves_the_bottom_margin() -> None:
    report = build_report(91, 22)
    plain = Document(io.BytesIO(build_docx(report)))
    again = Document(io.BytesIO(build_docx(report, relayout=True)))
    bottom = again.sections[0].bottom_margin - plain.sections[0].bottom_margin  # type: ignore[operator]
    assert abs(bottom - Cm(RELAYOUT_MARGIN)) <= 635  # EMU, rounded to twips
    assert again.sections[0].top_margin == plain.sections[0].top_margin
    assert [t._tbl.xml for t in again.tables] == [t._tbl.xml for t in plain.tables]
