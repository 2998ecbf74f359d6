"""What kind of file a URL or a response is: the extension it is stored under."""

from __future__ import annotations

import posixpath
from email.message import Message
from urllib.parse import parse_qsl, unquote, urlsplit

DOCUMENT_EXTENSIONS = frozenset({"pdf", "doc", "docx", "wps", "ofd", "rtf", "txt"})
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "tif", "tiff", "bmp", "webp"})
PAGE_EXTENSIONS = frozenset({"html", "htm", "shtml", "xhtml", "jsp", "php", "asp", "aspx"})

_CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/kswps": "wps",
    "application/vnd.ms-works": "wps",
    "application/ofd": "ofd",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "text/plain": "txt",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/tiff": "tif",
    "image/bmp": "bmp",
    "image/webp": "webp",
}


def name_extension(name: str) -> str:
    """The lower-case extension of a file name ('' when it has none)."""
    _, dot, ext = posixpath.basename(name.strip().strip("\"'")).rpartition(".")
    return ext.lower() if dot and ext.isalnum() else ""


def url_extension(url: str) -> str:
    """The lower-case extension of the URL's path ('' when it has none)."""
    return name_extension(unquote(urlsplit(url).path))


def named_extension(url: str) -> str:
    """The extension of the file a URL names: its path's, else a file name in its query.

    Download endpoints look like ``/module/download/downfile.jsp?filename=2024nb.pdf``.
    """
    ext = url_extension(url)
    if ext and ext not in PAGE_EXTENSIONS:
        return ext
    for _, value in parse_qsl(urlsplit(url).query):
        candidate = name_extension(value)
        if candidate in DOCUMENT_EXTENSIONS or candidate in IMAGE_EXTENSIONS:
            return candidate
    return ext


def disposition_filename(header: str | None) -> str | None:
    """The file name a Content-Disposition header gives (RFC 6266 filename* first)."""
    if not header:
        return None
    message = Message()
    message["content-disposition"] = header
    name = message.get_filename()
    return name or None


def is_attachment_url(url: str) -> bool:
    ext = named_extension(url)
    return ext in DOCUMENT_EXTENSIONS or ext in IMAGE_EXTENSIONS


def is_image_url(url: str) -> bool:
    return url_extension(url) in IMAGE_EXTENSIONS


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def sniff_extension(
    head: bytes, url: str, content_type: str | None, filename: str | None = None
) -> str:
    """The extension to store a file under: its magic bytes first, then its name, then its type.

    The name is the Content-Disposition ``filename`` when the server sends one, else the URL's.
    """
    magic = _magic_extension(head)
    by_url = name_extension(filename) if filename else ""
    by_url = by_url or named_extension(url)
    if magic == "ole":
        # DOC and WPS share the OLE container; the URL tells which.
        return by_url if by_url in ("doc", "wps") else "doc"
    if magic == "zip":
        return by_url if by_url in ("docx", "ofd") else ("docx" if b"word/" in head else "zip")
    if magic:
        return magic
    declared = _CONTENT_TYPES.get(media_type(content_type), "")
    if declared == "html" or _looks_like_html(head):
        return "html"
    if by_url in DOCUMENT_EXTENSIONS or by_url in IMAGE_EXTENSIONS:
        return by_url
    return declared or "bin"


def is_html(head: bytes, content_type: str | None) -> bool:
    if _magic_extension(head):
        return False
    return media_type(content_type) in ("text/html", "application/xhtml+xml") or _looks_like_html(
        head
    )


def _magic_extension(head: bytes) -> str:
    start = head.lstrip()[:8]
    if head.startswith(b"%PDF") or start.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tif"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return ""


def _looks_like_html(head: bytes) -> bool:
    sample = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return sample.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<!--")) or (
        b"<html" in sample or b"<body" in sample
    )
