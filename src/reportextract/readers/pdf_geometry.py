"""The raw geometry of a PDF page through pdfium: ruling edges and positioned characters.

pdfium parses a page about thirty times faster than pdfminer (which pdfplumber is built
on). We read the page's path segments and characters with pdfium and hand them to
pdfplumber's table-finding steps (edges → intersections → cells → tables, `lattice`), so
the tables are found by pdfplumber's algorithm without pdfminer's parsing cost.
"""

from __future__ import annotations

import ctypes
import itertools
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..caching import compile_pattern
from ..layout import BBox

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_AXIS_TOLERANCE = 0.5
_MAX_SEGMENTS_PER_PAGE = 200_000
# How far (points) a table's column may stand from where it stood on the page before.
COLUMN_DRIFT = 4.0


PAGE_FURNITURE = compile_pattern(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$"
)


def cell_axes(cells: Sequence[BBox], tolerance: float) -> tuple[list[float], list[float]]:
    """The distinct x and y positions of the cells' edges, those ``tolerance`` apart or less
    taken as one: the column and row lines of a grid."""

    def axis(values: Iterable[float]) -> list[float]:
        out: list[float] = []
        for value in sorted(values):
            if not out or value - out[-1] > tolerance:
                out.append(value)
        return out

    return axis(v for c in cells for v in (c[0], c[2])), axis(
        v for c in cells for v in (c[1], c[3])
    )


def axis_index(axis: list[float], value: float, tolerance: float) -> int:
    """The line of ``axis`` at ``value`` (within ``tolerance``)."""
    return min(bisect_left(axis, value - tolerance), len(axis) - 1)


def cell_places(cells: Sequence[BBox], tolerance: float) -> list[tuple[int, int, int, int]]:
    """(row, col, rowspan, colspan) of each cell rectangle in the grid its edges draw."""
    xs, ys = cell_axes(cells, tolerance)
    places = []
    for x0, top, x1, bottom in cells:
        row, col = axis_index(ys, top, tolerance), axis_index(xs, x0, tolerance)
        rowspan = max(1, axis_index(ys, bottom, tolerance) - row)
        places.append((row, col, rowspan, max(1, axis_index(xs, x1, tolerance) - col)))
    return places


def around(boxes: Iterable[BBox]) -> BBox:
    """The box around boxes."""
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


class Box:
    """The centre of anything boxed on the page by x0, top, x1, bottom."""

    __slots__ = ()
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Char(Box):
    """A character's tight box, and the middle of its line (from the font's loose box),
    which a comma and a digit of one line share although their glyphs do not."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    line_y: float


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _matrix(raw: object) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(raw, m):
        raise pdfium.PdfiumError("Failed to get matrix of pageobject.")
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _path_points(raw: object, matrix: Matrix) -> Iterator[list[tuple[float, float]]]:
    """Each subpath of a path object as a list of points in page space (PDF origin)."""
    count = pdfium_c.FPDFPath_CountSegments(raw)
    x, y = ctypes.c_float(), ctypes.c_float()
    current: list[tuple[float, float]] = []
    for i in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        point = _apply(matrix, x.value, y.value)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(current) > 1:
                yield current
            current = [point]
        else:
            current.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and current:
            current.append(current[0])
            yield current
            current = []
    if len(current) > 1:
        yield current


_MAX_DEPTH = 4  # form objects nested deeper than this are not looked into


def page_edges(page: pdfium.PdfPage, height: float) -> list[dict[str, object]]:
    """Horizontal and vertical segments of the page's paths, as pdfplumber edge dicts.

    Only path and form objects are looked at (through pdfium's C API: a page's many text
    objects cost one type query each)."""
    edges: list[dict[str, object]] = []
    _form_edges(page.raw, None, _IDENTITY, 0, height, edges, [_MAX_SEGMENTS_PER_PAGE])
    return edges


def _form_edges(
    page: object,
    form: object | None,
    outer: Matrix,
    level: int,
    height: float,
    edges: list[dict[str, object]],
    budget: list[int],
) -> bool:
    """Add the edges of the page's objects (or a form's) to ``edges``; False once the
    page's budget of path segments is spent."""
    if form is None:
        count = pdfium_c.FPDFPage_CountObjects(page)
    else:
        count = pdfium_c.FPDFFormObj_CountObjects(form)
    for i in range(max(0, count)):
        raw = (
            pdfium_c.FPDFPage_GetObject(page, i)
            if form is None
            else pdfium_c.FPDFFormObj_GetObject(form, i)
        )
        if not raw:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if level < _MAX_DEPTH - 1 and not _form_edges(
                page, raw, _compose(_matrix(raw), outer), level + 1, height, edges, budget
            ):
                return False
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        budget[0] -= pdfium_c.FPDFPath_CountSegments(raw)
        if budget[0] < 0:
            return False
        for points in _path_points(raw, _compose(_matrix(raw), outer)):
            for (xa, ya), (xb, yb) in itertools.pairwise(points):
                edge = _edge(xa, height - ya, xb, height - yb)
                if edge is not None:
                    edges.append(edge)
    return True


def _edge(xa: float, ya: float, xb: float, yb: float) -> dict[str, object] | None:
    """A segment as pdfplumber's line object, if it is horizontal or vertical."""
    x0, x1 = min(xa, xb), max(xa, xb)
    top, bottom = min(ya, yb), max(ya, yb)
    flat = bottom - top <= _AXIS_TOLERANCE and x1 - x0 > _AXIS_TOLERANCE
    if flat:
        top = bottom = (top + bottom) / 2
    elif x1 - x0 <= _AXIS_TOLERANCE and bottom - top > _AXIS_TOLERANCE:
        x0 = x1 = (x0 + x1) / 2
    else:
        return None
    return {
        "object_type": "line",
        "orientation": "h" if flat else "v",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def page_chars(textpage: pdfium.PdfTextPage, text: str, height: float) -> list[Char | None]:
    """Every character of the page text with its box; None for characters pdfium generated."""
    chars: list[Char | None] = []
    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    loose = pdfium_c.FS_RECTF()
    for index, ch in enumerate(text):
        if pdfium_c.FPDFText_IsGenerated(raw, index) == 1 or ch in "\r\n":
            chars.append(None)
            continue
        if not pdfium_c.FPDFText_GetCharBox(raw, index, left, right, bottom, top):
            raise pdfium.PdfiumError("Failed to get charbox.")
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, loose):
            raise pdfium.PdfiumError("Failed to get charbox.")
        line_y = height - (loose.top + loose.bottom) / 2
        chars.append(
            Char(ch, left.value, height - top.value, right.value, height - bottom.value, line_y)
        )
    return chars
