"""The optional extras the commands need: a missing one is a one-line error that names the
command installing it, never a traceback.

A command checks what only some of its uses need before it starts (`require`: charts need
matplotlib); the command line turns any other import of a missing extra's module into the
same one line (`missing_extra`).
"""

from __future__ import annotations

from importlib.util import find_spec

from .errors import MissingExtra

# extra → the modules it provides that the package imports (pyproject.toml's
# optional-dependencies; a test keeps the two in step)
EXTRAS: dict[str, tuple[str, ...]] = {
    "dataset": ("tqdm",),
    "explore": ("duckdb", "pandas", "tabulate"),
    "fetch": ("httpx", "protego", "tenacity", "tqdm"),
    "viz": ("matplotlib", "datasette", "uvicorn", "jinja2"),
    "ocr": ("rapidocr", "onnxruntime", "cv2"),
    "synth": ("docx", "numpy"),
    "dask": ("distributed",),
    "notebooks": ("nbclient", "nbformat"),
}

# command → the extra that gives it
COMMAND_EXTRAS: dict[str, str] = {
    "run": "dataset",
    "audit": "dataset",
    "query": "explore",
    "compare": "explore",
    "coverage": "explore",
    "show": "explore",
    "serve": "explore",
    "report": "explore",
    "fetch": "fetch",
}


def install_command(extra: str) -> str:
    return f"pip install 'reportextract[{extra}]'"


def _message(what: str, extra: str, absent: list[str]) -> str:
    return (
        f"{what} needs the '{extra}' extra ({', '.join(absent)} not installed): "
        f"{install_command(extra)}"
    )


def require(extra: str, what: str, modules: tuple[str, ...] | None = None) -> None:
    """Raise MissingExtra unless every module of ``extra`` (or just ``modules``) imports."""
    absent = [m for m in modules or EXTRAS[extra] if not _importable(m)]
    if absent:
        raise MissingExtra(_message(what, extra, absent))


def missing_extra(error: ImportError, command: str | None) -> MissingExtra | None:
    """The one-line error for an import that failed because an extra is not installed;
    None when the module belongs to no extra (then it is a bug, not a missing extra)."""
    module = (error.name or "").partition(".")[0]
    extra = COMMAND_EXTRAS.get(command or "")
    if extra is None or module not in EXTRAS[extra]:
        extra = next((name for name, modules in EXTRAS.items() if module in modules), None)
    if extra is None:
        return None
    return MissingExtra(_message(command or "this command", extra, [module]))


def _importable(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False
