"""JPEG, PNG and TIFF files are read by OCR into a Layout, one page per frame."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image

from conftest import real_doc
from reportextract.errors import CorruptDocument, EmptyDocument
from reportextract.readers import read_layout, sniff_format
from reportextract.readers.image import read_image

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")


def _page(index: int, dpi: int) -> Image.Image:
    pdf = pdfium.PdfDocument(real_doc("huaian-hongze-2023.pdf"))
    try:
        return pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()


def test_a_png_page_becomes_a_layout_with_its_table() -> None:
    out = io.BytesIO()
    _page(2, 150).save(out, format="PNG", dpi=(150, 150))
    data = out.getvalue()
    assert sniff_format(data, "page.png") == "image"
    layout = read_layout(data, "page.png")
    assert layout.format == "image"
    assert [p.number for p in layout.pages] == [1] and layout.pages[0].ocr
    assert abs((layout.pages[0].width or 0) - 595) < 2  # points, from the stated 150 dpi
    texts = {c.text for g in layout.grids for c in g.cells}
    assert {"4119", "195", "7730.28", "21"} <= texts


def test_a_multi_page_tiff_gives_a_page_per_frame_and_a_jpeg_without_dpi_is_taken_as_a4() -> None:
    frames = [_page(0, 120), _page(4, 120)]
    out = io.BytesIO()
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:])
    layout = read_image(out.getvalue())
    assert [p.number for p in layout.pages] == [1, 2]
    text = "".join(b.text for b in layout.narrative_blocks())
    assert "政府信息公开工作年度报告" in text and "其他需要报告的事项" in text

    jpeg = io.BytesIO()
    frames[0].save(jpeg, format="JPEG", quality=85)
    page = read_image(jpeg.getvalue()).pages[0]
    assert abs((page.width or 0) - 595) < 3


def test_broken_image_files_are_document_errors() -> None:
    with pytest.raises(EmptyDocument):
        read_image(b"")
    with pytest.raises(CorruptDocument):
        read_image(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
