"""The third round's reading rules of the narrative tagger (issue 23), each on sentences of
our own: counts said of review and litigation together, statements of none of more shapes,
counts printed without a unit, the new part of a received total, the year's part of a
cumulative whole, kinds listed without a total, totals that include last year's
applications, counts still open at the year's end, and channels and categories that are
not the whole."""

from __future__ import annotations

from narrative_support import tagged
from reportextract.narrative import extract_figures
from reportextract.narrative.normalize import normalize

# -- review and litigation counted together --------------------------------------------


def test_a_zero_of_review_and_litigation_together_is_a_zero_of_each() -> None:
    for text in (
        "全年因政府信息公开被申请行政复议、提起行政诉讼的数量均为0件。",
        "本局由此产生的行政复议及行政诉讼为0件。",
        "行政复议、行政诉讼案件亦为0件。",
    ):
        found = tagged(text)
        assert found["review.cases"] == (0.0, "件"), text
        assert found["litigation.cases"] == (0.0, "件"), text


def test_a_count_of_review_and_litigation_added_up_is_neither() -> None:
    found = tagged("全市因政府信息公开引发的复议诉讼案件合计57件（合并统计）。")
    assert "review.cases" not in found and "litigation.cases" not in found


def test_a_count_said_of_each_is_a_figure_of_each() -> None:
    found = tagged("本年度行政复议和行政诉讼均为2件。")
    assert found == {"review.cases": (2.0, "件"), "litigation.cases": (2.0, "件")}


# -- statements of none ----------------------------------------------------------------


def test_a_statement_of_none_with_the_noun_first() -> None:
    assert tagged("政府信息公开申请本年度未收到。") == {"requests.received": (0.0, "件")}
    assert tagged("依申请公开事项全年未发生。") == {"requests.received": (0.0, "件")}


def test_the_noun_first_does_not_take_a_review_for_an_application() -> None:
    found = tagged("政府信息公开申请均未发生行政复议。")
    assert "requests.received" not in found


def test_a_statement_of_none_far_from_its_noun() -> None:
    text = "本年度我局没有收到公民、法人或者其他组织要求获取本机关主动公开范围以外政府信息的申请。"
    assert tagged(text) == {"requests.received": (0.0, "件")}


def test_no_event_and_nobody_asking_are_statements_of_none() -> None:
    assert tagged("全年没有发生依申请公开事件。") == {"requests.received": (0.0, "件")}
    assert tagged("本年度没有群众要求公开政府信息。") == {"requests.received": (0.0, "件")}
    assert tagged("本年度乡政府无依申请公开的政府信息。") == {"requests.received": (0.0, "件")}


def test_a_bare_no_application_counts_under_the_applications_heading_only() -> None:
    text = "（三）依申请公开\n本年度无申请。\n（四）收费及减免\n本年度无申请。"
    zeros = [f for f in extract_figures(text) if f.metric == "requests.received"]
    assert len(zeros) == 1 and zeros[0].char_start < text.index("（四）")
    assert tagged("（四）收费及减免\n本年度无申请。") == {}


def test_none_received_and_handled_is_a_zero_of_both() -> None:
    found = tagged("2024年，我局未收到及办理依申请公开件。")
    assert found == {"requests.received": (0.0, "件"), "requests.answered": (0.0, "件")}


def test_a_number_after_words_of_none_is_no_count() -> None:
    found = tagged("全年未出现一例涉及政府信息公开的行政复议和行政诉讼。")
    assert found == {"review.cases": (0.0, "件"), "litigation.cases": (0.0, "件")}


def test_review_corrected_none_with_the_noun_between() -> None:
    found = tagged("本年度我局没有出现行政复议被纠错的情况。")
    assert found["review.corrected"] == (0.0, "件")


def test_fees_none_with_bu_and_with_the_payer_named() -> None:
    assert tagged("我局提供政府信息不收取任何费用。") == {"fees.collected": (0.0, "元")}
    assert tagged("办理申请过程中，均未向申请人收费。") == {"fees.collected": (0.0, "元")}


# -- counts and their nouns ---------------------------------------------------------------


def test_a_count_printed_without_its_unit() -> None:
    found = tagged("全年办理政府信息公开申请93，均按法定时限答复。")
    assert found == {"requests.received": (93.0, "件")}


