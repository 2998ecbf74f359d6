"""Whether a PDF page's text layer can be used, or the page must be read by OCR."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# pdfminer/pdfplumber print characters without a Unicode mapping as "(cid:123)".
_CID = re.compile(r"\(cid:\d+\)")
MIN_TEXT_CHARS = 20
MAX_GARBAGE_SHARE = 0.2
MIN_CJK_SHARE = 0.05
MIN_MOJIBAKE_LATIN = 0.5


def _garbage(ch: str) -> bool:
    if ch == "\ufffd":
        return True
    category = unicodedata.category(ch)
    if category == "Co":  # private use: glyphs of a font without a ToUnicode map
        return True
    return category in ("Cc", "Cs", "Cn") and ch not in "\t\r\n\x0c"


def text_quality(text: str) -> tuple[int, float, float, float]:
    """(visible characters, shares of garbage, CJK and Latin-letter characters among them)."""
    cleaned = _CID.sub("\ufffd", text)
    visible = [ch for ch in cleaned if not ch.isspace()]
    if not visible:
        return 0, 0.0, 0.0, 0.0
    n = len(visible)
    garbage = sum(1 for ch in visible if _garbage(ch))
    cjk = sum(1 for ch in visible if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    latin = sum(1 for ch in visible if ch.isalpha() and ord(ch) < 0x250)
    return n, garbage / n, cjk / n, latin / n


def page_needs_ocr(text: str, has_images: bool | Callable[[], bool]) -> bool:
    """True when a page's text layer is missing or unusable, so the page must be read by OCR.

    Missing: hardly any characters on a page that shows an image (a scan, perhaps with a
    page number stamped on as text). Unusable: mostly unmapped glyphs (``(cid:…)``,
    U+FFFD, private-use or control characters), or Latin letters where a Chinese report
    has Chinese (a font whose glyphs map to the wrong code points, mojibake). A page
    without text and without images is blank. ``has_images`` may be a function, asked
    only for a page with hardly any text.
    """
    count, garbage, cjk, latin = text_quality(text)
    if count < MIN_TEXT_CHARS:
        return has_images() if callable(has_images) else has_images
    if garbage > MAX_GARBAGE_SHARE:
        return True
    return cjk < MIN_CJK_SHARE and latin > MIN_MOJIBAKE_LATIN


def page_has_images(page: pdfium.PdfPage) -> bool:
    """Whether the page draws an image (a scan is one image per page)."""
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3))
