"""Plain-text export: paragraphs as lines, table rows as tab-separated cells.

Two conventions for merged cells, as real exports show: one field per grid column
(a merged cell's text, then empty fields for the columns it spans) or one field per
Word cell (a horizontally merged cell is one field; a vertically merged cell gives an
empty field on the rows it continues into). Optionally a crawler's header block and
paragraphs broken by a page break, as in crawled or copied text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from .grids import TableGrid
from .report import (
    COPY_TO,
    DATE,
    DOC_NUMBER,
    HEADING,
    NOTE,
    PAGE_BREAK,
    PARA,
    REDHEAD,
    SIGNATURE,
    TABLE,
    TITLE,
    SynthReport,
)

_UNSAFE_TO_SPLIT = re.compile(r"[0-9０-９零一二两三四五六七八九十百千万]|申请|复议|诉讼|公开")


@dataclass(slots=True)
class Rendered:
    """A rendered document and what it shows beyond the report body."""

    data: bytes
    published_shown: bool
    doc_number_shown: bool
    notes: list[str] = field(default_factory=list)


def table_rows(grid: TableGrid, per_column: bool) -> list[list[str]]:
    """The grid as rows of field texts (line breaks inside a cell removed)."""
    out: list[list[str]] = []
    for r in range(grid.n_rows):
        fields: list[str] = []
        c = 0
        while c < grid.n_cols:
            cell = next(
                (x for x in grid.cells if x.row <= r <= x.row + x.rowspan - 1 and x.col == c), None
            )
            if cell is None:
                fields.append("")
                c += 1
                continue
            text = cell.text.replace("\n", "") if cell.row == r else ""
            fields.append(text)
            if per_column:
                fields.extend([""] * (cell.colspan - 1))
            c += cell.colspan
        out.append(fields)
    return out


def _split_paragraph(rng: random.Random, text: str) -> str:
    """Break a paragraph as a page break does in copied text, away from any number."""
    if len(text) < 60 or _UNSAFE_TO_SPLIT.search(text[20:-20]) is not None:
        return text
    position = rng.randint(20, len(text) - 20)
    return text[:position] + "\n\n" + text[position:]


def render_text(report: SynthReport) -> Rendered:
    rng = report.rng("txt")
    per_column = rng.random() < 0.5
    trailing_tab = rng.random() < 0.4
    blank_lines = rng.random() < 0.7
    crawler = rng.random() < 0.25
    newline = "\r\n" if rng.random() < 0.15 else "\n"
    content = report.content
    lines: list[str] = []
    notes = [
        "Text export: table rows tab-separated, "
        + (
            "one field per grid column (merged cells padded)."
            if per_column
            else "one field per Word cell."
        )
    ]
    if crawler:
        date = content.published
        lines += [
            f"标题: {content.title}",
            f"发布时间: {date.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}",
            f"文号: {content.doc_number if report.presentation.wrapper else ''}",
            f"发布机构: {content.issuer.office}",
            "栏目: 政府信息公开年报",
            f"原文链接: http://{content.issuer.domain}/zwgk/zfxxgknb/{date.year}{date.month:02d}/t{date:%Y%m%d}_{rng.randint(10000, 99999)}.html",
            "=" * 20 + " 正文 " + "=" * 20,
        ]
        notes.append("Crawler header block (标题/发布时间/文号/…) before the text.")
    for block in report.blocks:
        if block.kind == TABLE and block.grid is not None:
            for fields in table_rows(block.grid, per_column):
                lines.append("\t".join(fields) + ("\t" if trailing_tab else ""))
        elif block.kind == PAGE_BREAK:
            continue
        elif block.kind == PARA and rng.random() < 0.15:
            lines.append(_split_paragraph(rng, block.text))
        elif (
            block.kind
            in (TITLE, PARA, HEADING, REDHEAD, DOC_NUMBER, SIGNATURE, DATE, NOTE, COPY_TO)
            or block.text
        ):
            lines.append(block.text)
        if (blank_lines and block.kind != TABLE) or block.kind == TABLE:
            lines.append("")
    text = newline.join(lines).rstrip() + newline
    pres = report.presentation
    return Rendered(
        text.encode("utf-8"),
        published_shown=pres.wrapper or pres.date_printed or crawler,
        doc_number_shown=pres.wrapper,
        notes=notes,
    )
