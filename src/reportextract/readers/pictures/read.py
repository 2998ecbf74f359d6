"""A picture of a table → `Layout` items, by the scans' path, placed where the picture is.

The picture is screened first (`screen.py`); one that passes is read by
`readers.ocr.read_page_image` like a page of a scan, and its items are moved to where
the picture is: on its PDF page (page points), or in its own file (pixels of the file,
the cells naming it) for a web page or a Word file.
"""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, UnidentifiedImageError

from ...layout import BBox, Grid, GridCell, TextBlock
from ..image import pixel_limit
from ..ocr.engine import ensure_available
from ..ocr.page import read_page_image
from ..ocr.recognise import Recogniser
from .files import PictureError
from .screen import is_table_picture

WORK_DPI = 200.0
MIN_DPI, MAX_DPI = 150.0, 300.0
MAX_PIXELS = 60_000_000
# The height (points) of a table's characters at the 80th percentile of a picture's
# glyphs, to tell a picture's resolution when the document does not say how big it is shown.
GLYPH_PT = 7.5

Item = TextBlock | Grid


class PictureReader:
    """Reads the pictures of one document with one recogniser (models loaded once)."""

    def __init__(self) -> None:
        ensure_available()
        self._recogniser: Recogniser | None = None  # loaded for the first table
        self.read = 0  # pictures read as tables
        self.screened = 0  # pictures looked at

    def table_items(self, image: np.ndarray, dpi: float) -> list[Item] | None:
        """The picture read as a page of a scan, or None when it is not a table."""
        self.screened += 1
        if not is_table_picture(image, dpi):
            return None
        if self._recogniser is None:
            self._recogniser = Recogniser()
        items = read_page_image(image, 0, dpi, self._recogniser).items
        if not any(isinstance(item, Grid) for item in items):
            return None
        self.read += 1
        return items

    def on_pdf_page(self, pdf: pdfium.PdfDocument, index: int, box: BBox) -> list[Item] | None:
        """A picture placed on a PDF page: the region rendered at the working resolution,
        its items in page points."""
        page = pdf[index]
        try:
            width, height = page.get_size()
            x0, top = max(0.0, box[0]), max(0.0, box[1])
            x1, bottom = min(width, box[2]), min(height, box[3])
            if x1 - x0 < 1 or bottom - top < 1:
                return None
            bitmap = page.render(scale=WORK_DPI / 72.0, crop=(x0, height - bottom, width - x1, top))
            try:
                image = np.array(bitmap.to_numpy()[:, :, :3], copy=True)
            finally:
                bitmap.close()
        finally:
            page.close()
        items = self.table_items(image, WORK_DPI)
        if items is None:
            return None
        return [_moved(item, index + 1, x0, top) for item in items]

    def in_file(
        self, data: bytes, name: str, shown_inches: float | None, ordinal: int
    ) -> list[Item] | None:
        """A picture file (a web page's image, a Word file's media part): its items with
        boxes in the file's pixels and its ``name`` on every cell; ``ordinal`` numbers
        the document's table pictures. ``shown_inches``: how wide the document shows it."""
        pixels = decode_picture(data)
        width = pixels.shape[1]
        dpi = width / shown_inches if shown_inches else glyph_dpi(pixels)
        dpi = min(max(dpi, 36.0), 1200.0)
        work, work_dpi = pixels, dpi
        if not MIN_DPI <= dpi <= MAX_DPI:
            scale = WORK_DPI / dpi
            size = (max(1, round(pixels.shape[1] * scale)), max(1, round(pixels.shape[0] * scale)))
            resample = Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC
            work = np.asarray(Image.fromarray(pixels).resize(size, resample))
            work_dpi = WORK_DPI
        items = self.table_items(work, work_dpi)
        if items is None:
            return None
        # The OCR path gives points of a page at work_dpi; the file's pixels are points × dpi/72.
        return [_in_file(item, name, dpi / 72.0, ordinal) for item in items]


def decode_picture(data: bytes) -> np.ndarray:
    """The first frame of an image file as an RGB array, refusing decompression bombs."""
    try:
        with pixel_limit(MAX_PIXELS), Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
                rgba = image.convert("RGBA")
                paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                frame = Image.alpha_composite(paper, rgba).convert("RGB")
            else:
                frame = image.convert("RGB")
            return np.asarray(frame)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PictureError(f"picture too large ({exc})") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise PictureError(f"picture cannot be decoded: {exc}") from exc


def glyph_dpi(pixels: np.ndarray) -> float:
    """The resolution at which the picture's glyphs have the height of a table's print."""
    import cv2

    from ..ocr.preprocess import ink_masks, to_gray

    ink, _ = ink_masks(to_gray(pixels), WORK_DPI)
    _count, _labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights, widths, areas = stats[1:, 3], stats[1:, 2], stats[1:, 4]
    glyphs = heights[(heights >= 5) & (heights <= 200) & (widths <= 2.5 * heights) & (areas >= 10)]
    if glyphs.size < 10:
        return WORK_DPI
    return float(np.percentile(glyphs, 80)) * 72.0 / GLYPH_PT


def _shift(bbox: BBox | None, dx: float, dy: float) -> BBox | None:
    if bbox is None:
        return None
    return (
        round(bbox[0] + dx, 2),
        round(bbox[1] + dy, 2),
        round(bbox[2] + dx, 2),
        round(bbox[3] + dy, 2),
    )


def _scaled(bbox: BBox | None, scale: float) -> BBox | None:
    if bbox is None:
        return None
    return (
        round(bbox[0] * scale, 1),
        round(bbox[1] * scale, 1),
        round(bbox[2] * scale, 1),
        round(bbox[3] * scale, 1),
    )


def _moved(item: Item, page: int, dx: float, dy: float) -> Item:
    if isinstance(item, TextBlock):
        return replace(item, page=page, bbox=_shift(item.bbox, dx, dy))
    cells = [replace(c, page=page, bbox=_shift(c.bbox, dx, dy)) for c in item.cells]
    return replace(item, cells=cells, page=page, bbox=_shift(item.bbox, dx, dy))


def _in_file(item: Item, name: str, scale: float, ordinal: int) -> Item:
    if isinstance(item, TextBlock):
        return TextBlock(item.text)
    cells: list[GridCell] = [
        replace(c, page=None, bbox=_scaled(c.bbox, scale), image=name) for c in item.cells
    ]
    return replace(
        item,
        cells=cells,
        page=None,
        bbox=_scaled(item.bbox, scale),
        drift=None if item.drift is None else item.drift * scale,
        picture=ordinal,
    )
