"""The thirteenth round's reading rules of the narrative tagger (issue 23), each on sentences of
our own, each a class of phrasing rather than one report's sentence: the round asked what makes
a new report's phrasing fail, as a class, and each rule here answers one such class."""

from __future__ import annotations

from narrative_support import tagged


def test_a_word_of_another_kind_inside_the_reporting_bodys_name_is_no_other_request() -> None:
    # 信访, 审批, 政务服务 name the body that reports, not the kind of request it received
    text = "2023年，某县信访局共受理政府信息公开申请7件。"
    assert tagged(text)["requests.received"] == (7.0, "件")
    text = "2024年，某市行政审批服务局共办理政府信息公开申请11件，较上年增加2件，办结数10件。"
    assert tagged(text)["requests.received"] == (11.0, "件")
    assert tagged(text)["requests.answered"] == (10.0, "件")
    text = "本年度，区政务服务管理局收到政府信息公开申请3件，均已按期答复。"
    assert tagged(text)["requests.received"] == (3.0, "件")


def test_a_channel_list_naming_letters_does_not_make_a_statement_of_none_anothers() -> None:
    text = "2023年，本乡未收到通过电话、来信、网上平台等方式提出的政府信息公开申请。"
    assert tagged(text)["requests.received"] == (0.0, "件")
    text = "本年度本所没有接到以来信或当面等形式提出的任何政府信息公开申请。"
    assert tagged(text)["requests.received"] == (0.0, "件")


def test_another_bodys_applications_and_service_requests_stay_anothers() -> None:
    # helping another body answer its applications (README: no figure)
    text = "全年配合市行政审批局答复依申请公开事项4份。"
    assert "requests.answered" not in tagged(text)
    text = "全年协助县政府办公室办理涉及本镇的政府信息公开申请5件。"
    assert "requests.received" not in tagged(text)
    # a service hall's requests named by a bare 申请: still another kind
    text = "区政务服务中心全年共受理申请84215件，办结84100件。"
    assert not {"requests.received", "requests.answered"} & set(tagged(text))
    # a petitions count is still a petitions count
    text = "全年受理信访件36件，均已办结。"
    assert "requests.received" not in tagged(text)


def test_a_statement_of_none_finds_its_application_in_any_order_within_its_clause() -> None:
    for text in (
        "2022年，本委无依申请公开和不予以公开的情况。",
        "2023年，本中心无涉及依申请公开的事宜。",
        "本年度未发生有关本单位政府信息公开事务的申请。",
        "2024年，本嘎查无群众书面申请要求公开政府信息。",
        "目前本所尚无接到任何政府信息公开申请。",
    ):
        assert tagged(text)["requests.received"] == (0.0, "件"), text


def test_a_statement_of_none_about_what_an_application_led_to_is_no_zero_count() -> None:
    for text in (
        "本年度没有因政府信息公开申请引起的行政复议。",
        "全年无政府信息公开申请超期答复的情况。",
        "本机关没有不予公开的政府信息公开申请。",
        "未向申请人收取任何费用。",
        "本年度无法提供的申请均已说明理由。",
    ):
        assert "requests.received" not in tagged(text), text


def test_review_and_litigation_counts_before_their_noun_with_the_case_word_left_out() -> None:
    text = "本年度，本局受理政府信息公开申请12件；收到2件行政复议、1件行政诉讼。"
    figures = tagged(text)
    assert figures["review.cases"] == (2.0, "件")
    assert figures["litigation.cases"] == (1.0, "件")
    text = "全年发生涉及本单位政府信息公开事务的行政复议件0件、行政诉讼案0件。"
    assert tagged(text)["review.cases"] == (0.0, "件")


def test_a_review_and_litigation_zero_keeps_the_unit_it_was_printed_in() -> None:
    text = "因政府信息公开引起的行政复议、行政诉讼0条。"
    figures = tagged(text)
    assert figures["review.cases"] == (0.0, "条")
    assert figures["litigation.cases"] == (0.0, "条")


def test_no_carrying_into_next_year_read_in_any_order_within_its_clause() -> None:
    text = "本年度共收到依申请公开12件，无上年和下年结转件。"
    assert tagged(text)["requests.carried_forward"] == (0.0, "件")
    text = "本年度没有需要在下一年度继续办理而结转的申请。"
    assert tagged(text)["requests.carried_forward"] == (0.0, "件")
    # last year's carried-in applications are not carried forward
    assert "requests.carried_forward" not in tagged("本年度无上年结转申请。")


def test_sites_inside_a_part_list_are_parts_of_the_count_before_not_channels_beside_it() -> None:
    text = (
        "2024年，全市政府网站集群累计公开政府信息5630条，其中市级政府网站公开2100条，"
        "各县（区）政府网站共公开3530条。"
    )
    assert tagged(text)["proactive.items"] == (5630.0, "条")
    # a part list closed by its bracket: the channels after it are side by side again
    text = "本镇在县政府网站发布信息50条（其中工作动态40条），在村务公示栏公示信息120条。"
    assert "proactive.items" not in tagged(text)


def test_a_bare_count_after_a_count_in_another_measure_takes_its_place() -> None:
    text = "截至年底，本乡累计发布信息126期，830余条。"
    assert tagged(text)["proactive.items"] == (830.0, "条")
    text = "2024年，本局受理政府信息公开申请9人，共计11件。"
    assert tagged(text)["requests.received"] == (11.0, "件")
    # a count in the same measure is a figure of its own, not the one before it restated
    text = "本年度发布信息126条，830条。"
    assert tagged(text)["proactive.items"] == (126.0, "条")


