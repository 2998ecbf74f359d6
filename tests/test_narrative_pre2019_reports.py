"""Pre-2019 reports (the 2008 regulation's free-form text, ../shared/real/docs/old-template)
get metric codes: their narrative figures agree with the year column of the legacy
统计表 read by hand (truth-legacy), and a service hall's or a category's count is not taken."""

from __future__ import annotations

import json

import pytest

from conftest import REAL_DOCS, SHARED_REAL
from reportextract.layout import document_text
from reportextract.narrative import extract_figures
from reportextract.readers import read_layout

LEGACY = SHARED_REAL / "truth-legacy"
METRICS = ("proactive.items", "requests.received", "requests.answered", "review.cases")


def legacy_cases() -> list[str]:
    return (
        sorted(p.name.removesuffix(".json") for p in LEGACY.glob("*.json"))
        if LEGACY.exists()
        else []
    )


@pytest.mark.skipif(not LEGACY.exists(), reason="../shared/real not available")
@pytest.mark.parametrize("name", legacy_cases())
def test_narrative_figures_of_a_pre_2019_report_agree_with_its_legacy_table(name: str) -> None:
    truth = json.loads((LEGACY / f"{name}.json").read_text(encoding="utf-8"))
    table = {c["row_code"]: c["value"] for c in truth["cells"] if c["col_code"] == "year"}
    path = REAL_DOCS / truth["file"]
    figures = extract_figures(document_text(read_layout(path.read_bytes(), path.name)))
    tagged = {(f.metric, f.value) for f in figures if f.metric in METRICS}
    assert ("proactive.items", table["proactive.items"]) in tagged
    assert ("requests.received", table["requests.received"]) in tagged
    for metric, value in tagged:
        assert value == table[metric], (metric, value)
