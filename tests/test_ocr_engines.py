"""Recognition runs on onnxruntime, or on OpenVINO when asked; both read the same lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pypdfium2 as pdfium
import pytest

from conftest import real_doc
from reportextract.errors import ConfigurationError, MissingDependency
from reportextract.readers.ocr import engine, read_page_image, render_page
from reportextract.readers.ocr.recognise import Recogniser

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")
openvino = pytest.importorskip("openvino")


@pytest.fixture
def fresh_models():
    engine.recognition_model.cache_clear()
    yield
    engine.recognition_model.cache_clear()


def _line_crops() -> list[np.ndarray]:
    """Cell and narrative line images of a real page, as the page reader cuts them."""
    pdf = pdfium.PdfDocument(real_doc("huaian-hongze-2023.pdf"))
    try:
        image = render_page(pdf, 2, 150)
    finally:
        pdf.close()
    crops: list[np.ndarray] = []

    class Keep(Recogniser):
        def read(self, images):  # type: ignore[no-untyped-def]
            crops.extend(images)
            return super().read(images)

    read_page_image(image, 3, 150, Keep(engine.RecognitionModel(engine.model_files().recognition)))
    return crops


def test_the_engine_is_chosen_by_environment(
    monkeypatch: pytest.MonkeyPatch, fresh_models: None
) -> None:
    monkeypatch.delenv("REPORTEXTRACT_OCR_ENGINE", raising=False)
    assert engine.engine_name() == "onnxruntime"
    assert engine.recognition_model().engine == "onnxruntime"
    assert engine.describe() == "onnxruntime f32"
    engine.recognition_model.cache_clear()
    monkeypatch.setenv("REPORTEXTRACT_OCR_ENGINE", "openvino")
    assert engine.recognition_model().engine == "openvino"
    assert engine.describe() in ("openvino bf16", "openvino f32")
    monkeypatch.setenv("REPORTEXTRACT_OCR_ENGINE", "tesseract")
    with pytest.raises(ConfigurationError, match="REPORTEXTRACT_OCR_ENGINE='tesseract'"):
        engine.engine_name()


def test_openvino_asked_for_but_not_installed_is_a_missing_dependency(
    monkeypatch: pytest.MonkeyPatch, fresh_models: None
) -> None:
    import sys

    monkeypatch.setenv("REPORTEXTRACT_OCR_ENGINE", "openvino")
    monkeypatch.setitem(sys.modules, "openvino", None)
    with pytest.raises(MissingDependency, match="openvino"):
        engine.recognition_model()


def test_openvino_in_float32_gives_onnxruntimes_readings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crops = _line_crops()
    assert len(crops) > 50
    path = engine.model_files().recognition
    monkeypatch.setenv("REPORTEXTRACT_OCR_PRECISION", "f32")
    vino = engine.OpenVinoRecognitionModel(path)
    vino.width_step = 1  # the same padding and batches on both sides
    vino.batch_pixels = engine.RecognitionModel.batch_pixels
    onnx = engine.RecognitionModel(path)
    assert vino.precision == "f32"
    assert vino.characters == onnx.characters
    for (i, a), (j, b) in zip(
        Recogniser(onnx).probabilities(crops), Recogniser(vino).probabilities(crops), strict=True
    ):
        assert i == j
        assert np.array_equal(a.argmax(axis=1), b.argmax(axis=1))
        assert np.allclose(a, b, atol=1e-3)


def test_openvino_at_its_default_precision_reads_the_same_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """bfloat16 where the CPU has it: every number of the page's tables as onnxruntime
    reads it, and nearly every line's text the same."""
    crops = _line_crops()
    path = engine.model_files().recognition
    monkeypatch.delenv("REPORTEXTRACT_OCR_PRECISION", raising=False)
    vino = Recogniser(engine.OpenVinoRecognitionModel(path)).read(crops)
    onnx = Recogniser(engine.RecognitionModel(path)).read(crops)
    numbers = [(a.text, b.text) for a, b in zip(onnx, vino, strict=True) if a.numeric]
    assert len(numbers) > 20
    assert all(a == b for a, b in numbers)
    same = sum(a.text == b.text for a, b in zip(onnx, vino, strict=True))
    assert same >= 0.97 * len(crops)


