"""Data derived from installed packages, built once and kept on disk between runs.

Some inputs take a second or more to load in their own form (the national division list
as CSV, libphonenumber's geocoding tables, pypinyin's dictionary, jieba's dictionary) while
a report needs a few thousand entries of them. Each is derived once into a compact file
under the cache directory — ``$REPORTEXTRACT_CACHE``, else ``$XDG_CACHE_HOME/reportextract``
or ``~/.cache/reportextract`` — named after a key that changes whenever its source does
(the package's version, the data file's size and time). A missing, stale or damaged file
is rebuilt; where nothing can be written the data is derived in memory, every time, and
nothing fails. ``REPORTEXTRACT_CACHE=off`` turns the cache off.
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Bumped when a cached file's layout changes, so that older files are not read.
FORMAT = 1


def cache_dir() -> Path | None:
    """Where derived data is kept, or None when the cache is off."""
    chosen = os.environ.get("REPORTEXTRACT_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportextract"


def file_key(path: Path) -> str:
    """A key for a data file: its name, size and modification time."""
    stat = path.stat()
    return f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}"


def package_version(name: str) -> str:
    """An installed package's version, without importing it: from the name of the
    ``<name>-<version>.dist-info`` folder beside it where there is one (a folder listing),
    else from its metadata (``importlib.metadata``, which takes longer to load and search)."""
    from importlib.util import find_spec

    with contextlib.suppress(ImportError, ValueError, OSError):
        spec = find_spec(name)
        if spec is not None and spec.origin:
            site = Path(spec.origin).parent.parent
            # a listing and plain string tests: a glob compiles a regular expression per name
            found = [
                entry.name
                for entry in os.scandir(site)
                if entry.name.startswith(f"{name}-")
                and entry.name.endswith(".dist-info")
                and entry.is_dir()
            ]
            if len(found) == 1:
                return found[0][len(name) + 1 : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def cache_path(name: str, key: str, suffix: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{FORMAT}|{key}".encode()).hexdigest()[:16]
    return folder / f"{name}-{digest}{suffix}"


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``'s value (plain data: what `marshal` writes), read from the cache when a
    file for ``key`` is there, else built and written for the next process."""
    path = cache_path(name, key, ".marshal")
    if path is not None:
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            stored_key, value = marshal.loads(path.read_bytes())
            if stored_key == key:
                return value
    value = build()
    if path is not None:
        with contextlib.suppress(ValueError):  # a value marshal cannot write: not kept
            stored = marshal.dumps((key, value))
            write_atomically(path, lambda target: target.write_bytes(stored))
    return value


def cached_file(name: str, key: str, suffix: str, build: Callable[[Path], None]) -> Path | None:
    """The path of a file that ``build(path)`` writes, built once per ``key``; None when
    it cannot be kept (the caller then builds the data in memory)."""
    path = cache_path(name, key, suffix)
    if path is None:
        return None
    if path.is_file():
        return path
    return path if write_atomically(path, build) else None


def write_atomically(path: Path, write: Callable[[Path], object]) -> bool:
    """Write through a temporary file in the same folder, renamed into place, so that a
    reader sees the whole file or none (two processes may build it at once)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        os.close(handle)
    except OSError:
        return False
    try:
        write(Path(temporary))
        os.replace(temporary, path)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


class CompiledPatterns:
    """``re.compile`` whose compiled form of each pattern is kept in the cache folder.

    Python compiles a regular expression in Python code (parse, then code generation), a
    quarter of a millisecond to tens of milliseconds per pattern; the regex engine itself
    takes the generated code as a list of integers. That code is kept, per pattern and per
    Python build (the code's layout is the interpreter's own), under ``key``: the next
    process hands it to the engine directly. The patterns are the ones ``re.compile``
    builds, from the same code; anything unexpected falls back to ``re.compile``.
    """

    def __init__(self, name: str, key: str) -> None:
        self._path = cache_path(
            name, f"{key}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}", ".marshal"
        )
        self._stored: dict[tuple[str, int], tuple[Any, ...]] = {}
        self._added = False
        if self._path is not None:
            with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
                stored = marshal.loads(self._path.read_bytes())
                if isinstance(stored, dict):
                    self._stored = stored

    def compile(self, source: str, flags: int = 0) -> re.Pattern[str]:
        entry = self._stored.get((source, flags))
        if entry is not None:
            with contextlib.suppress(Exception):
                pattern: re.Pattern[str] = _sre.compile(source, *entry)
                return pattern
        try:
            entry = _compiled_code(source, flags)
            pattern = _sre.compile(source, *entry)
        except re.error:
            raise
        except Exception:  # another interpreter's internals: compile as usual, keep nothing
            return re.compile(source, flags)
        self._stored[(source, flags)] = entry
        self._added = True
        return pattern

    def save(self) -> None:
        """Keep the patterns compiled since the file was read (if any) for the next process."""
        if self._added and self._path is not None:
            stored = marshal.dumps(self._stored)
            write_atomically(self._path, lambda target: target.write_bytes(stored))
            self._added = False


_module_patterns: CompiledPatterns | None = None


def compile_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` for the patterns a module compiles as it is imported, their compiled
    form kept in one file of the cache folder for every module's (an entry is a pattern
    and its flags, whichever module asks), written when a process that added one exits."""
    global _module_patterns
    if _module_patterns is None:
        _module_patterns = CompiledPatterns("module-patterns", "module patterns")
        atexit.register(_module_patterns.save)
    return _module_patterns.compile(source, int(flags))


def _compiled_code(source: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands to the engine, as plain data (marshal's)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    tree = _parser.parse(source, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup = [None] * tree.state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    return (
        int(flags | tree.state.flags),
        [int(op) for op in code],
        tree.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
