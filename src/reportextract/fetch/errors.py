"""Errors of the fetch stage; all of them are `ReportExtractError`s."""

from __future__ import annotations

from ..errors import ReportExtractError


class FetchError(ReportExtractError):
    """Base of the fetch stage's errors."""


class SourcesFileError(FetchError):
    """The sources file is missing, not YAML, or does not describe sources."""


class ManifestError(FetchError):
    """The corpus manifest cannot be read."""


class DownloadError(FetchError):
    """One URL could not be fetched; the message is the reason recorded in the manifest."""

    def __init__(self, reason: str, *, status: int | None = None, final_url: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.final_url = final_url


class RefusedURL(DownloadError):
    """A URL breaks the fetch policy (scheme, host, private address, robots.txt)."""


class TooLarge(DownloadError):
    """A response is larger than the size cap."""
