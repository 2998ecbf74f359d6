"""`reportextract serve`: Datasette over the SQLite copy, through Datasette's own test client."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import REAL_TRUTH, load_truth, real_docs
from reportextract.explore.build import ensure_dataset
from reportextract.explore.query import run_query
from reportextract.explore.serve import CANNED_QUERIES, DATABASE, cached_database, make_datasette


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_dataset(tmp_path_factory.getbasetemp() / "explore-real", [real_docs()], workers=2)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve-cache")


def get(datasette: Any, path: str) -> Any:
    async def fetch() -> Any:
        await datasette.invoke_startup()
        return await datasette.client.get(path)

    return asyncio.run(fetch())


def get_json(datasette: Any, path: str) -> Any:
    response = get(datasette, path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


def test_canned_queries_are_listed(real_dataset: Path, cache_dir: Path) -> None:
    datasette = make_datasette(real_dataset, cache_dir)
    listed = {q["name"]: q for q in get_json(datasette, f"/{DATABASE}.json")["queries"]}
    assert set(listed) == set(CANNED_QUERIES)
    assert listed["reports_with_findings"]["title"] == "Reports with findings"


def test_granted_share_by_year_counts_one_document_per_report(
    real_dataset: Path, cache_dir: Path
) -> None:
    datasette = make_datasette(real_dataset, cache_dir)
    rows = get_json(datasette, f"/{DATABASE}/granted_share_by_year.json?_shape=array")
    by_year = {r["year"]: r for r in rows}
    # 2024: 淮安市, 洪泽区 and 平潭 (whose report is there twice, as web page and as text).
    files = ("huaian-city-2024.pdf", "huaian-hongze-2024.pdf", "pingtan-2024.html")
    totals = {"granted": 0.0, "total_handled": 0.0}
    for file in files:
        for cell in load_truth(REAL_TRUTH / f"{file}.json")["cells"]:
            if (
                cell["table"] == "requests"
                and cell["col_code"] == "total"
                and cell["row_code"] in totals
            ):
                totals[cell["row_code"]] += cell["value"]
    assert by_year[2024]["reports"] == 3
    assert by_year[2024]["granted"] == totals["granted"]
    assert by_year[2024]["handled"] == totals["total_handled"]
    assert by_year[2024]["granted_pct"] == round(
        100 * totals["granted"] / totals["total_handled"], 1
    )


def test_requests_wide_and_cell_query_give_the_printed_numbers(
    real_dataset: Path, cache_dir: Path
) -> None:
    datasette = make_datasette(real_dataset, cache_dir)
    [row] = get_json(
        datasette,
        f"/{DATABASE}/requests_wide.json?_shape=array&issuer=淮安市人民政府&applicant=total",
    )
    assert row["granted"] == 1362
    rows = get_json(
        datasette,
        f"/{DATABASE}/cell_over_years.json?_shape=array&issuer=320813&table=requests"
        "&row_code=new_received&col_code=total",
    )
    assert [(r["year"], r["value"], r["page"]) for r in rows] == [(2023, 21, 3), (2024, 95, 3)]


def test_reports_with_findings_include_every_report_the_truth_finds_broken(
    real_dataset: Path, cache_dir: Path
) -> None:
    datasette = make_datasette(real_dataset, cache_dir)
    rows = get_json(datasette, f"/{DATABASE}/reports_with_findings.json?_shape=array")
    found = {(r["body_name"], r["year"]): r["failed_checks"] for r in rows}
    sources = run_query(real_dataset, "SELECT body_name, year, source FROM reports")
    by_file = {Path(s).name: (i, y) for i, y, s in sources.itertuples(index=False)}
    for truth_path in sorted(REAL_TRUTH.glob("*.json")):
        truth = load_truth(truth_path)
        if truth["broken_checks"]:
            assert found[by_file[truth["file"]]] >= len(truth["broken_checks"]), truth["file"]


def test_column_descriptions_come_from_the_datapackage(real_dataset: Path, cache_dir: Path) -> None:
    datasette = make_datasette(real_dataset, cache_dir)
    descriptor = json.loads((real_dataset / "datapackage.json").read_text(encoding="utf-8"))
    cells = next(r for r in descriptor["resources"] if r["name"] == "cells")
    bbox = next(f["description"] for f in cells["schema"]["fields"] if f["name"] == "bbox")
    metadata = get_json(datasette, "/-/metadata.json")
    tables = metadata["databases"][DATABASE]["tables"]
    assert tables["cells"]["columns"]["bbox"] == bbox
    assert "granted / handled" in tables["key_figures"]["columns"]["granted_share"]
    page = get(datasette, f"/{DATABASE}/cells")
    assert page.status_code == 200 and bbox.split(",")[0] in page.text


def test_the_web_view_is_read_only(real_dataset: Path, cache_dir: Path) -> None:
    datasette = make_datasette(real_dataset, cache_dir)
    assert datasette.databases[DATABASE].is_mutable is False
    response = get(datasette, f"/{DATABASE}.json?sql=DELETE+FROM+cells")
    assert response.status_code == 400
    assert get_json(
        datasette, f"/{DATABASE}.json?sql=SELECT+COUNT(*)+AS+n+FROM+cells&_shape=array"
    )[0]["n"] == len(run_query(real_dataset, "SELECT * FROM cells"))


def test_sqlite_copy_is_reused_until_the_dataset_changes(
    real_dataset: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(real_dataset, data)
    first = cached_database(data, tmp_path / "cache")
    assert cached_database(data, tmp_path / "cache") == first
    part = next((data / "reports").glob("*/part-*.parquet"))
    os.utime(part, ns=(part.stat().st_atime_ns, part.stat().st_mtime_ns + 10**9))
    second = cached_database(data, tmp_path / "cache")
    assert second != first and second.is_file() and not first.exists()
    with sqlite3.connect(f"file:{second}?mode=ro", uri=True) as db:
        views = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
        }
        assert views == {"requests_wide", "key_figures", "findings", "series"}
        [(bbox,)] = db.execute(
            "SELECT c.bbox FROM cells c JOIN reports r USING (report_id) WHERE r.issuer = '淮安市人民政府' "
            "AND c.\"table\" = 'requests' AND c.row_code = 'granted' AND c.col_code = 'total'"
        ).fetchall()
        assert len(json.loads(bbox)) == 4
