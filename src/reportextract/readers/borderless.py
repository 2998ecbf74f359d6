"""Tables drawn without inner rules (an outer border only, or none), from text positions.

A Word export whose table has no inner borders gives pdfplumber's lattice nothing to
work with. The template's tables are still easy to see in the text: rows of isolated
numbers in aligned columns, labels on their left, header words above.

- Rows: every line that prints numbers is a data row. Label lines are attached to the
  data row they stand beside (labels that wrap are centred on their numbers).
- Columns: the numbers' centres, clustered; header words span the columns under them.
  Label "lanes" (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密) are cut where label
  words on one line leave a gap; a word in the last lane is a row's own label, a word in
  an earlier lane is a group label and spans the rows it stands beside, down to the next
  group label of its lane.
- Bands: a line without numbers that reaches into the number columns after some data
  rows (第二十条第（五）项, a new header) starts a new set of columns (表二's sections).

The result is a `Grid` like the lattice reader's (with geometry, bboxes in points), so
the table rebuilder reads it unchanged.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from statistics import median

from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import filter_edges

from ..layout import BBox, Grid, GridCell
from ..template import best_choice, normalize_label, template_map
from ..template.vocabulary import vocabulary
from .pdf_geometry import COLUMN_DRIFT, PAGE_FURNITURE, Box, Char

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|元|万元|件|条|个|次|项)?$")
_NOTED_NUMBER = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?(?:%|元|万元|件|条|个|次|项)?[（(]")
_DASH = re.compile(r"^(?:[-—–－―/／]{1,2}|无)$")
_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+、\S{2,}(?:情况|事项)\s*$")
_SNAP = 3.0
_ROW_NUMBERING = re.compile(
    r"^(?:\d{1,2}\s*[.、．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、)"
)
_FIRST_CHILD = re.compile(r"^1\s*[.、．]")
_GROUP_LABEL = re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]")
_WIDE_PUNCTUATION = frozenset("，。、；：？！（）《》“”‘’【】")


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
        return bool(_NUMBER.match(text) or _DASH.match(text) or _NOTED_NUMBER.match(text))


@dataclass(slots=True)
class Line:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def values(self) -> list[Word]:
        return [w for w in self.words if w.is_value]


@dataclass(slots=True)
class _Band:
    header: list[Line] = field(default_factory=list)
    rows: list[Line] = field(default_factory=list)  # lines that print numbers
    labels: list[Line] = field(default_factory=list)  # label lines among and after the rows


def lines_of(chars: Sequence[Char | None]) -> list[Line]:
    """Words (runs of characters in the text's own order, broken where the next character
    is not beside the last) grouped into lines by their heights on the page."""
    visible = [c for c in chars if c is not None and c.text.strip()]
    if not visible:
        return []
    height = _char_height(visible)
    words: list[Word] = []
    run: list[Char] = []
    for char in chars:
        if char is None or not char.text.strip():
            if run and char is None:
                words.append(_word(run))
                run = []
            continue
        if run and not _continues(run[-1], char, height):
            words.append(_word(run))
            run = []
        run.append(char)
    if run:
        words.append(_word(run))
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        if lines and abs(word.cy - median(w.cy for w in lines[-1])) <= 0.5 * height:
            lines[-1].append(word)
        else:
            lines.append([word])
    rejoined = sorted((Line(_rejoin(ws, height)) for ws in lines), key=lambda ln: ln.top)
    noted = _level_lines_merged(_with_notes_joined(rejoined, height), height)
    return _with_wrapped_numbers_joined(noted, height)


def _open_note(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _with_notes_joined(lines: list[Line], height: float) -> list[Line]:
    """A value cell with a note that wraps (4（其中废止后重新制发3 / 件）) as one word,
    on the line of the row it stands in (the cell is centred on the row)."""
    if not any(_open_note(w.text) and w.is_value for ln in lines for w in ln.words):
        return lines
    lines = [Line(list(ln.words)) for ln in lines]
    for index, line in enumerate(lines):
        for word in list(line.words):
            if not (word.is_value and _open_note(word.text)):
                continue
            merged = word
            for below in lines[index:]:
                if not below.words:
                    continue
                if below.top - merged.bottom > 0.8 * height or not _open_note(merged.text):
                    break
                piece = next(
                    (
                        w
                        for w in below.words
                        if w.x0 < merged.x1 and merged.x0 < w.x1 and w.top >= merged.bottom - 1
                    ),
                    None,
                )
                if piece is None:
                    continue
                pieces = [piece]
                for w in sorted(below.words, key=lambda w: w.x0):
                    if w.x0 > pieces[-1].x0 and 0 <= w.x0 - pieces[-1].x1 <= 0.6 * height:
                        pieces.append(w)  # the note's line written in runs: 制发 1 件）
                if piece.x0 < merged.x0 - height or pieces[-1].x1 > merged.x1 + height:
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
            target = home if home.words and abs(home.cy - merged.cy) <= 0.5 * height else line
            target.words = sorted([*target.words, merged], key=lambda w: w.x0)
    return sorted((ln for ln in lines if ln.words), key=lambda ln: ln.top)


def _level_lines_merged(lines: list[Line], height: float) -> list[Line]:
    """Lines level with each other that share no place across the page are one line (a
    wrapped note's first line drew the label above its row's numbers when words were
    grouped into lines)."""
    out: list[Line] = []
    for line in lines:
        level = next(
            (
                ln
                for ln in reversed(out[-3:])
                if abs(ln.cy - line.cy) <= 0.25 * height
                and not any(a.x0 < b.x1 and b.x0 < a.x1 for a in ln.words for b in line.words)
            ),
            None,
        )
        if level is None:
            out.append(line)
        else:
            level.words = sorted([*level.words, *line.words], key=lambda w: w.x0)
    return out


def _with_wrapped_numbers_joined(lines: list[Line], height: float) -> list[Line]:
    """A number that its narrow cell wrapped (11 / 9 for 119, 129 / 6 for 1296): a number
    as long as the longest of its column, and just under it, inside its width, the rest.
    The two are one number, on the row of numbers level with them both (the cell centred
    on its row: the parts of several such numbers share two lines above and below it), or
    else on the row of numbers the first part stands in when the rest's line prints no
    other number (the rest of the row printed at the top of its cells)."""
    found = [(ln, w) for ln in lines for w in ln.words if _NUMBER.match(w.text)]
    if len(found) < 2:
        return lines
    rows = [ln for ln in lines if len(ln.values()) >= 2]
    taken: set[int] = set()
    for centred in (True, False):
        for upper, a in found:
            if id(a) in taken or not (centred or len(upper.values()) >= 2):
                continue
            below = next(
                (
                    (ln, b)
                    for ln, b in found
                    if id(b) not in taken
                    and _wrapped_number(a, b, height)
                    and (centred or not [v for v in ln.values() if v is not b])
                ),
                None,
            )
            if below is None or not _fills_column(a, below[1], found):
                continue
            lower, b = below
            home = _level_row(rows, a, b, height, (upper, lower)) if centred else upper
            if home is None:
                continue
            upper.words.remove(a)
            lower.words.remove(b)
            home.words = sorted([*home.words, _joined(a, b)], key=lambda w: w.x0)
            taken |= {id(a), id(b)}
    return [ln for ln in lines if ln.words] if taken else lines


def _level_row(
    rows: Sequence[Line], upper: Word, lower: Word, height: float, parts: tuple[Line, Line]
) -> Line | None:
    """The row of numbers level with a wrapped number's two parts, with no number of its
    own in their place."""
    centre = (upper.top + lower.bottom) / 2
    level = min((ln for ln in rows if ln.words), key=lambda ln: abs(ln.cy - centre), default=None)
    if level is None or any(level is part for part in parts):
        return None
    if abs(level.cy - centre) > 0.3 * height:
        return None
    if any(v.x0 < upper.x1 and upper.x0 < v.x1 for v in level.values()):
        return None
    return level


def _wrapped_number(upper: Word, lower: Word, height: float) -> bool:
    """A number set just under another, inside its width: the rest of a number that its
    narrow cell wrapped."""
    return (
        _NUMBER.match(upper.text) is not None
        and _NUMBER.match(lower.text) is not None
        and 0 <= lower.top - upper.bottom <= 0.6 * height
        and upper.x0 - 1 <= lower.x0
        and lower.x1 <= upper.x1 + 1
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


def _rejoin(words: list[Word], height: float) -> list[Word]:
    """A line's words left to right, pieces of one word (a quote written apart) joined,
    and the parts of a number its narrow cell wrapped when both fell into the line; a
    label's two lines, both level with the row's numbers, stay apart."""
    out: list[Word] = []
    for word in sorted(words, key=lambda w: w.x0):
        above = next((k for k, w in enumerate(out) if _wrapped_number(w, word, height)), None)
        if above is not None:
            out[above] = _joined(out[above], word)
            continue
        beside = next((k for k in range(len(out) - 1, -1, -1) if not _stacked(out[k], word)), None)
        if beside is not None and _one_word(out[beside], word, height):
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


def _one_word(last: Word, word: Word, height: float) -> bool:
    loose = last.text[-1] in _WIDE_PUNCTUATION or word.text[0] in _WIDE_PUNCTUATION
    unit = last.is_value and Word(last.text + word.text, 0, 0, 0, 0).is_value
    numbers = (last.is_value or word.is_value) and not unit and not _open_note(last.text)
    if numbers and word.x0 - last.x1 <= 0.3 * height and _none_in_label(last, word):
        numbers = False
    if numbers and _numbering(last, word):
        numbers = False
    size = _local_size(last.bottom - last.top, word.bottom - word.top, height)
    return not numbers and word.x0 - last.x1 <= (1.6 if loose else 0.9) * size


def _numbering(last: Word, word: Word) -> bool:
    """A row's number written apart from its label (1 | 、属于国家秘密) is the label's."""
    rest = word.text[1:2]
    return (
        last.text.isdigit()
        and len(last.text) <= 2
        and (word.text[0] == "、" or (word.text[0] in ".．" and not rest.isdigit()))
    )


def _none_in_label(last: Word, word: Word) -> bool:
    """无 set tight against label text (1.申请人无正当理由…) is a character of the label."""
    pair = (last.text, word.text)
    return any(t == "无" for t in pair) and not any(_NUMBER.match(t) for t in pair)


def _char_height(chars: Sequence[Char]) -> float:
    """The height of a Chinese character (digits and marks are shorter)."""
    for pick in (lambda c: c.text > "\u2e7f", lambda c: c.text.isalnum(), lambda c: True):
        heights = [c.bottom - c.top for c in chars if pick(c)]
        if len(heights) >= 5:
            return median(heights)
    return median(c.bottom - c.top for c in chars)


def _continues(last: Char, char: Char, height: float) -> bool:
    """The character follows the last on the same line, close enough to be one word.
    Full-width punctuation keeps its spacing inside the glyph's advance, not its ink, and
    quotes and commas sit high or low on the line."""
    loose = last.text in _WIDE_PUNCTUATION or char.text in _WIDE_PUNCTUATION
    mark = loose or last.text in ".,:" or char.text in ".,:"
    if abs(char.cy - last.cy) > (0.8 if mark else 0.5) * height:
        return False
    gap = char.x0 - last.x1
    size = _local_size(last.bottom - last.top, char.bottom - char.top, height)
    return -0.3 * height <= gap <= (1.6 if loose else 0.9) * size


def _local_size(first: float, second: float, height: float) -> float:
    """The type size where two pieces meet: a header set smaller than the body text has
    narrower gaps between its columns than the body's character height."""
    return min(height, max(first, second, 0.6 * height))


