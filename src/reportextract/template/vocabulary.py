"""The words that tell the template's tables in a document (``vocabulary:`` in
mappings/templates.yaml), for the readers that look for them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..caching import compile_pattern
from ..resources import load_yaml

# Sections of templates.yaml that are not text the tables print.
_NOT_PRINTED = ("rules", "vocabulary")


@dataclass(frozen=True, slots=True)
class CrawledTables:
    """Where an edition's tables begin and end in crawled text (no end: the end of the
    text), and words only those tables print."""

    start: re.Pattern[str]
    end: re.Pattern[str] | None
    markers: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    table_words: re.Pattern[str]
    header_words: tuple[str, ...]
    report_words: tuple[str, ...]
    crawled_tables: tuple[CrawledTables, ...]
    section_title: re.Pattern[str]
    printed_text: tuple[str, ...]


def _any_of(words: list[str]) -> re.Pattern[str]:
    return compile_pattern("|".join(re.escape(word) for word in words))


@cache
def vocabulary() -> Vocabulary:
    data = load_yaml("templates.yaml")["vocabulary"]
    return Vocabulary(
        table_words=_any_of(data["table_words"]),
        header_words=tuple(data["header_words"]),
        report_words=tuple(data["report_words"]),
        crawled_tables=tuple(
            CrawledTables(
                start=compile_pattern(span["start"]),
                end=compile_pattern(span["end"]) if span.get("end") else None,
                markers=_any_of(span["markers"]),
            )
            for span in data["crawled_tables"]
        ),
        section_title=compile_pattern(data["section_title"]),
        printed_text=tuple(data["printed_text"]),
    )


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


@cache
def table_characters() -> frozenset[str]:
    """Every Chinese character the template's tables print: their labels and header words
    in every edition, and their other printed text (a prior for reading them by OCR)."""
    data = load_yaml("templates.yaml")
    printed = {key: value for key, value in data.items() if key not in _NOT_PRINTED}
    texts = [*_strings(printed), *vocabulary().printed_text]
    return frozenset(ch for text in texts for ch in text if "\u4e00" <= ch <= "\u9fff")
