"""One reader per format, all producing a `Layout`; `read_layout` picks the reader.

The format is told by the bytes (magic numbers, markup), not by the file name alone:
an error page saved as ``.pdf`` is HTML, a ``.doc`` may be a DOCX.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from ..errors import DAMAGED_ZIP, EmptyDocument, MissingDependency, UnsupportedFormat
from ..layout import Layout
from .pictures import PictureFiles

MAX_BYTES = 200 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_HINTS = (b"<html", b"<!doctype html", b"<body", b"<head", b"<p", b"<div", b"<table", b"<meta")
_IMAGE_MAGIC = {
    b"\xff\xd8\xff": "jpeg",
    b"\x89PNG\r\n\x1a\n": "png",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
}
TEXT_SUFFIXES = frozenset({".txt", ".text", ".tsv", ".csv", ""})


def sniff_format(data: bytes, name: str = "") -> str:
    """pdf, docx, ole (doc/wps), html, image, txt — from the bytes, the name only breaks ties."""
    if not data:
        raise EmptyDocument("empty file")
    head = data[:2048]
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except DAMAGED_ZIP as exc:
            raise UnsupportedFormat(f"broken ZIP container: {exc}") from exc
        raise UnsupportedFormat("ZIP archive that is not a Word document")
    if head.startswith(_OLE_MAGIC):
        return "ole"
    for magic, _kind in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            return "image"
    lowered = stripped[:1024].lower()
    if lowered.startswith(b"<") and any(hint in lowered for hint in _HTML_HINTS):
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".shtml", ".xhtml") and b"<" in lowered:
        return "html"
    if _looks_binary(head):
        raise UnsupportedFormat(f"unrecognised binary content ({_describe(name)})")
    return "txt"


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    control = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return control > len(head) * 0.05


def _describe(name: str) -> str:
    return f"file {Path(name).name!r}" if name else "no file name"


def read_layout(
    data: bytes, name: str = "", kind: str | None = None, pictures: PictureFiles | None = None
) -> Layout:
    """Read any supported document into a `Layout`; DocumentError for what cannot be read.
    ``pictures`` finds the picture files a web page refers to."""
    kind = kind or sniff_format(data, name)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data)
    if kind == "ole":
        from .docx import read_docx
        from .office import convert_with_libreoffice

        suffix = Path(name).suffix.lower() or ".doc"
        return _as_format(read_docx(convert_with_libreoffice(data, suffix, target="docx")), "doc")
    if kind == "html":
        from .html import read_html

        return read_html(data, pictures=pictures)
    if kind == "image":
        try:
            from .image import read_image
        except ImportError as exc:  # numpy and the OCR packages come with the extra
            from .ocr.extra import INSTALL_HINT

            raise MissingDependency(f"images are read by OCR, which needs {INSTALL_HINT}") from exc
        return read_image(data)
    from .encoding import decode_text
    from .text import read_text

    text, _encoding = decode_text(data)
    return read_text(text)


def _as_format(layout: Layout, fmt: str) -> Layout:
    layout.format = fmt
    return layout
