"""A `Report` as rows of the dataset's four tables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from .. import __version__
from ..model import Report
from .schema import CHECKS, FIGURES, Column

Row = dict[str, Any]


def report_rows(report: Report, extracted_at: datetime | None = None) -> dict[str, list[Row]]:
    stamp = extracted_at or datetime.now(UTC).replace(microsecond=0)
    body = report.body
    reports = [
        {
            "report_id": report.report_id,
            "source": report.source,
            "sha256": report.sha256,
            "format": report.format,
            "size": report.size,
            "issuer": report.issuer,
            "title": report.title,
            "year": report.year,
            "published": report.published,
            "doc_number": report.doc_number,
            "template": report.template,
            "pages": report.pages,
            "ocr_pages": report.ocr_pages,
            "ocr_engine": report.ocr_engine,
            "cells": len(report.cells),
            "figures": len(report.figures),
            "failed_checks": sum(1 for c in report.checks if c.passed is False),
            "status": report.status,
            "error": report.error,
            "extractor_version": __version__,
            "seconds": round(report.seconds, 4),
            "extracted_at": stamp,
            "body_id": body.body_id if body else None,
            "body_name": body.name if body else None,
            "body_kind": body.kind if body else None,
            "division_code": body.division_code if body else None,
            "body_note": body.note if body else None,
            # Which document of its body and year counts is decided over the whole dataset
            # (reportextract.bodies.documents); until then none does.
            "primary": False,
            "duplicate_of": None,
        }
    ]
    cells = [
        {
            "report_id": report.report_id,
            "table": c.table,
            "row_code": c.row_code,
            "col_code": c.col_code,
            "value": c.value,
            "text": c.text,
            "label": c.label,
            "page": c.page,
            "bbox": list(c.bbox) if c.bbox else None,
            "confidence": c.confidence,
            "image": c.image,
            "read_from": None,
        }
        for c in report.cells
    ]
    figures = _attribute_rows(report.report_id, report.figures, FIGURES)
    checks = _attribute_rows(report.report_id, report.checks, CHECKS)
    return {"reports": reports, "cells": cells, "figures": figures, "checks": checks}


def _attribute_rows(
    report_id: str, items: Iterable[object], columns: tuple[Column, ...]
) -> list[Row]:
    """Rows of a table whose every column but ``report_id`` is the item's attribute of that name."""
    names = [column.name for column in columns if column.name != "report_id"]
    return [{"report_id": report_id, **{n: getattr(item, n) for n in names}} for item in items]
