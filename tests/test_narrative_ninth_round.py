"""The ninth round's reading rules of the narrative tagger (issue 23), each on sentences of
our own, each a class of phrasing seen across several real sets: one decision over a
paragraph's counts of published items by channel."""

from __future__ import annotations

from narrative_support import tagged
from reportextract.narrative.publishing import PublishedCount, Role, not_overall


def test_site_new_media_and_notice_boards_side_by_side_give_no_whole() -> None:
    # three channels in three clauses kept apart by semicolons, no total stated
    text = (
        "全年在镇政府网站专栏主动公开政府信息14条；镇公众号发布信息203条；各村公示栏张贴信息37条。"
    )
    assert "proactive.items" not in tagged(text)
    # the same with 其他方式 as the third channel, in separate sentences
    text = "本年度在区门户网站发布信息26条。微信公众号推送信息410条。通过其他方式公开信息9条。"
    assert "proactive.items" not in tagged(text)


def test_two_new_media_accounts_give_no_whole() -> None:
    text = (
        "全年通过“清溪发布”微博发布各类信息512条；微信公众号发布各类信息1290条，关注人数达2万余人。"
    )
    assert "proactive.items" not in tagged(text)


def test_portal_beside_new_media_only_is_the_whole() -> None:
    # the government's disclosure platform (公开平台) is its portal, no other channel; the
    # WeChat count is a channel's
    text = "2023年在政府信息公开平台新增主动公开政府信息118条，在微信公众号累计发布信息744条。"
    assert tagged(text)["proactive.items"] == (118.0, "条")


def test_a_stated_total_keeps_the_per_count_rules() -> None:
    # the site's count stated as the whole (共…各类信息), the other channel beside it
    found = tagged("全年镇政府网站共发布各类信息2210条，各村公示栏张贴信息96条。")
    assert found["proactive.items"] == (2210.0, "条")
    # letters received through the site are no channel's count of items published
    found = tagged("全年通过区政府网站主动公开政府信息315条，网站公开信箱收到留言82件。")
    assert found["proactive.items"] == (315.0, "条")


def test_the_decision_over_roles() -> None:
    site, media, board = (
        PublishedCount(0, Role.SITE, True),
        PublishedCount(1, Role.NEW_MEDIA, False),
        PublishedCount(2, Role.BOARD, False),
    )
    assert not_overall([site, media]) == [1]
    assert not_overall([site, media, board]) == [0, 1, 2]
    assert not_overall([media, PublishedCount(3, Role.NEW_MEDIA, True)]) == [1, 3]
    assert not_overall([site]) == []  # one channel: the per-count rules decide
    assert not_overall([PublishedCount(4, Role.TOTAL, True), media, board]) == []
    assert not_overall([site, PublishedCount(5, Role.SITE, False), media]) == []
    kind = PublishedCount(6, Role.KIND, True)
    assert not_overall([kind]) == []  # the only count published
    assert not_overall([kind, PublishedCount(7, Role.KIND, False)]) == [6]


def test_a_kind_beside_other_counts_published_is_no_whole() -> None:
    # kinds each with their own verb, no total stated
    text = "发布规划计划信息12条，发布人事任免信息6条，发布应急管理信息57条，发布项目公示公告23条。"
    assert "proactive.items" not in tagged(text)
    # a kind in the sentence after a site's count of its kinds
    text = (
        "全年通过县政府网站公开发布各类信息260余条，其中公示公告41条。"
        "同时，利用省征地信息公开平台公开征地批复等信息11条。"
    )
    assert "proactive.items" not in tagged(text)


def test_a_kind_alone_or_the_catalogue_beside_new_media_stays_the_whole() -> None:
    assert tagged("2023年，全年发布卫生健康信息493条。")["proactive.items"] == (493.0, "条")
    found = tagged("2024年，我局更新政府信息公开目录信息157条；“康宁”微信公众号推送信息602条。")
    assert found["proactive.items"] == (157.0, "条")


def test_a_publishing_count_named_by_its_number_of_items() -> None:
    found = tagged("2024年度，我街道主动公开政府信息条数386条，其中政策解读4条。")
    assert found["proactive.items"] == (386.0, "条")


def test_a_corrected_review_named_between_count_and_outcome() -> None:
    found = tagged("涉及政府信息公开的行政复议23件，其中5件行政复议结果纠正。")
    assert found["review.cases"] == (23.0, "件")
    assert found["review.corrected"] == (5.0, "件")


def test_no_fees_stated_under_the_fees_heading_or_with_the_payers_named() -> None:
    found = tagged("四、政府信息公开收费及减免情况\n本年度未有收费及减免情况。")
    assert found["fees.collected"] == (0.0, "元")
    found = tagged("全年未对公民、法人和其他组织进行信息公开收费。")
    assert found["fees.collected"] == (0.0, "元")


def test_documents_named_as_gongwen_information_are_no_kind() -> None:
    found = tagged("2023年，累计主动公开政府公文类信息14条，主动公开率100%。")
    assert found["proactive.items"] == (14.0, "条")
    # the documents made, of them the ones published (the settled case of 制作…其中主动公开)
    found = tagged("本年度共计产生公文类政府信息58条，其中主动公开的公文类信息有31条。")
    assert found["proactive.items"] == (31.0, "条")


def test_the_years_new_ones_in_a_later_sentence_beside_a_cumulative_count() -> None:
    text = (
        "累计主动公开政府信息1260条，全文电子化率达100%。"
        "2023年新增的主动公开政府信息87条，全文电子化率达100%。"
    )
    assert tagged(text)["proactive.items"] == (87.0, "条")
    # a cumulative count alone is still the year's (the settled case)
    assert tagged("累计主动公开政府信息1260条，全文电子化率达100%。")["proactive.items"] == (
        1260.0,
        "条",
    )


def test_applications_named_by_themselves_with_no_verb() -> None:
    found = tagged("2023年，我乡依申请公开政府信息共6件，其中，予以公开4件，不掌握信息2件。")
    assert found["requests.received"] == (6.0, "件")
    # the whole before its channels, not the channel's part
    found = tagged("2023年，我街道依申请公开请求11件，其中网上平台收到7件，信函收到4件。")
    assert found["requests.received"] == (11.0, "件")
