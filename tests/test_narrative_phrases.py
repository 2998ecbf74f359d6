"""Tricky phrasings give the right value, unit, qualifier and metric; non-figures give none."""

from __future__ import annotations

import pytest

from reportextract.layout import DocumentText
from reportextract.model import Figure
from reportextract.narrative import extract_figures


def figures_of(text: str) -> list[Figure]:
    return extract_figures(DocumentText(text, [(0, 1)]))


def figure(text: str, printed: str) -> Figure:
    found = [f for f in figures_of(text) if f.text == printed]
    assert len(found) == 1, f"{printed!r} in {[f.text for f in figures_of(text)]}"
    return found[0]


APPLICATIONS = "2025年，全区共收到政府信息公开申请56件。"

PHRASES = [
    # text, printed, value, unit, qualifier, metric
    (
        "全年通过区政府门户网站主动公开各类政府信息1202条。",
        "1202条",
        1202,
        "条",
        None,
        "proactive.items",
    ),
    ("主动公开政府信息一千二百零二条。", "一千二百零二条", 1202, "条", None, "proactive.items"),
    ("市政府网站主动公开各类政府信息 5500 余条。", "5500余条", 5500, "条", "余", "proactive.items"),
    ("全年主动公开政府信息1,202条。", "1,202条", 1202, "条", None, "proactive.items"),
    ("全年主动公开政府信息１２０２条。", "1202条", 1202, "条", None, "proactive.items"),
    ("全年主动公开政府信息1.2万条。", "1.2万条", 12000, "条", None, "proactive.items"),
    ("全年主动公开政府信息两万条。", "两万条", 20000, "条", None, "proactive.items"),
    ("全年主动公开政府信息3千余条。", "3千余条", 3000, "条", "余", "proactive.items"),
    ("全年主动公开政府信息近1000条。", "1000条", 1000, "条", "近", "proactive.items"),
    ("全年共公布政府信息2599条。", "2599条", 2599, "条", None, "proactive.items"),
    ("全区共收到政府信息公开申请56件。", "56件", 56, "件", None, "requests.received"),
    ("全区共受理政府信息公开申请五十六件。", "五十六件", 56, "件", None, "requests.received"),
    ("全区共收到政府信息公开申请三十余件。", "三十余件", 30, "件", "余", "requests.received"),
    ("本年新收政府信息公开申请数量为56件。", "56件", 56, "件", None, "requests.received"),
    ("区政府办代表区政府受理政府信息公开申请17件。", "17件", 17, "件", None, "requests.received"),
    (
        "2025年，全区共收到政府信息公开申请56件，申请数量较2024年上升33.3%。",
        "33.3%",
        33.3,
        "%",
        None,
        "requests.received_change",
    ),
    ("申请数量较去年回落12.3%。", "12.3%", -12.3, "%", None, "requests.received_change"),
    (
        "申请数量同比下降百分之十二点三。",
        "百分之十二点三",
        -12.3,
        "%",
        None,
        "requests.received_change",
    ),
    (
        "全区共收到政府信息公开申请56件，同比增长12.5%。",
        "12.5%",
        12.5,
        "%",
        None,
        "requests.received_change",
    ),
    ("申请数量与上年持平。", "持平", 0, "%", None, "requests.received_change"),
    (
        "答复政府信息公开申请55件，结转下一年度办理1件。",
        "55件",
        55,
        "件",
        None,
        "requests.answered",
    ),
    (
        "答复政府信息公开申请55件，结转下一年度办理1件。",
        "1件",
        1,
        "件",
        None,
        "requests.carried_forward",
    ),
    # 办理 as the only count of the year's applications is the received count (see narrative_prose/README)
    ("全年办理政府信息公开申请218件。", "218件", 218, "件", None, "requests.received"),
    (
        "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。",
        "3050件",
        3050,
        "件",
        None,
        "requests.answered",
    ),
    (
        "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。",
        "34件",
        34,
        "件",
        None,
        "requests.carried_over",
    ),
    (
        "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。",
        "103件",
        103,
        "件",
        None,
        "requests.carried_forward",
    ),
    (
        "答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。",
        "72件",
        72,
        "件",
        None,
        "requests.carried_forward",
    ),
    (
        "其中，予以公开及部分公开32件，占57.1%；不予公开2件，占3.6%。",
        "32件",
        32,
        "件",
        None,
        "requests.granted_or_partial",
    ),
    (
        "其中，予以公开及部分公开32件，占57.1%；不予公开2件，占3.6%。",
        "57.1%",
        57.1,
        "%",
        None,
        "requests.granted_or_partial_share",
    ),
    (
        "其他处理14件（其中申请人撤回申请6件），占25%。",
        "25%",
        25,
        "%",
        None,
        "requests.other_handling_share",
    ),
    ("其他处理14件（其中申请人撤回申请6件），占25%。", "6件", 6, "件", None, None),
    (
        "全区信息公开行政复议案件12件，结果纠正5件；信息公开行政诉讼案件7件，结果纠正1件。",
        "12件",
        12,
        "件",
        None,
        "review.cases",
    ),
    (
        "全区信息公开行政复议案件12件，结果纠正5件；信息公开行政诉讼案件7件，结果纠正1件。",
        "5件",
        5,
        "件",
        None,
        "review.corrected",
    ),
    (
        "全区信息公开行政复议案件12件，结果纠正5件；信息公开行政诉讼案件7件，结果纠正1件。",
        "7件",
        7,
        "件",
        None,
        "litigation.cases",
    ),
    (
        "全区信息公开行政复议案件12件，结果纠正5件；信息公开行政诉讼案件7件，结果纠正1件。",
        "1件",
        1,
        "件",
        None,
        "litigation.corrected",
    ),
    (
        "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件。",
        "64件",
        64,
        "件",
        None,
        "review.corrected",
    ),
    ("信息公开类行政复议7件，诉讼9件，均获维持。", "9件", 9, "件", None, "litigation.cases"),
    ("全年收取政府信息公开信息处理费 3940 元。", "3940元", 3940, "元", None, "fees.collected"),
    ("收取信息处理费0.5万元。", "0.5万元", 0.5, "万元", None, "fees.collected"),
    (
        "2025年度，我区未收取政府信息公开信息处理费。",
        "未收取政府信息公开信息处理费",
        0,
        "元",
        None,
        "fees.collected",
    ),
    ("无收取信息处理费情况。", "无收取信息处理费", 0, "元", None, "fees.collected"),
    (
        "全年通过区政府门户网站主动公开各类政府信息1202条，其中区政府及其部门发布1110条，各镇（街道）发布92条。",
        "1110条",
        1110,
        "条",
        None,
        None,
    ),
    (
        "共公布政府信息2602条(其中机构职能类信息82条，其他应主动公开政府信息1053条)。",
        "1053条",
        1053,
        "条",
        None,
        None,
    ),
    (
        "2012年主动公开政府信息1913条。其中，各单位主动公开政府信息1397条，占73%。",
        "1397条",
        1397,
        "条",
        None,
        None,
    ),
    (
        "2012年主动公开政府信息1913条。其中，各单位主动公开政府信息1397条，占73%。",
        "73%",
        73,
        "%",
        None,
        None,
    ),
    ("政务新媒体检查抽查合格率均为100%。", "100%", 100, "%", None, None),
    ("申请数量上升至60件。", "60件", 60, "件", None, None),
    ("全区7个镇（街道）均已完成目录编制。", "7个", 7, "个", None, None),
    ("访问量达11460人次。", "11460人次", 11460, "人次", None, None),
    ("好评数占评价总数99.58%。", "99.58%", 99.58, "%", None, None),
    # phrasings seen in other reports
    ("累计公开政府信息1202条。", "1202条", 1202, "条", None, "proactive.items"),
    ("主动公开政府信息共计1202条。", "1202条", 1202, "条", None, "proactive.items"),
    ("作为依申请公开信息数46条。", "46条", 46, "条", None, None),
    ("政府信息公开申请量为56件。", "56件", 56, "件", None, "requests.received"),
    ("本年度共收到依申请公开七件。", "七件", 7, "件", None, "requests.received"),
    ("全年共受理依申请公开事项56件。", "56件", 56, "件", None, "requests.received"),
    ("2012年全县共收到有关政府信息公开的申请21条。", "21条", 21, "条", None, "requests.received"),
    ("收到1份有关政府信息公开行政复议申请已及时处理。", "1份", 1, "份", None, "review.cases"),
    ("尚有1件结转下年度办理。", "1件", 1, "件", None, "requests.carried_forward"),
    ("2件结转至2026年继续办理。", "2件", 2, "件", None, "requests.carried_forward"),
    ("全年共答复申请20件（含上年度结转申请2件）。", "2件", 2, "件", None, "requests.carried_over"),
    ("其中结果维持2件、结果纠正1件。", "1件", 1, "件", None, None),
    ("被申请行政复议3件，其中结果维持2件、结果纠正1件。", "1件", 1, "件", None, "review.corrected"),
    ("收取信息处理费共计380元。", "380元", 380, "元", None, "fees.collected"),
    ("信息处理费收费金额为0元。", "0元", 0, "元", None, "fees.collected"),
    ("未向申请人收取信息处理费。", "未向申请人收取信息处理费", 0, "元", None, "fees.collected"),
    ("申请数量较上年同期增长20%。", "20%", 20, "%", None, "requests.received_change"),
    (
        "申请量同比上升百分之三十三点三。",
        "百分之三十三点三",
        33.3,
        "%",
        None,
        "requests.received_change",
    ),
    ("申请数量较上年下降３３．３％。", "33.3%", -33.3, "%", None, "requests.received_change"),
    ("收到申请56件，较2024年的42件增加14件。", "14件", 14, "件", None, None),
    ("收到申请56件，同比下降12.5个百分点。", "12.5个百分点", -12.5, "个百分点", None, None),
    (
        "予以公开和部分公开32件，占申请总数的57.1%。",
        "57.1%",
        57.1,
        "%",
        None,
        "requests.granted_or_partial_share",
    ),
    (
        "予以公开、部分公开共32件，占比31.8%。",
        "32件",
        32,
        "件",
        None,
        "requests.granted_or_partial",
    ),
    ("予以公开32件，部分公开3件，占比为9.1%。", "9.1%", 9.1, "%", None, None),
    ("全年主动公开政府信息1.2万余条。", "1.2万余条", 12000, "条", "余", "proactive.items"),
    ("全年主动公开政府信息两千三百余条。", "两千三百余条", 2300, "条", "余", "proactive.items"),
    ("网站全年访问量达156万人次。", "156万人次", 1560000, "人次", None, None),
    (
        "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。",
        "36起",
        36,
        "起",
        None,
        "review.cases",
    ),
    (
        "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。",
        "9起",
        9,
        "起",
        None,
        "litigation.cases",
    ),
    (
        "全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。",
        "148件",
        148,
        "件",
        None,
        "requests.answered",
    ),
    (
        "全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。",
        "6件",
        6,
        "件",
        None,
        "requests.carried_forward",
    ),
    (
        "办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%。",
        "81件",
        81,
        "件",
        None,
        "requests.answered",
    ),
    (
        "办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%。",
        "51.85%",
        51.85,
        "%",
        None,
        "requests.granted_or_partial_share",
    ),
    (
        "全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。",
        "81件",
        81,
        "件",
        None,
        "requests.received",
    ),
    (
        "全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。",
        "80件",
        80,
        "件",
        None,
        None,
    ),
    (
        "全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件。",
        "2件",
        2,
        "件",
        None,
        "review.cases",
    ),
    (
        "累计主动公开政府信息7700余条，公开重点领域信息2000余条，通过公众号发布信息672条。",
        "2000余条",
        2000,
        "条",
        "余",
        None,
    ),
]


