"""Pages whose text layer is missing or garbage are sent to OCR; real text is not."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from conftest import real_doc
from reportextract.readers.ocr import page_has_images, page_needs_ocr

CHINESE = "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》编制。" * 3


def test_a_chinese_text_layer_is_used_as_it_is() -> None:
    assert not page_needs_ocr(CHINESE, has_images=True)
    assert not page_needs_ocr(CHINESE, has_images=False)


def test_a_scanned_page_with_no_text_or_only_a_page_number_goes_to_ocr() -> None:
    assert page_needs_ocr("", has_images=True)
    assert page_needs_ocr("  - 3 -  \r\n", has_images=True)


def test_a_blank_page_without_images_is_not_read_by_ocr() -> None:
    assert not page_needs_ocr("", has_images=False)


@pytest.mark.parametrize(
    "garbage",
    [
        "(cid:1234)(cid:88)(cid:301) " * 20,
        "\ufffd" * 60,
        "".join(chr(0xE000 + i) for i in range(60)),
        "".join(chr(c) for c in (1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17)) * 5,
    ],
    ids=["cid", "replacement", "private-use", "control"],
)
def test_unmapped_glyphs_send_the_page_to_ocr(garbage: str) -> None:
    assert page_needs_ocr(garbage, has_images=False)
    assert page_needs_ocr(CHINESE[:10] + garbage, has_images=True)


def test_latin_mojibake_where_a_chinese_report_has_chinese_goes_to_ocr() -> None:
    mojibake = "ÄÚ¸ÃÈËÃñÕþ¸®ÐÅÏ¢¹«¿ª¹¤×÷Äê¶È±¨¸æ" * 3
    assert page_needs_ocr(mojibake, has_images=False)


def test_pages_of_a_real_text_pdf_keep_their_text_layer() -> None:
    pdf = pdfium.PdfDocument(real_doc("huaian-hongze-2023.pdf"))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            assert not page_needs_ocr(text, page_has_images(page))
    finally:
        pdf.close()
