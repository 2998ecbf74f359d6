"""Check a PDF that LibreOffice made from a DOCX: no text drawn over text, no text left out.

LibreOffice sometimes gives up laying out a table that breaks across pages: it draws
the rest of the table over the paragraphs after it, or leaves rows out altogether.
Text drawn over text shows as characters whose ink boxes cover other characters' ink
boxes (a clean page has none: glyphs of a line sit side by side and lines do not
overlap; a glyph drawn twice in place, as some producers embolden, is not counted).
Text left out shows as characters of the DOCX body that the PDF's text lacks.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from docx import Document
from docx.oxml.ns import qn

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


class BrokenLayout(ConversionError):
    """LibreOffice made a PDF with text drawn over text or with text left out."""


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


def pdf_text(pdf: bytes) -> str:
    """The text layer of every page, one after the other."""
    document = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        document.close()


def docx_text(docx: bytes) -> str:
    """The text of a DOCX body (paragraphs and table cells; no headers or footers)."""
    body = Document(io.BytesIO(docx)).element.body
    return "".join(node.text or "" for node in body.iter(qn("w:t")))


def lost_text(pdf: bytes, text: str) -> str:
    """The characters of `text` (spaces aside) that the PDF does not print, in their order."""
    missing = Counter(char for char in text if not char.isspace()) - Counter(pdf_text(pdf))
    lost = []
    for char in reversed(text):
        if missing[char] > 0:
            missing[char] -= 1
            lost.append(char)
    return "".join(reversed(lost))


def layout_problems(pdf: bytes, docx: bytes) -> list[str]:
    """What is wrong with the PDF LibreOffice made from `docx`; empty when it is clean."""
    problems = [str(overlap) for overlap in find_overlaps(pdf)]
    lost = lost_text(pdf, docx_text(docx))
    if lost:
        sample = lost if len(lost) <= 24 else lost[:24] + "…"
        problems.append(f"{len(lost)} characters of the document are not in the PDF ({sample})")
    return problems
