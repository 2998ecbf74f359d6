"""`reportextract query`: DuckDB over the dataset built from the real reports, read-only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REAL_TRUTH, load_truth, real_docs
from reportextract.explore.build import ensure_dataset
from reportextract.explore.commands import query_command
from reportextract.explore.query import run_query


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_dataset(tmp_path_factory.getbasetemp() / "explore-real", [real_docs()], workers=2)


def query(dataset: Path, sql: str, fmt: str = "json") -> tuple[int, str]:
    result = CliRunner().invoke(query_command, [str(dataset), sql, "--format", fmt])
    return result.exit_code, result.output


def test_granted_total_of_huaian_city_2024_is_1362(real_dataset: Path) -> None:
    code, output = query(
        real_dataset,
        "SELECT granted FROM requests_wide "
        "WHERE issuer = '淮安市人民政府' AND year = 2024 AND applicant = 'total'",
    )
    assert code == 0, output
    assert json.loads(output) == [{"granted": 1362.0}]


def test_requests_wide_agrees_with_the_truth_of_every_real_report(real_dataset: Path) -> None:
    frame = run_query(
        real_dataset,
        # Every document, through the primary document of its body and year that it repeats.
        "SELECT r.source, w.* FROM reports r "
        "JOIN requests_wide w ON w.report_id = COALESCE(r.duplicate_of, r.report_id) "
        "WHERE w.applicant = 'total'",
    )
    by_file = {
        Path(source).name: row
        for source, row in zip(frame["source"], frame.to_dict("records"), strict=True)
    }
    compared = 0
    for truth_path in sorted(REAL_TRUTH.glob("*.json")):
        truth = load_truth(truth_path)
        row = by_file[truth["file"]]
        for cell in truth["cells"]:
            if cell["table"] != "requests" or cell["col_code"] != "total":
                continue
            column = cell["row_code"].replace(".", "_")
            assert row[column] == cell["value"], (truth["file"], column)
            compared += 1
    assert compared > 150


def test_table_and_csv_output_show_the_numbers(real_dataset: Path) -> None:
    sql = (
        "SELECT issuer, year, received, handled FROM key_figures "
        "WHERE issuer LIKE '%洪泽区%' ORDER BY year"
    )
    code, table = query(real_dataset, sql, "table")
    assert code == 0, table
    lines = table.splitlines()
    assert lines[0].split() == ["issuer", "year", "received", "handled"]
    assert lines[2].split() == ["洪泽区人民政府", "2023", "21", "21"]
    assert lines[3].split() == ["淮安市洪泽区人民政府", "2024", "95", "95"]
    assert lines[-1] == "(2 rows)"
    code, csv = query(real_dataset, sql, "csv")
    assert csv.splitlines() == [
        "issuer,year,received,handled",
        "洪泽区人民政府,2023,21.0,21.0",
        "淮安市洪泽区人民政府,2024,95.0,95.0",
    ]


def test_cells_keep_their_page_and_box_in_json(real_dataset: Path) -> None:
    code, output = query(
        real_dataset,
        "SELECT c.text, c.page, c.bbox FROM cells c JOIN reports r USING (report_id) "
        "WHERE r.issuer = '淮安市人民政府' AND c.\"table\" = 'requests' "
        "AND c.row_code = 'granted' AND c.col_code = 'total'",
    )
    assert code == 0, output
    [row] = json.loads(output)
    assert row["text"] == "1362"
    assert row["page"] == 4
    x0, top, x1, bottom = row["bbox"]
    assert 0 < x0 < x1 < 612 and 0 < top < bottom < 842


def test_findings_view_lists_the_broken_rules_of_the_truth(real_dataset: Path) -> None:
    findings = run_query(
        real_dataset,
        'SELECT r.source, f."check", f.scope FROM findings f JOIN reports r USING (report_id)',
    )
    found = {(Path(s).name, c, sc) for s, c, sc in findings.itertuples(index=False)}
    for truth_path in sorted(REAL_TRUTH.glob("*.json")):
        truth = load_truth(truth_path)
        for broken in truth["broken_checks"]:
            rule = (
                broken["rule"] if "." in broken["rule"] else f"{broken['table']}.{broken['rule']}"
            )
            assert (truth["file"], rule, broken["scope"]) in found


def test_writing_statements_are_refused_and_the_dataset_is_unchanged(
    real_dataset: Path, tmp_path: Path
) -> None:
    before = {p: p.stat().st_mtime_ns for p in real_dataset.rglob("*")}
    for sql in (
        f"COPY cells TO '{real_dataset / 'cells' / 'evil.parquet'}'",
        "CREATE TABLE x AS SELECT 1",
        f"ATTACH '{tmp_path / 'x.db'}'",
        "SELECT 1; SELECT 2",
    ):
        code, output = query(real_dataset, sql, "table")
        assert code == 1, (sql, output)
        assert "Error:" in output
    assert {p: p.stat().st_mtime_ns for p in real_dataset.rglob("*")} == before
    assert not (tmp_path / "x.db").exists()


def test_unknown_table_names_the_tables_there_are(real_dataset: Path) -> None:
    code, output = query(real_dataset, "SELECT * FROM cell", "table")
    assert code == 1
    assert "requests_wide" in output and "key_figures" in output


def test_missing_or_empty_dataset_gives_a_clear_message(tmp_path: Path) -> None:
    code, output = query(tmp_path / "nowhere", "SELECT 1", "table")
    assert code == 2 and "no dataset at" in output
    code, output = query(tmp_path, "SELECT 1", "table")
    assert code == 2 and "not a reportextract dataset" in output
    (tmp_path / "datapackage.json").write_text("{}", encoding="utf-8")
    code, output = query(tmp_path, "SELECT 1", "table")
    assert code == 2 and "holds no reports" in output


def test_a_table_without_parts_is_an_empty_view_with_its_columns(
    real_dataset: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "data"
    shutil.copytree(real_dataset, copy)
    shutil.rmtree(copy / "figures")
    code, output = query(copy, "SELECT COUNT(*) AS n FROM figures")
    assert code == 0, output
    assert json.loads(output) == [{"n": 0}]
    code, output = query(copy, "SELECT metric, sentence FROM figures", "table")
    assert code == 0
    assert output.strip() == "(no rows; columns: metric, sentence)"
    code, output = query(copy, "SELECT COUNT(*) AS n FROM reports")
    assert json.loads(output)[0]["n"] == len(run_query(real_dataset, "SELECT * FROM reports"))
