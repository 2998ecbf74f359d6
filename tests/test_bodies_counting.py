"""Counting bodies and years, not files: sums through the documented views, and the coverage
of a region, on generated reports with real division names."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportextract.cli import main
from reportextract.explore.query import run_query
from reportextract.runner import RunOptions, run_batch
from reportextract.synth.corpus import generate_corpus
from reportextract.synth.render_text import render_text
from reportextract.synth.report import build_report

FORMATS = ("txt", "html", "docx")


@pytest.fixture(scope="module")
def three_formats(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    corpus = tmp_path_factory.mktemp("three-formats")
    documents = generate_corpus(corpus, count=5, seed="bodies-three", formats=FORMATS, per_report=3)
    assert len(documents) == 15
    out = tmp_path_factory.mktemp("three-formats-data") / "data"
    run_batch([str(corpus / "samples")], out, RunOptions(workers=2, progress=False))
    return corpus, out


def _truth_totals(corpus: Path) -> dict[tuple[str, int], float]:
    """Per report (its official name and year): 表三 new_received / total, from one truth file."""
    totals: dict[tuple[str, int], float] = {}
    for path in sorted((corpus / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        [value] = [
            c["value"]
            for c in truth["cells"]
            if (c["table"], c["row_code"], c["col_code"]) == ("requests", "new_received", "total")
        ]
        totals[(truth["issuer_full"], truth["year"])] = value
    return totals


def test_sums_through_key_figures_count_every_report_once(three_formats: tuple[Path, Path]) -> None:
    corpus, data = three_formats
    truth = _truth_totals(corpus)
    assert len(truth) == 5  # five reports, fifteen documents
    by_year: dict[int, float] = defaultdict(float)
    for (_, year), value in truth.items():
        by_year[year] += value
    frame = run_query(
        data, "SELECT year, SUM(received) AS received, COUNT(*) AS n FROM key_figures GROUP BY year"
    )
    assert {int(r.year): r.received for r in frame.itertuples()} == dict(by_year)
    assert int(frame["n"].sum()) == 5
    # The same sum over every document would count each report three times.
    naive = run_query(
        data,
        "SELECT SUM(value) AS v FROM cells WHERE \"table\" = 'requests' "
        "AND row_code = 'new_received' AND col_code = 'total'",
    )
    assert naive["v"][0] == 3 * sum(truth.values())
    wide = run_query(
        data, "SELECT SUM(new_received) AS v FROM requests_wide WHERE applicant = 'total'"
    )
    assert wide["v"][0] == sum(truth.values())
    names = run_query(data, "SELECT body_name, year, documents FROM key_figures")
    assert {(r.body_name, r.year) for r in names.itertuples()} == set(truth)
    assert set(names["documents"]) == {3}


def test_audit_counts_body_years(three_formats: tuple[Path, Path]) -> None:
    _, data = three_formats
    output = CliRunner().invoke(main, ["audit", str(data), "--format", "json"]).output
    assert json.loads(output)["summary"]["reports_checked"] == 5


# --- coverage: the districts of 淮安市 with and without a report -------------------------

HUAIAN_2024 = {
    "320803": "district",  # 淮安区
    "320804": "district",  # 淮阴区
    "320812": "district",  # 清江浦区
    "320813": "district",  # 洪泽区
    "320826": "county",  # 涟水县
    "320830": "county",  # 盱眙县
    "320831": "county",  # 金湖县
}
MISSING = ("320804", "320830")


@pytest.fixture(scope="module")
def huaian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("huaian-inputs")
    places = [(kind, code) for code, kind in HUAIAN_2024.items() if code not in MISSING]
    places += [("city", "320800"), ("department", "320804")]  # a bureau of a silent district
    for index, place in enumerate(places):
        report = build_report("coverage", index, place=place, year=2024)
        (folder / f"{report.stem}.txt").write_bytes(render_text(report).data)
    out = tmp_path_factory.mktemp("huaian") / "data"
    run_batch([str(folder)], out, RunOptions(workers=2, progress=False))
    return out


def test_coverage_lists_exactly_the_districts_without_a_report(huaian: Path) -> None:
    result = CliRunner().invoke(
        main, ["coverage", str(huaian), "--within", "淮安市", "--year", "2024", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.output.strip().splitlines()[1:]]
    assert [r[0] for r in rows] == sorted(HUAIAN_2024)
    assert sorted(r[0] for r in rows if r[3] == "false") == sorted(MISSING)
    bureau = next(r for r in rows if r[0] == "320804")
    assert bureau[5] == "1"  # the bureau's report is counted beside, not as the district's
    text = CliRunner().invoke(
        main, ["coverage", str(huaian), "--within", "320800", "--year", "2024"]
    )
    assert "5 of 7 divisions published a report" in text.output
    assert "淮安市淮阴区 320804" in text.output and "淮安市盱眙县 320830" in text.output


def test_compare_within_a_city_lists_the_city_then_its_districts(huaian: Path) -> None:
    result = CliRunner().invoke(
        main, ["compare", str(huaian), "--within", "淮安市", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    codes = [line.split(",")[2] for line in result.output.strip().splitlines()[1:]]
    assert codes[0] == "320800"
    assert codes[1:] == sorted(codes[1:]) and "320804" in codes  # the bureau, in its district
