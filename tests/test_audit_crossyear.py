"""Checks across years, and the audit command's report of findings."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner

from reportextract.audit.crossyear import refresh_crossyear_checks
from reportextract.bodies import Evidence, identify
from reportextract.bodies.table import refresh_bodies
from reportextract.cli import main
from reportextract.dataset import DatasetWriter
from reportextract.dataset.derived import read_table
from reportextract.model import Cell, Check, Figure, Report


def report(
    issuer: str,
    year: int,
    received: float,
    carried_over: float,
    carried_forward: float,
    change: str | None,
) -> Report:
    digest = hashlib.sha256(f"{issuer}{year}".encode()).hexdigest()
    r = Report(
        source=f"{issuer}-{year}.pdf",
        sha256=digest,
        format="pdf",
        report_id=digest[:16],
        issuer=issuer,
        year=year,
    )
    r.body = identify(Evidence(issuer=issuer, year=year))  # as the pipeline does
    r.cells = [
        Cell("requests", "new_received", "total", received, str(received)),
        Cell("requests", "carried_over", "total", carried_over, str(carried_over)),
        Cell("requests", "carried_forward", "total", carried_forward, str(carried_forward)),
    ]
    if change:
        value = float(change.rstrip("%"))
        r.figures = [
            Figure(
                value,
                "%",
                change,
                f"申请数量较上年上升{change}",
                10,
                15,
                metric="requests.received_change",
            )
        ]
    return r


def build(tmp_path: Path, reports: list[Report]) -> Path:
    with DatasetWriter(tmp_path) as writer:
        for r in reports:
            writer.add(r)
    refresh_bodies(tmp_path)
    refresh_crossyear_checks(tmp_path)
    return tmp_path


def test_stated_change_and_carry_over_against_last_years_report(tmp_path: Path) -> None:
    build(
        tmp_path,
        [
            report("泉港区", 2024, 42, 0, 3, None),
            report("泉州市泉港区", 2025, 56, 2, 1, "33.3%"),
            report("别的区", 2025, 10, 0, 0, "50%"),
        ],
    )
    checks = {(r["check"], r["scope"]): r for r in read_table(tmp_path, "checks").to_pylist()}
    change = checks[("yoy.requests.received_change", "requests.received_change")]
    assert change["passed"] is True, change["detail"]
    assert "42" in change["detail"] and "56" in change["detail"]
    carry = checks[("yoy.carried_over", "total")]
    assert (carry["expected"], carry["actual"], carry["passed"]) == (3, 2, False)
    assert not [
        r
        for r in checks.values()
        if r["report_id"] == report("别的区", 2025, 10, 0, 0, None).report_id
    ]


def test_crossyear_checks_are_recomputed_not_duplicated(tmp_path: Path) -> None:
    build(
        tmp_path, [report("泉港区", 2024, 42, 0, 1, None), report("泉港区", 2025, 56, 1, 1, "20%")]
    )
    refresh_crossyear_checks(tmp_path)
    rows = [r for r in read_table(tmp_path, "checks").to_pylist() if r["check"].startswith("yoy.")]
    assert len(rows) == 2
    change = next(r for r in rows if r["check"] == "yoy.requests.received_change")
    assert change["passed"] is False
    assert abs(change["expected"] - 33.3333) < 1e-3


def test_audit_command_prints_findings_in_words_and_a_summary(tmp_path: Path) -> None:
    broken = report("洪泽区人民政府", 2023, 21, 0, 0, None)
    broken.checks = [
        Check(
            "appeals.row_total",
            "appeals",
            "review",
            11,
            0,
            False,
            "review: 总计 printed 0, parts add up to 11",
        ),
        Check("requests.balance", "requests", "total", 21, 21, True, "balanced"),
    ]
    clean = report("淮安市人民政府", 2024, 3119, 34, 103, None)
    clean.checks = [Check("requests.balance", "requests", "total", 3153, 3153, True, "balanced")]
    build(tmp_path, [broken, clean])
    runner = CliRunner()
    text = runner.invoke(main, ["audit", str(tmp_path)])
    assert text.exit_code == 0, text.output
    assert "淮安市洪泽区人民政府 2023" in text.output
    assert "printed 0, parts add up to 11" in text.output
    assert "淮安市人民政府" not in text.output.split("reports checked")[0]
    assert (
        "2 reports checked, 1 with findings; findings by rule: appeals.row_total 1" in text.output
    )
    markdown = runner.invoke(main, ["audit", str(tmp_path), "--format", "markdown"])
    assert "| appeals.row_total | review | 11 | 0 |" in markdown.output
    payload = json.loads(runner.invoke(main, ["audit", str(tmp_path), "--format", "json"]).output)
    assert payload["summary"] == {
        "reports_checked": 2,
        "reports_with_findings": 1,
        "findings_by_rule": {"appeals.row_total": 1},
    }


def test_audit_of_a_directory_that_is_not_a_dataset_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["audit", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a reportextract dataset" in result.output


def test_a_department_is_not_its_government() -> None:
    def body(name: str) -> str:
        found = identify(Evidence(issuer=name, year=2024))
        assert found is not None
        return found.body_id

    assert body("泉港区") == body("泉州市泉港区人民政府")
    assert body("平潭综合实验区地方税务局") != body("平潭综合实验区")
    assert body("平潭综合实验区") == body("平潭综合实验区管委会")


def test_last_years_report_is_the_same_bodys_primary_document(tmp_path: Path) -> None:
    # 2024 as a web page and as a PDF: the comparison uses the primary (the PDF) once.
    pdf = report("泉港区", 2024, 42, 0, 3, None)
    page = report("泉州市泉港区人民政府", 2024, 42, 0, 3, None)
    page.format, page.report_id = "html", "f" * 16
    department = report("泉州市泉港区财政局", 2024, 7, 0, 9, None)
    this_year = report("泉州市泉港区", 2025, 56, 3, 1, "33.3%")
    build(tmp_path, [pdf, page, department, this_year])
    rows = [r for r in read_table(tmp_path, "checks").to_pylist() if r["check"].startswith("yoy.")]
    assert {(r["report_id"], r["check"], r["passed"]) for r in rows} == {
        (this_year.report_id, "yoy.requests.received_change", True),
        (this_year.report_id, "yoy.carried_over", True),
    }
    summary = CliRunner().invoke(main, ["audit", str(tmp_path)]).output.splitlines()[-1]
    assert summary.startswith("3 reports checked (1 more document of the same body-years")
