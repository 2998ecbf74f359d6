"""A template table the reading loses is a failed check (`table.missing`), never silence;
and the scan that lost its 表四 (generated: seed 184, report 14) keeps it.

That scan prints 表四's 其他结果 columns as characters set top to bottom against a vertical
rule: their strokes and the rule were one component, too wide for a rule, and the rule was
thrown away with them, so the table's columns did not match the template. The rule is now
found inside such a component.

Another generated scan lost its 表四 (seed 101, report 5): its two header rows above the
column rules are hardly taller than their print, the strokes of 未经复议直接起诉 stand
against the top of two column rules, and rule and strokes were again one component too
wide for a rule — one the rule does not run the whole height of. The rule inside is now
its longest columns (jagged, as scanned), over its own extent.

A third (seed 104, report 7) printed 表四's row of values on the next page, whose only long
rules are that row's: three hairlines of print long enough to pass for horizontal rules
made the page's typical rule one pixel thick, and two of the row's column rules, five
pixels wide, were thrown away as print. A vertical candidate as thick as the page's long
rules (their median by length) and two pixels is now thin enough to be a rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from conftest import CORPUS
from reportextract.pipeline import extract
from reportextract.readers.ocr.rules import Segment, _rule_strip, _too_thick
from reportextract.template.checks import ROWS_MISSING, TABLE_MISSING, kind_of


def _without_appeals(text: str) -> str:
    """The report with 表四 and everything after it cut off."""
    cut = text.index("四、政府信息公开行政复议")
    return text[:cut]


def test_a_report_without_its_appeals_table_gets_a_failed_check() -> None:
    source = next(p for p in sorted((CORPUS / "samples").glob("*.txt")) if "quangang" not in p.name)
    whole = extract(source)
    assert whole.status == "ok" and not [c for c in whole.checks if c.check == TABLE_MISSING.name]
    cut = _without_appeals(source.read_text(encoding="utf-8"))
    report = extract(source.name, data=cut.encode("utf-8"))
    missing = [c for c in report.checks if c.check == TABLE_MISSING.name]
    assert [(c.table, c.scope, c.passed) for c in missing] == [("appeals", "appeals", False)]
    assert report.status == "partial" and "table appeals not found" in (report.error or "")
    assert not kind_of(TABLE_MISSING.name).finding  # a reading note, not a finding
    assert {c.table for c in report.cells} == {"proactive", "requests"}


def test_the_rule_inside_a_component_of_rule_and_print() -> None:
    height = 200
    component = np.zeros((height, 23), dtype=bool)
    component[:, 3:6] = True  # the rule, three pixels wide, the whole height
    for top in (10, 60, 110, 160):  # characters' strokes standing against it
        component[top : top + 30, 6:22] = True
    assert _rule_strip(component, thick=11.0) == (3, 6, 0, height)
    two = np.zeros((height, 23), dtype=bool)
    two[:, 2:4] = two[:, 18:20] = True
    assert _rule_strip(two, thick=11.0) is None  # two rules joined by print: not one rule
    assert _rule_strip(np.ones((height, 23), dtype=bool), thick=11.0) is None  # a band


def test_the_rule_inside_a_component_with_print_beyond_its_end() -> None:
    """A row of characters above the rows a column rule divides: their strokes stand against
    the rule's top, the rule (jagged, as scanned) runs the rest of the component."""
    component = np.zeros((164, 37), dtype=bool)
    component[27:, 18:22] = True  # the rule, from the rule across its top to the bottom
    component[27:60, 20] = False  # a column of the rule broken by the scan
    component[:32, 0:18] = component[:32, 22:37] = True  # strokes of print above it
    assert _rule_strip(component, thick=11.0) == (18, 22, 27, 164)
    strokes = np.zeros((164, 37), dtype=bool)
    strokes[:70, 0:4] = strokes[94:, 30:34] = True  # strokes of print, none half its height
    strokes[60:100, 4:30] = True
    assert _rule_strip(strokes, thick=11.0) is None


def _horizontal(length: float, thickness: float) -> Segment:
    return Segment(True, 100.0, 50.0, 50.0 + length, (0, 0, 0, 0), thickness)


def test_a_vertical_rule_as_thick_as_the_long_rules_is_not_too_thick() -> None:
    rules = [_horizontal(440.0, 4.0), _horizontal(440.0, 4.9)]
    hairlines = [_horizontal(45.0, 1.0) for _ in range(3)]
    assert _too_thick([*rules, *hairlines]) > 5.0  # the row's column rules are 5 px wide
    page = [_horizontal(400.0, 3.8) for _ in range(20)] + [_horizontal(45.0, 1.0)] * 30
    assert _too_thick(page) == pytest.approx(3.8 + 2)
    table = [_horizontal(400.0, 3.8) for _ in range(20)]
    assert _too_thick(table) == pytest.approx(2 * 3.8 + 2)  # as before on a page of rules


@pytest.fixture(scope="module")
def lost_appeals_scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    return _generated_scan(tmp_path_factory, 184, 14, errors=True)


def _generated_scan(
    tmp_path_factory: pytest.TempPathFactory, seed: int, number: int, errors: bool = False
) -> tuple[Path, dict]:
    pytest.importorskip("rapidocr")
    from reportextract.synth.corpus import generate_corpus

    out = tmp_path_factory.mktemp(f"scan-{seed}-{number}")
    generate_corpus(out, 1, seed, formats=("scan",), errors=errors, start=number)
    (scan,) = (out / "samples").glob("*-scan.pdf")
    truth = json.loads((out / "truth" / f"{scan.name}.json").read_text(encoding="utf-8"))
    return scan, truth


def test_the_scan_that_lost_its_appeals_table_keeps_it(lost_appeals_scan: tuple) -> None:
    _keeps_appeals(*lost_appeals_scan)


def test_the_scan_whose_header_rows_stand_on_its_rules_keeps_its_appeals_table(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _keeps_appeals(*_generated_scan(tmp_path_factory, 101, 5))


def test_the_scan_whose_last_row_of_appeals_is_alone_on_a_page_keeps_it(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _keeps_appeals(*_generated_scan(tmp_path_factory, 104, 7))


def _keeps_appeals(scan: Path, truth: dict) -> None:
    report = extract(scan)
    assert not [c for c in report.checks if c.check == TABLE_MISSING.name]
    expected = {
        (c["row_code"], c["col_code"]): c["value"]
        for c in truth["cells"]
        if c["table"] == "appeals"
    }
    read = {(c.row_code, c.col_code): c.value for c in report.cells if c.table == "appeals"}
    assert len(expected) >= 15 and read == expected


def test_a_report_with_template_rows_not_read_gets_a_failed_check() -> None:
    """Rows of 表三 lost in reading (a scanned table whose rules were not all found left
    21 of its rows under one label no template row matches) are a failed check of the
    table naming them, not only words in the report's error."""
    source = CORPUS / "samples" / "synth-276-00001.txt"
    whole = extract(source)
    assert not [c for c in whole.checks if c.check == ROWS_MISSING.name]
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = "".join(line for line in lines if "属于行政查询事项" not in line)
    report = extract(source.name, data=cut.encode("utf-8"))
    [check] = [c for c in report.checks if c.check == ROWS_MISSING.name]
    assert (check.table, check.scope, check.passed) == ("requests", "requests", False)
    assert "denied.admin_query" in check.detail and check.actual == check.expected - 1
    assert report.status == "partial" and check.detail in (report.error or "")
    assert kind_of(ROWS_MISSING.name).partial and not kind_of(ROWS_MISSING.name).finding
