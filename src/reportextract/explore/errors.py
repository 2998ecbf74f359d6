"""Errors of the exploring commands (query, compare, show, serve)."""

from __future__ import annotations

from ..errors import ReportExtractError


class ExploreError(ReportExtractError):
    """A question about the dataset cannot be answered; the message says why."""


class QueryError(ExploreError):
    """The SQL is not a read query, or DuckDB rejected it."""


class NotFound(ExploreError):
    """No report, cell or figure matches what was asked for."""
