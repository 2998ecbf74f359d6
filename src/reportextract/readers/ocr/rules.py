"""Ruling lines of a page image → table cell rectangles.

Horizontal and vertical rules are what survives an opening of the ink mask with a long
thin kernel. Strokes of large or bold print survive too; they are told apart because a
rule meets a rule across it and a stroke of print meets none. Each rule becomes a
pdfplumber edge in PDF points, and pdfplumber's lattice functions (edges →
intersections → cells → tables) turn them into cell rectangles, as for a PDF with
vector rules.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np

from ...layout import BBox
from ..lattice import lattice_cells
from .preprocess import components

# Rules shorter than these (points) are not told apart from strokes of print: a
# horizontal rule spans a table's columns, a vertical one at least one row.
MIN_HORIZONTAL_PT = 40.0
MIN_VERTICAL_PT = 9.0
MIN_CELL_PT = 9.0
LONG_RULE_PT = 36.0
_CROSSED = 0.12
_CONTACT_PT = 0.5
SNAP_PT = 3.0
_GAP_PT = 0.5
_THICK_PT = 4.0
# A vertical "rule" with print close on both sides along this share of its length is a
# stroke inside a line of text (a tight table's rows are hardly taller than its print).
_AMID_PRINT = 0.3
_CHARACTER_GAP_PT = 4.0
# Print in a tight row leaves about this much (points) to the rules above and below it.
_RULE_GAP_PT = 1.5


@dataclass(slots=True)
class Segment:
    """A rule in points: horizontal at ``at`` from ``start`` to ``end`` (x), or vertical."""

    horizontal: bool
    at: float
    start: float
    end: float
    pixels: tuple[int, int, int, int]  # the component's box in the image: x, y, w, h
    thickness: float = 0.0  # pixels across, the mean over its length

    def touches(self, other: Segment) -> bool:
        h, v = (self, other) if self.horizontal else (other, self)
        return (
            h.start - SNAP_PT <= v.at <= h.end + SNAP_PT
            and v.start - SNAP_PT <= h.at <= v.end + SNAP_PT
        )

    def edge(self) -> dict[str, object]:
        if self.horizontal:
            return {
                "object_type": "line",
                "orientation": "h",
                "x0": self.start,
                "x1": self.end,
                "top": self.at,
                "bottom": self.at,
                "width": self.end - self.start,
                "height": 0.0,
            }
        return {
            "object_type": "line",
            "orientation": "v",
            "x0": self.at,
            "x1": self.at,
            "top": self.start,
            "bottom": self.end,
            "width": 0.0,
            "height": self.end - self.start,
        }


@dataclass(slots=True)
class Rules:
    segments: list[Segment]
    mask: np.ndarray  # 255 where a kept rule is drawn

    @property
    def edges(self) -> list[dict[str, object]]:
        return [s.edge() for s in self.segments]


def find_rules(faint: np.ndarray, ink: np.ndarray, dpi: float) -> Rules:
    """Rules drawn in ``faint`` (every mark, hairlines too), checked against the print in ``ink``."""
    px = dpi / 72.0
    gap = max(1, round(_GAP_PT * px))
    h_len = max(8, round(MIN_HORIZONTAL_PT * px))
    v_len = max(8, round(MIN_VERTICAL_PT * px))
    # Close one-pixel breaks along each direction (scanner noise, JPEG) before opening.
    h_closed = cv2.morphologyEx(faint, cv2.MORPH_CLOSE, np.ones((1, 2 * gap + 1), np.uint8))
    v_closed = cv2.morphologyEx(faint, cv2.MORPH_CLOSE, np.ones((2 * gap + 1, 1), np.uint8))
    horizontal = cv2.morphologyEx(h_closed, cv2.MORPH_OPEN, np.ones((1, h_len), np.uint8))
    vertical = cv2.morphologyEx(v_closed, cv2.MORPH_OPEN, np.ones((v_len, 1), np.uint8))
    h_found, v_found = _segments(horizontal, True, px), _segments(vertical, False, px)
    v_kept = _vertical_rules(v_found, h_found, ink, horizontal, px)
    v_kept = [v for v in v_kept if _amid_print(v, ink, horizontal, px) < _AMID_PRINT]
    own_ink = cv2.bitwise_and(ink, vertical)
    v_kept = [
        p for v in v_kept for p in _without_print_chains(v, h_found, ink, own_ink, horizontal, px)
    ]
    h_kept = [h for h in h_found if any(h.touches(v) for v in v_kept)]
    mask = np.zeros_like(ink)
    for source, kept in ((horizontal, h_kept), (vertical, v_kept)):
        for seg in kept:
            x, y, w, h = seg.pixels
            mask[y : y + h, x : x + w] |= source[y : y + h, x : x + w]
    return Rules([*h_kept, *v_kept, *_open_ends(h_kept, v_kept)], mask)


def _ends_on_rules(v: Segment, h_rules: list[Segment]) -> tuple[bool, bool]:
    crossing = [h for h in h_rules if h.start - SNAP_PT <= v.at <= h.end + SNAP_PT]
    top = any(abs(h.at - v.start) <= SNAP_PT for h in crossing)
    bottom = any(abs(h.at - v.end) <= SNAP_PT for h in crossing)
    return top, bottom


def _vertical_rules(
    v_found: list[Segment],
    h_rules: list[Segment],
    ink: np.ndarray,
    horizontal: np.ndarray,
    px: float,
) -> list[Segment]:
    """The vertical candidates that are rules, not strokes of print.

    A vertical rule is as thin as the horizontal ones and runs from a horizontal rule to
    another. A long candidate is judged row by row (between the rules across it): a row
    piece crossed by strokes is print that happens to continue the rule (a character
    standing on it), and a piece that does not end on a rule is kept only when nothing
    crosses it at all (a table cut by the page ends open). A stroke of print reaches from
    rule to rule only in a row hardly taller than a character; such a short candidate is
    a rule only if its ink runs into the rules at both ends and nothing joins it from the
    side (the other strokes of its character would).
    """
    too_thick = _too_thick(h_rules)
    long_rules = [v for v in v_found if v.end - v.start >= LONG_RULE_PT]
    kept: list[Segment] = []
    for v in v_found:
        if v.thickness > too_thick:
            continue
        top, bottom = _ends_on_rules(v, h_rules)
        # A rule continued at both ends by strokes of print that touch it still has row
        # pieces between the rules across it: those are judged one by one.
        if (top or bottom or _crossed(v, h_rules)) and v.end - v.start >= LONG_RULE_PT:
            open_top = (
                sum(1 for o in long_rules if o is not v and abs(o.start - v.start) <= SNAP_PT) >= 2
            )
            open_bottom = (
                sum(1 for o in long_rules if o is not v and abs(o.end - v.end) <= SNAP_PT) >= 2
            )
            # an end piece stands on a rule only if it runs into it (a stroke of print in
            # the row beyond a rule's last row stops short of the rule under it)
            meets_top, meets_bottom = _meets_rules(v, h_rules)
            pieces = _rule_pieces(
                v,
                h_rules,
                ink,
                horizontal,
                px,
                (meets_top or open_top, meets_bottom or open_bottom),
            )
            kept.extend(pieces)
        else:
            v = _without_overshoot(v, h_rules, (top, bottom), ink, horizontal, px)
            if _joins_rules(v, h_rules) and _beside(v, ink, horizontal, 2) == 0.0:
                kept.append(v)
    return kept


def _without_overshoot(
    v: Segment,
    h_rules: list[Segment],
    ends: tuple[bool, bool],
    ink: np.ndarray,
    horizontal: np.ndarray,
    px: float,
) -> Segment:
    """The candidate without an end that runs on past a rule across it and stops short of
    the next: a stroke of the print in the row beyond the rule, standing on it - shorter
    than a row (no row is shorter than MIN_CELL_PT), or joined from the side by the other
    strokes of its character. A rule ends on the rule."""
    crossing = [h.at for h in h_rules if h.start - SNAP_PT <= v.at <= h.end + SNAP_PT]
    x, _, w, _ = v.pixels

    def stroke(start: float, end: float) -> bool:
        if end - start < MIN_CELL_PT:
            return True
        y0, y1 = round(start * px), round(end * px)
        piece = Segment(False, v.at, start, end, (x, y0, w, y1 - y0), v.thickness)
        return _beside(piece, ink, horizontal, 2) > 0.0

    start, end = v.start, v.end
    if not ends[0]:
        below = [at for at in crossing if v.start + SNAP_PT < at < v.end - SNAP_PT]
        if below and stroke(v.start, min(below)):
            start = min(below)
    if not ends[1]:
        above = [at for at in crossing if start + SNAP_PT < at < v.end - SNAP_PT]
        if above and stroke(max(above), v.end):
            end = max(above)
    if (start, end) == (v.start, v.end) or end - start < MIN_VERTICAL_PT:
        return v
    y0, y1 = round(start * px), round(end * px)
    return Segment(False, v.at, start, end, (x, y0, w, y1 - y0), v.thickness)


def _too_thick(h_rules: list[Segment]) -> float:
    """The thickness (pixels) from which a vertical candidate is print, not a rule: twice
    that of the page's typical horizontal candidate and two pixels; but never below the
    thickness of its long rules (their median by length) and two pixels, where hairlines
    of print long enough to pass for rules outnumber a table's few rules (a page holding
    only the last row of a table)."""
    if not h_rules:
        return 8.0
    typical = float(np.median([h.thickness for h in h_rules]))
    ordered = sorted(h_rules, key=lambda h: h.thickness)
    lengths = np.cumsum([h.end - h.start for h in ordered])
    by_length = ordered[int(np.searchsorted(lengths, lengths[-1] / 2))].thickness
    return max(2 * typical + 2, by_length + 2)


def _crossed(v: Segment, h_rules: list[Segment]) -> bool:
    """Two horizontal rules or more cross the segment (away from its ends)."""
    crossing = [
        h
        for h in h_rules
        if h.start - SNAP_PT <= v.at <= h.end + SNAP_PT
        and v.start + SNAP_PT < h.at < v.end - SNAP_PT
    ]
    return len(crossing) >= 2


def _rule_pieces(
    v: Segment,
    h_rules: list[Segment],
    ink: np.ndarray,
    horizontal: np.ndarray,
    px: float,
    ends: tuple[bool, bool],
) -> list[Segment]:
    """The row pieces of a long vertical candidate that are rule, not print. ``ends``:
    whether its top and bottom end on a rule or where other rules end too (a table cut
    by the page); a piece ending anywhere else is print standing on the rule."""
    cuts = sorted(
        h.at
        for h in h_rules
        if h.start - SNAP_PT <= v.at <= h.end + SNAP_PT
        and v.start + SNAP_PT < h.at < v.end - SNAP_PT
    )
    bounds = [v.start, *cuts, v.end]
    anchored = [ends[0], *([True] * len(cuts)), ends[1]]
    x, _, w, _ = v.pixels
    pieces: list[Segment] = []
    for i in range(len(bounds) - 1):
        start, end = bounds[i], bounds[i + 1]
        y0, y1 = round(start * px), round(end * px)
        piece = Segment(False, v.at, start, end, (x, y0, w, max(1, y1 - y0)), v.thickness)
        crossed = _beside(piece, ink, horizontal, 2, both=True)
        if anchored[i] and anchored[i + 1] and crossed <= _CROSSED:
            pieces.append(piece)
    if len(bounds) > 2 and len(pieces) == 1 and _beside(pieces[0], ink, horizontal, 2) > 0.0:
        # The candidate's other rows are print: what is left is one row's stroke, judged
        # as a short candidate is (a stroke of 其 chained through the rules to the print
        # of the rows above and below).
        return []
    return _joined_pieces(pieces)


def _without_print_chains(
    v: Segment,
    h_rules: list[Segment],
    ink: np.ndarray,
    own_ink: np.ndarray,
    horizontal: np.ndarray,
    px: float,
) -> list[Segment]:
    """The kept rule without its row pieces (between the rules across it) whose ink stops
    short of both rules: print chained through the rules, not a rule; and without a row
    piece that chain leaves alone, unless it passes as a short candidate."""
    cuts = sorted(
        h.at
        for h in h_rules
        if h.start - SNAP_PT <= v.at <= h.end + SNAP_PT
        and v.start + SNAP_PT < h.at < v.end - SNAP_PT
    )
    if not cuts:
        return [v] if not _stops_short(v, own_ink, horizontal, px) else []
    bounds = [v.start, *cuts, v.end]
    x, _, w, _ = v.pixels
    pieces = []
    for start, end in itertools.pairwise(bounds):
        y0, y1 = round(start * px), round(end * px)
        piece = Segment(False, v.at, start, end, (x, y0, w, max(1, y1 - y0)), v.thickness)
        if not _stops_short(piece, own_ink, horizontal, px):
            pieces.append(piece)
    joined = _joined_pieces(pieces)
    if len(pieces) == len(bounds) - 1:
        return joined
    # Where the chain's other rows were print, a row piece left alone is one row's stroke
    # (a 0 whose side touches both rules of its row only there): judged as a short
    # candidate is, a rule only if nothing joins it from the side.
    alone = {id(p) for p in pieces}  # a piece joined to its neighbours is a new segment
    return [
        j
        for j in joined
        if id(j) not in alone
        or (_joins_rules(j, h_rules) and _beside(j, ink, horizontal, 2) == 0.0)
    ]


def _joined_pieces(pieces: list[Segment]) -> list[Segment]:
    """Consecutive kept pieces as one segment again."""
    out: list[Segment] = []
    for piece in pieces:
        if out and abs(out[-1].end - piece.start) < 1e-6:
            last = out[-1]
            x, y, w, _ = last.pixels
            height = piece.pixels[1] + piece.pixels[3] - y
            out[-1] = Segment(
                False, last.at, last.start, piece.end, (x, y, w, height), last.thickness
            )
        else:
            out.append(piece)
    return out


def _stops_short(v: Segment, own_ink: np.ndarray, horizontal: np.ndarray, px: float) -> bool:
    """The candidate's own ink (``own_ink``: ink where the vertical opening kept it) breaks
    right below the rule across its top and right above the rule across its bottom.

    A rule's ink runs into the rules it meets. In a row hardly taller than its print, the
    sides of a 0 reach both rules only in the faint mask (the scan's blur fills the gap
    the print leaves to the rule), so the digits of a column chain through the rules into
    a long candidate whose ink breaks next to every rule. A faint rule with no ink, or one
    whose ink breaks elsewhere (a worn scan), is not judged. A candidate that ends right
    short of a rule (a gap even the faint mask leaves) is judged up to that rule.
    """
    x, y, w, h = v.pixels
    if h < 8:
        return False
    # the gap print leaves lies within this many rows of the rule's band
    reach = max(3, round(_RULE_GAP_PT * px))
    columns = slice(max(0, x - 2), x + w + 2)
    top, bottom = y, y + h
    above = horizontal[max(0, y - reach) : y, columns].any(axis=1)
    if not horizontal[y, columns].any() and above.any():
        top = max(0, y - reach) + int(np.flatnonzero(above)[-1]) + 1
    below = horizontal[y + h : y + h + reach, columns].any(axis=1)
    if not horizontal[y + h - 1, columns].any() and below.any():
        bottom = y + h + int(np.flatnonzero(below)[0])
    band = horizontal[top:bottom, columns].any(axis=1)
    free = np.flatnonzero(~band)
    if free.size == 0:
        return False
    rows = np.asarray(own_ink[top + int(free[0]) : top + int(free[-1]) + 1, x : x + w].any(axis=1))
    if not rows.any():
        return False
    return bool((~rows[:reach]).any() and (~rows[-reach:]).any())


def _joins_rules(v: Segment, h_rules: list[Segment]) -> bool:
    """Both ends of the segment run into a horizontal rule (a rule's ink meets the rules
    across it; a stroke of print stops short of them)."""
    top, bottom = _meets_rules(v, h_rules)
    return top and bottom


def _meets_rules(v: Segment, h_rules: list[Segment]) -> tuple[bool, bool]:
    """Whether the segment's top and its bottom run into a horizontal rule."""
    crossing = [h for h in h_rules if h.start - SNAP_PT <= v.at <= h.end + SNAP_PT]
    top = any(h.at - SNAP_PT <= v.start <= h.at + _CONTACT_PT for h in crossing)
    bottom = any(h.at - _CONTACT_PT <= v.end <= h.at + SNAP_PT for h in crossing)
    return top, bottom


