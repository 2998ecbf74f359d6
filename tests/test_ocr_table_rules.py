"""Ruling lines found in page images give the cells the PDF's own vector rules give."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest

from conftest import real_doc
from reportextract.readers.ocr import render_page
from reportextract.readers.ocr.preprocess import deskew, rotate, to_gray
from reportextract.readers.ocr.rules import find_rules, table_cells
from reportextract.readers.pdf import read_pdf

DPI = 150


BBox = tuple[float, float, float, float]


def _pages(name: str) -> list[tuple[np.ndarray, list[BBox]]]:
    """Each page's image and the cells of the tables the text-layer reader finds on it
    (not the cells as wide as their grid: a Word export may frame paragraphs with
    invisible rules)."""
    data = real_doc(name).read_bytes()
    layout = read_pdf(data)
    pdf = pdfium.PdfDocument(data)
    try:
        return [
            (
                to_gray(render_page(pdf, index, DPI)),
                [
                    c.bbox
                    for g in layout.grids
                    if g.page == index + 1
                    for c in g.cells
                    if c.bbox and c.colspan < g.n_cols
                ],
            )
            for index in range(len(pdf))
        ]
    finally:
        pdf.close()


def _match(found: list[BBox], vector: list[BBox]) -> int:
    """How many vector cells have a found cell within 3 points on every side."""
    return sum(
        1
        for v in vector
        if any(all(abs(a - b) <= 3.0 for a, b in zip(v, f, strict=True)) for f in found)
    )


@pytest.mark.parametrize("name", ["huaian-hongze-2023.pdf", "huaian-city-2024.pdf"])
def test_cells_from_the_image_match_the_vector_lattice(name: str) -> None:
    for image, vector in _pages(name):
        _, ink, faint, angle = deskew(image, DPI)
        assert angle == 0.0
        found = table_cells(find_rules(faint, ink, DPI).edges)
        vector_cells = vector
        found_cells = [cell for table in found for cell in table]
        if not vector_cells:
            assert not found_cells  # print and bold headings make no table
            continue
        # a table cut by the page has no bottom rule in the image (its open ends close it);
        # some vector segments are not drawn visibly (a few cells merge in the image)
        assert _match(found_cells, vector_cells) >= 0.93 * len(vector_cells)


@pytest.mark.parametrize("degrees", [-1.6, -0.7, 0.4, 1.2])
def test_a_turned_page_is_levelled(degrees: float) -> None:
    image, _ = _pages("huaian-hongze-2023.pdf")[2]
    turned = rotate(image, -degrees)
    _, _, _, angle = deskew(turned, DPI)
    assert abs(angle - degrees) <= 0.1


def test_a_rule_continued_by_a_stroke_of_print_at_both_ends_is_still_a_rule() -> None:
    """A column rule under a row that spans both columns, where a character of that row
    stands on the rule right above it and another hangs under its last row (a generated
    report's 表三, tables as pictures): the rule's pieces between the rules across it
    are kept."""
    dpi = 200.0
    px = dpi / 72
    image = np.full((round(300 * px), round(400 * px)), 255, np.uint8)

    def box(x0: float, y0: float, x1: float, y1: float) -> None:
        image[round(y0 * px) : round(y1 * px), round(x0 * px) : round(x1 * px)] = 0

    rows = [20, 50, 80, 110, 140, 170, 200]
    for y in rows:
        box(20, y, 380, y + 1)  # horizontal rules
    box(20, 20, 21, 201)
    box(379, 20, 380, 201)
    box(200, 50, 201, 201)  # the column rule, from the second rule down
    box(200, 36, 201, 50)  # a vertical stroke of the first row's text standing on it
    box(192, 38, 198, 39)  # … with strokes of its character beside it
    box(203, 44, 209, 45)
    box(200, 201, 201, 212)  # a stroke of a note printed under the table, touching it
    box(202, 206, 208, 207)
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    halves = [c for c in table if 60 < (c[1] + c[3]) / 2 < 190]
    assert len(halves) == 10  # five rows of two cells each
    assert sorted({round(c[0] / 10) * 10 for c in halves}) == [20, 200]
