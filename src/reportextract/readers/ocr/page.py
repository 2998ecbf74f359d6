"""One page image → the `Layout` items of a page: grids from ruling lines, narrative lines.

The page is levelled, its rules found and turned into cell rectangles (`rules.py`), the
text lines of every cell and of the page outside the tables located (`segment.py`), and
all lines recognised in one batch (`recognise.py`). A grid cell's confidence is that of
its least sure line; a number cell keeps its other readings (``alternatives``) for the
arithmetic correction. Boxes are in PDF points on the page as printed (not levelled).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cv2
import numpy as np

from ...layout import BBox, Grid, GridCell, Page, TextBlock
from ...template.vocabulary import table_characters
from ..pdf_geometry import around, axis_index, cell_axes, cell_places
from .engine import threads
from .preprocess import deskew, despeckle, to_gray
from .recognise import Reading, Recogniser
from .rules import find_rules, table_cells
from .segment import PxBox, TextLine, char_height, is_vertical, segment_lines

COORD_TOLERANCE_PT = 2.0
# How far (points) a table's column may stand from where it stood on the page before: a
# scanned page sits a few points off the one before it.
COLUMN_DRIFT = 15.0
DASH = "—"
SLASH = "/"
# How much longer than wide (axes of its ink) a lone stroke must be to be a slash.
_SLASH_ELONGATION = 4.0
# How much wider than tall a lone mark must be to be a dash (see _is_dash).
_BAR_ELONGATION = 1.5
_PAGE_FURNITURE = re.compile(
    r"^\s*(?:[-—–一_~]\s*\d{1,4}\s*[-—–一_~]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$"
)
_DASHES = re.compile(r"^[-—–一_~－―]+$")
# A narrative "line" this short and unsure is a speck or a smudge, not print.
_NOISE_CHARS = 2
_NOISE_CONFIDENCE = 0.8
_GUESSED_NUMBER = 0.5


@dataclass(slots=True)
class OcrPage:
    """A page read by OCR: its `Page` (``ocr=True``) and its items in reading order (number
    cells carry the recogniser's other readings)."""

    page: Page
    items: list[TextBlock | Grid]
    skew_degrees: float = 0.0


@dataclass(slots=True)
class _Geometry:
    """Pixel ↔ point mapping of the levelled page image."""

    dpi: float
    width: int
    height: int
    angle: float

    @property
    def px(self) -> float:
        return self.dpi / 72.0

    def to_px(self, bbox: BBox) -> PxBox:
        x0, top, x1, bottom = bbox
        s = self.px
        return (round(x0 * s), round(top * s), round(x1 * s), round(bottom * s))

    def to_page(self, box: PxBox) -> BBox:
        """A box of the levelled image as points on the page as printed (turned back)."""
        x0, y0, x1, y1 = box
        corners = np.array([[x0, y0], [x1, y0], [x0, y1], [x1, y1]], dtype=np.float64)
        if self.angle:
            matrix = cv2.getRotationMatrix2D((self.width / 2, self.height / 2), -self.angle, 1.0)
            corners = corners @ matrix[:, :2].T + matrix[:, 2]
        s = self.px
        return (
            round(float(corners[:, 0].min()) / s, 2),
            round(float(corners[:, 1].min()) / s, 2),
            round(float(corners[:, 0].max()) / s, 2),
            round(float(corners[:, 1].max()) / s, 2),
        )


@dataclass(slots=True)
class _Crops:
    """Line images to recognise in one batch."""

    images: list[np.ndarray] = field(default_factory=list)

    def add(self, image: np.ndarray) -> int:
        self.images.append(image)
        return len(self.images) - 1


@dataclass(slots=True)
class _CellText:
    lines: list[int] = field(default_factory=list)
    vertical: bool = False
    fixed: str | None = None  # text known without recognition (a dash)


def read_page_image(
    image: np.ndarray, number: int, dpi: float, recogniser: Recogniser | None = None
) -> OcrPage:
    """OCR one page image (grayscale or RGB) rendered or scanned at ``dpi``."""
    recogniser = recogniser or Recogniser()
    cv2.setNumThreads(threads())
    level, ink, faint, angle = deskew(to_gray(image), dpi)
    geometry = _Geometry(dpi, level.shape[1], level.shape[0], angle)
    rules = find_rules(faint, ink, dpi)
    tables = table_cells(rules.edges)
    rule_mask = cv2.dilate(rules.mask, np.ones((3, 3), np.uint8))
    text_ink = cv2.bitwise_and(ink, cv2.bitwise_not(rule_mask))
    clean = level.copy()
    clean[rule_mask > 0] = 255
    clean, text_ink = despeckle(clean, text_ink, dpi)

    inside = np.zeros_like(text_ink)
    for cells in tables:
        for cell in cells:
            x0, y0, x1, y1 = geometry.to_px(cell)
            inside[y0:y1, x0:x1] = 255
    crops = _Crops()
    table_ch = char_height(cv2.bitwise_and(text_ink, inside), dpi) if tables else 0.0
    table_texts = [
        [_cell_text(cell, geometry, text_ink, clean, table_ch, crops) for cell in cells]
        for cells in tables
    ]

    outside = cv2.bitwise_and(text_ink, cv2.bitwise_not(inside))
    page_ch = char_height(outside, dpi)
    narrative = segment_lines(outside, page_ch, split_gap=4.0)
    page_box = (0, 0, clean.shape[1], clean.shape[0])
    line_boxes = [line.box for line in narrative.lines]
    line_boxes += [box for region in narrative.irregular for box in _detect(clean, region)]
    line_crops = [crops.add(_crop(clean, box, page_box, page_ch)) for box in line_boxes]

    readings = recogniser.read(crops.images)
    grids = [
        _grid(cells, texts, readings, geometry, number)
        for cells, texts in zip(tables, table_texts, strict=True)
    ]
    blocks = []
    for box, index in zip(line_boxes, line_crops, strict=True):
        reading = readings[index]
        text = reading.text.strip()
        if not text or _PAGE_FURNITURE.match(text):
            continue
        if len(text) <= _NOISE_CHARS and reading.confidence < _NOISE_CONFIDENCE:
            continue
        blocks.append(TextBlock(text, page=number, bbox=geometry.to_page(box)))
    items: list[TextBlock | Grid] = [*blocks, *grids]
    items.sort(key=lambda item: item.bbox[1] if item.bbox else 0.0)
    width, height = geometry.width / geometry.px, geometry.height / geometry.px
    return OcrPage(Page(number, round(width, 2), round(height, 2), ocr=True), items, angle)


def _cell_text(
    cell: BBox,
    geometry: _Geometry,
    text_ink: np.ndarray,
    clean: np.ndarray,
    ch: float,
    crops: _Crops,
) -> _CellText:
    x0, y0, x1, y1 = geometry.to_px(cell)
    inset = max(1, round(geometry.px))
    region = (x0 + inset, y0 + inset, max(x0 + inset, x1 - inset), max(y0 + inset, y1 - inset))
    rx0, ry0, rx1, ry1 = region
    found = segment_lines(text_ink[ry0:ry1, rx0:rx1], ch)
    lines = [_shift(line, rx0, ry0) for line in found.lines]
    lines += [TextLine(_move(box, rx0, ry0), []) for box in found.irregular]
    lines.sort(key=lambda line: line.box[1])
    result = _CellText()
    if len(lines) == 1 and _is_dash(lines[0].box, ch):
        result.fixed = DASH
    elif len(lines) == 1 and len(lines[0].glyphs) == 1 and _is_slash(text_ink, lines[0].box, ch):
        result.fixed = SLASH
    elif lines and is_vertical(lines, ch):
        glyphs = [_crop(clean, g, region, ch) for line in lines for g in line.glyphs]
        result.lines.append(crops.add(_side_by_side(glyphs)))
        result.vertical = True
    else:
        result.lines = [crops.add(_crop(clean, line.box, region, ch)) for line in lines]
    return result


def _is_dash(box: PxBox, ch: float) -> bool:
    """A lone horizontal bar: the dash or hyphen a table prints for nothing (zero). A
    hyphen is about four times as wide as its stroke is thick; a scan's blur thickens the
    stroke by a pixel or more on either side, so it scans at about twice as wide as tall
    (a dot or a speck is as tall as it is wide)."""
    width, height = box[2] - box[0], box[3] - box[1]
    return height <= 0.25 * ch and width >= _BAR_ELONGATION * height and width >= 0.3 * ch


def _is_slash(ink: np.ndarray, box: PxBox, ch: float) -> bool:
    """A lone stroke leaning right, as tall as a digit: the slash a table prints for nothing
    (zero). The recogniser reads it as 1 with certainty; a 1 stands upright, a 7 has its
    bar across the top (its ink is not one thin slanted stroke)."""
    x0, y0, x1, y1 = box
    height, width = y1 - y0, x1 - x0
    if height < 0.5 * ch or width < 0.2 * height or width > 0.8 * height:
        return False
    moments = cv2.moments(ink[y0:y1, x0:x1], binaryImage=True)
    mu20, mu02, mu11 = moments["mu20"], moments["mu02"], moments["mu11"]
    spread = np.hypot(mu20 - mu02, 2 * mu11)
    major, minor = mu20 + mu02 + spread, mu20 + mu02 - spread
    if minor <= 0 or major / minor < _SLASH_ELONGATION**2:
        return False
    # the stroke's direction in image coordinates (y down): a slash rises to the right
    angle = np.degrees(0.5 * np.arctan2(2 * mu11, mu20 - mu02))
    return -80.0 <= angle <= -45.0


def _move(box: PxBox, dx: int, dy: int) -> PxBox:
    return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


def _shift(line: TextLine, dx: int, dy: int) -> TextLine:
    return TextLine(_move(line.box, dx, dy), [_move(g, dx, dy) for g in line.glyphs])


def _crop(image: np.ndarray, box: PxBox, limit: PxBox, ch: float) -> np.ndarray:
    """The line with a margin like the detector's, at least a character tall, kept inside
    ``limit`` (a cell's interior) and white beyond it."""
    x0, y0, x1, y1 = box
    height = max(y1 - y0, round(ch))
    my = (height - (y1 - y0)) // 2 + max(2, round(0.2 * height))
    mx = max(3, round(0.3 * height))
    lx0, ly0, lx1, ly1 = limit
    out = np.full((y1 - y0 + 2 * my, x1 - x0 + 2 * mx), 255, dtype=np.uint8)
    cx0, cy0 = max(lx0, x0 - mx), max(ly0, y0 - my)
    cx1, cy1 = min(lx1, x1 + mx), min(ly1, y1 + my)
    if cx1 > cx0 and cy1 > cy0:
        oy, ox = cy0 - (y0 - my), cx0 - (x0 - mx)
        out[oy : oy + cy1 - cy0, ox : ox + cx1 - cx0] = image[cy0:cy1, cx0:cx1]
    return out


def _side_by_side(glyphs: list[np.ndarray]) -> np.ndarray:
    """Characters printed top to bottom, set side by side as one line for the recogniser."""
    height = max(g.shape[0] for g in glyphs)
    padded = [np.pad(g, ((0, height - g.shape[0]), (0, 0)), constant_values=255) for g in glyphs]
    return np.concatenate(padded, axis=1)


def _detect(image: np.ndarray, region: PxBox) -> list[PxBox]:
    """Text lines of an irregular region (a seal over print, touching lines) by the detector."""
    from .engine import detection_model

    x0, y0, x1, y1 = region
    pad = 8
    ox, oy = max(0, x0 - pad), max(0, y0 - pad)
    part = image[oy : y1 + pad, ox : x1 + pad]
    if part.size == 0:
        return []
    return [_move(box, ox, oy) for box in detection_model().boxes(part)]


def _cell_value(cell_text: _CellText, readings: list[Reading]) -> tuple[str, float]:
    if cell_text.fixed is not None:
        return cell_text.fixed, 1.0
    texts = [readings[i] for i in cell_text.lines]
    if not texts:
        return "", 1.0
    vocabulary = table_characters()
    joined = (
        ("" if cell_text.vertical else "\n")
        .join((r.text if r.numeric else r.in_vocabulary(vocabulary)).strip() for r in texts)
        .strip()
    )
    confidence = min(r.confidence for r in texts)
    if _DASHES.match(joined.replace("\n", "")):
        return DASH, confidence
    return joined, confidence


def _numbers_by_column(
    cells: list[BBox], texts: list[_CellText], readings: list[Reading], xs: list[float]
) -> None:
    """In a column of numbers, a one-line cell read as something else (a smudged 0 read
    as ``à``) is taken as the number it most resembles, with a low confidence."""
    columns: dict[tuple[int, int], list[int]] = {}
    for index, (bbox, cell_text) in enumerate(zip(cells, texts, strict=True)):
        if len(cell_text.lines) == 1:
            columns.setdefault(
                (
                    axis_index(xs, bbox[0], COORD_TOLERANCE_PT),
                    axis_index(xs, bbox[2], COORD_TOLERANCE_PT),
                ),
                [],
            ).append(index)
    for members in columns.values():
        lines = [texts[i].lines[0] for i in members]
        numeric = sum(1 for i in lines if readings[i].numeric)
        if numeric < 2 or numeric < 0.6 * len(lines):
            continue
        for i in lines:
            fallback = readings[i].as_number
            if not readings[i].numeric and fallback is not None and fallback.text:
                fallback.confidence = min(fallback.confidence, _GUESSED_NUMBER)
                readings[i] = fallback


def _grid(
    cells: list[BBox],
    texts: list[_CellText],
    readings: list[Reading],
    geometry: _Geometry,
    number: int,
) -> Grid:
    _numbers_by_column(cells, texts, readings, cell_axes(cells, COORD_TOLERANCE_PT)[0])
    grid_cells = []
    places = cell_places(cells, COORD_TOLERANCE_PT)
    for bbox, cell_text, (row, col, rowspan, colspan) in zip(cells, texts, places, strict=True):
        text, confidence = _cell_value(cell_text, readings)
        reading = readings[cell_text.lines[0]] if len(cell_text.lines) == 1 else None
        grid_cells.append(
            GridCell(
                row,
                col,
                text,
                rowspan,
                colspan,
                page=number,
                bbox=geometry.to_page(geometry.to_px(bbox)),
                confidence=round(confidence, 4),
                alternatives=tuple(reading.alternatives) if reading and reading.numeric else (),
            )
        )
    bbox = around(c.bbox for c in grid_cells if c.bbox is not None)
    return Grid(cells=grid_cells, page=number, bbox=bbox, geometry=True, drift=COLUMN_DRIFT)
