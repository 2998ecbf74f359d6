"""Phase 4: a band's number columns, from the numbers' centres and the header's words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ...template import normalize_label, template_map
from .settings import BorderlessSettings
from .words import Line, Word


def cluster(values: Sequence[float], gap: float) -> list[list[float]]:
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= gap:
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


@dataclass(slots=True)
class Columns:
    centres: list[float]
    spans: list[tuple[float, float]]

    def nearest(self, x: float) -> int:
        return min(range(len(self.centres)), key=lambda k: abs(self.centres[k] - x))

    def covered(self, word: Word, snap: float) -> tuple[int, int]:
        inside = [k for k, c in enumerate(self.centres) if word.x0 - snap <= c <= word.x1 + snap]
        if not inside:
            k = self.nearest(word.cx)
            return k, k
        return inside[0], inside[-1]


def find_columns(
    rows: Sequence[Line],
    header: Sequence[Line],
    boundary: float,
    height: float,
    settings: BorderlessSettings,
) -> Columns:
    """Number columns: the numbers' centres, clustered, and the header's lowest words over
    places where no row prints a number (a column left blank for zero throughout)."""
    words = [w for line in rows for w in line.words if w.is_value and w.x0 >= boundary]
    groups = cluster(
        [w.cx for w in words], max(settings.min_column_gap, settings.column_gap * height)
    )
    columns = []
    for group in groups:
        members = [w for w in words if group[0] <= w.cx <= group[-1]]
        columns.append(
            (sum(group) / len(group), min(w.x0 for w in members), max(w.x1 for w in members))
        )
    snap = settings.snap
    for leaf in header_leaves(header, boundary, height, settings):
        x0, x1 = min(w.x0 for w in leaf), max(w.x1 for w in leaf)
        if not any(x0 - snap <= c <= x1 + snap or x0 <= s0 <= x1 for c, s0, _ in columns):
            columns.append(((x0 + x1) / 2, x0, x1))
    columns.sort()
    return Columns([c for c, _, _ in columns], [(s0, s1) for _, s0, s1 in columns])


def header_leaves(
    header: Sequence[Line], boundary: float, height: float, settings: BorderlessSettings
) -> list[list[Word]]:
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
                and 0 <= word.top - last.bottom <= settings.header_leading * height
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


def appeals_columns(
    words: Sequence[Word], height: float, settings: BorderlessSettings
) -> Columns | None:
    """表四's fifteen columns from its header words, leaving out the words that span
    several columns (未经复议直接起诉)."""
    narrow = [w for w in words if w.x1 - w.x0 <= settings.narrow_header * height]
    groups = cluster([w.cx for w in narrow], settings.appeals_column_gap * height)
    if len(groups) != len(template_map().appeals_column_pairs):
        return None
    spans = []
    for group in groups:
        members = [w for w in narrow if group[0] <= w.cx <= group[-1]]
        spans.append((min(w.x0 for w in members), max(w.x1 for w in members)))
    return Columns([sum(g) / len(g) for g in groups], spans)


def continues_columns(
    columns: Columns, previous: Columns, height: float, settings: BorderlessSettings
) -> bool:
    """Every number column of a band stands under a column of the previous page's table."""
    return len(columns.centres) <= len(previous.centres) and all(
        any(abs(c - p) <= settings.continued_column * height for p in previous.centres)
        for c in columns.centres
    )
