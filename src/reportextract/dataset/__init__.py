"""The Parquet dataset: schema, atomic parts, recovery and datapackage.json."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .schema import TABLES, arrow_schema
    from .writer import DatasetWriter, load_done, reconcile

__all__ = ["TABLES", "DatasetWriter", "arrow_schema", "load_done", "reconcile"]

_MODULES = {
    "TABLES": "schema",
    "arrow_schema": "schema",
    "DatasetWriter": "writer",
    "load_done": "writer",
    "reconcile": "writer",
}


def __getattr__(name: str) -> Any:
    """Each name loaded when first asked for: the schema imports pyarrow (0.1 s), which a
    run does not need before its documents are read."""
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_MODULES[name]}", __name__), name)
