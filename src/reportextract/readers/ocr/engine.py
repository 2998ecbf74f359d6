"""The OCR models: RapidOCR's PP-OCR ONNX files, run offline by onnxruntime.

The `rapidocr` wheel ships its detection and recognition models; we load those files
by path, so no model is ever downloaded. Both packages are an optional extra: without
them a scanned page raises `MissingDependency` with the command that installs them.
onnxruntime and OpenCV run single-threaded by default (``REPORTEXTRACT_OCR_THREADS``
overrides), so that a process pool of documents uses the cores, not each page.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import MissingDependency
from .extra import INSTALL_HINT

if TYPE_CHECKING:
    import onnxruntime

REC_HEIGHT = 48
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class ModelFiles:
    detection: Path
    recognition: Path


def threads() -> int:
    """Threads of onnxruntime and OpenCV in OCR (``REPORTEXTRACT_OCR_THREADS``, default 1)."""
    try:
        return max(1, int(os.environ.get("REPORTEXTRACT_OCR_THREADS", "1")))
    except ValueError:
        return 1


def model_files() -> ModelFiles:
    """The detection and recognition models inside the installed rapidocr package."""
    try:
        import rapidocr
    except ImportError as exc:
        raise MissingDependency(
            f"this page is a scan without a text layer; OCR needs {INSTALL_HINT}"
        ) from exc
    folder = Path(rapidocr.__file__).resolve().parent / "models"
    detection = sorted(folder.glob("*det*.onnx"))
    recognition = sorted(folder.glob("*rec*.onnx"))
    if not detection or not recognition:
        raise MissingDependency(
            f"the installed rapidocr has no bundled models in {folder}; reinstall {INSTALL_HINT}"
        )
    return ModelFiles(detection[-1], recognition[-1])


def _session(path: Path) -> onnxruntime.InferenceSession:
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise MissingDependency(
            f"this page is a scan without a text layer; OCR needs {INSTALL_HINT}"
        ) from exc
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads()
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class RecognitionModel:
    """PP-OCR text-line recognition: a (batch, 3, 48, width) image → per-step class probabilities."""

    def __init__(self, path: Path) -> None:
        self.session = _session(path)
        self.input_name = self.session.get_inputs()[0].name
        meta = self.session.get_modelmeta().custom_metadata_map
        if "character" not in meta:
            raise MissingDependency(f"the recognition model {path.name} carries no character list")
        # CTC convention of PP-OCR: class 0 is the blank, the last class a space.
        self.characters: list[str] = ["", *meta["character"].splitlines(), " "]
        self.index = {ch: i for i, ch in enumerate(self.characters) if ch}

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        with _lock:
            out: Any = self.session.run(None, {self.input_name: batch})[0]
        return np.asarray(out, dtype=np.float32)


class DetectionModel:
    """RapidOCR's text detector (DB) on a whole image: quadrilateral boxes of text lines."""

    def __init__(self, path: Path) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:
            raise MissingDependency(f"OCR needs {INSTALL_HINT}") from exc
        files = model_files()
        self.engine = RapidOCR(
            params={
                "Global.log_level": "error",
                "Global.use_cls": False,
                "Det.model_path": str(path),
                "Det.limit_type": "max",
                "Det.limit_side_len": 1600,
                "Rec.model_path": str(files.recognition),
                "EngineConfig.onnxruntime.intra_op_num_threads": threads(),
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
        )

    def boxes(self, image: np.ndarray) -> list[tuple[int, int, int, int]]:
        """Axis-aligned boxes (x0, y0, x1, y1) of the text lines found in a grayscale image."""
        rgb = np.repeat(image[:, :, None], 3, axis=2) if image.ndim == 2 else image
        with _lock:
            result: Any = self.engine(rgb, use_det=True, use_cls=False, use_rec=False)
        found = getattr(result, "boxes", None)
        if found is None:
            return []
        out = []
        for quad in np.asarray(found):
            xs, ys = quad[:, 0], quad[:, 1]
            out.append(
                (int(xs.min()), int(ys.min()), int(np.ceil(xs.max())), int(np.ceil(ys.max())))
            )
        return out


@cache
def recognition_model() -> RecognitionModel:
    return RecognitionModel(model_files().recognition)


@cache
def detection_model() -> DetectionModel:
    return DetectionModel(model_files().detection)


def _forget_models() -> None:
    """A forked child builds its own sessions: onnxruntime's are not safe to share across fork."""
    recognition_model.cache_clear()
    detection_model.cache_clear()


os.register_at_fork(after_in_child=_forget_models)


def ensure_available() -> None:
    """Raise `MissingDependency` now, before any page is rendered, if OCR cannot run."""
    model_files()
    try:
        import cv2  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        raise MissingDependency(
            f"this document is a scan without a text layer; OCR needs {INSTALL_HINT}"
        ) from exc
