"""Numbers as Chinese reports print them, converted to values.

Arabic digits (``1202``, ``1,202``, full-width ``１２０２``), decimals, Arabic digits with a
Chinese multiplier (``1.2万``, ``3千``) and Chinese numerals (``一千二百零二``, ``两万``,
``三十三点三``). Pure Chinese numerals go through cn2an; everything else is parsed here
with `Decimal` so that ``1.2万`` is exactly 12000.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

CHINESE_DIGITS = "零〇一二两三四五六七八九"
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + "十百千万亿点"
MULTIPLIERS = {"千": Decimal(1000), "万": Decimal(10_000), "亿": Decimal(100_000_000)}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
# a bare unit character used as a number: 近百条, 上千人次, 近万条
_BARE_UNITS = {"十": "一十", "百": "一百", "千": "一千", "万": "一万", "亿": "一亿"}


def parse_number(text: str) -> float:
    """The value of a printed number; ValueError if `text` is not one number."""
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        raise ValueError("empty number")
    if text[0].isascii() and (text[0].isdigit() or text[0] == "."):
        return float(_parse_arabic(text))
    return parse_chinese(text)


def parse_chinese(text: str) -> float:
    """一千二百零二 → 1202; 两万 → 20000; 三十三点三 → 33.3; ValueError otherwise."""
    if not text or any(char not in CHINESE_NUMERAL_CHARS for char in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    text = _BARE_UNITS.get(text, text)
    if text.startswith("点") or text.endswith("点") or text.count("点") > 1:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    try:
        value = _cn2an()(text, "normal")
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise ValueError(f"not a Chinese numeral: {text!r}") from error
    return float(value)


@cache
def _cn2an() -> Any:
    """cn2an's converter, imported on the first Chinese numeral (its import takes 0.1–0.3 s)."""
    import cn2an

    return cn2an.cn2an


def _parse_arabic(text: str) -> Decimal:
    multiplier = Decimal(1)
    if text[-1] in MULTIPLIERS:
        multiplier = MULTIPLIERS[text[-1]]
        text = text[:-1]
    if "," in text:
        head, *groups = text.split(",")
        if not head.isdigit() or len(head) > 3 or any(len(g.split(".")[0]) != 3 for g in groups):
            raise ValueError(f"misplaced thousands separator: {text!r}")
        text = text.replace(",", "")
    if not text.replace(".", "", 1).isdigit():
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(text) * multiplier
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error