def _beside(
    v: Segment, ink: np.ndarray, horizontal: np.ndarray, reach: int, both: bool = False
) -> float:
    """The share of the segment's length with ink within ``reach`` pixels of a side (or of
    both sides), away from the rules across it. Ink right beside it (reach 2) joins it:
    none for a rule (print may touch one side of it), much for a stroke of a character."""
    x, y, w, h = v.pixels
    left, right = x - reach, x + w + reach
    if left < 0 or right >= ink.shape[1] or h < 8:
        return 0.0
    rows = slice(y, y + h)
    on_left = ink[rows, left : x - 1].any(axis=1)
    on_right = ink[rows, x + w + 1 : right + 1].any(axis=1)
    beside = (on_left & on_right) if both else (on_left | on_right)
    near_rule = horizontal[rows, max(0, left - 2) : right + 3].any(axis=1)
    near_rule = near_rule | np.roll(near_rule, 2) | np.roll(near_rule, -2)
    near_rule[:3] = True
    near_rule[-3:] = True
    eligible = int(np.count_nonzero(~near_rule))
    if eligible == 0:
        return 0.0
    return int(np.count_nonzero(beside & ~near_rule)) / eligible


def _amid_print(v: Segment, ink: np.ndarray, horizontal: np.ndarray, px: float) -> float:
    """The share of the segment's length (away from the rules across it) with print on
    both sides within a character's gap: a rule between cells has the cells' padding on
    at least one side; a stroke of a character has its neighbours on both."""
    x, y, w, h = v.pixels
    reach = max(3, round(_CHARACTER_GAP_PT * px))
    left, right = max(0, x - reach), min(ink.shape[1], x + w + reach)
    if h < 8 or x - 2 <= left or right <= x + w + 2:
        return 0.0
    rows = slice(y, y + h)
    both = ink[rows, left : x - 2].any(axis=1) & ink[rows, x + w + 2 : right].any(axis=1)
    near_rule = horizontal[rows, left:right].any(axis=1)
    near_rule = near_rule | np.roll(near_rule, 2) | np.roll(near_rule, -2)
    eligible = int(np.count_nonzero(~near_rule))
    if eligible == 0:
        return 0.0
    return int(np.count_nonzero(both & ~near_rule)) / eligible


