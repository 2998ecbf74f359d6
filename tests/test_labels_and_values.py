"""Label normalisation and cell values: the variations real reports print."""

from __future__ import annotations

import pytest

from reportextract.tables.values import parse_value
from reportextract.template import normalize_label, similarity, template_map


@pytest.mark.parametrize(
    ("printed", "numbering", "words"),
    [
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二)", "部分公开"),
        ("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)", "(二)", "部分公开"),
        ("( 二 ) 部分公开", "(二)", "部分公开"),
        ("三\n、\n本\n年\n度\n办\n理\n结\n果", "三、", "本年度办理结果"),
        ("3. 危及“三安全一稳定”", "3.", "危及三安全一稳定"),
        ('3、危及"三安全一稳定"', "3、", "危及三安全一稳定"),
        ("１．属于国家秘密", "1.", "属于国家秘密"),
        ("1、申請人無正當理由逾期不補正", "1、", "申请人无正当理由逾期不补正"),
        ("没有现成信息需要另行制作", "", "没有现成信息需要另行制作"),
        ("3·其他", "3·", "其他"),  # the point of 3. read by OCR as a middle dot
        ("5.要求行政机关确认或重 新出具\n已获取信息", "5.", "要求行政机关确认或重新出具已获取信息"),
    ],
)
def test_labels_normalise_to_their_words(printed: str, numbering: str, words: str) -> None:
    label = normalize_label(printed)
    assert label.numbering == numbering
    assert label.words == words


def test_typos_still_match_the_template_label_best() -> None:
    rows = template_map().requests_rows
    best = max(rows, key=lambda spec: spec.score(normalize_label("2.其他法律行政止公开").words))
    assert best.code == "denied.prohibited_by_law"


def test_a_fragment_of_a_label_is_not_mistaken_for_the_whole() -> None:
    assert similarity("其他", "其他处理") < 0.8
    assert similarity("不予公开", "予以公开") < 0.8


@pytest.mark.parametrize(
    ("text", "value", "blank"),
    [
        ("3985758", 3985758, False),
        ("96171.6", 96171.6, False),
        ("-18", -18, False),
        ("－18", -18, False),
        ("1,202", 1202, False),
        ("１２０２", 1202, False),
        ("75394432.52元", 75394432.52, False),
        ("22（其中修订16件）", 22, False),
        ("22(其中修订\n16件)", 22, False),
        ("", 0, True),
        ("—", 0, True),
        ("/", 0, True),
        ("／", 0, True),
        ("无", 0, True),
    ],
)
def test_cell_values(text: str, value: float, blank: bool) -> None:
    parsed = parse_value(text)
    assert parsed is not None
    assert parsed.value == pytest.approx(value)
    assert parsed.blank is blank


@pytest.mark.parametrize(
    "text", ["1.属于国家秘密", "2023年", "本年制发件数", "3.", "总计", "见附件"]
)
def test_labels_are_not_values(text: str) -> None:
    assert parse_value(text) is None
