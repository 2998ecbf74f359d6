"""Word boundaries from jieba with the domain dictionary ``mappings/jieba-domain.txt``.

The dictionary keeps the terms that carry meaning in these reports whole
(政府信息公开, 依申请公开, 行政复议, 复议后起诉, 信息处理费 …), so that a metric pattern
keyed on a word (公开, 复议) does not fire inside a longer term (依申请公开). jieba is
initialised once per process, on first use, on a private `jieba.Tokenizer` so that other
users of the global tokenizer are not affected, and without its log chatter.
Segmentation runs without the HMM, so it depends on the dictionaries only.

jieba's own start reads its 500,000 words and prefixes into a dict (a second or more).
Here its dictionary is kept, once built, as a trie (marisa-trie) and an array of
frequencies in the cache (`reportextract.caching`), both memory-mapped: opened in a
millisecond, it answers jieba's lookups with the same words and frequencies, so jieba
cuts the same words. Without a cache folder jieba starts as it does on its own.
"""

from __future__ import annotations

import array
import contextlib
import logging
import mmap
import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import marisa_trie

from ..caching import cached_file, file_key, package_version
from ..resources import import_without_pkg_resources, mapping_path

# its HMM (finalseg) loads only if used: words are cut here without it
jieba = import_without_pkg_resources("jieba", deferred=("jieba.finalseg",))

DOMAIN_DICTIONARY = "jieba-domain.txt"

_lock = threading.Lock()
_tokenizer: Any = None


class Frequencies:
    """jieba's ``FREQ`` (every word and every prefix of a word → its frequency, 0 for a
    prefix alone) read from a trie, with the words added to it afterwards (the domain
    dictionary) kept beside it."""

    def __init__(self, trie: marisa_trie.Trie, counts: Sequence[int]) -> None:
        self.trie = trie
        self.counts = counts
        self.added: dict[str, int] = {}

    def __contains__(self, key: object) -> bool:
        return key in self.added or key in self.trie

    def __getitem__(self, key: str) -> int:
        if key in self.added:
            return self.added[key]
        return self.counts[self.trie.key_id(key)]

    def get(self, key: str, default: int | None = None) -> int | None:
        value = self.added.get(key)
        if value is not None:
            return value
        found = self.trie.get(key)
        return default if found is None else self.counts[found]

    def __setitem__(self, key: str, value: int) -> None:
        self.added[key] = value

    def __len__(self) -> int:
        return len(self.trie) + sum(1 for key in self.added if key not in self.trie)

    def __iter__(self) -> Iterator[str]:
        yield from self.trie.keys()
        yield from (key for key in self.added if key not in self.trie)


def _main_dictionary(tokenizer: Any) -> tuple[Frequencies, int] | None:
    """jieba's main dictionary as a trie from the cache (built from jieba's own reading
    the first time); None when the cache cannot hold it."""
    if tokenizer.dictionary is not jieba.DEFAULT_DICT:
        return None
    source = Path(str(jieba.__file__)).resolve().parent / jieba.DEFAULT_DICT_NAME
    key = f"jieba {package_version('jieba')} {file_key(source)}"
    built: dict[str, object] = {}

    def reading() -> dict[str, object]:
        if not built:
            tokenizer.initialize()
            built["freq"], built["total"] = tokenizer.FREQ, tokenizer.total
        return built

    def write_trie(path: Path) -> None:
        marisa_trie.Trie(reading()["freq"]).save(str(path))

    trie_path = cached_file("jieba-words", key, ".marisa", write_trie)
    if trie_path is None:
        return None
    trie = marisa_trie.Trie().mmap(str(trie_path))

    def write_counts(path: Path) -> None:
        freq: dict[str, int] = reading()["freq"]  # type: ignore[assignment]
        counts = array.array("Q", bytes(8 * (len(trie) + 1)))
        counts[0] = int(reading()["total"])  # type: ignore[call-overload]
        for word, count in freq.items():
            counts[trie.key_id(word) + 1] = count
        path.write_bytes(counts.tobytes())

    # jieba's total, then each word's count at its place in the trie: memory-mapped
    for _ in range(2):
        counts_path = cached_file("jieba-counts", f"{key} {len(trie)}", ".u64", write_counts)
        if counts_path is None:
            return None
        try:
            with counts_path.open("rb") as handle:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # gone, or empty
            mapped = None
        if mapped is not None and len(mapped) == 8 * (len(trie) + 1):
            view = memoryview(mapped).cast("Q")
            total, counts = view[0], view[1:]
            break
        with contextlib.suppress(OSError):  # damaged: built again
            counts_path.unlink()
    else:
        return None
    return Frequencies(trie, counts), total


def tokenizer() -> Any:
    """The process's tokenizer, built on first call."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                logging.getLogger("jieba").setLevel(logging.WARNING)
                jieba.setLogLevel(logging.WARNING)
                built = jieba.Tokenizer()
                main = _main_dictionary(built)
                if main is not None and not built.initialized:
                    built.FREQ, built.total = main
                    built.initialized = True
                built.initialize()  # no-op once the trie stands in
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
