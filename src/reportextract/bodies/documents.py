"""Documents of one body and year: which one counts, where they disagree, what one lends another.

A body publishes its report as a web page and as a PDF attachment, republishes it after a
correction, and a crawler keeps a text export of the page: several documents of one report.
Exactly one document per (body, year) is *primary* — the one that counts — in the order of
``spec/bodies.md``: read whole (ok over partial), more cells, text PDF over DOCX over HTML
over scan over text export, earliest published, smallest report_id. The others repeat it
(``duplicate_of``) when they print the same tables; a document whose tables differ is a
different report of that year and repeats nothing.

``documents.agree`` is one failed check per cell two documents of one body and year print
differently (expected: the primary's value, actual: the other's). A cell a document could
not read (glued digits left out, an OCR row lost) is filled from its siblings that read it,
with ``read_from`` naming the document it came from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import STATUS_FAILED, STATUS_OK, Check
from ..template.checks import DOCUMENTS_AGREE

CellKey = tuple[str, str, str]  # table, row_code, col_code

FORMAT_ORDER = ("pdf", "docx", "doc", "html", "scan", "image", "txt")
# Two documents print the same tables when at most this share of the cells both read differ.
SAME_REPORT_DISAGREEMENT = 0.1
AGREE = DOCUMENTS_AGREE.name


@dataclass(slots=True)
class Document:
    """What the choice needs to know about one document of the dataset."""

    report_id: str
    body_id: str | None
    year: int | None
    status: str
    format: str
    ocr_pages: int
    cells: int
    published: str | None
    title: str | None = None
    values: dict[CellKey, float] = field(default_factory=dict)

    @property
    def format_rank(self) -> int:
        kind = "scan" if self.format == "pdf" and self.ocr_pages else self.format
        return FORMAT_ORDER.index(kind) if kind in FORMAT_ORDER else len(FORMAT_ORDER)

    def order(self) -> tuple[Any, ...]:
        return (
            0 if self.status == STATUS_OK else 1,
            -self.cells,
            self.format_rank,
            self.published is None,
            self.published or "",
            self.report_id,
        )


@dataclass(slots=True)
class Choice:
    """The outcome for one document: primary, or the primary it repeats."""

    primary: bool = False
    duplicate_of: str | None = None


def counts(document: Document) -> bool:
    """A document that can be counted: its body and year are known and it was read."""
    return (
        document.body_id is not None
        and document.year is not None
        and document.status != STATUS_FAILED
    )


def body_years(documents: Iterable[Document]) -> dict[tuple[str, int], list[Document]]:
    groups: dict[tuple[str, int], list[Document]] = defaultdict(list)
    for document in documents:
        if counts(document):
            assert document.body_id is not None and document.year is not None
            groups[(document.body_id, document.year)].append(document)
    for members in groups.values():
        members.sort(key=Document.order)
    return groups


def differing(a: Document, b: Document) -> list[CellKey]:
    """Cells both documents read, with different values."""
    return sorted(
        key
        for key in a.values.keys() & b.values.keys()
        if abs(a.values[key] - b.values[key]) > 1e-9
    )


def same_report(a: Document, b: Document) -> bool:
    """The two documents print the same tables (or, without tables, the same title)."""
    common = a.values.keys() & b.values.keys()
    if not common:
        return not a.values or not b.values if a.title == b.title else False
    return len(differing(a, b)) <= SAME_REPORT_DISAGREEMENT * len(common)


def choose(documents: Iterable[Document]) -> dict[str, Choice]:
    """Primary and duplicate_of for every document (failed or unattributed ones: neither)."""
    documents = list(documents)
    choices = {d.report_id: Choice() for d in documents}
    for members in body_years(documents).values():
        first = members[0]
        choices[first.report_id].primary = True
        for other in members[1:]:
            if same_report(first, other):
                choices[other.report_id].duplicate_of = first.report_id
    return choices


def agreement_checks(documents: Iterable[Document]) -> dict[str, list[Check]]:
    """``documents.agree`` failures, on the document that differs from its body-year's primary."""
    out: dict[str, list[Check]] = defaultdict(list)
    for (_, year), members in body_years(documents).items():
        first = members[0]
        for other in members[1:]:
            for key in differing(first, other):
                table, row, col = key
                expected, actual = first.values[key], other.values[key]
                out[other.report_id].append(
                    Check(
                        AGREE,
                        table,
                        f"{row}/{col}",
                        expected,
                        actual,
                        False,
                        f"{table}/{row}/{col} of {year}: {expected:g} in {first.report_id} "
                        f"(the primary document), {actual:g} in {other.report_id}",
                    )
                )
    return dict(out)


def fills(documents: Iterable[Document]) -> dict[str, dict[CellKey, str]]:
    """For each document, the cells it lacks that a document repeating the same report read.

    Values are the report_id to take the cell from: the primary first, then the others in
    the primary order.
    """
    out: dict[str, dict[CellKey, str]] = {}
    for members in body_years(documents).values():
        if len(members) < 2:
            continue
        first = members[0]
        family = [first, *(m for m in members[1:] if same_report(first, m))]
        for document in family:
            lent: dict[CellKey, str] = {}
            for sibling in family:
                if sibling is document:
                    continue
                for key in sibling.values.keys() - document.values.keys():
                    lent.setdefault(key, sibling.report_id)
            if lent:
                out[document.report_id] = lent
    return out
