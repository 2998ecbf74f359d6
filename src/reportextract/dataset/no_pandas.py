"""pyarrow without pandas or numpy, in a process that has no use for them (`reportextract run`).

pyarrow looks for pandas the first time it converts Python values, or a table into them,
and imports it (apache/arrow#34994): a quarter of a second of CPU in every run, for
nothing — the dataset's values are plain Python values, none of pandas' own (NA, NaT,
Timestamp), and pyarrow converts them alike without it. While `pandas_hidden()` holds,
importing pandas fails in this process, so pyarrow takes it as absent (for the rest of the
process: it looks once). Forked children (the workers, each document's child) do not
inherit the hiding.

numpy likewise: pyarrow imports it, if it can, when pyarrow itself is imported (two thirds of
pyarrow's import time), and works without it from plain Python values. `import_arrow` imports
the parts of pyarrow a run writes and reads with while numpy cannot be imported, where
neither is loaded yet; numpy can be imported again as soon as they are (pyarrow has then
settled on working without it, which is all the run's own process needs of it).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from importlib import import_module
from importlib.machinery import ModuleSpec
from types import ModuleType


class _Hidden:
    """A finder that answers every import of one package with ModuleNotFoundError."""

    def __init__(self, package: str) -> None:
        self.package = package

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name == self.package or name.startswith(self.package + "."):
            raise ModuleNotFoundError(
                f"{self.package} is not loaded by reportextract run", name=name
            )
        return None


_FINDER = _Hidden("pandas")
_NUMPY = _Hidden("numpy")


def _unhide() -> None:
    for finder in (_FINDER, _NUMPY):
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(finder)


os.register_at_fork(after_in_child=_unhide)


@contextlib.contextmanager
def pandas_hidden() -> Iterator[None]:
    """pandas cannot be imported meanwhile (unless it is loaded already)."""
    if "pandas" in sys.modules or _FINDER in sys.meta_path:
        yield
        return
    sys.meta_path.insert(0, _FINDER)
    try:
        yield
    finally:
        _unhide()


# what a run's process uses of pyarrow: the dataset's parts, compute, the dataset-wide steps
_ARROW_MODULES = ("pyarrow", "pyarrow.compute", "pyarrow.parquet")


def import_arrow() -> None:
    """Import pyarrow's modules that a run uses, without numpy where neither is loaded yet."""
    if "pyarrow" in sys.modules or "numpy" in sys.modules:
        for name in _ARROW_MODULES:
            import_module(name)
        return
    sys.meta_path.insert(0, _NUMPY)
    try:
        for name in _ARROW_MODULES:
            import_module(name)
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(_NUMPY)