def _segments(mask: np.ndarray, horizontal: bool, px: float) -> list[Segment]:
    _count, labels, stats = components(mask)
    out: list[Segment] = []
    thick = _THICK_PT * px
    for label, (x, y, w, h, area) in enumerate(stats[1:].tolist(), start=1):
        box = (x, y, w, h)
        across = area / max(1, w if horizontal else h)  # mean thickness
        if horizontal:
            # A filled band (a shaded row) gives its top and bottom border as rules.
            levels = [y + h / 2] if across <= thick else [y, y + h]
            out.extend(Segment(True, at / px, x / px, (x + w) / px, box, across) for at in levels)
            continue
        # Print standing against a rule widens its component (on average beyond a rule's
        # thickness too, where bold print stands on both sides of it): the rule is the
        # component's longest run of columns - when the component is that wide, one long
        # enough to cross rows and standing alone for a row's height somewhere, not the
        # strokes of characters stacked in tight rows (print beside them in every row).
        # A rule blotted by print over a short stretch only (a character of the row
        # beyond its end, set against it) is widened there alone, too little to show in
        # its mean thickness but as much as there: wider than twice its own run of
        # columns and two pixels (a wavering scanned rule spreads over a column or two).
        # Where that run stands alone for a row's height, it is the candidate.
        widened = across > thick or w > 2 * across + 2
        if widened or w > across + 2:
            component = labels[y : y + h, x : x + w] == label
            strip = _rule_strip(component, thick)
            if strip is None and widened and across <= thick < w:
                # strokes side by side (the two sides of a column of 0s chained through
                # tight rows) and no single straight run of columns among them: no rule
                # (its middle, where it stood for one before, is where the print is)
                continue
            alone = 0 if strip is None else _alone(component, strip)
            blotted = strip is not None and w > 2 * (strip[1] - strip[0]) + 2
            stands = alone >= MIN_VERTICAL_PT * px
            if strip is not None and (
                (
                    widened
                    and (across <= thick or (strip[3] - strip[2] >= LONG_RULE_PT * px and stands))
                )
                or (blotted and stands and across <= thick)
            ):
                x, w, y, h = x + strip[0], strip[1] - strip[0], y + strip[2], strip[3] - strip[2]
                box, across = (x, y, w, h), float(w)
        levels = [x + w / 2] if across <= thick else [x, x + w]
        out.extend(Segment(False, at / px, y / px, (y + h) / px, box, across) for at in levels)
    return out