def test_a_table_label_and_its_value_are_no_unitless_count() -> None:
    assert tagged("一、本年新收政府信息公开申请数量\n8\n二、上年结转政府信息公开申请数量\n0") == {}


def test_the_subject_before_the_verb() -> None:
    assert tagged("政府信息公开申请接收17件。") == {"requests.received": (17.0, "件")}
    assert tagged("依申请政府信息公开事项全年受理9例。") == {"requests.received": (9.0, "例")}


def test_more_nouns_and_units_of_an_application() -> None:
    assert tagged("2025年度有3件依申请公开信息。") == {"requests.received": (3.0, "件")}
    assert tagged("园区在系统中收到4封申请。") == {"requests.received": (4.0, "封")}
    assert tagged("全年收政府信息公开申请210件。") == {"requests.received": (210.0, "件")}
    assert tagged("全年县文旅局收到依申请信息公开6件。") == {"requests.received": (6.0, "件")}
    found = tagged("收到政府信息公开申请信件15件，其中本年度答复14件。")
    assert found == {"requests.received": (15.0, "件"), "requests.answered": (14.0, "件")}


def test_channel_counts_summed_are_the_received_count() -> None:
    found = tagged("全年依申请公开办件：网上提交30件、信函提交6件，合计36件。")
    assert found == {"requests.received": (36.0, "件")}


# -- totals and parts ---------------------------------------------------------------------


def test_the_new_part_of_a_total_with_last_years_is_the_received_count() -> None:
    found = tagged("本年度依申请公开事项共受理19件，其中上年结转3件、新收到依申请公开事项16件。")
    assert found["requests.received"] == (16.0, "件")
    found = tagged(
        "全区累计处理政府信息依申请公开64件，其中，本年度新接收61件，2023年结转办理3件。"
    )
    assert found["requests.received"] == (61.0, "件")
    assert "requests.answered" not in found


def test_the_years_part_of_a_cumulative_whole_is_the_years_count() -> None:
    found = tagged("到2014年底，我局历年累计主动公开政府信息310条，其中2014年新增52条。")
    assert found == {"proactive.items": (52.0, "条")}


def test_what_a_site_holds_so_far_is_not_the_years_count() -> None:
    found = tagged("截至目前共发布621条信息，2020年公开政府信息71条，其中政务动态50条。")
    assert found == {"proactive.items": (71.0, "条")}


def test_a_total_including_last_years_is_answered_only_when_all_were_answered() -> None:
    text = "本年度我局办理的政府信息公开申请（含上年结转）共计27件，均已在法定期限内答复。"
    assert tagged(text) == {"requests.answered": (27.0, "件")}
    text = (
        "全年共处理政府信息公开申请830件（含上年度结转申请30件），答复801件，结转下年度办理29件。"
    )
    found = tagged(text)
    assert "requests.received" not in found
    assert found["requests.answered"] == (801.0, "件")


def test_a_count_left_from_last_year_is_not_answered() -> None:
    text = "年内收到政府信息公开申请20件，加上上年未办结的2件，共办理22件。"
    assert tagged(text) == {"requests.received": (20.0, "件"), "requests.answered": (22.0, "件")}


def test_counts_open_at_the_years_end_are_carried_forward() -> None:
    found = tagged("其中18件已按期办结，另有2件跨年，结转至下年度继续办理。")
    assert found["requests.carried_forward"] == (2.0, "件")
    found = tagged("截至年底已回复40件，尚有3件正在办理中。")
    assert found["requests.carried_forward"] == (3.0, "件")
    assert "requests.carried_forward" not in tagged("信息公开类行政复议1起，正在办理中。")


def test_answered_after_a_date() -> None:
    found = tagged("全年共收到政府信息公开申请52件；截至12月31日已办结49件。")
    assert found["requests.answered"] == (49.0, "件")


def test_granted_or_partial_with_both_verbs_and_the_rate_alone() -> None:
    found = tagged("在已答复的申请中，同意公开和同意部分公开的共88件，占61.1%。")
    assert found == {
        "requests.granted_or_partial": (88.0, "件"),
        "requests.granted_or_partial_share": (61.1, "%"),
    }
    found = tagged("全年依申请公开的公开率为58.3%。")
    assert found == {"requests.granted_or_partial_share": (58.3, "%")}


