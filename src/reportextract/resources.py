"""Finding the data files of `mappings/` (label maps, narrative patterns, sources).

An installed wheel carries them as package data in ``reportextract/mappings``; a source
checkout (editable install) has them in the repository's ``mappings/`` directory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def mappings_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "mappings", _PACKAGE_DIR.parent.parent / "mappings"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("reportextract's mappings/ directory is missing from this installation")


def mapping_path(name: str) -> Path:
    """The path of the data file ``name`` of mappings/; FileNotFoundError if it is not there."""
    path = mappings_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"{name} is not in reportextract's mappings ({path.parent})")
    return path


@cache
def load_yaml(name: str) -> Any:
    with mapping_path(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
