"""The corpus manifest (``manifest.csv`` at the corpus root): where every file came from.

One row per URL fetched. ``role`` says what the URL was: ``article`` (a report's web page),
``attachment`` (a file linked from it, or listed directly in the column), ``image`` (a
picture an article's body shows — a table printed as a picture — read with the page, not a
document of its own; ``referrer`` is the page) or ``listing`` (a list page of a 年报 column,
kept only to re-fetch conditionally). ``path`` and ``sha256`` name
the last good copy; ``error`` is the reason the last attempt failed (empty when it worked) —
a row can have both when a re-fetch failed but an older copy is held.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from ..atomic import atomic_write_bytes
from .errors import ManifestError

MANIFEST_NAME = "manifest.csv"
ROLE_ARTICLE = "article"
ROLE_ATTACHMENT = "attachment"
ROLE_LISTING = "listing"
ROLE_IMAGE = "image"
DOCUMENT_ROLES = frozenset({ROLE_ARTICLE, ROLE_ATTACHMENT})


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    url: str
    role: str
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    encoding: str | None = None
    bytes: int | None = None
    sha256: str | None = None
    path: str | None = None
    fetched_at: str | None = None
    checked_at: str | None = None
    source: str | None = None
    issuer: str | None = None
    region: str | None = None
    year: int | None = None
    title: str | None = None
    referrer: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None

    @property
    def held(self) -> bool:
        """Whether the corpus holds a copy of this URL's content."""
        return bool(self.path and self.sha256)

    def with_(self, **changes: object) -> ManifestEntry:
        return replace(self, **changes)  # type: ignore[arg-type]


COLUMNS = tuple(f.name for f in fields(ManifestEntry))
_INTEGER_COLUMNS = frozenset({"status", "bytes", "year"})


def manifest_path(corpus_dir: Path | str) -> Path:
    return Path(corpus_dir) / MANIFEST_NAME


def load_manifest(corpus_dir: Path | str, *, documents_only: bool = True) -> list[ManifestEntry]:
    """The manifest's rows (reports' pages and attachments only, unless ``documents_only=False``).

    A corpus without a manifest has no rows; a manifest that cannot be read raises
    `ManifestError`.
    """
    path = manifest_path(corpus_dir)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = {"url", "role"} - set(reader.fieldnames or ())
    if missing:
        raise ManifestError(
            f"{path}: not a fetch manifest (no column {', '.join(sorted(missing))})"
        )
    entries = []
    for line, row in enumerate(reader, start=2):
        try:
            entries.append(_entry(row))
        except ValueError as exc:
            raise ManifestError(f"{path}, line {line}: {exc}") from None
    if documents_only:
        entries = [e for e in entries if e.role in DOCUMENT_ROLES]
    return entries


def documents_by_path(corpus_dir: Path | str) -> dict[Path, ManifestEntry]:
    """The manifest row of every document file the corpus holds, by the file's absolute path.

    When several URLs served the same bytes, the first row in manifest order is kept.
    ``reportextract run`` uses it to give each report its URL as ``source``.
    """
    root = Path(corpus_dir).resolve()
    found: dict[Path, ManifestEntry] = {}
    for entry in load_manifest(root):
        if entry.held and entry.path:
            found.setdefault(root / entry.path, entry)
    return found


def write_manifest(corpus_dir: Path | str, entries: list[ManifestEntry]) -> Path:
    """Write the manifest atomically, rows sorted by role and URL."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in sorted(entries, key=lambda e: (e.role, e.url)):
        writer.writerow({k: "" if v is None else v for k, v in asdict(entry).items()})
    path = manifest_path(corpus_dir)
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8"))
    return path


def _entry(row: dict[str, str | None]) -> ManifestEntry:
    values: dict[str, object] = {}
    for name in COLUMNS:
        raw = row.get(name)
        if raw is None or raw == "":
            values[name] = None
        elif name in _INTEGER_COLUMNS:
            try:
                values[name] = int(raw)
            except ValueError:
                raise ValueError(f"{name} {raw!r} is not a whole number") from None
        else:
            values[name] = raw
    if not values["url"] or not values["role"]:
        raise ValueError("url and role are required")
    return ManifestEntry(**values)  # type: ignore[arg-type]
