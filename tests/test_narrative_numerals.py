"""The numeral converter turns every way a report prints a number into its value."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportextract.narrative.numerals import (
    CHINESE_NUMERAL_CHARS,
    parse_chinese,
    parse_number,
    standard_integer,
)

DIGITS = "零一二三四五六七八九"
SMALL = ("", "十", "百", "千")
BIG = ("", "万", "亿")


def spoken(n: int, *, liang: bool) -> str:
    """An independent int → Chinese numeral writer, as clerks write them (十五, 两万, 一千零二)."""
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    zero_pending = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or group < 1000):
            out += "零"
        text = ""
        gap = False
        for power in range(3, -1, -1):
            digit = group // 10**power % 10
            if digit == 0:
                gap = bool(text)
                continue
            if gap:
                text += "零"
                gap = False
            word = "两" if liang and digit == 2 and power >= 2 else DIGITS[digit]
            text += word + SMALL[power]
        out += text + BIG[index]
        zero_pending = False
    return out[1:] if out.startswith("一十") else out


@given(st.integers(min_value=0, max_value=10**12))
def test_round_trip_through_cn2an_writer(n: int) -> None:
    assert parse_number(cn2an.an2cn(n)) == n


@given(st.integers(min_value=0, max_value=10**12 - 1), st.booleans())
def test_round_trip_through_spoken_forms(n: int, liang: bool) -> None:
    assert parse_chinese(spoken(n, liang=liang)) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_with_thousands_separators_and_full_width(n: int) -> None:
    grouped = f"{n:,}"
    assert parse_number(grouped) == n
    assert parse_number(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n


@given(st.integers(min_value=0, max_value=99999), st.integers(min_value=1, max_value=9))
def test_chinese_decimals(whole: int, tenth: int) -> None:
    assert parse_chinese(f"{spoken(whole, liang=False)}点{DIGITS[tenth]}") == pytest.approx(
        whole + tenth / 10
    )


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["千", "万", "亿"]))
def test_arabic_with_chinese_multiplier_is_exact(tenths: int, multiplier: str) -> None:
    scale = {"千": 1000, "万": 10_000, "亿": 100_000_000}[multiplier]
    text = f"{tenths // 10}.{tenths % 10}{multiplier}"
    assert parse_number(text) == tenths * scale // 10


@given(st.text(alphabet=CHINESE_NUMERAL_CHARS + "0123456789.,", max_size=12))
def test_any_string_is_a_value_or_a_value_error(text: str) -> None:
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert value >= 0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一千二百零二", 1202),
        ("两万", 20000),
        ("十", 10),
        ("三十", 30),
        ("百", 100),
        ("千", 1000),
        ("三十三点三", 33.3),
        ("1.2万", 12000),
        ("3千", 3000),
        ("1,202", 1202),
        ("１２０２", 1202),
        ("96171.6", 96171.6),
    ],
)
def test_printed_forms(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "万万", "点五", "十十", "12,34", "1,2345", "abc", "一点"])
def test_malformed_numbers_are_value_errors(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_standard_integers_are_read_without_cn2an_with_its_values() -> None:
    """Every whole number below 20,000 (and every ten-thousandth to 10^8), as cn2an writes it
    and as clerks do (with 两): read by the quick path, to cn2an's value."""
    numbers = [*range(20_000), *range(20_000, 10**8, 9_973)]
    for n in numbers:
        for text in {cn2an.an2cn(n), spoken(n, liang=True), spoken(n, liang=False)}:
            assert standard_integer(text) == n == cn2an.cn2an(text, "normal"), text


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿点", max_size=10))
def test_the_quick_path_never_disagrees_with_cn2an(text: str) -> None:
    """Any other string: the quick path gives cn2an's value or leaves it to cn2an."""
    quick = standard_integer(text)
    if quick is None:
        return
    assert cn2an.cn2an(text, "normal") == quick
