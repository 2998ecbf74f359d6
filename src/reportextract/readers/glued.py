"""Crawled page text whose table cells are glued together with no separator.

A crawler that flattens a web page writes 表三's row 一、本年新收政府信息公开申请数量 as
``…申请数量21710000218`` (217, 1, 0, 0, 0, 0, 218). This module finds the span of
the text that holds the template's tables, cuts it into rows — a label path and the
run of digits after it — and hands them on as a ``glued`` grid, one value cell per row
holding the unsplit run. Splitting the run into numbers needs the
template's arithmetic, so the table rebuilder does it (`reportextract.tables.glued`).
"""

from __future__ import annotations

import itertools
import re

from ..layout import Grid, GridCell, Layout, TextBlock
from ..template.vocabulary import vocabulary

_RUN = re.compile(r"-?\d[\d\s.\-]*")
_TRAILING_NUMBERING = re.compile(r"(\d)\s*[.、．]$")
_MARK_AFTER_RUN = ("、", "．")
_UNIT = re.compile(r"^\s*(?:万元|元)")
_NUMBERING_MARK = re.compile(
    r"[一二三四五六七八九十]+\s*、"
    r"|(?<!第)[（(]\s*[一二三四五六七八九十]+\s*[)）](?!\s*项)"
    r"|(?<![\d])\d\s*[.、．](?=\s*[^\d\s])"
)
_CJK_OR_QUOTE = re.compile(r"[\u4e00-\u9fff“\"（(]")
_MIN_ROWS = 5


def find_table_span(text: str) -> tuple[int, int] | None:
    """Where the tables start and end in a flattened report, if they look glued: the
    first of the editions' spans (templates.yaml, vocabulary.crawled_tables) that prints
    its tables' words."""
    for tables in vocabulary().crawled_tables:
        start = tables.start.search(text)
        if not start:
            continue
        end = tables.end.search(text, start.end()) if tables.end else None
        stop = end.start() if end else len(text)
        if tables.markers.search(text, start.start(), stop):
            return start.start(), stop
    return None


def _label_cells(label: str) -> list[str]:
    """A glued label split at its numbering marks: ['三、本年度办理结果', '（一）予以公开']."""
    starts = [m.start() for m in _NUMBERING_MARK.finditer(label)]
    bounds = [0, *[s for s in starts if s > 0], len(label)]
    parts = [label[a:b].strip() for a, b in itertools.pairwise(bounds)]
    return [p for p in parts if p]


def glued_rows(segment: str) -> list[tuple[list[str], str]]:
    """(label cells, digit run) for every run of digits in the table span."""
    rows: list[tuple[list[str], str]] = []
    label_start = 0
    carry = ""
    for match in _RUN.finditer(segment):
        run = match.group(0)
        end = match.end()
        after = segment[end : end + 1]
        numbering = ""
        trailing = _TRAILING_NUMBERING.search(run.rstrip())
        if trailing and _CJK_OR_QUOTE.match(after or ""):
            numbering = run.rstrip()[trailing.start() :]
            run = run.rstrip()[: trailing.start()]
        elif (
            after in _MARK_AFTER_RUN
            and run.rstrip()[-1:].isdigit()
            and _CJK_OR_QUOTE.match(segment[end + 1 : end + 2])
        ):
            # the next row's numbering, its mark outside the run: …2122100372、政府公报…
            numbering = run.rstrip()[-1] + after
            run = run.rstrip()[:-1]
            end += 1
        label = carry + segment[label_start : match.start()]
        unit = _UNIT.match(segment, end)
        if run.strip() and re.search(r"\d", run):
            if unit:
                run += unit.group(0).strip()
                end = unit.end()
            rows.append((_label_cells(label), run.strip()))
            carry = numbering
        else:
            carry = label + (numbering or match.group(0))
        label_start = end
    return rows


def split_glued_tables(layout: Layout) -> Layout:
    """Replace the glued table span of a text layout's blocks by a ``glued`` grid."""
    blocks = [item for item in layout.items if isinstance(item, TextBlock)]
    if len(blocks) != len(layout.items):
        return layout
    for index, block in enumerate(blocks):
        span = find_table_span(block.text)
        if span is None:
            continue
        rows = glued_rows(block.text[span[0] : span[1]])
        if len(rows) < _MIN_ROWS:
            continue
        cells: list[GridCell] = []
        for r, (labels, run) in enumerate(rows):
            for c, text in enumerate(labels):
                cells.append(GridCell(r, c, text, page=block.page))
            cells.append(GridCell(r, len(labels), run, page=block.page))
        before = block.text[: span[0]].strip()
        after = block.text[span[1] :].strip()
        replacement: list[TextBlock | Grid] = []
        if before:
            replacement.append(TextBlock(before, page=block.page))
        replacement.append(Grid(cells=cells, page=block.page, glued=True))
        if after:
            replacement.append(TextBlock(after, page=block.page))
        layout.items[index : index + 1] = replacement
        return layout
    return layout
