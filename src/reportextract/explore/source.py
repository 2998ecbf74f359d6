"""Finding a report's source document on this machine — never over the network."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..model import file_sha256


@dataclass(frozen=True, slots=True)
class LocalSource:
    """The source file if it is here and unchanged; otherwise ``path`` is None and ``note`` says why."""

    path: Path | None
    note: str = ""


def is_url(source: str) -> bool:
    return urlparse(source).scheme.lower() in {"http", "https", "ftp", "ftps"}


def local_source(
    source: str | None, sha256: str | None, dataset: Path, override: Path | None = None
) -> LocalSource:
    """The file the report was extracted from, if it exists locally with the same bytes.

    A relative source is looked up from the current directory, then from the dataset's
    parent directory (where ``reportextract run corpus/ --out data/`` was run).
    """
    if override is not None:
        candidates = [override]
    elif not source:
        return LocalSource(None, "the report has no source recorded")
    elif is_url(source):
        return LocalSource(None, f"the source is a URL ({source}); it is not fetched")
    else:
        path = Path(source)
        candidates = [path] if path.is_absolute() else [path, dataset.parent / path]
    changed: Path | None = None
    for candidate in candidates:
        if candidate.is_file():
            if sha256 is None or file_sha256(candidate) == sha256:
                return LocalSource(candidate)
            changed = candidate
    if changed is not None:
        return LocalSource(None, f"{changed} has changed since it was extracted (SHA-256 differs)")
    where = candidates[0] if override is not None else source
    return LocalSource(None, f"the source file {where} is not on this machine")
