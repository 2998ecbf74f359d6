"""Plain-text exports: lines of narrative, table rows as tab-separated cells.

Text exports of Word/PDF reports (and crawlers' page text) put each table row on a
line with its cells separated by tabs; consecutive such lines form a grid. A form feed
starts a new page. A crawler's header block (``标题: …`` lines above
``==== 正文 ====``) becomes metadata.
"""

from __future__ import annotations

import re

from ..layout import Grid, GridCell, Layout, Page, TextBlock
from .glued import split_glued_tables

_BODY_MARKER = re.compile(r"^=+\s*正文\s*=+\s*$")
_HEADER_LINE = re.compile(r"^([^:：\t]{1,12})[:：]\s*(.*)$")
_PAGE_FOOTER = re.compile(r"^\s*[-—–]\s*\d{1,3}\s*[-—–]\s*$")


def split_crawler_header(text: str) -> tuple[dict[str, str], str]:
    """The crawler's ``key: value`` header above a ``==== 正文 ====`` line, and the body."""
    lines = text.split("\n")
    for index, line in enumerate(lines[:40]):
        if _BODY_MARKER.match(line.strip()):
            header: dict[str, str] = {}
            for raw in lines[:index]:
                match = _HEADER_LINE.match(raw.strip())
                if match:
                    header[match.group(1).strip()] = match.group(2).strip()
            return header, "\n".join(lines[index + 1 :])
    return {}, text


def read_text(text: str) -> Layout:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    header, body = split_crawler_header(text)
    layout = Layout(format="txt", metadata={f"header:{k}": v for k, v in header.items()})
    pages = body.split("\f")
    paged = len(pages) > 1
    for page_index, page_text in enumerate(pages, start=1):
        page_number = page_index if paged else None
        if paged:
            layout.pages.append(Page(page_index))
        rows: list[list[str]] = []
        for line in page_text.split("\n"):
            if "\t" in line:
                rows.append(line.split("\t"))
                continue
            if rows:
                layout.items.append(_grid(rows, page_number))
                rows = []
            stripped = line.strip()
            if stripped and not _PAGE_FOOTER.match(stripped):
                layout.items.append(TextBlock(stripped, page=page_number))
        if rows:
            layout.items.append(_grid(rows, page_number))
    if not paged:
        layout.pages.append(Page(1))
    if not layout.grids:
        layout = split_glued_tables(layout)
    return layout


def _grid(rows: list[list[str]], page: int | None) -> Grid:
    cells = [
        GridCell(row=r, col=c, text=text.strip(), page=page)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    return Grid(cells=cells, page=page)
