"""PDFs with a text layer: text lines and ruled tables.

pdfium gives the page text, character boxes and ruling segments; pdfplumber's table
functions turn the segments into cell rectangles; characters are assigned to cells by
their centres, as pdfplumber's `Table.extract` does. A grid cell keeps its page and
bounding box, so every value can be shown on its page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from ..errors import (
    ConfigurationError,
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    MissingDependency,
)
from ..layout import BBox, Grid, GridCell, Layout, Page, TextBlock
from ..template.vocabulary import vocabulary
from .borderless import BorderlessPage, Continuation, find_tables_without_rules
from .lattice import lattice_cells
from .ocr.textlayer import page_needs_ocr
from .pdf_geometry import (
    COLUMN_DRIFT,
    PAGE_FURNITURE,
    Char,
    around,
    cell_places,
    page_chars,
    page_edges,
)
from .pictures.placement import picture_boxes, picture_candidates

SNAP_TOLERANCE = 3.0
EDGE_MIN_LENGTH = 3.0
COORD_TOLERANCE = 2.0
MAX_PAGES = 2000


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    if not data:
        raise EmptyDocument("empty file")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise EncryptedDocument("PDF is encrypted with a password") from exc
        raise CorruptDocument(f"PDF cannot be parsed: {message}") from exc


def read_pdf(data: bytes) -> Layout:
    pdf = open_pdf(data)
    try:
        layout = Layout(format="pdf", metadata=_metadata(pdf))
        n_pages = len(pdf)
        if n_pages == 0:
            raise EmptyDocument("PDF has no pages")
        if n_pages > MAX_PAGES:
            layout.warnings.append(f"only the first {MAX_PAGES} of {n_pages} pages were read")
        unreadable: list[int] = []
        scanned: list[int] = []
        pictured: dict[int, list[BBox]] = {}
        pages_items: list[list[TextBlock | Grid]] = []
        continuation = Continuation()
        for index in range(min(n_pages, MAX_PAGES)):
            try:
                read = _read_page(pdf, index, continuation)
                page, items, needs_ocr = read.page, read.items, read.needs_ocr
                if read.pictures:
                    pictured[index] = read.pictures
            except pdfium.PdfiumError:
                unreadable.append(index + 1)
                page, items, needs_ocr = Page(index + 1), [], False
            layout.pages.append(page)
            pages_items.append(items)
            if needs_ocr:
                scanned.append(index)
        if unreadable and len(unreadable) == len(pages_items):
            raise CorruptDocument("no page of the PDF can be read")
        if unreadable:
            layout.warnings.append(f"pages that cannot be read: {', '.join(map(str, unreadable))}")
        if scanned:
            _read_scanned_pages(pdf, scanned, layout, pages_items)
        if pictured:
            _read_pictures(pdf, pictured, layout, pages_items)
        layout.items = [item for items in pages_items for item in items]
        return layout
    finally:
        pdf.close()


def _read_scanned_pages(
    pdf: pdfium.PdfDocument,
    indexes: list[int],
    layout: Layout,
    pages_items: list[list[TextBlock | Grid]],
) -> None:
    """Pages without a usable text layer, read by OCR (the ``ocr`` extra)."""
    try:
        from .ocr import ocr_pdf_pages

        results = ocr_pdf_pages(pdf, indexes)
    except (MissingDependency, ConfigurationError) as exc:
        if len(indexes) == len(pages_items):
            raise type(exc)(f"the PDF is a scan with no text layer; {exc}") from exc
        numbers = ", ".join(str(i + 1) for i in indexes)
        layout.warnings.append(f"pages {numbers} have no text layer and were not read: {exc}")
        return
    for result in results:
        index = result.page.number - 1
        layout.pages[index] = result.page
        pages_items[index] = list(result.items)


def _read_pictures(
    pdf: pdfium.PdfDocument,
    pictured: dict[int, list[BBox]],
    layout: Layout,
    pages_items: list[list[TextBlock | Grid]],
) -> None:
    """Pictures on pages with text that may be tables, read by OCR (the ``ocr`` extra);
    a page where one was read as a table counts as read by OCR."""
    try:
        from .pictures.read import PictureReader

        reader = PictureReader()
    except (ImportError, MissingDependency, ConfigurationError) as exc:
        numbers = ", ".join(str(i + 1) for i in pictured)
        layout.unread_pictures.append(f"pictures on pages {numbers} were not read: {exc}")
        return
    for index, boxes in pictured.items():
        for box in boxes:
            try:
                items = reader.on_pdf_page(pdf, index, box)
            except pdfium.PdfiumError:
                items = None
            if items:
                pages_items[index] = _placed(pages_items[index], items)
                layout.pages[index].ocr = True


def _placed(items: list[TextBlock | Grid], added: list[TextBlock | Grid]) -> list[TextBlock | Grid]:
    """A picture's items put among the page's by their top (the page's order kept)."""
    out = list(items)
    for item in added:
        top = item.bbox[1] if item.bbox else 0.0
        at = next(
            (i for i, other in enumerate(out) if other.bbox is not None and other.bbox[1] > top),
            len(out),
        )
        out.insert(at, item)
    return out


def _metadata(pdf: pdfium.PdfDocument) -> dict[str, str]:
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:
        return {}
    return {f"pdf:{key}": str(value) for key, value in info.items()}


@dataclass(slots=True)
class _PageRead:
    """A page's text lines and tables, whether it needs OCR instead, what the reading of
    tables without rules found on it (None where the page prints no table words) and the
    pictures on it that may be tables."""

    page: Page
    items: list[TextBlock | Grid]
    needs_ocr: bool = False
    phases: BorderlessPage | None = None
    pictures: list[BBox] = field(default_factory=list)


def _read_page(pdf: pdfium.PdfDocument, index: int, continuation: Continuation) -> _PageRead:
    number = index + 1
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            images = picture_boxes(page, height)
            if page_needs_ocr(text, bool(images)):
                return _PageRead(Page(number, width, height), [], needs_ocr=True)
            edges = page_edges(page, height)
            tables = find_tables(edges)
            table_words = (
                continuation.open
                or vocabulary().table_words.search(re.sub(r"\s+", "", text)) is not None
            )
            chars = page_chars(textpage, text, height) if tables or table_words else []
            pictures = (
                picture_candidates(images, textpage, height, [around(cells) for cells in tables])
                if images
                else []
            )
        finally:
            textpage.close()
    finally:
        page.close()
    grids = [grid for grid in (_grid(cells, chars, number) for cells in tables) if grid.n_cols >= 2]
    regions = _table_regions(grids)
    phases = None
    if table_words:
        phases = find_tables_without_rules(
            chars, edges, number, [g.bbox for g in grids if g.bbox], continuation
        )
        grids += phases.grids
        regions += [g.bbox for g in phases.grids if g.bbox]
    else:
        continuation.columns, continuation.open = None, False
    blocks = _lines(text, chars, number, regions)
    items: list[tuple[float, TextBlock | Grid]] = [
        (block.bbox[1] if block.bbox else 0.0, block) for block in blocks
    ]
    items += [(grid.bbox[1] if grid.bbox else 0.0, grid) for grid in grids]
    if grids:
        items.sort(key=lambda item: item[0])
    return _PageRead(
        Page(number, width, height), [item for _, item in items], False, phases, pictures
    )


def tables_without_rules(data: bytes, page_number: int) -> BorderlessPage:
    """What the reading of tables without rules found on a page, phase by phase (to draw
    it): the page read as `read_pdf` reads it, after the pages before it."""
    pdf = open_pdf(data)
    try:
        if not 1 <= page_number <= len(pdf):
            raise EmptyDocument(f"the PDF has {len(pdf)} pages, not a page {page_number}")
        continuation = Continuation()
        phases = None
        for index in range(page_number):
            phases = _read_page(pdf, index, continuation).phases
        return phases or BorderlessPage(page_number)
    finally:
        pdf.close()


def find_tables(edges: list[dict[str, object]]) -> list[list[BBox]]:
    """pdfplumber's lattice algorithm with its default settings, on pdfium's edges."""
    return lattice_cells(edges, SNAP_TOLERANCE, EDGE_MIN_LENGTH)


def _grid(cells: list[BBox], chars: Sequence[Char | None], page: int) -> Grid:
    texts = _assign_chars(cells, chars)
    grid_cells = [
        GridCell(row, col, text, rowspan, colspan, page=page, bbox=_rounded(bbox))
        for bbox, text, (row, col, rowspan, colspan) in zip(
            cells, texts, cell_places(cells, COORD_TOLERANCE), strict=True
        )
    ]
    return Grid(cells=grid_cells, page=page, bbox=around(cells), geometry=True, drift=COLUMN_DRIFT)


def _rounded(bbox: BBox) -> BBox:
    x0, top, x1, bottom = bbox
    return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))


