"""Phase 1: a page's characters → words → lines.

Words are runs of characters in the text's own order, broken where the next character is
not beside the last; lines group words by their heights on the page. A number its narrow
cell wrapped (11 / 9), a note that wraps in its cell (4（其中废止后重新制发3 / 件）) and a
quote written apart are joined back into one word on the line of the row they belong to.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from statistics import median

from ...caching import compile_pattern
from ...layout import BBox
from ..pdf_geometry import Box, Char
from .settings import DEFAULT, BorderlessSettings

NUMBER = compile_pattern(
    r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|元|万元|件|条|个|次|项)?$"
)


NOTED_NUMBER = compile_pattern(r"^[+-]?\d[\d,]*(?:\.\d+)?(?:%|元|万元|件|条|个|次|项)?[（(]")


DASH = compile_pattern(r"^(?:[-—–－―/／]{1,2}|无)$")


WIDE_PUNCTUATION = frozenset("，。、；：？！（）《》“”‘’【】")


@dataclass(slots=True)
class Word(Box):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def is_value(self) -> bool:
        text = self.text.strip()
        return bool(NUMBER.match(text) or DASH.match(text) or NOTED_NUMBER.match(text))


def _extent(pick: Callable[[Iterable[float]], float], side: str) -> property:
    """A line's edge: the outermost of its words' edges."""
    get = attrgetter(side)
    return property(lambda line: pick(map(get, line.words)))


@dataclass(slots=True)
class Line:
    words: list[Word]

    top = _extent(min, "top")
    bottom = _extent(max, "bottom")
    x0 = _extent(min, "x0")
    x1 = _extent(max, "x1")

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def values(self) -> list[Word]:
        return [w for w in self.words if w.is_value]


def lines_of(chars: Sequence[Char | None], settings: BorderlessSettings = DEFAULT) -> list[Line]:
    """Words (runs of characters in the text's own order, broken where the next character
    is not beside the last) grouped into lines by their heights on the page."""
    visible = [c for c in chars if c is not None and c.text.strip()]
    if not visible:
        return []
    height = _char_height(visible, settings)
    words: list[Word] = []
    run: list[Char] = []
    for char in chars:
        if char is None or not char.text.strip():
            if run and char is None:
                words.append(_word(run))
                run = []
            continue
        if run and not _continues(run[-1], char, height, settings):
            words.append(_word(run))
            run = []
        run.append(char)
    if run:
        words.append(_word(run))
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        if lines and abs(word.cy - median(w.cy for w in lines[-1])) <= settings.same_line * height:
            lines[-1].append(word)
        else:
            lines.append([word])
    rejoined = sorted((Line(_rejoin(ws, height, settings)) for ws in lines), key=lambda ln: ln.top)
    noted = _with_notes_joined(rejoined, height, settings)
    return _with_wrapped_numbers_joined(
        _level_lines_merged(noted, height, settings), height, settings
    )


def open_note(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _with_notes_joined(
    lines: list[Line], height: float, settings: BorderlessSettings
) -> list[Line]:
    """A value cell with a note that wraps (4（其中废止后重新制发3 / 件）) as one word,
    on the line of the row it stands in (the cell is centred on the row)."""
    if not any(open_note(w.text) and w.is_value for ln in lines for w in ln.words):
        return lines
    lines = [Line(list(ln.words)) for ln in lines]
    for index, line in enumerate(lines):
        for word in list(line.words):
            if not (word.is_value and open_note(word.text)):
                continue
            merged = word
            for below in lines[index:]:
                if not below.words:
                    continue
                if below.top - merged.bottom > settings.note_leading * height or not open_note(
                    merged.text
                ):
                    break
                piece = next(
                    (
                        w
                        for w in below.words
                        if w.x0 < merged.x1
                        and merged.x0 < w.x1
                        and w.top >= merged.bottom - settings.note_slack
                    ),
                    None,
                )
                if piece is None:
                    continue
                pieces = [piece]
                for w in sorted(below.words, key=lambda w: w.x0):
                    gap = w.x0 - pieces[-1].x1
                    if w.x0 > pieces[-1].x0 and 0 <= gap <= settings.note_run_gap * height:
                        pieces.append(w)  # the note's line written in runs: 制发 1 件）
                overhang = settings.note_overhang * height
                if piece.x0 < merged.x0 - overhang or pieces[-1].x1 > merged.x1 + overhang:
                    break  # wider than the cell: running text, not a note's next line
                for w in pieces:
                    below.words.remove(w)
                merged = Word(
                    merged.text + "".join(w.text for w in pieces),
                    min(merged.x0, piece.x0),
                    merged.top,
                    max(merged.x1, pieces[-1].x1),
                    max(w.bottom for w in pieces),
                )
            if merged is word:
                continue
            line.words.remove(word)
            home = min(
                (ln for ln in lines if ln.words),
                key=lambda ln: abs(ln.cy - merged.cy),
                default=line,
            )
            level = abs(home.cy - merged.cy) <= settings.same_line * height
            target = home if home.words and level else line
            target.words = sorted([*target.words, merged], key=lambda w: w.x0)
    return sorted((ln for ln in lines if ln.words), key=lambda ln: ln.top)


def _level_lines_merged(
    lines: list[Line], height: float, settings: BorderlessSettings
) -> list[Line]:
    """Lines level with each other that share no place across the page are one line (a
    wrapped note's first line drew the label above its row's numbers when words were
    grouped into lines)."""
    out: list[Line] = []
    for line in lines:
        level = next(
            (
                ln
                for ln in reversed(out[-3:])
                if abs(ln.cy - line.cy) <= settings.level_lines * height
                and not any(a.x0 < b.x1 and b.x0 < a.x1 for a in ln.words for b in line.words)
            ),
            None,
        )
        if level is None:
            out.append(line)
        else:
            level.words = sorted([*level.words, *line.words], key=lambda w: w.x0)
    return out


def _with_wrapped_numbers_joined(
    lines: list[Line], height: float, settings: BorderlessSettings
) -> list[Line]:
    """A number that its narrow cell wrapped (11 / 9 for 119, 129 / 6 for 1296): a number
    as long as the longest of its column, and just under it, inside its width, the rest.
    The two are one number, on the row of numbers level with them both (the cell centred
    on its row: the parts of several such numbers share two lines above and below it), or
    else on the row of numbers the first part stands in when the rest's line prints no
    other number (the rest of the row printed at the top of its cells)."""
    found = [(ln, w) for ln in lines for w in ln.words if NUMBER.match(w.text)]
    if len(found) < 2:
        return lines
    rows = [ln for ln in lines if len(ln.values()) >= 2]
    taken: set[int] = set()
    by_top = sorted(range(len(found)), key=lambda k: found[k][1].top)
    tops = [found[k][1].top for k in by_top]
    reach = settings.wrap_leading * height + 1.0  # a wider window than the test, which decides
    for centred in (True, False):
        for upper, a in found:
            if id(a) in taken or not (centred or len(upper.values()) >= 2):
                continue
            near = by_top[bisect_left(tops, a.bottom - 1.0) : bisect_right(tops, a.bottom + reach)]
            below = next(
                (
                    (ln, b)
                    for ln, b in (found[k] for k in sorted(near))
                    if id(b) not in taken
                    and _wrapped_number(a, b, height, settings)
                    and (centred or not [v for v in ln.values() if v is not b])
                ),
                None,
            )
            if below is None or not _fills_column(a, below[1], found):
                continue
            lower, b = below
            home = _level_row(rows, (a, b), (upper, lower), height, settings) if centred else upper
            if home is None:
                continue
            upper.words.remove(a)
            lower.words.remove(b)
            home.words = sorted([*home.words, _joined(a, b)], key=lambda w: w.x0)
            taken |= {id(a), id(b)}
    return [ln for ln in lines if ln.words] if taken else lines


def _level_row(
    rows: Sequence[Line],
    number: tuple[Word, Word],
    parts: tuple[Line, Line],
    height: float,
    settings: BorderlessSettings,
) -> Line | None:
    """The row of numbers level with a wrapped number's two parts, with no number of its
    own in their place."""
    upper, lower = number
    centre = (upper.top + lower.bottom) / 2
    level = min((ln for ln in rows if ln.words), key=lambda ln: abs(ln.cy - centre), default=None)
    if level is None or any(level is part for part in parts):
        return None
    if abs(level.cy - centre) > settings.wrap_level * height:
        return None
    if any(v.x0 < upper.x1 and upper.x0 < v.x1 for v in level.values()):
        return None
    return level


def _wrapped_number(upper: Word, lower: Word, height: float, settings: BorderlessSettings) -> bool:
    """A number set just under another, inside its width: the rest of a number that its
    narrow cell wrapped."""
    return (
        NUMBER.match(upper.text) is not None
        and NUMBER.match(lower.text) is not None
        and 0 <= lower.top - upper.bottom <= settings.wrap_leading * height
        and upper.x0 - settings.wrap_slack <= lower.x0
        and lower.x1 <= upper.x1 + settings.wrap_slack
    )


def _joined(upper: Word, lower: Word) -> Word:
    return Word(
        upper.text + lower.text,
        min(upper.x0, lower.x0),
        upper.top,
        max(upper.x1, lower.x1),
        lower.bottom,
    )


def _fills_column(word: Word, rest: Word, numbers: Sequence[tuple[Line, Word]]) -> bool:
    """No other number printed in the word's column is longer than the word: its cell is
    full."""
    return all(
        len(w.text) <= len(word.text)
        for _, w in numbers
        if w is not word and w is not rest and word.x0 <= w.cx <= word.x1
    )


def _rejoin(words: list[Word], height: float, settings: BorderlessSettings) -> list[Word]:
    """A line's words left to right, pieces of one word (a quote written apart) joined,
    and the parts of a number its narrow cell wrapped when both fell into the line; a
    label's two lines, both level with the row's numbers, stay apart."""
    out: list[Word] = []
    for word in sorted(words, key=lambda w: w.x0):
        above = next(
            (k for k, w in enumerate(out) if _wrapped_number(w, word, height, settings)), None
        )
        if above is not None:
            out[above] = _joined(out[above], word)
            continue
        beside = next((k for k in range(len(out) - 1, -1, -1) if not _stacked(out[k], word)), None)
        if beside is not None and _one_word(out[beside], word, height, settings):
            last = out[beside]
            out[beside] = Word(
                last.text + word.text,
                last.x0,
                min(last.top, word.top),
                max(last.x1, word.x1),
                max(last.bottom, word.bottom),
            )
            continue
        out.append(word)
    return sorted(out, key=lambda w: w.x0)


def _stacked(upper: Word, lower: Word) -> bool:
    return min(upper.bottom, lower.bottom) <= max(upper.top, lower.top)


def _one_word(last: Word, word: Word, height: float, settings: BorderlessSettings) -> bool:
    loose = last.text[-1] in WIDE_PUNCTUATION or word.text[0] in WIDE_PUNCTUATION
    unit = last.is_value and Word(last.text + word.text, 0, 0, 0, 0).is_value
    numbers = (last.is_value or word.is_value) and not unit and not open_note(last.text)
    tight = word.x0 - last.x1 <= settings.tight_gap * height
    if numbers and tight and _none_in_label(last, word):
        numbers = False
    if numbers and _numbering(last, word, settings):
        numbers = False
    size = _local_size(last.bottom - last.top, word.bottom - word.top, height, settings)
    return not numbers and word.x0 - last.x1 <= _widest_gap(loose, settings) * size


def _widest_gap(loose: bool, settings: BorderlessSettings) -> float:
    return settings.punctuation_gap if loose else settings.word_gap


def _numbering(last: Word, word: Word, settings: BorderlessSettings) -> bool:
    """A row's number written apart from its label (1 | 、属于国家秘密) is the label's."""
    rest = word.text[1:2]
    return (
        last.text.isdigit()
        and len(last.text) <= settings.row_number_digits
        and (word.text[0] == "、" or (word.text[0] in ".．" and not rest.isdigit()))
    )


def _none_in_label(last: Word, word: Word) -> bool:
    """无 set tight against label text (1.申请人无正当理由…) is a character of the label."""
    pair = (last.text, word.text)
    return any(t == "无" for t in pair) and not any(NUMBER.match(t) for t in pair)


def _char_height(chars: Sequence[Char], settings: BorderlessSettings) -> float:
    """The height of a Chinese character (digits and marks are shorter)."""
    for pick in (lambda c: c.text > "\u2e7f", lambda c: c.text.isalnum(), lambda c: True):
        heights = [c.bottom - c.top for c in chars if pick(c)]
        if len(heights) >= settings.char_sample:
            return median(heights)
    return median(c.bottom - c.top for c in chars)


def _continues(last: Char, char: Char, height: float, settings: BorderlessSettings) -> bool:
    """The character follows the last on the same line, close enough to be one word.
    Full-width punctuation keeps its spacing inside the glyph's advance, not its ink, and
    quotes and commas sit high or low on the line."""
    loose = last.text in WIDE_PUNCTUATION or char.text in WIDE_PUNCTUATION
    mark = loose or last.text in ".,:" or char.text in ".,:"
    if abs(char.cy - last.cy) > (settings.mark_level if mark else settings.char_level) * height:
        return False
    gap = char.x0 - last.x1
    size = _local_size(last.bottom - last.top, char.bottom - char.top, height, settings)
    return -settings.char_overlap * height <= gap <= _widest_gap(loose, settings) * size


def _local_size(first: float, second: float, height: float, settings: BorderlessSettings) -> float:
    """The type size where two pieces meet: a header set smaller than the body text has
    narrower gaps between its columns than the body's character height."""
    return min(height, max(first, second, settings.smallest_type * height))