def _word(chars: list[Char]) -> Word:
    return Word(
        "".join(c.text for c in chars),
        min(c.x0 for c in chars),
        min(c.top for c in chars),
        max(c.x1 for c in chars),
        max(c.bottom for c in chars),
    )


def _line_height(lines: Sequence[Line]) -> float:
    return median(line.bottom - line.top for line in lines) if lines else 10.0


def _numbers_line(line: Line, height: float) -> bool:
    """A line printing table values: numbers standing apart from other words."""
    words = line.words
    for i, word in enumerate(words):
        if not word.is_value:
            continue
        left = words[i - 1].x1 if i > 0 else None
        right = words[i + 1].x0 if i + 1 < len(words) else None
        apart = (left is None or word.x0 - left >= height) and (
            right is None or right - word.x1 >= height
        )
        if apart and len(words) >= 2:
            return True
    return False


def _frames(edges: Sequence[dict[str, object]]) -> list[BBox]:
    """Rectangles drawn by the edges (an outer border with nothing inside)."""
    if len(edges) < 4:
        return []
    merged = merge_edges(
        filter_edges(list(edges), min_length=1),
        snap_x_tolerance=_SNAP,
        snap_y_tolerance=_SNAP,
        join_x_tolerance=_SNAP,
        join_y_tolerance=_SNAP,
    )
    cells = intersections_to_cells(edges_to_intersections(merged, _SNAP, _SNAP))
    # pdfplumber keeps tables of two cells or more; a lone rectangle is a frame.
    in_tables = {tuple(cell) for table in cells_to_tables(cells) for cell in table}
    return [tuple(cell) for cell in cells if tuple(cell) not in in_tables]  # type: ignore[misc]


