"""Word documents with python-docx: real merged cells and an office's varied page setup.

Merged cells are made with `cell.merge`, which writes gridSpan and vMerge as Word
does. Fonts, sizes, column widths, margins and line spacing vary per report, so that
表三 breaks across pages at different rows; its header rows repeat on every page in
some reports and not in others. Header rows stay with the row after them, and body
rows with a minimum height under a vertically merged cell are never broken across
pages (LibreOffice cannot lay either out). Footers carry the page number ('- 4 -').
The zip is written with fixed timestamps so that the same report gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from .grids import ROLE_LABEL, ROLE_VALUE, TableGrid
from .render_text import Rendered
from .report import (
    COPY_TO,
    DATE,
    DOC_NUMBER,
    HEADING,
    NOTE,
    NOTICE_BODY,
    NOTICE_TITLE,
    PAGE_BREAK,
    PARA,
    REDHEAD,
    SIGNATURE,
    TABLE,
    TITLE,
    SynthReport,
)

BODY_FONTS = ("仿宋_GB2312", "仿宋", "宋体", "方正仿宋_GBK", "FangSong")
HEADING_FONTS = ("黑体", "方正黑体_GBK", "SimHei")
TITLE_FONTS = ("方正小标宋简体", "方正小标宋_GBK", "宋体", "华文中宋")
TABLE_FONTS = ("宋体", "仿宋_GB2312", "仿宋", "Times New Roman")
AUTHORS = ("Administrator", "user", "admin", "政务公开办", "微软用户", "dell")

BORDERS_FULL = "full"
BORDERS_NONE = "none"
BORDERS_OUTER = "outer"
RELAYOUT_MARGIN = 1.0  # cm added to the bottom margin when a report is laid out again
_AFTER_CANT_SPLIT = (
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
)


@dataclass(frozen=True, slots=True)
class PageStyle:
    top: float  # cm
    bottom: float
    side: float
    body_font: str
    heading_font: str
    title_font: str
    table_font: str
    body_size: float  # pt
    title_size: float
    table_size: float
    line_exact: float | None  # exact line spacing in pt, or None for a multiple
    line_multiple: float
    space_after: float  # pt after each paragraph
    repeat_header: bool
    breaks_as_paragraphs: bool  # a line break inside a cell: new paragraph (else w:br)
    label_align_left: bool
    footer: str  # '- {} -', '—{}—', '{}', '第{}页'
    footer_align: str
    width_jitter: float
    row_height: float | None  # minimum table row height in cm


def random_page_style(rng: random.Random) -> PageStyle:
    exact = rng.random() < 0.55
    return PageStyle(
        top=rng.uniform(2.0, 3.7),
        bottom=rng.uniform(1.8, 3.5),
        side=rng.uniform(1.6, 2.8),
        body_font=rng.choice(BODY_FONTS),
        heading_font=rng.choice(HEADING_FONTS),
        title_font=rng.choice(TITLE_FONTS),
        table_font=rng.choice(TABLE_FONTS),
        body_size=rng.choice((12, 14, 15, 16, 16)),
        title_size=rng.choice((18, 20, 22, 22)),
        table_size=rng.choice((8, 9, 10, 10.5, 11, 12)),
        line_exact=rng.choice((22.0, 26.0, 28.0, 28.95, 30.0)) if exact else None,
        line_multiple=rng.choice((1.0, 1.15, 1.25, 1.5)),
        space_after=rng.choice((0, 0, 3, 6)),
        repeat_header=rng.random() < 0.45,
        breaks_as_paragraphs=rng.random() < 0.6,
        label_align_left=rng.random() < 0.4,
        footer=rng.choice(("- {} -", "- {} -", "—{}—", "{}", "第{}页")),
        footer_align=rng.choice(("center", "center", "right")),
        width_jitter=rng.uniform(0.0, 0.25),
        row_height=rng.choice((None, 0.5, 0.6, 0.7, 0.8)),
    )


def _set_fonts(run_or_style_element: object, east_asia: str, latin: str | None = None) -> None:
    element = run_or_style_element
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    latin = latin or ("Times New Roman" if east_asia not in ("Times New Roman",) else east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _run(
    paragraph: Paragraph,
    text: str,
    font: str,
    size: float,
    bold: bool = False,
    color: RGBColor | None = None,
) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if color is not None:
        run.font.color.rgb = color
    _set_fonts(run._r, font)


def _spacing(paragraph: Paragraph, style: PageStyle, indent: bool) -> None:
    fmt = paragraph.paragraph_format
    if style.line_exact is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(style.line_exact)
    else:
        fmt.line_spacing = style.line_multiple
    fmt.space_after = Pt(style.space_after)
    fmt.space_before = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(style.body_size * 2)


def _page_field(paragraph: Paragraph, template: str, font: str) -> None:
    before, _, after = template.partition("{}")
    if before:
        _run(paragraph, before, font, 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    if after:
        _run(paragraph, after, font, 14)


def _borders(table: Table, mode: str) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        inner = edge.startswith("inside")
        if mode == BORDERS_NONE or (mode == BORDERS_OUTER and inner):
            element.set(qn("w:val"), "nil")
        else:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def _cell_text(paragraph_holder: object, text: str, style: PageStyle, align_left: bool) -> None:
    cell = paragraph_holder
    lines = text.split("\n")
    first = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraphs = [first]
    if style.breaks_as_paragraphs:
        for _ in lines[1:]:
            paragraphs.append(cell.add_paragraph())  # type: ignore[attr-defined]
        pieces = [[line] for line in lines]
    else:
        pieces = [lines]
    for paragraph, chunk in zip(paragraphs, pieces, strict=True):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if align_left else WD_ALIGN_PARAGRAPH.CENTER
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(0)
        fmt.space_before = Pt(0)
        fmt.line_spacing = 1.0
        for index, line in enumerate(chunk):
            if index:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            if line:
                _run(paragraph, line, style.table_font, style.table_size)


def _table(
    document: object,
    grid: TableGrid,
    style: PageStyle,
    width: int,
    rng: random.Random,
    borders: str,
) -> None:
    table = document.add_table(rows=grid.n_rows, cols=grid.n_cols)  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if borders == BORDERS_FULL:
        table.style = "Table Grid"
    else:
        _borders(table, borders)
    weights = [
        w * (1 + rng.uniform(-style.width_jitter, style.width_jitter)) for w in grid.col_weights
    ]
    widths = [int(width * w / sum(weights)) for w in weights]
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = Emu(column_width)
    n = grid.n_cols
    # table.cell() rebuilds the whole cell list on every call; index one list instead.
    # Merge regions never overlap, so each corner cell is still in the table when merged.
    unmerged = table._cells
    for spec in grid.cells:
        if spec.rowspan > 1 or spec.colspan > 1:
            bottom_right = unmerged[(spec.row + spec.rowspan - 1) * n + spec.col + spec.colspan - 1]
            unmerged[spec.row * n + spec.col].merge(bottom_right)
    merged = table._cells
    for spec in grid.cells:
        cell = merged[spec.row * n + spec.col]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        left = spec.role == ROLE_LABEL and style.label_align_left
        if spec.text or spec.role != ROLE_VALUE:
            _cell_text(cell, spec.text, style, left)
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Emu(sum(widths[col : col + span]))
            col += span
    if style.row_height is not None:
        for row in table.rows:
            row.height = Cm(style.row_height)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    if style.repeat_header and grid.header_rows:
        for tr in table._tbl.tr_lst[: grid.header_rows]:
            tr_pr = tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
    _keep_rows_whole(table, grid, style.row_height is not None)


def _keep_rows_whole(table: Table, grid: TableGrid, min_height: bool) -> None:
    """Keep header rows with the row after them; with `min_height`, body rows under a merge whole.

    LibreOffice breaks a row across pages when it does not fit (Word's default, kept in
    DOCX). When the row lies under a vertically merged cell its layout goes wrong: the
    rest of the table is drawn over the text after it, or left out. This happens to a
    header row cut at the foot of a page, and to body rows that have a minimum height.
    """
    rows = table._tbl.tr_lst
    for tr in rows[: max(0, grid.header_rows - 1)]:
        for p in tr.iter(qn("w:p")):
            Paragraph(p, table).paragraph_format.keep_with_next = True
    if not min_height:
        return
    covered = {
        row
        for spec in grid.cells
        if spec.rowspan > 1
        for row in range(max(spec.row, grid.header_rows), spec.row + spec.rowspan)
    }
    for index in sorted(covered):
        rows[index].get_or_add_trPr().insert_element_before(
            OxmlElement("w:cantSplit"), *_AFTER_CANT_SPLIT
        )


def _paragraph(
    document: object,
    text: str,
    style: PageStyle,
    *,
    font: str | None = None,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = True,
    bold: bool = False,
    color: RGBColor | None = None,
) -> Paragraph:
    paragraph: Paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    _spacing(paragraph, style, indent)
    if align is not None:
        paragraph.alignment = align
    _run(paragraph, text, font or style.body_font, size or style.body_size, bold, color)
    return paragraph


def build_docx(report: SynthReport, borders: str = BORDERS_FULL, relayout: bool = False) -> bytes:
    """The report as a .docx; `borders` draws tables with all rules, outer border only, or none.

    `relayout` makes the bottom margin 1 cm larger, so that every page breaks elsewhere
    (for a report whose first PDF LibreOffice laid out wrongly).
    """
    rng = report.rng("docx")
    style = random_page_style(rng)
    if relayout:
        style = dataclasses.replace(style, bottom=style.bottom + RELAYOUT_MARGIN)
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(style.top), Cm(style.bottom)
    section.left_margin = section.right_margin = Cm(style.side)
    width = int(section.page_width - section.left_margin - section.right_margin)
    normal = document.styles["Normal"]
    normal.font.size = Pt(style.body_size)
    _set_fonts(normal.element, style.body_font)

    footer = section.footer.paragraphs[0]
    footer.alignment = (
        WD_ALIGN_PARAGRAPH.CENTER if style.footer_align == "center" else WD_ALIGN_PARAGRAPH.RIGHT
    )
    _page_field(footer, style.footer, "宋体")

    red = RGBColor(0xE0, 0x10, 0x10)
    for block in report.blocks:
        kind = block.kind
        if kind == TABLE and block.grid is not None:
            _table(document, block.grid, style, width, rng, borders)
            document.add_paragraph()
        elif kind == PAGE_BREAK:
            document.add_page_break()
        elif kind == REDHEAD:
            _paragraph(
                document,
                block.text,
                style,
                font=style.title_font,
                size=26,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                indent=False,
                color=red,
            )
        elif kind in (DOC_NUMBER, TITLE, NOTICE_TITLE):
            size = style.title_size if kind != DOC_NUMBER else style.body_size
            font = style.title_font if kind != DOC_NUMBER else style.body_font
            _paragraph(
                document,
                block.text,
                style,
                font=font,
                size=size,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                indent=False,
            )
        elif kind == HEADING:
            font = (
                style.heading_font
                if block.text[:1] not in "（("
                else rng.choice(("楷体_GB2312", "楷体", style.body_font))
            )
            _paragraph(document, block.text, style, font=font)
        elif kind in (SIGNATURE, DATE):
            _paragraph(document, block.text, style, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        elif kind in (NOTE, COPY_TO):
            _paragraph(document, block.text, style, indent=False)
        elif kind in (PARA, NOTICE_BODY):
            first = block.text.endswith("：") and kind == NOTICE_BODY
            _paragraph(document, block.text, style, indent=not first)
        else:
            _paragraph(document, block.text, style)

    props = document.core_properties
    stamp = dt.datetime.combine(report.content.published, dt.time(9, rng.randint(0, 59)))
    props.title = report.content.title if rng.random() < 0.6 else "政府信息公开工作年度报告"
    props.author = rng.choice(AUTHORS)
    props.last_modified_by = props.author
    props.created = stamp - dt.timedelta(days=rng.randint(1, 20))
    props.modified = stamp
    props.revision = rng.randint(1, 12)
    props.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes so that equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def style_notes(report: SynthReport) -> list[str]:
    style = random_page_style(report.rng("docx"))
    repeat = (
        "表三 header rows repeat on each page."
        if style.repeat_header
        else "表三 header rows not repeated."
    )
    return [
        f"DOCX: body {style.body_font} {style.body_size}pt, tables {style.table_font} {style.table_size}pt; {repeat}"
    ]


def render_docx(report: SynthReport) -> Rendered:
    pres = report.presentation
    return Rendered(
        build_docx(report), pres.wrapper or pres.date_printed, pres.wrapper, style_notes(report)
    )
