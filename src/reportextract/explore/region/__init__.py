"""A region's year on one page: the report an oversight body sends.

- ``region_report(dataset, within, year)`` — what the page shows: who published
  (:mod:`.published`), the key figures side by side (:mod:`.sidebyside`), every finding
  with its evidence (:mod:`.findings`, :mod:`.pictures`), the documents cited (:mod:`.sources`);
- ``write_page(content, path)`` — the self-contained HTML page (:mod:`.page`, SVG from
  :mod:`.charts`); ``print_pdf(html, pdf)`` — printed by a browser engine (:mod:`.printing`).
"""

from __future__ import annotations

from .collect import RegionReport, region_report
from .page import render_page, write_page
from .printing import PrintEngineMissing, print_pdf

__all__ = [
    "PrintEngineMissing",
    "RegionReport",
    "print_pdf",
    "region_report",
    "render_page",
    "write_page",
]
