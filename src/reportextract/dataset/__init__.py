"""The Parquet dataset: schema, atomic parts, recovery and datapackage.json."""

from .schema import TABLES, arrow_schema
from .writer import DatasetWriter, load_done, reconcile

__all__ = ["TABLES", "DatasetWriter", "arrow_schema", "load_done", "reconcile"]
