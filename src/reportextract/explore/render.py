"""Images for ``show``: a PDF page with a box drawn on it and a panel of text beside it,
or — for formats without pages — the table row or the sentence drawn as printed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from ..template import template_map
from .errors import NotFound
from .fonts import pillow_font

PAGE_SCALE = 2.0  # 144 dpi
BOX_COLOUR = (255, 0, 0)
BOX_WIDTH = 4
HIGHLIGHT = (255, 225, 0, 110)
PANEL_BACKGROUND = (246, 246, 246)
TEXT_COLOUR = (20, 20, 20)
MUTED = (110, 110, 110)
PANEL_WIDTH = 680
MARGIN = 24

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Line:
    """A line of panel text; ``span`` marks characters to highlight."""

    text: str
    size: int = 24
    colour: tuple[int, int, int] = TEXT_COLOUR
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class PageImage:
    image: Image.Image
    scale: float
    left: float  # the page's mediabox origin in the coordinates of the dataset's boxes
    top: float

    def to_pixels(self, box: Sequence[float]) -> Box:
        x0, top, x1, bottom = (float(v) for v in box)
        s = self.scale
        return (
            (x0 - self.left) * s,
            (top - self.top) * s,
            (x1 - self.left) * s,
            (bottom - self.top) * s,
        )


def render_page(pdf_path: Path, page_number: int, scale: float = PAGE_SCALE) -> PageImage:
    """The whole page (its media box, the space pdfplumber measures boxes in) as an image."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        if not 1 <= page_number <= len(pdf):
            raise NotFound(f"{pdf_path} has {len(pdf)} pages, not a page {page_number}")
        page = pdf[page_number - 1]
        left, bottom, right, top = page.get_mediabox()
        page.set_cropbox(left, bottom, right, top)
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
    finally:
        pdf.close()
    height = top - bottom
    # pdfplumber's top of the media box is height - top in its flipped coordinates.
    return PageImage(image, scale, left, height - top)


def draw_outline(image: Image.Image, box: Box, colour: tuple[int, int, int], width: int) -> None:
    ImageDraw.Draw(image).rectangle(box, outline=colour, width=width)


