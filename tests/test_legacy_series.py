"""The pre-2019 统计表 across a batch: rows a report cannot read alone settled by the same
body's reports of the years around it (cumulative(N) = cumulative(N−1) + year(N)), the
rule across years checked (a restarted 历年累计 is a finding), and the `series` view that
follows a body from its first report to its last through the crosswalk of the editions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import REAL_DOCS, SHARED_REAL
from reportextract.explore.dataset import connect
from reportextract.model import Cell, Report
from reportextract.runner import RunOptions, run_batch
from reportextract.truth import compare_cells

LEGACY_TRUTH = SHARED_REAL / "truth-legacy"
POST_2019 = ("pingtan-2019.txt", "pingtan-2020.txt", "pingtan-2024.html")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    for path in (REAL_DOCS / "old-template").glob("*.txt"):
        shutil.copy(path, docs / path.name)
    for name in POST_2019:
        shutil.copy(REAL_DOCS / name, docs / name)
    out = tmp_path_factory.mktemp("data") / "data"
    run_batch([str(docs)], out, RunOptions(workers=2, progress=False))
    return out


def _report_of(dataset: Path, name: str) -> Report:
    con = connect(dataset)
    report_id = con.execute(
        "SELECT report_id FROM reports WHERE source LIKE ?", [f"%/{name}"]
    ).fetchone()[0]
    rows = con.execute(
        'SELECT "table", row_code, col_code, value, text FROM cells WHERE report_id = ?',
        [report_id],
    ).fetchall()
    report = Report(source=name, sha256="", format="txt", report_id=report_id)
    report.cells = [Cell(t, r, c, v, text) for t, r, c, v, text in rows]
    return report


def _findings(dataset: Path, name: str) -> set[tuple[str, str]]:
    rows = connect(dataset).execute(
        'SELECT f."check", f.scope FROM findings f JOIN reports r USING (report_id) '
        "WHERE r.source LIKE ?",
        [f"%/{name}"],
    )
    return set(rows.fetchall())


@pytest.mark.parametrize(
    "name", sorted(p.name.removesuffix(".json") for p in LEGACY_TRUTH.glob("*.json"))
)
def test_every_truth_cell_exact_in_a_batch(dataset: Path, name: str) -> None:
    truth = json.loads((LEGACY_TRUTH / f"{name}.json").read_text(encoding="utf-8"))
    comparison = compare_cells(_report_of(dataset, name), truth)
    assert comparison.perfect, comparison.describe()
    expected = {(b["rule"], b["scope"]) for b in truth["broken_checks"]}
    assert _findings(dataset, name) == expected


def test_a_row_settled_by_last_years_report_says_so(dataset: Path) -> None:
    rows = (
        connect(dataset)
        .execute(
            "SELECT k.passed, k.detail FROM checks k JOIN reports r USING (report_id) "
            "WHERE r.source LIKE '%/pingtan-county-2012.txt' AND k.\"check\" = 'text.glued_split' "
            "AND k.scope = 'proactive.website'"
        )
        .fetchall()
    )
    passed = [detail for ok, detail in rows if ok]
    assert len(passed) == 1
    assert "1795|3304" in passed[0] and "reports of 2011 and 2013" in passed[0]
    # the report's own rule that the row left out had kept from applying, now applied
    sums = (
        connect(dataset)
        .execute(
            "SELECT k.passed, k.expected, k.actual FROM checks k JOIN reports r USING (report_id) "
            "WHERE r.source LIKE '%/pingtan-county-2012.txt' AND k.\"check\" = 'legacy.sum' "
            "AND k.scope = 'proactive.items' ORDER BY k.actual"
        )
        .fetchall()
    )
    assert sums == [(False, 1795.0, 2026.0), (False, 3311.0, 3542.0)]


def test_a_cumulative_count_that_restarts_is_a_finding(dataset: Path) -> None:
    """平潭综合实验区 2017: 历年累计 10037 after 85376 in 2016 and 2122 this year."""
    found = (
        connect(dataset)
        .execute(
            "SELECT scope, expected, actual FROM findings WHERE \"check\" = 'legacy.cumulative' "
            "AND year = 2017"
        )
        .fetchall()
    )
    assert ("proactive.items", 87498.0, 10037.0) in found
    assert _findings(dataset, "pingtan-2018.txt") == set()  # 10037 + 2069 = 12106


def test_the_series_follows_a_body_through_the_editions(dataset: Path) -> None:
    con = connect(dataset)
    zone = con.execute(
        "SELECT body_id FROM reports WHERE source LIKE '%/pingtan-2011.txt'"
    ).fetchone()[0]
    items = con.execute(
        "SELECT year, value, source, text FROM series WHERE body_id = ? "
        "AND quantity = 'proactive.items' ORDER BY year",
        [zone],
    ).fetchall()
    years = [row[0] for row in items]
    reported = [
        year
        for (year,) in con.execute(
            'SELECT year FROM reports WHERE body_id = ? AND "primary" ORDER BY year', [zone]
        ).fetchall()
    ]
    assert years == reported == [*range(2011, 2021), 2024]  # no gap where a report exists
    by_year = {year: (value, source) for year, value, source, _ in items}
    assert by_year[2015] == (2949, "legacy")  # glued digits, read
    assert by_year[2019][1] == by_year[2024][1] == "narrative"  # no table row after 2019
    received = dict(
        con.execute(
            "SELECT year, source FROM series WHERE body_id = ? AND quantity = 'requests.received'",
            [zone],
        ).fetchall()
    )
    assert received[2014] == "legacy" and received[2024] == "template"
    one_row = con.execute(
        "SELECT COUNT(*), COUNT(DISTINCT (body_id, year, quantity)) FROM series"
    ).fetchone()
    assert one_row[0] == one_row[1]
