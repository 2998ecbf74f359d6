"""Scanned copies have no text layer; borderless DOCX tables have no inner rules."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from pathlib import Path

import pypdfium2 as pdfium
from docx import Document
from docx.oxml.ns import qn

from reportextract.synth.render_docx import BORDERS_NONE, BORDERS_OUTER, build_docx
from reportextract.synth.report import build_report
from reportextract.synth.scan import scan_pdf

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "samples"


def _text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def test_bundled_scans_have_pages_but_no_text() -> None:
    scans = sorted(CORPUS.glob("*-scan.pdf"))
    assert len(scans) == 2
    for path in scans:
        data = path.read_bytes()
        assert len(pdfium.PdfDocument(data)) >= 2
        assert _text(data).strip() == ""
        assert len(data) < 600_000


def test_scan_of_a_text_pdf_keeps_the_page_count_and_drops_the_text() -> None:
    source = next(
        p for p in sorted(CORPUS.glob("*.pdf")) if re.fullmatch(r"synth-\d+-\d{5}", p.stem)
    )
    original = source.read_bytes()
    assert "政府信息公开" in _text(original)
    stamp = dt.datetime(2024, 1, 5, 9, 30)
    scanned, notes = scan_pdf(original, random.Random(3), stamp)
    assert len(pdfium.PdfDocument(scanned)) == len(pdfium.PdfDocument(original))
    assert _text(scanned).strip() == ""
    assert scanned == scan_pdf(original, random.Random(3), stamp)[0]
    assert "no text layer" in notes[0]


def test_borderless_docx_tables_have_no_inner_rules() -> None:
    report = build_report(61, 0)
    for mode in (BORDERS_NONE, BORDERS_OUTER):
        document = Document(io.BytesIO(build_docx(report, borders=mode)))
        for table in document.tables:
            borders = table._tbl.tblPr.find(qn("w:tblBorders"))
            values = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
            assert values["insideH"] == values["insideV"] == "nil"
            assert values["top"] == ("nil" if mode == BORDERS_NONE else "single")
            assert table.style is None or table.style.name != "Table Grid"
