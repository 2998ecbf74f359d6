"""The eighth round's reading rules of the narrative tagger (issue 23), each on sentences of
our own, each a class of phrasing seen across several real sets: a count of new media alone
is the whole only where nothing else published is counted beside it."""

from __future__ import annotations

from narrative_support import tagged


def test_new_media_count_beside_kinds_published_is_no_whole() -> None:
    # kinds published on the site, then the WeChat account's count: no overall number stated
    text = (
        "全年在区政府网站发布工作动态类信息96条，发布文件及解读信息31条。"
        "本局“清河发布”微信公众号全年推送信息1210条。"
    )
    assert "proactive.items" not in tagged(text)
    # the kind counted in the next sentence of the same paragraph
    text = "通过局微信公众号发布信息75条。通过区政府网站主动公开财务信息4条、工作动态12条、通知公告6条。"
    assert "proactive.items" not in tagged(text)


def test_new_media_count_alone_is_still_the_whole() -> None:
    # the only count published: the figure, even beside an application count
    found = tagged(
        "2024年，镇政府通过“美丽河口”微信公众号发布政务信息188条。全年收到依申请公开件3件。"
    )
    assert found["proactive.items"] == (188.0, "条")
    assert found["requests.received"] == (3.0, "件")
    # its own parts do not count against it
    found = tagged("全年通过街道微信公众号发布信息320条，其中原创信息85条。")
    assert found["proactive.items"] == (320.0, "条")


def test_site_named_with_new_media_is_the_whole() -> None:
    found = tagged("通过县门户网站、政务新媒体主动公开各类政务信息2.6万条，公开政府文件88件。")
    assert found["proactive.items"] == (26000.0, "条")


def test_channels_counted_respectively_are_none_of_them_the_whole() -> None:
    text = "2024年，通过“平安东城”微信公众号、“东城警方”微博分别发布信息436条、1120条。"
    assert "proactive.items" not in tagged(text)
    # a site's count beside them stays the whole
    text = "门户网站发布法定主动公开内容842条。“东城发布”微信和抖音分别发布信息1408条、653条。"
    assert tagged(text).get("proactive.items") != (1408.0, "条")


def test_no_fees_charged_to_payers_named_at_length() -> None:
    text = "本局未向公民、法人或者其他组织收取任何与政府信息公开相关的费用。"
    assert tagged(text)["fees.collected"] == (0.0, "元")
    text = "全年没有出现收取政府信息公开申请相关费用的情况。"
    assert tagged(text)["fees.collected"] == (0.0, "元")
    text = "（四）收费情况\n本办未对任何申请人、法人和组织收取任何费用。"
    assert tagged(text)["fees.collected"] == (0.0, "元")
    assert tagged("2023年，本镇未有信息公开收费及减免情况。")["fees.collected"] == (0.0, "元")


def test_the_bodys_own_administrative_fees_are_no_disclosure_fee() -> None:
    text = "本年度政府信息公开工作没有发生有关行政事业性收费的情况。"
    assert "fees.collected" not in tagged(text)


def test_none_received_stated_by_the_bare_kind_of_disclosure() -> None:
    assert tagged("（二）依申请公开\n2024年度未依申请公开。")["requests.received"] == (0.0, "件")
    assert tagged("2024年，本所無依申請公開件。")["requests.received"] == (0.0, "件")
    text = "本年度无重大决策公开事项，无依申请公开。"
    assert tagged(text)["requests.received"] == (0.0, "件")
    text = "2016年本单位没有发生依申请信息公开事件。"
    assert tagged(text)["requests.received"] == (0.0, "件")
    # a kind of information not published on application is no statement of applications
    assert "requests.received" not in tagged("本年度未依申请公开的信息均已主动公开。")


def test_no_lawsuit_lost_with_the_lawsuits_named_before() -> None:
    text = "全年共受理依申请公开8件，未发生政府信息公开行政诉讼败诉的情况。"
    assert tagged(text)["litigation.corrected"] == (0.0, "件")


def test_completed_after_a_received_count_is_answered() -> None:
    found = tagged("2024年，收到依申请公开信息共58件，完成55件（结转至下年度办理3件）。")
    assert found["requests.received"] == (58.0, "件")
    assert found["requests.answered"] == (55.0, "件")
    found = tagged("本年度共受理政府信息公开申请0件，已完成0件。")
    assert found["requests.answered"] == (0.0, "件")
    # a task completed is no answer
    assert "requests.answered" not in tagged("全年完成政务公开标准化建设任务12项。")


def test_a_count_before_its_answer_verb_with_the_applications_named_before() -> None:
    text = "2024年，本街道共收到9件信息依申请公开，其中7件已经按时完成答复，剩余2件结转下年度办理。"
    found = tagged(text)
    assert found["requests.received"] == (9.0, "件")
    assert found["requests.answered"] == (7.0, "件")
    assert found["requests.carried_forward"] == (2.0, "件")


def test_letters_of_reply_issued_with_their_title_in_quotes() -> None:
    text = "全年共收到依申请公开申请3件，出具《政府信息公开申请答复书》3 份。"
    assert tagged(text)["requests.answered"] == (3.0, "份")


def test_the_years_new_ones_after_a_cumulative_count_are_the_years_count() -> None:
    text = "截至2024年12月31日，累计主动公开政府信息5120条，本年度新增418条。"
    assert tagged(text)["proactive.items"] == (418.0, "条")
    text = "通过区政府网站、政务微博等平台，累计主动公开政府信息2210条，2023年新增306条，其中规范性文件4件。"
    assert tagged(text)["proactive.items"] == (306.0, "条")
    # a cumulative count alone stays the figure
    assert tagged("2024年累计公开信息达265条。")["proactive.items"] == (265.0, "条")


def test_a_count_whose_unit_the_texts_end_cut_off() -> None:
    # (a text export ending at a page: 公开政府信息310余 / 条 on a page not extracted)
    text = "全年在区门户网站通过镇务动态、通知公告等栏目主动公开政府信息310余"
    assert tagged(text)["proactive.items"] == (310.0, "条")
    # a number ending a clause with its unit is untouched
    assert tagged("全年主动公开政府信息310余条。")["proactive.items"] == (310.0, "条")
