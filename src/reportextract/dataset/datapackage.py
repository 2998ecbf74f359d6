"""``datapackage.json``: a Frictionless Data Package describing every column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa

from .. import __version__
from .atomic import atomic_write_bytes
from .schema import TABLE_DESCRIPTIONS, TABLES

DATAPACKAGE = "datapackage.json"


def _field_type(dtype: pa.DataType) -> str:
    if pa.types.is_integer(dtype):
        return "integer"
    if pa.types.is_floating(dtype):
        return "number"
    if pa.types.is_boolean(dtype):
        return "boolean"
    if pa.types.is_timestamp(dtype):
        return "datetime"
    if pa.types.is_list(dtype) or pa.types.is_fixed_size_list(dtype):
        # Table Schema's "array" would be the word, but Frictionless reads Parquet through
        # pandas, whose list cells are numpy arrays that its "array" type rejects; the
        # description says what the list holds.
        return "any"
    return "string"


def datapackage_descriptor(root: Path) -> dict[str, Any]:
    resources = []
    for table, columns in TABLES.items():
        paths = sorted(p.relative_to(root).as_posix() for p in (root / table).glob("*/*.parquet"))
        resource: dict[str, Any] = {
            "name": table,
            "description": TABLE_DESCRIPTIONS[table],
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "profile": "tabular-data-resource",
            "schema": {
                # Parquet has real nulls; readers that go through pandas see them as NaN.
                "missingValues": ["", "nan", "NaN"],
                "fields": [
                    {"name": c.name, "type": _field_type(c.type), "description": c.description}
                    for c in columns
                ],
            },
        }
        if paths:
            resource["path"] = paths if len(paths) > 1 else paths[0]
        else:
            resource["data"] = []
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": "reportextract-dataset",
        "title": "政府信息公开工作年度报告 — tables, narrative figures and checks",
        "description": (
            "Chinese government information-disclosure annual reports as tidy tables; "
            "the codes are documented in the reportextract repository: docs/tables.md, "
            "docs/narrative-metrics.md, docs/checks.md and docs/dataset.md."
        ),
        "created_by": f"reportextract {__version__}",
        "resources": resources,
    }


def write_datapackage(root: Path) -> Path:
    path = root / DATAPACKAGE
    text = json.dumps(datapackage_descriptor(root), ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