def _assign_chars(cells: list[BBox], chars: Sequence[Char | None]) -> list[str]:
    """Each cell's text: the characters whose centres it holds (the first cell that holds
    one, in the lattice's order, takes it)."""
    buckets: list[list[Char]] = [[] for _ in cells]
    if cells:
        index = _CellIndex(cells)
        for char in chars:
            if char is not None:
                found = index.holding(char.cx, char.cy)
                if found is not None:
                    buckets[found].append(char)
    return [_chars_to_text(bucket) for bucket in buckets]


class _CellIndex:
    """Cells by bands of the page's height, to find the one holding a point."""

    BAND = 8.0

    def __init__(self, cells: list[BBox]) -> None:
        self.cells = cells
        self.bands: dict[int, list[int]] = {}
        for i, (_, top, _, bottom) in enumerate(cells):
            for band in range(int(top // self.BAND), int(bottom // self.BAND) + 1):
                self.bands.setdefault(band, []).append(i)

    def holding(self, cx: float, cy: float) -> int | None:
        for i in self.bands.get(int(cy // self.BAND), ()):
            x0, top, x1, bottom = self.cells[i]
            if x0 <= cx < x1 and top <= cy < bottom:
                return i
        return None


def _chars_to_text(chars: list[Char]) -> str:
    if not chars:
        return ""
    heights = sorted(c.bottom - c.top for c in chars if c.text.strip())
    tolerance = (heights[len(heights) // 2] if heights else 10.0) * 0.5
    ordered = sorted(chars, key=lambda c: (c.line_y, c.x0))
    lines: list[list[Char]] = []
    for char in ordered:
        if lines and abs(char.line_y - lines[-1][0].line_y) <= tolerance:
            lines[-1].append(char)
        else:
            lines.append([char])
    text_lines = ["".join(c.text for c in sorted(line, key=lambda c: c.x0)) for line in lines]
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text_lines).strip()


def _lines(
    text: str, chars: Sequence[Char | None], page: int, regions: list[BBox]
) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    start = 0
    for raw_line in re.split(r"(\r\n|\n|\r)", text):
        if raw_line in ("\r\n", "\n", "\r"):
            start += len(raw_line)
            continue
        end = start + len(raw_line)
        line = raw_line.strip()
        if line and not PAGE_FURNITURE.match(line):
            bbox = _bbox([c for c in chars[start:end] if c is not None]) if chars else None
            in_table = bbox is not None and _inside(bbox, regions)
            blocks.append(TextBlock(line, page=page, bbox=bbox, in_table=in_table))
        start = end
    return blocks


def _bbox(chars: list[Char]) -> BBox | None:
    if not chars:
        return None
    return (
        round(min(c.x0 for c in chars), 2),
        round(min(c.top for c in chars), 2),
        round(max(c.x1 for c in chars), 2),
        round(max(c.bottom for c in chars), 2),
    )


def _table_regions(grids: list[Grid]) -> list[BBox]:
    """Boxes of the cells that are real table cells (not a frame spanning a whole grid row)."""
    regions: list[BBox] = []
    for grid in grids:
        width = grid.n_cols
        regions.extend(c.bbox for c in grid.cells if c.bbox is not None and c.colspan < width)
    return regions


def _inside(bbox: BBox, regions: list[BBox]) -> bool:
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in regions)
