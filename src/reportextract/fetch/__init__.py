"""Collect reports from government websites into a corpus with a manifest.

from reportextract.fetch import load_catalog, fetch_sources, load_manifest

catalog = load_catalog()                      # bundled mappings/sources.yaml
summary = fetch_sources(catalog.select(["pingtan"]), "corpus/")
for entry in load_manifest("corpus/"):        # one row per report page / attachment
    print(entry.url, entry.path)
"""

from __future__ import annotations

from .client import USER_AGENT
from .crawler import FetchSummary, fetch_sources
from .errors import DownloadError, FetchError, ManifestError, RefusedURL, SourcesFileError, TooLarge
from .manifest import ManifestEntry, documents_by_path, load_manifest, write_manifest
from .policy import ANY_HOST, UrlPolicy
from .sources import Catalog, Source, load_catalog, load_sources, mapping_path

__all__ = [
    "ANY_HOST",
    "USER_AGENT",
    "Catalog",
    "DownloadError",
    "FetchError",
    "FetchSummary",
    "ManifestEntry",
    "ManifestError",
    "RefusedURL",
    "Source",
    "SourcesFileError",
    "TooLarge",
    "UrlPolicy",
    "documents_by_path",
    "fetch_sources",
    "load_catalog",
    "load_manifest",
    "load_sources",
    "mapping_path",
    "write_manifest",
]
