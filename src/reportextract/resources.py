"""Finding the data files of `mappings/` (label maps, narrative patterns, sources).

An installed wheel carries them as package data in ``reportextract/mappings``; a source
checkout (editable install) has them in the repository's ``mappings/`` directory.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from .caching import cached

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
    """The data of mappings/``name``, parsed once per content of the file: later processes
    read it from the cache folder (keyed on the file's SHA-256) without loading PyYAML."""
    text = mapping_path(name).read_bytes()
    key = f"{name} {hashlib.sha256(text).hexdigest()}"
    return cached(f"mapping-{Path(name).stem}", key, lambda: parse_yaml(text))


def parse_yaml(text: bytes) -> Any:
    import yaml

    # libyaml's safe loader when PyYAML was built with it (ten times faster, the same data)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text.decode("utf-8"), Loader=loader)


def import_without_pkg_resources(name: str) -> ModuleType:
    """Import a package that looks for its data files through ``pkg_resources`` when that
    imports, and beside its own modules otherwise (jieba, zhconv): the same files, without
    importing setuptools' ``pkg_resources`` (0.1–0.2 s at start-up, and deprecated)."""
    if name in sys.modules or "pkg_resources" in sys.modules:
        return importlib.import_module(name)
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        return importlib.import_module(name)
    finally:
        if sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
