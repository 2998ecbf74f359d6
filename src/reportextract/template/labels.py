"""Normalising the labels real reports print.

Real reports print the template's labels with full-width, half-width or spaced
brackets, with or without numbering (``1.``, ``1、``, ``（一）``, ``三、``), one character
per line, with notes in brackets, in traditional characters and with typos. The
normalised form keeps only the words, so that labels can be compared with the label
maps in ``mappings/``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from ..resources import import_without_pkg_resources

zhconv = import_without_pkg_resources("zhconv")

_CN_DIGITS = "一二三四五六七八九十"
_NUMBERING = re.compile(
    rf"""^(?:
        [(（]\s*[{_CN_DIGITS}]+\s*[)）]\s*[、.．]?     # （一）
      | [(（]\s*\d+\s*[)）]\s*[、.．]?                 # （1）
      | [{_CN_DIGITS}]+\s*[、.．]                      # 三、
      | \d+\s*[、.．,，·•・](?!\d)                    # 1.  1、  3· (OCR's point)
      | 第[{_CN_DIGITS}\d]+[项条]
    )\s*""",
    re.X,
)
_BRACKETED = re.compile(r"[(（][^()（）]*(?:[)）]|$)")
_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>:：,，.。;；、·•\-—_/|]+")


@dataclass(frozen=True, slots=True)
class Label:
    printed: str
    numbering: str
    words: str


@lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    return str(zhconv.convert(text, "zh-cn"))


def split_numbering(text: str) -> tuple[str, str]:
    """('（三）', '不予公开') from '（三）不予公开', after NFKC and whitespace removal."""
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    match = _NUMBERING.match(compact)
    if not match:
        return "", compact
    return match.group(0), compact[match.end() :]


@lru_cache(maxsize=8192)
def normalize_label(text: str) -> Label:
    numbering, rest = split_numbering(text)
    rest = to_simplified(rest)
    without_notes = _BRACKETED.sub("", rest) or rest
    words = _DROP.sub("", without_notes)
    return Label(printed=text, numbering=numbering, words=words)


@lru_cache(maxsize=65536)
def similarity(printed: str, label: str) -> float:
    """How alike a printed label is to a template label, 0..1.

    A printed label that contains the whole template label (with a note appended) scores
    high; a fragment of the template label scores only its plain similarity.
    """
    if not printed or not label:
        return 0.0
    if printed == label:
        return 1.0
    ratio = Indel.normalized_similarity(printed, label)
    if len(label) >= 2 and label in printed:
        ratio = max(ratio, 0.6 + 0.4 * len(label) / len(printed))
    return ratio
