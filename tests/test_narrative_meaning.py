"""The tagger reads meaning, not the template's word order: each phrasing family of real
reports (issue 23) gives the metric, and what is not the metric (a part, a channel, a
category, another kind of request, a cumulative count) does not."""

from __future__ import annotations

import pytest

from reportextract.audit.rules import share_checks
from reportextract.layout import DocumentText
from reportextract.narrative import extract_figures


def tagged(text: str) -> dict[str, tuple[float, str]]:
    return {f.metric: (f.value, f.unit) for f in extract_figures(text) if f.metric}


FAMILIES = [
    # number before the noun or the verb
    ("2024年，本办共接收9份政府信息公开申请。", "requests.received", 9, "份"),
    ("本局今年受理了23件依申请公开的申请。", "requests.received", 23, "件"),
    ("全年收到申请40件，其中38件已依法予以答复。", "requests.answered", 38, "件"),
    ("全年收到申请40件，2件转结2025年继续办理。", "requests.carried_forward", 2, "件"),
    ("本年度在区政府网站公开312条信息。", "proactive.items", 312, "条"),
    # other nouns and units for an application
    ("本年度受理依申请件58件。", "requests.received", 58, "件"),
    ("全年收到公民提交的公开请求6件。", "requests.received", 6, "件"),
    ("全年共收到政府信息公开申请书12份。", "requests.received", 12, "份"),
    ("全年受理政府信息公开申请27项。", "requests.received", 27, "项"),
    ("本镇接收依申请公开事项3件。", "requests.received", 3, "件"),
    # units of published items
    ("全年主动公开各类政府信息218件。", "proactive.items", 218, "件"),
    ("门户网站全年发布各类信息1730篇。", "proactive.items", 1730, "篇"),
    # adverbs before the verb
    ("本年度收到申请31件，按期办结30件。", "requests.answered", 30, "件"),
    ("本年度收到申请31件，现已办结29件。", "requests.answered", 29, "件"),
    ("全年及时依法依规答复处理申请44件。", "requests.answered", 44, "件"),
    # proactive totals without 主动 or 政府
    ("局网站全年共发布各类信息2214条。", "proactive.items", 2214, "条"),
    ("全年主动公开涉及征地拆迁、就业创业、医疗保障等方面信息508条。", "proactive.items", 508, "条"),
    ("主动公开区政府（含区政府办公室）各类信息3120条。", "proactive.items", 3120, "条"),
    ("本年度在网站公开信息六十余条。", "proactive.items", 60, "条"),
    ("全年累计发布工作动态、政策解读、通知公告等各类信息930余条。", "proactive.items", 930, "条"),
    # granted in full or in part, and its share
    ("其中全部公开或部分公开95件，占55.2%。", "requests.granted_or_partial", 95, "件"),
    ("办理结果中，公开（含部分公开）48件。", "requests.granted_or_partial", 48, "件"),
    ("办结的申请中予以公开或部分公开占61.3%。", "requests.granted_or_partial_share", 61.3, "%"),
    # review and litigation in 起 and 次
    ("本年度发生政府信息公开行政复议2起。", "review.cases", 2, "起"),
    ("依申请公开5次，行政诉讼1次。", "litigation.cases", 1, "次"),
    # fees stated as 费用
    ("全年共收取复制、邮寄等费用120元。", "fees.collected", 120, "元"),
]


@pytest.mark.parametrize(("text", "metric", "value", "unit"), FAMILIES)
def test_a_phrasing_family_gives_the_metric(
    text: str, metric: str, value: float, unit: str
) -> None:
    assert tagged(text).get(metric) == (pytest.approx(value), unit)


ZEROS = [
    ("本年度本局未收到政府信息公开申请。", ["requests.received"]),
    ("全年未接到群众要求公开政府信息的申请。", ["requests.received"]),
    ("2023年，我办无依申请公开事项。", ["requests.received"]),
    ("收到申请5件，均已办结，无下年度结转。", ["requests.carried_forward"]),
    ("本年度未发生因政府信息公开引起的行政复议和行政诉讼。", ["review.cases", "litigation.cases"]),
    ("全年未出现申请行政复议、提起行政诉讼的情况。", ["review.cases", "litigation.cases"]),
    ("办理依申请公开过程中未收取任何费用。", ["fees.collected"]),
]


