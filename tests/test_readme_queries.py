"""The README's example queries run as written — the naive joins among them — on a dataset
of bundled samples, and each returns rows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from conftest import CORPUS, REPO
from reportextract.cli import main
from reportextract.explore.build import ensure_dataset
from reportextract.explore.dataset import connect
from reportextract.explore.query import run_query

README = (REPO / "README.md").read_text(encoding="utf-8")
# 2021 and 2019 templates; 00003 and 00011 carry deliberate errors (failed checks).
SAMPLES = ("synth-276-00001.txt", "synth-276-00003.html", "synth-276-00011.docx")


def query_commands() -> list[list[str]]:
    lines = [line.strip() for line in README.splitlines()]
    return [shlex.split(line) for line in lines if line.startswith("reportextract query ")]


def sql_blocks() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", README, re.S)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    samples = [CORPUS / "samples" / name for name in SAMPLES]
    return ensure_dataset(tmp_path_factory.mktemp("readme") / "data", samples, workers=1)


def test_the_readme_has_query_examples_with_naive_joins() -> None:
    commands = query_commands()
    assert len(commands) >= 3 and sql_blocks()
    assert all(c[:3] == ["reportextract", "query", "data"] for c in commands)
    assert sum("JOIN reports USING (report_id)" in c[3] for c in commands) >= 3


@pytest.mark.parametrize("command", query_commands(), ids=lambda c: c[3][:40])
def test_each_query_example_runs_and_finds_rows(dataset: Path, command: list[str]) -> None:
    result = CliRunner().invoke(main, ["query", str(dataset), *command[3:], "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, *rows = result.output.strip().splitlines()
    assert {"year"} < set(header.split(",")) and ("issuer" in header or "body_name" in header)
    assert rows


@pytest.mark.parametrize("sql", sql_blocks())
def test_each_duckdb_example_runs_on_the_parquet_files(dataset: Path, sql: str) -> None:
    rows = duckdb.sql(sql.replace("'data/", f"'{dataset}/")).fetchall()
    assert rows
    # The same question over the dataset's views by name gives the same rows.
    by_name = re.sub(r"read_parquet\('data/(\w+)/\*/\*\.parquet'\)", r"\1", sql)
    assert by_name != sql
    assert rows == connect(dataset).execute(by_name).fetchall()


def test_every_table_shares_only_report_id_with_reports(dataset: Path) -> None:
    columns = {
        table: set(run_query(dataset, f"SELECT * FROM {table} LIMIT 0").columns)
        for table in ("reports", "cells", "figures", "checks")
    }
    for table in ("cells", "figures", "checks"):
        assert columns[table] & columns["reports"] == {"report_id"}, table
