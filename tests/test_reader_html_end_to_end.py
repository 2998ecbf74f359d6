"""extract() on the real HTML pages: every truth cell exact, nothing spurious, metadata right."""

from __future__ import annotations

import pytest

from conftest import real_doc, real_truth
from reportextract.pipeline import extract
from reportextract.truth import compare_cells

HTML_DOCUMENTS = ["pingtan-2024.html", "shanghai-office-2019.html"]


@pytest.mark.parametrize("name", HTML_DOCUMENTS)
def test_html_report_cells_match_the_truth_exactly(name: str) -> None:
    report = extract(real_doc(name))
    assert report.status == "ok", report.error
    assert report.format == "html"
    comparison = compare_cells(report, real_truth(name))
    assert comparison.perfect, comparison.describe()
    assert comparison.exact == len(real_truth(name)["cells"])


@pytest.mark.parametrize("name", HTML_DOCUMENTS)
def test_html_report_metadata_matches_the_truth(name: str) -> None:
    truth = real_truth(name)
    report = extract(real_doc(name))
    assert (report.issuer, report.year, report.template, report.published) == (
        truth["issuer"],
        truth["year"],
        truth["template"],
        truth["published"],
    )