@pytest.mark.parametrize(("text", "metrics"), ZEROS)
def test_a_statement_of_none_is_a_figure_of_zero_with_its_text(
    text: str, metrics: list[str]
) -> None:
    figures = [f for f in extract_figures(text) if f.metric in metrics]
    assert sorted(f.metric for f in figures if f.metric) == sorted(metrics)
    for figure in figures:
        assert figure.value == 0
        assert figure.text and figure.text in text
        assert text[figure.char_start : figure.char_end] == figure.text


NOT_THE_METRIC = [
    # a part of the whole
    ("全年共收到申请88件，其中涉及自然人申请80件。", "requests.received", 88),
    # a channel's sub-total beside the site's total
    ("通过政务微博发布信息9120条；通过门户网站共发布政府信息15338条。", "proactive.items", 15338),
    # a category before the total
    ("主动公开政府采购项目信息96条。全年主动公开政府信息2710条。", "proactive.items", 2710),
    # a cumulative count beside the year's
    (
        "本年度主动公开政府信息1620条。截至2023年底，累计主动公开政府信息40211条。",
        "proactive.items",
        1620,
    ),
    # all departments are the whole; a channel is a part
    (
        "全区各级政府部门更新信息公开目录信息8210条；政务微信发布信息5120条。",
        "proactive.items",
        8210,
    ),
    # a gazette's list of documents is a category
    ("公报刊登规章、规范性文件等64件。全年主动公开政府信息1290条。", "proactive.items", 1290),
    # a sum of parts
    ("各乡镇收到申请12件，各部门收到申请30件，全区合计42件。", "requests.received", 42),
    # the previous year's count inside a comparison
    ("共收到申请150件，较上年的120件增长25%。", "requests.received_change", 25),
]


@pytest.mark.parametrize(("text", "metric", "value"), NOT_THE_METRIC)
def test_a_part_channel_category_or_cumulative_count_is_not_the_whole(
    text: str, metric: str, value: float
) -> None:
    stated = [f.value for f in extract_figures(text) if f.metric == metric]
    assert stated == [value]


@pytest.mark.parametrize(
    "text",
    [
        "12345热线全年受理群众诉求20931件，办结20876件。",
        "区县已入驻审批服务部门12个，共受理申请98210件。",
        "全年共受理各类市长信箱来信615件。",
        "收到群众留言87条，均已办结。",
        "全年发布政策解读41篇，召开新闻发布会15场。",
        "未出现因依申请公开引发的行政复议被撤销或败诉的情况。",
        "全年未收到行政许可申请。",
    ],
)
def test_other_requests_and_counts_state_no_metric(text: str) -> None:
    assert tagged(text) == {}


def test_one_count_said_of_two_metrics_is_a_figure_of_both() -> None:
    figures = extract_figures("全年收到并答复政府信息公开申请7件。")
    assert sorted((f.metric, f.value) for f in figures if f.metric) == [
        ("requests.answered", 7),
        ("requests.received", 7),
    ]
    assert len({(f.char_start, f.char_end) for f in figures}) == 1


def test_a_sentence_broken_across_lines_of_a_text_export_is_one_sentence() -> None:
    lines = (
        ["（一）主动公开情况。全年通过门户网站主动发布各类政"]
        + ["府信息约410条。"]
        + [f"第{n}行说明政府信息公开工作的一般情况，不含数字。" for n in "一二三四五六七八九十"]
    )
    figures = extract_figures("\n".join(lines))
    assert [(f.metric, f.value) for f in figures if f.metric] == [("proactive.items", 410)]
    assert [f.sentence for f in figures if f.metric] == [
        "全年通过门户网站主动发布各类政府信息约410条。"
    ]
    assert tagged("本年度共收到政府信息公开申请共\n计158件。") == {"requests.received": (158, "件")}


def test_a_share_in_chinese_numerals_is_checked_at_its_own_precision() -> None:
    figures = extract_figures(
        "全年办结申请1165件，其中予以公开或部分公开424件，占比百分之三十六点四。"
    )
    checks = share_checks(figures)
    assert [c.passed for c in checks] == [True]
    assert checks[0].actual == pytest.approx(36.4)


def test_extract_figures_takes_a_plain_string_or_a_document_text() -> None:
    text = "本年度共受理36件政府信息公开申请。"
    plain = extract_figures(text)
    paged = extract_figures(DocumentText(text, [(0, 3)]))
    assert [(f.metric, f.value, f.char_start, f.char_end) for f in plain] == [
        ("requests.received", 36, 6, 9)
    ]
    assert [(f.metric, f.value, f.char_start) for f in paged] == [("requests.received", 36, 6)]
    assert plain[0].page is None and paged[0].page == 3