def test_the_compiled_model_is_kept_in_the_cache_folder_and_reads_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    path = engine.model_files().recognition
    batch = np.random.default_rng(0).uniform(-1, 1, (2, 3, 48, 160)).astype(np.float32)
    monkeypatch.setenv("REPORTEXTRACT_CACHE", "off")
    uncached = engine.OpenVinoRecognitionModel(path)(batch)
    monkeypatch.setenv("REPORTEXTRACT_CACHE", str(tmp_path))
    first = engine.OpenVinoRecognitionModel(path)
    blobs = list((tmp_path / "openvino").glob("*.blob"))
    assert len(blobs) == 1
    second = engine.OpenVinoRecognitionModel(path)
    assert np.array_equal(first(batch), uncached)
    assert np.array_equal(second(batch), uncached)
    # a cache folder that cannot be made: compiled without it
    monkeypatch.setenv("REPORTEXTRACT_CACHE", str(tmp_path / "file" / "below"))
    (tmp_path / "file").write_text("not a folder")
    assert np.array_equal(engine.OpenVinoRecognitionModel(path)(batch), uncached)


def test_computing_in_16_bits_openvino_maps_float16_weights_kept_in_the_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    path = engine.model_files().recognition
    monkeypatch.setenv("REPORTEXTRACT_CACHE", str(tmp_path))
    monkeypatch.setenv("REPORTEXTRACT_OCR_PRECISION", "f32")
    assert engine.OpenVinoRecognitionModel(path).precision == "f32"
    assert not list((tmp_path / "openvino").glob("*.xml"))  # float32: the ONNX file itself
    monkeypatch.setenv("REPORTEXTRACT_OCR_PRECISION", "bf16")
    model = engine.OpenVinoRecognitionModel(path)
    (xml,) = (tmp_path / "openvino").glob("*-f16-*.xml")
    assert xml.with_suffix(".bin").stat().st_size < 0.55 * path.stat().st_size
    assert engine.OpenVinoRecognitionModel(path).characters == model.characters
    assert len(list((tmp_path / "openvino").glob("*.xml"))) == 1  # written once
    assert not list((tmp_path / "openvino").glob(".ir-*"))  # no scratch left


def test_with_openvino_chosen_a_scan_is_read_without_onnxruntime() -> None:
    """One inference runtime per process: detection runs on OpenVINO too, and finds the
    same lines as on onnxruntime (nearly every box within 3 pixels of one of its boxes)."""
    script = """
import json, sys
import pypdfium2 as pdfium
from reportextract.readers.ocr import engine, render_page
from reportextract.readers.ocr.preprocess import to_gray
pdf = pdfium.PdfDocument(sys.argv[1])
image = to_gray(render_page(pdf, 2, 150))
boxes = engine.detection_model().boxes(image)
engine.ensure_available()
print(json.dumps({"onnxruntime": "onnxruntime" in sys.modules, "boxes": boxes}))
"""
    found = {}
    for name in ("openvino", "onnxruntime"):
        done = subprocess.run(
            [sys.executable, "-c", script, str(real_doc("huaian-hongze-2023.pdf"))],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "REPORTEXTRACT_OCR_ENGINE": name},
        )
        found[name] = json.loads(done.stdout.splitlines()[-1])
    assert found["openvino"]["onnxruntime"] is False
    assert found["onnxruntime"]["onnxruntime"] is True
    vino, onnx = found["openvino"]["boxes"], found["onnxruntime"]["boxes"]
    assert len(onnx) > 20
    matched = [
        a
        for a in vino
        if any(max(abs(p - q) for p, q in zip(a, b, strict=True)) <= 3 for b in onnx)
    ]
    assert len(matched) >= 0.95 * len(onnx), (len(matched), len(vino), len(onnx))


