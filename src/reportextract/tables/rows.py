"""Grids as a stream of rows, each split into its label path and its value cells.

A row's label path is every label cell that covers the row, left to right, including
merged cells that span down from rows above (三、本年度办理结果 › （三）不予公开 ›
1.属于国家秘密). Its value cells are the cells right of the last label that start in
this row. In a ``glued`` grid (crawled text) the last cell of a row is its unsplit run of
digits.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import Grid, GridCell
from .values import is_value_text


@dataclass(slots=True)
class RowView:
    grid_index: int
    grid: Grid
    row: int
    labels: list[GridCell]
    values: list[GridCell]

    @property
    def label_texts(self) -> list[str]:
        return [cell.text for cell in self.labels]

    def numeric_count(self) -> int:
        return sum(1 for cell in self.values if cell.text.strip())


def occupancy(grid: Grid) -> list[list[GridCell | None]]:
    """For every (row, col), the cell covering it; later cells never overwrite earlier ones."""
    n_rows, n_cols = grid.n_rows, grid.n_cols
    matrix: list[list[GridCell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for cell in grid.cells:
        for r in range(cell.row, min(cell.last_row + 1, n_rows)):
            row = matrix[r]
            for c in range(cell.col, min(cell.last_col + 1, n_cols)):
                if row[c] is None:
                    row[c] = cell
    return matrix


def _is_label(cell: GridCell) -> bool:
    text = cell.text.strip()
    return bool(text) and not is_value_text(text)


def row_views(grid: Grid, grid_index: int = 0) -> list[RowView]:
    matrix = occupancy(grid)
    views: list[RowView] = []
    for r, covering in enumerate(matrix):
        distinct: list[GridCell] = []
        seen: set[int] = set()
        for cell in covering:
            if cell is not None and id(cell) not in seen:
                seen.add(id(cell))
                distinct.append(cell)
        if grid.glued and distinct:
            views.append(RowView(grid_index, grid, r, distinct[:-1], distinct[-1:]))
            continue
        last_label = max((i for i, cell in enumerate(distinct) if _is_label(cell)), default=-1)
        labels = [cell for cell in distinct[: last_label + 1] if cell.text.strip()]
        values = [cell for cell in distinct[last_label + 1 :] if cell.row == r]
        views.append(RowView(grid_index, grid, r, labels, values))
    return views
