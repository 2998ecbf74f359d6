"""Where a number on the page comes from: its document, with a link that opens it at the page.

A local file is linked by its ``file://`` address (a PDF opens at ``#page=N``, which every
browser's PDF viewer understands); a document fetched from the web by its URL. The page
keeps one numbered list of the documents it cites, so that a printed copy says which file
each number comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..source import is_url


@dataclass(slots=True)
class Document:
    """A document the page cites."""

    number: int  # its place in the page's list of sources
    report_id: str
    body_name: str
    year: int | None
    format: str
    source: str
    address: str | None  # the link: file:// or http(s)://, None when it cannot be found
    pages: int | None
    status: str


def document_address(source: str | None, dataset: Path) -> str | None:
    """The document's address: its URL, or the file's ``file://`` URI (a relative source
    is looked up from the current directory, then beside the dataset, as ``show`` does)."""
    if not source:
        return None
    if is_url(source):
        return source
    path = Path(source)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, dataset.parent / path]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve().as_uri()
    return candidates[0].resolve().as_uri()


@dataclass(slots=True)
class Sources:
    """The documents the page cites, numbered in the order they are first cited."""

    dataset: Path
    reports: dict[str, dict[str, Any]]  # report_id → its reports row
    cited: dict[str, Document] = field(default_factory=dict)

    def document(self, report_id: str) -> Document:
        if report_id not in self.cited:
            row = self.reports[report_id]
            self.cited[report_id] = Document(
                number=len(self.cited) + 1,
                report_id=report_id,
                body_name=row.get("body_name") or row.get("issuer") or "(issuer unknown)",
                year=row.get("year"),
                format=row.get("format") or "",
                source=row.get("source") or "",
                address=document_address(row.get("source"), self.dataset),
                pages=row.get("pages"),
                status=row.get("status") or "",
            )
        return self.cited[report_id]

    def link(self, report_id: str, page: int | None = None) -> str | None:
        """The address of a document at a page (PDFs only: other formats have no pages)."""
        document = self.document(report_id)
        if document.address is None:
            return None
        if page is not None and document.format == "pdf":
            return f"{document.address}#page={int(page)}"
        return document.address

    def listed(self) -> list[Document]:
        return sorted(self.cited.values(), key=lambda d: d.number)
