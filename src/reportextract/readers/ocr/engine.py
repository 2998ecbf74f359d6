"""The OCR models: RapidOCR's PP-OCR ONNX files, run offline by OpenVINO or onnxruntime.

The `rapidocr` wheel ships its detection and recognition models; we load those files
by path, so no model is ever downloaded. The packages are an optional extra: without
them a scanned page raises `MissingDependency` with the command that installs them.
The inference engines and OpenCV run single-threaded by default
(``REPORTEXTRACT_OCR_THREADS`` overrides), so that a process pool of documents uses the
cores, not each page.

Detection and recognition — most of a scan's CPU — run on onnxruntime, or both on OpenVINO
with ``REPORTEXTRACT_OCR_ENGINE=openvino`` (onnxruntime is then never loaded). On a CPU
with native bfloat16 arithmetic (AVX512-BF16, AMX) OpenVINO computes in bfloat16 by
default: about a quarter less CPU per scanned page, the same cells on 34 generated scans,
but a process reading a scan peaks higher: in the batch benchmark a worker's reader
child peaked at ~390 MB against ~375 on onnxruntime (~430 before the weights were kept
in float16 and 4 input shapes' kernels instead of 20) — under the 400 MB a worker may
take, but with too little margin to be the default. (Where the rest goes: OpenVINO's
libraries ~45 MB against onnxruntime's ~20, the compiled model's file weights mapped
beside their bf16 copy, and working memory that grows with each new input width.)
Elsewhere it computes in float32 and reads what onnxruntime reads.
``REPORTEXTRACT_OCR_PRECISION=f32`` keeps float32 everywhere.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import ConfigurationError, MissingDependency
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
        raise ConfigurationError(
            f"REPORTEXTRACT_OCR_ENGINE={chosen!r} is not an OCR engine: "
            f"set it to one of {', '.join(ENGINES)}, or unset it"
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
    # A batch of lines holds at most this many padded pixels.
    batch_pixels = REC_HEIGHT * 1024

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
    # (a process grew past 1 GB over a few scans): widths in steps of 64 pixels and the
    # last 4 shapes' kept (20 took ~10-20 MB more at a scan's peak, at the same CPU).
    width_step = 64
    _SHAPES_KEPT = 4
    # Half onnxruntime's batch (in padded pixels): ~10 MB less at a scan's peak, same CPU.
    batch_pixels = 48 * 512

    def __init__(self, path: Path) -> None:
        ov = _openvino()
        core = ov.Core()
        self.characters = _characters(path, _listed_characters(core, path))
        self.index = {ch: i for i, ch in enumerate(self.characters) if ch}
        self.compiled = _compile(core, path, _openvino_config(self._SHAPES_KEPT))
        self.precision = self.compiled.get_property("INFERENCE_PRECISION_HINT").to_string()
        self.request = self.compiled.create_infer_request()

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        # The request copies its output (share_outputs=False): the array is ours to keep.
        with _lock:
            out: Any = self.request.infer([np.ascontiguousarray(batch)], share_inputs=True)[0]
        return np.asarray(out, dtype=np.float32)


def _listed_characters(core: Any, path: Path) -> str | None:
    """The model's character list, kept in the cache folder: reading the model for it
    loads OpenVINO's ONNX reader and a parsed copy of the model, ~17 MB a process keeps."""
    from ...caching import cached, file_key

    def read() -> str | None:
        model = core.read_model(str(path))
        key = ["framework", "character"]
        return str(model.get_rt_info(key).astype(str)) if model.has_rt_info(key) else None

    listed: str | None = cached("ocr-characters", file_key(path), read)
    return listed


# oneDNN (inside OpenVINO's CPU plugin) keeps up to 1,024 compiled primitives with their
# working memory; every new input shape adds some. A few dozen keep the same speed
# (+0-3% CPU) and ~30 MB less at a scan's peak. Read when the plugin loads.
_ONEDNN_PRIMITIVES_KEPT = "32"


def _openvino() -> Any:
    os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", _ONEDNN_PRIMITIVES_KEPT)
    try:
        import openvino as ov
    except ImportError as exc:
        raise MissingDependency(
            f"REPORTEXTRACT_OCR_ENGINE=openvino but openvino is not installed: {exc}"
        ) from exc
    return ov


def _openvino_config(shapes_kept: int = 20) -> dict[str, Any]:
    """OpenVINO's CPU settings: one stream of ``threads()`` threads, at most ``shapes_kept``
    input shapes' kernels kept, the precision of ``REPORTEXTRACT_OCR_PRECISION`` if set."""
    config: dict[str, Any] = {
        "INFERENCE_NUM_THREADS": threads(),
        "NUM_STREAMS": 1,
        "PERFORMANCE_HINT": "LATENCY",
        "CPU_RUNTIME_CACHE_CAPACITY": shapes_kept,
    }
    precision = os.environ.get("REPORTEXTRACT_OCR_PRECISION", "").strip().lower()
    if precision:
        config["INFERENCE_PRECISION_HINT"] = precision
    return config


