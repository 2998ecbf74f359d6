"""The generator's truth lists the statements of none its text makes (未发生…行政复议 is
review.cases 0), so the bundled corpus and generated sets score zero statements too."""

from __future__ import annotations

from reportextract.narrative import extract_figures
from reportextract.synth.render_text import render_text
from reportextract.synth.report import build_report

ZERO_REVIEW = "未发生因政府信息公开引发的行政复议"


def test_a_stated_absence_of_review_cases_is_in_the_truth_and_found() -> None:
    stating = []
    for index in range(40):
        report = build_report(41, index)
        text = render_text(report).data.decode("utf-8")
        figures = {f["metric"]: f["value"] for f in report.plan.figures()}
        if ZERO_REVIEW in text:
            stating.append(index)
            assert figures.get("review.cases") == 0, index
            found = [f for f in extract_figures(text) if f.metric == "review.cases"]
            assert [f.value for f in found] == [0], index
        elif "review.cases" not in figures:
            assert not [f for f in extract_figures(text) if f.metric == "review.cases"], index
    assert len(stating) >= 2
