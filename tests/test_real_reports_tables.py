"""Real published reports: every truth cell exact, nothing spurious, absent cells absent."""

from __future__ import annotations

import pytest

from conftest import real_doc, real_truth
from reportextract.pipeline import extract
from reportextract.truth import compare_cells

TABLE_DOCUMENTS = [
    "huaian-hongze-2023.pdf",
    "huaian-hongze-2024.pdf",
    "huaian-city-2024.pdf",
    "quangang-2025.txt",
]


@pytest.mark.parametrize("name", TABLE_DOCUMENTS)
def test_every_truth_cell_is_extracted_exactly(name: str) -> None:
    report = extract(real_doc(name))
    comparison = compare_cells(report, real_truth(name))
    assert comparison.perfect, comparison.describe()


@pytest.mark.parametrize("name", TABLE_DOCUMENTS)
def test_issuer_year_and_template_match_the_truth(name: str) -> None:
    truth = real_truth(name)
    report = extract(real_doc(name))
    assert report.issuer == truth["issuer"]
    assert report.year == truth["year"]
    assert report.template == truth["template"]
    assert report.published == truth["published"]
    assert report.doc_number == truth["doc_number"]


def test_pdf_cells_keep_page_and_box_of_the_printed_value() -> None:
    report = extract(real_doc("huaian-city-2024.pdf"))
    cell = next(
        c
        for c in report.cells
        if (c.table, c.row_code, c.col_code)
        == ("requests", "unavailable.needs_creation", "natural_person")
    )
    assert cell.text == "11"
    assert cell.page == 5, "the row after the （四）无|法提供 page break is printed on page 5"
    assert cell.bbox is not None
    x0, top, x1, bottom = cell.bbox
    assert 0 < x0 < x1 < 600 and 0 < top < bottom < 850
    assert "没有现成信息需要另行制作" in cell.label


def test_single_other_row_of_a_2021_report_is_stored_as_other() -> None:
    report = extract(real_doc("huaian-hongze-2023.pdf"))
    codes = {c.row_code for c in report.cells if c.table == "requests"}
    assert "other" in codes
    assert not any(code.startswith("other.") for code in codes)


def test_row_lost_at_a_page_break_stays_absent_and_makes_the_report_partial() -> None:
    report = extract(real_doc("quangang-2025.txt"))
    assert not [c for c in report.cells if c.row_code == "not_processed.complaint"]
    assert report.status == "partial"
    assert "not_processed.complaint" in (report.error or "")
