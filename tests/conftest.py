"""Shared fixtures: the real reports with hand-checked truth in ../shared/real."""

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