def _inside(line: Line, box: BBox) -> bool:
    x0, top, x1, bottom = box
    return (
        x0 - _SNAP <= line.x0 and line.x1 <= x1 + _SNAP and top - _SNAP <= line.cy <= bottom + _SNAP
    )


def _overlaps(line: Line, boxes: Sequence[BBox]) -> bool:
    return any(b[0] <= (line.x0 + line.x1) / 2 <= b[2] and b[1] <= line.cy <= b[3] for b in boxes)


def table_regions(
    lines: Sequence[Line],
    edges: Sequence[dict[str, object]],
    exclude: Sequence[BBox] = (),
    continued: bool = False,
) -> list[list[Line]]:
    """The lines of each table without inner rules on the page, top to bottom.

    A table inside a drawn frame is the frame's lines. Otherwise a table is a run of
    consecutive lines, none of them running text or a heading, no two farther apart
    than the table's own row spacing allows, with at least two lines of numbers (or one
    of four numbers or more: 表四, or one under a template table's header, or one that
    names a template row at the top of a page that continues a table)."""
    height = _line_height(lines)
    candidates = [
        line
        for line in lines
        if not _overlaps(line, exclude) and not PAGE_FURNITURE.match(line.text.replace(" ", ""))
    ]
    numbered = {i for i, line in enumerate(candidates) if _numbers_line(line, height)}
    if not numbered:
        return []
    regions: list[list[Line]] = []
    used: set[int] = set()
    for frame in _frames(edges):
        members = [i for i, line in enumerate(candidates) if _inside(line, frame)]
        if numbered & set(members) and not used & set(members):
            regions.append([candidates[i] for i in members])
            used |= set(members)
    tops = sorted(candidates[i].top for i in numbered)
    pitches = [b - a for a, b in itertools.pairwise(tops)]
    reach = max(3.5 * height, 2.2 * median(pitches)) if pitches else 3.5 * height
    runs: list[list[int]] = []
    for i, line in enumerate(candidates):
        if i in used or _prose(line, lines):
            runs.append([])
            continue
        if runs and runs[-1] and line.top - candidates[runs[-1][-1]].bottom <= reach:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        rows = [i for i in run if i in numbered]
        values = sum(len(candidates[i].values()) for i in rows)
        section = any(
            vocabulary().section_title.search(candidates[i].text.replace(" ", "")) for i in run
        )
        named = section or (
            bool(rows) and _template_header([candidates[i] for i in run if i < rows[0]], height)
        )
        if not rows:
            continue
        label = [w for w in candidates[rows[0]].words if not w.is_value]
        first = all(region[0].top > candidates[run[0]].top for region in regions)
        if continued and first and _label_score(label) >= 0.9:
            named = True
        if len(rows) < 2 and values < 4 and not named:
            continue
        last = rows[-1]
        end = last
        # after the last numbers only the rest of its label (a wrapped label) belongs, and
        # rows that print nothing (numbered labels)
        for i in run[run.index(last) + 1 :]:
            below = candidates[i]
            starts_row = _ROW_NUMBERING.match(below.text.replace(" ", "")) is not None
            if below.top - candidates[end].bottom > (reach if starts_row else 1.5 * height):
                break
            if below.x0 >= min(w.x0 for w in candidates[last].values()):
                break
            end = i
        members = [i for i in run if i <= end]
        regions.append([candidates[i] for i in members])
        used |= set(members)
    return sorted(regions, key=lambda region: region[0].top)


def _template_header(lines: Sequence[Line], height: float) -> bool:
    """Lines that head a template table: 表二's column words (本年制发件数, 采购项目数量 …),
    表三's applicant columns (自然人 … 总计) or 表四's 行政复议 and 行政诉讼."""
    words = {normalize_label(w.text).words for line in lines for w in line.words}
    tm = template_map()
    proactive = {m for markers in tm.template_markers.values() for m in markers}
    return (
        bool(words & proactive)
        or set(tm.appeals_markers) <= words
        or len(_header_leaves(lines, 0.0, height)) >= 3
    )


