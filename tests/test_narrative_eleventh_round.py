"""The eleventh round's reading rules of the narrative tagger (issue 23), each on sentences of
our own, each a class of phrasing rather than one report's sentence: the rest of a part list
after parts that were not answered, counts paired with the verb of the clause before them."""

from __future__ import annotations

from narrative_support import tagged
from reportextract.narrative import extract_figures


def test_the_rest_after_withdrawn_and_pending_parts_is_the_answered_count() -> None:
    text = (
        "2024年，本镇新收政府信息公开申请22宗，其中3宗申请人已主动撤回申请，2宗仍在法定"
        "办理期限内，其余17宗均已在法定期限内依法履行告知、答复等程序。"
    )
    found = tagged(text)
    assert found["requests.received"] == (22.0, "宗")
    assert found["requests.answered"] == (17.0, "宗")
    text = "全年共受理政府信息公开申请41件，其中结转下年度4件，其余37件全部按期答复。"
    assert tagged(text)["requests.answered"] == (37.0, "件")


def test_the_rest_after_outcomes_stays_a_part() -> None:
    # outcomes are answers themselves: the rest is one more outcome, not the answered whole
    text = "本年度共收到政府信息公开申请12件，其中信息不存在3件，不属于本机关公开1件，其余8件均予以答复。"
    assert "requests.answered" not in tagged(text)
    # a part answered, with more parts after it, is no answered whole either
    text = "2024年，街道共受理政府信息公开申请9件，其中2件均按规定程序办结，5件为信息不存在，重复申请2件。"
    assert "requests.answered" not in tagged(text)


def test_a_clause_of_a_sum_alone_is_read_with_the_clause_before_it() -> None:
    text = (
        "2024年，通过区政府门户网站主动公开财政预算、重大项目进展、人事任免等内容，共计47条信息。"
    )
    assert tagged(text)["proactive.items"] == (47.0, "条")
    text = "本年度，本局通过门户网站、政务新媒体等多种渠道主动公开政府信息，合计386篇。"
    assert tagged(text)["proactive.items"] == (386.0, "篇")


def test_kinds_listed_then_their_sum_is_the_whole() -> None:
    text = "本年度，本中心公开机构概况类信息、工作动态类信息、预决算信息及机构信息累计361条。"
    assert tagged(text)["proactive.items"] == (361.0, "条")
    # a list ending in 等 with the kinds' field and a noun between 等 and the count
    text = "2023年，本镇主动公开了各类政府信息，具体包括项目建设、社会救助等方面的内容共计92条。"
    assert tagged(text)["proactive.items"] == (92.0, "条")
    text = "全年公开机构设置、财政资金、民生保障等有关政务动态和通知类信息1520条。"
    assert tagged(text)["proactive.items"] == (1520.0, "条")


def test_the_whole_named_by_itself_after_its_kinds() -> None:
    text = (
        "2024年，在园区官网主动公开规范性文件9篇、政策解读11篇，各类政府信息1307条，"
        "其中重点领域信息240条。"
    )
    assert tagged(text)["proactive.items"] == (1307.0, "条")


def test_kinds_listed_with_no_sum_give_no_figure() -> None:
    # the settled case: kinds under one verb with no total state no proactive.items
    text = "全年公开机构概况类信息12条、工作动态类信息45条、人事信息3条。"
    assert "proactive.items" not in tagged(text)


def test_review_and_litigation_counts_with_their_cause_between_count_and_noun() -> None:
    text = "本年度有2起因政府信息公开答复引发的行政复议，1件由信息公开申请提起的行政诉讼。"
    found = tagged(text)
    assert found["review.cases"] == (2.0, "起")
    assert found["litigation.cases"] == (1.0, "件")
    # matters counted in 项
    assert tagged("2024年，本街道发生行政复议事项0项。")["review.cases"] == (0.0, "项")


