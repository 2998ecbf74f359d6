"""The sixth round's reading rules of the narrative tagger (issue 23), each on sentences of
our own: counts that lost their unit and comma in a text export, a kind of information
headed by its own part list, updates named as a noun."""

from __future__ import annotations

from narrative_support import tagged

# -- counts without their unit -----------------------------------------------------------


def test_a_count_named_by_its_quantity_word_keeps_without_unit_or_comma() -> None:
    found = tagged("通过镇政府网站等平台发布的信息数量218借助本镇公众号发布信息数量96")
    assert found["proactive.items"] == (218.0, "条")


def test_an_unitless_application_count_opening_a_breakdown_is_the_total() -> None:
    found = tagged("本年度我办收到政府信息公开申请41分别为予以公开20件；不予公开6件。")
    assert found["requests.received"] == (41.0, "件")


# -- a kind headed by its own part list --------------------------------------------------


def test_a_kind_of_information_with_its_own_part_list_is_the_total() -> None:
    found = tagged("全年通过市政府网站发布政务动态类信息822条，其中文件11条，政策解读6条。")
    assert found["proactive.items"] == (822.0, "条")
    # with no part list it stays a kind
    found = tagged("全年通过市政府网站发布政务动态类信息822条。")
    assert "proactive.items" not in found
    # interpretations and news stay kinds even with parts of their own
    found = tagged("全年发布政策解读信息75条，其中图解12条，视频解读4条。")
    assert "proactive.items" not in found


def test_a_long_list_of_kinds_before_its_count_and_part_list_is_the_total() -> None:
    found = tagged(
        "以局网站、政务微博为载体，及时公开贯彻落实上级决策部署、开展安全生产专项整治、"
        "推进食品安全城市创建、深化营商环境改革等各方面工作信息905条（其中：网站322条、"
        "政务微博583条）。"
    )
    assert found["proactive.items"] == (905.0, "条")


def test_updates_named_as_a_noun_are_the_items_published() -> None:
    found = tagged("一是做好信息及时更新。全年信息更新352条，其中政策法规17条，人事信息9条。")
    assert found["proactive.items"] == (352.0, "条")
    found = tagged("政府信息公开目录信息更新量407条，政务微博发布信息1180条。")
    assert found["proactive.items"] == (407.0, "条")


# -- channels over a paragraph -----------------------------------------------------------


def test_a_site_named_as_a_disclosure_net_is_a_channel_beside_another() -> None:
    found = tagged(
        "2013年，在县政府信息公开网发布信息57条（其中当年新增19条），"
        "在局门户网站发布信息83条（其中当年新增31条）。"
    )
    assert "proactive.items" not in found


def test_channels_in_two_sentences_of_a_paragraph_give_no_whole() -> None:
    found = tagged(
        "2013年度共在县政府信息公开网上发布各类主动公开信息41条。除在网上公开外，"
        "还通过省审计厅、市审计局、县文明网等媒体主动向社会发布信息73条。"
    )
    assert "proactive.items" not in found
    found = tagged(
        "今年，通过宣传横幅、村务公示栏目主动在辖区内就临时救助、高龄补贴、残疾人帮扶等"
        "情况主动进行公开公示共计64条。通过区政务网、区手机台公开信息812条。"
    )
    assert "proactive.items" not in found
    # new media in the other sentence: the site's count stays the whole
    found = tagged("2013年度在县政府信息公开网上发布信息41条。通过微信公众号发布信息73条。")
    assert found["proactive.items"] == (41.0, "条")


# -- statements of none ------------------------------------------------------------------


def test_none_of_what_the_heading_names() -> None:
    found = tagged(
        "四、政府信息公开的收费及减免情况\n本机关未收取任何费用。\n"
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n本年度无此类情况发生。"
    )
    assert found["fees.collected"] == (0.0, "元")
    assert found["review.cases"] == (0.0, "件")
    assert found["litigation.cases"] == (0.0, "件")
    # the same words under another heading say nothing of cases
    found = tagged("二、主动公开政府信息情况\n本年度无此类情况发生。")
    assert "review.cases" not in found and "litigation.cases" not in found


def test_none_of_fees_said_with_a_verb_before_the_charge() -> None:
    assert tagged("2016年，县水利局政府信息公开没有进行收费。")["fees.collected"] == (0.0, "元")


def test_no_handling_of_applications_is_none_received() -> None:
    found = tagged("本年度我局政务信息全部主动公开，无政府信息依申请公开办理情况。")
    assert found["requests.received"] == (0.0, "件")


def test_a_zero_of_review_and_litigation_procedures_together_is_each_zero() -> None:
    found = tagged("本年度未转结上年申请，进入行政复议程序和行政诉讼程序均为0件。")
    assert found["review.cases"] == (0.0, "件")
    assert found["litigation.cases"] == (0.0, "件")


