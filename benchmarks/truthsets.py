"""Finding documents with truth files (the ../shared/real/truth schema) under a folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = (REPO.parent / "shared" / "real", REPO / "corpus")


@dataclass(frozen=True)
class Case:
    document: Path
    truth: dict


def find_cases(folder: Path) -> list[Case]:
    """Every truth JSON under ``folder`` whose document (its ``file`` field) is found there too."""
    files = {p.name: p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() != ".json"}
    cases = []
    for truth_path in sorted(folder.rglob("*.json")):
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(truth, dict) or "cells" not in truth or "file" not in truth:
            continue
        document = files.get(truth["file"])
        if document is not None:
            cases.append(Case(document, truth))
    return cases
