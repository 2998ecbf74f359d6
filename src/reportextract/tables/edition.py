"""An edition's own table (the pre-2019 政府信息公开情况统计表): grid rows → cells.

The table is whatever mappings/templates.yaml declares for the edition (its rows with
their label variants, its columns, the units a row prints after its label, what an
empty cell is), read the same way from every reader's grids: a row is known by its label
(the unit cell or the unit glued to the label set aside, the header words crawled text
glues in front ignored), its values placed under the header's columns where the grid has
geometry (HTML, DOCX, PDF) and in the columns' order otherwise (text). Where the printed
numbers can be read in more than one way — glued digits, or one number where the table
has two columns — every reading is weighed against the edition's rules and the figures
the narrative states (`reportextract.tables.weighing`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel

from ..caching import compile_pattern
from ..layout import Grid, GridCell
from ..model import Cell, Check, Figure
from ..template import RowSpec, TableSpec, best_choice, normalize_label, template_map
from ..template.checks import DUPLICATE_ROW, ROW_LAYOUT
from ..template.rules import Key
from .rows import RowView, row_views
from .values import parse_value
from .weighing import Evidence, PendingRow, Reading, settle, split_readings, statements

_COLUMN_MATCH = 0.9
_SECOND_BEST_MARGIN = 0.04
_DIGITS = compile_pattern(r"\d+")
_PART_OF = compile_pattern(r"^(?:其中)?\d*")  # 其中：1.网站公开, normalised: 其中1网站公开


@dataclass(slots=True)
class EditionTables:
    cells: list[Cell] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    unread: set[Key] = field(default_factory=set)


def _label_path(labels: Sequence[str]) -> str:
    return " › ".join(re.sub(r"\s+", "", text) for text in labels)


@lru_cache(maxsize=4096)
def _without_unit(words: str, spec: TableSpec) -> str:
    for unit in spec.units:
        if words.endswith(unit) and len(words) > len(unit):
            return words[: -len(unit)]
    return words


@lru_cache(maxsize=16384)
def match_row(words: str, spec: TableSpec, glued: bool = False) -> RowSpec | None:
    """The row a label names: its own words (其中 and a numbering before them set aside),
    with or without a unit after them; in crawled text, also a text ending with a row's
    label (the header's words glued in front). A longer label that only ends like a row's
    (其中：全文电子化的主动公开信息数) names another row."""
    words = _PART_OF.sub("", words)
    for candidate in dict.fromkeys((words, _without_unit(words, spec))):
        exact = [row for row in spec.rows if candidate in row.labels]
        if exact:
            return exact[0]  # type: ignore[return-value]
        endings = [
            (len(label), row)
            for row in spec.rows
            for label in row.labels
            if glued and len(label) >= 2 and candidate.endswith(label)
        ]
        if endings:
            return max(endings, key=lambda item: item[0])[1]  # type: ignore[return-value]
    # a label printed with a typo; not one that holds a row's label among more words
    bare = _without_unit(words, spec)
    scored = sorted(
        (
            (
                max((Indel.normalized_similarity(bare, label) for label in row.labels), default=0),
                row,
            )
            for row in spec.rows
        ),
        key=lambda item: item[0],
        reverse=True,
    )
    if not scored or scored[0][0] < 0.8:
        return None
    best_score, best = scored[0]
    runner_up = next((s for s, row in scored[1:] if row.code != best.code), 0.0)
    if best_score - runner_up < _SECOND_BEST_MARGIN and best_score < 1.0:
        return None
    return best  # type: ignore[return-value]


def _column_positions(view: RowView, spec: TableSpec) -> dict[str, int]:
    """Where a header row prints the table's columns (本年度/2017年度, 历年累计)."""
    found: dict[str, int] = {}
    for cell in view.labels:
        words = _DIGITS.sub("", normalize_label(cell.text).words)
        choice = best_choice(words, spec.columns, _COLUMN_MATCH) if words else None
        if choice and choice[0].code not in found:
            found[choice[0].code] = cell.col
    return found


def _unit_cell(text: str, spec: TableSpec) -> bool:
    return normalize_label(text).words in spec.units


class _TableReader:
    """One edition table over a document's grids."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.columns = spec.column_codes
        self.positions: dict[str, int] = {}
        self.width = 0
        self.found: dict[str, Cell] = {}
        self.cells: list[Cell] = []
        self.checks: list[Check] = []
        self.pending: list[PendingRow] = []
        self.sure: list[tuple[PendingRow, Reading]] = []

    def read(self, grid: Grid, index: int) -> None:
        views = row_views(grid, index)
        spaced = grid.glued and any(
            len(view.values[0].text.split()) > 1 for view in views if view.values
        )
        if grid.n_cols != self.width:
            self.positions, self.width = {}, grid.n_cols  # a table continued keeps its header
        for view in views:
            self._row(view, spaced)

    def _row(self, view: RowView, spaced: bool) -> None:
        labels = [text for text in view.label_texts if text.strip()]
        while labels and _unit_cell(labels[-1], self.spec) and len(labels) > 1:
            labels = labels[:-1]
        words = [w for w in (normalize_label(text).words for text in labels) if w]
        if not words:
            return
        if not view.grid.glued:
            positions = _column_positions(view, self.spec)
            if len(positions) >= 2 or (positions and not view.values):
                self.positions = positions
                return
        glued = view.grid.glued
        row = match_row(words[-1], self.spec, glued) or (
            match_row("".join(words), self.spec, glued) if len(words) > 1 else None
        )
        if row is None:
            return
        label = _label_path(view.label_texts)
        if view.grid.glued:
            source = view.values[0]
            self._readings(row, source.text.strip(), label, source, spaced)
        else:
            self._cells(row, view, label)

    def _readings(
        self, row: RowSpec, printed: str, label: str, source: GridCell, spaced: bool
    ) -> None:
        readings = split_readings(printed, len(self.columns), spaced)
        entry = PendingRow(
            self.spec.name, row.code, self.columns, printed, label, source.page, readings
        )
        if len(readings) == 1:
            self.sure.append((entry, readings[0]))
        else:
            self.pending.append(entry)

    def _cells(self, row: RowSpec, view: RowView, label: str) -> None:
        values = view.values
        if self.positions and view.grid.geometry:
            placed: list[GridCell | None] = [
                next((c for c in values if c.col <= self.positions[code] <= c.last_col), None)
                if code in self.positions
                else None
                for code in self.columns
            ]
        else:
            printed = [c for c in values if c.text.strip()]
            if self.spec.empty_cell != "absent":
                printed = values
            if not printed:
                return
            if len(printed) > len(self.columns):
                self._layout_check(row, view, len(printed))
                return
            if len(printed) < len(self.columns):
                # fewer numbers than columns and nothing to place them by: weigh each place
                texts = " ".join(c.text.strip() for c in printed)
                first = printed[0]
                self._readings(row, texts, label, first, spaced=True)
                return
            placed = list(printed)
        for code, cell in zip(self.columns, placed, strict=True):
            if cell is None:
                continue
            if not cell.text.strip() and self.spec.empty_cell == "absent":
                continue
            self._add(Cell(self.spec.name, row.code, code, 0.0, cell.text.strip()), cell, label)

    def _add(self, cell: Cell, source: GridCell, label: str) -> None:
        parsed = parse_value(source.text)
        if parsed is None:
            return
        cell.value = parsed.value
        cell.page, cell.bbox, cell.label = source.page, source.bbox, label
        cell.confidence, cell.alternatives = source.confidence, source.alternatives
        key = f"{cell.row_code}/{cell.col_code}"
        first = self.found.get(key)
        if first is not None:
            if first.value != cell.value:
                self.checks.append(
                    Check(
                        DUPLICATE_ROW.name,
                        cell.table,
                        key,
                        first.value,
                        cell.value,
                        False,
                        f"printed twice with different values ({first.text!r}, {cell.text!r}); "
                        "the first is kept",
                    )
                )
            return
        self.found[key] = cell
        self.cells.append(cell)

    def _layout_check(self, row: RowSpec, view: RowView, printed: int) -> None:
        self.checks.append(
            Check(
                ROW_LAYOUT.name,
                self.spec.name,
                row.code,
                float(len(self.columns)),
                float(printed),
                False,
                f"row {_label_path(view.label_texts)!r} prints {printed} values where the "
                f"table has {len(self.columns)} columns; its cells are left out",
            )
        )

    def finish(self, figures: Sequence[Figure]) -> EditionTables:
        for entry, reading in self.sure:
            self._emit(entry, reading)
        already = {(c.row_code, c.col_code) for c in self.cells}
        pending = [p for p in self.pending if not any((p.row, col) in already for col in p.columns)]
        sure = {(c.table, c.row_code, c.col_code): c.value for c in self.cells}
        evidence = Evidence(sure, statements(figures, [self.spec.name]))
        weighed = settle(
            pending, evidence, "with the report's rules and the figures its text states"
        )
        for entry, reading in weighed.cells:
            self._emit(entry, reading)
        result = EditionTables(self.cells, self.checks + weighed.checks)
        for entry in weighed.left_out:
            result.unread.update(entry.cell_keys())
        return result

    def _emit(self, entry: PendingRow, reading: Reading) -> None:
        for code, text in zip(entry.columns, reading.texts, strict=True):
            if text is None:
                continue
            source = GridCell(0, 0, text, page=entry.page)
            self._add(Cell(entry.table, entry.row, code, 0.0, text), source, entry.label)


def read_edition_tables(
    grids: Sequence[Grid], tables: Sequence[str], figures: Sequence[Figure] = ()
) -> EditionTables:
    """The cells of an edition's own tables (``tables``: their names in templates.yaml)."""
    result = EditionTables()
    tm = template_map()
    for name in tables:
        reader = _TableReader(tm.table(name))
        for index, grid in enumerate(grids):
            reader.read(grid, index)
        found = reader.finish(figures)
        result.cells += found.cells
        result.checks += found.checks
        result.unread |= found.unread
    return result
