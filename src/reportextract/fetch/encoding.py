"""Decoding fetched pages: the Content-Type's charset is one more declaration for the readers' decoder."""

from __future__ import annotations

import re

from ..readers.encoding import decode_text
from ..readers.html import sniff_charset

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_page(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode an HTML page; return its text and the encoding used.

    The charset of the Content-Type header counts before the page's own <meta>; either is
    only a clue (`reportextract.readers.encoding.decode_text` verifies it against the bytes).
    """
    header = _HEADER_CHARSET.search(content_type or "")
    declared = header.group(1) if header else sniff_charset(body)
    return decode_text(body, declared)
