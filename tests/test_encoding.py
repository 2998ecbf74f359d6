"""decode_text: BOMs, strict UTF-8 first, GB-family declarations widened to GB18030, detection."""

from __future__ import annotations

import codecs

import pytest

from reportextract.readers.encoding import decode_text, normalise_encoding

SIMPLIFIED = (
    "平潭综合实验区2024年度政府信息公开工作年度报告。本机关依法受理政府信息公开申请，"
    "全年共收到申请二百余件，均已按时答复，并主动公开各类政府信息一万余条。"
)
TRADITIONAL = (
    "臺灣地區政府資訊公開工作年度報告，本機關依法受理資訊公開申請，"
    "全年共收到申請二百餘件，均已按時答覆並公開相關資訊。"
)


@pytest.mark.parametrize(
    "declared, expected",
    [("gb2312", "gb18030"), ("GBK", "gb18030"), ("x-gbk", "gb18030"), ("cp936", "gb18030"),
     ("big5", "big5hkscs"), ("UTF8", "utf-8"), ("us-ascii", "utf-8"), ("no-such-charset", None),
     (None, None)],
)  # fmt: skip
def test_declared_names_are_normalised_to_supersets(
    declared: str | None, expected: str | None
) -> None:
    assert normalise_encoding(declared) == expected


def test_gb2312_declaration_decodes_gb18030_only_characters() -> None:
    text = "申请人王䶮提交材料𠀀一份。" + SIMPLIFIED
    data = text.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")
    assert decode_text(data, "gb2312") == (text, "gb18030")


def test_undeclared_gbk_is_recognised() -> None:
    assert decode_text(SIMPLIFIED.encode("gbk")) == (SIMPLIFIED, "gb18030")


def test_utf8_declaration_over_gbk_bytes_is_overruled() -> None:
    assert decode_text(SIMPLIFIED.encode("gbk"), "utf-8") == (SIMPLIFIED, "gb18030")


def test_valid_utf8_wins_over_a_gbk_declaration() -> None:
    assert decode_text(SIMPLIFIED.encode("utf-8"), "gbk") == (SIMPLIFIED, "utf-8")


@pytest.mark.parametrize(
    "bom, codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_mark_decides_and_is_removed(bom: bytes, codec: str) -> None:
    assert decode_text(bom + SIMPLIFIED.encode(codec), "gbk") == (SIMPLIFIED, codec)


def test_utf16_without_bom_is_recognised() -> None:
    text = "Report 2024: " + SIMPLIFIED
    assert decode_text(text.encode("utf-16-le")) == (text, "utf-16-le")


def test_big5_is_not_mistaken_for_gb18030() -> None:
    text, encoding = decode_text(TRADITIONAL.encode("big5"))
    assert text == TRADITIONAL
    assert encoding.startswith("big5")


def test_utf8_cut_inside_the_last_character_keeps_the_rest() -> None:
    data = SIMPLIFIED.encode("utf-8")[:-1]
    text, encoding = decode_text(data)
    assert encoding == "utf-8"
    assert text == SIMPLIFIED[:-1] + "\ufffd"


def test_one_stray_byte_in_long_utf8_text_does_not_switch_encoding() -> None:
    data = (SIMPLIFIED * 5).encode("utf-8") + b"\xff" + (SIMPLIFIED * 5).encode("utf-8")
    text, encoding = decode_text(data)
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 1


def test_latin1_declaration_over_gbk_bytes_is_not_trusted() -> None:
    assert decode_text(SIMPLIFIED.encode("gbk"), "iso-8859-1") == (SIMPLIFIED, "gb18030")
