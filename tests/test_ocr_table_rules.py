"""Ruling lines found in page images give the cells the PDF's own vector rules give."""

from __future__ import annotations

import itertools

import numpy as np
import pypdfium2 as pdfium
import pytest

from conftest import real_doc
from reportextract.readers.ocr import render_page
from reportextract.readers.ocr.preprocess import deskew, rotate, to_gray
from reportextract.readers.ocr.rules import Segment, _stops_short, find_rules, table_cells
from reportextract.readers.pdf import read_pdf

DPI = 150


BBox = tuple[float, float, float, float]


def _pages(name: str) -> list[tuple[np.ndarray, list[BBox]]]:
    """Each page's image and the cells of the tables the text-layer reader finds on it
    (not the cells as wide as their grid: a Word export may frame paragraphs with
    invisible rules)."""
    data = real_doc(name).read_bytes()
    layout = read_pdf(data)
    pdf = pdfium.PdfDocument(data)
    try:
        return [
            (
                to_gray(render_page(pdf, index, DPI)),
                [
                    c.bbox
                    for g in layout.grids
                    if g.page == index + 1
                    for c in g.cells
                    if c.bbox and c.colspan < g.n_cols
                ],
            )
            for index in range(len(pdf))
        ]
    finally:
        pdf.close()


def _match(found: list[BBox], vector: list[BBox]) -> int:
    """How many vector cells have a found cell within 3 points on every side."""
    return sum(
        1
        for v in vector
        if any(all(abs(a - b) <= 3.0 for a, b in zip(v, f, strict=True)) for f in found)
    )


@pytest.mark.parametrize("name", ["huaian-hongze-2023.pdf", "huaian-city-2024.pdf"])
def test_cells_from_the_image_match_the_vector_lattice(name: str) -> None:
    for image, vector in _pages(name):
        _, ink, faint, angle = deskew(image, DPI)
        assert angle == 0.0
        found = table_cells(find_rules(faint, ink, DPI).edges)
        vector_cells = vector
        found_cells = [cell for table in found for cell in table]
        if not vector_cells:
            assert not found_cells  # print and bold headings make no table
            continue
        # a table cut by the page has no bottom rule in the image (its open ends close it);
        # some vector segments are not drawn visibly (a few cells merge in the image)
        assert _match(found_cells, vector_cells) >= 0.93 * len(vector_cells)


@pytest.mark.parametrize("degrees", [-1.6, -0.7, 0.4, 1.2])
def test_a_turned_page_is_levelled(degrees: float) -> None:
    image, _ = _pages("huaian-hongze-2023.pdf")[2]
    turned = rotate(image, -degrees)
    _, _, _, angle = deskew(turned, DPI)
    assert abs(angle - degrees) <= 0.1


def test_a_rule_continued_by_a_stroke_of_print_at_both_ends_is_still_a_rule() -> None:
    """A column rule under a row that spans both columns, where a character of that row
    stands on the rule right above it and another hangs under its last row (a generated
    report's 表三, tables as pictures): the rule's pieces between the rules across it
    are kept."""
    dpi = 200.0
    px = dpi / 72
    image = np.full((round(300 * px), round(400 * px)), 255, np.uint8)

    def box(x0: float, y0: float, x1: float, y1: float) -> None:
        image[round(y0 * px) : round(y1 * px), round(x0 * px) : round(x1 * px)] = 0

    rows = [20, 50, 80, 110, 140, 170, 200]
    for y in rows:
        box(20, y, 380, y + 1)  # horizontal rules
    box(20, 20, 21, 201)
    box(379, 20, 380, 201)
    box(200, 50, 201, 201)  # the column rule, from the second rule down
    box(200, 36, 201, 50)  # a vertical stroke of the first row's text standing on it
    box(192, 38, 198, 39)  # … with strokes of its character beside it
    box(203, 44, 209, 45)
    box(200, 201, 201, 212)  # a stroke of a note printed under the table, touching it
    box(202, 206, 208, 207)
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    halves = [c for c in table if 60 < (c[1] + c[3]) / 2 < 190]
    assert len(halves) == 10  # five rows of two cells each
    assert sorted({round(c[0] / 10) * 10 for c in halves}) == [20, 200]


