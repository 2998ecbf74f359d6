"""The picture files a document refers to: found beside it, in a fetched corpus, or inline.

A web page's ``<img src>`` is a ``data:`` URI (decoded here), a path relative to the page
(a page saved with its files: read from under the page's folder, never above it), or a
URL. A URL is found through ``urls``: the pictures a fetch stored for the page, by their
absolute URL (`reportextract.fetch` records them in the corpus manifest). Every read is
capped in size.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ...caching import compile_pattern

MAX_PICTURE_BYTES = 20 * 1024 * 1024
_DATA_URI = compile_pattern(r"^data:image/[\w.+-]+(;[^,]*)?,", re.IGNORECASE)


class PictureError(ValueError):
    """A picture file that cannot be decoded."""


@dataclass(frozen=True, slots=True)
class PictureRef:
    """A picture as the document names it (``src``) and how wide it is shown (inches)."""

    src: str
    shown_inches: float | None = None


@dataclass(slots=True)
class PictureFiles:
    """Where a document's pictures are. ``folder``: the document's own folder (None for
    bytes without a file); ``base``: the URL the document was fetched from; ``urls``:
    absolute URL → stored file."""

    folder: Path | None = None
    base: str | None = None
    urls: Mapping[str, Path] = field(default_factory=dict)

    def name(self, src: str) -> str:
        """How a cell names the picture: its URL when the page has one, else its src."""
        src = src.strip()
        if src.lower().startswith("data:"):
            return "data:"
        if self.base and not _is_url(src):
            return urljoin(self.base, src)
        return src

    def load(self, src: str) -> bytes | None:
        """The picture's bytes, or None when it is not here (or too big)."""
        src = src.strip()
        if not src:
            return None
        if src.lower().startswith("data:"):
            return _data_uri(src)
        url = urljoin(self.base, src) if self.base else src
        stored = self.urls.get(url) or self.urls.get(src)
        if stored is not None:
            return _read(stored)
        if _is_url(src) or self.folder is None:
            return None
        relative = unquote(urlsplit(src).path)
        if not relative or relative.startswith("/"):
            return None
        folder = self.folder.resolve()
        path = (folder / relative).resolve()
        if not path.is_relative_to(folder):
            return None
        return _read(path)


def _is_url(src: str) -> bool:
    return bool(urlsplit(src).scheme) or src.startswith("//")


def _read(path: Path) -> bytes | None:
    try:
        if not path.is_file() or path.stat().st_size > MAX_PICTURE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _data_uri(src: str) -> bytes | None:
    match = _DATA_URI.match(src)
    if match is None or len(src) > MAX_PICTURE_BYTES * 4 // 3 + 1024:
        return None
    payload = src[match.end() :]
    if ";base64" not in (match.group(1) or "").lower():
        return unquote(payload).encode("latin-1", errors="ignore")
    try:
        return base64.b64decode("".join(payload.split()), validate=False)
    except (binascii.Error, ValueError):
        return None
