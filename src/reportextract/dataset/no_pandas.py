"""pyarrow without pandas, in a process that has no use for pandas (`reportextract run`).

pyarrow looks for pandas the first time it converts Python values, or a table into them,
and imports it (apache/arrow#34994): a quarter of a second of CPU in every run, for
nothing — the dataset's values are plain Python values, none of pandas' own (NA, NaT,
Timestamp), and pyarrow converts them alike without it. While `pandas_hidden()` holds,
importing pandas fails in this process, so pyarrow takes it as absent (for the rest of the
process: it looks once). Forked children (the workers, each document's child) do not
inherit the hiding.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType


class _HiddenPandas:
    """A finder that answers every import of pandas with ModuleNotFoundError."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError("pandas is not loaded by reportextract run", name=name)
        return None


_FINDER = _HiddenPandas()


def _unhide() -> None:
    with contextlib.suppress(ValueError):
        sys.meta_path.remove(_FINDER)


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
