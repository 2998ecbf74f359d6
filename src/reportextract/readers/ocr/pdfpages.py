"""OCR of PDF pages that have no usable text layer: render with pdfium, read the image."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pypdfium2 as pdfium

from ...layout import Layout
from .engine import ensure_available
from .page import OcrPage, read_page_image
from .preprocess import to_gray
from .recognise import Recogniser

DEFAULT_DPI = 200


def render_page(pdf: pdfium.PdfDocument, index: int, dpi: float = DEFAULT_DPI) -> np.ndarray:
    """The page as an RGB (or BGR; the order does not matter here) array at ``dpi``."""
    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72.0)
        try:
            return np.array(bitmap.to_numpy()[:, :, :3], copy=True)
        finally:
            bitmap.close()
    finally:
        page.close()


def render_gray(pdf: pdfium.PdfDocument, index: int, dpi: float = DEFAULT_DPI) -> np.ndarray:
    """The page as the grayscale image OCR reads (`to_gray` of its colours), made straight
    from pdfium's bitmap: a page holds one byte per pixel, not three."""
    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72.0)
        try:
            return np.array(to_gray(bitmap.to_numpy()), copy=True)
        finally:
            bitmap.close()
    finally:
        page.close()


def ocr_pdf_pages(
    pdf: pdfium.PdfDocument, page_indexes: Iterable[int], dpi: float = DEFAULT_DPI
) -> list[OcrPage]:
    """OCR the given pages (0-based indexes); each result's `Page.number` is index + 1."""
    indexes = list(page_indexes)
    if not indexes:
        return []
    ensure_available()
    recogniser = Recogniser()
    return [read_page_image(render_gray(pdf, i, dpi), i + 1, dpi, recogniser) for i in indexes]


def ocr_layout(data: bytes, dpi: float = DEFAULT_DPI) -> Layout:
    """Every page of a PDF read by OCR (whatever its text layer), as a `Layout`."""
    pdf = pdfium.PdfDocument(data)
    try:
        pages = ocr_pdf_pages(pdf, range(len(pdf)), dpi)
    finally:
        pdf.close()
    layout = Layout(format="pdf")
    for page in pages:
        layout.pages.append(page.page)
        layout.items.extend(page.items)
    return layout
