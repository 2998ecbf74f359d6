"""The pre-2019 统计表 from every reader: the generator's series of one body's reports
(reportextract.synth.legacy) as crawled text with spaced or glued cells, HTML pages with
merged cells, Word files and PDFs — each document read alone, and each format's documents
as a batch, where the rows glued text leaves ambiguous are settled across years and a
restarted 历年累计 is found."""

from __future__ import annotations

import json
import shutil
from contextlib import closing
from functools import cache
from pathlib import Path

import pytest

from conftest import CORPUS
from reportextract.explore.dataset import connect
from reportextract.model import Cell, Report
from reportextract.pipeline import extract
from reportextract.runner import RunOptions, run_batch
from reportextract.synth.legacy import build_series, render_docx, render_html, write_series
from reportextract.template.checks import is_finding
from reportextract.template.rules import rules
from reportextract.truth import compare_cells

ACROSS_YEARS = {rule.check for rule in rules() if rule.crosses_documents}
FORMATS = ["txt", "glued", "html", "docx"]


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("legacy")
    for index in range(2):
        write_series(build_series(7, 2010, 2016, index=index), out, FORMATS)
    return out


def _truths(folder: Path, suffix: str) -> list[dict]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((folder / "truth").glob(f"*{suffix}.json"))
    ]


@cache
def _alone(path: Path) -> Report:
    return extract(path)


@pytest.mark.parametrize("suffix", ["-glued.txt", ".html", ".docx"])
def test_each_document_read_alone(series: Path, suffix: str) -> None:
    truths = _truths(series, suffix)
    assert len(truths) == 14
    missing = 0
    for truth in truths:
        report = _alone(series / "samples" / truth["file"])
        comparison = compare_cells(report, truth)
        assert not comparison.wrong and not comparison.spurious, comparison.describe()
        assert not comparison.present_absent and not comparison.misprinted
        missing += len(comparison.missing)
        if suffix != "-glued.txt":
            assert comparison.perfect, (truth["file"], comparison.describe())
            failed = {
                (c.check, c.scope)
                for c in report.checks
                if c.passed is False and is_finding(c.check)
            }
            own = {
                (b["rule"], b["scope"])
                for b in truth["broken_checks"]
                if b["rule"] not in ACROSS_YEARS
            }
            assert failed == own, truth["file"]
    if suffix == "-glued.txt":
        # a few glued rows wait for the years around them; never a wrong value
        assert missing < 0.05 * sum(len(t["cells"]) for t in truths)


def _batch(folder: Path, files: list[str], out: Path) -> Path:
    docs = out / "docs"
    docs.mkdir(parents=True)
    for name in files:
        shutil.copy(folder / "samples" / name, docs / name)
    run_batch([str(docs)], out / "data", RunOptions(workers=2, progress=False))
    return out / "data"


def _compare_batch(folder: Path, truths: list[dict], data: Path) -> None:
    with closing(connect(data)) as con:  # no DuckDB threads left when the next batch forks
        _compare(con, truths)


def _compare(con, truths: list[dict]) -> None:  # type: ignore[no-untyped-def]
    for truth in truths:
        report_id = con.execute(
            "SELECT report_id FROM reports WHERE source LIKE ?", [f"%/{truth['file']}"]
        ).fetchone()[0]
        report = Report(source=truth["file"], sha256="", format="", report_id=report_id)
        report.cells = [
            Cell(*row)
            for row in con.execute(
                'SELECT "table", row_code, col_code, value, text FROM cells WHERE report_id = ?',
                [report_id],
            ).fetchall()
        ]
        comparison = compare_cells(report, truth)
        assert comparison.perfect, (truth["file"], comparison.describe())
        findings = set(
            con.execute(
                'SELECT "check", scope FROM findings WHERE report_id = ?', [report_id]
            ).fetchall()
        )
        assert findings == {(b["rule"], b["scope"]) for b in truth["broken_checks"]}, truth["file"]


def test_glued_text_in_a_batch_is_read_whole(series: Path, tmp_path: Path) -> None:
    """Each body's glued reports together: every cell exact, every broken rule found —
    the restarted 历年累计 (legacy.cumulative) too."""
    truths = _truths(series, "-glued.txt")
    data = _batch(series, [t["file"] for t in truths], tmp_path)
    _compare_batch(series, truths, data)
    restarted = {b["rule"] for t in truths for b in t["broken_checks"]}
    assert {"legacy.cumulative", "legacy.sum"} <= restarted


CORPUS_LEGACY = sorted((CORPUS / "truth").glob("synth-legacy-*.json"))


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf"])
def test_the_corpus_legacy_series_in_a_batch(suffix: str, tmp_path: Path) -> None:
    truths = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in CORPUS_LEGACY
        if p.name.endswith(f"{suffix}.json")
    ]
    assert len(truths) == 5
    data = _batch(CORPUS, [t["file"] for t in truths], tmp_path)
    _compare_batch(CORPUS, truths, data)
    with closing(connect(data)) as con:
        rows = con.execute(
            "SELECT year, value, source FROM series WHERE quantity = 'proactive.items' "
            "ORDER BY year"
        ).fetchall()
    assert [year for year, _, _ in rows] == [2013, 2014, 2015, 2016, 2017]
    assert {source for _, _, source in rows} == {"legacy"}


def test_the_generator_gives_the_same_documents_for_the_same_seed() -> None:
    first = build_series(3, 2012, 2016)
    again = build_series(3, 2012, 2016)
    other = build_series(4, 2012, 2016)
    assert [render_html(r) for r in first.reports] == [render_html(r) for r in again.reports]
    assert render_docx(first.reports[2]) == render_docx(again.reports[2])
    assert [r.printed for r in first.reports] != [r.printed for r in other.reports]
    assert set(first.faults) == {"restart", "printed_once", "broken_total"}
