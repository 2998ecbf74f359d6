"""The fifth round's reading rules of the narrative tagger (issue 23), each on sentences of
our own: lists of members kept apart by semicolons, a site's count beside its own columns or
beside other channels, applications by channel with no total, 受理、答复 said of both,
办理 of the year among a received total's parts, counts without a unit before 其中, and
statements of none of more shapes."""

from __future__ import annotations

from narrative_support import tagged

# -- lists and channels ------------------------------------------------------------------


def test_a_member_of_a_semicolon_list_is_not_the_total() -> None:
    found = tagged(
        "主动公开县级文件38份；公开会议、调研活动等信息154条；公开环保督察信息19条；"
        "公开人事任免等信息7条。"
    )
    assert "proactive.items" not in found
    # a total before the same list is still the total
    found = tagged("全年主动公开各类信息236条；其中公开会议信息154条；公开环保督察信息19条。")
    assert found["proactive.items"] == (236.0, "条")


def test_a_sites_count_before_its_own_columns_is_the_whole() -> None:
    found = tagged(
        "依托区政府门户网站公开政府信息5210条，在工作动态栏目发布信息830条，"
        "政策解读栏目发布信息64条，人事信息栏目发布信息22条。"
    )
    assert found["proactive.items"] == (5210.0, "条")
    # columns adding up to more than the site's count are no parts of it
    found = tagged(
        "通过区政府门户网站公开政府信息120条，在工作动态栏目发布信息830条，"
        "政策解读栏目发布信息64条。"
    )
    assert "proactive.items" not in found


def test_a_sites_count_beside_other_channels_that_state_no_metric_is_no_whole() -> None:
    found = tagged(
        "本年度，我乡在县政府外网主动公开政府信息数17条（其中：乡镇动态12条，财务公开5条）；"
        "在乡政务公开栏公开内容64条；在市日报公开发布工作动态4条。"
    )
    assert "proactive.items" not in found
    # new media beside the site: the site's count
    found = tagged("通过县政府外网主动公开政府信息数17条；通过微信公众号发布信息120条。")
    assert found["proactive.items"] == (17.0, "条")


def test_applications_by_channel_side_by_side_with_no_total_give_no_count() -> None:
    found = tagged("全年通过门户网站受理政府信息公开申请6件、信函申请3件、当面申请2件。")
    assert "requests.received" not in found
    found = tagged("街道通过网站办理并答复信息公开申请4件、纸质申请9件。")
    assert "requests.received" not in found and "requests.answered" not in found
    # the channels summed after them: the sum
    found = tagged("全年依申请公开办件量有所上升：网上提交14件、信函提交5件，合计19件。")
    assert found["requests.received"] == (19.0, "件")


# -- applications --------------------------------------------------------------------------


def test_received_and_answered_listed_together_are_both_unless_carried_in() -> None:
    found = tagged("全年共受理、答复政府信息公开申请31件。")
    assert found["requests.received"] == (31.0, "件")
    assert found["requests.answered"] == (31.0, "件")
    found = tagged("全年累计受理、答复依申请公开信息64件，其中上年结转5件，结转下年度办理2件。")
    assert found["requests.answered"] == (64.0, "件")
    assert "requests.received" not in found
    assert found["requests.carried_forward"] == (2.0, "件")


def test_the_years_handling_among_the_parts_of_a_received_total_is_the_answered_count() -> None:
    found = tagged("共收到依申请公开48件，其中，全年共办理依申请公开45件，结转下年度继续办理3件。")
    assert found["requests.received"] == (48.0, "件")
    assert found["requests.answered"] == (45.0, "件")
    # a channel's handling is a part
    found = tagged("共收到政府信息公开申请20件，其中线上办理14件，线下办理6件。")
    assert found == {"requests.received": (20.0, "件")}


def test_handling_in_accordance_with_the_law_after_a_received_count_is_the_answered_one() -> None:
    found = tagged("共收到政府信息公开申请33件，依法办理政府信息公开申请30件，结转下年度办理3件。")
    assert found["requests.answered"] == (30.0, "件")


def test_an_outcome_answered_is_no_answered_count() -> None:
    found = tagged("全年办理政府信息依申请公开15条，本机关不掌握政府信息答复6条。")
    assert found == {"requests.received": (15.0, "条")}


