"""Using the dataset: SQL (DuckDB), districts side by side, a cell on its page, a web view.

- ``connect(dataset)`` — DuckDB connection with the dataset's tables and views
- ``run_query(dataset, sql)`` — one read-only SQL statement → DataFrame
- ``key_figures(dataset, issuers=(), year=None)`` — key figures per issuer and year
- ``cell_view(...)`` / ``figure_views(...)`` — a cell or a figure with its provenance
- ``make_datasette(dataset)`` — the read-only web view
- ``ensure_dataset(data, inputs)`` — build a dataset from inputs unless it exists

Imported on first use, so that the command line starts without the plotting libraries.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "connect": ".dataset",
    "run_query": ".query",
    "key_figures": ".compare",
    "cell_view": ".show",
    "figure_views": ".show",
    "make_datasette": ".serve",
    "ensure_dataset": ".build",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name], __name__), name)
