"""The fourth round's reading rules of the narrative tagger (issue 23), each on sentences of
our own: a part keeps the subject of its whole, the rest of a part list is a part, a
statement of none does not reach over costs or improper withholding, a heading line stays a
heading, a count of the words after it does not end a clause, channels named together are
the whole's, columns of one site side by side are no total, the report's own year is not
the next one, and the words of none that read a whole section (收费情况 / 无)."""

from __future__ import annotations

from narrative_support import tagged
from reportextract.narrative import extract_figures

# -- parts keep their whole's subject ----------------------------------------------------


def test_an_outcome_published_on_the_site_is_a_part_of_the_applications() -> None:
    found = tagged(
        "全年本委共收到政府信息公开申请27件，其中已在委网站主动公开的11件，予以公开9件，"
        "非本机关政府信息7件，均已按时答复。"
    )
    assert found["requests.received"] == (27.0, "件")
    assert "proactive.items" not in found


def test_the_rest_after_parts_is_not_the_answered_whole() -> None:
    found = tagged(
        "本年度受理政府信息公开申请18件，其中属于信访事项的5件，其余13件均在法定期限内答复。"
    )
    assert found == {"requests.received": (18.0, "件")}
    found = tagged("共受理申请11件，其中咨询类4件，另7件均按期答复。")
    assert found == {"requests.received": (11.0, "件")}


def test_an_answered_count_among_the_parts_is_still_the_answered_count() -> None:
    found = tagged("共受理依申请公开22件，其中按期办结22件，按期办结率100%。")
    assert found["requests.answered"] == (22.0, "件")


def test_a_count_handled_and_replied_is_received_and_answered() -> None:
    found = tagged("全年共办理回复依申请公开事项26件，其中网上申请19件，信函申请7件。")
    assert found["requests.received"] == (26.0, "件")
    assert found["requests.answered"] == (26.0, "件")


def test_handled_and_replied_with_last_years_included_is_no_received_count() -> None:
    found = tagged("全年共办理回复依申请公开件14件（含上年结转3件），均已按规定答复。")
    assert "requests.received" not in found


# -- statements of none keep to their own words -----------------------------------------


def test_no_costs_of_litigation_is_no_zero_litigation() -> None:
    found = tagged("六、与诉讼有关的费用支出\n本年度未发生与行政诉讼有关的费用支出。")
    assert "litigation.cases" not in found


def test_no_improper_withholding_is_no_zero_applications() -> None:
    assert tagged("全年未发生应公开而不予公开的依申请公开事项。") == {}
    assert tagged("本年度未收到应公开而不予公开的政府信息公开申请。") == {}
    assert tagged("全年未收到应予公开而不予公开的申请投诉。") == {}


def test_no_review_or_litigation_in_the_words_not_existing() -> None:
    found = tagged("本年度我所不存在因政府信息公开工作被申请行政复议、提起行政诉讼的情况。")
    assert found == {"review.cases": (0.0, "件"), "litigation.cases": (0.0, "件")}


def test_a_zero_for_one_kind_of_applicant_is_no_figure() -> None:
    found = tagged("受理法人或其他组织提出的政府信息公开申请0件。")
    assert "requests.received" not in found


# -- headings, clauses and the report's year ---------------------------------------------


def test_a_long_numbered_heading_is_not_read_into_the_next_line() -> None:
    found = tagged(
        "（二）行政机关收到和处理政府信息公开申请的情况\n2020年本镇无依申请公开的政府信息。"
    )
    assert found == {"requests.received": (0.0, "件")}


def test_a_section_heading_and_none_on_the_next_line() -> None:
    found = tagged(
        "（一）申请情况\n本年度没有收到政府信息公开申请。\n（二）答复情况\n无。\n"
        "（三）依申请公开政府信息收费情况\n无。"
    )
    assert found == {
        "requests.received": (0.0, "件"),
        "requests.answered": (0.0, "件"),
        "fees.collected": (0.0, "元"),
    }


def test_a_count_of_the_words_after_it_does_not_end_the_clause() -> None:
    found = tagged("区政府网站6个栏目共发布公开文章233篇，其中工作动态150篇。")
    assert found == {"proactive.items": (233.0, "篇")}
    # (项 is a unit of counts: the count of kinds is read as a word between verb and subject)
    found = tagged("全年依托区政府门户网站集中公开六大类38项信息共5120条。")
    assert found == {"proactive.items": (5120.0, "条")}


def test_the_reports_own_year_is_not_the_next_year() -> None:
    found = tagged(
        "（一）申请情况：2017年度收到申请公开政府信息数3条。\n（二）处理情况：2017年已处理申请情况数3条。"
    )
    assert found == {"requests.received": (3.0, "条"), "requests.answered": (3.0, "条")}


# -- channels ------------------------------------------------------------------------------


def test_channels_named_together_are_the_whole() -> None:
    found = tagged(
        "本年度通过政府门户网站、政务新媒体等多种渠道累计公开信息共86条。"
        "通过区政府信息公开门户网站公开62条，其中人事信息4条。"
    )
    assert found == {"proactive.items": (86.0, "条")}


def test_columns_of_one_site_side_by_side_are_no_total() -> None:
    found = tagged(
        "通过区政府网站“部门文件”栏目发布6条，“通知公告”栏目发布19条，“财政信息”栏目发布4条，"
        "“工作动态”栏目发布33条。"
    )
    assert "proactive.items" not in found