def _tight_zeros(dpi: float = 200.0) -> tuple[np.ndarray, list[float]]:
    """A table of 10 value rows hardly taller than their printed 0s, as a scan blurs them:
    each 0 leaves four pixel rows to the rules above and below it, and the scan's grey
    fills them (light enough to be only a faint mark in the row's middle), so the 0s'
    sides chain through the rules into long vertical candidates. Returns the image and
    the column rules' x (points)."""
    px = dpi / 72
    image = np.full((round(200 * px), round(300 * px)), 255, np.uint8)
    columns = [20.0, 100.0, 160.0, 220.0, 280.0]
    pitch = 32  # pixels from rule to rule: a 3-pixel rule, a 0 of 21 and two gaps of 4
    top = round(30 * px)
    borders = [top + pitch * i for i in range(11)]
    x0, x1 = round(columns[0] * px), round(columns[-1] * px) + 3
    for y in borders:
        image[y : y + 3, x0:x1] = 0
    for x in columns:
        image[borders[0] : borders[-1] + 3, round(x * px) : round(x * px) + 3] = 0
    for upper in borders[:-1]:
        zero_top, zero_bottom = upper + 7, upper + 28
        for left, right in itertools.pairwise(columns[1:]):
            cx = round((left + right) / 2 * px)
            image[zero_top:zero_bottom, cx - 6 : cx + 7] = 0
            image[zero_top + 3 : zero_bottom - 3, cx - 3 : cx + 4] = 255  # the hole
            for side in (slice(cx - 6, cx - 3), slice(cx + 4, cx + 7)):
                image[upper + 3 : zero_top, side] = 215  # the blur in the gaps
                image[zero_bottom : upper + pitch, side] = 215
    return image, columns


def test_the_sides_of_0s_chained_through_tight_rows_are_not_column_rules() -> None:
    """The 0s' ink stops short of the rules (only the scan's faint blur joins them): the
    value rows keep one cell per column, not three."""
    dpi = 200.0
    image, columns = _tight_zeros(dpi)
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    assert len(table) == 10 * (len(columns) - 1)
    assert sorted({round(c[0] / 10) * 10 for c in table}) == columns[:-1]


def test_a_chain_ending_just_short_of_a_rule_is_judged_up_to_that_rule() -> None:
    """A chain of 1s through tight rows ends at the last 1's foot, two pixels above the
    bottom rule (a gap even the faint mask leaves): its ink stops short of the rule at
    both ends of that row, like the rows above (a generated scan's 表三 split its last
    value rows through their 1s). A rule whose ink runs into the rule is kept."""
    px = 200.0 / 72
    horizontal = np.zeros((60, 20), np.uint8)
    horizontal[10:13] = 255  # the rule above the row
    horizontal[40:43] = 255  # the rule below it
    stem = np.zeros_like(horizontal)
    stem[15:38, 8:12] = 255  # the 1's own ink: two rows short of either rule
    # the candidate runs from the rule above (joined to it in the faint mask) to the foot
    chain = Segment(False, 10 / px, 10 / px, 38 / px, (8, 10, 4, 28), 4.0)
    assert _stops_short(chain, stem, horizontal, px)
    rule = stem.copy()
    rule[10:43, 8:12] = 255
    reaching = Segment(False, 10 / px, 10 / px, 43 / px, (8, 10, 4, 33), 4.0)
    assert not _stops_short(reaching, rule, horizontal, px)


