"""The one representation every reader produces.

A `Layout` is a document reduced to what extraction needs: pages, text blocks in
reading order, and grids whose cells keep their row, column, spans, printed text,
page and (for PDFs) bounding box. Table rebuilding, narrative parsing and metadata
all work on a `Layout`, never on a file format.

Coordinates are PDF points with the origin at the top-left of the page
(pdfplumber's convention): ``(x0, top, x1, bottom)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None
    # other readings of a number OCR was unsure of, with their probabilities
    alternatives: tuple[tuple[str, float], ...] = ()
    # the picture file the cell was read from (a web page's image, a DOCX's media part);
    # its bbox is then in that picture's pixels
    image: str | None = None

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


@dataclass(slots=True)
class Grid:
    """A table as a grid of cells; merged cells are single cells with spans.

    What the grid can tell, as its reader knows it: ``geometry``, its columns stand where
    its header's are (a value cell is placed by its column, not by counting); ``glued``,
    each row's last cell holds the row's values as one run of digits, unsplit; ``drift``,
    for cells boxed on their page, how far (points) a column may stand from where it
    stood on the page before (None: no page boxes). ``picture``, for a table read from
    a picture in a document without pages (a web page, a Word file), the picture's
    number among the document's table pictures (its cells' boxes are in its pixels).
    """

    cells: list[GridCell]
    page: int | None = None
    bbox: BBox | None = None
    geometry: bool = False
    glued: bool = False
    drift: float | None = None
    picture: int | None = None

    @property
    def n_rows(self) -> int:
        return max((c.last_row + 1 for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.last_col + 1 for c in self.cells), default=0)

    def rows(self) -> list[list[GridCell]]:
        """Cells starting in each row, left to right."""
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out

    def covering(self, row: int, col: int) -> GridCell | None:
        """The cell that covers position (row, col), whether it starts there or spans over it."""
        for cell in self.cells:
            if cell.row <= row <= cell.last_row and cell.col <= col <= cell.last_col:
                return cell
        return None


@dataclass(slots=True)
class TextBlock:
    """A run of text (a line or a paragraph) in reading order."""

    text: str
    page: int | None = None
    bbox: BBox | None = None
    in_table: bool = False


@dataclass(slots=True)
class Page:
    number: int
    width: float | None = None
    height: float | None = None
    ocr: bool = False


@dataclass(slots=True)
class Layout:
    """A document as pages, text blocks in reading order and grids.

    ``items`` keeps blocks and grids interleaved in reading order, so that stages which
    care about order (the table rebuilder walks grids in order; narrative reads text)
    need not re-sort. ``metadata`` holds what the container says about the document
    (PDF info, an HTML <title>, a crawler's header block) for the metadata stage.
    """

    format: str
    pages: list[Page] = field(default_factory=list)
    items: list[TextBlock | Grid] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # pictures that may hold a table but could not be read, and why (the report says so
    # when a table is missing)
    unread_pictures: list[str] = field(default_factory=list)

    @property
    def blocks(self) -> list[TextBlock]:
        return [item for item in self.items if isinstance(item, TextBlock)]

    @property
    def grids(self) -> list[Grid]:
        return [item for item in self.items if isinstance(item, Grid)]

    def narrative_blocks(self) -> Iterator[TextBlock]:
        """Text blocks outside tables, in reading order."""
        return (b for b in self.blocks if not b.in_table)


@dataclass(slots=True)
class DocumentText:
    """The narrative text of a document as one string, with the page of every offset.

    Figures' ``char_start``/``char_end`` are offsets into ``text``. ``table_text`` holds the
    words of the document's tables (what the narrative can take as stated elsewhere).
    """

    text: str
    page_starts: list[tuple[int, int | None]]
    table_text: str = ""

    def page_at(self, offset: int) -> int | None:
        page: int | None = None
        for start, number in self.page_starts:
            if start > offset:
                break
            page = number
        return page


def document_text(layout: Layout) -> DocumentText:
    """Join the narrative blocks with newlines, remembering where each page starts."""
    parts: list[str] = []
    page_starts: list[tuple[int, int | None]] = []
    offset = 0
    current: int | None = -1
    for block in layout.narrative_blocks():
        if block.page != current:
            page_starts.append((offset, block.page))
            current = block.page
        parts.append(block.text)
        offset += len(block.text) + 1
    table_text = "\n".join(cell.text for grid in layout.grids for cell in grid.cells)
    return DocumentText("\n".join(parts), page_starts, table_text)