def test_an_item_published_among_the_parts_is_no_answer() -> None:
    found = tagged("本局主动公开政府信息总数52条。其中，工作动态31条，回复网络申请公开事项3条。")
    assert found == {"proactive.items": (52.0, "条")}


def test_a_count_without_its_unit_before_the_parts() -> None:
    found = tagged("我局共收到政府信息公开申请7其中：当面申请3件，网络申请4件。")
    assert found == {"requests.received": (7.0, "件")}
    found = tagged("依托门户网站等平台发布信息1288，发布政策解读5项。")
    assert found["proactive.items"] == (1288.0, "条")


def test_a_share_named_as_the_rate_granted() -> None:
    found = tagged("已办结申请中，予以公开及部分公开86件，同意公开率为41.35%。")
    assert found["requests.granted_or_partial_share"] == (41.35, "%")


def test_carried_forward_to_be_handled_again() -> None:
    found = tagged("作出答复402件，结转至下一年再行办理17件。")
    assert found["requests.carried_forward"] == (17.0, "件")


def test_a_change_of_applications_named_in_the_clause_before() -> None:
    found = tagged(
        "共收到政府信息公开申请512件（含2022年结转12件），申请数量比去年有所增长，上升12.5%。"
    )
    assert found["requests.received_change"] == (12.5, "%")


# -- published items -------------------------------------------------------------------


def test_the_count_of_everything_published_and_the_verb_after_the_noun() -> None:
    assert tagged("2021年，省政府門戶網站信息發布總數為2.6萬條。")["proactive.items"] == (
        26000.0,
        "条",
    )
    found = tagged("市交通局主动公开政府信息按时发布77条（其中工作动态60条，政策解读17条）。")
    assert found["proactive.items"] == (77.0, "条")
    found = tagged("及时发布重点领域信息。全年共发布93条，其中行政处罚信息40条。")
    assert found["proactive.items"] == (93.0, "条")


# -- statements of none ------------------------------------------------------------------


def test_none_received_of_more_shapes() -> None:
    assert tagged("2021年，本局未共收到依申請公開申請。")["requests.received"] == (0.0, "件")
    assert tagged("全年无依申请公开的情况。")["requests.received"] == (0.0, "件")
    assert tagged("本镇未有公民、法人或其他组织提出政府信息公开申请。")["requests.received"] == (
        0.0,
        "件",
    )
    found = tagged("本办本年度未收到任何形式的依申请公开信息、行政复议和行政诉讼。")
    assert found["requests.received"] == (0.0, "件")
    assert found["review.cases"] == (0.0, "件")
    assert found["litigation.cases"] == (0.0, "件")


def test_a_zero_of_every_kind_of_applicant_is_a_zero_but_not_of_one_kind() -> None:
    found = tagged("本街道收到公民、法人和其他组织政府信息公开申请0件。")
    assert found["requests.received"] == (0.0, "件")
    assert "requests.received" not in tagged("2023年收到公民申请政府信息公开0件。")


def test_none_of_litigation_listed_after_review() -> None:
    found = tagged("未发生政府信息公开行政复议、起诉。")
    assert found["litigation.cases"] == (0.0, "件")
    found = tagged("无因政府信息产生行政复议，提起行政诉讼情况发生。")
    assert found["review.cases"] == (0.0, "件")
    assert found["litigation.cases"] == (0.0, "件")


def test_none_of_both_losing_is_no_corrected_case_of_either() -> None:
    found = tagged("无因信息公开案件引起的行政诉讼、行政复议败诉等情况。")
    assert found == {"review.corrected": (0.0, "件"), "litigation.corrected": (0.0, "件")}


def test_policy_documents_published_as_the_only_count_and_key_information_as_a_category() -> None:
    assert tagged("全年及时准确发布政策文件47件。")["proactive.items"] == (47.0, "件")
    found = tagged("主动公开政策文件12件，工作动态30条，人事信息5条。")
    assert "proactive.items" not in found
    found = tagged("各单位通过专栏向社会公开住房保障、食品安全等关系群众利益的重点信息1260条。")
    assert "proactive.items" not in found


def test_still_being_handled_at_the_years_end_and_a_count_of_none_said_with_wei() -> None:
    found = tagged("共收到申请15件，截至年底已答复13件，2件正在办理。")
    assert found["requests.carried_forward"] == (2.0, "件")
    assert tagged("2022年度，本单位政府信息公开申请数为0。")["requests.received"] == (0.0, "件")