def _prose(line: Line, lines: Sequence[Line]) -> bool:
    """A heading (三、收到和处理…情况), a sentence, or running text as wide as the page, its
    words set close (not a label and header cells apart on one line)."""
    text = line.text.replace(" ", "")
    if _HEADING.match(text) or any("。" in w.text or "；" in w.text for w in line.words):
        return True
    left = min(other.x0 for other in lines)
    right = max(other.x1 for other in lines)
    longest = max(len(w.text) for w in line.words)
    wide = line.x1 - line.x0 >= 0.8 * (right - left)
    inked = sum(w.x1 - w.x0 for w in line.words) >= 0.8 * (line.x1 - line.x0)  # not cells apart
    return wide and inked and longest >= 12 and len(line.words) <= 3 and not line.values()


def _cluster(values: Sequence[float], gap: float) -> list[list[float]]:
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= gap:
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def _bands(region: Sequence[Line], boundary: float) -> list[_Band]:
    bands = [_Band()]
    for line in region:
        band = bands[-1]
        numbers = any(w.is_value and w.x0 >= boundary for w in line.words)
        reaches_values = any(w.x1 > boundary for w in line.words)
        if numbers:
            band.rows.append(line)
        elif reaches_values and band.rows:
            bands.append(_Band(header=[*_section_title(band, boundary, line), line]))
        elif reaches_values or not band.rows:
            band.header.append(line)
        else:
            band.labels.append(line)
    return [band for band in bands if band.rows]


def _section_title(band: _Band, boundary: float, next_header: Line) -> list[Line]:
    """Label lines after a band's last row that are not the rest of its label (a section
    title printed on the label side, 第二十条第（八）项) move to the next band's header."""
    last = band.rows[-1]
    trailing = [ln for ln in band.labels if ln.top > last.top]
    if not trailing:
        return []
    items = [_Item([w for w in ln.words if w.cx < boundary] or ln.words) for ln in trailing]
    own = [w for w in last.words if w.cx < boundary]
    cut = _best_cut(own, items, [], (last.bottom, next_header.top))
    moved = trailing[cut:]
    band.labels = [ln for ln in band.labels if ln not in moved]
    return moved


def _first_label_lines(band: _Band, boundary: float) -> None:
    """Label lines of the first data row that stand above its numbers are not header."""
    last_header = max(
        (i for i, line in enumerate(band.header) if any(w.cx >= boundary for w in line.words)),
        default=-1,
    )
    band.labels[:0] = band.header[last_header + 1 :]
    band.header = band.header[: last_header + 1]


@dataclass(slots=True)
class _Columns:
    centres: list[float]
    spans: list[tuple[float, float]]

    def nearest(self, x: float) -> int:
        return min(range(len(self.centres)), key=lambda k: abs(self.centres[k] - x))

    def covered(self, word: Word) -> tuple[int, int]:
        inside = [k for k, c in enumerate(self.centres) if word.x0 - _SNAP <= c <= word.x1 + _SNAP]
        if not inside:
            k = self.nearest(word.cx)
            return k, k
        return inside[0], inside[-1]


def _columns(
    rows: Sequence[Line], header: Sequence[Line], boundary: float, height: float
) -> _Columns:
    """Number columns: the numbers' centres, clustered, and the header's lowest words over
    places where no row prints a number (a column left blank for zero throughout)."""
    words = [w for line in rows for w in line.words if w.is_value and w.x0 >= boundary]
    groups = _cluster([w.cx for w in words], max(6.0, 1.2 * height))
    columns = []
    for group in groups:
        members = [w for w in words if group[0] <= w.cx <= group[-1]]
        columns.append(
            (sum(group) / len(group), min(w.x0 for w in members), max(w.x1 for w in members))
        )
    for leaf in _header_leaves(header, boundary, height):
        x0, x1 = min(w.x0 for w in leaf), max(w.x1 for w in leaf)
        if not any(x0 - _SNAP <= c <= x1 + _SNAP or x0 <= s0 <= x1 for c, s0, _ in columns):
            columns.append(((x0 + x1) / 2, x0, x1))
    columns.sort()
    return _Columns([c for c, _, _ in columns], [(s0, s1) for _, s0, s1 in columns])


def _header_leaves(header: Sequence[Line], boundary: float, height: float) -> list[list[Word]]:
    """The header's words over the number columns that name one of the template's columns
    (自然人, 商业企业, 结果维持, 总计 …), words printed over several lines (商业 / 企业)
    stacked into one label."""
    known = _column_labels()
    labels: list[list[Word]] = []
    for word in sorted(
        (w for line in header for w in line.words if w.cx >= boundary), key=lambda w: (w.top, w.x0)
    ):
        for label in labels:
            last = max(label, key=lambda w: w.bottom)
            overlap = min(last.x1, word.x1) - max(last.x0, word.x0)
            text = _label_words([*label, word])
            if (
                overlap > 0
                and 0 <= word.top - last.bottom <= 0.8 * height
                and any(k.startswith(text) for k in known)
            ):
                label.append(word)
                break
        else:
            labels.append([word])
    return [label for label in labels if _label_words(label) in known]


def _label_words(words: Sequence[Word]) -> str:
    return normalize_label(
        "".join(w.text for w in sorted(words, key=lambda w: (w.top, w.x0)))
    ).words


@cache
def _column_labels() -> frozenset[str]:
    tm = template_map()
    return frozenset(
        label for choice in (*tm.requests_columns, *tm.appeals_outcomes) for label in choice.labels
    )


