"""The generator's "tables as pictures" documents: the tables leave the text layer for
pictures of themselves at their place; the running text stays text."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile

import pypdfium2 as pdfium
import pytest

from conftest import real_doc
from reportextract.synth.pictures import (
    docx_with_table_pictures,
    html_with_table_pictures,
    pdf_with_table_pictures,
    table_regions,
)

TABLE_LABEL = "本年新收政府信息公开申请数量"


def _text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    return re.sub(r"\s+", "", "".join(pages))


def _images(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return sum(
            1
            for i in range(len(document))
            for obj in document[i].get_objects()
            if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE
        )
    finally:
        document.close()


def test_a_pdfs_tables_become_pictures_and_its_text_stays():
    original = real_doc("huaian-city-2024.pdf").read_bytes()
    rebuilt = pdf_with_table_pictures(original)
    regions = [box for page in table_regions(original) for box in page]
    assert TABLE_LABEL in _text(original) and TABLE_LABEL not in _text(rebuilt)
    assert "三、收到和处理政府信息公开申请情况" in _text(rebuilt)
    assert "全市共受理政府信息公开申请3119件" in _text(rebuilt)
    assert _images(rebuilt) == len(regions) == 5


def test_a_word_file_and_a_web_page_show_one_picture_per_table_part():
    original = real_doc("huaian-city-2024.pdf").read_bytes()
    with zipfile.ZipFile(io.BytesIO(docx_with_table_pictures(original))) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        body = package.read("word/document.xml").decode("utf-8")
    assert len(media) == 5 and body.count("<pic:pic") == 5
    assert TABLE_LABEL not in body and "一、总体情况" in body
    page, files = html_with_table_pictures(original)
    assert sorted(files) == [f"images/table-{k}.png" for k in range(1, 6)]
    assert page.decode("utf-8").count("<img ") == 5


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_generator_makes_reports_with_table_pictures(tmp_path):
    from reportextract.synth.corpus import generate_corpus

    [document] = generate_corpus(tmp_path, 1, 22, formats=["pictures"], progress=None)
    assert document.path.name.endswith("-pictures.pdf")
    truth = json.loads(document.truth.read_text(encoding="utf-8"))
    assert truth["style"] == "synth-pictures" and truth["format"] == "pdf"
    data = document.path.read_bytes()
    assert _images(data) >= 3 and TABLE_LABEL not in _text(data)
    assert "政府信息公开" in _text(data)
