"""Reports whose tables are pictures of themselves, while the running text stays text.

Many offices paste the template's tables as pictures: a screenshot inside the Word file,
an ``<img>`` in the web page, an image on an otherwise text PDF page. These builders
make such documents from any text PDF with ruled tables (a real report or a generated
one), so that their truth is the original's:

- `pdf_with_table_pictures`: every ruled table region of a page is rendered at ``dpi``,
  its text and rules are removed from the page, and the rendering is placed where the
  table stood; the rest of the page keeps its text layer.
- `docx_with_table_pictures`: the text lines outside the tables as paragraphs, each
  table part (one per page it is printed on) an inline picture at its printed size.
- `html_with_table_pictures`: the same as a web page, the pictures as ``<img>`` files
  beside it (returned with their names, for the caller to write).

A table is what pdfplumber's lattice finds with at least two columns (a one-column
"table" is a framed paragraph, which stays text).
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

DEFAULT_DPI = 200
_MARGIN = 2.0  # points around a table's rules, so that they are inside its picture
_FURNITURE = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points, origin top-left


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float


@dataclass(frozen=True, slots=True)
class Picture:
    png: bytes
    box: Box  # where it is printed on its page
    page: int


def table_regions(pdf: bytes) -> list[list[Box]]:
    """The ruled tables of every page (two columns or more), top to bottom."""
    regions: list[list[Box]] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            boxes = [
                (t.bbox[0] - _MARGIN, t.bbox[1] - _MARGIN, t.bbox[2] + _MARGIN, t.bbox[3] + _MARGIN)
                for t in page.find_tables()
                if len(t.columns) >= 2 and len(t.rows) >= 2
            ]
            regions.append(sorted(boxes, key=lambda b: b[1]))
    return regions


def render_region(page: pdfium.PdfPage, box: Box, dpi: float = DEFAULT_DPI) -> Image.Image:
    """The region of the page as printed, at ``dpi``, as an RGB image."""
    width, height = page.get_size()
    x0, top, x1, bottom = box
    crop = (max(0.0, x0), max(0.0, height - bottom), max(0.0, width - x1), max(0.0, top))
    bitmap = page.render(scale=dpi / 72.0, crop=crop)
    try:
        return bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DEFAULT_DPI, DEFAULT_DPI), optimize=True)
    return out.getvalue()


def _inside(bounds: tuple[float, float, float, float], box: Box, height: float) -> bool:
    """Whether an object's bounds (PDF coordinates, origin bottom-left) lie in the box."""
    left, bottom, right, top = bounds
    x0, btop, x1, bbottom = box
    cx, cy = (left + right) / 2, height - (bottom + top) / 2
    if not (x0 <= cx <= x1 and btop <= cy <= bbottom):
        return False
    # A rule or a cell's fill lies wholly inside; a character only needs its centre there.
    return (left >= x0 - 1 and right <= x1 + 1 and height - top >= btop - 1) or right - left < 40


def pdf_with_table_pictures(pdf: bytes, dpi: float = DEFAULT_DPI) -> bytes:
    """The PDF with each table replaced by a ``dpi`` picture of itself (text elsewhere kept)."""
    regions = table_regions(pdf)
    document = pdfium.PdfDocument(pdf)
    try:
        for index, boxes in enumerate(regions):
            if not boxes:
                continue
            page = document[index]
            _, height = page.get_size()
            pictures = [render_region(page, box, dpi) for box in boxes]
            doomed = [
                obj
                for obj in page.get_objects(max_depth=1)
                if obj.type in (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH)
                and any(_inside(obj.get_bounds(), box, height) for box in boxes)
            ]
            for obj in doomed:
                page.remove_obj(obj)
                obj.close()
            for box, picture in zip(boxes, pictures, strict=True):
                place_picture(document, page, picture, box)
            page.gen_content()
            page.close()
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    finally:
        document.close()


