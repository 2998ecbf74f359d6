"""Where a PDF page places its pictures, and which may be tables (no OCR needed here).

Only the page's object list and its text layer are asked: a page without pictures costs
one pass over its objects (the same pass that told a scan before). A picture is a
candidate when it is big enough to hold a table (wider than two inches, taller than
two rows), the page's text layer does not already print text over it (a letterhead or
a watermark behind text) and no ruled table of the text layer covers it.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ...layout import BBox

MIN_WIDTH_PT = 144.0
MIN_HEIGHT_PT = 28.0
# Text-layer characters over a picture that say the text is printed, not pictured.
MAX_TEXT_OVER = 12
_TOUCH_PT = 2.0


def picture_boxes(page: pdfium.PdfPage, height: float) -> list[BBox]:
    """The boxes (points, origin top-left) of the pictures a page draws; strips of one
    picture drawn side by side or one under another are one box. A picture inside a
    form XObject counts by the form's box. (pdfium's object list is walked directly: a
    page without pictures must cost no more than telling a scan did.)"""
    boxes: list[BBox] = []
    raw = page.raw
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE or (
            kind == pdfium_c.FPDF_PAGEOBJ_FORM and _holds_image(obj, 3)
        ):
            left, bottom, right, top = _bounds(obj)
            boxes.append((left, height - top, right, height - bottom))
    return _merged(boxes)


def _holds_image(form: object, depth: int) -> bool:
    for index in range(max(0, pdfium_c.FPDFFormObj_CountObjects(form))):
        child = pdfium_c.FPDFFormObj_GetObject(form, index)
        kind = pdfium_c.FPDFPageObj_GetType(child)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE or (
            kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 1 and _holds_image(child, depth - 1)
        ):
            return True
    return False


def _bounds(obj: object) -> tuple[float, float, float, float]:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(
        obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    )
    return left.value, bottom.value, right.value, top.value


def _merged(boxes: list[BBox]) -> list[BBox]:
    merged = list(boxes)
    changed = True
    while changed:
        changed = False
        for i in range(len(merged)):
            for j in range(i + 1, len(merged)):
                if _touch(merged[i], merged[j]):
                    a, b = merged[i], merged[j]
                    merged[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del merged[j]
                    changed = True
                    break
            if changed:
                break
    return sorted(merged, key=lambda b: (b[1], b[0]))


def _touch(a: BBox, b: BBox) -> bool:
    return (
        a[0] - _TOUCH_PT <= b[2]
        and b[0] - _TOUCH_PT <= a[2]
        and a[1] - _TOUCH_PT <= b[3]
        and b[1] - _TOUCH_PT <= a[3]
    )


def table_sized(box: BBox) -> bool:
    return box[2] - box[0] >= MIN_WIDTH_PT and box[3] - box[1] >= MIN_HEIGHT_PT


def picture_candidates(
    boxes: list[BBox], textpage: pdfium.PdfTextPage, height: float, tables: list[BBox]
) -> list[BBox]:
    """The pictures of a page that may be tables printed as pictures."""
    out = []
    for box in boxes:
        if not table_sized(box) or any(_covers(table, box) for table in tables):
            continue
        x0, top, x1, bottom = box
        over = textpage.get_text_bounded(
            left=x0, bottom=height - bottom, right=x1, top=height - top
        )
        if sum(1 for ch in over if not ch.isspace()) > MAX_TEXT_OVER:
            continue
        out.append(box)
    return out


def _covers(table: BBox, box: BBox) -> bool:
    """A ruled table of the text layer lies over most of the picture."""
    width = min(table[2], box[2]) - max(table[0], box[0])
    height = min(table[3], box[3]) - max(table[1], box[1])
    if width <= 0 or height <= 0:
        return False
    return width * height >= 0.5 * (box[2] - box[0]) * (box[3] - box[1])