def test_pages_are_read_from_their_gray_render() -> None:
    from reportextract.readers.ocr.pdfpages import render_gray
    from reportextract.readers.ocr.preprocess import to_gray

    pdf = pdfium.PdfDocument(real_doc("huaian-hongze-2023.pdf"))
    try:
        gray, colour = render_gray(pdf, 2, 150), render_page(pdf, 2, 150)
    finally:
        pdf.close()
    assert gray.ndim == 2 and gray.flags.c_contiguous
    assert np.array_equal(gray, to_gray(colour))


def test_the_character_list_is_read_from_the_model_once_then_from_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    """A process building the OpenVINO model does not parse the ONNX file for its
    characters when an earlier process kept them."""
    path = engine.model_files().recognition

    class Unreadable:
        def read_model(self, _path: str) -> None:
            raise AssertionError("the model was read again")

    monkeypatch.setenv("REPORTEXTRACT_CACHE", str(tmp_path))
    listed = engine._listed_characters(openvino.Core(), path)
    assert listed is not None and len(listed.splitlines()) > 6000
    assert engine._listed_characters(Unreadable(), path) == listed
    monkeypatch.setenv("REPORTEXTRACT_CACHE", "off")
    with pytest.raises(AssertionError, match="read again"):
        engine._listed_characters(Unreadable(), path)


def test_onednn_keeps_few_primitives_unless_told_otherwise() -> None:
    script = """
import os
from reportextract.readers.ocr import engine
engine._openvino()
print(os.environ.get("ONEDNN_PRIMITIVE_CACHE_CAPACITY"))
"""
    env = {k: v for k, v in os.environ.items() if k != "ONEDNN_PRIMITIVE_CACHE_CAPACITY"}
    for given, expected in ((None, engine._ONEDNN_PRIMITIVES_KEPT), ("500", "500")):
        if given is not None:
            env["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] = given
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
        )
        assert done.stdout.strip() == expected


def test_a_misnamed_engine_fails_each_scan_with_its_own_message(
    monkeypatch: pytest.MonkeyPatch, fresh_models: None
) -> None:
    """Not an internal error: the setting and what it may be; a document without scanned
    pages is read as usual."""
    from pathlib import Path

    from reportextract.pipeline import extract

    monkeypatch.setenv("REPORTEXTRACT_OCR_ENGINE", "bogus")
    samples = Path(__file__).resolve().parent.parent / "corpus" / "samples"
    scan = extract(samples / "synth-276-00002-scan.pdf")
    assert scan.status == "failed"
    assert scan.error is not None and "internal error" not in scan.error
    assert "REPORTEXTRACT_OCR_ENGINE='bogus' is not an OCR engine" in scan.error
    assert "openvino, onnxruntime" in scan.error
    text_pdf = next(p for p in sorted(samples.glob("*.pdf")) if "scan" not in p.name)
    assert extract(text_pdf).status != "failed"


def test_a_scanned_report_records_the_engine_that_read_it(
    monkeypatch: pytest.MonkeyPatch, fresh_models: None
) -> None:
    from pathlib import Path

    from reportextract.dataset.records import report_rows
    from reportextract.pipeline import extract

    monkeypatch.setenv("REPORTEXTRACT_OCR_ENGINE", "onnxruntime")
    samples = Path(__file__).resolve().parent.parent / "corpus" / "samples"
    scan = extract(samples / "synth-276-00002-scan.pdf")
    assert scan.ocr_pages > 0
    assert scan.ocr_engine == "onnxruntime f32"
    assert report_rows(scan)["reports"][0]["ocr_engine"] == "onnxruntime f32"
    text_pdf = next(p for p in sorted(samples.glob("*.pdf")) if "scan" not in p.name)
    assert extract(text_pdf).ocr_engine is None
