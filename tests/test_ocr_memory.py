"""The OCR reader's memory: a recognition batch's output is let go before the next batch runs."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")

from reportextract.readers.ocr import recognise
from reportextract.readers.ocr.recognise import Recogniser

_CLASSES = ["", *"0123456789", " "]


class _CountingModel:
    """Reads every line as "7"; counts its calls and the widest batch it was given."""

    def __init__(self) -> None:
        self.characters = _CLASSES
        self.index = {ch: i for i, ch in enumerate(_CLASSES) if ch}
        self.calls = 0
        self.pixels: list[int] = []

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        self.calls += 1
        self.pixels.append(batch.shape[0] * batch.shape[2] * batch.shape[3])  # lines × 48 × width
        steps = batch.shape[3] // 8
        out = np.zeros((batch.shape[0], steps, len(_CLASSES)), dtype=np.float32)
        out[:, :, 0] = 1.0
        out[:, steps // 2, 0] = 0.0
        out[:, steps // 2, self.index["7"]] = 1.0
        return out


def _lines(count: int, width: int) -> list[np.ndarray]:
    return [np.full((40, width), 255, dtype=np.uint8) for _ in range(count)]


def test_probabilities_run_one_batch_at_a_time() -> None:
    model = _CountingModel()
    crops = _lines(40, 900)  # many batches' worth of wide lines
    stream = Recogniser(model).probabilities(crops)  # type: ignore[arg-type]
    next(stream)
    assert model.calls == 1  # the later batches have not run: their output is not held
    assert len(list(stream)) == len(crops) - 1
    assert model.calls > 1


def test_batches_stay_within_the_pixel_bound_and_every_line_is_read() -> None:
    model = _CountingModel()
    crops = _lines(30, 300) + _lines(50, 60)
    readings = Recogniser(model).read(crops)  # type: ignore[arg-type]
    assert [r.text for r in readings] == ["7"] * len(crops)
    assert max(model.pixels) <= recognise._MAX_BATCH_PIXELS
    assert model.calls < len(crops) / 4  # and they are batches, not a call per line
