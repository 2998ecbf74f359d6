"""The narrative text as analysis sees it, with a map back to the original offsets.

A PDF breaks lines in the middle of words (``解\\n读深度``), pads digits with spaces
(``3119 件``) and prints page footers (``- 4 -``); a text export may leave blank lines
inside a sentence at a page break. `normalize` joins the lines that continue a sentence,
keeps a newline where a paragraph or heading ends, drops footers and layout spaces,
and turns full-width digits into ASCII. Every character of the result remembers the
offset of the character it came from, so figures found in the analysis text can be
located in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAGE_FOOTER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
SENTENCE_END = "。！？!?"
CLOSERS = "”’」』）)】"
TOP_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十\d])")
SECTION_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．](?!\d))"
)
CONTINUATION = "，,。、；;：:）)%％”’》"
MIN_LINES_FOR_WIDTH = 8
_FULLWIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}


@dataclass(slots=True)
class AnalysisText:
    """``text`` is the joined, cleaned text; ``origin[i]`` is the original offset of ``text[i]``."""

    text: str
    origin: list[int]

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the analysis span [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


@dataclass(slots=True)
class _Line:
    chars: list[str]
    origin: list[int]

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _width(text: str) -> float:
    return sum(1.0 if ord(char) > 0x2E7F else 0.5 for char in text)


def _clean_line(raw: str, start: int) -> _Line:
    """Drop layout whitespace (any run touching a non-ASCII character) and invisible marks."""
    chars: list[str] = []
    origin: list[int] = []
    index = 0
    while index < len(raw):
        char = raw[index]
        if char in _INVISIBLE:
            index += 1
            continue
        if char.isspace():
            run_end = index
            while run_end < len(raw) and (raw[run_end].isspace() or raw[run_end] in _INVISIBLE):
                run_end += 1
            before = chars[-1] if chars else ""
            after = raw[run_end] if run_end < len(raw) else ""
            if before and after and before.isascii() and after.isascii():
                chars.append(" ")
                origin.append(start + index)
            index = run_end
            continue
        chars.append(char.translate(_FULLWIDTH))
        origin.append(start + index)
        index += 1
    return _Line(chars, origin)


def _typical_width(lines: list[_Line]) -> float:
    """The width of a full line (0 when there are too few lines to tell)."""
    widths = sorted(_width(line.text) for line in lines if _width(line.text) >= 4)
    if len(widths) < MIN_LINES_FOR_WIDTH:
        return 0.0
    return widths[int(0.8 * (len(widths) - 1))]


def _ends_paragraph(line: str, following: str, typical: float) -> bool:
    stripped = line.rstrip(CLOSERS)
    if stripped and stripped[-1] in SENTENCE_END:
        return True
    if line[-1] in "，,、（(“‘《" or following[0] in CONTINUATION:
        return False
    if line[-1].isdigit() and not following[0].isascii():
        return False  # a number goes on with its unit: 1202\n条
    if typical >= 12 and _width(line) < 0.7 * typical:
        return True
    return bool(TOP_HEADING.match(following)) or (
        bool(SECTION_NUMBER.match(line)) and _width(line) < 0.85 * typical
    )


def normalize(text: str) -> AnalysisText:
    """Join the lines of `text` that continue a sentence; see the module docstring."""
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        if raw.strip() and not PAGE_FOOTER.match(raw):
            line = _clean_line(raw, offset)
            if line.chars:
                lines.append(line)
        offset += len(raw) + 1
    typical = _typical_width(lines)
    chars: list[str] = []
    origin: list[int] = []
    for index, line in enumerate(lines):
        chars.extend(line.chars)
        origin.extend(line.origin)
        if index + 1 < len(lines):
            following = lines[index + 1]
            if _ends_paragraph(line.text, following.text, typical):
                chars.append("\n")
                origin.append(line.origin[-1] + 1)
            elif line.chars[-1].isascii() and following.chars[0].isascii():
                chars.append(" ")
                origin.append(line.origin[-1] + 1)
    return AnalysisText("".join(chars), origin)
