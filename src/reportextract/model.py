"""What extraction produces: a `Report` with its cells, figures and checks.

These records map one to one onto the rows of the dataset's tables
(`reportextract.dataset.schema`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .layout import BBox

STATUS_OK = "ok"
STATUS_PARTIAL = "partial"
STATUS_FAILED = "failed"


@dataclass(slots=True)
class Cell:
    """One value of a template table, named by its canonical codes."""

    table: str
    row_code: str
    col_code: str
    value: float
    text: str
    page: int | None = None
    bbox: BBox | None = None
    label: str = ""
    confidence: float | None = None
    # OCR's other readings of the number, with their probabilities (not stored)
    alternatives: tuple[tuple[str, float], ...] = ()
    # the picture file it was read from (a web page's or Word file's table picture)
    image: str | None = None


@dataclass(slots=True)
class Figure:
    """A number stated in the narrative text."""

    value: float
    unit: str | None
    text: str
    sentence: str
    char_start: int
    char_end: int
    page: int | None = None
    metric: str | None = None
    qualifier: str | None = None


@dataclass(slots=True)
class Check:
    """One instance of a rule applied to a report.

    ``passed`` is None when the rule could not be applied (a cell it needs is absent);
    ``detail`` then says why.
    """

    check: str
    table: str
    scope: str
    expected: float | None
    actual: float | None
    passed: bool | None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Body:
    """Who published a report (found by `reportextract.bodies`)."""

    body_id: str
    name: str  # full official name
    kind: str
    division_code: str | None  # the division's code today (through renames)
    resolved: bool
    note: str  # how the division was found, or why it was not


@dataclass(slots=True)
class Report:
    source: str
    sha256: str
    format: str
    report_id: str
    size: int = 0
    issuer: str | None = None
    title: str | None = None
    year: int | None = None
    published: str | None = None
    doc_number: str | None = None
    template: str | None = None
    pages: int | None = None
    ocr_pages: int = 0
    ocr_engine: str | None = None  # what read its OCR pages, e.g. 'openvino bf16'
    status: str = STATUS_OK
    error: str | None = None
    cells: list[Cell] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    seconds: float = 0.0
    body: Body | None = None  # who published it (reportextract.bodies)

    def fail(self, reason: str) -> Report:
        self.status = STATUS_FAILED
        self.error = reason
        return self


def report_id_for(sha256: str) -> str:
    return sha256[:16]


def file_sha256(path: Path) -> str:
    """SHA-256 of a file (a report's `sha256`), read in chunks (a file too large to extract
    still gets its id)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
