"""Tables printed without inner rules are rebuilt from the positions of their text.

Real reports with their ruling lines removed (every path object of every page, so no
rule at all is left), and the bundled generated copies whose tables have only an outer
border, give the same cells as the truth.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from conftest import CORPUS, load_truth, real_doc, real_truth
from reportextract.layout import Grid, Layout, TextBlock
from reportextract.model import Report
from reportextract.readers.borderless import borderless_grids
from reportextract.readers.pdf import read_pdf
from reportextract.readers.pdf_geometry import page_chars, page_edges
from reportextract.tables.rebuild import rebuild_tables
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


def with_borderless_grids(data: bytes) -> Layout:
    """The text-layer reading plus the grids of tables without rules, in reading order."""
    layout = read_pdf(data)
    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            _, height = page.get_size()
            textpage = page.get_textpage()
            chars = page_chars(textpage, textpage.get_text_range(), height)
            lattice = [g.bbox for g in layout.grids if g.page == index + 1 and g.bbox]
            for grid in borderless_grids(chars, page_edges(page, height), index + 1, lattice):
                _insert(layout, grid)
    finally:
        pdf.close()
    return layout


def _insert(layout: Layout, grid: Grid) -> None:
    assert grid.bbox is not None
    x0, top, x1, bottom = grid.bbox
    kept: list[TextBlock | Grid] = []
    for item in layout.items:
        if isinstance(item, TextBlock) and item.page == grid.page and item.bbox:
            cx, cy = (item.bbox[0] + item.bbox[2]) / 2, (item.bbox[1] + item.bbox[3]) / 2
            if x0 <= cx <= x1 and top <= cy <= bottom:
                continue
        kept.append(item)
    position = next(
        (
            i
            for i, item in enumerate(kept)
            if (item.page or 0) > (grid.page or 0)
            or (item.page == grid.page and item.bbox is not None and item.bbox[1] > top)
        ),
        len(kept),
    )
    kept.insert(position, grid)
    layout.items = kept


def _compare(layout: Layout, truth: dict):
    report = Report(source="", sha256="", format="pdf", report_id="borderless")
    report.cells = rebuild_tables(layout, truth["year"]).cells
    return compare_cells(report, truth)


@pytest.mark.parametrize(
    "name", ["huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf", "huaian-city-2024.pdf"]
)
def test_real_report_without_any_rule_gives_the_truth(name: str) -> None:
    data = without_rules(real_doc(name).read_bytes())
    assert not read_pdf(data).grids  # the lattice has nothing to work with
    comparison = _compare(with_borderless_grids(data), real_truth(name))
    assert comparison.perfect, comparison.describe()


def test_bundled_outer_border_only_reports_give_the_truth() -> None:
    paths = sorted((CORPUS / "samples").glob("*borderless*.pdf"))
    assert paths
    for path in paths:
        truth = load_truth(CORPUS / "truth" / f"{path.name}.json")
        comparison = _compare(with_borderless_grids(path.read_bytes()), truth)
        assert comparison.perfect, f"{path.name}: {comparison.describe()}"


def test_no_table_is_invented_beside_ruled_tables_or_in_running_text() -> None:
    for name in ("huaian-hongze-2023.pdf", "huaian-city-2024.pdf"):
        data = real_doc(name).read_bytes()
        layout = read_pdf(data)
        assert len(with_borderless_grids(data).grids) == len(layout.grids)


def test_borderless_grid_cells_have_spans_and_boxes() -> None:
    data = without_rules(real_doc("huaian-hongze-2023.pdf").read_bytes())
    layout = with_borderless_grids(data)
    requests = next(g for g in layout.grids if any("本年新收" in c.text for c in g.cells))
    assert requests.origin == "pdf"
    assert any(c.rowspan > 1 for c in requests.cells)  # group labels span their rows
    assert any(c.colspan > 1 for c in requests.cells)  # header words span their columns
    assert all(c.bbox is not None and c.page == requests.page for c in requests.cells)
    rows = [[c.text for c in row] for row in requests.rows()]
    assert any(row[-7:] == ["21", "0", "0", "0", "0", "0", "21"] for row in rows)