def _split_labels(
    lines: Sequence[Line], boundary: float, height: float
) -> tuple[list[list[Word]], list[list[Word]]]:
    """Label words of the rows, per line: (each line's own-label words, group-label words
    by lane). A group label (三、本年度办理结果, （三）不予公开) has other labels to its
    right on the lines beside it; a row's own label has only numbers to its right (a label
    level with one row's numbers is not beside the label level with another row's or
    nearer to another row's numbers, nor beside the numbered label of a row that prints
    nothing)."""
    label_words = [
        sorted((w for w in line.words if w.cx < boundary), key=lambda w: w.x0) for line in lines
    ]
    everything = [w for words in label_words for w in words]
    pitch = _pitch(lines, height)
    row_centres = [line.cy for line in lines if line.values()]

    def row_of(word: Word) -> int | None:
        near = [k for k, cy in enumerate(row_centres) if abs(cy - word.cy) <= 0.4 * height]
        return near[0] if near else None

    def nearest_row(word: Word) -> int:
        return min(range(len(row_centres)), key=lambda k: abs(row_centres[k] - word.cy))

    def has_labels_right(word: Word) -> bool:
        row = row_of(word)
        if row is not None and _names_row_not_group(word.text):
            return False
        return any(
            other.x0 >= word.x1 + 0.5 * height
            and abs(other.cy - word.cy) <= 0.75 * pitch
            and (row is None or _beside(other, row, row_of(other), nearest_row(other)))
            for other in everything
        )

    own: list[list[Word]] = []
    groups: list[Word] = []
    for words in label_words:
        mine: list[Word] = []
        for word in words:
            (groups if has_labels_right(word) else mine).append(word)
        own.append(mine)
    lanes = [
        [w for w in groups if cluster[0] <= w.x0 <= cluster[-1]]
        for cluster in _cluster([w.x0 for w in groups], height)
    ]
    return own, lanes


@cache
def _names_row_not_group(text: str) -> bool:
    """（七）总计 names a row of 表三; （六）其他处理 names a group (in 2021) as well as a row."""
    words = normalize_label(text).words
    tm = template_map()
    return _label_score([Word(text, 0, 0, 0, 0)]) >= 0.95 and (
        best_choice(words, tm.requests_groups, threshold=0.85) is None
    )


def _beside(other: Word, row: int, other_row: int | None, nearest: int) -> bool:
    """Whether a label stands beside a label level with the numbers of ``row``: level
    with the same row's numbers, or between rows but nearest to that row and not the
    numbered label of a row that prints nothing."""
    if other_row is None:
        return nearest == row and _ROW_NUMBERING.match(other.text) is None
    return other_row == row


def _pitch(lines: Sequence[Line], height: float) -> float:
    """The distance between the rows of numbers (a row's height)."""
    tops = sorted(line.top for line in lines if line.values())
    steps = [b - a for a, b in itertools.pairwise(tops) if b - a > 0.5 * height]
    return median(steps) if steps else 2 * height


def _join(words: list[Word]) -> str:
    """Words in reading order, a line break between lines."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for word in ordered:
        if lines and abs(word.cy - lines[-1][0].cy) <= 0.5 * (word.bottom - word.top):
            lines[-1].append(word)
        else:
            lines.append([word])
    return "\n".join("".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines)


def _box(words: Sequence[Word]) -> BBox:
    return (
        round(min(w.x0 for w in words), 2),
        round(min(w.top for w in words), 2),
        round(max(w.x1 for w in words), 2),
        round(max(w.bottom for w in words), 2),
    )


class _Item(Line):
    """The label words of one line in one lane range."""

    __slots__ = ()


def _label_score(words: Sequence[Word]) -> float:
    """How well the words name a row of the template's tables, 0..1."""
    text = normalize_label(_join(list(words))).words
    if not text:
        return 0.0
    tm = template_map()
    return max(spec.score(text) for spec in (*tm.requests_rows, *tm.proactive_rows))


def _gaps(sequence: Sequence[tuple[float, float]]) -> list[float]:
    return [sequence[i + 1][0] - sequence[i][1] for i in range(len(sequence) - 1)]


def _best_cut(
    upper: list[Word], members: list[_Item], lower: list[Word], edges: tuple[float, float]
) -> int:
    """Where the label lines between two rows change from the upper row's to the lower's:
    where the lower label begins with its numbering (4.无正当理由…), then the cut whose
    two labels best name template rows, the widest gap among equals (the cell padding
    between rows is wider than the leading between a label's lines)."""
    boxes = [(edges[0], edges[0]), *((i.top, i.bottom) for i in members), (edges[1], edges[1])]
    gaps = _gaps(boxes)

    def score(cut: int) -> tuple[bool, float, float]:
        above = upper + [w for i in members[:cut] for w in i.words]
        below = [w for i in members[cut:] for w in i.words] + lower
        numbered = bool(below) and _ROW_NUMBERING.match(_join(below)) is not None
        return (numbered, round(_label_score(above) + _label_score(below), 2), gaps[cut])

    return max(range(len(members) + 1), key=score)


def _assign_leaves(
    items: list[_Item], rows: list[Line], height: float
) -> tuple[dict[int, list[_Item]], list[_Item]]:
    """Each row's own label lines. Lines level with a row's numbers are its own; lines
    between two rows go to the row above or below (`_best_cut`). Lines above the first
    row that do not belong to its label are the end of a row begun on the previous page
    (under a repeated header or not); they are returned separately."""
    level: dict[int, list[_Item]] = {r: [] for r in range(len(rows))}
    between: dict[int, list[_Item]] = {}
    for item in sorted(items, key=lambda i: i.cy):
        r = min(range(len(rows)), key=lambda i: abs(rows[i].cy - item.cy))
        if abs(rows[r].cy - item.cy) <= 0.4 * height:
            level[r].append(item)
        else:
            between.setdefault(r if item.cy > rows[r].cy else r - 1, []).append(item)
    assigned = {r: list(level[r]) for r in range(len(rows))}

    def words(r: int) -> list[Word]:
        return [w for i in level[r] for w in i.words]

    def top(r: int) -> float:
        return min((i.top for i in level[r]), default=rows[r].cy)

    def bottom(r: int) -> float:
        return max((i.bottom for i in level[r]), default=rows[r].cy)

    leading: list[_Item] = []
    for slot, members in sorted(between.items()):
        members.sort(key=lambda i: i.top)
        if slot < 0:
            cut = _best_cut([], members, words(0), (members[0].top, top(0)))
            if _label_score([w for i in members[cut:] for w in i.words] + words(0)) <= _label_score(
                [w for i in members for w in i.words] + words(0)
            ):
                cut = 0
            leading = members[:cut]
            assigned[0][:0] = members[cut:]
        elif slot >= len(rows) - 1:
            assigned[len(rows) - 1].extend(members)
        else:
            upper = [w for i in assigned[slot] for w in i.words]
            cut = _best_cut(upper, members, words(slot + 1), (bottom(slot), top(slot + 1)))
            assigned[slot].extend(members[:cut])
            assigned[slot + 1][:0] = members[cut:]
    return assigned, leading


