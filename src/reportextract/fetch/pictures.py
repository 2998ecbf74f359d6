"""A fetched report page's pictures, found in its corpus by the URLs its body names."""

from __future__ import annotations

from pathlib import Path

from .errors import ManifestError
from .manifest import ROLE_ARTICLE, ROLE_ATTACHMENT, ROLE_IMAGE, load_manifest


def corpus_pictures(corpus: Path, document: Path) -> tuple[str | None, dict[str, Path]]:
    """The URL a corpus document was fetched from (None if the manifest does not name it)
    and the pictures the corpus holds, by URL (as asked and after redirects); nothing
    from a manifest that cannot be read (the page is read without its pictures)."""
    root = corpus.resolve()
    target = document.resolve()
    page_url: str | None = None
    pictures: dict[str, Path] = {}
    try:
        entries = load_manifest(root, documents_only=False)
    except ManifestError:
        return None, {}
    for entry in entries:
        if not entry.held or not entry.path:
            continue
        path = root / entry.path
        if entry.role == ROLE_ARTICLE and page_url is None and path == target:
            page_url = entry.final_url or entry.url
        elif entry.role in (ROLE_IMAGE, ROLE_ATTACHMENT):
            for url in (entry.url, entry.final_url):
                if url:
                    pictures.setdefault(url, path)
    return page_url, pictures
