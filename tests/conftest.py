"""Shared fixtures: the real reports with hand-checked truth in ../shared/real, and the
template's 表三 columns."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REPORTEXTRACT_SHARED", REPO.parent / "shared")).resolve()
SHARED_REAL = Path(os.environ.get("REPORTEXTRACT_SHARED_REAL", SHARED / "real")).resolve()
SPEC = SHARED / "spec"
REAL_DOCS = SHARED_REAL / "docs"
REAL_TRUTH = SHARED_REAL / "truth"
CORPUS = REPO / "corpus"

# 表三's applicant columns in template order, written out apart from the package's own list.
APPLICANT_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
)
REQUEST_COLUMNS = (*APPLICANT_COLUMNS, "total")  # the value columns, 3 … 9 of the grid


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def real_doc(name: str) -> Path:
    path = REAL_DOCS / name
    if not path.exists():
        pytest.fail(
            f"real document {path} is missing: the tests need ../shared/real next to the repository"
        )
    return path


def real_truth(name: str) -> dict:
    return load_truth(REAL_TRUTH / f"{name}.json")
