"""Word boundaries from jieba with the domain dictionary ``mappings/jieba-domain.txt``.

The dictionary keeps the terms that carry meaning in these reports whole
(政府信息公开, 依申请公开, 行政复议, 复议后起诉, 信息处理费 …), so that a metric pattern
keyed on a word (公开, 复议) does not fire inside a longer term (依申请公开). jieba is
initialised once per process, on first use, on a private `jieba.Tokenizer` so that other
users of the global tokenizer are not affected, and without its log chatter.
Segmentation runs without the HMM, so it depends on the dictionaries only.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

import jieba

from ..resources import mapping_path

DOMAIN_DICTIONARY = "jieba-domain.txt"

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def tokenizer() -> jieba.Tokenizer:
    """The process's tokenizer, built on first call."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                logging.getLogger("jieba").setLevel(logging.WARNING)
                jieba.setLogLevel(logging.WARNING)
                built = jieba.Tokenizer()
                built.initialize()
                built.load_userdict(str(mapping_path(DOMAIN_DICTIONARY)))
                _tokenizer = built
    return _tokenizer


def words(text: str) -> list[str]:
    return tokenizer().lcut(text, HMM=False)


@lru_cache(maxsize=4096)
def word_starts(text: str) -> frozenset[int]:
    """Offsets in `text` where a word begins (and its end)."""
    starts = {0, len(text)}
    offset = 0
    for word in words(text):
        starts.add(offset)
        offset += len(word)
    return frozenset(starts)
