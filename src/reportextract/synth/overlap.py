"""Find text drawn on top of other text in a PDF, the mark of a broken page layout.

LibreOffice sometimes gives up laying out a page (its layout loop control) and draws a
table over the paragraphs that follow it. Such a page has many characters whose ink
boxes cover other characters' ink boxes; a clean page has none, since the glyphs of a
line sit side by side and lines do not overlap. A glyph drawn twice at almost the same
place (how some producers embolden text) is not counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .convert import ConversionError

MIN_SHARE = 0.3  # of the smaller box that another box must cover to count as overlapping
MIN_PAIRS = 3  # overlapping pairs that make a page broken
_BUCKET = 24.0  # pt; grid cell size for finding neighbours


@dataclass(frozen=True, slots=True)
class Glyph:
    char: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def area(self) -> float:
        return (self.right - self.left) * (self.top - self.bottom)


@dataclass(frozen=True, slots=True)
class PageOverlap:
    page: int  # 1-based
    pairs: int  # overlapping character pairs
    sample: str  # a few of the colliding characters, e.g. '表×计 …'

    def __str__(self) -> str:
        return f"page {self.page}: {self.pairs} overlapping character pairs ({self.sample})"


class OverlappingText(ConversionError):
    """LibreOffice made a PDF with text drawn over other text."""


def page_glyphs(page: pdfium.PdfPage) -> list[Glyph]:
    """The visible characters of a page with their ink boxes (PDF points)."""
    textpage = page.get_textpage()
    try:
        glyphs = []
        for index in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(textpage.raw, index):
                continue
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
            char = chr(code) if 0 < code < 0x110000 else ""
            if not char.strip():
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            if right - left > 0.5 and top - bottom > 0.5:
                glyphs.append(Glyph(char, left, bottom, right, top))
        return glyphs
    finally:
        textpage.close()


def _collide(a: Glyph, b: Glyph, share: float) -> bool:
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.top, b.top) - max(a.bottom, b.bottom)
    if width <= 0 or height <= 0:
        return False
    if a.char == b.char and abs(a.left - b.left) < 0.2 * (a.right - a.left):
        return False  # the same glyph drawn twice: emboldening, not a collision
    return width * height >= share * min(a.area, b.area)


def overlapping_pairs(glyphs: list[Glyph], share: float = MIN_SHARE) -> list[tuple[Glyph, Glyph]]:
    """Pairs of glyphs whose ink boxes overlap by at least `share` of the smaller box."""
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    pairs: list[tuple[Glyph, Glyph]] = []
    for index, glyph in enumerate(glyphs):
        keys = {
            (int(x // _BUCKET), int(y // _BUCKET))
            for x in (glyph.left, glyph.right)
            for y in (glyph.bottom, glyph.top)
        }
        seen: set[int] = set()
        for key in keys:
            for other in buckets[key]:
                if other not in seen:
                    seen.add(other)
                    if _collide(glyph, glyphs[other], share):
                        pairs.append((glyphs[other], glyph))
            buckets[key].append(index)
    return pairs


def find_overlaps(pdf: bytes, min_pairs: int = MIN_PAIRS) -> list[PageOverlap]:
    """The pages of `pdf` on which at least `min_pairs` character pairs overlap."""
    document = pdfium.PdfDocument(pdf)
    found = []
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                pairs = overlapping_pairs(page_glyphs(page))
            finally:
                page.close()
            if len(pairs) >= min_pairs:
                sample = " ".join(f"{a.char}×{b.char}" for a, b in pairs[:6])
                found.append(PageOverlap(number + 1, len(pairs), sample))
    finally:
        document.close()
    return found
