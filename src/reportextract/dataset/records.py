"""A `Report` as rows of the dataset's four tables."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .. import __version__
from ..model import Report

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
    figures = [
        {
            "report_id": report.report_id,
            "metric": f.metric,
            "value": f.value,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "text": f.text,
            "sentence": f.sentence,
            "char_start": f.char_start,
            "char_end": f.char_end,
            "page": f.page,
        }
        for f in report.figures
    ]
    checks = [
        {
            "report_id": report.report_id,
            "check": c.check,
            "table": c.table,
            "scope": c.scope,
            "expected": c.expected,
            "actual": c.actual,
            "passed": c.passed,
            "detail": c.detail,
        }
        for c in report.checks
    ]
    return {"reports": reports, "cells": cells, "figures": figures, "checks": checks}
