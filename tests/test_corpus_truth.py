"""The bundled corpus: every cell of every generated document, and the audit on its error reports."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from conftest import CORPUS
from reportextract.model import Report
from reportextract.pipeline import extract
from reportextract.template.checks import is_finding
from reportextract.template.rules import rules
from reportextract.truth import compare_cells

TRUTHS = sorted((CORPUS / "truth").glob("*.json"))


@cache
def extracted(name: str) -> Report:
    return extract(CORPUS / "samples" / name)


def truth_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_corpus_is_there_and_small() -> None:
    assert len(TRUTHS) >= 20
    size = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert size < 8 * 1024 * 1024


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.removesuffix(".json"))
def test_every_cell_of_every_generated_document(truth_path: Path) -> None:
    truth = truth_of(truth_path)
    report = extracted(truth["file"])
    comparison = compare_cells(report, truth)
    assert comparison.perfect, comparison.describe()
    assert (report.issuer, report.year, report.template) == (
        truth["issuer"],
        truth["year"],
        truth["template"],
    )


# Rules across years relate a report to the same body's report of the year before: a
# document read alone cannot break them (the legacy series is read as a batch in
# test_legacy_formats.py).
ACROSS_YEARS = {rule.check for rule in rules() if rule.crosses_documents}


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.removesuffix(".json"))
def test_every_broken_rule_found_and_no_false_alarm(truth_path: Path) -> None:
    truth = truth_of(truth_path)
    report = extracted(truth["file"])
    failed = {
        (c.check, c.scope) for c in report.checks if c.passed is False and is_finding(c.check)
    }
    expected = {
        (b["rule"], b["scope"]) for b in truth["broken_checks"] if b["rule"] not in ACROSS_YEARS
    }
    assert failed == expected


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.removesuffix(".json"))
def test_every_narrative_figure_with_its_metric(truth_path: Path) -> None:
    truth = truth_of(truth_path)
    report = extracted(truth["file"])
    found = {(f.metric, f.value, f.unit) for f in report.figures if f.metric}
    for figure in truth["figures"]:
        assert (figure["metric"], float(figure["value"]), figure["unit"]) in found, figure
