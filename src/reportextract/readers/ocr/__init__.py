"""Reading scanned pages: OCR with RapidOCR's bundled PP-OCR models (an optional extra).

- `page_needs_ocr(text, has_images)`, `page_has_images(page)`: whether a PDF page's text
  layer is missing or garbage (no OCR packages needed).
- `ocr_pdf_pages(pdf, page_indexes, dpi)`: render and read pages of an open pypdfium2
  document → one `OcrPage` per page (its `Page` with ``ocr=True``, its `TextBlock`s and
  `Grid`s in reading order; a number cell keeps the recogniser's other readings).
- `read_page_image(image, number, dpi)`: the same for one page image (numpy array).
- `ocr_layout(data, dpi)`: every page of a PDF by OCR → `Layout`.

Misread digits are fixed later, with the template's arithmetic, on the rebuilt cells
(`reportextract.ocr_repair`).

The reading functions are imported on first use; without the ``ocr`` extra (rapidocr,
onnxruntime, OpenCV) using them raises `MissingDependency`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ...errors import MissingDependency
from .extra import INSTALL_HINT
from .textlayer import page_has_images, page_needs_ocr

if TYPE_CHECKING:
    from .engine import ensure_available
    from .page import OcrPage, read_page_image
    from .pdfpages import DEFAULT_DPI, ocr_layout, ocr_pdf_pages, render_page

_LAZY = {
    "ensure_available": "engine",
    "OcrPage": "page",
    "read_page_image": "page",
    "DEFAULT_DPI": "pdfpages",
    "ocr_layout": "pdfpages",
    "ocr_pdf_pages": "pdfpages",
    "render_page": "pdfpages",
}

__all__ = [
    "DEFAULT_DPI",
    "OcrPage",
    "ensure_available",
    "ocr_layout",
    "ocr_pdf_pages",
    "page_has_images",
    "page_needs_ocr",
    "read_page_image",
    "render_page",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        return getattr(import_module(f".{module}", __name__), name)
    except ImportError as exc:
        raise MissingDependency(f"OCR needs {INSTALL_HINT}") from exc