def place_picture(
    document: pdfium.PdfDocument,
    page: pdfium.PdfPage,
    picture: Image.Image,
    box: tuple[float, float, float, float],
) -> None:
    """Draw ``picture`` on ``page`` filling ``box`` (x0, top, x1, bottom in PDF points, origin
    top-left); the page's content is generated by the caller."""
    x0, top, x1, bottom = box
    _, height = page.get_size()
    image = pdfium.PdfImage.new(document)
    bitmap = pdfium.PdfBitmap.from_pil(picture)
    image.set_bitmap(bitmap)
    bitmap.close()
    image.set_matrix(pdfium.PdfMatrix().scale(x1 - x0, bottom - top).translate(x0, height - bottom))
    page.insert_obj(image)


def page_parts(pdf: bytes, dpi: float = DEFAULT_DPI) -> list[Line | Picture]:
    """The document's text lines outside its tables and its table pictures, in reading order."""
    regions = table_regions(pdf)
    parts: list[Line | Picture] = []
    document = pdfium.PdfDocument(pdf)
    try:
        with pdfplumber.open(io.BytesIO(pdf)) as plumbed:
            for index, (page, boxes) in enumerate(zip(plumbed.pages, regions, strict=True)):
                outside = page
                for box in boxes:
                    outside = outside.outside_bbox(_clamped(box, page.width, page.height))
                items: list[tuple[float, Line | Picture]] = [
                    (line["top"], Line(line["text"], line["x0"], line["x1"], line["top"]))
                    for line in outside.extract_text_lines(return_chars=False)
                    if line["text"].strip() and not _FURNITURE.match(line["text"])
                ]
                if boxes:
                    rendered = document[index]
                    for box in boxes:
                        png = _png(render_region(rendered, box, dpi))
                        items.append((box[1], Picture(png, box, index + 1)))
                    rendered.close()
                parts.extend(item for _, item in sorted(items, key=lambda pair: pair[0]))
    finally:
        document.close()
    return parts


def _clamped(box: Box, width: float, height: float) -> Box:
    return (max(0.0, box[0]), max(0.0, box[1]), min(width, box[2]), min(height, box[3]))


def paragraphs(parts: list[Line | Picture]) -> list[str | Picture]:
    """Text lines joined into paragraphs (a paragraph ends short of the right margin or
    before an indented line); pictures kept in place."""
    lines = [p for p in parts if isinstance(p, Line)]
    if not lines:
        return [p for p in parts if isinstance(p, Picture)]
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    out: list[str | Picture] = []
    current: list[str] = []
    for part in parts:
        if isinstance(part, Picture):
            if current:
                out.append("".join(current))
                current = []
            out.append(part)
            continue
        if current and part.x0 > left + 12:
            out.append("".join(current))
            current = []
        current.append(part.text.strip())
        if part.x1 < right - 24:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def docx_with_table_pictures(pdf: bytes, dpi: float = DEFAULT_DPI) -> bytes:
    """A Word file of the report's paragraphs with its tables as inline pictures."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    for item in paragraphs(page_parts(pdf, dpi)):
        if isinstance(item, Picture):
            x0, _, x1, _ = item.box
            document.add_picture(io.BytesIO(item.png), width=Pt(x1 - x0))
        else:
            document.add_paragraph(item)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html_with_table_pictures(
    pdf: bytes, dpi: float = DEFAULT_DPI, folder: str = "images"
) -> tuple[bytes, dict[str, bytes]]:
    """A web page of the report's paragraphs with its tables as ``<img>``, and the image
    files by their path relative to the page."""
    items = paragraphs(page_parts(pdf, dpi))
    files: dict[str, bytes] = {}
    body: list[str] = []
    title = next((item for item in items if isinstance(item, str) and "报告" in item), "")
    for item in items:
        if isinstance(item, Picture):
            name = f"{folder}/table-{len(files) + 1}.png"
            files[name] = item.png
            width = round((item.box[2] - item.box[0]) * 96 / 72)
            body.append(f'<p style="text-align:center"><img src="{name}" width="{width}"></p>')
        else:
            body.append(f"<p>{html.escape(item)}</p>")
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        '<body><div class="header">政府信息公开</div>\n<div class="TRS_Editor">\n'
        + "\n".join(body)
        + "\n</div></body></html>\n"
    )
    return page.encode("utf-8"), files