def _rule_strip(component: np.ndarray, thick: float) -> tuple[int, int, int, int] | None:
    """The rule inside a vertical component wider than a rule (start, end, top, bottom in
    the component's box): the columns of its longest run, where strokes of print standing
    against the rule made the component wider. The print may stand along the rule
    (characters set top to bottom in a narrow column) or beyond its end (a row of
    characters as tall as their row, above the rows a column rule divides); the rule's
    extent is then its own, not the component's."""
    height = component.shape[0]
    counts = component.sum(axis=0)
    longest = int(counts.max())
    if longest < 0.5 * height:
        return None
    columns = np.flatnonzero(counts >= 0.75 * longest)
    if columns[-1] - columns[0] + 1 > thick:
        return None
    if len(columns) != columns[-1] - columns[0] + 1:
        return None  # two rules, not one
    x0, x1 = int(columns[0]), int(columns[-1]) + 1
    rows = np.flatnonzero(component[:, x0:x1].any(axis=1))
    return x0, x1, int(rows[0]), int(rows[-1]) + 1


def _alone(component: np.ndarray, strip: tuple[int, int, int, int]) -> int:
    """The longest run of rows (pixels) where the strip is all the component holds (no
    print standing against it, a pixel of slack on each side)."""
    x0, x1, top, bottom = strip
    rows = component[top:bottom]
    beside = rows.copy()
    beside[:, max(0, x0 - 1) : x1 + 1] = False
    alone = np.asarray(rows[:, x0:x1].any(axis=1) & ~beside.any(axis=1))
    longest = run = 0
    for row in alone.tolist():
        run = run + 1 if row else 0
        longest = max(longest, run)
    return longest


