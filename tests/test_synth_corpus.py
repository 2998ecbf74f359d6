"""The bundled corpus is complete and is what the generator gives (see corpus/README.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED_REAL, require_shared
from reportextract.synth.corpus import has_errors
from reportextract.synth.legacy import build_series
from reportextract.synth.legacy import build_truth as build_legacy_truth
from reportextract.synth.legacy import render_docx as render_legacy_docx
from reportextract.synth.legacy import render_html as render_legacy_html
from reportextract.synth.legacy import render_text as render_legacy_text
from reportextract.synth.render_html import render_html
from reportextract.synth.render_text import render_text
from reportextract.synth.report import build_from_truth, build_report
from reportextract.synth.truth import build_truth

ROOT = Path(__file__).resolve().parents[1] / "corpus"
REAL_TRUTH = SHARED_REAL / "truth"
# The parameters of the command recorded in corpus/README.md.
SEED, ERROR_RATE = 276, 0.25

TRUTHS = sorted((ROOT / "truth").glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_sample_has_truth_and_the_real_schema() -> None:
    samples = sorted(p.name for p in (ROOT / "samples").iterdir())
    assert samples and [t.name for t in TRUTHS] == [name + ".json" for name in samples]
    real_keys = set(_load(REAL_TRUTH / "quangang-2025.txt.json")) if REAL_TRUTH.exists() else None
    for path in TRUTHS:
        truth = _load(path)
        assert truth["file"] + ".json" == path.name
        if real_keys is not None:
            assert set(truth) == real_keys


def test_corpus_covers_formats_templates_and_errors() -> None:
    truths = [_load(path) for path in TRUTHS]
    assert {t["format"] for t in truths} == {"pdf", "docx", "txt", "html"}
    assert {t["template"] for t in truths} == {"2019", "2021", "pre-2019"}
    reports = {
        re.sub(r"-(scan|borderless)$", "", t["id"])
        for t in truths
        if t["broken_checks"] and t["template"] != "pre-2019"
    }
    assert 2 <= len(reports) <= 3
    assert {t["style"] for t in truths} >= {"synth-scan", "synth-borderless"}


LEGACY = [path for path in TRUTHS if path.name.startswith("synth-legacy-")]
NATIONAL = [path for path in TRUTHS if path not in LEGACY]
# The years of the legacy series recorded in corpus/README.md.
LEGACY_YEARS = (2013, 2017)


@pytest.mark.parametrize("path", LEGACY, ids=lambda p: p.name)
def test_legacy_truth_is_what_the_generator_gives(path: Path) -> None:
    truth = _load(path)
    match = re.fullmatch(r"synth-legacy-(\d+)-(\d{2})-(\d{4})", truth["id"])
    assert match is not None
    series = build_series(int(match.group(1)), *LEGACY_YEARS, index=int(match.group(2)))
    year = int(match.group(3))
    position = year - LEGACY_YEARS[0]
    report = series.reports[position]
    previous = series.reports[position - 1] if position else None
    fresh = build_legacy_truth(report, previous, truth["file"], truth["style"].split("-")[-1])
    assert fresh == truth
    sample = (ROOT / "samples" / truth["file"]).read_bytes()
    if truth["file"].endswith(".txt"):
        assert render_legacy_text(report, glued=False).encode("utf-8") == sample
    if truth["file"].endswith(".html"):
        assert render_legacy_html(report).encode("utf-8") == sample
    if truth["file"].endswith(".docx"):
        assert render_legacy_docx(report) == sample


@pytest.mark.parametrize("path", NATIONAL, ids=lambda p: p.name)
def test_truth_is_what_the_generator_gives(path: Path) -> None:
    truth = _load(path)
    match = re.fullmatch(
        r"synth-(\d+)-(\d{5})", truth["id"].removesuffix("-scan").removesuffix("-borderless")
    )
    if match:
        index = int(match.group(2))
        report = build_report(int(match.group(1)), index, errors=has_errors(index, ERROR_RATE))
    else:
        source = require_shared(REAL_TRUTH / (truth["id"].removeprefix("synth-") + ".txt.json"))
        report = build_from_truth(source, SEED)
    fresh = build_truth(report, truth["file"], truth["style"], truth["format"], True, True)
    for key in (
        "cells",
        "figures",
        "broken_checks",
        "absent_cells",
        "issuer",
        "year",
        "template",
        "title",
    ):
        assert fresh[key] == truth[key], key
    sample = (ROOT / "samples" / truth["file"]).read_bytes()
    if truth["format"] == "txt":
        assert render_text(report).data == sample
    if truth["format"] == "html":
        assert render_html(report).data == sample


def test_quangang_rebuild_keeps_the_real_figures_and_tables() -> None:
    real_path = require_shared(REAL_TRUTH / "quangang-2025.txt.json")
    real = _load(real_path)
    synth = _load(ROOT / "truth" / "synth-quangang-2025.pdf.json")
    assert synth["figures"] == real["figures"]
    real_cells = {(c["table"], c["row_code"], c["col_code"]): c["value"] for c in real["cells"]}
    for cell in synth["cells"]:
        key = (cell["table"], cell["row_code"], cell["col_code"])
        assert cell["value"] == real_cells.get(key, 0)
    assert (synth["issuer"], synth["year"], synth["doc_number"]) == (
        "泉港区",
        2025,
        real["doc_number"],
    )
