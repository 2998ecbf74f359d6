"""The narrative text as analysis sees it, with a map back to the original offsets.

A PDF breaks lines in the middle of words (``解\\n读深度``), pads digits with spaces
(``3119 件``) and prints page footers (``- 4 -``, ``第4页``, a bare ``4``); a text export may leave blank lines
inside a sentence at a page break. `normalize` joins the lines that continue a sentence,
keeps a newline where a paragraph or heading ends, drops footers and layout spaces and the
quotes round a form's name before its count (``《…申请书》10件``),
and turns full-width digits into ASCII. A page printed in traditional characters (a
site's 繁体 version, 主動公開政府信息183條) is read in simplified ones, character for
character, while the text as printed is kept for the figures. Every character of the
result remembers the offset of the character it came from, so figures found in the
analysis text can be located in the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..resources import import_without_pkg_resources
from .segmenter import word_starts

zhconv = import_without_pkg_resources("zhconv")

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
SECTION_TITLE_END = re.compile("(?:情况|方面|事项)$")
CONTINUATION = "，,。、；;：:）)%％”’》"
MIN_LINES_FOR_WIDTH = 8
SHORT_HEADING = 16  # full-width characters
WORD_CONTEXT = 4  # characters each side of a line break given to jieba
PageStarts = Sequence[tuple[int, int | None]]
_FULLWIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\ufeff\u00ad"
_GAP = re.compile(f"[\\s{_INVISIBLE_CHARS}]+")
# a page that prints each rare character's pinyin after it (復(fù)議, 網(wǎng)上): the reading is
# not text (it needs a tone mark, so an English word in brackets stays)
_ROMANISATION = re.compile("(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# a form's blank filled in with a number, in brackets before its unit (发布政务信息（1386）条):
# the number is the count
_FILLED_BLANK = re.compile(r"(?<=[\u4e00-\u9fff])[(（]\d[\d,.]*[)）](?=[条件篇项份个次宗起例])")
# an application form's name in quotes right before its count (收到《政府信息公开申请书》共计10件):
# the form is the noun
_QUOTED_FORM = re.compile(
    r"[《“](?=[^《》“”]{0,12}申请(?:书|表)?[》”](?:共计|合计|总计|共|计)?\d)"
    r"[^《》“”]{0,12}申请(?:书|表)?[》”]"
)
# characters that only a text in traditional characters prints (a cheap test before converting)
_TRADITIONAL = re.compile(
    "[開請條議訟費處動複資務機關經報據統計數們與個這為會時從來對過應說實際國區縣鎮辦範圍]"
)


@dataclass(slots=True)
class AnalysisText:
    """``text`` is the joined, cleaned text in simplified characters; ``printed`` the same
    text as printed (traditional characters kept); ``origin[i]`` is the original offset of
    ``text[i]``."""

    text: str
    origin: list[int]
    printed: str = field(default="")

    def __post_init__(self) -> None:
        if not self.printed:
            self.printed = self.text

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the analysis span [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


@dataclass(slots=True)
class _Line:
    text: str
    origin: list[int]
    width: float  # in full-width characters: CJK 1, ASCII ½


def _width(text: str) -> float:
    wide = (len(text.encode("utf-8")) - len(text)) // 2  # CJK takes 3 bytes in UTF-8
    return wide + 0.5 * (len(text) - wide)


def _clean_line(raw: str, start: int) -> _Line:
    """Drop layout whitespace (any run touching a non-ASCII character) and invisible marks."""
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for gap in _GAP.finditer(raw):
        if gap.start() > position:
            pieces.append(raw[position : gap.start()])
            origin.extend(range(start + position, start + gap.start()))
        before = pieces[-1][-1] if pieces else ""
        after = raw[gap.end()] if gap.end() < len(raw) else ""
        if (
            before
            and after
            and before.isascii()
            and after.isascii()
            and not gap.group().strip(_INVISIBLE_CHARS)
        ):
            pieces.append(" ")
            origin.append(start + gap.start())
        position = gap.end()
    if position < len(raw):
        pieces.append(raw[position:])
        origin.extend(range(start + position, start + len(raw)))
    text = "".join(pieces).translate(_FULLWIDTH)
    for reading in reversed(list(_ROMANISATION.finditer(text))):
        text = text[: reading.start()] + text[reading.end() :]
        del origin[reading.start() : reading.end()]
    for blank in reversed(list(_FILLED_BLANK.finditer(text))):
        # drop the closing bracket first: the opening one's offset stays valid
        for at in (blank.end() - 1, blank.start()):
            text = text[:at] + text[at + 1 :]
            del origin[at]
    for form in reversed(list(_QUOTED_FORM.finditer(text))):
        for at in (form.end() - 1, form.start()):
            text = text[:at] + text[at + 1 :]
            del origin[at]
    return _Line(text, origin, _width(text))


def _typical_width(lines: list[_Line]) -> float:
    """The width of a full line (0 when there are too few lines to tell)."""
    widths = sorted(line.width for line in lines if line.width >= 4)
    if len(widths) < MIN_LINES_FOR_WIDTH:
        return 0.0
    return widths[int(0.8 * (len(widths) - 1))]


def _splits_word(line: str, following: str) -> bool:
    """The break falls inside a word (政\\n府信息, 共\\n计158件): the lines are one sentence."""
    before, after = line[-WORD_CONTEXT:], following[:WORD_CONTEXT]
    if not (before[-1] > "\u2e7f" and after[0] > "\u2e7f"):  # both sides CJK
        return False
    return len(before) not in word_starts(before + after)


def _ends_paragraph(current: _Line, following: str, typical: float) -> bool:
    line = current.text
    stripped = line.rstrip(CLOSERS)
    if stripped and stripped[-1] in SENTENCE_END:
        return True
    if line[-1] in "，,、（(“‘《" or following[0] in CONTINUATION:
        return False
    if line[-1].isdigit() and not following[0].isascii() and not TOP_HEADING.match(following):
        return False  # a number goes on with its unit: 1202\n条 (not 申请0\n四、…)
    short = typical >= 12 and current.width < 0.7 * typical
    # A short numbered line is a heading, unless a sentence already ends inside it:
    # （二）依申请公开情况。2021年共受理政府信息公开申请 goes on on the next line.
    # (too few lines to know a full line's width: a numbered line of a heading's length)
    # (a top-level heading, 四、因政府信息公开被申请行政复议的情况, may be twice as long; one
    # that names its section, …情况, may be as long as a full line)
    top = bool(TOP_HEADING.match(line))
    heading_width = 0.85 * typical if typical else SHORT_HEADING * (2 if top else 1)
    if SECTION_TITLE_END.search(line) and (top or SECTION_NUMBER.match(line)):
        # （二）行政机关收到和处理政府信息公开申请的情况 is a heading, not the start of the
        # next line's sentence
        heading_width = max(heading_width, 2 * SHORT_HEADING)
    heading = bool(TOP_HEADING.match(following)) or (
        bool(SECTION_NUMBER.match(line))
        and current.width < heading_width
        and not any(ch in SENTENCE_END for ch in line)
    )
    return (short or heading) and not _splits_word(line, following)


def _wrapped_number(line: str, following: str) -> bool:
    return line[-1] in "0123456789.," and following[0] in "0123456789.%"


def _page_number_lines(raw_lines: list[tuple[int, str]], page_starts: PageStarts) -> set[int]:
    """Offsets of bare page numbers: a line holding only a number close to its page's number,
    first or last on its page."""
    starts = [start for start, _ in page_starts]
    pages: dict[int, list[tuple[int, str]]] = {}
    for offset, raw in raw_lines:
        if raw.strip():
            pages.setdefault(max(bisect_right(starts, offset) - 1, 0), []).append((offset, raw))
    found: set[int] = set()
    for index, lines in pages.items():
        number = page_starts[index][1]
        for offset, raw in {lines[0], lines[-1]}:
            bare = raw.strip()
            if (
                number is not None
                and bare.isdigit()
                and len(bare) <= 4
                and number - 3 <= int(bare) <= number
            ):
                found.add(offset)
    return found


def normalize(text: str, page_starts: PageStarts = ()) -> AnalysisText:
    """Join the lines of `text` that continue a sentence; see the module docstring.

    `page_starts` (offset, page number) lets bare page numbers (a line "2" at a page's
    end) be dropped like other page footers.
    """
    raw_lines: list[tuple[int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        raw_lines.append((offset, raw))
        offset += len(raw) + 1
    page_numbers = _page_number_lines(raw_lines, page_starts) if len(page_starts) > 1 else set()
    lines: list[_Line] = []
    for offset, raw in raw_lines:
        if raw.strip() and not PAGE_FOOTER.match(raw) and offset not in page_numbers:
            line = _clean_line(raw, offset)
            if line.text:
                lines.append(line)
    typical = _typical_width(lines)
    pieces: list[str] = []
    origin: list[int] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        pieces.append(line.text)
        origin.extend(line.origin)
        if following is None:
            break
        if _ends_paragraph(line, following.text, typical):
            pieces.append("\n")
        elif _wrapped_number(line.text, following.text):
            continue  # 1\n2件: the PDF wrapped a number
        elif line.text[-1].isascii() and following.text[0].isascii():
            pieces.append(" ")
        else:
            continue
        origin.append(line.origin[-1] + 1)
    printed = "".join(pieces)
    return AnalysisText(simplified(printed), origin, printed)


def simplified(text: str) -> str:
    """`text` in simplified characters, of the same length (offsets stay valid)."""
    if not _TRADITIONAL.search(text):
        return text
    converted = str(zhconv.convert(text, "zh-cn"))
    if len(converted) == len(text):
        return converted
    return "".join(_simplified_character(character) for character in text)


@lru_cache(maxsize=8192)
def _simplified_character(character: str) -> str:
    converted = str(zhconv.convert(character, "zh-cn"))
    return converted if len(converted) == 1 else character