def test_a_rule_in_a_component_widened_by_print_beside_it_is_still_a_rule() -> None:
    """Bold print standing against both sides of a column rule in the header row makes the
    rule's component wider on average than a rule may be: the rule is its longest run of
    columns, and the value rows below keep their two cells."""
    dpi = 200.0
    px = dpi / 72
    image = np.full((round(160 * px), round(300 * px)), 255, np.uint8)
    x = round(150 * px)
    borders = [round(20 * px), round(50 * px), round(62 * px), round(74 * px)]
    for y in borders:
        image[y : y + 3, round(20 * px) : round(280 * px)] = 0
    for at in (round(20 * px), x, round(280 * px) - 3):
        image[borders[0] : borders[-1] + 3, at : at + 3] = 0
    header = slice(borders[0] + 10, borders[1] - 10)
    image[header, x - 12 : x] = 0  # strokes of the header's characters on either side
    image[header, x + 3 : x + 15] = 0
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    values = [c for c in table if c[1] > 45]
    assert len(values) == 4
    assert sorted({round(c[0] / 10) * 10 for c in values}) == [20, 150]


def test_a_stroke_chained_through_two_rules_to_the_print_around_is_not_a_rule() -> None:
    """A tight label row (3.其他 of a generated scan's 表三): the left stroke of 其 reaches
    both rules, and the faint mask joins it through them to strokes of the rows above and
    below into a candidate long enough to be judged row by row. Its two outer pieces are
    print; the one row left is a stroke with its character's bars beside it, not a rule:
    the row keeps its two cells."""
    dpi = 200.0
    px = dpi / 72
    image = np.full((round(120 * px), round(300 * px)), 255, np.uint8)

    def box(x0: float, y0: float, x1: float, y1: float) -> None:
        image[round(y0 * px) : round(y1 * px), round(x0 * px) : round(x1 * px)] = 0

    for y in (20, 50, 62, 90):
        box(20, y, 280, y + 1)
    for x in (20, 200, 279):
        box(x, 20, x + 1, 91)
    box(100, 35, 101, 75)  # the stroke, from the row above to the row below
    for y in (52.5, 55.5, 58.5):  # the bars of its character, on its right
        box(101, y, 108, y + 0.8)
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    tight = [c for c in table if 50 < (c[1] + c[3]) / 2 < 62]
    assert sorted(round(c[0] / 10) * 10 for c in tight) == [20, 200]


def test_strokes_stacked_through_tight_rows_with_print_beside_in_each_are_not_a_rule() -> None:
    """Three tight label rows (其他处理, 总计, 四、结转… of a generated scan's 表三) print a
    character's stroke at the same x from rule to rule, with the character's other strokes
    standing against it in every row: one component of the vertical mask, wider on average
    than a rule. Its longest run of columns is long enough to cross rows but never stands
    alone for a row's height: print, not a column rule that print widened. The rows keep
    their two cells."""
    dpi = 200.0
    px = dpi / 72
    image = np.full((round(110 * px), round(300 * px)), 255, np.uint8)

    def box(x0: float, y0: float, x1: float, y1: float) -> None:
        image[round(y0 * px) : round(y1 * px), round(x0 * px) : round(x1 * px)] = 0

    borders = (20, 34, 48, 62, 76, 90)
    for y in borders:
        box(20, y, 280, y + 1)
    for x in (20, 200, 279):
        box(x, 20, x + 1, 91)
    box(120, 34, 121, 77)  # the strokes, stacked from rule to rule through three rows
    for top, left in zip(borders[1:4], (115, 121, 115), strict=True):
        box(left, top + 2.5, left + 5, top + 12)  # the other strokes of each row's character
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    tight = [c for c in table if 34 < (c[1] + c[3]) / 2 < 76]
    assert sorted(round(c[0] / 10) * 10 for c in tight) == [20, 20, 20, 200, 200, 200]


def test_a_row_piece_a_chain_of_0s_leaves_alone_is_judged_as_a_short_candidate() -> None:
    """The tight 0s of the test above, but the last row's 0 in the middle column is set
    taller: its sides run into both rules there (a generated scan's 属于行政查询事项 row,
    where the scan's grey closed the gaps). The rows above are print chained through the
    rules and go; the one row piece left is the side of a 0, with the 0's bars beside it,
    not a rule: the row keeps one cell per column."""
    dpi = 200.0
    px = dpi / 72
    image, columns = _tight_zeros(dpi)
    pitch, top = 32, round(30 * px)
    upper = top + pitch * 9  # the last value row
    cx = round((columns[2] + columns[3]) / 2 * px)
    for side in (slice(cx - 6, cx - 3), slice(cx + 4, cx + 7)):
        image[upper + 3 : upper + pitch, side] = 0
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    assert len(table) == 10 * (len(columns) - 1)
    last = [c for c in table if c[1] > (upper - 2) / px]
    assert sorted(round(c[0] / 10) * 10 for c in last) == columns[:-1]


