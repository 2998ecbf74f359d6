"""Reading scanned pages: OCR with RapidOCR's bundled PP-OCR models (an optional extra).

- `page_needs_ocr(text, has_images)`: whether a PDF page's text layer is missing or garbage.
- `ocr_pdf_pages(pdf, page_indexes, dpi)`: render and read pages of an open pypdfium2
  document → one `OcrPage` per page (its `Page` with ``ocr=True``, its `TextBlock`s and
  `Grid`s of origin ``"ocr"`` in reading order, other readings of its number cells).
- `read_page_image(image, number, dpi)`: the same for one page image (numpy array).
- `ocr_layout(data, dpi)`: every page of a PDF by OCR → (`Layout`, other readings).
- `correct_ocr_cells(cells, alternatives)`: misread digits fixed by the template's
  arithmetic, with a `Check` for every correction and every doubtful cell.

Without `rapidocr`/`onnxruntime` the reading functions raise `MissingDependency`.
"""

from __future__ import annotations

from .correct import correct_ocr_cells, plausible_readings, template_rules
from .engine import ensure_available
from .page import Alternatives, OcrPage, read_page_image
from .pdfpages import DEFAULT_DPI, ocr_layout, ocr_pdf_pages, page_has_images, render_page
from .textlayer import page_needs_ocr

__all__ = [
    "DEFAULT_DPI",
    "Alternatives",
    "OcrPage",
    "correct_ocr_cells",
    "ensure_available",
    "ocr_layout",
    "ocr_pdf_pages",
    "page_has_images",
    "page_needs_ocr",
    "plausible_readings",
    "read_page_image",
    "render_page",
    "template_rules",
]
