"""Rebuilding the template tables from grids: grid rows → canonical cells.

The rebuilder walks every grid of a document in reading order as one stream of rows,
so a table that continues on the next page (with or without its header, with a merged
label cut in two by the break) needs no special stitching: each row is recognised by
its own label path, with the group of the rows above as context. Values are placed in
columns by the header's positions where the grid has real geometry (PDF, HTML, DOCX)
and by the template's column order otherwise (text exports).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..caching import compile_pattern
from ..layout import Grid, GridCell, Layout
from ..model import Cell, Check, Figure
from ..template import (
    Choice,
    Edition,
    Label,
    RowSpec,
    TemplateMap,
    best_choice,
    normalize_label,
    similarity,
    template_map,
)
from ..template.checks import (
    DUPLICATE_ROW,
    GLUED_SPLIT,
    ROW_LAYOUT,
    UNMATCHED_ROW,
    UNREADABLE_VALUE,
)
from ..template.rules import complete, instances, line_test, row_keys
from .edition import read_edition_tables
from .glued import ColumnKind, Rule, readings
from .rows import RowView, row_views
from .stitch import stitch_page_breaks
from .values import parse_value

_SECOND_BEST_MARGIN = 0.04
_GROUP_NUMBER = compile_pattern(r"\(([一二三四五六七八九十]+)\)[、.]?")
_OPEN_GROUP_NUMBER = compile_pattern(r"\(([一二三四五六七八九十]+)")


# The tables this rebuilder reads; an edition's own tables (templates.yaml sections) are
# read by reportextract.tables.edition.
NATIONAL_TABLES = ("proactive", "requests", "appeals")


@dataclass(slots=True)
class TablesResult:
    template: str | None
    cells: list[Cell] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    # cells printed but not read (rows left out with a check saying why)
    unread: set[tuple[str, str, str]] = field(default_factory=set)

    @property
    def tables_found(self) -> set[str]:
        return {cell.table for cell in self.cells}


def _own_tables(edition: Edition) -> tuple[str, ...]:
    return tuple(name for name in edition.tables if name not in NATIONAL_TABLES)


def detect_template(grids: Sequence[Grid], year: int | None) -> str | None:
    """'2019' or '2021' from the header words of table 2, else from the report year; a
    report of an edition with tables of its own (pre-2019: its 统计表) by its year, or
    where the year is unknown by the header words only that edition prints."""
    tm = template_map()
    by_year = tm.edition_for_year(year) if year is not None else None
    if by_year is not None and _own_tables(by_year):
        return by_year.name
    words = {normalize_label(cell.text).words for grid in grids for cell in grid.cells}
    words.discard("")
    votes = {
        name: sum(
            1
            for marker in markers
            if any(marker in w or similarity(w, marker) >= 0.85 for w in words)
        )
        for name, markers in tm.template_markers.items()
        if year is None or not _own_tables(tm.edition(name))
    }
    best = max(votes.items(), key=lambda item: item[1])
    if best[1] > 0 and list(votes.values()).count(best[1]) == 1:
        return best[0]
    if year is not None and year >= 2019:
        return "2019" if year <= 2020 else "2021"
    return None


def _printed(cell: GridCell) -> str:
    return cell.text.strip()


def _label_path(view: RowView) -> str:
    return " › ".join(re.sub(r"\s+", "", text) for text in view.label_texts)


def fit_sequential(
    values: Sequence[GridCell], expected: int, rule: Rule | None = None
) -> list[GridCell] | None:
    """The row's value cells in template order, dropping blank padding at either end.

    Where a row has more cells than the template, the extra ones must be blank; of the
    ways to drop them, one that satisfies the row's rule wins, else the one dropping
    leading blanks (a merged label's padding) before trailing ones (a blank 总计).
    """
    cells = list(values)
    extra = len(cells) - expected
    if extra < 0:
        return None
    windows = [
        cells[start : start + expected]
        for start in range(extra, -1, -1)
        if not any(c.text.strip() for c in cells[:start] + cells[start + expected :])
    ]
    if not windows:
        return None
    if rule is not None:
        for window in windows:
            numbers = [parse_value(c.text) for c in window]
            if all(numbers) and rule([n.value for n in numbers if n]):
                return window
    return windows[0]


def _fit_positional(
    view: RowView, columns: dict[str, int], order: Sequence[str]
) -> list[GridCell] | None:
    placed: list[GridCell] = []
    for code in order:
        col = columns.get(code)
        if col is None:
            return None
        cell = next((c for c in view.values if c.col <= col <= c.last_col), None)
        if cell is None or any(cell is other for other in placed):
            return None
        placed.append(cell)
    return placed


@dataclass(slots=True)
class _Context:
    tm: TemplateMap
    template: str | None
    group: str | None = None
    columns: dict[str, int] | None = None
    columns_width: int = 0
    appeals_header: bool = False
    appeals_done: bool = False
    result: TablesResult = field(default_factory=lambda: TablesResult(None))
    seen: dict[tuple[str, str], list[Cell]] = field(default_factory=dict)
    glued_requests: list[tuple[RowSpec, RowView, list[list[str]]]] = field(default_factory=list)
    appeals_blank: RowView | None = None
    # The template table (requests, proactive) the stream of rows is in, from the last row
    # or header recognised; the tables recognised in the current grid; and the rows of the
    # current grid that print values under a label naming no template row.
    table: str | None = None
    grid_tables: set[str] = field(default_factory=set)
    unmatched: list[tuple[str, RowView, int]] = field(default_factory=list)
    # an unmatched row that ends its grid: its label may go on at the top of the next page
    cut: tuple[str, RowView, int] | None = None


def _suffix_choice(leaf: str, choices: Sequence[RowSpec]) -> tuple[RowSpec, float] | None:
    """In glued text a row label follows the table's header words: match it as a suffix."""
    best: tuple[RowSpec, float] | None = None
    for spec in choices:
        for label in spec.labels:
            if leaf.endswith(label) and (best is None or len(label) > len(best[0].labels[0])):
                best = (spec, 1.0)
    return best


@lru_cache(maxsize=16384)
def _best_proactive(leaf: str, tm: TemplateMap) -> tuple[RowSpec, float] | None:
    return best_choice(leaf, tm.proactive_rows)


@lru_cache(maxsize=16384)
def _is_appeals_marker(words: str, tm: TemplateMap) -> bool:
    return best_choice(words, [Choice("m", tm.appeals_markers)], 0.95) is not None


@lru_cache(maxsize=16384)
def _match_group(words: str, tm: TemplateMap) -> str | None:
    found = best_choice(words, tm.requests_groups, threshold=0.85)
    return found[0].code if found else None


@lru_cache(maxsize=16384)
def _best_row(
    leaf: str, specs: Sequence[RowSpec], group: str | None
) -> tuple[RowSpec, float] | None:
    scored: list[tuple[float, RowSpec]] = []
    for spec in specs:
        score = spec.score(leaf)
        if spec.generic:
            if score < 0.95 or (spec.group is not None and spec.group != group):
                continue
        elif spec.group is not None and group is not None and spec.group != group:
            score -= 0.15
        scored.append((score, spec))
    scored.sort(key=lambda item: item[0], reverse=True)
    if not scored or scored[0][0] < 0.8:
        return None
    best_score, best = scored[0]
    runner_up = next((s for s, spec in scored[1:] if spec.code != best.code), 0.0)
    if best_score - runner_up < _SECOND_BEST_MARGIN and best_score < 1.0:
        return None
    return best, best_score


def _split_leaf(view: RowView) -> str | None:
    """The words of a row's label printed across its last two label cells, when those are
    side by side and both start in the row: one label cut in two (a scanned label's
    stroke taken for a column rule: (七)总 | 计), to be matched whole."""
    if len(view.labels) < 2:
        return None
    left, right = view.labels[-2], view.labels[-1]
    if left.row != view.row or right.row != view.row or left.last_col + 1 != right.col:
        return None
    return normalize_label(left.text + right.text).words or None


def _requests_columns(views: Sequence[RowView], tm: TemplateMap) -> dict[str, int] | None:
    """Header positions of the applicant columns, read from the header rows of a grid."""
    found: dict[str, int] = {}
    for view in views:
        if sum(1 for cell in view.values if parse_value(cell.text) and cell.text.strip()) >= 3:
            break
        for cell in view.labels:
            words = normalize_label(cell.text).words
            choice = best_choice(words, tm.requests_columns, threshold=0.9)
            if choice and choice[0].code not in found:
                found[choice[0].code] = cell.col
    if {"natural_person", "total"} <= found.keys() and len(found) >= 6:
        return found
    return None


class _Rebuilder:
    def __init__(self, template: str | None) -> None:
        self.ctx = _Context(template_map(), template)
        self.ctx.result.template = template

    def run(self, grids: Sequence[Grid]) -> TablesResult:
        for index, grid in enumerate(grids):
            views = row_views(grid, index)
            self.ctx.grid_tables = set()
            self._grid_columns(grid, views)
            for view in views:
                self._row(view)
            self._unmatched_checks(views)
        if self.ctx.cut is not None:
            self._unmatched_check(*self.ctx.cut)
        self._resolve_glued_requests()
        self._blank_appeals()
        return self.ctx.result

    def _blank_appeals(self) -> None:
        """表四 printed with every cell blank (all zero), when no row under it prints a number."""
        ctx = self.ctx
        if ctx.appeals_done or ctx.appeals_blank is None:
            return
        view = ctx.appeals_blank
        cells = fit_sequential(view.values, len(ctx.tm.appeals_column_pairs))
        if cells is not None:
            for (branch, outcome), cell in zip(ctx.tm.appeals_column_pairs, cells, strict=True):
                self._add(Cell("appeals", branch, outcome, 0.0, _printed(cell)), cell, view)
            ctx.appeals_done = True

    def _grid_columns(self, grid: Grid, views: Sequence[RowView]) -> None:
        ctx = self.ctx
        if not grid.geometry:
            ctx.columns = None
            return
        columns = _requests_columns(views, ctx.tm)
        if columns is not None:
            ctx.columns, ctx.columns_width = columns, grid.n_cols
            self._in_table("requests")
        elif ctx.columns is not None and ctx.columns_width != grid.n_cols:
            ctx.columns = None

    def _row(self, view: RowView) -> None:
        ctx = self.ctx
        labels = [normalize_label(text) for text in view.label_texts]
        labels = [label for label in labels if label.words or label.numbering]
        words = [label.words for label in labels if label.words]
        if self._appeals(view, words):
            return
        if not words:
            return
        if ctx.cut is not None and view.grid is not ctx.cut[1].grid and view.values:
            cut, ctx.cut = ctx.cut, None
            if self._finishes(cut[1], view):
                return
            self._unmatched_check(*cut)
        leaf_label = next(label for label in reversed(labels) if label.words)
        for label in labels:
            if label is not leaf_label:
                self._group_label(label)
        leaf = words[-1]
        leaf_group = _match_group(leaf, ctx.tm)
        if not view.values:
            if leaf_group:
                ctx.group = leaf_group
                self._in_table("requests")
            return
        glued = view.grid.glued
        proactive = (glued and _suffix_choice(leaf, ctx.tm.proactive_rows)) or _best_proactive(
            leaf, ctx.tm
        )
        requests = _best_row(leaf, ctx.tm.requests_rows, ctx.group)
        if proactive is None and requests is None and not leaf_group and not glued:
            whole = _split_leaf(view)
            if whole:
                proactive = _best_proactive(whole, ctx.tm)
                requests = _best_row(whole, ctx.tm.requests_rows, ctx.group)
        if proactive and (requests is None or proactive[1] > requests[1]):
            self._proactive_row(view, proactive[0])
        elif requests:
            self._requests_row(view, requests[0])
        elif leaf_group:
            ctx.group = leaf_group
            self._in_table("requests")
        elif not glued:
            self._unmatched(view)

    def _in_table(self, table: str | None) -> None:
        self.ctx.table = table
        if table is not None:
            self.ctx.grid_tables.add(table)

    def _unmatched(self, view: RowView) -> None:
        """A row of 表二 or 表三 that prints values under a label naming no template row: kept
        until the end of its grid (see _unmatched_checks). Not before either table's first
        row or header, nor from 表四's header on."""
        ctx = self.ctx
        if ctx.table is None or ctx.appeals_header:
            return
        # a printed zero mark (—, /) counts: a row of zeros lost is a row lost
        printed = sum(1 for cell in view.values if cell.text.strip())
        if printed:
            ctx.unmatched.append((ctx.table, view, printed))

    def _unmatched_checks(self, views: Sequence[RowView]) -> None:
        """The unmatched rows of a grid, reported where the grid holds rows or the header of
        their table (a grid after the table, a narrative table, is not the table's). The
        grid's last row is held back: its label may end on the next page (一、本年 |
        新收政府信息公开申请数量)."""
        ctx = self.ctx
        last = next((v for v in reversed(views) if v.numeric_count()), None)
        for entry in ctx.unmatched:
            if entry[0] not in ctx.grid_tables:
                continue
            if entry[1] is last:
                ctx.cut = entry
            else:
                self._unmatched_check(*entry)
        ctx.unmatched.clear()

    def _finishes(self, cut: RowView, view: RowView) -> bool:
        """The first row of a grid that prints no number and whose label, after the label of
        the row cut at the end of the previous grid, names a template row: the cut row's
        numbers are that row's."""
        if any(parse_value(cell.text) for cell in view.values if cell.text.strip()):
            return False
        joined = normalize_label(cut.label_texts[-1] + view.label_texts[-1]).words
        requests = _best_row(joined, self.ctx.tm.requests_rows, self.ctx.group)
        proactive = _best_proactive(joined, self.ctx.tm)
        if proactive and (requests is None or proactive[1] > requests[1]):
            self._proactive_row(cut, proactive[0])
        elif requests:
            self._requests_row(cut, requests[0])
        else:
            return False
        return True

    def _unmatched_check(self, table: str, view: RowView, printed: int) -> None:
        page = next((c.page for c in view.values if c.page is not None), view.grid.page)
        self.ctx.result.checks.append(
            Check(
                UNMATCHED_ROW.name,
                table,
                _label_path(view),
                None,
                float(printed),
                False,
                f"row {_label_path(view)!r} on page {page} prints {printed} "
                f"value{'s' if printed != 1 else ''} but its label names no row of the "
                f"{table} table; its cells are left out",
            )
        )

    def _group_label(self, label: Label) -> None:
        """A group label above the row's own: sets the group, or makes it unknown when the
        label is numbered like a group ((三)) but cannot be read."""
        ctx = self.ctx
        group = _match_group(label.words, ctx.tm) if label.words else None
        # numbered like a group: （三）, or its numbering cut by a page break: （四 | ）无法提供
        number = _GROUP_NUMBER.fullmatch(label.numbering) or _OPEN_GROUP_NUMBER.fullmatch(
            label.words
        )
        if group is None and number:
            rest = label.words if label.numbering else ""
            candidate = ctx.tm.requests_group_numbers.get(number.group(1))
            labels = next((c.labels for c in ctx.tm.requests_groups if c.code == candidate), ())
            if candidate and (not rest or any(lab.startswith(rest) for lab in labels)):
                group = candidate
            ctx.group = group
        elif group is not None:
            ctx.group = group
        if group is not None:
            self._in_table("requests")

    def _candidate(self, view: RowView, expected: int) -> bool:
        """Whether a template row prints its values: some value, or a blank cell for every
        column (a blank cell is a zero; a text export pads rows with extra empty cells)."""
        numeric = sum(1 for cell in view.values if cell.text.strip() and parse_value(cell.text))
        return numeric > 0 or len(view.values) >= expected

    def _proactive_row(self, view: RowView, spec: RowSpec) -> None:
        self._in_table("proactive")
        template = self.ctx.template or "2021"
        columns = spec.columns_by_template.get(template)
        if columns is None:
            columns = next(iter(spec.columns_by_template.values()))
        if view.grid.glued:
            kinds = [ColumnKind(decimal=c == "amount", signed=c == "items_change") for c in columns]
            found = readings(view.values[0].text, kinds)
            self._emit_glued("proactive", spec.code, columns, found, view)
            return
        if not self._candidate(view, len(columns)):
            return
        cells = fit_sequential(view.values, len(columns))
        self._emit("proactive", spec.code, columns, cells, view)

    def _requests_row(self, view: RowView, spec: RowSpec) -> None:
        ctx = self.ctx
        order = ctx.tm.requests_column_codes
        self._in_table("requests")
        if spec.group:
            ctx.group = spec.group
        if view.grid.glued:
            found = readings(view.values[0].text, [ColumnKind()] * len(order), _row_test(spec.code))
            if len(found) > 1:
                ctx.glued_requests.append((spec, view, found))
            else:
                self._emit_glued("requests", spec.code, order, found, view)
            return
        if not self._candidate(view, len(order)):
            return
        cells = None
        if ctx.columns is not None and view.grid.geometry:
            cells = _fit_positional(view, ctx.columns, order)
        if cells is None:
            cells = fit_sequential(view.values, len(order), _row_test(spec.code))
        self._emit("requests", spec.code, order, cells, view)

    def _appeals(self, view: RowView, words: list[str]) -> bool:
        ctx = self.ctx
        if ctx.appeals_done:
            return False
        pairs = ctx.tm.appeals_column_pairs
        if view.grid.glued:
            joined = "".join(words)
            if not all(marker in joined for marker in ctx.tm.appeals_markers):
                return False
            found = readings(view.values[0].text, [ColumnKind()] * len(pairs), _appeals_test())
            self._emit_glued("appeals", "data_row", [f"{b}/{o}" for b, o in pairs], found, view)
            ctx.appeals_done = True
            return True
        if any(_is_appeals_marker(w, ctx.tm) for w in words):
            ctx.appeals_header = True
            self._in_table(None)
            return True
        if not ctx.appeals_header or words:
            return False
        if not any(cell.text.strip() for cell in view.values):
            if ctx.appeals_blank is None and fit_sequential(view.values, len(pairs)) is not None:
                ctx.appeals_blank = view
            return False
        cells = fit_sequential(view.values, len(pairs), _appeals_test())
        if cells is None and len(view.values) < len(pairs) // 2:
            return False
        if cells is None:
            self._layout_check("appeals", "data_row", len(pairs), view)
        else:
            for (branch, outcome), cell in zip(pairs, cells, strict=True):
                self._add(Cell("appeals", branch, outcome, 0.0, _printed(cell)), cell, view)
        ctx.appeals_done = True
        return True

    def _emit(
        self,
        table: str,
        row_code: str,
        columns: Sequence[str],
        cells: list[GridCell] | None,
        view: RowView,
    ) -> None:
        if cells is None:
            self._layout_check(table, row_code, len(columns), view)
            return
        for col_code, cell in zip(columns, cells, strict=True):
            self._add(Cell(table, row_code, col_code, 0.0, _printed(cell)), cell, view)

    def _emit_glued(
        self,
        table: str,
        row_code: str,
        columns: Sequence[str],
        found: list[list[str]],
        view: RowView,
        detail: str = "",
    ) -> None:
        source = view.values[0]
        if len(found) != 1:
            run = source.text
            reason = (
                f"the glued digits {run!r} of row {_label_path(view)!r} can be read in "
                f"{len(found)} ways that satisfy every rule"
                if found
                else f"no reading of the glued digits {run!r} of row {_label_path(view)!r} "
                f"as {len(columns)} numbers satisfies the template's rules"
            )
            self.ctx.result.checks.append(
                Check(
                    GLUED_SPLIT.name,
                    table,
                    row_code,
                    None,
                    float(len(found)),
                    None,
                    "not applicable: " + reason + "; its cells are left out",
                )
            )
            return
        for column, text in zip(columns, found[0], strict=True):
            branch_code, _, col_code = (
                column.rpartition("/") if "/" in column else (row_code, "", column)
            )
            part = GridCell(
                source.row, source.col, text, page=source.page, bbox=source.bbox, image=source.image
            )
            self._add(Cell(table, branch_code, col_code, 0.0, text), part, view)
        if detail:
            self.ctx.result.checks.append(
                Check(GLUED_SPLIT.name, table, row_code, None, None, True, detail)
            )

    def _resolve_glued_requests(self) -> None:
        """Rows of glued 表三 with several readings: try the columns' rules on them together."""
        pending = self.ctx.glued_requests
        if not pending:
            return
        order = self.ctx.tm.requests_column_codes
        known: dict[str, list[float]] = {}
        for cell in self.ctx.result.cells:
            if cell.table == "requests":
                known.setdefault(cell.row_code, [0.0] * len(order))[order.index(cell.col_code)] = (
                    cell.value
                )
        combos = 1
        for _, _, found in pending:
            combos *= len(found)
        solutions: list[tuple[list[str], ...]] = []
        if combos <= 200_000:
            for choice in itertools.product(*(found for _, _, found in pending)):
                table = dict(known)
                for (spec, _, _), values in zip(pending, choice, strict=True):
                    table[spec.code] = [float(v) for v in values]
                if _columns_hold(table, order):
                    solutions.append(choice)
        for index, (spec, view, found) in enumerate(pending):
            agreed = {tuple(solution[index]) for solution in solutions}
            if len(agreed) == 1:
                reading = [list(next(iter(agreed)))]
                detail = (
                    f"the glued digits {view.values[0].text!r} have {len(found)} readings that "
                    "satisfy the row's total; the columns' totals leave one"
                )
                self._emit_glued("requests", spec.code, order, reading, view, detail)
            else:
                self._emit_glued("requests", spec.code, order, found, view)

    def _add(self, cell: Cell, source: GridCell, view: RowView) -> None:
        parsed = parse_value(source.text)
        if parsed is None:
            self.ctx.result.checks.append(
                Check(
                    UNREADABLE_VALUE.name,
                    cell.table,
                    f"{cell.row_code}/{cell.col_code}",
                    None,
                    None,
                    False,
                    f"cell prints {source.text.strip()!r}, which is not a number; left out",
                )
            )
            return
        cell.value = parsed.value
        cell.page = source.page
        cell.bbox = source.bbox
        cell.image = source.image
        cell.confidence = source.confidence
        cell.alternatives = source.alternatives
        cell.label = _label_path(view)
        key = (cell.table, f"{cell.row_code}/{cell.col_code}")
        previous = self.ctx.seen.get(key)
        if previous:
            if previous[0].value != cell.value:
                self.ctx.result.checks.append(
                    Check(
                        DUPLICATE_ROW.name,
                        cell.table,
                        key[1],
                        previous[0].value,
                        cell.value,
                        False,
                        f"printed twice with different values ({previous[0].text!r} on page "
                        f"{previous[0].page}, {cell.text!r} on page {cell.page}); the first is kept",
                    )
                )
            return
        self.ctx.seen[key] = [cell]
        self.ctx.result.cells.append(cell)

    def _layout_check(self, table: str, scope: str, expected: int, view: RowView) -> None:
        self.ctx.result.checks.append(
            Check(
                ROW_LAYOUT.name,
                table,
                scope,
                float(expected),
                float(len(view.values)),
                False,
                f"row {_label_path(view)!r} prints {len(view.values)} value cells where the "
                f"template has {expected}; its cells are left out",
            )
        )


@cache
def _row_test(row: str) -> Rule:
    """The template's rules on one row of 表三, its values in column order."""
    return line_test(row_keys("requests", row))


@cache
def _appeals_test() -> Rule:
    """The template's rules on 表四's one data row, its values in column order."""
    return line_test(tuple(("appeals", b, o) for b, o in template_map().appeals_column_pairs))


def _columns_hold(table: dict[str, list[float]], order: Sequence[str]) -> bool:
    """The template's column rules of 表三 (（七）总计, the balance), where every cell they
    name is present."""
    values = {
        ("requests", row, col): value
        for row, numbers in table.items()
        for col, value in zip(order, numbers, strict=True)
    }
    found = complete(instances(values, each="column"), values)
    return all(instance.holds(values) for instance in found)


def rebuild_tables(
    layout: Layout, year: int | None = None, figures: Sequence[Figure] = ()
) -> TablesResult:
    """The template's tables a document prints, as cells. ``figures``: what its text
    states, to weigh the readings of an edition's own table against."""
    grids = stitch_page_breaks(layout.grids)
    template = detect_template(grids, year)
    edition = template_map().edition(template) if template is not None else None
    if edition is not None and _own_tables(edition):
        own = read_edition_tables(grids, _own_tables(edition), figures)
        return TablesResult(template, own.cells, own.checks, own.unread)
    return _Rebuilder(template).run(grids)
