"""Marks a scanned table cell prints for nothing (zero), told from their shape."""

from __future__ import annotations

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from reportextract.readers.ocr.page import _is_dash  # noqa: E402
from reportextract.readers.ocr.segment import segment_lines  # noqa: E402

DPI = 200.0
PX = DPI / 72
CH = 28.0  # a character of 11-point print at 200 dpi, as char_height measures it


def _scanned_mark(width_em: float, height_em: float) -> tuple[int, int, int, int]:
    """The line box segment_lines finds for a mark of the given size (in ems of 11-point
    print) centred in a cell, after a scanner's blur and the ink threshold."""
    em = 11 * PX
    cell = np.full((60, 120), 255, np.uint8)
    w, h = max(1, round(width_em * em)), max(1, round(height_em * em))
    x0, y0 = 60 - w // 2, 30 - h // 2
    cell[y0 : y0 + h, x0 : x0 + w] = 0
    blurred = cv2.GaussianBlur(cell, (0, 0), 1.0)
    ink = np.where(blurred < 200, 255, 0).astype(np.uint8)
    [line] = segment_lines(ink, CH).lines
    return line.box


def test_a_hyphen_is_a_dash_though_the_blur_thickens_it() -> None:
    """A hyphen (a third of an em wide, a thin stroke) scans about twice as wide as tall
    (a generated scan's 表三 printed '-' for zero; the recogniser read some as 二 or ”, and
    the row's label swallowed its values)."""
    box = _scanned_mark(0.3, 0.07)
    assert (box[2] - box[0]) < 3 * (box[3] - box[1])  # too short for the old rule
    assert _is_dash(box, CH)


def test_a_long_dash_is_a_dash() -> None:
    assert _is_dash(_scanned_mark(0.9, 0.07), CH)


@pytest.mark.parametrize(("width_em", "height_em"), [(0.35, 0.35), (0.25, 0.15)])
def test_a_dot_or_a_blot_is_not_a_dash(width_em: float, height_em: float) -> None:
    assert not _is_dash(_scanned_mark(width_em, height_em), CH)