def draw_box(image: Image.Image, box: Box) -> None:
    """A translucent highlight inside ``box`` and an opaque outline just outside it."""
    x0, y0, x1, y1 = box
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle((x0, y0, x1, y1), fill=HIGHLIGHT)
    image.paste(Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB"))
    pad = BOX_WIDTH / 2
    ImageDraw.Draw(image).rectangle(
        (x0 - pad, y0 - pad, x1 + pad, y1 + pad), outline=BOX_COLOUR, width=BOX_WIDTH
    )


_WORD = re.compile(r"[A-Za-z0-9.,%+\-_]+|\n|.", re.S)


def _tokens(text: str, keep: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Ranges that a line break must not split: Latin words, numbers, the highlighted span."""
    tokens: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if keep is not None and keep[0] == i and keep[1] > i:
            tokens.append(keep)
            i = keep[1]
            continue
        match = _WORD.match(text, i)
        end = match.end() if match else i + 1
        if keep is not None and i < keep[0] < end:
            end = keep[0]
        tokens.append((i, end))
        i = end
    return tokens


def _wrap(
    text: str, font: Font, width: float, keep: tuple[int, int] | None = None
) -> list[tuple[int, int]]:
    """Character ranges of the lines ``text`` breaks into within ``width`` pixels."""
    lines: list[tuple[int, int]] = []
    start, x = 0, 0.0
    for first, last in _tokens(text, keep):
        if text[first:last] == "\n":
            lines.append((start, first))
            start, x = last, 0.0
            continue
        w = font.getlength(text[first:last])
        if x + w > width and first > start:
            lines.append((start, first))
            start, x = first, 0.0
        if w > width:  # a token longer than a line is split anywhere
            for i in range(first, last):
                cw = font.getlength(text[i])
                if x + cw > width and i > start:
                    lines.append((start, i))
                    start, x = i, 0.0
                x += cw
        else:
            x += w
    lines.append((start, len(text)))
    return lines


def _line_height(size: int) -> int:
    return round(size * 1.45)


def measure(lines: Sequence[Line], width: float) -> int:
    return sum(
        _line_height(line.size) * len(_wrap(line.text, pillow_font(line.size), width, line.span))
        for line in lines
    )


def draw_lines(
    image: Image.Image, origin: tuple[float, float], lines: Sequence[Line], width: float
) -> float:
    """Draw ``lines`` wrapped to ``width``; highlighted spans get a yellow ground and a red frame."""
    draw = ImageDraw.Draw(image)
    x0, y = origin
    for line in lines:
        font = pillow_font(line.size)
        step = _line_height(line.size)
        for start, end in _wrap(line.text, font, width, line.span):
            x = x0
            marked: list[float] = []
            for i in range(start, end):
                ch = line.text[i]
                w = font.getlength(ch)
                inside = line.span is not None and line.span[0] <= i < line.span[1]
                if inside:
                    draw.rectangle((x, y, x + w, y + step - 2), fill=HIGHLIGHT[:3])
                    marked += [x, x + w]
                draw.text(
                    (x, y + (step - line.size) / 2),
                    ch,
                    font=font,
                    fill=BOX_COLOUR if inside else line.colour,
                )
                x += w
            if marked:
                draw.rectangle(
                    (min(marked) - 2, y - 1, max(marked) + 2, y + step - 1),
                    outline=BOX_COLOUR,
                    width=2,
                )
            y += step
    return y


def with_panel(page: Image.Image, lines: Sequence[Line]) -> Image.Image:
    """The page with a panel of ``lines`` to its right."""
    text_width = PANEL_WIDTH - 2 * MARGIN
    height = max(page.height, measure(lines, text_width) + 2 * MARGIN)
    canvas = Image.new("RGB", (page.width + PANEL_WIDTH, height), PANEL_BACKGROUND)
    canvas.paste(page, (0, 0))
    ImageDraw.Draw(canvas).line((page.width, 0, page.width, height), fill=(200, 200, 200), width=2)
    draw_lines(canvas, (page.width + MARGIN, MARGIN), lines, text_width)
    return canvas


def text_card(lines: Sequence[Line], width: int = 1100) -> Image.Image:
    text_width = width - 2 * MARGIN
    image = Image.new("RGB", (width, measure(lines, text_width) + 2 * MARGIN), "white")
    draw_lines(image, (MARGIN, MARGIN), lines, text_width)
    return image


def column_labels(table: str) -> dict[str, str]:
    """Chinese header words of a table's columns, where the template map names them."""
    tmap = template_map()
    if table == "requests":
        return {c.code: c.labels[0] for c in tmap.requests_columns if c.labels}
    if table == "appeals":
        return {c.code: c.labels[0] for c in tmap.appeals_outcomes if c.labels}
    return {}


def row_table(
    title: Sequence[Line],
    label: str,
    cells: Sequence[tuple[str, str]],
    selected: str,
    labels: dict[str, str],
) -> Image.Image:
    """The row drawn as a table: its label, then one column per cell (code, header, printed text)."""
    size = 24
    font = pillow_font(size)
    step = _line_height(size)
    label_width = 360
    widths = [
        max(140, *(font.getlength(t) + 2 * 12 for t in (code, labels.get(code, ""), text or "")))
        for code, text in cells
    ]
    label_lines = _wrap(label, font, label_width - 24)
    header_h = 2 * step + 12
    body_h = max(step * len(label_lines), step) + 16
    table_w = label_width + sum(widths)
    width = int(max(table_w + 2 * MARGIN, 900))
    title_h = measure(title, width - 2 * MARGIN)
    height = int(MARGIN + title_h + 12 + header_h + body_h + MARGIN)
    image = Image.new("RGB", (width, height), "white")
    draw_lines(image, (MARGIN, MARGIN), title, width - 2 * MARGIN)
    draw = ImageDraw.Draw(image)
    top = MARGIN + title_h + 12
    grid = (180, 180, 180)
    draw.rectangle((MARGIN, top, MARGIN + table_w, top + header_h), fill=(238, 238, 238))
    draw.rectangle((MARGIN, top, MARGIN + table_w, top + header_h + body_h), outline=grid, width=1)
    draw.line((MARGIN, top + header_h, MARGIN + table_w, top + header_h), fill=grid)
    for i, (start, end) in enumerate(label_lines):
        draw.text(
            (MARGIN + 12, top + header_h + 8 + i * step),
            label[start:end],
            font=font,
            fill=TEXT_COLOUR,
        )
    x: float = MARGIN + label_width
    for (code, text), w in zip(cells, widths, strict=True):
        draw.line((x, top, x, top + header_h + body_h), fill=grid)
        draw.text((x + 12, top + 6), code, font=pillow_font(20), fill=MUTED)
        draw.text((x + 12, top + 6 + step), labels.get(code, ""), font=font, fill=TEXT_COLOUR)
        if code == selected:
            draw_box(image, (x + 3, top + header_h + 3, x + w - 3, top + header_h + body_h - 3))
            draw = ImageDraw.Draw(image)
        draw.text((x + 12, top + header_h + 8), text or "", font=font, fill=TEXT_COLOUR)
        x += w
    return image


def locate_text(pdf_path: Path, page_number: int, text: str, before: str, after: str) -> Box | None:
    """The box of ``text`` on the page, told apart from other occurrences by the words around it."""
    import pdfplumber

    def loose(s: str) -> str:
        return r"\s*".join(re.escape(ch) for ch in s if not ch.isspace())

    target = loose(text)
    if not target:
        return None
    attempts = [(before[-8:], after[:4]), (before[-4:], ""), ("", after[:4]), ("", "")]
    with pdfplumber.open(pdf_path) as pdf:
        if not 1 <= page_number <= len(pdf.pages):
            return None
        page = pdf.pages[page_number - 1]
        for ahead, behind in attempts:
            pattern = f"(?:{loose(ahead)})\\s*({target})\\s*(?:{loose(behind)})"
            matches = page.search(pattern, regex=True, main_group=1, return_groups=False)
            if matches:
                m = matches[0]
                return (m["x0"], m["top"], m["x1"], m["bottom"])
    return None
