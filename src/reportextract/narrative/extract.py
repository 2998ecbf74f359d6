"""Figures of a document's narrative text: the narrative stage of the pipeline."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..layout import DocumentText
from ..model import Figure
from .normalize import AnalysisText, normalize
from .numbers import Quantity, find_quantities
from .patterns import Catalogue, ZeroStatement, catalogue
from .sentences import Sentence, Sentences
from .tagging import Tagger

NO_METRIC: list[str | None] = [None]
SECTION_HEADING = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、")


def extract_figures(doc: DocumentText | str) -> list[Figure]:
    """Every number with a unit stated in a text, with the metric it states where known.

    `doc` is a plain string (any text: a paragraph, a page, a whole report) or the
    `DocumentText` of a document, whose page map then gives each figure its page (and whose
    tables tell what the document states elsewhere: 办理N件 is the answered count where its
    表三 states the received one).
    Offsets (`char_start`, `char_end`) are into that text; `text` and `sentence` are as
    printed with line breaks and layout spaces removed. A statement of none (未收到政府信息
    公开申请) is a figure of value 0; a count said of two metrics (收到并答复申请5件) is two
    figures, one per metric, with the same offsets.

        >>> [(f.metric, f.value) for f in extract_figures("本年度共受理36件政府信息公开申请。")]
        [('requests.received', 36.0)]
    """
    if isinstance(doc, str):
        doc = DocumentText(doc, [(0, None)])
    analysis = normalize(doc.text, doc.page_starts)
    patterns = catalogue()
    sentences = Sentences(analysis.text)
    quantities = find_quantities(analysis.text, sentences, patterns)
    quantities = _with_zero_statements(analysis.text, sentences, quantities, patterns)
    tagged = Tagger(analysis.text, sentences, patterns, doc.table_text).tag_all(quantities)
    return [
        _figure(doc, analysis, sentences, quantity, metric)
        for quantity, metrics in zip(quantities, tagged, strict=True)
        for metric in (metrics or NO_METRIC)
    ]


def _with_zero_statements(
    text: str, sentences: Sentences, quantities: list[Quantity], patterns: Catalogue
) -> list[Quantity]:
    """Add 未收取信息处理费 and the like as figures of value 0, unless they overlap a number
    or an earlier statement of zero for the same metric, or their sentence lacks the words
    the statement needs (未收取任何费用 is about fees where the sentence speaks of applications)."""
    numbers = [(q.start, q.end) for q in quantities]
    zeros: list[Quantity] = []
    near: dict[str, list[Sentence]] = {}  # the sentences holding each `near`, found once
    for statement in patterns.zero_statements:
        for match in _statement_matches(text, sentences, statement, near):
            if _overlaps(match.start(), match.end(), numbers):
                continue
            if statement.sentence is not None:
                sentence = sentences.at(match.start())
                if not statement.sentence.search(text, sentence.start, sentence.end):
                    continue
            if statement.heading is not None and not statement.heading.search(
                _under_heading(text, match.start())
            ):
                continue
            for metric in statement.metrics:
                same = [(z.start, z.end) for z in zeros if z.zero_metric == metric]
                if not _overlaps(match.start(), match.end(), same):
                    zeros.append(
                        Quantity(
                            match.start(), match.end(), 0.0, statement.unit, zero_metric=metric
                        )
                    )
    return sorted([*quantities, *zeros], key=lambda q: (q.start, q.end))


def _statement_matches(
    text: str, sentences: Sentences, statement: ZeroStatement, near: dict[str, list[Sentence]]
) -> Iterator[re.Match[str]]:
    """The matches of a statement's regex, in the sentences holding its `near` words."""
    if statement.near is None:
        yield from statement.regex.finditer(text)
        return
    key = statement.near.pattern
    if key not in near:
        near[key] = []
        position = 0
        while (word := statement.near.search(text, position)) is not None:
            sentence = sentences.at(word.start())
            near[key].append(sentence)
            position = max(sentence.end, word.end())
    for sentence in near[key]:
        yield from statement.regex.finditer(text, sentence.start, sentence.end)


def _under_heading(text: str, position: int) -> str:
    """The text from the last section heading before `position` (in its line or the line
    before: （三）依申请公开\n本年度无申请) up to it."""
    line = text.rfind("\n", 0, position)
    previous = text.rfind("\n", 0, max(line, 0)) + 1 if line >= 0 else 0
    before = text[previous:position]
    headings = list(SECTION_HEADING.finditer(before))
    return before[headings[-1].end() :] if headings else before


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _figure(
    doc: DocumentText,
    analysis: AnalysisText,
    sentences: Sentences,
    quantity: Quantity,
    metric: str | None,
) -> Figure:
    char_start, char_end = analysis.span_in_original(quantity.start, quantity.end)
    sentence = sentences.at(quantity.start)
    return Figure(
        value=quantity.value,
        unit=quantity.unit,
        text=analysis.printed[quantity.start : quantity.end],
        sentence=analysis.printed[sentence.start : sentence.end],
        char_start=char_start,
        char_end=char_end,
        page=doc.page_at(char_start),
        metric=metric,
        qualifier=quantity.qualifier,
    )
