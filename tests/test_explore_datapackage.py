"""datapackage.json written by the dataset writer is a valid Frictionless (tabular) Data Package
and describes the Parquet parts as they are."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from frictionless import FrictionlessException, Package, Resource, Schema, validate

from conftest import CORPUS, real_docs
from reportextract.dataset.schema import TABLES
from reportextract.explore.build import ensure_dataset

# Table Schema field type → what the Parquet column may be (pyarrow type names).
COMPATIBLE = {
    "string": ("string", "large_string"),
    "integer": ("int8", "int16", "int32", "int64"),
    "number": ("double", "float"),
    "boolean": ("bool",),
    "datetime": ("timestamp",),
    "any": ("list", "fixed_size_list", "large_list"),
}


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_dataset(tmp_path_factory.getbasetemp() / "explore-real", [real_docs()], workers=2)


def test_descriptor_validates_against_the_data_package_profile(real_dataset: Path) -> None:
    report = validate(real_dataset / "datapackage.json")
    # Top-level errors are the descriptor's (the package, its resources, schemas and fields).
    assert [error.message for error in report.errors] == []
    package = Package(real_dataset / "datapackage.json")
    assert package.profile == "tabular-data-package"
    assert [r.name for r in package.resources] == list(TABLES)


def test_a_broken_descriptor_would_be_caught(real_dataset: Path) -> None:
    descriptor = json.loads((real_dataset / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][1]["schema"]["fields"][0]["type"] = "no-such-type"
    with pytest.raises(FrictionlessException):
        Package.from_descriptor(descriptor)


def test_every_part_and_column_is_described_with_its_type(real_dataset: Path) -> None:
    descriptor = json.loads((real_dataset / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == [c.name for c in TABLES[resource["name"]]]
        assert all(f["description"] for f in fields)
        paths = resource.get("path", [])
        paths = [paths] if isinstance(paths, str) else paths
        on_disk = sorted(
            p.relative_to(real_dataset).as_posix()
            for p in (real_dataset / resource["name"]).glob("*/*.parquet")
        )
        assert sorted(paths) == on_disk
        for path in paths:
            schema = pq.read_schema(real_dataset / path)
            for field in fields:
                arrow_type = str(schema.field(field["name"]).type)
                assert arrow_type.startswith(COMPATIBLE[field["type"]]), (
                    path,
                    field["name"],
                    arrow_type,
                )


def test_frictionless_finds_every_row_of_every_part_valid(tmp_path: Path) -> None:
    """The data too, not just the descriptor: a PDF's boxes, nulls, timestamps. Frictionless
    reads only the first file of a multipart resource, so each part is validated alone."""
    samples = ["synth-276-00000.pdf", "synth-276-00003.html", "synth-276-00011.docx"]
    data = ensure_dataset(tmp_path / "data", [CORPUS / "samples" / n for n in samples], workers=1)
    boxes = pq.read_table(data / "cells", columns=["bbox"]).column("bbox")
    assert boxes.null_count < len(boxes)  # the PDF's cells have their boxes
    assert validate(data / "datapackage.json").valid
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    checked = 0
    for resource in descriptor["resources"]:
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        for path in paths:
            part = Resource(
                path=path,
                basepath=str(data),
                format="parquet",
                schema=Schema.from_descriptor(resource["schema"]),
            )
            report = validate(part)
            assert report.valid, (path, report.flatten(["rowNumber", "message"])[:3])
            checked += report.task.stats["rows"]
    assert checked == sum(pq.read_metadata(p).num_rows for p in data.glob("*/*/*.parquet"))
