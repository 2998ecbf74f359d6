"""Phase 5: each row's label and the group labels spanning rows.

Label "lanes" (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密) are cut where label words
on one line leave a gap; a word in the last lane is a row's own label, a word in an
earlier lane is a group label and spans the rows it stands beside. Label lines between
two rows go to the row whose label they complete best; a label that prints no number at
all is a row of its own (a table that leaves zero blank).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cache
from statistics import median

from ...caching import compile_pattern
from ...template import best_choice, normalize_label, template_map
from .columns import cluster
from .settings import BorderlessSettings
from .words import Line, Word, join_words

ROW_NUMBERING = compile_pattern(
    r"^(?:\d{1,2}\s*[.、．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、)"
)


FIRST_CHILD = compile_pattern(r"^1\s*[.、．]")


_GROUP_LABEL = compile_pattern(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]")


def split_labels(
    lines: Sequence[Line], boundary: float, height: float, settings: BorderlessSettings
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
    pitch = _pitch(lines, height, settings)
    row_centres = [line.cy for line in lines if line.values()]

    def row_of(word: Word) -> int | None:
        near = [
            k
            for k, cy in enumerate(row_centres)
            if abs(cy - word.cy) <= settings.label_level * height
        ]
        return near[0] if near else None

    def nearest_row(word: Word) -> int:
        return min(range(len(row_centres)), key=lambda k: abs(row_centres[k] - word.cy))

    def has_labels_right(word: Word) -> bool:
        row = row_of(word)
        if row is not None and _names_row_not_group(word.text, settings):
            return False
        return any(
            other.x0 >= word.x1 + settings.lane_gap * height
            and abs(other.cy - word.cy) <= settings.beside_pitch * pitch
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
        [w for w in groups if lane[0] <= w.x0 <= lane[-1]]
        for lane in cluster([w.x0 for w in groups], settings.lane_width * height)
    ]
    return own, lanes


def _names_row_not_group(text: str, settings: BorderlessSettings) -> bool:
    """（七）总计 names a row of 表三; （六）其他处理 names a group (in 2021) as well as a row."""
    return _names_row_not_group_at(text, settings.row_label, settings.group_label)


@cache
def _names_row_not_group_at(text: str, row_label: float, group_label: float) -> bool:
    words = normalize_label(text).words
    return _row_score(words) >= row_label and (
        best_choice(words, template_map().requests_groups, threshold=group_label) is None
    )


def _beside(other: Word, row: int, other_row: int | None, nearest: int) -> bool:
    """Whether a label stands beside a label level with the numbers of ``row``: level
    with the same row's numbers, or between rows but nearest to that row and not the
    numbered label of a row that prints nothing."""
    if other_row is None:
        return nearest == row and ROW_NUMBERING.match(other.text) is None
    return other_row == row


def _pitch(lines: Sequence[Line], height: float, settings: BorderlessSettings) -> float:
    """The distance between the rows of numbers (a row's height)."""
    tops = sorted(line.top for line in lines if line.values())
    steps = [b - a for a, b in itertools.pairwise(tops) if b - a > settings.min_pitch * height]
    return median(steps) if steps else settings.default_pitch * height


class Item(Line):
    """The label words of one line in one lane range."""

    __slots__ = ()


def label_score(words: Sequence[Word], settings: BorderlessSettings) -> float:
    """How well the words name a row of the template's tables, 0..1."""
    return _row_score(normalize_label(join_words(list(words), settings)).words)


def _row_score(text: str) -> float:
    if not text:
        return 0.0
    tm = template_map()
    return max(spec.score(text) for spec in (*tm.requests_rows, *tm.proactive_rows))


def _gaps(sequence: Sequence[tuple[float, float]]) -> list[float]:
    return [sequence[i + 1][0] - sequence[i][1] for i in range(len(sequence) - 1)]


def best_cut(
    upper: list[Word],
    members: list[Item],
    lower: list[Word],
    edges: tuple[float, float],
    settings: BorderlessSettings,
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
        numbered = bool(below) and ROW_NUMBERING.match(join_words(below, settings)) is not None
        score = label_score(above, settings) + label_score(below, settings)
        return (numbered, round(score, 2), gaps[cut])

    return max(range(len(members) + 1), key=score)


def assign_leaves(
    items: list[Item], rows: list[Line], height: float, settings: BorderlessSettings
) -> tuple[dict[int, list[Item]], list[Item]]:
    """Each row's own label lines. Lines level with a row's numbers are its own; lines
    between two rows go to the row above or below (`best_cut`). Lines above the first
    row that do not belong to its label are the end of a row begun on the previous page
    (under a repeated header or not); they are returned separately."""
    level: dict[int, list[Item]] = {r: [] for r in range(len(rows))}
    between: dict[int, list[Item]] = {}
    for item in sorted(items, key=lambda i: i.cy):
        r = min(range(len(rows)), key=lambda i: abs(rows[i].cy - item.cy))
        if abs(rows[r].cy - item.cy) <= settings.label_level * height:
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

    leading: list[Item] = []
    for slot, members in sorted(between.items()):
        members.sort(key=lambda i: i.top)
        if slot < 0:
            cut = best_cut([], members, words(0), (members[0].top, top(0)), settings)
            rest = label_score([w for i in members[cut:] for w in i.words] + words(0), settings)
            if rest <= label_score([w for i in members for w in i.words] + words(0), settings):
                cut = 0
            leading = members[:cut]
            assigned[0][:0] = members[cut:]
        elif slot >= len(rows) - 1:
            assigned[len(rows) - 1].extend(members)
        else:
            upper = [w for i in assigned[slot] for w in i.words]
            edges = (bottom(slot), top(slot + 1))
            cut = best_cut(upper, members, words(slot + 1), edges, settings)
            assigned[slot].extend(members[:cut])
            assigned[slot + 1][:0] = members[cut:]
    return assigned, leading


def with_blank_rows(
    rows: list[Line], items: Sequence[Item], height: float, settings: BorderlessSettings
) -> list[Line]:
    """The band's rows, with a row for each label that prints no number at all (a table
    that leaves zero blank): a numbered label (3.危及“三安全一稳定”, （二）部分公开) with no
    numbers before the next numbered one, or a label standing apart from the lines around
    it that names a template row and has no numbers level with it."""
    blank = [*_blank_numbered(rows, items), *_blank_apart(rows, items, height, settings)]
    if not blank:
        return rows
    unique = {id(line.words[0]): line for line in blank}
    return sorted([*rows, *unique.values()], key=lambda line: line.top)


def _blank_numbered(rows: list[Line], items: Sequence[Item]) -> list[Line]:
    starts = sorted(
        (i for i in items if ROW_NUMBERING.match("".join(w.text for w in i.words))),
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


def _blank_apart(
    rows: list[Line], items: Sequence[Item], height: float, settings: BorderlessSettings
) -> list[Line]:
    leading = settings.label_leading * height
    blocks: list[list[Item]] = []
    for item in sorted(items, key=lambda i: i.top):
        if blocks and item.top - blocks[-1][-1].bottom <= leading:
            blocks[-1].append(item)
        else:
            blocks.append([item])
    texts = [[w for i in block for w in i.words] for block in blocks]
    blank = []
    for k, block in enumerate(blocks):
        top, bottom = block[0].top, max(i.bottom for i in block)
        if any(top - leading <= row.cy <= bottom + leading for row in rows):
            continue
        score = label_score(texts[k], settings)
        joined = [
            label_score([*texts[j], *texts[j + 1]], settings)
            for j in (k - 1, k)
            if 0 <= j < len(blocks) - 1
        ]
        if score >= settings.blank_row_label and all(score >= other for other in joined):
            blank.append(Line(texts[k]))
    return blank


def lane_spans(
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
        below = Item(blocks[k])
        if not _GROUP_LABEL.match(below.text):
            continue
        above_bottom = Item(blocks[k - 1]).bottom if k else float("-inf")
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
        item = Item(block)
        if item.top <= line.cy <= item.bottom:
            return 0.0
        return min(abs(line.cy - item.top), abs(line.cy - item.bottom))

    return min(blocks, key=distance)


def blocks_of(words: list[Word], height: float, settings: BorderlessSettings) -> list[list[Word]]:
    """Group-label words of one lane, stacked into blocks (a label over several lines)."""
    blocks: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if (
            blocks
            and word.top - max(w.bottom for w in blocks[-1]) <= settings.label_leading * height
        ):
            blocks[-1].append(word)
        else:
            blocks.append([word])
    return blocks
