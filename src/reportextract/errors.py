"""Every error reportextract raises on purpose, in one tree.

A `DocumentError` is about one document: the batch records it on that document's
`reports` row (status ``failed``) and goes on. Anything else is a bug.
"""

from __future__ import annotations

import zipfile
import zlib


class ReportExtractError(Exception):
    """Base of all errors raised by reportextract."""


class DocumentError(ReportExtractError):
    """A document cannot be read or is not a report; the message is the recorded reason."""


class EmptyDocument(DocumentError):
    pass


class UnsupportedFormat(DocumentError):
    pass


class CorruptDocument(DocumentError):
    pass


class EncryptedDocument(DocumentError):
    pass


class NotAReport(DocumentError):
    pass


class DocumentTooLarge(DocumentError):
    pass


class MissingDependency(DocumentError):
    """An optional extra (OCR, LibreOffice) is needed for this document but absent."""


class ConfigurationError(DocumentError):
    """A setting of the run (an environment variable) names nothing this installation
    has; every document that needs it fails with the message, the others are read."""


class DatasetError(ReportExtractError):
    """The output dataset is locked, corrupt or not a reportextract dataset."""


class NothingToExtract(ReportExtractError):
    """The inputs of a run name no document at all (empty folders, patterns matching nothing)."""


class MissingExtra(ReportExtractError):
    """A command needs an optional extra that is not installed; the message says how to add it."""


# What opening or reading a damaged ZIP container (a Word file) raises: a bad directory, a
# version field no reader knows (NotImplementedError), a member offset before the file's
# start (ValueError: negative seek), a truncated or corrupt stream.
DAMAGED_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    OSError,
    EOFError,
    ValueError,
)
