"""Phase 6: a band → a `Grid` of header, label and value cells with spans and boxes."""

from __future__ import annotations

from collections.abc import Sequence

from ...layout import BBox, Grid, GridCell
from ..pdf_geometry import COLUMN_DRIFT, around
from .bands import Band
from .columns import Columns
from .labels import (
    FIRST_CHILD,
    Item,
    assign_leaves,
    blocks_of,
    lane_spans,
    split_labels,
    with_blank_rows,
)
from .settings import BorderlessSettings
from .words import Line, Word, box_of, join_words


def band_grid(
    band: Band,
    columns: Columns,
    boundary: float,
    height: float,
    page: int,
    settings: BorderlessSettings,
) -> Grid:
    label_lines = sorted([*band.rows, *band.labels], key=lambda line: line.top)
    own, lanes = split_labels(label_lines, boundary, height, settings)
    leaf_col = len(lanes)
    first_value_col = leaf_col + 1
    cells: list[GridCell] = []

    header = _header_cells(band.header, columns, boundary, first_value_col, page, settings)
    cells.extend(header)
    offset = max((c.last_row + 1 for c in header), default=0)

    items = [Item(words) for words in own if words]
    rows = with_blank_rows(band.rows, items, height, settings)
    assigned, leading = assign_leaves(items, rows, height, settings)
    if leading:
        words = [w for item in leading for w in item.words]
        text = join_words(words, settings)
        cells.append(GridCell(offset, leaf_col, text, page=page, bbox=box_of(words)))
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        cells.extend(value_cells(columns, [], top, bottom, offset, first_value_col, page))
        offset += 1
    for r, line in enumerate(rows):
        values = [w for w in line.words if w.is_value and w.x0 >= boundary]
        cells.extend(
            value_cells(columns, values, line.top, line.bottom, offset + r, first_value_col, page)
        )
        words = [w for item in assigned[r] for w in item.words]
        if words:
            text = join_words(words, settings)
            cells.append(GridCell(offset + r, leaf_col, text, page=page, bbox=box_of(words)))
    restarts = {
        r: min(i.top for i in assigned[r])
        for r in range(len(rows))
        if FIRST_CHILD.match("".join(i.text for i in assigned[r]))
    }
    for lane, words in enumerate(lanes):
        blocks = blocks_of(words, height, settings)
        for block, (first_row, last_row) in zip(
            blocks, lane_spans(blocks, rows, restarts), strict=True
        ):
            if first_row > last_row:
                continue
            cells.append(
                GridCell(
                    offset + first_row,
                    lane,
                    join_words(block, settings),
                    rowspan=last_row - first_row + 1,
                    page=page,
                    bbox=box_of(block),
                )
            )
    return page_grid(without_overlaps(cells), page, around(c.bbox for c in cells if c.bbox))


def value_cells(
    columns: Columns,
    values: Sequence[Word],
    top: float,
    bottom: float,
    row: int,
    first_col: int,
    page: int,
) -> list[GridCell]:
    """One cell per number column (blank where the row prints nothing), boxed by the column."""
    by_column: dict[int, list[Word]] = {}
    for word in values:
        by_column.setdefault(columns.nearest(word.cx), []).append(word)
    cells = []
    for k, (x0, x1) in enumerate(columns.spans):
        found = sorted(by_column.get(k, []), key=lambda w: w.x0)
        bbox = (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
        cells.append(
            GridCell(row, first_col + k, " ".join(w.text for w in found), page=page, bbox=bbox)
        )
    return cells


def _header_cells(
    header: Sequence[Line],
    columns: Columns,
    boundary: float,
    first_value_col: int,
    page: int,
    settings: BorderlessSettings,
) -> list[GridCell]:
    """Header words as cells over the columns they span; a header printed over several
    lines (商业 / 企业) is one cell. Header words over the labels span the label columns."""
    pieces: list[tuple[int, int, Word]] = []
    for line in header:
        for word in line.words:
            if word.cx >= boundary:
                first, last = columns.covered(word, settings.snap)
                pieces.append((first_value_col + first, first_value_col + last, word))
            else:
                pieces.append((0, first_value_col - 1, word))
    merged: list[tuple[int, int, list[Word]]] = []
    for first, last, word in sorted(pieces, key=lambda p: (p[2].top, p[2].x0)):
        for entry in merged:
            below = word.top - max(w.bottom for w in entry[2])
            leading = settings.header_leading * (word.bottom - word.top)
            if entry[0] == first and entry[1] == last and below <= leading:
                entry[2].append(word)
                break
        else:
            merged.append((first, last, [word]))
    levels = sorted({round(line.top, 1) for line in header})
    cells = []
    for first, last, words in merged:
        top = min(w.top for w in words)
        bottom = max(w.bottom for w in words)
        row = min(range(len(levels)), key=lambda i: abs(levels[i] - top))
        # a degenerate box (no height, its top rounded past its bottom) ends where it starts
        last_row = max((i for i, level in enumerate(levels) if level <= bottom), default=row)
        cells.append(
            GridCell(
                row,
                first,
                join_words(words, settings),
                rowspan=max(1, last_row - row + 1),
                colspan=last - first + 1,
                page=page,
                bbox=box_of(words),
            )
        )
    return cells


def without_overlaps(cells: list[GridCell]) -> list[GridCell]:
    """Drop cells whose position another cell already covers (a grid has one cell per slot)."""
    taken: set[tuple[int, int]] = set()
    kept = []
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        slots = {
            (r, c)
            for r in range(cell.row, cell.last_row + 1)
            for c in range(cell.col, cell.last_col + 1)
        }
        if slots & taken:
            continue
        taken |= slots
        kept.append(cell)
    return kept


def page_grid(cells: list[GridCell], page: int, bbox: BBox) -> Grid:
    return Grid(cells=cells, page=page, bbox=bbox, geometry=True, drift=COLUMN_DRIFT)
