"""Without the OCR extra a scanned document fails with a clear MissingDependency."""

from __future__ import annotations

import io
import sys

import pytest
from PIL import Image

from reportextract.errors import DocumentError, MissingDependency
from reportextract.readers.image import read_image
from reportextract.readers.ocr import engine, ensure_available, ocr_layout


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch):
    def hide(module: str) -> None:
        monkeypatch.setitem(sys.modules, module, None)  # `import module` now raises ImportError
        engine.recognition_model.cache_clear()
        engine.detection_model.cache_clear()

    yield hide
    engine.recognition_model.cache_clear()
    engine.detection_model.cache_clear()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (200, 300), 255).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("module", ["rapidocr", "onnxruntime"])
def test_missing_ocr_packages_give_missing_dependency(without, module: str) -> None:
    without(module)
    with pytest.raises(MissingDependency, match="rapidocr, onnxruntime"):
        ensure_available()
    with pytest.raises(MissingDependency):
        read_image(_png())


def test_a_scanned_pdf_without_the_extra_is_a_document_error(without) -> None:
    without("rapidocr")
    out = io.BytesIO()
    Image.new("L", (595, 842), 255).save(out, format="PDF", resolution=72)
    with pytest.raises(DocumentError, match="OCR needs"):
        ocr_layout(out.getvalue())


def test_without_opencv_the_ocr_functions_are_missing_dependencies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reportextract.readers.ocr as ocr

    for name in list(sys.modules):
        if name.startswith("reportextract.readers.ocr.") and name.rsplit(".", 1)[1] in (
            "page",
            "pdfpages",
            "preprocess",
            "rules",
            "segment",
            "recognise",
        ):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "cv2", None)
    assert not ocr.page_needs_ocr("正文" * 20, has_images=True)  # the text-layer check still works
    with pytest.raises(MissingDependency, match="opencv"):
        ocr.__getattr__("ocr_layout")
