"""Where the text lines of a region are: projection profiles of the ink, no model needed.

Printed reports are level rows of characters once deskewed. A region's horizontal
projection gives ink bands; bands closer than a gap inside a character (the strokes of
三 or 二) are joined as long as the result is no taller than a character. A line is cut
where a horizontal gap is much wider than a character. A band taller than a line of
print (a seal, a picture, lines that touch) is left to the detection model.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .preprocess import components

PxBox = tuple[int, int, int, int]  # x0, y0, x1, y1 (exclusive)
_MIN_INK_PIXELS = 12


@dataclass(slots=True)
class TextLine:
    box: PxBox
    glyphs: list[PxBox]


@dataclass(slots=True)
class Segmentation:
    lines: list[TextLine]
    irregular: list[PxBox]


def char_height(ink: np.ndarray, dpi: float) -> float:
    """The typical height of a character of print on the page, in pixels."""
    px = dpi / 72.0
    count, _labels, stats = components(ink)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    areas = stats[1:, cv2.CC_STAT_AREA]
    plausible = (
        (heights >= 5 * px) & (heights <= 30 * px) & (widths <= 2.5 * heights) & (areas >= 10)
    )
    if count <= 1 or not plausible.any():
        return 11.0 * px
    return float(np.percentile(heights[plausible], 80))


def _runs(profile: np.ndarray) -> list[tuple[int, int]]:
    on = profile > 0
    if not on.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _bands(ink: np.ndarray, ch: float) -> list[tuple[int, int]]:
    """Rows of ink, with the gaps inside one character closed."""
    runs = _runs(ink.sum(axis=1))
    bands: list[tuple[int, int]] = []
    for start, end in runs:
        if bands:
            top, bottom = bands[-1]
            if start - bottom <= 0.6 * ch and end - top <= 1.25 * ch:
                bands[-1] = (top, end)
                continue
        bands.append((start, end))
    return bands


def _glyph_columns(band: np.ndarray, ch: float) -> list[tuple[int, int]]:
    """Columns of ink in a band, with the gaps inside one character (川, 儿) closed."""
    runs = _runs(band.sum(axis=0))
    merged: list[tuple[int, int]] = []
    for start, end in runs:
        if merged and start - merged[-1][1] <= 0.2 * ch and end - merged[-1][0] <= 1.1 * ch:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def segment_lines(ink: np.ndarray, ch: float, split_gap: float = 2.5) -> Segmentation:
    """Text lines of an ink mask (coordinates of the mask); gaps wider than ``split_gap``
    characters start a new line segment."""
    lines: list[TextLine] = []
    irregular: list[PxBox] = []
    if int(np.count_nonzero(ink)) < _MIN_INK_PIXELS:
        return Segmentation(lines, irregular)
    for top, bottom in _bands(ink, ch):
        band = ink[top:bottom]
        if np.count_nonzero(band) < _MIN_INK_PIXELS:
            continue
        columns = _glyph_columns(band, ch)
        if bottom - top > 1.7 * ch and not _large_print(columns, bottom - top, ch):
            x0, x1 = columns[0][0], columns[-1][1]
            irregular.append((x0, top, x1, bottom))
            continue
        segment: list[PxBox] = []
        for x0, x1 in columns:
            ys = np.flatnonzero(band[:, x0:x1].any(axis=1))
            glyph = (x0, top + int(ys[0]), x1, top + int(ys[-1]) + 1)
            if segment and x0 - segment[-1][2] > split_gap * ch:
                lines.append(_line(segment))
                segment = []
            segment.append(glyph)
        if segment:
            lines.append(_line(segment))
    return Segmentation([line for line in lines if _is_print(ink, line.box, ch)], irregular)


def _large_print(columns: list[tuple[int, int]], height: int, ch: float) -> bool:
    """A band of larger print (a title): characters about as wide as the band is tall."""
    widths = sorted(x1 - x0 for x0, x1 in columns)
    return height <= 3.5 * ch and len(widths) >= 2 and widths[len(widths) // 2] >= 0.6 * height


def _line(glyphs: list[PxBox]) -> TextLine:
    box = (
        min(g[0] for g in glyphs),
        min(g[1] for g in glyphs),
        max(g[2] for g in glyphs),
        max(g[3] for g in glyphs),
    )
    return TextLine(box, glyphs)


def _is_print(ink: np.ndarray, box: PxBox, ch: float) -> bool:
    """Not a speck of noise: enough ink, and longer than a dot in some direction."""
    x0, y0, x1, y1 = box
    if max(x1 - x0, y1 - y0) < 0.3 * ch:
        return False
    return int(np.count_nonzero(ink[y0:y1, x0:x1])) >= _MIN_INK_PIXELS


def is_vertical(lines: list[TextLine], ch: float) -> bool:
    """Characters stacked one per line (a label printed top to bottom in a narrow cell)."""
    if len(lines) < 3:
        return False
    single = sum(1 for line in lines if len(line.glyphs) == 1)
    if single < 0.75 * len(lines) or any(len(line.glyphs) > 2 for line in lines):
        return False
    widths = [line.box[2] - line.box[0] for line in lines]
    return max(widths) <= 2.2 * ch
