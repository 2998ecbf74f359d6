"""The optional extras a command needs, checked before it starts: a missing one is a
one-line error that names the command installing it, never a traceback."""

from __future__ import annotations

from importlib.util import find_spec

from .errors import MissingExtra

# extra → the modules it provides that commands import (pyproject.toml's optional-dependencies)
EXTRAS: dict[str, tuple[str, ...]] = {
    "viz": ("matplotlib", "datasette", "uvicorn", "jinja2"),
    "dask": ("distributed",),
    "ocr": ("rapidocr", "onnxruntime", "cv2"),
}


def install_command(extra: str) -> str:
    return f"pip install 'reportextract[{extra}]'"


def require(extra: str, what: str, modules: tuple[str, ...] | None = None) -> None:
    """Raise MissingExtra unless every module of ``extra`` (or just ``modules``) imports."""
    absent = [m for m in modules or EXTRAS[extra] if not _importable(m)]
    if absent:
        raise MissingExtra(
            f"{what} needs the '{extra}' extra ({', '.join(absent)} not installed): "
            f"{install_command(extra)}"
        )


def _importable(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False
