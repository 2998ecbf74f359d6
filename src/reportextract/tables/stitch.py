"""Joining a table row that a page break cut in two.

Word and LibreOffice let a row break across pages: the top of its label (and often its
values) stays at the bottom of one page, the rest of the label continues at the top of
the next, under the table's repeated header or not. Seen as grids, the last row of one
page and the first data row of the next are two halves of one row. They are joined when
the second half starts without numbering, the joined label names a template row better
than the second half alone, and one of the halves prints no values. A note in a value
cell whose bracket the page break left open (213（其中废止后重 | 新制发76件）) is joined the
same way, and so is a number its narrow cell wrapped across the break (表四's 总计 19
printed 1 | 9): the next page's first row then prints no label, and only digits, each
under a number of the row above.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from ..layout import Grid, GridCell
from ..template import normalize_label, template_map
from ..template.vocabulary import vocabulary
from .rows import RowView, row_views

_ROW_MATCH = 0.8


def _words(view: RowView) -> list[str]:
    return [w for w in (normalize_label(c.text).words for c in view.labels) if w]


def _is_header(view: RowView) -> bool:
    joined = "".join(_words(view))
    blank_values = not any(c.text.strip() for c in view.values)
    return blank_values and any(word in joined for word in vocabulary().header_words)


def _row_score(words: str) -> float:
    """How well the words name a template row (of 表二 or 表三), 0..1."""
    tm = template_map()
    return max(spec.score(words) for spec in (*tm.requests_rows, *tm.proactive_rows))


def _blank(view: RowView) -> bool:
    return not any(c.text.strip() for c in view.values)


def _filled_rows(grid: Grid) -> list[RowView]:
    """The grid's rows that print a label or hold value cells."""
    return [v for v in row_views(grid) if v.labels or v.values]


def _halves(previous: Grid, following: Grid) -> tuple[RowView, RowView] | None:
    before, after = _filled_rows(previous), _filled_rows(following)
    if not before or not after:
        return None
    top = next((v for v in after if not _is_header(v)), None)
    bottom = before[-1]
    if top is None or not top.labels or not bottom.labels:
        return None
    if any(label.row < top.row for label in top.labels):
        return None
    if any(normalize_label(label.text).numbering for label in top.labels):
        return None
    if top.labels[-1].last_row != top.row:
        return None  # a group label spanning the rows below, not the rest of a row's label
    fragment = _words(top)[-1]
    start = normalize_label(bottom.labels[-1].text).words
    joined_score = _row_score(start + fragment)
    if start and _row_score(start) >= _ROW_MATCH:
        return None  # the row above is whole
    if joined_score < _ROW_MATCH or joined_score < _row_score(fragment):
        return None
    if not (_blank(top) or _blank(bottom)) or not _aligned(bottom, top):
        return None
    return bottom, top


def _unclosed(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _same_column(upper: GridCell, lower: GridCell) -> bool:
    if upper.bbox is None or lower.bbox is None:
        return upper.col <= lower.col <= upper.last_col
    middle = (lower.bbox[0] + lower.bbox[2]) / 2
    return upper.bbox[0] <= middle <= upper.bbox[2]


def _note_halves(previous: Grid, following: Grid) -> tuple[RowView, RowView] | None:
    """A note in a value cell (213（其中废止后重 | 新制发76件）) continued on the next page."""
    before, after = _filled_rows(previous), _filled_rows(following)
    if not before or not after:
        return None
    bottom, top = before[-1], after[0]
    cells = [c for c in (*top.labels, *top.values) if c.text.strip() and c.row == top.row]
    open_cells = [c for c in (*bottom.labels, *bottom.values) if _unclosed(c.text)]
    if not cells or not open_cells:
        return None
    if all(any(_same_column(upper, cell) for upper in open_cells) for cell in cells):
        return bottom, top
    return None


def _join_notes(bottom: RowView, top: RowView) -> None:
    for upper in (*bottom.labels, *bottom.values):
        if not _unclosed(upper.text):
            continue
        for lower in (*top.labels, *top.values):
            if _same_column(upper, lower) and lower.text.strip():
                upper.text = upper.text + lower.text


def _number_halves(previous: Grid, following: Grid) -> tuple[RowView, RowView] | None:
    """The rest of a row's numbers, wrapped in their cells, continued on the next page."""
    before, after = _filled_rows(previous), _filled_rows(following)
    top = next((v for v in after if not _blank(v)), None)
    if not before or top is None or top.labels or _blank(before[-1]):
        return None
    bottom = before[-1]
    upper = [c for c in bottom.values if c.text.strip().isdigit()]
    lower = [c for c in top.values if c.text.strip()]
    if len(lower) >= len(upper) or not all(c.text.strip().isdigit() for c in lower):
        return None
    if all(sum(_same_column(u, c) for u in upper) == 1 for c in lower):
        return bottom, top
    return None


def _join_numbers(bottom: RowView, top: RowView) -> None:
    for lower in top.values:
        for upper in bottom.values:
            if lower.text.strip() and upper.text.strip().isdigit() and _same_column(upper, lower):
                upper.text = upper.text.strip() + lower.text.strip()


def _remove_row(grid: Grid, row: int) -> None:
    kept: list[GridCell] = []
    for cell in grid.cells:
        if cell.row == row and cell.rowspan == 1:
            continue
        if cell.row <= row <= cell.last_row:
            cell.rowspan -= 1
        elif cell.row > row:
            cell.row -= 1
        kept.append(cell)
    grid.cells = kept


def _aligned(bottom: RowView, top: RowView) -> bool:
    """The two halves' value cells stand in the same columns of the page, as far as the
    grids' columns may drift from page to page (a scanned page sits a few points off the
    one before it)."""
    if len(bottom.values) != len(top.values):
        return False
    tolerance = max(bottom.grid.drift or 0.0, top.grid.drift or 0.0)
    for upper, lower in zip(bottom.values, top.values, strict=True):
        if upper.bbox is None or lower.bbox is None:
            if (upper.col, upper.last_col) != (lower.col, lower.last_col):
                return False
        elif (
            abs(upper.bbox[0] - lower.bbox[0]) > tolerance
            or abs(upper.bbox[2] - lower.bbox[2]) > tolerance
        ):
            return False
    return True


def _join(bottom: RowView, top: RowView) -> None:
    bottom.labels[-1].text = bottom.labels[-1].text + top.labels[-1].text
    for upper, lower in zip(bottom.values, top.values, strict=True):
        if not lower.text.strip():
            continue
        if upper.text.strip():
            upper.text = upper.text + lower.text
        else:
            upper.text, upper.page, upper.bbox, upper.confidence, upper.alternatives = (
                lower.text,
                lower.page,
                lower.bbox,
                lower.confidence,
                lower.alternatives,
            )
            upper.image = lower.image


def stitch_page_breaks(grids: Sequence[Grid]) -> list[Grid]:
    """The grids with every row cut by a page break joined into the page where it starts."""
    out = list(grids)
    for index in range(len(out) - 1):
        previous, following = out[index], out[index + 1]
        if previous.drift is None or following.drift is None:
            continue  # no page boxes: the rows of a page break cannot be told apart
        if previous.page is None or following.page != previous.page + 1:
            continue
        for find, join in (
            (_note_halves, _join_notes),
            (_halves, _join),
            (_number_halves, _join_numbers),
        ):
            if find(previous, following) is None:
                continue
            previous, following = copy.deepcopy(previous), copy.deepcopy(following)
            out[index], out[index + 1] = previous, following
            halves = find(previous, following)
            assert halves is not None
            join(*halves)
            _remove_row(following, halves[1].row)
            break
    return out