def test_the_applicants_demand_does_not_make_the_sentence_another_request() -> None:
    text = "认真听取申请人的诉求，全年受理公开申请18件，回复办理18件，办结率为100%。"
    found = tagged(text)
    assert found["requests.received"] == (18.0, "件")
    assert found["requests.answered"] == (18.0, "件")
    # the public's demands are still another kind of request
    assert "requests.answered" not in tagged("全年受理群众诉求40件，回复办理40件。")


def test_information_on_request_named_alone_under_its_heading() -> None:
    # the settled case: 依申请公开信息0条 on its own, under the applications' heading
    text = "（二）依申请公开情况\n2024年1-11月，本乡依申请公开信息0条。"
    assert tagged(text)["requests.received"] == (0.0, "条")
    # the application named after what it asks for
    text = "2024年全年依申请公开政府信息申请 7件，申请人均为法人。"
    assert tagged(text)["requests.received"] == (7.0, "件")
    # what was published on request is no application count
    text = "全年利用政务公开专栏发布依申请公开信息0条，不予公开信息0条。"
    assert "requests.received" not in tagged(text)


def test_information_on_request_named_alone_away_from_its_heading_is_no_application() -> None:
    assert "requests.received" not in tagged("本年度作为依申请公开信息数12条。")


def test_a_number_filled_into_a_bracketed_blank_before_its_unit() -> None:
    text = "一是通过园区门户网站发布政务信息（2417）条，其中：政务动态信息（1903）条。"
    figures = [f for f in extract_figures(text) if f.metric == "proactive.items"]
    assert [(f.value, f.unit) for f in figures] == [(2417.0, "条")]
    # the figure still points at the number as printed
    assert text[figures[0].char_start : figures[0].char_end] == "2417）条"
    # a year or a note in brackets is no blank: (2023) before 年 stays as it is
    assert all(f.value != 2023 for f in extract_figures("《规划（2023）年度执行》发布信息9条。"))


def test_a_site_and_a_verb_with_any_object_of_publishing() -> None:
    text = "2024年在区政府门户网发布公示公开内容63条，涵盖机构职能、财政资金等方面。"
    assert tagged(text)["proactive.items"] == (63.0, "条")


def test_a_count_its_parts_add_up_to_is_the_published_whole() -> None:
    # no rule reads 审核推送 or a list of kinds as the whole; the parts adding up to it do
    text = "2024年，本街道通过区政府网站报送信息260条，审核推送241条，其中工作动态230条、其他信息11条。"
    assert tagged(text)["proactive.items"] == (241.0, "条")
    text = (
        "本年度本局共公布政府信息、工作动态信息152条。其中：政府网站公开政府信息数61条，"
        "政务微信公开政府信息数70条，其他方式21条。"
    )
    assert tagged(text)["proactive.items"] == (152.0, "条")


def test_a_count_its_parts_do_not_add_up_to_is_not_made_the_whole() -> None:
    text = "2024年，本街道通过区政府网站报送信息260条，审核推送241条，其中工作动态200条、其他信息11条。"
    assert "proactive.items" not in tagged(text)
    # a kind and its parts, or cases, are no published whole
    assert "proactive.items" not in tagged("全年发布政策解读96篇，其中图片解读40篇，文字解读56篇。")
    text = "2024年因信息公开引发行政争议4件，其中行政复议1件，行政诉讼3件。"
    assert "proactive.items" not in tagged(text)


def test_the_proactive_content_named_as_a_noun_and_a_list_ending_in_a_sum() -> None:
    text = "截至2024年12月，本乡主动公开内容共27条，包括规划计划4条、人事信息2条等。"
    assert tagged(text)["proactive.items"] == (27.0, "条")
    text = "2024年，本街道通过区政府网站主动公开规划信息、财政资金、政府采购等共计65余条。"
    assert tagged(text)["proactive.items"] == (65.0, "条")
    # what the law says to publish, as one kind among others, is no whole
    text = "全镇累计公开各类政务信息30条，涵盖以下方面：法定主动公开内容8条，部门文件2条。"
    assert tagged(text)["proactive.items"] == (30.0, "条")


def test_applications_named_by_the_information_they_ask_for() -> None:
    text = "2024年，办公室牵头办理向区政府申请的政府信息26件，全部按时办结。"
    assert tagged(text)["requests.received"] == (26.0, "件")


