"""`reportextract audit DATASET`: the rules each report breaks, in plain words.

Findings are the failed checks of the report's own arithmetic, its narrative against its
tables, and its figures against last year's report. Reading notes (a glued run that
could not be split, an OCR digit that was corrected, two documents of one report that
read a cell differently) are counted separately. A report counts once: the primary
document of each body and year.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dataset.derived import read_table
from ..errors import DatasetError
from ..template.checks import is_finding


@dataclass(slots=True)
class ReportFindings:
    report_id: str
    issuer: str | None  # the body's official name (as printed when the body is unknown)
    year: int | None
    source: str
    status: str
    body_id: str | None = None
    documents: int = 1  # documents of the same body and year in the dataset
    findings: list[dict[str, Any]] = field(default_factory=list)
    notes: int = 0


@dataclass(slots=True)
class Audit:
    reports: list[ReportFindings]

    @property
    def with_findings(self) -> list[ReportFindings]:
        return [r for r in self.reports if r.findings]

    def by_rule(self) -> Counter[str]:
        return Counter(f["check"] for r in self.reports for f in r.findings)

    def summary(self) -> str:
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(self.by_rule().items())) or "none"
        checked = sum(1 for r in self.reports if r.status != "failed")
        repeats = sum(r.documents - 1 for r in self.reports)
        more = "more document" if repeats == 1 else "more documents"
        others = f" ({repeats} {more} of the same body-years not counted)" if repeats else ""
        reports = "report" if checked == 1 else "reports"
        return (
            f"{checked} {reports} checked{others}, {len(self.with_findings)} with findings; "
            f"findings by rule: {rules}"
        )


def load_audit(root: Path, issuers: tuple[str, ...] = (), year: int | None = None) -> Audit:
    """The findings of each body-year's primary document (``issuers``: bodies, as --issuer)."""
    if not (root / "reports").is_dir():
        raise DatasetError(f"{root} is not a reportextract dataset (no reports/ directory)")
    rows = read_table(root, "reports").to_pylist()
    wanted = _wanted_bodies(root, issuers) if issuers else None
    documents = Counter(
        (row["body_id"], row["year"])
        for row in rows
        if row["body_id"] and row["status"] != "failed"
    )
    reports = {
        row["report_id"]: ReportFindings(
            row["report_id"],
            row["body_name"] or row["issuer"],
            row["year"],
            row["source"],
            row["status"],
            row["body_id"],
            documents.get((row["body_id"], row["year"]), 1),
        )
        for row in rows
        if row["primary"]
        and (year is None or row["year"] == year)
        and (wanted is None or row["body_id"] in wanted)
    }
    checks = read_table(root, "checks")
    for row in checks.to_pylist():
        report = reports.get(row["report_id"])
        if report is None:
            continue
        if row["passed"] is False and is_finding(row["check"]):
            report.findings.append(
                {k: row[k] for k in ("check", "table", "scope", "expected", "actual", "detail")}
            )
        elif not is_finding(row["check"]) and row["passed"] is not True:
            report.notes += 1
    ordered = sorted(reports.values(), key=lambda r: (r.issuer or "", r.year or 0, r.report_id))
    return Audit(ordered)


def _wanted_bodies(root: Path, issuers: tuple[str, ...]) -> set[str]:
    from ..bodies.select import BodyRow, matching_bodies

    bodies = [BodyRow.of(row) for row in read_table(root, "bodies").to_pylist()]
    return {body_id for name in issuers for body_id in matching_bodies(bodies, name)}


def _title(report: ReportFindings) -> str:
    return f"{report.issuer or '(issuer unknown)'} {report.year or ''} — {report.report_id}"


def render_text(audit: Audit) -> str:
    lines: list[str] = []
    for report in audit.with_findings:
        lines.append(_title(report))
        lines.append(f"  source: {report.source}")
        for finding in report.findings:
            lines.append(f"  [{finding['check']} · {finding['scope']}] {finding['detail']}")
        lines.append("")
    lines.append(audit.summary())
    return "\n".join(lines)


def render_markdown(audit: Audit) -> str:
    lines = ["# Audit findings", ""]
    for report in audit.with_findings:
        lines.append(f"## {_title(report)}")
        lines.append("")
        lines.append(f"Source: `{report.source}`")
        lines.append("")
        lines.append("| rule | scope | expected | printed | finding |")
        lines.append("|---|---|---|---|---|")
        for f in report.findings:
            detail = str(f["detail"]).replace("|", "\\|")
            lines.append(
                f"| {f['check']} | {f['scope']} | {_num(f['expected'])} | {_num(f['actual'])} | {detail} |"
            )
        lines.append("")
    lines.append(f"**Summary:** {audit.summary()}")
    return "\n".join(lines)


def render_json(audit: Audit) -> str:
    payload = {
        "reports": [
            {
                "report_id": r.report_id,
                "issuer": r.issuer,
                "body_id": r.body_id,
                "year": r.year,
                "source": r.source,
                "findings": r.findings,
            }
            for r in audit.with_findings
        ],
        "summary": {
            "reports_checked": sum(1 for r in audit.reports if r.status != "failed"),
            "reports_with_findings": len(audit.with_findings),
            "findings_by_rule": dict(sorted(audit.by_rule().items())),
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
