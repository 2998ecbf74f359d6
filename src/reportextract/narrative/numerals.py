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
    quick = standard_integer(text)
    if quick is not None:
        return float(quick)
    try:
        value = _cn2an()(text, "normal")
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise ValueError(f"not a Chinese numeral: {text!r}") from error
    return float(value)


_DIGITS = "零一二三四五六七八九"
_PLACES = {"十": 10, "百": 100, "千": 1000}


def standard_integer(text: str) -> int | None:
    """The value of a whole number below 亿 written the standard way (一千二百零二, 十二,
    两万三千零五), or None for any other form (二〇二三, 三万五, 一百一, 亿, decimals): those
    go to cn2an. The same values as cn2an's (the tests compare every number below 20,000
    and thousands more), without its import (0.1–0.3 s)."""
    if not text or len(text) > 16 or text.count("万") > 1:
        return None
    if any(c == "两" and text[i + 1 : i + 2] not in ("百", "千", "万") for i, c in enumerate(text)):
        return None  # 两 stands for 二 only before 百, 千 or 万
    plain = text.replace("两", "二")
    high, _, low = plain.rpartition("万")
    high_value, low_value = _section_value(high), _section_value(low)
    if high_value < 0 or low_value < 0:
        return None
    value = high_value * 10_000 + low_value
    written = _standard_form(value)
    if plain == written or (written.startswith("一十") and plain == written[1:]):
        return value
    return None


def _section_value(text: str) -> int:
    """A loose reading of a section below 万 (-1 for a foreign character); `standard_integer`
    keeps it only if the number it gives is written exactly as `text`."""
    total, digit = 0, None
    for char in text:
        if char in _PLACES:
            total += (1 if digit is None else digit) * _PLACES[char]
            digit = None
        elif char in _DIGITS:
            digit = _DIGITS.index(char)
        else:
            return -1
    return total + (digit or 0)


def _standard_form(value: int) -> str:
    """一千二百零二 for 1202, 一十二 for 12, 一万零五 for 10005 (below 亿)."""
    if value == 0:
        return "零"
    high, low = divmod(value, 10_000)
    written = _standard_section(high) + "万" if high else ""
    if low:
        written += ("零" if high and low < 1000 else "") + _standard_section(low)
    return written


def _standard_section(value: int) -> str:
    written, gap = "", False
    for place, suffix in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // place % 10
        if digit == 0:
            gap = bool(written)
            continue
        written += ("零" if gap else "") + _DIGITS[digit] + suffix
        gap = False
    return written


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
