"""表四 at a page's foot: its header with no number under it, its row on the next page or
printed blank (every cell zero)."""

from __future__ import annotations

from collections.abc import Sequence

from ...layout import Grid, GridCell
from ...template import normalize_label, template_map
from ..pdf_geometry import PAGE_FURNITURE
from .bands import Band
from .cells import page_grid
from .columns import Columns, appeals_columns
from .regions import prose
from .settings import BorderlessSettings
from .words import Line, Word, box_of, numbers_line


def blank_appeals_row(
    grid: Grid, columns: Columns, height: float, settings: BorderlessSettings
) -> None:
    """表四's header left at a page's foot and the next page going on with text: the
    table's one row printed nothing, every cell a blank (zero), under the header."""
    assert grid.bbox is not None
    x0, top, x1, foot = grid.bbox
    end = foot + settings.appeals_blank_height * height
    grid.cells += appeals_row([], columns, (foot, end), grid.page or 0)
    grid.bbox = (x0, top, x1, end)


def opens_with_text(lines: Sequence[Line], height: float, settings: BorderlessSettings) -> bool:
    """The page begins with text, not with a line of numbers (nor the page's furniture)."""
    first = next((ln for ln in lines if not PAGE_FURNITURE.match(ln.text.replace(" ", ""))), None)
    return (
        first is not None
        and not numbers_line(first, height, settings)
        and len(first.values()) < len(first.words)
    )


def appeals_edge(band: Band, settings: BorderlessSettings) -> float | None:
    """表四 has no label column: under its header (行政复议 … 行政诉讼) every column is a
    number column, even those left of the first number printed."""
    markers = set(template_map().appeals_markers)
    words = [w for line in band.header for w in line.words]
    if sum(normalize_label(w.text).words in markers for w in words) < 2:
        return None
    left = min(w.x0 for w in [*words, *(w for line in band.rows for w in line.words)])
    return left - settings.snap


def appeals_header_below(
    lines: Sequence[Line],
    grids: Sequence[Grid],
    height: float,
    page: int,
    settings: BorderlessSettings,
) -> tuple[Grid, Columns | None, bool] | None:
    """表四's header with no number under it on the page: a grid of its header words, so
    that numbers on the next page are known as 表四's, and its columns where the header's
    narrow words show all of them. Where the page goes on after the header, the table
    ended there, and the grid holds its one row under the header: the numbers of a row
    that prints fewer than two (a sparse row, or the rest of a row that the page break
    cut), or a row that printed nothing, every cell a blank (zero)."""
    bottom = max((g.bbox[3] for g in grids if g.bbox), default=0.0)
    markers = set(template_map().appeals_markers)
    for index, line in enumerate(lines):
        if line.top <= bottom or len(line.words) < 2 or prose(line, lines, settings):
            continue
        if sum(normalize_label(w.text).words in markers for w in line.words) < 2:
            continue
        below = [ln for ln in lines[index:] if not PAGE_FURNITURE.match(ln.text.replace(" ", ""))]
        if any(numbers_line(ln, height, settings) for ln in below):
            return None
        gap = settings.appeals_row_gap * height
        header = [below[0]]
        for ln in below[1:]:
            if prose(ln, lines, settings) or ln.top - header[-1].bottom > gap or ln.values():
                break
            header.append(ln)
        after = below[len(header) :]
        cells = [
            GridCell(0, k, w.text, page=page, bbox=box_of([w]))
            for k, w in enumerate(sorted(line.words, key=lambda w: w.x0))
        ]
        columns = appeals_columns([w for ln in header[1:] for w in ln.words], height, settings)
        x0, top, x1, foot = box_of([w for ln in header for w in ln.words])
        first = after[0] if after else None
        numbers = first is not None and len(first.values()) == len(first.words)
        row = first if first and numbers and first.top - foot <= gap else None
        text = [ln for ln in after if len(ln.values()) < len(ln.words)]  # not a page number
        if columns is None or not (row or text):
            return (
                page_grid(cells, page, (x0, top, x1, foot)),
                columns,
                False,
            )
        reach = foot + settings.appeals_blank_reach * height
        end = row.bottom if row else max(foot, min(text[0].top, reach))
        cells += appeals_row(row.words if row else [], columns, (foot, end), page)
        return page_grid(cells, page, (x0, top, x1, end)), columns, True
    return None


def appeals_row(
    words: Sequence[Word], columns: Columns, band: tuple[float, float], page: int
) -> list[GridCell]:
    """表四's one row under its header: each number in its column, the rest blank."""
    placed = {columns.nearest(w.cx): w for w in words}
    return [
        GridCell(1, k, placed[k].text, page=page, bbox=box_of([placed[k]]))
        if k in placed
        else GridCell(1, k, "", page=page, bbox=(x0, band[0], x1, band[1]))
        for k, (x0, x1) in enumerate(columns.spans)
    ]