def test_a_short_rule_overshooting_a_rule_by_a_stroke_of_print_is_still_a_rule() -> None:
    """A column rule through two tight rows only (1.属于国家秘密 / 2.其他… beside (三)不予公开
    in a generated scan's 表三), too short to be judged row by row: a stroke of the row
    above stands on the rule across its top and runs on into it, so the candidate starts
    above that rule, with the stroke's character beside it. The part past the rule is
    print; the rule from rule to rule is kept and the two rows keep their cells."""
    dpi = 200.0
    px = dpi / 72
    image = np.full((round(120 * px), round(300 * px)), 255, np.uint8)

    def box(x0: float, y0: float, x1: float, y1: float) -> None:
        image[round(y0 * px) : round(y1 * px), round(x0 * px) : round(x1 * px)] = 0

    for y in (20, 50, 74):
        box(20, y, 280, y + 1)
    box(150, 62, 280, 63)  # the rule between the two sub-rows, right of the column rule
    for x in (20, 279):
        box(x, 20, x + 1, 75)
    box(150, 50, 151, 75)  # the column rule, two rows tall
    box(150, 44, 151, 50)  # a stroke of the row above standing on the rule at 50
    box(143, 45.5, 149, 46.3)  # … with the other strokes of its character beside it
    box(152, 47, 158, 47.8)
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    tight = sorted(
        (round(c[0] / 10) * 10, round(c[1])) for c in table if 49 < (c[1] + c[3]) / 2 < 75
    )
    assert tight == [(20, 51), (150, 51), (150, 62)]


def test_strokes_side_by_side_with_no_rule_among_them_are_not_a_rule() -> None:
    """A column of 0s through eight tight value rows (a generated scan's 表三): the 0s' two
    sides run from rule to rule, and the first 0, its counter filled by the scan's grey,
    is a blot that joins them into one component of the vertical mask, wider than a rule
    but hardly thicker on average. No single straight run of columns stands in it: it is
    print, not a rule at its middle, and the value rows keep one cell each."""
    dpi = 200.0
    px = dpi / 72
    image = np.full((round(160 * px), round(300 * px)), 255, np.uint8)
    borders = [round(y * px) for y in (20, *range(50, 147, 12))]
    for y in borders:
        image[y : y + 3, round(20 * px) : round(280 * px)] = 0
    for x in (20, 150, 280):
        image[borders[0] : borders[-1] + 3, round(x * px) : round(x * px) + 3] = 0
    cx = round(215 * px)
    image[borders[1] : borders[1] + 27, cx - 12 : cx + 12] = 0  # the filled 0
    for side in (slice(cx - 12, cx - 10), slice(cx + 10, cx + 12)):
        image[borders[1] : borders[-1], side] = 0  # the 0s' sides, rule to rule
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    assert sorted({round(c[0] / 10) * 10 for c in table}) == [20, 150]
    assert len(table) == 2 * 9


