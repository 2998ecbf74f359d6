"""Scanned copies of real reports read back by OCR give the truth's table cells.

The scans are made here (not committed): each page of a real text-layer PDF rendered
at 150–200 dpi in grayscale, rotated by up to 1°, with noise and dust, JPEG-compressed
and wrapped as a PDF without text (`reportextract.synth.scan`). The truth is the
original's.
"""

from __future__ import annotations

import datetime as dt
import random

import pypdfium2 as pdfium
import pytest

from conftest import CORPUS, load_truth, real_doc, real_truth
from reportextract.layout import Layout
from reportextract.model import Cell, Report
from reportextract.ocr_repair import correct_ocr_cells
from reportextract.readers.ocr import ocr_layout
from reportextract.synth.scan import scan_pdf
from reportextract.tables.rebuild import rebuild_tables
from reportextract.truth import compare_cells

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")


_SCANS: dict[tuple[str, int], bytes] = {}


def _scan(name: str, seed: int) -> bytes:
    if (name, seed) not in _SCANS:
        original = real_doc(name).read_bytes()
        _SCANS[name, seed] = scan_pdf(original, random.Random(seed), dt.datetime(2024, 1, 1))[0]
    return _SCANS[name, seed]


_LAYOUTS: dict[bytes, Layout] = {}


def _read(data: bytes) -> Layout:
    if data not in _LAYOUTS:
        _LAYOUTS[data] = ocr_layout(data)
    return _LAYOUTS[data]


def _cells(data: bytes, year: int) -> tuple[list[Cell], set[tuple[str, str, str]]]:
    layout = _read(data)
    assert layout.pages and all(page.ocr for page in layout.pages)
    assert all(grid.geometry and grid.drift for grid in layout.grids)
    tables = rebuild_tables(layout, year)
    cells, checks = correct_ocr_cells(tables.cells)
    flagged: set[tuple[str, str, str]] = set()
    for check in [*tables.checks, *checks]:
        row, _, col = check.scope.partition("/")
        if check.passed is not True:
            flagged.add((check.table, row, col))
    flagged |= {(c.table, c.row_code, c.col_code) for c in cells if (c.confidence or 1) < 0.5}
    return cells, flagged


def _report(cells: list[Cell]) -> Report:
    report = Report(source="scan", sha256="", format="pdf", report_id="scan")
    report.cells = cells
    return report


@pytest.mark.parametrize("name", ["huaian-hongze-2023.pdf", "huaian-city-2024.pdf"])
def test_scanned_real_report_gives_every_cell_of_the_truth(name: str) -> None:
    truth = real_truth(name)
    cells, flagged = _cells(_scan(name, seed=1), truth["year"])
    comparison = compare_cells(_report(cells), truth)
    assert comparison.exact >= 0.995 * comparison.total, comparison.describe()
    wrong = [key for key, _, _ in comparison.wrong] + comparison.missing
    assert all(key in flagged for key in wrong), f"wrong cells without a flag: {wrong}"
    assert not comparison.spurious


def test_bundled_scan_reads_like_its_truth() -> None:
    scans = sorted((CORPUS / "samples").glob("*-scan.pdf"))
    assert scans, "the bundled corpus has scanned copies"
    path = scans[0]
    truth = load_truth(CORPUS / "truth" / f"{path.name}.json")
    cells, _ = _cells(path.read_bytes(), truth["year"])
    comparison = compare_cells(_report(cells), truth)
    assert comparison.perfect or comparison.exact >= 0.995 * comparison.total, comparison.describe()


def test_cells_of_a_scan_carry_page_box_and_confidence() -> None:
    data = _scan("huaian-hongze-2023.pdf", seed=1)
    layout = _read(data)
    pdf = pdfium.PdfDocument(data)
    width, height = pdf[0].get_size()
    pdf.close()
    cells = [cell for grid in layout.grids for cell in grid.cells]
    assert cells
    for cell in cells:
        assert cell.page is not None and cell.bbox is not None and cell.confidence is not None
        x0, top, x1, bottom = cell.bbox
        assert 0 <= x0 < x1 <= width + 1 and 0 <= top < bottom <= height + 1
        assert 0.0 <= cell.confidence <= 1.0
    narrative = " ".join(block.text for block in layout.narrative_blocks())
    assert "政府信息公开" in narrative