# -- applications: other nouns, the ones still open --------------------------------------


def test_a_demand_qualified_by_disclosure_is_an_application() -> None:
    found = tagged("2024年，本局接到依申请公开方面的诉求5件，均依法作出答复。")
    assert found["requests.received"] == (5.0, "件")
    found = tagged("全年收到群众通过网络提交的信息公开诉求4件。")
    assert found["requests.received"] == (4.0, "件")
    # a citizens' demand of another kind stays another kind
    assert "requests.received" not in tagged("全年受理群众诉求860件，办结率100%。")


def test_a_count_still_open_at_the_years_end_is_carried_forward() -> None:
    found = tagged("共收到申请3件，已经办理了3件，尚未办理0件。")
    assert found["requests.carried_forward"] == (0.0, "件")
    found = tagged("全年受理申请12件，按时答复10件，仍在办理中2件。")
    assert found["requests.carried_forward"] == (2.0, "件")
    # a review's open count is no application's
    found = tagged("全年共收到行政复议3件，维持结果3件，尚未办结0件。")
    assert "requests.carried_forward" not in found


def test_a_count_whose_next_clause_carries_its_time_limit_is_carried_forward() -> None:
    found = tagged(
        "全年受理申请19件，按时答复16件；另有3件因需征求第三方意见，答复期限顺延至下年度。"
    )
    assert found["requests.carried_forward"] == (3.0, "件")


def test_small_words_around_counts() -> None:
    # 计 before the number, like 共计
    found = tagged("我局在市政府信息公开平台共公开信息计186条，其中机构领导栏目21条。")
    assert found["proactive.items"] == (186.0, "条")
    # answers counted in 次, like the applications they answer
    found = tagged("2016年，市档案局受理政府信息公开申请0次，答复0次。")
    assert found["requests.answered"] == (0.0, "次")
    # a mailbox's message still open is no application
    found = tagged("网站公开信箱收到留言960件，除7件正在办理中，其余均按期办结。")
    assert "requests.carried_forward" not in found


def test_a_documents_count_beside_a_kind_in_another_unit_is_a_kind() -> None:
    found = tagged("2023年主动公开政策文件22件，局务会议信息14次。")
    assert "proactive.items" not in found
    # alone it is the overall count
    assert tagged("2023年主动公开政策文件22件。")["proactive.items"] == (22.0, "件")


def test_a_change_of_a_share_is_no_change_of_the_count_before_it() -> None:
    found = tagged("2023年共办理信息公开申请41件，予以公开和部分公开答复占比较2022年增加4%。")
    assert found["requests.received"] == (41.0, "件")
    assert "requests.received_change" not in found
    # a change said of the count itself still is
    found = tagged("2023年共收到信息公开申请41件，较2022年增加4%。")
    assert found["requests.received_change"] == (4.0, "%")


def test_the_bodys_parts_publishing_together_through_the_portal_are_the_whole() -> None:
    found = tagged(
        "全年县政府各部门、乡镇（街道）累计通过政府门户网站发布各类政府信息6120条，"
        "政务新媒体主动公开信息9034条，其中概况类信息31条。"
    )
    assert found["proactive.items"] == (6120.0, "条")
    # the departments' and streets' applications beside the government's own stay parts
    found = tagged("区政府本级收到政府信息公开申请21件；区政府各部门、各街道共收到申请133件。")
    assert found["requests.received"] == (21.0, "件")


def test_handled_counts_with_the_subject_first_or_carried_in_ones() -> None:
    found = tagged("2022年市气象局依申请公开信息办理0件。")
    assert found["requests.received"] == (0.0, "件")
    # after a separate received count, the handled ones including last year's are answered
    found = tagged("全年收到申请52件，共办理54件（含上年结转2件）。")
    assert found["requests.received"] == (52.0, "件")
    assert found["requests.answered"] == (54.0, "件")
    # unless the text states the answered ones itself
    found = tagged(
        "全年收到申请52件，共办理54件（含上年结转2件），50件已在法定期限内予以答复，"
        "4件结转下年答复。"
    )
    assert found["requests.answered"] == (50.0, "件")


def test_a_granted_rate_alone_in_its_clause_after_applications() -> None:
    found = tagged("全年受理依申请公开16件，公开率为75%。")
    assert found["requests.granted_or_partial_share"] == (75.0, "%")
    # a publishing rate is none
    found = tagged("（一）主动公开情况。本年度政府信息公开情况总体良好，公开率为100%。")
    assert "requests.granted_or_partial_share" not in found


def test_none_received_nor_handled() -> None:
    found = tagged("2023年度我局未收到也未办理政府信息公开申请。")
    assert found["requests.received"] == (0.0, "件")
    assert found["requests.answered"] == (0.0, "件")
