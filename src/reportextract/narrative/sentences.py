"""Sentences and clauses of the analysis text.

A sentence ends at 。！？ (with any closing quote or bracket after it) or at a paragraph
break; a clause ends at a comma, semicolon, colon or bracket. Offsets are into the
analysis text of `normalize`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

SENTENCE_ENDS = frozenset("。！？!?\n")
CLAUSE_BREAKS = frozenset("，,；;：:（）()【】[]") | SENTENCE_ENDS
OPENING = frozenset("（([【")
_SENTENCE_END = re.compile("\n|[。！？!?][”’」』]*")
CLOSING = frozenset("）)]】")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


class Sentences:
    """The sentences of a text, found once; lookups by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[Sentence] = []
        start = 0
        for end in _SENTENCE_END.finditer(text):
            # a paragraph break is not part of the sentence it ends
            self._add(start, end.start() if end.group() == "\n" else end.end())
            start = end.end()
        self._add(start, len(text))
        self._starts = [span.start for span in self.spans]

    def _add(self, start: int, end: int) -> None:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end > start:
            self.spans.append(Sentence(start, end))

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the last one starting at or before it)."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def at(self, offset: int) -> Sentence:
        return self.spans[self.index_at(offset)]


MAX_CLAUSE = 300  # glued table text can run for pages without punctuation


def clause_start(text: str, offset: int, floor: int, *, through_brackets: bool = False) -> int:
    """Start of the clause that holds `offset`, not before `floor` nor MAX_CLAUSE back.

    With `through_brackets`, a bracket opened and closed inside the clause is part of it
    (主动公开区政府（含区政府办公室）各类信息 is one clause)."""
    floor = max(floor, offset - MAX_CLAUSE)
    index = offset
    while index > floor:
        char = text[index - 1]
        if through_brackets and char in CLOSING:
            opening = _opening_bracket(text, index - 1, floor)
            if opening is not None:
                index = opening
                continue
        if char in CLAUSE_BREAKS:
            break
        index -= 1
    return index


def _opening_bracket(text: str, closing: int, floor: int) -> int | None:
    """Offset of the bracket that `text[closing]` closes, None if it opens before `floor`
    or a sentence ends in between."""
    depth = 0
    for index in range(closing, floor - 1, -1):
        char = text[index]
        if char in CLOSING:
            depth += 1
        elif char in OPENING:
            depth -= 1
            if depth == 0:
                return index
        elif char in SENTENCE_ENDS:
            return None
    return None


def clause_end(text: str, offset: int, ceiling: int) -> int:
    """End of the clause that holds `offset`, not after `ceiling` nor MAX_CLAUSE on."""
    ceiling = min(ceiling, offset + MAX_CLAUSE)
    index = offset
    while index < ceiling and text[index] not in CLAUSE_BREAKS:
        index += 1
    return index


def bracket_depths(text: str, start: int, end: int) -> list[int]:
    """Bracket nesting depth at each offset of text[start:end] (never below zero)."""
    depths: list[int] = []
    depth = 0
    for char in text[start:end]:
        if char in CLOSING:
            depth = max(depth - 1, 0)
        depths.append(depth)
        if char in OPENING:
            depth += 1
    return depths
