"""The compiled code of the methods `dataclasses` generates for this package's classes,
kept in the cache folder (`reportextract.caching`).

A dataclass's ``__init__``, ``__repr__``, ``__eq__`` … are generated as source text and
compiled as its class is created: ~90 classes on a run's path to its first report, ~30 ms
of compiling at every start. Here the code compiled from each text is kept, per Python
build, and the next process executes it without compiling (the same code: it is what
``compile`` made of the same text; each one unmarshalled only as its class is created, so
the classes a run never creates cost it next to nothing). A text not kept yet is compiled as usual and kept
when the process exits. Only this package's classes: another module's dataclasses are
created as they always are. Installed as the package is imported, before its classes.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import dataclasses
import importlib.util
import marshal
import sys
from types import CodeType
from typing import Any

from .caching import cache_path, write_atomically

_PACKAGE = __name__.rpartition(".")[0]
_path = cache_path(
    "dataclass-code",
    f"{sys.version}|{importlib.util.MAGIC_NUMBER.hex()}|{sys.flags.optimize}",
    ".marshal",
)
_stored: dict[str, bytes | CodeType] = {}  # a text → its code (marshalled until used)
_added: list[str] = []


def _load() -> None:
    if _path is None:
        return
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        stored = marshal.loads(_path.read_bytes())
        if isinstance(stored, dict):
            _stored.update(
                (text, code)
                for text, code in stored.items()
                if isinstance(text, str) and isinstance(code, bytes)
            )


def _exec(source: Any, *args: Any, **kwargs: Any) -> None:
    """``exec`` as `dataclasses` calls it: ``exec(text, module_globals, namespace)``."""
    scope = args[0] if args else kwargs.get("globals")
    if isinstance(source, str) and isinstance(scope, dict) and _ours(scope.get("__name__")):
        source = _code(source)
    builtins.exec(source, *args, **kwargs)


def _code(text: str) -> CodeType:
    kept = _stored.get(text)
    if isinstance(kept, bytes):
        with contextlib.suppress(EOFError, ValueError, TypeError):
            code = marshal.loads(kept)
            if isinstance(code, CodeType):
                _stored[text] = code
                return code
    elif kept is not None:
        return kept
    code = _stored[text] = compile(text, "<string>", "exec")
    _added.append(text)
    return code


def _ours(module: object) -> bool:
    return isinstance(module, str) and (module == _PACKAGE or module.startswith(_PACKAGE + "."))


def save() -> None:
    """Keep the code compiled since the file was read (if any) for the next process."""
    if _added and _path is not None:
        stored = marshal.dumps(
            {
                text: code if isinstance(code, bytes) else marshal.dumps(code)
                for text, code in _stored.items()
            }
        )
        write_atomically(_path, lambda target: target.write_bytes(stored))
        _added.clear()


def install() -> None:
    """Route `dataclasses`' ``exec`` through the kept code (once per process)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    _load()
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # its calls find this one first
    atexit.register(save)


install()
