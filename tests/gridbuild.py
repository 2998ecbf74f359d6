"""Grids for tests: built by hand (rows of cells with spans, like HTML tables), and read back
as where each cell stands."""

from __future__ import annotations

from typing import Any

from reportextract.layout import Grid, GridCell
from reportextract.readers.borderless import find_tables_without_rules

Spec = str | tuple[str, int, int]
Placement = tuple[int, int, int, int]  # row, col, rowspan, colspan
# What a grid can tell, as each kind of reader makes it.
LIKE: dict[str, dict] = {
    "pdf": {"geometry": True, "drift": 4.0},
    "html": {"geometry": True},
    "text": {},
    "glued": {"glued": True},
}


def grid(rows: list[list[Spec]], like: str = "pdf", page: int = 1) -> Grid:
    """Each cell is 'text' or (text, rowspan, colspan); positions are filled like HTML; the
    grid can tell what a grid read from a document ``like`` this can."""
    occupied: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    for r, row in enumerate(rows):
        c = 0
        for spec in row:
            text, rowspan, colspan = (spec, 1, 1) if isinstance(spec, str) else spec
            while (r, c) in occupied:
                c += 1
            cells.append(GridCell(r, c, text, rowspan, colspan, page=page))
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    occupied.add((rr, cc))
            c += colspan
    return Grid(cells=cells, page=page, **LIKE[like])


def placements(grid: Grid) -> dict[str, Placement]:
    """Each cell's text and where it stands: (row, col, rowspan, colspan)."""
    return {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in grid.cells}


def grids_without_rules(*args: Any, **kwargs: Any) -> list[Grid]:
    """The grids of a page's tables without rules (`find_tables_without_rules`)."""
    return find_tables_without_rules(*args, **kwargs).grids
