"""Misread digits are fixed by the template's arithmetic, printed inconsistencies are not."""

from __future__ import annotations

from conftest import REQUEST_COLUMNS
from reportextract.model import Cell
from reportextract.ocr_repair import correct_ocr_cells, plausible_readings

OUTCOMES = ("granted", "partially_granted", "other")


def _requests(rows: dict[str, list[int]], confidence: float = 1.0) -> list[Cell]:
    """表三 cells: each row's six applicant columns and its total."""
    cells = []
    for row, values in rows.items():
        for col, value in zip(REQUEST_COLUMNS, values, strict=True):
            cells.append(
                Cell(
                    "requests",
                    row,
                    col,
                    float(value),
                    str(value),
                    page=1,
                    bbox=(0, 0, 1, 1),
                    confidence=confidence,
                )
            )
    return cells


def _consistent() -> dict[str, list[int]]:
    # new + carried = handled + forward; handled = granted + partially + other
    return {
        "new_received": [30, 3, 0, 0, 1, 0, 34],
        "carried_over": [2, 0, 0, 0, 0, 0, 2],
        "granted": [20, 2, 0, 0, 1, 0, 23],
        "partially_granted": [8, 1, 0, 0, 0, 0, 9],
        "other": [3, 0, 0, 0, 0, 0, 3],
        "total_handled": [31, 3, 0, 0, 1, 0, 35],
        "carried_forward": [1, 0, 0, 0, 0, 0, 1],
    }


def _set(cells: list[Cell], row: str, col: str, text: str, confidence: float) -> None:
    cell = next(c for c in cells if c.row_code == row and c.col_code == col)
    cell.text, cell.value, cell.confidence = text, float(text), confidence


def _value(cells: list[Cell], row: str, col: str) -> float:
    return next(c.value for c in cells if c.row_code == row and c.col_code == col)


def test_a_look_alike_digit_is_corrected_when_one_reading_satisfies_every_rule() -> None:
    cells = _requests(_consistent())
    _set(cells, "granted", "natural_person", "28", 0.62)  # printed 20, read 28
    fixed, checks = correct_ocr_cells(cells)
    assert _value(fixed, "granted", "natural_person") == 20
    [check] = [c for c in checks if c.check == "ocr.digit_correction"]
    assert check.passed is True and check.scope == "granted/natural_person"
    assert "'28'" in check.detail and "'20'" in check.detail
    assert _value(cells, "granted", "natural_person") == 28  # the input is left as it was


def test_a_dropped_digit_is_restored_from_the_recognisers_other_readings() -> None:
    cells = _requests(_consistent())
    _set(cells, "new_received", "total", "3", 0.55)  # printed 34
    target = next(c for c in cells if c.row_code == "new_received" and c.col_code == "total")
    target.alternatives = (("34", 0.3),)
    fixed, checks = correct_ocr_cells(cells)
    assert _value(fixed, "new_received", "total") == 34
    assert any(c.passed is True and "next readings" in c.detail for c in checks)


def test_a_confidently_read_inconsistency_is_a_finding_and_stays() -> None:
    rows = _consistent()
    rows["total_handled"] = [26, 3, 0, 0, 1, 0, 30]  # printed wrong, like pingtan-2020
    cells = _requests(rows, confidence=0.999)
    fixed, checks = correct_ocr_cells(cells)
    assert [c.value for c in fixed] == [c.value for c in cells]
    assert not [c for c in checks if c.passed is True]


def test_a_misread_that_two_cells_could_explain_is_kept_and_flagged() -> None:
    rows = {"new_received": [5, 0, 0, 0, 0, 0, 5]}
    cells = _requests(rows)
    _set(cells, "new_received", "natural_person", "6", 0.6)
    _set(cells, "new_received", "total", "5", 0.6)
    # 6 could be a 5, or the total a 6: the row alone cannot tell
    fixed, checks = correct_ocr_cells(cells)
    assert _value(fixed, "new_received", "natural_person") == 6
    flagged = [c for c in checks if c.passed is not True]
    assert {c.scope for c in flagged} >= {"new_received/natural_person"}
    assert all(
        (c.confidence or 1) <= 0.2 for c in fixed if c.col_code in ("natural_person", "total")
    )


def test_an_unsure_cell_no_rule_covers_is_flagged_with_a_low_confidence() -> None:
    cell = Cell(
        "proactive",
        "licensing",
        "decisions",
        550.0,
        "550",
        page=1,
        bbox=(0, 0, 1, 1),
        confidence=0.4,
    )
    fixed, checks = correct_ocr_cells([cell])
    assert fixed[0].value == 550 and fixed[0].confidence is not None and fixed[0].confidence <= 0.2
    assert [c.check for c in checks] == ["ocr.low_confidence"]


def test_cells_not_read_by_ocr_are_taken_as_printed() -> None:
    cells = _requests(_consistent())
    for cell in cells:
        cell.confidence = None
    _set(cells, "granted", "natural_person", "28", 0.6)
    next(
        c for c in cells if c.row_code == "granted" and c.col_code == "natural_person"
    ).confidence = None
    fixed, checks = correct_ocr_cells(cells)
    assert _value(fixed, "granted", "natural_person") == 28 and not checks


def test_plausible_readings_of_a_number() -> None:
    readings = plausible_readings("103", ["108"])
    assert readings["108"].startswith("one of the recogniser's")
    assert "108" in readings and "183" in readings  # look-alikes 3→8, 0→8
    assert "1033" in readings and "13" not in readings  # a dropped digit; only doubled ones go
    assert "10" in plausible_readings("100")  # a doubled 0
    assert all(not r.startswith("0") for r in plausible_readings("5") if len(r) > 1)
