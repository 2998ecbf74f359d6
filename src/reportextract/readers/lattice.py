"""pdfplumber's lattice algorithm (edges → merged edges → intersections → cells → tables)
without pdfplumber: the same steps with the same arithmetic, indexed where pdfplumber
compares every pair, so that a text PDF's tables are found without importing pdfminer.

The input is pdfplumber's line objects (dicts with ``orientation``, ``x0``, ``top``, ``x1``,
``bottom``, ``width``, ``height``), as `pdf_geometry.page_edges` and the OCR rule finder
give them. Coordinates come out bit for bit as pdfplumber's functions give them (the
tests compare both on every page of the real and generated PDFs): snapping moves an
edge by ``average - position`` as pdfplumber does, joining extends it the same way.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..layout import BBox

Point = tuple[float, float]


@dataclass(slots=True)
class _Edge:
    vertical: bool
    x0: float
    top: float
    x1: float
    bottom: float
    width: float
    height: float

    @property
    def length(self) -> float:
        return self.height if self.vertical else self.width

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def _edges(objects: Iterable[Mapping[str, object]], min_length: float) -> list[_Edge]:
    out = []
    for e in objects:
        edge = _Edge(
            e["orientation"] == "v",
            float(e["x0"]),  # type: ignore[arg-type]
            float(e["top"]),  # type: ignore[arg-type]
            float(e["x1"]),  # type: ignore[arg-type]
            float(e["bottom"]),  # type: ignore[arg-type]
            float(e["width"]),  # type: ignore[arg-type]
            float(e["height"]),  # type: ignore[arg-type]
        )
        if edge.length >= min_length:
            out.append(edge)
    return out


def _clusters(values: list[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: distinct values, sorted, chained within tolerance."""
    ordered = sorted(set(values))
    index: dict[float, int] = {}
    group = 0
    for i, value in enumerate(ordered):
        if i and value > ordered[i - 1] + tolerance:
            group += 1
        index[value] = group
    return index


def _snap(edges: list[_Edge], vertical: bool, tolerance: float) -> list[_Edge]:
    """Edges of one orientation within ``tolerance`` of each other moved to their average."""
    position = (lambda e: e.x0) if vertical else (lambda e: e.top)
    cluster = _clusters([position(e) for e in edges], tolerance)
    ordered = sorted(edges, key=lambda e: cluster[position(e)])
    out = []
    for _, members in itertools.groupby(ordered, key=lambda e: cluster[position(e)]):
        group = list(members)
        average = sum(position(e) for e in group) / len(group)
        for e in group:
            shift = average - position(e)
            if vertical:
                out.append(
                    _Edge(True, e.x0 + shift, e.top, e.x1 + shift, e.bottom, e.width, e.height)
                )
            else:
                out.append(
                    _Edge(False, e.x0, e.top + shift, e.x1, e.bottom + shift, e.width, e.height)
                )
    return out


def _join(group: Iterable[_Edge], vertical: bool, tolerance: float) -> list[_Edge]:
    """Edges along one line joined where they are within ``tolerance`` of each other."""
    ordered = sorted(group, key=(lambda e: e.top) if vertical else (lambda e: e.x0))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if vertical:
            if e.top <= last.bottom + tolerance:
                if e.bottom > last.bottom:
                    grown = last.height + (e.bottom - last.bottom)
                    joined[-1] = _Edge(
                        True, last.x0, last.top, last.x1, e.bottom, last.width, grown
                    )
            else:
                joined.append(e)
        elif e.x0 <= last.x1 + tolerance:
            if e.x1 > last.x1:
                joined[-1] = _Edge(
                    False, last.x0, last.top, e.x1, last.bottom, e.x1 - last.x0, last.height
                )
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[_Edge], snap: float, join: float) -> list[_Edge]:
    """pdfplumber's merge_edges: snap, then join the edges of each line."""
    if snap > 0:
        edges = _snap([e for e in edges if e.vertical], True, snap) + _snap(
            [e for e in edges if not e.vertical], False, snap
        )

    def line_of(e: _Edge) -> tuple[str, float]:
        return ("v", e.x0) if e.vertical else ("h", e.top)

    out: list[_Edge] = []
    for (kind, _), group in itertools.groupby(sorted(edges, key=line_of), key=line_of):
        out += _join(group, kind == "v", join)
    return out