def _open_ends(h_rules: list[Segment], v_rules: list[Segment]) -> list[Segment]:
    """Closing rules for a table cut by a page break: where several vertical rules end (or
    start) at one height with no horizontal rule there, the table's edge is that height."""
    added: list[Segment] = []
    for at_end in (False, True):
        ordered = sorted(v_rules, key=lambda v: v.end if at_end else v.start)
        groups: list[list[Segment]] = []
        for v in ordered:
            level = v.end if at_end else v.start
            if groups:
                first = groups[-1][0]
                if abs(level - (first.end if at_end else first.start)) <= SNAP_PT:
                    groups[-1].append(v)
                    continue
            groups.append([v])
        for group in groups:
            if len(group) < 3:
                continue
            level = sum(v.end if at_end else v.start for v in group) / len(group)
            x0, x1 = min(v.at for v in group), max(v.at for v in group)
            closed = any(
                abs(h.at - level) <= SNAP_PT and h.start <= x0 + SNAP_PT and h.end >= x1 - SNAP_PT
                for h in h_rules
            )
            if not closed:
                added.append(Segment(True, level, x0, x1, (0, 0, 0, 0)))
    return added


def table_cells(edges: list[dict[str, object]]) -> list[list[BBox]]:
    """Cell rectangles (points) of each table the edges form, by pdfplumber's lattice functions."""
    return [table for table in lattice_cells(edges, SNAP_PT, SNAP_PT) if _plausible(table)]


def _plausible(cells: list[BBox]) -> bool:
    """Not a lattice of print strokes (bold characters that touch): most cells hold a line."""
    if len(cells) < 2:
        return False
    roomy = sum(
        1 for x0, top, x1, bottom in cells if x1 - x0 >= MIN_CELL_PT and bottom - top >= MIN_CELL_PT
    )
    return roomy >= 0.6 * len(cells)
