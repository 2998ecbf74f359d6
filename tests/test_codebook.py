"""docs/ holds the dataset's codes as the mappings, the check registry and the schema give
them: written by `python -m reportextract.codebook`, and kept in step by this test."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, REPO
from reportextract import codebook
from reportextract.dataset.datapackage import datapackage_descriptor
from reportextract.dataset.schema import TABLES
from reportextract.narrative.patterns import catalogue
from reportextract.pipeline import extract
from reportextract.template import template_map
from reportextract.template.checks import UNKNOWN, check_kinds, kind_of

DOCS = REPO / "docs"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_the_pages_in_docs_are_what_the_mappings_give() -> None:
    stale = codebook.stale_pages(DOCS)
    assert stale == [], f"docs/{stale} fell behind: run python -m reportextract.codebook"


def test_every_code_of_the_template_is_documented() -> None:
    text = page("tables.md")
    for name, spec in template_map().tables.items():
        assert f"`table = '{name}'`" in text
        for code in (*spec.row_codes, *spec.column_codes):
            assert f"`{code}`" in text, (name, code)
        for row in spec.rows:
            assert all(label in text for label in row.labels), row.code


def test_every_metric_and_check_kind_and_column_is_documented() -> None:
    metrics, checks, dataset = page("narrative-metrics.md"), page("checks.md"), page("dataset.md")
    assert all(f"| `{code}` |" in metrics for code in catalogue().metrics)
    assert all(f"| `{kind.name}` |" in checks for kind in check_kinds())
    for table, columns in TABLES.items():
        assert f"## `{table}`" in dataset
        assert all(f"| `{column.name}` |" in dataset for column in columns), table


@pytest.fixture(scope="module")
def sample_reports() -> list:
    names = ["synth-276-00001.txt", "synth-276-00003.html", "synth-276-00007.pdf"]
    return [extract(CORPUS / "samples" / name) for name in names]


def test_every_check_and_metric_a_report_gets_is_in_the_codebook(sample_reports: list) -> None:
    checks, metrics = page("checks.md"), page("narrative-metrics.md")
    names = {c.check for report in sample_reports for c in report.checks}
    assert {"requests.row_total", "narrative.table_agreement"} <= names
    for name in names:
        kind = kind_of(name)
        assert kind is not UNKNOWN and f"| `{kind.name}` |" in checks, name
    for figure in (f for report in sample_reports for f in report.figures if f.metric):
        assert f"| `{figure.metric}` |" in metrics, figure.metric


def test_every_pointer_to_the_codes_goes_to_docs(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "spec/" not in readme
    for name in codebook.PAGES:
        if name != "README.md":
            assert f"docs/{name}" in readme, name
    descriptor = json.dumps(datapackage_descriptor(tmp_path), ensure_ascii=False)
    assert "spec/" not in descriptor
    assert "docs/tables.md" in descriptor and "docs/checks.md" in descriptor
    assert "docs/narrative-metrics.md" in descriptor


def test_the_check_option_finds_a_page_that_fell_behind(tmp_path: Path) -> None:
    shutil.copytree(DOCS, tmp_path / "docs")
    assert codebook.main(["--check", str(tmp_path / "docs")]) == 0
    tables = tmp_path / "docs" / "tables.md"
    tables.write_text(tables.read_text(encoding="utf-8").replace("`granted`", "`given`"))
    assert codebook.main(["--check", str(tmp_path / "docs")]) == 1
    assert codebook.main([str(tmp_path / "docs")]) == 0
    assert codebook.stale_pages(tmp_path / "docs") == []
