"""The OCR models: RapidOCR's PP-OCR ONNX files, run offline by OpenVINO or onnxruntime.

The `rapidocr` wheel ships its detection and recognition models; we load those files
by path, so no model is ever downloaded. The packages are an optional extra: without
them a scanned page raises `MissingDependency` with the command that installs them.
The inference engines and OpenCV run single-threaded by default
(``REPORTEXTRACT_OCR_THREADS`` overrides), so that a process pool of documents uses the
cores, not each page.

Recognition — most of a scan's CPU — runs on onnxruntime, or on OpenVINO with
``REPORTEXTRACT_OCR_ENGINE=openvino``. On a CPU with native bfloat16 arithmetic
(AVX512-BF16, AMX) OpenVINO computes in bfloat16 by default: about a quarter less CPU per
scanned page, the same cells on 34 generated scans, but a process reading scans peaks
~130 MB higher (~450 MB against ~320 MB), above the 400 MB a worker may take — hence not
the default. Elsewhere it computes in float32 and reads what onnxruntime reads.
``REPORTEXTRACT_OCR_PRECISION=f32`` keeps float32 everywhere.
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

ENGINES = ("openvino", "onnxruntime")
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


def engine_name() -> str:
    """The recognition engine: ``REPORTEXTRACT_OCR_ENGINE`` (``onnxruntime`` by default)."""
    chosen = os.environ.get("REPORTEXTRACT_OCR_ENGINE", "").strip().lower() or "onnxruntime"
    if chosen not in ENGINES:
        raise ValueError(
            f"REPORTEXTRACT_OCR_ENGINE={chosen!r}: expected one of {', '.join(ENGINES)}"
        )
    return chosen


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
    """PP-OCR text-line recognition: a (batch, 3, 48, width) image → per-step class
    probabilities, on onnxruntime."""

    engine = "onnxruntime"
    # Batch widths are rounded up to a multiple of this (1: not rounded).
    width_step = 1

    def __init__(self, path: Path) -> None:
        self.session = _session(path)
        self.input_name = self.session.get_inputs()[0].name
        meta = self.session.get_modelmeta().custom_metadata_map
        self.characters = _characters(path, meta.get("character"))
        self.index = {ch: i for i, ch in enumerate(self.characters) if ch}

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        with _lock:
            out: Any = self.session.run(None, {self.input_name: batch})[0]
        return np.asarray(out, dtype=np.float32)


class OpenVinoRecognitionModel(RecognitionModel):
    """The same model compiled by OpenVINO for this CPU, one inference thread."""

    engine = "openvino"
    # OpenVINO prepares kernels and memory for each input shape it meets and keeps them
    # (a process grew past 1 GB over a few scans): widths in steps of 64 pixels and a
    # small cache of shapes keep a process under 400 MB at the same speed.
    width_step = 64
    _SHAPES_KEPT = 20

    def __init__(self, path: Path) -> None:
        try:
            import openvino as ov
        except ImportError as exc:
            raise MissingDependency(
                f"REPORTEXTRACT_OCR_ENGINE=openvino but openvino is not installed: {exc}"
            ) from exc
        core = ov.Core()
        model = core.read_model(str(path))
        key = ["framework", "character"]
        listed = model.get_rt_info(key).astype(str) if model.has_rt_info(key) else None
        del model  # read for its character list; compiled from the file (or its cache)
        self.characters = _characters(path, listed)
        self.index = {ch: i for i, ch in enumerate(self.characters) if ch}
        config: dict[str, Any] = {
            "INFERENCE_NUM_THREADS": threads(),
            "NUM_STREAMS": 1,
            "PERFORMANCE_HINT": "LATENCY",
            "CPU_RUNTIME_CACHE_CAPACITY": self._SHAPES_KEPT,
        }
        precision = os.environ.get("REPORTEXTRACT_OCR_PRECISION", "").strip().lower()
        if precision:
            config["INFERENCE_PRECISION_HINT"] = precision
        self.compiled = _compile(core, path, config)
        self.precision = self.compiled.get_property("INFERENCE_PRECISION_HINT").to_string()
        self.request = self.compiled.create_infer_request()

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        # The request copies its output (share_outputs=False): the array is ours to keep.
        with _lock:
            out: Any = self.request.infer([np.ascontiguousarray(batch)], share_inputs=True)[0]
        return np.asarray(out, dtype=np.float32)


def _compile(core: Any, path: Path, config: dict[str, Any]) -> Any:
    """The model compiled for this CPU; the compiled form is kept in the cache folder
    (OpenVINO names it after the model, the settings and its own version), which saves
    a process about two thirds of the compiling. Without a usable cache it compiles."""
    from ...caching import cache_dir

    folder = cache_dir()
    if folder is not None:
        try:
            (folder / "openvino").mkdir(parents=True, exist_ok=True)
            return core.compile_model(
                str(path), "CPU", {**config, "CACHE_DIR": str(folder / "openvino")}
            )
        except (OSError, RuntimeError):
            pass
    return core.compile_model(str(path), "CPU", config)


def _characters(path: Path, listed: str | None) -> list[str]:
    if not listed:
        raise MissingDependency(f"the recognition model {path.name} carries no character list")
    # CTC convention of PP-OCR: class 0 is the blank, the last class a space.
    return ["", *listed.splitlines(), " "]


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
    path = model_files().recognition
    if engine_name() == "openvino":
        return OpenVinoRecognitionModel(path)
    return RecognitionModel(path)


def describe() -> str:
    """The recognition engine and the precision it computes in, e.g. ``openvino bf16``."""
    model = recognition_model()
    return f"{model.engine} {getattr(model, 'precision', 'f32')}"


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