def test_a_list_ending_in_kinds_of_content_is_the_whole() -> None:
    found = tagged("依托局门户网站，主动公开机构职能、规划计划、财政预决算、人事信息等内容204条。")
    assert found == {"proactive.items": (204.0, "条")}


def test_a_new_media_count_beside_kinds_without_a_total_is_no_total() -> None:
    found = tagged(
        "利用门户网站主动公开政府信息31条、规范性文件2条、人事信息6条、工作动态类信息140条；"
        "微信公众号推送信息512篇。"
    )
    assert "proactive.items" not in found


def test_a_documents_count_beside_interpretations_is_a_kind() -> None:
    found = tagged("本年度在区政府网站主动公开文件23件、政策解读9件，政务微博推送信息156条。")
    assert "proactive.items" not in found
    assert tagged("本年度在区政府网站主动公开文件23件。") == {"proactive.items": (23.0, "件")}


def test_a_list_of_kinds_ending_in_included_names_the_whole() -> None:
    found = tagged(
        "全年共发布包括财政资金、安全生产信息等重点领域信息在内的各类信息412条，其中，"
        "门户网站发布信息250条。"
    )
    assert found == {"proactive.items": (412.0, "条")}


def test_the_received_count_restated_before_its_parts_is_no_second_figure() -> None:
    found = tagged(
        "2021年，本局收到依申请公开事项4项，均已按时答复。在受理的4件申请中，4件为网上申请。"
    )
    assert found["requests.received"] == (4.0, "项")
    received = [f for f in extract_figures("在受理的4件申请中，4件为网上申请。") if f.metric]
    assert received == []


def test_a_list_of_kinds_with_its_count_before_the_noun_is_the_whole() -> None:
    found = tagged("本年度主动公开工作动态、通知公告、人事信息等418条信息。")
    assert found == {"proactive.items": (418.0, "条")}


def test_a_heading_with_none_for_the_year_after_its_colon() -> None:
    found = tagged("五、因政府信息公开申请行政复议、提起行政诉讼情况：2022年度无。")
    assert found == {"review.cases": (0.0, "件"), "litigation.cases": (0.0, "件")}
    assert "review.cases" not in tagged("行政复议被纠错情况：无。")


def test_a_word_of_the_whole_said_of_every_channel_marks_none_of_them() -> None:
    found = tagged("通过区政府门户网站公开信息共计211条，通过公开栏公开信息共计23条。")
    assert "proactive.items" not in found
    found = tagged(
        "通过多种渠道共计公开信息234条，通过区政府门户网站公开211条，通过公开栏公开23条。"
    )
    assert found == {"proactive.items": (234.0, "条")}


def test_more_words_for_applications_fees_and_none_of_cases() -> None:
    assert tagged("全年受理群众申请信息公开4起。") == {"requests.received": (4.0, "起")}
    assert tagged("本年度政府信息公开收费0元。") == {"fees.collected": (0.0, "元")}
    assert tagged("本年度，行政复议案件与行政诉讼案件数均为零。") == {
        "review.cases": (0.0, "件"),
        "litigation.cases": (0.0, "件"),
    }


def test_cases_the_body_or_a_court_decides_are_not_cases_about_its_disclosure() -> None:
    assert tagged("本机关作为复议机关，全年受理行政复议申请31件。") == {}
    assert tagged("区法院全年受理行政诉讼案件186件。") == {}
    found = tagged("因政府信息公开被申请行政复议3件，被申请人向区人民法院提起行政诉讼1件。")
    assert found == {"review.cases": (3.0, "件"), "litigation.cases": (1.0, "件")}


def test_none_on_the_line_under_a_review_and_litigation_heading() -> None:
    found = tagged("四、收费情况\n无。\n五、复议及诉讼情况\n无。")
    assert found == {
        "fees.collected": (0.0, "元"),
        "review.cases": (0.0, "件"),
        "litigation.cases": (0.0, "件"),
    }
    assert tagged("六、与诉讼有关的费用支出\n无。") == {}


def test_another_count_whose_next_clause_carries_it_into_next_year() -> None:
    found = tagged("另有2件申请因需征求第三方意见，延期至次年答复。")
    assert found == {"requests.carried_forward": (2.0, "件")}
    found = tagged("截至12月31日，尚有1件申请未到答复期限，将在2025年度答复。")
    assert found == {"requests.carried_forward": (1.0, "件")}
    found = tagged("全年收到申请27件。年内办结25件，跨年度办理2件。")
    assert found["requests.carried_forward"] == (2.0, "件")
    found = tagged("全年受理申请4件，结转至下年度办理1件。")
    assert found == {"requests.received": (4.0, "件"), "requests.carried_forward": (1.0, "件")}


def test_an_application_count_printed_without_its_unit_after_shu_wei() -> None:
    assert tagged("本年度受理政府信息公开申请数为0。") == {"requests.received": (0.0, "件")}
    assert tagged("收到政府信息公开申请数量为12。") == {"requests.received": (12.0, "件")}


def test_the_counties_of_a_city_are_its_parts() -> None:
    found = tagged("全市共主动公开政府信息61230条，其中市本级9010条，各区县52220条。")
    assert found == {"proactive.items": (61230.0, "条")}
    found = tagged("市本级主动公开政府信息9010条，各区县主动公开政府信息52220条。")
    assert found.get("proactive.items") != (52220.0, "条")
