"""Image files (JPEG, PNG, TIFF — one page per frame) read by OCR into a `Layout`."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from ..errors import CorruptDocument, DocumentTooLarge, EmptyDocument
from ..layout import Layout
from .ocr import ensure_available, read_page_image
from .ocr.recognise import Recogniser

MAX_PAGES = 500
# Scans above this resolution are reduced to it: finer detail does not help OCR.
WORK_DPI = 200.0
A4_SHORT_SIDE_IN = 8.27
MAX_PIXELS = 120_000_000


def read_image(data: bytes) -> Layout:
    """OCR every frame of an image file; a frame is a page."""
    if not data:
        raise EmptyDocument("empty file")
    ensure_available()
    image = _open(data)
    layout = Layout(format="image", metadata={"image:format": str(image.format or "")})
    recogniser = Recogniser()
    try:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index >= MAX_PAGES:
                layout.warnings.append(f"only the first {MAX_PAGES} frames were read")
                break
            pixels, dpi = _page(frame)
            page = read_page_image(pixels, index + 1, dpi, recogniser)
            layout.pages.append(page.page)
            layout.items.extend(page.items)
    except (OSError, ValueError) as exc:
        raise CorruptDocument(f"image cannot be decoded: {exc}") from exc
    return layout


@contextmanager
def pixel_limit(max_pixels: int) -> Iterator[None]:
    """Pillow refuses images of more than ``max_pixels`` inside this block: it raises
    DecompressionBombError, or DecompressionBombWarning as an error, instead of decoding."""
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def _open(data: bytes) -> Image.Image:
    try:
        with pixel_limit(MAX_PIXELS):
            image = Image.open(io.BytesIO(data))
            image.size  # noqa: B018 - the header is read and checked here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentTooLarge(f"image is too large to read ({exc})") from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise CorruptDocument(f"image cannot be read: {exc}") from exc
    return image


def _page(frame: Image.Image) -> tuple[np.ndarray, float]:
    """The frame as an 8-bit gray or RGB array and its resolution (dpi)."""
    dpi = _dpi(frame)
    if frame.mode not in ("L", "RGB"):
        frame = frame.convert(
            "RGB" if frame.mode in ("P", "PA", "RGBA", "CMYK", "YCbCr", "LA") else "L"
        )
    if dpi > WORK_DPI * 1.1:
        scale = WORK_DPI / dpi
        size = (max(1, round(frame.width * scale)), max(1, round(frame.height * scale)))
        frame = frame.resize(size, Image.Resampling.LANCZOS)
        dpi = WORK_DPI
    return np.asarray(frame), dpi


def _dpi(frame: Image.Image) -> float:
    """The resolution the file states, or the one that makes the page A4 wide."""
    stated = frame.info.get("dpi")
    if isinstance(stated, tuple) and stated:
        try:
            dpi = float(stated[0])
        except (TypeError, ValueError):
            dpi = 0.0
        # A stated resolution is believed when it gives a page of a plausible size
        # (files often say 72 dpi whatever they hold).
        if dpi > 0 and 5.0 <= min(frame.width, frame.height) / dpi <= 12.5:
            return dpi
    return min(frame.width, frame.height) / A4_SHORT_SIDE_IN
