"""Tables drawn without inner rules (an outer border only, or none), from text positions.

A Word export whose table has no inner borders gives pdfplumber's lattice nothing to
work with. The template's tables are still easy to see in the text: rows of isolated
numbers in aligned columns, labels on their left, header words above.

- Rows: every line that prints numbers is a data row. Label lines are attached to the
  data row they stand beside (labels that wrap are centred on their numbers).
- Columns: the numbers' centres, clustered; header words span the columns under them.
  Label "lanes" (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密) are cut where label
  words on one line leave a gap; a word in the last lane is a row's own label, a word in
  an earlier lane is a group label and spans the rows it stands beside, down to the next
  group label of its lane.
- Bands: a line without numbers that reaches into the number columns after some data
  rows (第二十条第（五）项, a new header) starts a new set of columns (表二's sections).

The result is a `Grid` like the lattice reader's (with geometry, bboxes in points), so
the table rebuilder reads it unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ...layout import BBox, Grid
from ..pdf_geometry import Char
from .appeals import appeals_edge, appeals_header_below, blank_appeals_row, opens_with_text
from .bands import Band, bands_of, first_label_lines
from .cells import band_grid
from .columns import Columns, continues_columns, find_columns
from .regions import table_regions
from .settings import DEFAULT, BorderlessSettings
from .words import Line, line_height, lines_of, numbers_line

__all__ = [
    "DEFAULT",
    "BorderlessPage",
    "BorderlessSettings",
    "Continuation",
    "find_tables_without_rules",
]


@dataclass(slots=True)
class Continuation:
    """What a table without rules leaves to the next page: the number columns of its last
    band, for a continuation that prints no header (and leaves whole columns blank)."""

    columns: Columns | None = None
    open: bool = False  # the previous page ended in such a table (or its header)
    appeals: Grid | None = None  # 表四's header at the previous page's foot, its row to come


@dataclass(slots=True)
class BorderlessPage:
    """What each phase found on one page: the lines, the regions that hold tables, the
    bands of each region with their number columns, and the grids made of them."""

    page: int
    height: float = 0.0
    lines: list[Line] = field(default_factory=list)
    regions: list[list[Line]] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)

    def boxes(self) -> Iterator[tuple[str, BBox]]:
        """(phase, box) of everything found, for drawing on the page: each line, each
        region, each band's number columns, each grid."""
        for line in self.lines:
            yield "line", (line.x0, line.top, line.x1, line.bottom)
        for region in self.regions:
            yield "region", _around(region)
        for band in self.bands:
            if band.columns is None:
                continue
            top, bottom = _around(band.rows)[1::2]
            for x0, x1 in band.columns.spans:
                yield "column", (x0, top, x1, bottom)
        for grid in self.grids:
            if grid.bbox is not None:
                yield "grid", grid.bbox


def _around(lines: Sequence[Line]) -> BBox:
    return (
        min(ln.x0 for ln in lines),
        min(ln.top for ln in lines),
        max(ln.x1 for ln in lines),
        max(ln.bottom for ln in lines),
    )


def find_tables_without_rules(
    chars: Sequence[Char | None],
    edges: Sequence[dict[str, object]],
    page: int,
    exclude: Sequence[BBox] = (),
    continuation: Continuation | None = None,
    settings: BorderlessSettings = DEFAULT,
) -> BorderlessPage:
    """The page's tables that have no inner rules, and what each phase found on the way.

    ``chars`` and ``edges`` are the page's characters and ruling segments
    (`pdf_geometry.page_chars` / `page_edges`); ``exclude`` are the boxes of tables the
    lattice already found on the page; ``continuation`` carries columns from the
    previous page to this one and on to the next.
    """
    found = BorderlessPage(page)
    carried = continuation.columns if continuation else None
    continued = bool(continuation and continuation.open)
    pending = continuation.appeals if continuation else None
    if continuation:
        continuation.columns, continuation.open, continuation.appeals = None, False, None
    lines = found.lines = lines_of(chars, settings)
    if not lines:
        return found
    height = found.height = line_height(lines, settings)
    if pending is not None and carried is not None and opens_with_text(lines, height, settings):
        blank_appeals_row(pending, carried, height, settings)
    grids = found.grids
    found.regions = table_regions(lines, edges, exclude, continued, settings)
    for region in found.regions:
        numbers = [
            w for line in region if numbers_line(line, height, settings) for w in line.values()
        ]
        if not numbers:
            continue
        # 无 is a value only where numbers stand, not a character of a label that came apart
        marks = [w for w in numbers if w.text.strip() != "无"]
        boundary = min(w.x0 for w in marks or numbers) - settings.snap
        for band in bands_of(region, boundary, settings):
            first_label_lines(band, boundary)
            edge = band.edge = appeals_edge(band, settings) or boundary
            columns = find_columns(band.rows, band.header, edge, height, settings)
            fragments = all(
                len(w.text) <= settings.fragment_chars for line in band.header for w in line.words
            )
            if (
                not grids
                and fragments
                and carried
                and continues_columns(columns, carried, height, settings)
            ):
                columns = carried
            carried = None
            band.columns = columns
            found.bands.append(band)
            grids.append(band_grid(band, columns, edge, height, page, settings))
            if continuation:
                continuation.columns, continuation.open = columns, True
    below = appeals_header_below(lines, grids, height, page, settings)
    if below is not None:
        header, header_columns, ended = below
        grids.append(header)
        if continuation:
            continuation.columns, continuation.open = header_columns, not ended
            continuation.appeals = None if ended else header
    return found