def _word(chars: list[Char]) -> Word:
    return Word(
        "".join(c.text for c in chars),
        min(c.x0 for c in chars),
        min(c.top for c in chars),
        max(c.x1 for c in chars),
        max(c.bottom for c in chars),
    )


def line_height(lines: Sequence[Line], settings: BorderlessSettings) -> float:
    return median(line.bottom - line.top for line in lines) if lines else settings.default_height


def numbers_line(line: Line, height: float, settings: BorderlessSettings) -> bool:
    """A line printing table values: numbers standing apart from other words."""
    words = line.words
    for i, word in enumerate(words):
        if not word.is_value:
            continue
        left = words[i - 1].x1 if i > 0 else None
        right = words[i + 1].x0 if i + 1 < len(words) else None
        gap = settings.number_apart * height
        apart = (left is None or word.x0 - left >= gap) and (
            right is None or right - word.x1 >= gap
        )
        if apart and len(words) >= 2:
            return True
    return False


def join_words(words: list[Word], settings: BorderlessSettings) -> str:
    """Words in reading order, a line break between lines."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for word in ordered:
        if lines and abs(word.cy - lines[-1][0].cy) <= settings.same_line * (
            word.bottom - word.top
        ):
            lines[-1].append(word)
        else:
            lines.append([word])
    return "\n".join("".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines)


def box_of(words: Sequence[Word]) -> BBox:
    return (
        round(min(w.x0 for w in words), 2),
        round(min(w.top for w in words), 2),
        round(max(w.x1 for w in words), 2),
        round(max(w.bottom for w in words), 2),
    )
