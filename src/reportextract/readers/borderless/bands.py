"""Phase 3: a region → bands, each with its own header and set of number columns.

A line without numbers that reaches into the number columns after some data rows
(第二十条第（五）项, a new header) starts a new band: 表二's sections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .columns import Columns
from .labels import Item, best_cut
from .settings import BorderlessSettings
from .words import Line


@dataclass(slots=True)
class Band:
    header: list[Line] = field(default_factory=list)
    rows: list[Line] = field(default_factory=list)  # lines that print numbers
    labels: list[Line] = field(default_factory=list)  # label lines among and after the rows
    # found later: where the number columns begin (x, points), and the columns
    edge: float | None = None
    columns: Columns | None = None


def bands_of(region: Sequence[Line], boundary: float, settings: BorderlessSettings) -> list[Band]:
    bands = [Band()]
    for line in region:
        band = bands[-1]
        numbers = any(w.is_value and w.x0 >= boundary for w in line.words)
        reaches_values = any(w.x1 > boundary for w in line.words)
        if numbers:
            band.rows.append(line)
        elif reaches_values and band.rows:
            bands.append(Band(header=[*section_title(band, boundary, line, settings), line]))
        elif reaches_values or not band.rows:
            band.header.append(line)
        else:
            band.labels.append(line)
    return [band for band in bands if band.rows]


def section_title(
    band: Band, boundary: float, next_header: Line, settings: BorderlessSettings
) -> list[Line]:
    """Label lines after a band's last row that are not the rest of its label (a section
    title printed on the label side, 第二十条第（八）项) move to the next band's header."""
    last = band.rows[-1]
    trailing = [ln for ln in band.labels if ln.top > last.top]
    if not trailing:
        return []
    items = [Item([w for w in ln.words if w.cx < boundary] or ln.words) for ln in trailing]
    own = [w for w in last.words if w.cx < boundary]
    cut = best_cut(own, items, [], (last.bottom, next_header.top), settings)
    moved = trailing[cut:]
    band.labels = [ln for ln in band.labels if ln not in moved]
    return moved


def first_label_lines(band: Band, boundary: float) -> None:
    """Label lines of the first data row that stand above its numbers are not header."""
    last_header = max(
        (i for i, line in enumerate(band.header) if any(w.cx >= boundary for w in line.words)),
        default=-1,
    )
    band.labels[:0] = band.header[last_header + 1 :]
    band.header = band.header[: last_header + 1]