def test_the_service_site_beside_the_portal_is_a_second_channel() -> None:
    # two sites side by side (and new media): no count of them is the whole
    text = "2024年本局在政府网站主动公开信息31条，政务服务网42条，微信公众号208条。"
    assert "proactive.items" not in tagged(text)


def test_a_received_count_that_is_the_subject_of_the_answer_verb_is_answered_too() -> None:
    text = "2024年，本县共受理政府信息公开申请17件均按《条例》规定进行答复。"
    found = tagged(text)
    assert found["requests.received"] == (17.0, "件")
    assert found["requests.answered"] == (17.0, "件")
    # after a comma, "all answered" has no number of its own (the README's settled case)
    found = tagged("2024年，本县共受理政府信息公开申请17件，均按《条例》规定进行答复。")
    assert "requests.answered" not in found


def test_a_first_kind_smaller_than_a_kind_listed_with_it_is_no_whole() -> None:
    # 累计 before the verb is said of the whole list, not of its first member
    text = "全年累计公开政务公开信息52条、工作动态信息140条、财政预决算信息18条。"
    assert "proactive.items" not in tagged(text)
    # news counted after a comma are another kind, not a part: the information count stands
    text = "2024年度共主动公开政府信息31条，各类新闻动态2210条，全文电子化达100%。"
    assert tagged(text)["proactive.items"] == (31.0, "条")


def test_the_next_year_before_a_verb_of_going_on_is_carried_forward() -> None:
    text = "2024年，本局收到依申请公开93件，结转上年3件；办理70件，下年度继续办理26件。"
    found = tagged(text)
    assert found["requests.carried_forward"] == (26.0, "件")
    # last year's carried in is never carried forward
    assert found.get("requests.carried_forward") != (3.0, "件")


def test_a_count_of_kinds_right_before_the_count_of_items() -> None:
    text = "2024年，本局共主动公开政府信息12项87条，其中工作动态60条。"
    figures = [f for f in extract_figures(text) if f.metric == "proactive.items"]
    assert [(f.value, f.unit) for f in figures] == [(87.0, "条")]


def test_a_channel_named_only_in_an_aside_does_not_make_the_count_a_channels() -> None:
    text = "2024年度本乡共主动公开政府信息（公文平台发文）96条，政府网站公开信息数58条，政务微信公开数41条。"
    assert tagged(text)["proactive.items"] == (96.0, "条")


def test_review_and_litigation_counted_respectively() -> None:
    found = tagged("因政府信息公开申请引发的行政复议、行政诉讼分别为4件、2件。")
    assert found["review.cases"] == (4.0, "件")
    assert found["litigation.cases"] == (2.0, "件")
    # one count said of each is still a count of each
    found = tagged("行政复议、行政诉讼案件分别为1件。")
    assert found["review.cases"] == (1.0, "件")
    assert found["litigation.cases"] == (1.0, "件")


def test_cases_counted_before_what_they_are_about_and_the_case_noun() -> None:
    found = tagged("本年度共发生1起政府信息公开行政诉讼案件，法院判决驳回原告诉讼请求。")
    assert found["litigation.cases"] == (1.0, "起")
    found = tagged("本年度共发生2起政府信息公开行政复议案，均维持原答复。")
    assert found["review.cases"] == (2.0, "起")


def test_the_amount_of_information_published_named_with_a_bare_measure_word() -> None:
    assert tagged("2024年政府网站信息发布量达2.3万条。")["proactive.items"] == (23000.0, "条")


def test_applications_counted_in_ge_or_named_as_materials_not_applicants() -> None:
    assert tagged("2024年度，本街道共受理申请公开数5个，已全部答复。")["requests.received"] == (
        5.0,
        "个",
    )
    text = "全年共收到申请人提交的政府信息公开申请材料11件。"
    assert tagged(text)["requests.received"] == (11.0, "件")
    # a count of applicants is no count of applications
    assert "requests.received" not in tagged("2024年，本局共收到3个自然人的政府信息公开申请。")


