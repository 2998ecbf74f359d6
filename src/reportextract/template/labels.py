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
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz.distance import Indel

from ..caching import cached, compile_pattern, file_key, package_version
from ..resources import import_without_pkg_resources

zhconv = import_without_pkg_resources("zhconv")

_CN_DIGITS = "一二三四五六七八九十"
_NUMBERING = compile_pattern(
    rf"""^(?:
        [(（]\s*[{_CN_DIGITS}]+\s*[)）]\s*[、.．]?     # （一）
      | [(（]\s*\d+\s*[)）]\s*[、.．]?                 # （1）
      | [{_CN_DIGITS}]+\s*[、.．]                      # 三、
      | \d+\s*[、.．,，·•・](?!\d)                    # 1.  1、  3· (OCR's point)
      | 第[{_CN_DIGITS}\d]+[项条]
    )\s*""",
    re.X,
)
_BRACKETED = compile_pattern(r"[(（][^()（）]*(?:[)）]|$)")
_DROP = compile_pattern(r"[\s\"'“”‘’「」『』《》〈〉<>:：,，.。;；、·•\-—_/|]+")


@dataclass(frozen=True, slots=True)
class Label:
    printed: str
    numbering: str
    words: str


@lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    if not _prints_a_changed_word(text):
        return text  # what zhconv returns, without loading its dictionary
    return str(zhconv.convert(text, "zh-cn"))


def _prints_a_changed_word(text: str) -> bool:
    """Whether a word that zhconv's zh-cn conversion changes is in ``text`` (where none is,
    every word it matches maps to itself: the text comes back as it was)."""
    changed = _changed_words()
    return any(
        text.startswith(word, start)
        for start, character in enumerate(text)
        for word in changed.get(character, ())
    )


@cache
def _changed_words() -> dict[str, tuple[str, ...]]:
    """The words of zhconv's zh-cn dictionary that it converts to something else, by their
    first character: from the cache (the dictionary takes ~12 ms to load, for the rare
    label that needs it)."""
    source = Path(str(zhconv.__file__)).parent / "zhcdict.json"
    key = f"zhconv {package_version('zhconv')} {file_key(source)}"

    def build() -> dict[str, tuple[str, ...]]:
        by_first: dict[str, list[str]] = {}
        for word, converted in zhconv.zhconv.getdict("zh-cn").items():
            if word and word != converted:
                by_first.setdefault(word[0], []).append(word)
        return {first: tuple(sorted(words)) for first, words in sorted(by_first.items())}

    value: dict[str, tuple[str, ...]] = cached("zhconv-changed-words", key, build)
    return value


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
