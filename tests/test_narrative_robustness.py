"""Any text, however broken, gives figures whose offsets and fields are consistent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportextract.layout import DocumentText
from reportextract.narrative import extract_figures

PIECES = [
    "主动公开政府信息",
    "收到政府信息公开申请",
    "答复",
    "结转下一年度办理",
    "行政复议",
    "行政诉讼",
    "结果纠正",
    "其中",
    "（含",
    "）",
    "占",
    "较上年",
    "同比",
    "上升",
    "下降",
    "持平",
    "未收取信息处理费",
    "收取信息处理费",
    "予以公开及部分公开",
    "余",
    "多",
    "近",
    "约",
    "第",
    "条",
    "件",
    "个",
    "次",
    "元",
    "万元",
    "%",
    "％",
    "百分之",
    "万",
    "千",
    "点",
    "一",
    "两",
    "十",
    "百",
    "零",
    "0",
    "3",
    "12",
    "1,202",
    "33.3",
    "１２",
    "2025年",
    "，",
    "。",
    "；",
    "、",
    "：",
    "\n",
    " ",
    "\n- 4 -\n",
    "\u3000",
    "“",
    "”",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.integers(min_value=0, max_value=3))
def test_random_texts_give_consistent_figures(pieces: list[str], page_breaks: int) -> None:
    text = "".join(pieces)
    starts = sorted({0, *(len(text) * k // (page_breaks + 1) for k in range(1, page_breaks + 1))})
    doc = DocumentText(text, [(start, number + 1) for number, start in enumerate(starts)])
    figures = extract_figures(doc)
    for figure in figures:
        assert 0 <= figure.char_start < figure.char_end <= len(text)
        assert figure.text and figure.text in figure.sentence
        assert figure.page == doc.page_at(figure.char_start)
        assert figure.unit
    metrics = [f.metric for f in figures if f.metric]
    for metric in set(metrics):
        assert len({f.value for f in figures if f.metric == metric}) == 1


def test_a_long_page_of_glued_table_digits_is_handled() -> None:
    text = (
        "一、本年新收政府信息公开申请数量"
        + "21710000218" * 20000
        + "件。共收到政府信息公开申请5件。"
    )
    figures = extract_figures(DocumentText(text, [(0, 1)]))
    assert [f.metric for f in figures][-1] == "requests.received"