def test_zero_applications_said_with_ling_and_a_review_ordered_to_answer_again() -> None:
    assert tagged("2024年，全年依申请公开零申请。")["requests.received"] == (0.0, "件")
    found = tagged("全年共发生行政复议案件3件，其中1件被责令重新答复。")
    assert found["review.cases"] == (3.0, "件")
    assert found["review.corrected"] == (1.0, "件")


def test_kinds_published_under_one_verb_then_their_exact_sum() -> None:
    text = "本年度在政务公开专栏更新政策文件26条、工作动态85条、通知公告40条，共计151条。"
    assert tagged(text)["proactive.items"] == (151.0, "条")
    # a sum that is not theirs is not read as the whole
    text = "本年度在政务公开专栏更新政策文件26条、工作动态85条、通知公告40条，共计160条。"
    assert "proactive.items" not in tagged(text)


def test_news_media_beside_the_site_is_another_channel() -> None:
    # the README's settled case: two channels that are not new media side by side, no total
    text = "今年以来，在区政府网站发布信息560条，在区融媒体中心发布新闻稿46篇。"
    assert "proactive.items" not in tagged(text)


def test_pending_said_with_zhengzai_alone_and_settled_said_with_wanjie() -> None:
    found = tagged("本年度共收到政府信息公开申请26件，已答复24件，正在办理2件。")
    assert found["requests.carried_forward"] == (2.0, "件")
    found = tagged("本年度受理政府信息公开申请17件，已办理完结16件。")
    assert found["requests.answered"] == (16.0, "件")
    # enquiries still being handled are no applications
    text = "全年处理网站咨询类信息21条，已回复21条，正在办理0条。"
    assert "requests.carried_forward" not in tagged(text)


# -- after the 45-minute mark: classes seen in real-L's mistakes, on our own sentences --------


def test_lawsuits_of_one_kind_as_the_only_count() -> None:
    found = tagged("2024年，被申请行政复议2件；未经复议直接起诉1件，结果维持。")
    assert found["litigation.cases"] == (1.0, "件")
    found = tagged("全年办理政府信息公开申请40件，行政复议3件，复议后起诉2件。")
    assert found["litigation.cases"] == (2.0, "件")
    # a zero of one kind says nothing of the other kind
    found = tagged("因依申请公开引起的行政复议1件；经复议后起诉的行政诉讼0件。")
    assert "litigation.cases" not in found
    # beside the count of all lawsuits, the kinds are its parts
    found = tagged("涉及行政诉讼5件，未经复议直接起诉3件，复议后起诉2件。")
    assert found["litigation.cases"] == (5.0, "件")


def test_none_overturned_or_lost_and_a_year_inside_the_sites_clause() -> None:
    found = tagged("未出现因依申请公开引发的行政复议和行政诉讼被撤销或败诉等情况。")
    assert found["review.corrected"] == (0.0, "件")
    assert found["litigation.corrected"] == (0.0, "件")
    text = "（一）信息主动公开\n在2024年区政府信息公开网站里总发布62条，主要涉及财政、人事等。"
    assert tagged(text)["proactive.items"] == (62.0, "条")


def test_a_site_total_before_a_smaller_proactive_part() -> None:
    # the README's settled case: a site total with a 主动公开 part is the site total
    text = "2024年通过区政府网站发布信息58条，主动公开政府信息14条，政策解读2条，信息公开年报1条。"
    assert tagged(text)["proactive.items"] == (58.0, "条")


def test_a_first_count_over_channels_named_together_outranks_one_channels() -> None:
    text = (
        "2024年，本街道通过不同渠道和方式公开政府信息共162条。其中，新闻客户端公开信息数104条。"
        "网站主动公开政府信息58条，其中领导信息13条。"
    )
    assert tagged(text)["proactive.items"] == (162.0, "条")
    # after a 主动公开 count of its own, the channels' count is another measure
    text = "2024年本镇主动公开信息61条。通过不同渠道和方式公开政府信息530条。"
    assert tagged(text)["proactive.items"] == (61.0, "条")
