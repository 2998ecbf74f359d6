"""Tables printed without inner rules are rebuilt from the positions of their text.

Real reports with their ruling lines removed (every path object of every page, so no
rule at all is left), and the bundled generated copies whose tables have only an outer
border, give the same cells as the truth.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from conftest import CORPUS, load_truth, real_doc, real_truth
from reportextract.pipeline import extract
from reportextract.readers.borderless import (
    DEFAULT,
    BorderlessSettings,
    find_tables_without_rules,
)
from reportextract.readers.pdf import find_tables, read_pdf, tables_without_rules
from reportextract.readers.pdf_geometry import page_chars, page_edges
from reportextract.truth import compare_cells


def without_rules(data: bytes) -> bytes:
    """The PDF with every path (ruling line, border, shading) removed."""
    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            for obj in [
                o for o in page.get_objects(max_depth=1) if o.type == pdfium_c.FPDF_PAGEOBJ_PATH
            ]:
                page.remove_obj(obj)
            page.gen_content()
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()


def lattice_grids(data: bytes) -> list[list]:
    """The tables pdfplumber's lattice functions find on the PDF's ruling lines alone."""
    pdf = pdfium.PdfDocument(data)
    try:
        found = []
        for index in range(len(pdf)):
            page = pdf[index]
            found += [t for t in find_tables(page_edges(page, page.get_size()[1])) if len(t) > 4]
        return found
    finally:
        pdf.close()


def find_any_lattice(data: bytes) -> bool:
    return bool(lattice_grids(data))


def _compare(data: bytes, truth: dict):
    return compare_cells(extract("borderless.pdf", data=data), truth)


@pytest.mark.parametrize(
    "name", ["huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf", "huaian-city-2024.pdf"]
)
def test_real_report_without_any_rule_gives_the_truth(name: str) -> None:
    data = without_rules(real_doc(name).read_bytes())
    assert not find_any_lattice(data)  # the lattice has nothing to work with
    comparison = _compare(data, real_truth(name))
    assert comparison.perfect, comparison.describe()


def test_bundled_outer_border_only_reports_give_the_truth() -> None:
    paths = sorted((CORPUS / "samples").glob("*borderless*.pdf"))
    assert paths
    for path in paths:
        truth = load_truth(CORPUS / "truth" / f"{path.name}.json")
        comparison = _compare(path.read_bytes(), truth)
        assert comparison.perfect, f"{path.name}: {comparison.describe()}"


def test_no_table_is_invented_beside_ruled_tables_or_in_running_text() -> None:
    for name in ("huaian-hongze-2023.pdf", "huaian-city-2024.pdf"):
        data = real_doc(name).read_bytes()
        ruled = [
            (min(c[0] for c in t), min(c[1] for c in t), max(c[2] for c in t), max(c[3] for c in t))
            for t in lattice_grids(data)
        ]
        for grid in read_pdf(data).grids:
            assert grid.bbox is not None
            assert any(
                all(abs(a - b) < 1 for a, b in zip(grid.bbox, box, strict=True)) for box in ruled
            ), grid.bbox


def test_borderless_grid_cells_have_spans_and_boxes() -> None:
    data = without_rules(real_doc("huaian-hongze-2023.pdf").read_bytes())
    layout = read_pdf(data)
    requests = next(g for g in layout.grids if any("本年新收" in c.text for c in g.cells))
    assert requests.geometry and requests.drift is not None  # like a ruled table's grid
    assert any(c.rowspan > 1 for c in requests.cells)  # group labels span their rows
    assert any(c.colspan > 1 for c in requests.cells)  # header words span their columns
    assert all(c.bbox is not None and c.page == requests.page for c in requests.cells)
    rows = [[c.text for c in row] for row in requests.rows()]
    assert any(row[-7:] == ["21", "0", "0", "0", "0", "0", "21"] for row in rows)


def test_what_each_phase_found_is_kept_for_drawing() -> None:
    data = without_rules(real_doc("huaian-hongze-2023.pdf").read_bytes())
    layout = read_pdf(data)
    page = next(g.page for g in layout.grids if any("本年新收" in c.text for c in g.cells))
    assert page is not None
    found = tables_without_rules(data, page)
    assert [g.bbox for g in found.grids] == [g.bbox for g in layout.grids if g.page == page]
    assert found.regions and found.bands and all(band.columns for band in found.bands)
    assert {phase for phase, _ in found.boxes()} == {"line", "region", "column", "grid"}
    requests = next(b for b in found.bands if any("自然人" in ln.text for ln in b.header))
    assert requests.columns is not None and len(requests.columns.centres) == 7


def test_every_tolerance_is_a_setting() -> None:
    """The reading follows its settings: columns closer than the gap allowed are one."""
    data = without_rules(real_doc("huaian-hongze-2023.pdf").read_bytes())
    page = next(g.page for g in read_pdf(data).grids if any("自然人" in c.text for c in g.cells))
    assert page is not None
    pdf = pdfium.PdfDocument(data)
    try:
        pdf_page = pdf[page - 1]
        height = pdf_page.get_size()[1]
        textpage = pdf_page.get_textpage()
        chars = page_chars(textpage, textpage.get_text_range(), height)
        edges = page_edges(pdf_page, height)
    finally:
        pdf.close()

    def widest_band(settings: BorderlessSettings) -> int:
        found = find_tables_without_rules(chars, edges, page, settings=settings)
        return max(len(b.columns.centres) for b in found.bands if b.columns)

    assert widest_band(DEFAULT) == 7
    assert widest_band(replace(DEFAULT, min_column_gap=400.0)) < 7
