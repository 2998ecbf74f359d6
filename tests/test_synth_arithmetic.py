"""Generated tables obey the template arithmetic exactly, and error reports break exactly what their truth lists."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import APPLICANT_COLUMNS, REQUEST_COLUMNS
from reportextract.synth.presentation import printed_value
from reportextract.synth.report import build_report
from reportextract.synth.truth import build_truth


def _truth(seed: int, index: int, errors: bool) -> dict[str, Any]:
    report = build_report(seed, index, errors=errors)
    return build_truth(report, f"{report.stem}.txt", "synth-txt", "txt", True, True)


def _independent_broken(truth: dict[str, Any]) -> set[tuple[str, str]]:
    """The four table rules, written out again from canonical-codes.md, on the truth's cells."""
    v = {(c["table"], c["row_code"], c["col_code"]): c["value"] for c in truth["cells"]}
    rows = [r for (t, r, c) in v if t == "requests" and c == "total"]
    outcomes = [
        r
        for r in rows
        if r not in ("new_received", "carried_over", "total_handled", "carried_forward")
    ]
    broken: set[tuple[str, str]] = set()
    for row in rows:
        if v[("requests", row, "total")] != sum(v[("requests", row, c)] for c in APPLICANT_COLUMNS):
            broken.add(("requests.row_total", row))
    for col in REQUEST_COLUMNS:
        if v[("requests", "total_handled", col)] != sum(v[("requests", r, col)] for r in outcomes):
            broken.add(("requests.total_handled", col))
        incoming = v[("requests", "new_received", col)] + v[("requests", "carried_over", col)]
        if (
            incoming
            != v[("requests", "total_handled", col)] + v[("requests", "carried_forward", col)]
        ):
            broken.add(("requests.balance", col))
    for row in ("review", "litigation_direct", "litigation_after_review"):
        parts = sum(v[("appeals", row, c)] for c in ("upheld", "corrected", "other", "pending"))
        if v[("appeals", row, "total")] != parts:
            broken.add(("appeals.row_total", row))
    return broken


@pytest.mark.parametrize("index", range(25))
def test_clean_reports_satisfy_every_rule(index: int) -> None:
    truth = _truth(11, index, errors=False)
    assert _independent_broken(truth) == set()
    assert truth["broken_checks"] == []


@pytest.mark.parametrize("index", range(25))
def test_error_reports_break_exactly_the_listed_rules(index: int) -> None:
    truth = _truth(12, index, errors=True)
    listed = {(b["rule"], b["scope"]) for b in truth["broken_checks"] if b["table"] != "narrative"}
    assert listed == _independent_broken(truth)
    assert truth["broken_checks"], "an error report must break at least one check"
    assert "Deliberate error" in truth["notes"]


def test_clean_narrative_figures_agree_with_tables() -> None:
    for index in range(40):
        truth = _truth(13, index, errors=False)
        v = {(c["table"], c["row_code"], c["col_code"]): c["value"] for c in truth["cells"]}
        expected = {
            "requests.received": v[("requests", "new_received", "total")],
            "requests.answered": v[("requests", "total_handled", "total")],
            "requests.carried_forward": v[("requests", "carried_forward", "total")],
            "requests.granted_or_partial": v[("requests", "granted", "total")]
            + v[("requests", "partially_granted", "total")],
            "review.cases": v[("appeals", "review", "total")],
            "review.corrected": v[("appeals", "review", "corrected")],
            "litigation.cases": v[("appeals", "litigation_direct", "total")]
            + v[("appeals", "litigation_after_review", "total")],
        }
        for figure in truth["figures"]:
            if figure["metric"] in expected:
                assert figure["value"] == expected[figure["metric"]], (index, figure)


def test_narrative_disagreement_is_listed_with_its_metric() -> None:
    report = build_report(14, 0, errors=True, fault_kinds=("narrative",))
    truth = build_truth(report, "x.txt", "synth-txt", "txt", True, True)
    narrative = [b for b in truth["broken_checks"] if b["rule"] == "narrative.table_agreement"]
    assert [b["table"] for b in narrative] == ["narrative"]
    assert narrative[0]["scope"] in {f["metric"] for f in truth["figures"]}


def test_every_printed_cell_states_its_value() -> None:
    for index in range(30):
        truth = _truth(15, index, errors=index % 2 == 0)
        for cell in truth["cells"]:
            assert printed_value(cell["printed"]) == pytest.approx(cell["value"]), cell


def test_both_templates_and_single_other_row_occur() -> None:
    truths = [_truth(16, index, errors=False) for index in range(60)]
    assert {t["template"] for t in truths} == {"2019", "2021"}
    single = [t for t in truths if t["template"] == "2021" and t["absent_cells"]]
    assert single, "some 2021 reports print (六)其他处理 as one row"
    for truth in single:
        rows = {c["row_code"] for c in truth["cells"]}
        assert "other" in rows and not rows & {
            "other.no_correction",
            "other.unpaid_fee",
            "other.other",
        }
        assert len(truth["absent_cells"]) == 21