@dataclass(slots=True)
class _Vertex:
    v: set[BBox]
    h: set[BBox]


def intersections(
    edges: list[_Edge], x_tolerance: float, y_tolerance: float
) -> dict[Point, _Vertex]:
    """Where vertical and horizontal edges cross (within the tolerances), with the edges
    through each point; pdfplumber's test on each pair, asked only of nearby pairs."""
    verticals = sorted((e for e in edges if e.vertical), key=lambda e: (e.x0, e.top))
    horizontals = sorted((e for e in edges if not e.vertical), key=lambda e: (e.top, e.x0))
    tops = [h.top for h in horizontals]
    slack = y_tolerance + 1.0  # a wider window than the test, which decides
    found: dict[Point, _Vertex] = {}
    for v in verticals:
        first = bisect_left(tops, v.top - slack)
        last = bisect_right(tops, v.bottom + slack)
        for h in horizontals[first:last]:
            if (
                v.top <= h.top + y_tolerance
                and v.bottom >= h.top - y_tolerance
                and v.x0 >= h.x0 - x_tolerance
                and v.x0 <= h.x1 + x_tolerance
            ):
                vertex = found.get((v.x0, h.top))
                if vertex is None:
                    vertex = found[(v.x0, h.top)] = _Vertex(set(), set())
                vertex.v.add(v.bbox)
                vertex.h.add(h.bbox)
    return found


def cells_of(found: Mapping[Point, _Vertex]) -> list[BBox]:
    """pdfplumber's intersections_to_cells: from each point, the smallest rectangle whose
    corners are points joined by edges."""

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not found[p1].v.isdisjoint(found[p2].v):
            return True
        return p1[1] == p2[1] and not found[p1].h.isdisjoint(found[p2].h)

    points = sorted(found)
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for point in points:
        column.setdefault(point[0], []).append(point)
        row.setdefault(point[1], []).append(point)
    cells = []
    for pt in points:
        same_x, same_y = column[pt[0]], row[pt[1]]
        below = same_x[same_x.index(pt) + 1 :]
        right = same_y[same_y.index(pt) + 1 :]
        cell = _smallest(pt, below, right, found, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    pt: Point,
    below: Sequence[Point],
    right: Sequence[Point],
    found: Mapping[Point, _Vertex],
    connects: Callable[[Point, Point], bool],
) -> BBox | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in found and connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def tables_of(cells: Sequence[BBox]) -> list[list[BBox]]:
    """pdfplumber's cells_to_tables: cells grouped into tables by shared corners, in the
    order pdfplumber gives them; tables of one cell left out."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[BBox] = []
    tables = []
    while remaining:
        before = len(current)
        kept = []
        for cell in remaining:
            x0, top, x1, bottom = cell
            own = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in own):
                corners.update(own)
                current.append(cell)
            else:
                kept.append(cell)
        remaining = kept
        if len(current) == before:
            tables.append(current)
            corners, current = set(), []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def lattice_cells(
    edges: Iterable[Mapping[str, object]], snap: float, min_length: float
) -> list[list[BBox]]:
    """The cell rectangles of each table that ruling edges form (pdfplumber's lattice with
    its default settings: edges of 1 point or more merged, those of ``min_length`` kept)."""
    objects = list(edges)
    if len(objects) < 4:
        return []
    merged = [e for e in merge_edges(_edges(objects, 1), snap, snap) if e.length >= min_length]
    return tables_of(cells_of(intersections(merged, snap, snap)))


def frames(edges: Iterable[Mapping[str, object]], snap: float, min_length: float) -> list[BBox]:
    """Rectangles the edges draw that belong to no table of two cells or more (an outer
    border with nothing ruled inside)."""
    objects = list(edges)
    if len(objects) < 4:
        return []
    merged = merge_edges(_edges(objects, min_length), snap, snap)
    cells = cells_of(intersections(merged, snap, snap))
    in_tables = {cell for table in tables_of(cells) for cell in table}
    return [cell for cell in cells if cell not in in_tables]
