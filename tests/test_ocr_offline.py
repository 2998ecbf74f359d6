"""OCR runs with the models shipped in the rapidocr wheel: no network, no download."""

from __future__ import annotations

import socket

import pypdfium2 as pdfium
import pytest

from conftest import real_doc
from reportextract.readers.ocr import engine, read_page_image, render_page
from reportextract.readers.ocr.recognise import Recogniser

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")


def test_a_page_is_read_with_the_network_down_and_no_download(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network is off in this test")

    def no_download(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model download was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from rapidocr.utils.download_file import DownloadFile

    monkeypatch.setattr(DownloadFile, "run", no_download)
    engine.recognition_model.cache_clear()
    engine.detection_model.cache_clear()

    files = engine.model_files()
    assert files.recognition.exists() and files.detection.exists()
    pdf = pdfium.PdfDocument(real_doc("huaian-hongze-2023.pdf"))
    try:
        image = render_page(pdf, 2, 150)
    finally:
        pdf.close()
    page = read_page_image(image, 3, 150, Recogniser())
    texts = [cell.text for grid in page.items if hasattr(grid, "cells") for cell in grid.cells]
    assert "7730.28" in texts
    assert any("行政事业性收费" in text for text in texts)
    # the detector (used for irregular regions) loads from the wheel too
    assert engine.detection_model().boxes(image[:400, :]) is not None


def test_onnxruntime_runs_single_threaded_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REPORTEXTRACT_OCR_THREADS", raising=False)
    assert engine.threads() == 1
    monkeypatch.setenv("REPORTEXTRACT_OCR_THREADS", "2")
    assert engine.threads() == 2