# -- what is published -----------------------------------------------------------------------


def test_kinds_listed_under_one_verb_are_no_total() -> None:
    text = "利用门户网站主动公开政府信息41条、规范性文件2条、人事信息6条、政务动态类信息205条。"
    assert "proactive.items" not in tagged(text)
    text = "部门专栏全年更新政府信息52条，另更新政务动态230条、人事信息4条。"
    assert "proactive.items" not in tagged(text)


def test_a_total_followed_by_its_kinds_stays_the_total() -> None:
    text = "全年主动公开政府信息42条，财政预决算30条、工作动态9条、其他3条。"
    assert tagged(text) == {"proactive.items": (42.0, "条")}
    text = "通过门户网站公开信息1210条，微博公开信息310条，微信公开信息402条。"
    assert tagged(text) == {"proactive.items": (1210.0, "条")}


def test_a_departments_own_column_is_its_channel_not_a_part() -> None:
    text = "市政府门户网站部门专栏全年主动公开各类政府信息130条，局门户网站主动公开各类信息96条。"
    assert "proactive.items" not in tagged(text)


def test_columns_side_by_side_are_no_total() -> None:
    text = "在门户网站部门动态发布信息12条，校园风采栏目发布信息8条，信息公开栏目发布信息20条。"
    assert "proactive.items" not in tagged(text)


def test_categories_are_not_the_whole() -> None:
    assert tagged("年内在专栏发布重点领域政府信息860条、政策解读11篇。") == {}
    assert tagged("年内共发布办事公开信息2100余条。") == {}
    assert tagged("年内公开常务会议等会议信息18条。") == {}
    assert tagged("每月公示低保信息一条。") == {}


def test_the_proactive_verb_right_before_the_number() -> None:
    text = "我办共通过门户网站及政务新媒体方式主动公开410条，其中通过政府网站公开52条。"
    assert tagged(text) == {"proactive.items": (410.0, "条")}
    text = "我委依托市政府信息公开平台共公开27条。"
    assert tagged(text) == {"proactive.items": (27.0, "条")}
    assert tagged("本年度政务公开信息共计19条。") == {"proactive.items": (19.0, "条")}


def test_a_top_level_heading_on_its_own_line_ends_its_paragraph() -> None:
    text = (
        "二、主动公开政府信息情况\n2017年，主动公开政府信息64条。\n三、依申请公开情况\n"
        "目前我乡尚未收到政府信息公开申请。\n四、申请行政复议、提起行政诉讼的情况\n"
        "我乡收到有关政府信息公开行政复议申请0件。\n五、收费及减免情况\n"
        "2017年我办对信息公开免费提供，未收取任何费用。"
    )
    assert "情况\n我乡" in normalize(text).text
    assert tagged(text)["review.cases"] == (0.0, "件")


def test_review_as_a_case_of_situation_and_litigation_as_qisu() -> None:
    found = tagged("发生因政府信息公开申请行政复议情况2件。")
    assert found == {"review.cases": (2.0, "件")}
    found = tagged("没有因政府信息公开引起行政复议或者行政起诉的案例发生。")
    assert found == {"review.cases": (0.0, "件"), "litigation.cases": (0.0, "件")}


def test_a_count_without_its_unit_before_a_top_level_heading() -> None:
    text = "三、依申请公开政府信息情况\n我局共受理政府信息公开申请0\n四、咨询处理情况\n共接受市民咨询0人次。"
    assert tagged(text) == {"requests.received": (0.0, "件")}


def test_documents_published_proactively_as_the_only_count() -> None:
    found = tagged("截止2023年12月31日，我区在政府信息公开专栏主动公开文件共512件。")
    assert found == {"proactive.items": (512.0, "件")}


def test_review_and_litigation_named_in_the_clause_before_a_bare_count() -> None:
    assert tagged("行政复议方面，本年度共发生3件。") == {"review.cases": (3.0, "件")}
    assert tagged("行政诉讼方面，全年共发生2起，均胜诉。") == {"litigation.cases": (2.0, "起")}
    found = tagged("行政复议方面，未发生。政府信息公开申请方面，全年共受理12件。")
    assert found == {"requests.received": (12.0, "件")}
