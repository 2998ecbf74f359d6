"""Numbers with a unit in the analysis text: 1202条, 5500余条, 一千二百零二条, 1.2万条, 33.3%,
百分之三十三点三, 近1000条, and signed changes (较上年下降12.3% → -12.3; 与上年持平 → 0).

jieba splits Chinese numerals into pieces, so numbers are found by rules. A number needs a
unit from ``mappings/narrative.yaml``: years, dates, phone numbers, postcodes, document
numbers (〔2026〕2号) and section numbers (一、 3.) have none and are never figures;
ordinals (第二十条, 第1期) and vague amounts (数十条) are skipped too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .numerals import CHINESE_NUMERAL_CHARS, parse_number
from .patterns import Catalogue
from .sentences import Sentences, clause_start

# more than 15 digits in a row are table cells glued together, not a number
ARABIC = r"(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d{1,6})?"
CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
NOT_BEFORE_ANY = frozenset("第每")
NOT_BEFORE_ARABIC = frozenset("0123456789.-/_~～—–－+#:：")
NOT_BEFORE_CHINESE = frozenset(CHINESE_NUMERAL_CHARS) | frozenset("上数几")  # 上百, 数十: vague
BIG_UNITS = {"万": "万元", "亿": "亿元"}
COMPARISON_LOOKBACK = 200  # how far back in its sentence a change looks for 较/同比
NONE_LOOKBACK = 6  # how far back a number looks for words of none (未出现一例)
UNITLESS_LOOKBACK = 48  # how far back a count without a unit looks for its words
# a number ending a clause, opening a list (其中, 分别为), or right after a word that says
# it is a count (信息数量304利用…: a text export that lost the unit and the comma), or
# before 余/多 where a line ends (公开政府信息260余\n: the unit lost to the break)
BARE_NUMBER = re.compile(
    r"(?<=[\u4e00-\u9fff])\d{1,6}(?=[，,。；;\n]|其中|分别|$|[余多][ \t]*(?:\n|$))"
    r"|(?<=数量)\d{1,6}(?![\d.])"
)


@dataclass(slots=True)
class Quantity:
    """A number and its unit as found in the analysis text; [start, end) spans number and unit."""

    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None = None
    change: bool = False
    lead: int = -1  # where the words before the number end (before a qualifier such as 近)
    zero_metric: str | None = None  # set for a statement of zero (未收取信息处理费)

    def __post_init__(self) -> None:
        if self.lead < 0:
            self.lead = self.start


def _unit_alternation(catalogue: Catalogue) -> str:
    parts = []
    for unit in catalogue.units:
        stop = catalogue.unit_not_followed_by.get(unit)
        escaped = re.escape(unit)
        parts.append(f"{escaped}(?!{stop})" if stop else escaped)
    return "|".join(parts)


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _quantity_pattern(catalogue: Catalogue) -> re.Pattern[str]:
    return re.compile(
        f"(?P<pre>{_words(catalogue.qualifiers_before)})?"
        f"(?:百分之(?P<pct>{ARABIC}|{CHINESE})"
        f"|(?P<num>{ARABIC}[万亿千]?|{CHINESE})(?P<mid>{_words(catalogue.qualifiers_after_number)})?"
        f"(?P<unit>{_unit_alternation(catalogue)}))"
        f"(?P<post>{_words(catalogue.qualifiers_after_unit)})?"
    )


def _acceptable_start(text: str, start: int, number: str) -> bool:
    if start == 0:
        return True
    previous = text[start - 1]
    if previous in NOT_BEFORE_ANY:
        return False
    if number[0].isascii():
        if previous in "：:" and not (start > 1 and text[start - 2].isdigit()):
            return True  # a label and its value (主动公开政府信息：67条), not a time (10:30)
        return previous not in NOT_BEFORE_ARABIC and not (previous.isascii() and previous.isalpha())
    return previous not in NOT_BEFORE_CHINESE


def find_quantities(text: str, sentences: Sentences, catalogue: Catalogue) -> list[Quantity]:
    """Every number with a unit in `text`, signed where it states a change, in text order."""
    found: list[Quantity] = []
    for match in _quantity_pattern(catalogue).finditer(text):
        number = match.group("pct") or match.group("num")
        number_start = (
            match.start("pct") - len("百分之") if match.group("pct") else match.start("num")
        )
        if not _acceptable_start(text, match.start(), number):
            continue
        if catalogue.not_figures.match(text, number_start):
            continue
        if catalogue.not_figures_after is not None and catalogue.not_figures_after.search(
            text, max(0, match.start() - NONE_LOOKBACK), match.start()
        ):
            continue  # 未出现一例…: no count
        unit = "%" if match.group("pct") else match.group("unit")
        if unit == "元" and number[-1] in BIG_UNITS:
            # 3.5万元, 两万元: the unit is 万元, as in 3.5万元 printed with the unit
            unit = BIG_UNITS[number[-1]]
            number = number[:-1]
        try:
            value = parse_number(number)
        except ValueError:
            continue
        qualifier = match.group("pre") or match.group("mid") or match.group("post")
        end = match.end("unit") if match.group("unit") else match.end("pct")
        quantity = Quantity(number_start, end, value, unit, qualifier, lead=match.start())
        _apply_change(text, sentences, quantity, match.start(), catalogue)
        found.append(quantity)
    found.extend(_flat_changes(text, sentences, catalogue))
    found.extend(_unitless_counts(text, found, catalogue))
    found.sort(key=lambda q: q.start)
    return found


def _unitless_counts(text: str, found: list[Quantity], catalogue: Catalogue) -> list[Quantity]:
    """Counts printed without their unit (全年办理政府信息公开申请128，…), in the unit the
    words before them imply."""
    taken = {q.start for q in found}
    counts: list[Quantity] = []
    # the rules are asked only where a bare number ends a clause (few places in a report)
    for bare in BARE_NUMBER.finditer(text):
        start, end = bare.span()
        if start in taken:
            continue
        for rule in catalogue.unitless:
            match = rule.regex.search(text, max(0, start - UNITLESS_LOOKBACK), end)
            if match is not None and match.span("number") == (start, end):
                counts.append(Quantity(start, end, float(match.group("number")), rule.unit))
                taken.add(start)
                break
    return counts


def _apply_change(
    text: str, sentences: Sentences, quantity: Quantity, match_start: int, catalogue: Catalogue
) -> None:
    """Sign the quantity when the verb right before it states a change against a base."""
    sentence_start = max(sentences.at(quantity.start).start, match_start - COMPARISON_LOOKBACK)
    clause_from = clause_start(text, match_start, sentence_start)
    verb = catalogue.changes.verb_before_number.search(text[clause_from:match_start])
    if verb is None:
        return
    comparative = verb.group("up_self") or verb.group("down_self")
    verb_at = clause_from + verb.start()
    if not comparative and not catalogue.changes.comparison.search(text, sentence_start, verb_at):
        return
    quantity.change = True
    if verb.group("down") or verb.group("down_self"):
        quantity.value = -quantity.value


def _flat_changes(text: str, sentences: Sentences, catalogue: Catalogue) -> list[Quantity]:
    """与上年持平 → a change of 0%."""
    flats = []
    for match in catalogue.changes.flat.finditer(text):
        sentence_start = max(sentences.at(match.start()).start, match.start() - COMPARISON_LOOKBACK)
        if catalogue.changes.comparison.search(text, sentence_start, match.start()):
            flats.append(Quantity(match.start(), match.end(), 0.0, "%", change=True))
    return flats