def _band_grid(band: _Band, columns: _Columns, boundary: float, height: float, page: int) -> Grid:
    label_lines = sorted([*band.rows, *band.labels], key=lambda line: line.top)
    own, lanes = _split_labels(label_lines, boundary, height)
    leaf_col = len(lanes)
    first_value_col = leaf_col + 1
    cells: list[GridCell] = []

    header = _header_cells(band.header, columns, boundary, first_value_col, page)
    cells.extend(header)
    offset = max((c.last_row + 1 for c in header), default=0)

    items = [_Item(words) for words in own if words]
    rows = _with_blank_rows(band.rows, items, height)
    assigned, leading = _assign_leaves(items, rows, height)
    if leading:
        words = [w for item in leading for w in item.words]
        cells.append(GridCell(offset, leaf_col, _join(words), page=page, bbox=_box(words)))
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        cells.extend(_value_cells(columns, [], top, bottom, offset, first_value_col, page))
        offset += 1
    for r, line in enumerate(rows):
        values = [w for w in line.words if w.is_value and w.x0 >= boundary]
        cells.extend(
            _value_cells(columns, values, line.top, line.bottom, offset + r, first_value_col, page)
        )
        words = [w for item in assigned[r] for w in item.words]
        if words:
            cells.append(GridCell(offset + r, leaf_col, _join(words), page=page, bbox=_box(words)))
    restarts = {
        r: min(i.top for i in assigned[r])
        for r in range(len(rows))
        if _FIRST_CHILD.match("".join(i.text for i in assigned[r]))
    }
    for lane, words in enumerate(lanes):
        blocks = _blocks(words, height)
        for block, (first_row, last_row) in zip(
            blocks, _lane_spans(blocks, rows, restarts), strict=True
        ):
            if first_row > last_row:
                continue
            cells.append(
                GridCell(
                    offset + first_row,
                    lane,
                    _join(block),
                    rowspan=last_row - first_row + 1,
                    page=page,
                    bbox=_box(block),
                )
            )
    boxes = [c.bbox for c in cells if c.bbox is not None]
    bbox = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return Grid(
        cells=_without_overlaps(cells), page=page, bbox=bbox, geometry=True, drift=COLUMN_DRIFT
    )


def _with_blank_rows(rows: list[Line], items: Sequence[_Item], height: float) -> list[Line]:
    """The band's rows, with a row for each label that prints no number at all (a table
    that leaves zero blank): a numbered label (3.危及“三安全一稳定”, （二）部分公开) with no
    numbers before the next numbered one, or a label standing apart from the lines around
    it that names a template row and has no numbers level with it."""
    blank = [*_blank_numbered(rows, items), *_blank_apart(rows, items, height)]
    if not blank:
        return rows
    unique = {id(line.words[0]): line for line in blank}
    return sorted([*rows, *unique.values()], key=lambda line: line.top)


def _blank_numbered(rows: list[Line], items: Sequence[_Item]) -> list[Line]:
    starts = sorted(
        (i for i in items if _ROW_NUMBERING.match("".join(w.text for w in i.words))),
        key=lambda i: i.top,
    )
    blank = []
    for k, start in enumerate(starts):
        end = starts[k + 1].top if k + 1 < len(starts) else None
        values = any(start.top <= row.cy and (end is None or row.cy < end) for row in rows)
        below = end is not None or start.top > max((row.cy for row in rows), default=0.0)
        if not values and below:
            blank.append(Line(list(start.words)))
    return blank


def _blank_apart(rows: list[Line], items: Sequence[_Item], height: float) -> list[Line]:
    blocks: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: i.top):
        if blocks and item.top - blocks[-1][-1].bottom <= 0.8 * height:
            blocks[-1].append(item)
        else:
            blocks.append([item])
    texts = [[w for i in block for w in i.words] for block in blocks]
    blank = []
    for k, block in enumerate(blocks):
        top, bottom = block[0].top, max(i.bottom for i in block)
        if any(top - 0.8 * height <= row.cy <= bottom + 0.8 * height for row in rows):
            continue
        score = _label_score(texts[k])
        joined = [
            _label_score([*texts[j], *texts[j + 1]]) for j in (k - 1, k) if 0 <= j < len(blocks) - 1
        ]
        if score >= 0.85 and all(score >= other for other in joined):
            blank.append(Line(texts[k]))
    return blank


