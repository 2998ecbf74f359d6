"""Text PDFs are read without pdfplumber (pdfium's page objects, our lattice steps), and
pdfplumber is the oracle: on every page of the real and the bundled generated PDFs,

- the lattice steps give exactly the cells (and lone frames) that pdfplumber's own
  functions give on the same ruling edges, and
- every cell of a table that pdfplumber's own reading finds (pdfminer's page, two
  columns or more) is a cell of ours, with the same box and the same text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import filter_edges

from conftest import CORPUS, REAL_DOCS, real_docs
from reportextract.layout import Grid
from reportextract.readers.lattice import frames, lattice_cells
from reportextract.readers.pdf import EDGE_MIN_LENGTH, SNAP_TOLERANCE, read_pdf
from reportextract.readers.pdf_geometry import page_edges

PDFS = sorted(REAL_DOCS.glob("*.pdf")) + sorted((CORPUS / "samples").glob("*.pdf"))


def plumber_tables(edges: list[dict[str, object]], snap: float, min_length: float) -> list:
    if len(edges) < 4:
        return []
    merged = merge_edges(filter_edges(edges, min_length=1), snap, snap, snap, snap)
    merged = filter_edges(merged, min_length=min_length)
    cells = intersections_to_cells(edges_to_intersections(merged, snap, snap))
    return [list(table) for table in cells_to_tables(cells)]


def plumber_frames(edges: list[dict[str, object]], snap: float, min_length: float) -> list:
    if len(edges) < 4:
        return []
    merged = merge_edges(filter_edges(edges, min_length=min_length), snap, snap, snap, snap)
    cells = intersections_to_cells(edges_to_intersections(merged, snap, snap))
    in_tables = {tuple(cell) for table in cells_to_tables(cells) for cell in table}
    return [tuple(cell) for cell in cells if tuple(cell) not in in_tables]


def test_there_are_real_and_generated_pdfs_with_ruled_tables() -> None:
    assert any(real_docs().glob("*.pdf")) and any(p.parent == REAL_DOCS for p in PDFS)
    generated = [p for p in PDFS if p.parent != REAL_DOCS]
    assert sum(1 for p in generated if "scan" not in p.stem and "borderless" not in p.stem) >= 3


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_the_lattice_steps_give_pdfplumbers_cells(path: Path) -> None:
    pdf = pdfium.PdfDocument(path)
    try:
        tables = 0
        for index in range(len(pdf)):
            page = pdf[index]
            edges = page_edges(page, page.get_size()[1])
            ours = lattice_cells(edges, SNAP_TOLERANCE, EDGE_MIN_LENGTH)
            assert ours == plumber_tables(edges, SNAP_TOLERANCE, EDGE_MIN_LENGTH), index + 1
            assert frames(edges, 3.0, 3.0) == plumber_frames(edges, 3.0, 3.0), index + 1
            tables += len(ours)
    finally:
        pdf.close()
    if "legacy" in path.stem:
        assert tables >= 1  # the 统计表
    elif "scan" not in path.stem and "borderless" not in path.stem:
        assert tables >= 3  # 表二, 表三, 表四 at least


def _text(value: str | None) -> str:
    return re.sub(r"\s+", "", value or "")


@pytest.mark.parametrize(
    "path",
    [p for p in PDFS if "scan" not in p.stem and "borderless" not in p.stem],
    ids=lambda p: p.name,
)
def test_every_cell_pdfplumber_reads_is_read_alike(path: Path) -> None:
    layout = read_pdf(path.read_bytes())
    ours: dict[int, list[tuple[tuple[float, ...], str]]] = {}
    for grid in layout.items:
        if isinstance(grid, Grid):
            for cell in grid.cells:
                assert cell.page is not None and cell.bbox is not None
                ours.setdefault(cell.page, []).append((cell.bbox, _text(cell.text)))
    compared = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                texts = table.extract()
                if max(len(row) for row in texts) < 2:
                    continue  # a ruled box around a paragraph: no table of ours either
                for row, row_texts in zip(table.rows, texts, strict=True):
                    for box, text in zip(row.cells, row_texts, strict=True):
                        if box is None:
                            continue
                        same = [
                            t
                            for b, t in ours.get(page.page_number, [])
                            if all(abs(a - c) <= 1.0 for a, c in zip(b, box, strict=True))
                        ]
                        assert same == [_text(text)], (page.page_number, box, text)
                        compared += 1
    assert compared >= (50 if "legacy" in path.stem else 200)  # a 统计表: ~20 rows