def _compile(core: Any, path: Path, config: dict[str, Any]) -> Any:
    """The model compiled for this CPU; the compiled form is kept in the cache folder
    (OpenVINO names it after the model, the settings and its own version), which saves
    a process about two thirds of the compiling. Without a usable cache it compiles."""
    from ...caching import cache_dir

    folder = cache_dir()
    if folder is not None:
        try:
            kept = folder / "openvino"
            kept.mkdir(parents=True, exist_ok=True)
            model = _model_file(core, path, config, kept)
            return core.compile_model(str(model), "CPU", {**config, "CACHE_DIR": str(kept)})
        except (OSError, RuntimeError):
            pass
    try:
        with tempfile.TemporaryDirectory() as scratch:
            return core.compile_model(
                str(_model_file(core, path, config, Path(scratch))), "CPU", config
            )
    except (OSError, RuntimeError):
        return core.compile_model(str(path), "CPU", config)


def _model_file(core: Any, path: Path, config: dict[str, Any], folder: Path) -> Path:
    """The file to compile: where OpenVINO computes in 16 bits (bfloat16, float16), the
    model as an OpenVINO IR with float16 weights, written once into ``folder`` — a process
    then maps half the weights (a compiled model keeps the file's weights beside its own
    16-bit copy), and the readings are those of the 32-bit weights but for a bracket's
    shape in ~1 line of 300; elsewhere the ONNX file itself (float32 reads exactly what
    onnxruntime reads)."""
    precision = config.get("INFERENCE_PRECISION_HINT") or (
        core.get_property("CPU", "INFERENCE_PRECISION_HINT").to_string()
    )
    if str(precision).lower() not in ("bf16", "f16"):
        return path
    from ...caching import file_key

    ov = _openvino()
    key = f"{file_key(path)}|{ov.get_version()}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    xml = folder / f"{path.stem}-f16-{digest}.xml"
    if xml.is_file() and xml.with_suffix(".bin").is_file():
        return xml
    scratch = Path(tempfile.mkdtemp(dir=folder, prefix=".ir-"))
    try:
        ov.save_model(core.read_model(str(path)), str(scratch / "m.xml"), compress_to_fp16=True)
        # the weights first: a process that finds the .xml finds its .bin whole
        os.replace(scratch / "m.bin", xml.with_suffix(".bin"))
        os.replace(scratch / "m.xml", xml)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return xml


def _characters(path: Path, listed: str | None) -> list[str]:
    if not listed:
        raise MissingDependency(f"the recognition model {path.name} carries no character list")
    # CTC convention of PP-OCR: class 0 is the blank, the last class a space.
    return ["", *listed.splitlines(), " "]


class DetectionModel:
    """RapidOCR's text detector (DB) on a whole image: quadrilateral boxes of text lines.

    RapidOCR prepares the image and maps the boxes back; the network runs on the engine
    that runs recognition, so a process holds one inference runtime, not two."""

    def __init__(self, path: Path, engine: str = "onnxruntime") -> None:
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
            }
        )
        # RapidOCR builds its detector on first use; ours is in place before that.
        self.engine.text_det = _detector(self.engine.cfg.Det, _network(path, engine))

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


def _network(path: Path, engine: str) -> Callable[[np.ndarray], np.ndarray]:
    """The model at ``path`` as a function of its one input, on ``engine``."""
    if engine == "openvino":
        request = _compile(_openvino().Core(), path, _openvino_config()).create_infer_request()

        def run(batch: np.ndarray) -> np.ndarray:
            return np.asarray(request.infer([np.ascontiguousarray(batch)])[0])

        return run
    session = _session(path)
    name = session.get_inputs()[0].name
    return lambda batch: np.asarray(session.run(None, {name: batch})[0])


def _detector(cfg: Any, network: Callable[[np.ndarray], np.ndarray]) -> Any:
    """RapidOCR's `TextDetector` (its pre- and post-processing) around ``network``."""
    from rapidocr.ch_ppocr_det import TextDetector
    from rapidocr.ch_ppocr_det.utils import DBPostProcess

    detector: Any = TextDetector.__new__(TextDetector)
    detector.limit_side_len = cfg.get("limit_side_len")
    detector.limit_type = cfg.get("limit_type")
    detector.mean = cfg.get("mean")
    detector.std = cfg.get("std")
    detector.preprocess_op = None
    detector.postprocess_op = DBPostProcess(
        thresh=cfg.get("thresh", 0.3),
        box_thresh=cfg.get("box_thresh", 0.5),
        max_candidates=cfg.get("max_candidates", 1000),
        unclip_ratio=cfg.get("unclip_ratio", 1.6),
        use_dilation=cfg.get("use_dilation", True),
        score_mode=cfg.get("score_mode", "fast"),
    )
    detector.session = network
    return detector


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


def in_use() -> str | None:
    """`describe()` of the recognition model this process has built, None if it has none."""
    return describe() if recognition_model.cache_info().currsize else None


@cache
def detection_model() -> DetectionModel:
    return DetectionModel(model_files().detection, engine_name())


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
    except ImportError as exc:
        raise MissingDependency(
            f"this document is a scan without a text layer; OCR needs {INSTALL_HINT}"
        ) from exc
    if engine_name() == "openvino":
        _openvino()
        return
    try:
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        raise MissingDependency(
            f"this document is a scan without a text layer; OCR needs {INSTALL_HINT}"
        ) from exc