def test_a_stroke_continuing_a_rule_into_a_row_across_it_is_not_that_rule() -> None:
    """A column rule ends at a row that spans both its columns ((六)其他处理 under the
    (五)不予处理 block of a generated scan's 表三), and the left stroke of 他 in that tight
    row stands on the rule's end: one candidate with the rule, ending a little short of
    the rule under the row (within the snapping distance). A rule runs into the rules it
    meets; the stroke stops short: the row keeps its one cell. (The table goes on below,
    so its sides do not end there as a table cut by the page would.)"""
    dpi = 200.0
    px = dpi / 72
    image = np.full((round(120 * px), round(300 * px)), 255, np.uint8)

    def box(x0: float, y0: float, x1: float, y1: float) -> None:
        image[round(y0 * px) : round(y1 * px), round(x0 * px) : round(x1 * px)] = 0

    for y in (20, 40, 60, 80, 94, 108):
        box(20, y, 280, y + 1)
    for x in (20, 279):
        box(x, 20, x + 1, 109)
    box(150, 20, 151, 81)  # the column rule, three rows tall
    box(150, 81, 151, 92.2)  # the stroke, from the rule at 80 to 2 points short of 94
    for y in (83, 86.5, 90):  # the other strokes of its character, on its right
        box(153, y, 160, y + 0.8)
    _, ink, faint, _ = deskew(image, dpi)
    [table] = table_cells(find_rules(faint, ink, dpi).edges)
    spanning = [c for c in table if 79 < c[1] < 90]
    assert len(spanning) == 1
    assert round(spanning[0][0] / 10) * 10 == 20
    assert len([c for c in table if c[1] < 79]) == 6


def _ruled_page(width: float, height: float) -> tuple[np.ndarray, object]:
    dpi = 200.0
    px = dpi / 72
    image = np.full((round(height * px), round(width * px)), 255, np.uint8)

    def box(x0: float, y0: float, x1: float, y1: float) -> None:
        image[round(y0 * px) : round(y1 * px), round(x0 * px) : round(x1 * px)] = 0

    return image, box


def test_a_long_rule_blotted_by_print_in_the_row_above_it_is_judged_by_its_own_columns() -> None:
    """A header row spans both columns of the rows below (未经复议直接起诉 above 表四's
    result columns in a generated scan), and a character of it stands against the top of
    the column rule, filling the row: rule and print are one component, widened over the
    row only, so its mean thickness hardly shows it. Judged at its middle with the width
    of the print, the rule ran up through the header row and split it (and a rule too
    thick on average for the page was thrown away: 表四 lost). The rule is the run of
    columns standing alone below the row; the print beside it there is no rule."""
    image, box = _ruled_page(300, 100)
    for y in (20, 38, 60, 80):
        box(20, y, 280, y + 1.4)
    for x in (20, 278.6):
        box(x, 20, x + 1.4, 81.4)
    box(150, 38, 151.4, 81.4)  # the column rule, under the header row
    box(147.5, 21.4, 153, 38)  # print against its top, filling the header row
    _, ink, faint, _ = deskew(image, 200.0)
    [table] = table_cells(find_rules(faint, ink, 200.0).edges)
    header = [c for c in table if c[1] < 30]
    assert len(header) == 1 and header[0][0] < 25 and header[0][2] > 275
    assert sorted(round(c[0]) for c in table if c[1] > 30) == [21, 21, 151, 151]


def test_a_rule_with_print_standing_on_its_end_in_the_row_below_is_still_a_rule() -> None:
    """A one-row part of 表二 (行政强制 | 2 | 0 | 84) above a row spanning the table (第二十条
    第（八）项): a character of that row stands against the bottom of a column rule, its
    strokes running on past the rule across the rule's end for most of the row. The
    print is no rule (joined by the rest of its character from the side, and it stops
    short of the next rule); the rule is still one from rule to rule: the row keeps its
    two cells ("2 | 0" was read as one cell "120" and the row was lost)."""
    image, box = _ruled_page(300, 80)
    for y in (20, 34, 48):
        box(20, y, 280, y + 1.4)
    for x in (20, 278.6):
        box(x, 20, x + 1.4, 49.4)
    box(150, 20, 151.4, 35)  # the column rule, one row tall
    box(147.5, 35.4, 152.5, 45)  # print standing on its end, in the row below
    _, ink, faint, _ = deskew(image, 200.0)
    [table] = table_cells(find_rules(faint, ink, 200.0).edges)
    top = sorted(round(c[0]) for c in table if c[1] < 30)
    assert top == [21, 151]
    assert len([c for c in table if 30 < c[1] < 45]) == 1
