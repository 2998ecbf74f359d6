"""Numbers written the ways Chinese reports write them.

Arabic digits (plain, with thousands separators, full-width), Chinese numerals
(一千二百零二, 两万, 三十三点三), percentages (33.3%, 百分之三十三点三) and
approximate forms (5500余, 近1.1万, 三十余).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")
_FULLWIDTH = str.maketrans("0123456789.,%-", "０１２３４５６７８９．，％－")


def fullwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


def _group(n: int) -> str:
    """0 < n < 10000, without leading-zero handling."""
    out = ""
    zero = False
    for power in range(3, -1, -1):
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[digit] + _SMALL_UNITS[power]
    return out


def chinese_int(n: int, *, liang: bool = False) -> str:
    """1202 → 一千二百零二; 15 → 十五; 20000 → 两万 (liang) or 二万."""
    if n < 0:
        return "负" + chinese_int(-n, liang=liang)
    if n == 0:
        return "零"
    groups: list[int] = []
    rest = n
    while rest:
        groups.append(rest % 10000)
        rest //= 10000
    out = ""
    pending_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or group < 1000):
            out += "零"
        out += _group(group) + _BIG_UNITS[index]
        pending_zero = False
    if out.startswith("一十"):
        out = out[1:]
    if liang and out.startswith("二") and len(out) > 1 and out[1] in "千万亿":
        out = "两" + out[1:]
    return out


def chinese_decimal(text: str) -> str:
    """'33.3' → 三十三点三; '0.5' → 零点五."""
    whole, _, frac = text.partition(".")
    out = chinese_int(int(whole))
    if frac:
        out += "点" + "".join(DIGITS[int(d)] for d in frac)
    return out


def decimal_text(value: float, places: int = 1) -> str:
    """33.3 → '33.3'; 25.0 → '25' (reports drop a trailing .0)."""
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True, slots=True)
class Written:
    """A number as printed, and the value that the printed text states."""

    text: str
    value: float


EXACT_STYLES = ("arabic", "arabic", "arabic", "comma", "fullwidth", "chinese", "spaced")


def write_count(n: int, style: str) -> Written:
    """An exact count in one of EXACT_STYLES; the stated value is always n."""
    if style == "comma" and n >= 1000:
        return Written(f"{n:,}", n)
    if style == "fullwidth":
        return Written(fullwidth(str(n)), n)
    if style == "chinese" and n < 100000:
        return Written(chinese_int(n, liang=n >= 1000), n)
    if style == "spaced":
        return Written(f" {n} ", n)
    return Written(str(n), n)


APPROX_STYLES = ("yu", "duo", "jin", "yue", "wan", "chinese_yu", "wan_round")


def write_approx(n: int, style: str) -> Written:
    """An approximate count ('5500余', '1.2万', '三十余'); the value is what is printed.

    '余'/'多'/'约' round down, '近' rounds up; the stated value is the printed
    number (an 'X余条' is recorded as X).
    """
    if n < 20:
        return Written(str(n), n)
    step = 10 ** max(1, len(str(n)) - 2)
    down = n // step * step
    up = -(-n // step) * step
    if style == "jin" and up != n:
        return Written(f"近{up}", up)
    if style == "yue":
        return Written(f"约{down}", down)
    if style == "duo":
        return Written(f"{down}多", down)
    if style == "wan" and n >= 10000:
        tenth = n // 1000
        text = decimal_text(tenth / 10)
        return Written(f"{text}万余", tenth * 1000)
    if style == "wan_round" and n >= 10000:
        tenths = round(n / 1000)
        return Written(f"{decimal_text(tenths / 10)}万", tenths * 1000)
    if style == "chinese_yu" and down < 100000:
        return Written(chinese_int(down, liang=True) + "余", down)
    return Written(f"{down}余", down)


PERCENT_STYLES = ("arabic", "arabic", "arabic", "fullwidth", "chinese")


def write_percent(value: float, style: str) -> Written:
    """33.3 → '33.3%', '３３．３％' or '百分之三十三点三'."""
    text = decimal_text(value)
    stated = float(text)
    if style == "fullwidth":
        return Written(fullwidth(text + "%"), stated)
    if style == "chinese":
        return Written("百分之" + chinese_decimal(text), stated)
    return Written(text + "%", stated)


def pick_style(rng: random.Random, styles: tuple[str, ...], dominant: str, keep: float) -> str:
    """The report's dominant style most of the time, another one now and then."""
    return dominant if rng.random() < keep else rng.choice(styles)
