"""Crawled page text whose table cells are glued: split by the template's arithmetic, never guessed."""

from __future__ import annotations

import pytest

from conftest import real_doc, real_truth
from reportextract.pipeline import extract
from reportextract.tables.glued import ColumnKind, readings
from reportextract.template.rules import line_test, row_keys
from reportextract.truth import compare_cells

GLUED = ["pingtan-2024.txt", "pingtan-2019.txt", "pingtan-2020.txt"]
INT7 = [ColumnKind()] * 7
# the template's rules on one row of 表三 (its total) and on 表四's data row (each branch's total)
row_total_rule = line_test(row_keys("requests", "granted"))
appeals_rule = line_test(
    tuple(
        key
        for branch in ("review", "litigation_direct", "litigation_after_review")
        for key in row_keys("appeals", branch)
    )
)


def test_a_row_total_makes_the_split_unique() -> None:
    assert readings("21710000218", INT7, row_total_rule) == [
        ["217", "1", "0", "0", "0", "0", "218"]
    ]
    assert readings("200 000121", INT7, row_total_rule) == [["20", "0", "0", "0", "0", "1", "21"]]


def test_spaces_and_a_minus_are_hard_boundaries() -> None:
    kinds = [ColumnKind(), ColumnKind(signed=True), ColumnKind()]
    found = readings("2648-18538", kinds)
    assert all(values[0] == "2648" and values[1].startswith("-") for values in found)
    assert ["2648", "-18", "538"] in found


def test_appeals_branch_totals_split_fifteen_numbers() -> None:
    assert readings("21317000001324019", [ColumnKind()] * 15, appeals_rule) == [
        ["2", "1", "3", "1", "7", "0", "0", "0", "0", "0", "13", "2", "4", "0", "19"]
    ]


def test_no_reading_when_the_digits_break_every_rule() -> None:
    assert readings("1234567", INT7, row_total_rule) == []


@pytest.mark.parametrize("name", GLUED)
def test_every_extracted_cell_is_exact_and_nothing_is_guessed(name: str) -> None:
    truth = real_truth(name)
    report = extract(real_doc(name))
    comparison = compare_cells(report, truth)
    assert not comparison.wrong and not comparison.spurious, comparison.describe()
    withheld = {
        c.scope for c in report.checks if c.check == "text.glued_split" and c.passed is None
    }
    for table, row, _col in comparison.missing:
        assert table == "proactive" and row in withheld, (table, row)


@pytest.mark.parametrize("name", GLUED)
def test_tables_three_and_four_are_complete(name: str) -> None:
    truth = real_truth(name)
    report = extract(real_doc(name))
    got = {(c.table, c.row_code, c.col_code): c.value for c in report.cells}
    for cell in truth["cells"]:
        if cell["table"] in ("requests", "appeals"):
            assert got.get((cell["table"], cell["row_code"], cell["col_code"])) == cell["value"], (
                cell
            )


def test_withheld_rows_make_the_report_partial_and_say_why() -> None:
    report = extract(real_doc("pingtan-2024.txt"))
    assert report.status == "partial"
    assert "'6233440'" in (report.error or "")
    assert "ways that satisfy every rule" in (report.error or "")
