"""Narrative figures of the real reports in ../shared/real match their hand-checked truth."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED_REAL
from reportextract.layout import DocumentText, document_text
from reportextract.model import Figure
from reportextract.narrative import extract_figures
from reportextract.narrative.patterns import catalogue
from reportextract.readers import read_layout

REAL = SHARED_REAL
TRUTHS = sorted((REAL / "truth").glob("*.json"))
OLD_TEMPLATE = sorted((REAL / "docs" / "old-template").glob("*.txt"))

pytestmark = pytest.mark.real


CRAWLER_BODY = "==== 正文 ===="


@cache
def narrative(path: Path) -> tuple[DocumentText, tuple[Figure, ...]]:
    doc = document_text(read_layout(path.read_bytes(), path.name))
    return doc, tuple(extract_figures(doc))


@cache
def crawled_narrative(path: Path) -> tuple[DocumentText, tuple[Figure, ...]]:
    """The crawler's page text below its header block, read directly.

    The old-template pages interleave their free-form 统计表 with the prose; the text reader
    may take such a page for one glued table, so the narrative stage is tested on the text
    itself here (and through `read_layout` for not failing, below).
    """
    text = path.read_text(encoding="utf-8")
    body = text.split(CRAWLER_BODY, 1)[-1].split("\n", 1)[-1]
    doc = DocumentText(body, [(0, None)])
    return doc, tuple(extract_figures(doc))


def truth_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def tagged(figures: tuple[Figure, ...]) -> dict[str, set[tuple[float, str | None]]]:
    found: dict[str, set[tuple[float, str | None]]] = {}
    for figure in figures:
        if figure.metric:
            found.setdefault(figure.metric, set()).add((figure.value, figure.unit))
    return found


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.stem)
def test_every_truth_figure_is_found_with_its_metric_value_and_unit(truth_path: Path) -> None:
    truth = truth_of(truth_path)
    _, figures = narrative(REAL / "docs" / truth["file"])
    found = tagged(figures)
    for expected in truth["figures"]:
        assert (float(expected["value"]), expected["unit"]) in found.get(
            expected["metric"], set()
        ), expected


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.stem)
def test_no_metric_is_tagged_with_a_value_the_truth_does_not_give(truth_path: Path) -> None:
    truth = truth_of(truth_path)
    _, figures = narrative(REAL / "docs" / truth["file"])
    expected = {f["metric"]: (float(f["value"]), f["unit"]) for f in truth["figures"]}
    metrics = catalogue().metrics
    for metric, values in tagged(figures).items():
        if metric in expected:
            assert values == {expected[metric]}, metric
        else:
            # truth lists only spec metrics; the others are documented extras (narrative.yaml)
            assert metrics[metric].extra, f"{metric} tagged but not in the truth"


def _printed(text: str) -> str:
    without_footers = re.sub(r"\n\s*-\s*\d+\s*-\s*\n", "\n", text)
    return re.sub(r"\s", "", without_footers).translate(
        str.maketrans("０１２３４５６７８９％．", "0123456789%.")
    )


@pytest.mark.parametrize(
    "path",
    [REAL / "docs" / truth_of(p)["file"] for p in TRUTHS] + OLD_TEMPLATE,
    ids=lambda p: p.name,
)
def test_offsets_pages_and_sentences_agree_with_the_document(path: Path) -> None:
    doc, figures = crawled_narrative(path) if path in OLD_TEMPLATE else narrative(path)
    assert figures
    for figure in figures:
        assert _printed(doc.text[figure.char_start : figure.char_end]) == figure.text
        assert figure.page == doc.page_at(figure.char_start)
        assert figure.text in figure.sentence
        assert "\n" not in figure.sentence


@pytest.mark.parametrize("path", OLD_TEMPLATE, ids=lambda p: p.name)
def test_old_template_reports_run_through_the_reader(path: Path) -> None:
    _, figures = narrative(path)
    assert all(figure.unit for figure in figures)


@pytest.mark.parametrize("path", OLD_TEMPLATE, ids=lambda p: p.name)
def test_old_template_reports_yield_sensible_figures(path: Path) -> None:
    _, figures = crawled_narrative(path)
    found = tagged(figures)
    (proactive,) = found["proactive.items"]
    assert proactive[0] > 0
    for figure in figures:
        assert not re.fullmatch(r"(19|20)\d\d年?", figure.text)
        if figure.metric and not figure.metric.endswith("_change"):
            assert figure.value >= 0


def test_pdf_figures_carry_their_page() -> None:
    _, figures = narrative(REAL / "docs" / "huaian-city-2024.pdf")
    pages = {f.metric: f.page for f in figures if f.metric}
    assert pages["proactive.items"] == 1
    assert pages["requests.received"] == 2
    assert pages["fees.collected"] == 6
