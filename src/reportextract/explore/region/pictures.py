"""Pictures of cells on their PDF pages, small enough to inline in the page.

``show`` draws a whole page with the cell boxed; here the strip of the page around the
cells is cut out (the table's lines above and below, the row's label beside them) and
stored as a palette PNG, a few tens of kilobytes, inline as a ``data:`` address.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageOps

from ..errors import NotFound
from ..render import PageImage, draw_box, render_page
from ..source import LocalSource, local_source

SCALE = 1.5  # 108 dpi: the digits of a table stay sharp
ABOVE = 44.0  # PDF points shown above the cells (the header of their table, as a rule)
BELOW = 22.0  # and below them
SAME_PICTURE = 220.0  # cells further apart than this (points, vertically) get pictures of their own
PADDING = 10  # pixels around the printed content
COLOURS = 48

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Picture:
    address: str  # data:image/png;base64,…
    width: int
    height: int
    page: int
    report_id: str
    bytes: int


def _as_box(value: Sequence[float]) -> Box:
    x0, top, x1, bottom = (float(v) for v in value)
    return x0, top, x1, bottom


def clusters(boxes: Sequence[Box]) -> list[list[Box]]:
    """Boxes grouped so that each group's vertical extent fits one picture."""
    groups: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b[1]):
        if groups and box[3] - min(b[1] for b in groups[-1]) <= SAME_PICTURE:
            groups[-1].append(box)
        else:
            groups.append([box])
    return groups


class Pictures:
    """Cuts pictures from the source PDFs the dataset names (read only when they are here
    with the bytes that were extracted; never fetched)."""

    def __init__(self, dataset: Path, reports: dict[str, dict[str, Any]]):
        self.dataset = dataset
        self.reports = reports
        self._sources: dict[str, LocalSource] = {}
        self._pages: dict[tuple[str, int], PageImage] = {}
        self.notes: dict[str, str] = {}  # report_id → why its pictures are missing

    def source(self, report_id: str) -> LocalSource:
        if report_id not in self._sources:
            row = self.reports[report_id]
            self._sources[report_id] = local_source(
                row.get("source"), row.get("sha256"), self.dataset
            )
        return self._sources[report_id]

    def _page(self, report_id: str, page: int) -> PageImage | None:
        key = (report_id, page)
        if key not in self._pages:
            path = self.source(report_id).path
            if path is None:
                return None
            try:
                self._pages[key] = render_page(path, page, SCALE)
            except (NotFound, OSError, ValueError) as exc:  # a page that is not there
                self.notes[report_id] = str(exc)
                return None
        return self._pages[key]

    def of_cells(self, report_id: str, cells: Sequence[dict[str, Any]]) -> list[Picture]:
        """Pictures of ``cells`` (rows of the cells table) of one PDF, boxed."""
        row = self.reports.get(report_id)
        if row is None or row.get("format") != "pdf":
            return []
        source = self.source(report_id)
        if source.path is None:
            self.notes[report_id] = source.note
            return []
        by_page: dict[int, list[Box]] = {}
        for cell in cells:
            if cell.get("page") is not None and cell.get("bbox") is not None:
                by_page.setdefault(int(cell["page"]), []).append(_as_box(cell["bbox"]))
        pictures = []
        for page, boxes in sorted(by_page.items()):
            for group in clusters(boxes):
                picture = self._cut(report_id, page, group)
                if picture is not None:
                    pictures.append(picture)
        return pictures

    def _cut(self, report_id: str, page: int, boxes: list[Box]) -> Picture | None:
        rendered = self._page(report_id, page)
        if rendered is None:
            return None
        page_image = rendered.image
        pixels = [rendered.to_pixels(box) for box in boxes]
        top = int(max(0.0, min(b[1] for b in pixels) - ABOVE * SCALE))
        bottom = int(min(float(page_image.height), max(b[3] for b in pixels) + BELOW * SCALE))
        strip = page_image.crop((0, top, page_image.width, bottom))
        for x0, y0, x1, y1 in pixels:
            draw_box(strip, (x0, y0 - top, x1, y1 - top))
        ink = ImageChops.invert(ImageOps.grayscale(strip)).point(lambda v: 255 if v > 24 else 0)
        bounds = ink.getbbox()
        if bounds is not None:
            left = max(0, bounds[0] - PADDING)
            right = min(strip.width, bounds[2] + PADDING)
            strip = strip.crop((left, 0, right, strip.height))
        return _encoded(strip, page, report_id)


def _encoded(image: Image.Image, page: int, report_id: str) -> Picture:
    buffer = io.BytesIO()
    image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT).save(
        buffer, format="PNG", optimize=True
    )
    data = buffer.getvalue()
    address = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    return Picture(address, image.width, image.height, page, report_id, len(data))
