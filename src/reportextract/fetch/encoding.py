"""Decoding web pages: declared charsets first (GB-family read as GB18030), detection otherwise."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def normalise_encoding(name: str) -> str | None:
    """The Python codec to use for a declared charset, or None when it is unknown.

    Every GB-family name maps to gb18030, a superset that also reads the characters
    sites put into pages declared gb2312.
    """
    label = name.strip().strip("\"'").lower()
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if codec in _GB_FAMILY else codec


def declared_encodings(body: bytes, content_type: str | None) -> list[str]:
    """Charsets declared by the BOM, the Content-Type header and the page's <meta>, in that order."""
    found: list[str] = []
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            found.append(name)
    if content_type and (header := _HEADER_CHARSET.search(content_type)):
        found.append(header.group(1))
    if meta := _META_CHARSET.search(body[:4096]):
        found.append(meta.group(1).decode("ascii", "replace"))
    codecs_found = [c for c in (normalise_encoding(n) for n in found) if c]
    return list(dict.fromkeys(codecs_found))


def decode_page(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode an HTML page; return its text and the encoding used.

    A declared charset is used when the bytes decode under it; sites do mislabel GBK pages as
    UTF-8 and the reverse, so a failing declaration falls through to the next one and then to
    detection with charset-normalizer.
    """
    for encoding in declared_encodings(body, content_type):
        try:
            return _strip_bom(body.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    try:
        return _strip_bom(body.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(body).best()
    if best is not None and best.encoding:
        encoding = normalise_encoding(best.encoding) or best.encoding
        return body.decode(encoding, errors="replace"), encoding
    return body.decode("gb18030", errors="replace"), "gb18030"


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text
