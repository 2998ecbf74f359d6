"""What `reportextract run` is given: files, directories, globs, list files, fetch manifests.

Each input becomes a `Document`: the path to read and the `source` to record — the
path as given, or the URL it was fetched from when a fetch manifest names it.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENT_SUFFIXES = frozenset(
    {
        ".pdf",
        ".html",
        ".htm",
        ".shtml",
        ".txt",
        ".docx",
        ".doc",
        ".wps",
        ".jpg",
        ".jpeg",
        ".png",
        ".tif",
        ".tiff",
    }
)
LIST_SUFFIXES = frozenset({".list", ".lst"})
MANIFEST_NAMES = ("manifest.parquet", "manifest.csv")


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    source: str


def _manifest_sources(root: Path) -> dict[Path, str]:
    """Map each file a fetch manifest lists (absolute path) to the URL it came from."""
    from .fetch.manifest import documents_by_path

    return {path.resolve(): entry.url for path, entry in documents_by_path(root).items()}


def _manifest_pictures(root: Path) -> set[Path]:
    """Files a fetch manifest lists only as pictures of a report page (read with the
    page, not documents of their own)."""
    from .fetch.manifest import ROLE_IMAGE, load_manifest

    roles: dict[Path, set[str]] = {}
    for entry in load_manifest(root, documents_only=False):
        if entry.held and entry.path:
            roles.setdefault((root / entry.path).resolve(), set()).add(entry.role)
    return {path for path, kinds in roles.items() if kinds == {ROLE_IMAGE}}


def _manifest_root(path: Path) -> Path | None:
    if path.is_file() and path.name in MANIFEST_NAMES:
        return path.parent
    if path.is_dir() and any((path / name).is_file() for name in MANIFEST_NAMES):
        return path
    return None


def _corpus_around(directory: Path) -> Path | None:
    """The fetched corpus a directory is in (itself or up to two levels above it)."""
    for candidate in [directory, *list(directory.resolve().parents)[:2]]:
        if (candidate / "manifest.csv").is_file():
            return candidate
    return None


def _walk(directory: Path) -> Iterable[Path]:
    corpus = _corpus_around(directory)
    pictures = _manifest_pictures(corpus) if corpus is not None else set()
    for path in sorted(directory.rglob("*")):
        if (
            path.is_file()
            and path.suffix.lower() in DOCUMENT_SUFFIXES
            and not any(part.startswith(".") for part in path.relative_to(directory).parts)
            and path.resolve() not in pictures
        ):
            yield path


@dataclass(slots=True)
class Inputs:
    """What the inputs name: the documents, the paths that name nothing, the empty ones."""

    documents: list[Document] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # no such file or directory
    empty: list[str] = field(default_factory=list)  # a directory or pattern with no document


def collect_documents(inputs: Iterable[str]) -> Inputs:
    """Expand the inputs in order, each file once.

    A path that names nothing (an input, or a line of a ``.list`` file) is kept in
    ``missing``: the run counts it as a failed document and goes on. A directory or glob
    pattern without documents is kept in ``empty``.
    """
    found = Inputs()
    seen: set[Path] = set()
    manifests: dict[Path, str] = {}
    matched = 0  # files an input names, repeats included

    def add(path: Path, given: str | None = None) -> None:
        nonlocal matched
        matched += 1
        resolved = path.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        found.documents.append(Document(path, manifests.get(resolved, given or str(path))))

    for raw in inputs:
        path = Path(raw)
        before = matched
        root = _manifest_root(path)
        if root is not None:
            manifests.update(_manifest_sources(root))
            if path.is_file():
                for file_path in sorted(manifests):
                    if file_path.is_relative_to(root.resolve()) and file_path.is_file():
                        add(file_path)
                continue
        if path.is_dir():
            for file_path in _walk(path):
                add(file_path)
        elif path.is_file() and (path.suffix.lower() in LIST_SUFFIXES):
            lines = path.read_text(encoding="utf-8").splitlines()
            entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
            listed = collect_documents(
                str(path.parent / e) if not Path(e).is_absolute() else e for e in entries
            )
            for entry in listed.documents:
                add(entry.path, entry.source)
            found.missing += listed.missing
            found.empty += listed.empty
            if not entries:
                found.empty.append(raw)
            continue
        elif path.is_file():
            add(path, raw)
        elif any(ch in raw for ch in "*?["):
            for match in sorted(glob.glob(raw, recursive=True)):
                match_path = Path(match)
                if match_path.is_file():
                    add(match_path, match)
        else:
            found.missing.append(raw)
            continue
        if matched == before:
            found.empty.append(raw)
    return found
