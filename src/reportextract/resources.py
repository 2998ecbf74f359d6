"""Finding the data files of `mappings/` (label maps, narrative patterns, sources).

An installed wheel carries them as package data in ``reportextract/mappings``; a source
checkout (editable install) has them in the repository's ``mappings/`` directory.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import importlib.util
import sys
import threading
from collections.abc import Collection
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


def import_without_pkg_resources(name: str, *, deferred: Collection[str] = ()) -> ModuleType:
    """Import a package that looks for its data files through ``pkg_resources`` when that
    imports, and beside its own modules otherwise (jieba, zhconv): the same files, without
    importing setuptools' ``pkg_resources`` (0.1–0.2 s at start-up, and deprecated).

    ``deferred``: submodules the package imports as it loads whose code runs when one of
    their names is first used (jieba's HMM tables, ~10 ms, where words are cut without
    the HMM)."""
    if name in sys.modules or "pkg_resources" in sys.modules:
        return importlib.import_module(name)
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        for submodule in deferred:
            _defer(name, submodule)
        return importlib.import_module(name)
    finally:
        if sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]


def _defer(package: str, name: str) -> None:
    """``name`` (a submodule of ``package``) in ``sys.modules`` as a `_Deferred` module,
    found without importing ``package``."""
    parent = importlib.util.find_spec(package)
    locations = parent.submodule_search_locations if parent is not None else None
    spec = importlib.machinery.PathFinder.find_spec(name, locations) if locations else None
    if spec is None or spec.loader is None:
        return  # imported as usual with its package
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules[name] = module


class _Deferred(ModuleType):
    """A module whose code runs when a name it defines is first looked up (its ``__spec__``,
    ``__path__`` … are there before: the import system reads them without running it;
    `importlib.util.LazyLoader` runs the code at any lookup, ``__spec__``'s included)."""

    _lock = threading.Lock()

    def __getattr__(self, attribute: str) -> Any:
        spec = self.__spec__
        if attribute.startswith("__") or spec is None or spec.loader is None:
            raise AttributeError(attribute)
        with _Deferred._lock:
            if self.__class__ is _Deferred:
                spec.loader.exec_module(self)
                object.__setattr__(self, "__class__", ModuleType)  # plain from now on
        return getattr(self, attribute)