@pytest.mark.parametrize(("text", "printed", "value", "unit", "qualifier", "metric"), PHRASES)
def test_phrase(
    text: str, printed: str, value: float, unit: str, qualifier: str | None, metric: str | None
) -> None:
    found = figure(text, printed)
    assert (found.value, found.unit, found.qualifier, found.metric) == (
        pytest.approx(value),
        unit,
        qualifier,
        metric,
    )


NOT_FIGURES = [
    "本报告所列数据统计期限为2025年1月1日至12月31日。",
    "请与办公室联系（地址：泉港区行政管理中心大楼703室；邮编：362801；电话：0595-87766100）。",
    "泉港区人民政府办公室关于印发年度报告的通知（泉港政办〔2026〕2号）",
    "依据《条例》第二十条第（一）项、第三十六条的规定，编发第1期简报。",
    "一、总体情况（二）依申请公开情况 3.加强平台建设",
    "推进“高效办成一件事”，落实一次性告知制度。",
    "数十条意见建议已吸收采纳。",
    "根据《中华人民共和国政府信息公开条例》（国令第711号）编制。",
    "各部门要一起研究，统一起来，自2025起草。",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(text: str) -> None:
    assert figures_of(text) == []


def test_pdf_line_breaks_and_page_footers_are_joined_and_offsets_point_into_the_original() -> None:
    text = "（一）主动公开情况。全年通过区政府门户网站主动公开各类政\n- 4 -\n府信息 1202\n条，其中区政府发布 1110 条。"
    doc = DocumentText(text, [(0, 4), (text.index("府信息"), 5)])
    (total, part) = extract_figures(doc)
    assert (total.metric, total.value, total.text) == ("proactive.items", 1202, "1202条")
    assert text[total.char_start : total.char_end] == "1202\n条"
    assert total.page == 5
    assert (
        total.sentence == "全年通过区政府门户网站主动公开各类政府信息1202条，其中区政府发布1110条。"
    )
    assert part.metric is None


def test_a_number_wrapped_over_two_lines_is_one_number() -> None:
    text = "结转下年度继续办理 1\n2\n件。其中予以公开和部分公开的 54 件，占全部申请的７\n１．１％。"
    found = [(f.text, f.value, f.metric) for f in figures_of(text)]
    assert found == [
        ("12件", 12, "requests.carried_forward"),
        ("54件", 54, "requests.granted_or_partial"),
        ("71.1%", 71.1, "requests.granted_or_partial_share"),
    ]


def test_a_bare_page_number_between_pages_is_dropped() -> None:
    first = "申请量较2021年增加31%，结转下年度继续办理 1\n2\n"
    text = first + "件。全年主动公开政府信息\n3\n"
    doc = DocumentText(text, [(0, 2), (len(first), 3)])
    found = [(f.text, f.value, f.page) for f in extract_figures(doc)]
    assert found == [("31%", 31, 2), ("1件", 1, 2)]


def test_a_word_broken_by_a_blank_line_is_joined() -> None:
    text = "加大信息公开力度和解\n\n读深度。全年主动公开各类政府信息1202条。"
    (found,) = figures_of(text)
    assert found.metric == "proactive.items"
    assert found.sentence == "全年主动公开各类政府信息1202条。"


def test_a_metric_is_kept_once_unless_the_value_repeats() -> None:
    text = (
        "2025年主动公开政府信息1202条。各乡镇主动公开政府信息92条。"
        "在网站主动公开的政府信息中，全年主动公开政府信息1202条。"
    )
    tagged = [(f.value, f.metric) for f in figures_of(text)]
    assert tagged == [(1202, "proactive.items"), (92, None), (1202, "proactive.items")]


def test_a_part_named_after_its_whole_does_not_take_the_whole_metric() -> None:
    text = "2011年制作政府信息总数1873条，其中主动公开政府信息425条，作为依申请公开信息数46条。"
    tagged = {f.value: f.metric for f in figures_of(text)}
    assert tagged == {1873: None, 425: "proactive.items", 46: None}


def test_zero_statements_for_cases_and_applications() -> None:
    text = "2017年未收到有关政府信息公开申请。2017年未收到有关政府信息公开行政复议、提起行政诉讼的申请。"
    tagged = sorted((f.metric, f.value, f.unit) for f in figures_of(text))
    assert tagged == [
        ("litigation.cases", 0, "件"),
        ("requests.received", 0, "件"),
        ("review.cases", 0, "件"),
    ]


def test_one_long_crawled_line_is_split_into_sentences() -> None:
    text = "一、总体情况2025年，我区主动公开政府信息1202条。（二）依申请公开情况" + APPLICATIONS
    found = figures_of(text)
    assert [f.metric for f in found] == ["proactive.items", "requests.received"]
    assert found[1].sentence == "（二）依申请公开情况2025年，全区共收到政府信息公开申请56件。"


def test_bare_verbs_count_applications_in_the_requests_section() -> None:
    text = "（二）依申请公开情况。本年度新收申请56件，办结55件。同时，全年收到网民留言300件。"
    tagged = [(f.value, f.metric) for f in figures_of(text)]
    assert tagged == [(56, "requests.received"), (55, "requests.answered"), (300, None)]


def test_empty_text_has_no_figures() -> None:
    assert figures_of("") == []
    assert figures_of("\n\n- 1 -\n") == []
