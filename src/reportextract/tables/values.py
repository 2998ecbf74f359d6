"""Reading the value a table cell prints.

A cell prints a number (``3985758``, ``96171.6``, ``-18``, ``1,202``), a number with a
unit or a note (``75394432.52元``, ``22（其中修订16件）``), or nothing meaning zero
(blank, ``—``, ``/``, ``无``). The printed text is always kept beside the value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..caching import compile_pattern

_ZERO_MARKS = frozenset(
    {"", "-", "—", "——", "–", "－", "/", "／", "\\", "无", "〇", "零", "空", "×", "x", "X", "―"}
)
_NUMBER = compile_pattern(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
_NOTE = compile_pattern(r"^\s*(?:[元件条个次项万%]|万元)?\s*(?:[（(].*)?$", re.S)


@dataclass(frozen=True, slots=True)
class ParsedValue:
    value: float
    blank: bool = False


def normalize_cell_text(text: str) -> str:
    """NFKC (full-width digits and signs become ASCII), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=65536)
def parse_value(text: str) -> ParsedValue | None:
    """The value a cell prints, or None if it prints something that is not a value."""
    compact = normalize_cell_text(text)
    compact = compact.replace("−", "-").replace("—", "-") if compact not in _ZERO_MARKS else compact
    if compact in _ZERO_MARKS:
        return ParsedValue(0.0, blank=True)
    match = _NUMBER.match(compact)
    if not match:
        return None
    rest = compact[match.end() :]
    if rest and not _NOTE.match(rest):
        return None
    sign, whole, frac = match.groups()
    number = float(whole.replace(",", "") + (f".{frac}" if frac else ""))
    return ParsedValue(-number if sign == "-" else number)


def is_value_text(text: str) -> bool:
    return parse_value(text) is not None