def test_an_outcome_noun_after_a_part_count_is_no_verb_of_handling() -> None:
    text = (
        "本年度共收到依申请公开7件，及时答复7件，其中3件处理结果为予以公开，"
        "4件办理结果为信息不存在。"
    )
    figures = tagged(text)
    assert figures["requests.received"] == (7.0, "件")
    assert figures["requests.answered"] == (7.0, "件")


def test_the_application_named_in_full_after_the_year_it_is_carried_into() -> None:
    text = "全年受理政府信息公开申请40件，结转至下一年度的政府信息公开申请3件。"
    assert tagged(text)["requests.carried_forward"] == (3.0, "件")


def test_notices_of_decision_issued_are_the_replies_but_not_as_a_part() -> None:
    text = "全年共收到依申请公开30件，申请人撤回2件，共印发政府信息公开告知书28件，补正告知书1件。"
    assert tagged(text)["requests.answered"] == (28.0, "件")
    text = "全年共办理依申请公开30件，其中，印发政府信息公开告知书27件，电话回复3件。"
    assert tagged(text).get("requests.answered") != (27.0, "件")


def test_no_corrected_review_and_no_lost_lawsuit_in_any_order_within_a_clause() -> None:
    text = "全年收到政府信息公开申请5件。没有因本单位工作原因引起的行政复议被纠错和行政败诉案件。"
    figures = tagged(text)
    assert figures["review.corrected"] == (0.0, "件")
    assert figures["litigation.corrected"] == (0.0, "件")
    # the government's own level beside its district's cases: a part's zero (README)
    text = "县政府本级无涉及信息公开行政复议结果纠正和行政诉讼败诉案件。"
    assert not {"review.corrected", "litigation.corrected"} & set(tagged(text))


def test_no_fee_with_the_payer_between_the_negation_and_the_verb() -> None:
    text = "全年受理政府信息公开申请3件，均不向申请人收取任何费用。"
    assert tagged(text)["fees.collected"] == (0.0, "元")


def test_a_list_of_kinds_ending_in_words_for_its_readers_names_the_whole() -> None:
    text = "2024年，本局在政府信息公开平台公开机构职能、人事信息、财政资金等社会关注的信息86条。"
    assert tagged(text)["proactive.items"] == (86.0, "条")


def test_a_list_of_kinds_ending_in_deng_xinxi_beside_new_media_is_the_whole() -> None:
    text = (
        "2024年，本中心公开办事指南、服务清单、窗口办件量统计情况等信息72条。"
        "政务新媒体微信公众号发布信息190条。"
    )
    assert tagged(text)["proactive.items"] == (72.0, "条")
    # one kind on one platform, no list: still not the whole beside the rest
    text = "本局在门户网站发布信息300条。同时，利用征地信息公开平台公开征地批复等信息14条。"
    assert tagged(text).get("proactive.items") != (14.0, "条")


def test_the_site_as_the_subject_of_a_bare_verb_is_the_whole_beside_new_media() -> None:
    text = "2024年度，镇政府网站共更新41条、政务新媒体更新150条。"
    assert tagged(text)["proactive.items"] == (41.0, "条")
    # listed after another channel's count: one channel among several
    text = "全年园区公众号推送120条，政府网站发布35条，微博发布60条。"
    assert "proactive.items" not in tagged(text)


def test_more_verbs_of_publishing_from_their_meaning() -> None:
    text = "2024年，本乡信息公开栏目录入各类信息312条。"
    assert tagged(text)["proactive.items"] == (312.0, "条")


def test_applications_guided_at_other_bodies_and_last_years_are_not_the_years_answers() -> None:
    text = "全年办理本级依申请公开答复52件。指导各乡镇办理疑难依申请公开答复80余件。"
    assert tagged(text).get("requests.answered") != (80.0, "件")
    text = "2023年，共受理政府信息公开申请6件，完成办理上年度申请3件，均为网上申请。"
    figures = tagged(text)
    assert figures["requests.received"] == (6.0, "件")
    assert "requests.answered" not in figures


def test_of_two_overall_counts_the_information_total_outranks_the_documents() -> None:
    # README: two overall counts (documents and information): the information total
    text = (
        "2024年，通过市政府门户网站主动公开市政府、政府办制发的各类文件96件，"
        "发布政务要闻、通知公告、在线访谈等各类政务信息1520条，编发公报12期。"
    )
    assert tagged(text)["proactive.items"] == (1520.0, "条")
    # documents as the only overall count are still the figure
    text = "2024年，主动公开以区政府名义制发的各类文件96件。"
    assert tagged(text)["proactive.items"] == (96.0, "件")


def test_a_case_file_word_after_an_applications_noun_and_a_bureau_named_ban() -> None:
    text = "2024年，本镇累计收到依申请信息公开件5件，均已按期答复。"
    assert tagged(text)["requests.received"] == (5.0, "件")
    text = "2020年，县信访办接受依申请公开2条，已答复申请人2条。"
    assert tagged(text)["requests.received"] == (2.0, "条")
    # information received by an archive is no application, 件 or not
    text = "市档案馆全年共接收公开信息件1800多份。"
    assert "proactive.items" not in tagged(text)
    assert "requests.received" not in tagged(text)


def test_none_received_of_a_bare_request_under_the_applications_heading() -> None:
    text = "三、依申请公开情况\n通过电话、网站等方式受理依申请公开，目前尚无接到要求。"
    assert tagged(text)["requests.received"] == (0.0, "件")
    # under another heading a bare request is not an application
    text = "五、行政复议情况\n目前尚无接到要求。"
    assert "requests.received" not in tagged(text)
