"""The same seed gives the same reports, truth and bytes; another seed gives others."""

from __future__ import annotations

from reportextract.synth.render_docx import render_docx
from reportextract.synth.render_html import render_html
from reportextract.synth.render_text import render_text
from reportextract.synth.report import build_report
from reportextract.synth.truth import build_truth


def _truth(seed: int, index: int) -> dict[str, object]:
    report = build_report(seed, index, errors=index % 2 == 1)
    return build_truth(report, f"{report.stem}.txt", "synth-txt", "txt", True, True)


def test_same_seed_same_truth() -> None:
    assert [_truth(21, i) for i in range(8)] == [_truth(21, i) for i in range(8)]


def test_other_seed_other_reports() -> None:
    first = [_truth(21, i)["cells"] for i in range(4)]
    second = [_truth(22, i)["cells"] for i in range(4)]
    assert first != second


def test_same_seed_same_bytes_for_text_html_and_docx() -> None:
    for index in range(3):
        a, b = build_report(23, index), build_report(23, index)
        assert render_text(a).data == render_text(b).data
        assert render_html(a).data == render_html(b).data
        assert render_docx(a).data == render_docx(b).data