def _value_cells(
    columns: _Columns,
    values: Sequence[Word],
    top: float,
    bottom: float,
    row: int,
    first_col: int,
    page: int,
) -> list[GridCell]:
    """One cell per number column (blank where the row prints nothing), boxed by the column."""
    by_column: dict[int, list[Word]] = {}
    for word in values:
        by_column.setdefault(columns.nearest(word.cx), []).append(word)
    cells = []
    for k, (x0, x1) in enumerate(columns.spans):
        found = sorted(by_column.get(k, []), key=lambda w: w.x0)
        bbox = (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
        cells.append(
            GridCell(row, first_col + k, " ".join(w.text for w in found), page=page, bbox=bbox)
        )
    return cells


def _lane_spans(
    blocks: list[list[Word]], rows: Sequence[Line], restarts: dict[int, float]
) -> list[tuple[int, int]]:
    """The rows each group label of a lane stands for: the rows nearest to it, except that
    a group numbered （四） begins where its children's numbering begins again (1.),
    when that row's label begins between the two labels (a label centred on its rows leaves the
    last rows of the group above nearer to the label below), or above the first label
    (rows continuing a group from the previous page)."""
    nearest = [blocks.index(_nearest(row, blocks)) for row in rows]
    spans = []
    for k in range(len(blocks)):
        members = [r for r, b in enumerate(nearest) if b == k]
        spans.append((min(members), max(members)) if members else (1, 0))
    for k in range(len(blocks)):
        below = _Item(blocks[k])
        if not _GROUP_LABEL.match(below.text):
            continue
        above_bottom = _Item(blocks[k - 1]).bottom if k else float("-inf")
        level = [r for r, top in restarts.items() if above_bottom < top <= below.bottom]
        if not level:
            continue
        cut = max(level)
        if k:
            spans[k - 1] = (spans[k - 1][0], cut - 1)
        spans[k] = (cut, max(spans[k][1], cut))
    return spans


def _nearest(line: Line, blocks: list[list[Word]]) -> list[Word]:
    def distance(block: list[Word]) -> float:
        item = _Item(block)
        if item.top <= line.cy <= item.bottom:
            return 0.0
        return min(abs(line.cy - item.top), abs(line.cy - item.bottom))

    return min(blocks, key=distance)


def _blocks(words: list[Word], height: float) -> list[list[Word]]:
    """Group-label words of one lane, stacked into blocks (a label over several lines)."""
    blocks: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if blocks and word.top - max(w.bottom for w in blocks[-1]) <= 0.8 * height:
            blocks[-1].append(word)
        else:
            blocks.append([word])
    return blocks


def _header_cells(
    header: Sequence[Line],
    columns: _Columns,
    boundary: float,
    first_value_col: int,
    page: int,
) -> list[GridCell]:
    """Header words as cells over the columns they span; a header printed over several
    lines (商业 / 企业) is one cell. Header words over the labels span the label columns."""
    pieces: list[tuple[int, int, Word]] = []
    for line in header:
        for word in line.words:
            if word.cx >= boundary:
                first, last = columns.covered(word)
                pieces.append((first_value_col + first, first_value_col + last, word))
            else:
                pieces.append((0, first_value_col - 1, word))
    merged: list[tuple[int, int, list[Word]]] = []
    for first, last, word in sorted(pieces, key=lambda p: (p[2].top, p[2].x0)):
        for entry in merged:
            below = word.top - max(w.bottom for w in entry[2])
            if entry[0] == first and entry[1] == last and below <= 0.8 * (word.bottom - word.top):
                entry[2].append(word)
                break
        else:
            merged.append((first, last, [word]))
    levels = sorted({round(line.top, 1) for line in header})
    cells = []
    for first, last, words in merged:
        top = min(w.top for w in words)
        bottom = max(w.bottom for w in words)
        row = min(range(len(levels)), key=lambda i: abs(levels[i] - top))
        last_row = max(i for i, level in enumerate(levels) if level <= bottom)
        cells.append(
            GridCell(
                row,
                first,
                _join(words),
                rowspan=max(1, last_row - row + 1),
                colspan=last - first + 1,
                page=page,
                bbox=_box(words),
            )
        )
    return cells


def _without_overlaps(cells: list[GridCell]) -> list[GridCell]:
    """Drop cells whose position another cell already covers (a grid has one cell per slot)."""
    taken: set[tuple[int, int]] = set()
    kept = []
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        slots = {
            (r, c)
            for r in range(cell.row, cell.last_row + 1)
            for c in range(cell.col, cell.last_col + 1)
        }
        if slots & taken:
            continue
        taken |= slots
        kept.append(cell)
    return kept


@dataclass(slots=True)
class Continuation:
    """What a table without rules leaves to the next page: the number columns of its last
    band, for a continuation that prints no header (and leaves whole columns blank)."""

    columns: _Columns | None = None
    open: bool = False  # the previous page ended in such a table (or its header)
    appeals: Grid | None = None  # 表四's header at the previous page's foot, its row to come


def _blank_appeals_row(grid: Grid, columns: _Columns, height: float) -> None:
    """表四's header left at a page's foot and the next page going on with text: the
    table's one row printed nothing, every cell a blank (zero), under the header."""
    assert grid.bbox is not None
    x0, top, x1, foot = grid.bbox
    grid.cells += _appeals_row([], columns, (foot, foot + height), grid.page or 0)
    grid.bbox = (x0, top, x1, foot + height)


def borderless_grids(
    chars: Sequence[Char | None],
    edges: Sequence[dict[str, object]],
    page: int,
    exclude: Sequence[BBox] = (),
    continuation: Continuation | None = None,
) -> list[Grid]:
    """Grids of the page's tables that have no inner rules.

    ``chars`` and ``edges`` are the page's characters and ruling segments
    (`pdf_geometry.page_chars` / `page_edges`); ``exclude`` are the boxes of tables the
    lattice already found on the page; ``continuation`` carries columns from the
    previous page to this one and on to the next.
    """
    carried = continuation.columns if continuation else None
    continued = bool(continuation and continuation.open)
    pending = continuation.appeals if continuation else None
    if continuation:
        continuation.columns, continuation.open, continuation.appeals = None, False, None
    lines = lines_of(chars)
    if not lines:
        return []
    height = _line_height(lines)
    if pending is not None and carried is not None and _opens_with_text(lines, height):
        _blank_appeals_row(pending, carried, height)
    grids: list[Grid] = []
    for region in table_regions(lines, edges, exclude, continued):
        numbers = [w for line in region if _numbers_line(line, height) for w in line.values()]
        if not numbers:
            continue
        # 无 is a value only where numbers stand, not a character of a label that came apart
        marks = [w for w in numbers if w.text.strip() != "无"]
        boundary = min(w.x0 for w in marks or numbers) - _SNAP
        for band in _bands(region, boundary):
            _first_label_lines(band, boundary)
            edge = _appeals_edge(band) or boundary
            columns = _columns(band.rows, band.header, edge, height)
            fragments = all(len(w.text) <= 2 for line in band.header for w in line.words)
            if not grids and fragments and carried and _continues_columns(columns, carried, height):
                columns = carried
            carried = None
            grids.append(_band_grid(band, columns, edge, height, page))
            if continuation:
                continuation.columns, continuation.open = columns, True
    found = _appeals_header_below(lines, grids, height, page)
    if found is not None:
        header, header_columns, ended = found
        grids.append(header)
        if continuation:
            continuation.columns, continuation.open = header_columns, not ended
            continuation.appeals = None if ended else header
    return grids


def _grid(cells: list[GridCell], page: int, bbox: BBox) -> Grid:
    return Grid(cells=cells, page=page, bbox=bbox, geometry=True, drift=COLUMN_DRIFT)


def _opens_with_text(lines: Sequence[Line], height: float) -> bool:
    """The page begins with text, not with a line of numbers (nor the page's furniture)."""
    first = next((ln for ln in lines if not PAGE_FURNITURE.match(ln.text.replace(" ", ""))), None)
    return (
        first is not None
        and not _numbers_line(first, height)
        and len(first.values()) < len(first.words)
    )


def _appeals_edge(band: _Band) -> float | None:
    """表四 has no label column: under its header (行政复议 … 行政诉讼) every column is a
    number column, even those left of the first number printed."""
    markers = set(template_map().appeals_markers)
    words = [w for line in band.header for w in line.words]
    if sum(normalize_label(w.text).words in markers for w in words) < 2:
        return None
    return min(w.x0 for w in [*words, *(w for line in band.rows for w in line.words)]) - _SNAP


def _appeals_header_below(
    lines: Sequence[Line], grids: Sequence[Grid], height: float, page: int
) -> tuple[Grid, _Columns | None, bool] | None:
    """表四's header with no number under it on the page: a grid of its header words, so
    that numbers on the next page are known as 表四's, and its columns where the header's
    narrow words show all of them. Where the page goes on after the header, the table
    ended there, and the grid holds its one row under the header: the numbers of a row
    that prints fewer than two (a sparse row, or the rest of a row that the page break
    cut), or a row that printed nothing, every cell a blank (zero)."""
    bottom = max((g.bbox[3] for g in grids if g.bbox), default=0.0)
    markers = set(template_map().appeals_markers)
    for index, line in enumerate(lines):
        if line.top <= bottom or len(line.words) < 2 or _prose(line, lines):
            continue
        if sum(normalize_label(w.text).words in markers for w in line.words) < 2:
            continue
        below = [ln for ln in lines[index:] if not PAGE_FURNITURE.match(ln.text.replace(" ", ""))]
        if any(_numbers_line(ln, height) for ln in below):
            return None
        header = [below[0]]
        for ln in below[1:]:
            if _prose(ln, lines) or ln.top - header[-1].bottom > 1.5 * height or ln.values():
                break
            header.append(ln)
        after = below[len(header) :]
        cells = [
            GridCell(0, k, w.text, page=page, bbox=_box([w]))
            for k, w in enumerate(sorted(line.words, key=lambda w: w.x0))
        ]
        columns = _appeals_columns([w for ln in header[1:] for w in ln.words], height)
        x0, top, x1, foot = _box([w for ln in header for w in ln.words])
        first = after[0] if after else None
        numbers = first is not None and len(first.values()) == len(first.words)
        row = first if first and numbers and first.top - foot <= 1.5 * height else None
        text = [ln for ln in after if len(ln.values()) < len(ln.words)]  # not a page number
        if columns is None or not (row or text):
            return (
                _grid(cells, page, (x0, top, x1, foot)),
                columns,
                False,
            )
        end = row.bottom if row else max(foot, min(text[0].top, foot + 2 * height))
        cells += _appeals_row(row.words if row else [], columns, (foot, end), page)
        return _grid(cells, page, (x0, top, x1, end)), columns, True
    return None


def _appeals_row(
    words: Sequence[Word], columns: _Columns, band: tuple[float, float], page: int
) -> list[GridCell]:
    """表四's one row under its header: each number in its column, the rest blank."""
    placed = {columns.nearest(w.cx): w for w in words}
    return [
        GridCell(1, k, placed[k].text, page=page, bbox=_box([placed[k]]))
        if k in placed
        else GridCell(1, k, "", page=page, bbox=(x0, band[0], x1, band[1]))
        for k, (x0, x1) in enumerate(columns.spans)
    ]


def _appeals_columns(words: Sequence[Word], height: float) -> _Columns | None:
    """表四's fifteen columns from its header words, leaving out the words that span
    several columns (未经复议直接起诉)."""
    narrow = [w for w in words if w.x1 - w.x0 <= 2.5 * height]
    groups = _cluster([w.cx for w in narrow], 0.6 * height)
    if len(groups) != len(template_map().appeals_column_pairs):
        return None
    spans = []
    for group in groups:
        members = [w for w in narrow if group[0] <= w.cx <= group[-1]]
        spans.append((min(w.x0 for w in members), max(w.x1 for w in members)))
    return _Columns([sum(g) / len(g) for g in groups], spans)


def _continues_columns(columns: _Columns, previous: _Columns, height: float) -> bool:
    """Every number column of a band stands under a column of the previous page's table."""
    return len(columns.centres) <= len(previous.centres) and all(
        any(abs(c - p) <= 1.2 * height for p in previous.centres) for c in columns.centres
    )
