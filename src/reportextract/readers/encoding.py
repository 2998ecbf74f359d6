"""Decoding document bytes to text.

Chinese government pages lie about their encoding often enough that a declaration is
only one clue among several. The order of trust:

1. a byte-order mark;
2. strict UTF-8 (GBK text practically never passes it, so a page declared UTF-8 that
   is really GBK falls through to the next steps);
3. the declared charset, with the GB family (gb2312, gbk, cp936, …) widened to its
   superset GB18030 and Big5 to Big5-HKSCS;
4. GB18030 when it decodes cleanly into ordinary simplified Chinese;
5. charset-normalizer's guess;
6. the best lenient decoding, with replacement characters.
"""

from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
}
# Python's codec names for the aliases people write in <meta charset>.
_GB_ALIASES = {
    "cp936",
    "ms936",
    "windows-936",
    "x-gbk",
    "euc-cn",
    "euccn",
    "gb_2312-80",
    "csgb2312",
}
# Declarations that say nothing useful about CJK text: any byte decodes, so we verify.
_WEAK = {"latin-1", "iso8859-1", "cp1252", "windows-1252", "iso-8859-1"}

# A replacement character per this many non-ASCII characters is still "mostly right".
_LENIENT_RATIO = 200


def normalise_encoding(name: str | None) -> str | None:
    """Python's codec name for a declared charset, widened to its superset; None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in _GB_ALIASES:
        return "gb18030"
    try:
        canonical = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(canonical, canonical)


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; return the text and the encoding used."""
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(bom_encoding, errors="replace"), bom_encoding

    utf8 = _strict_or_truncated(data, "utf-8")
    if utf8 is not None:
        return utf8, "utf-8"

    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16

    encoding = normalise_encoding(declared)
    if encoding and encoding != "utf-8" and encoding not in _WEAK:
        text = _strict_or_truncated(data, encoding)
        if text is not None:
            return text, encoding

    gb = _strict_or_truncated(data, "gb18030")
    if gb is not None and _looks_like_simplified_chinese(gb):
        return gb, "gb18030"

    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.encoding:
        guessed = normalise_encoding(guess.encoding) or guess.encoding
        text = _strict_or_truncated(data, guessed)
        if text is not None:
            return text, guessed

    if encoding in _WEAK:
        return data.decode(encoding, errors="replace"), encoding
    return _least_damaged(data, [e for e in (encoding, "gb18030", "utf-8") if e])


def _strict_or_truncated(data: bytes, encoding: str) -> str | None:
    """Strict decoding, forgiving a sequence cut off at the very end or a rare bad byte."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 4:
            return data[: error.start].decode(encoding, errors="replace") + "\ufffd"
    except LookupError:
        return None
    text = data.decode(encoding, errors="replace")
    non_ascii = sum(1 for char in text if char >= "\u0080")
    if text.count("\ufffd") * _LENIENT_RATIO <= non_ascii:
        return text
    return None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: ASCII-range text leaves a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8 or sample.count(0) < len(sample) // 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    text = _strict_or_truncated(data, encoding)
    return (text, encoding) if text is not None else None


def _looks_like_simplified_chinese(text: str) -> bool:
    """Most CJK characters of simplified Chinese prose lie in GB2312's common set.

    Big5 or Shift-JIS bytes read as GB18030 decode "successfully" into rare extension
    characters, which this rejects.
    """
    cjk = common = 0
    for char in text:
        if char < "\u0080":
            continue
        if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
            cjk += 1
            try:
                char.encode("gb2312")
                common += 1
            except UnicodeEncodeError:
                pass
            if cjk >= 5000:
                break
        elif unicodedata.category(char) in ("Co", "Cn", "Cs"):
            return False
    return cjk > 0 and common >= 0.9 * cjk


def _least_damaged(data: bytes, encodings: list[str]) -> tuple[str, str]:
    best: tuple[int, str, str] | None = None
    for encoding in dict.fromkeys(encodings):
        try:
            text = data.decode(encoding, errors="replace")
        except LookupError:
            continue
        damage = text.count("\ufffd")
        if best is None or damage < best[0]:
            best = (damage, text, encoding)
    assert best is not None
    return best[1], best[2]
