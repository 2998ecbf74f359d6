"""reportextract: Chinese government information-disclosure annual reports as tidy data.

    import reportextract

    report = reportextract.extract("report.pdf")   # never raises for a bad document (OSError for no file)
    report.status, report.error                    # ok / partial / failed, and why
    for cell in report.cells: ...                  # Cell: table, row_code, col_code, value, text, page, bbox
    for figure in report.figures: ...              # Figure: metric, value, unit, text, sentence
    for check in report.checks: ...                # Check: check, scope, expected, actual, passed, detail

Errors reportextract raises on purpose derive from `ReportExtractError`; a
`DocumentError` is about one document (`extract` records it on the Report instead).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import dataclass_code  # noqa: F401  # first: before the package's dataclasses
from .errors import (
    ConfigurationError,
    CorruptDocument,
    DatasetError,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    MissingDependency,
    MissingExtra,
    NotAReport,
    NothingToExtract,
    ReportExtractError,
    UnsupportedFormat,
)
from .model import Cell, Check, Figure, Report

if TYPE_CHECKING:
    from .pipeline import extract

__version__ = "0.1.0"

__all__ = [
    "Cell",
    "Check",
    "ConfigurationError",
    "CorruptDocument",
    "DatasetError",
    "DocumentError",
    "DocumentTooLarge",
    "EmptyDocument",
    "EncryptedDocument",
    "Figure",
    "MissingDependency",
    "MissingExtra",
    "NotAReport",
    "NothingToExtract",
    "Report",
    "ReportExtractError",
    "UnsupportedFormat",
    "__version__",
    "extract",
]


def __getattr__(name: str) -> Any:
    # extract() loads the readers, the template and jieba: only when it is asked for
    if name == "extract":
        from .pipeline import extract

        return extract
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
