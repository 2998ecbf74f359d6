"""The fourteenth round's reading rules of the narrative tagger (issue 23), on precision: each
asks whether a count is the body's overall number of items published in the year, on sentences
of our own, each a class of phrasing rather than one report's sentence."""

from __future__ import annotations

from narrative_support import tagged


def test_a_stock_beside_the_years_new_items_gives_the_new_count() -> None:
    # the 2013 template's 全年主动公开…N条 is what the body held; 本年度新增 is the year's
    text = "本局2013年全年主动公开政府信息4210条，其中本年度新增356条。"
    assert tagged(text)["proactive.items"] == (356.0, "条")
    text = (
        "2013年全年主动公开政府信息8021条，其中全文电子化率达98.5%，本年度新增的主动公开信息913条。"
    )
    assert tagged(text)["proactive.items"] == (913.0, "条")
    # a count with no new ones beside it stays the year's
    text = "2013年全年主动公开政府信息4210条，其中全文电子化率达100%。"
    assert tagged(text)["proactive.items"] == (4210.0, "条")


def test_a_count_of_the_key_fields_or_public_services_is_a_category() -> None:
    # 重点民生领域 and 公共服务领域 name categories of the template's proactive content
    text = "全年发布住房保障、养老服务、就业创业等重点民生领域信息650余条。"
    assert "proactive.items" not in tagged(text)
    text = "集中公开供水、供气、公共交通等公共服务领域信息420条，方便群众查询。"
    assert "proactive.items" not in tagged(text)
    # a list of fields ending in 等…民生领域的政府信息 is still the whole
    text = "全年发布重大项目、财政预决算等涉及民生领域的政府信息1380条，政策解读12件。"
    assert tagged(text)["proactive.items"] == (1380.0, "条")


def test_news_items_listed_beside_other_kinds_make_no_total() -> None:
    # 要闻 is a kind in a list with no total, as 动态 and 公告 are
    text = "发布县政府常务会议等会议相关信息45条，县内要闻210条、部门信息130条。"
    assert "proactive.items" not in tagged(text)


def test_a_count_in_brackets_inside_a_clause_does_not_hide_the_channel_it_names() -> None:
    # the accounts' number in brackets is an aside; the clause still names new media
    text = "2024年，某乡微信公众号（2个）发布信息210条；微博账号（1个）发布信息96条；视频号（1个）发布信息38条。"
    assert "proactive.items" not in tagged(text)
    # with the portal beside them, the portal's count is the year's (as without the brackets)
    text = "2024年，某乡政府网站发布信息320条；微信公众号（2个）发布信息210条。"
    assert tagged(text)["proactive.items"] == (320.0, "条")


def test_a_service_bureau_with_a_longer_name_is_still_the_reporting_body() -> None:
    # 政务服务和数据管理局: the words between 政务服务 and 局 are part of the body's name
    text = "2025年，某县政务服务和数据管理局收到政府信息公开申请6件，均已按期答复。"
    assert tagged(text)["requests.received"] == (6.0, "件")
    # a service hall's own requests stay another kind
    text = "区政务服务中心全年共受理申请5210件，办结5200件。"
    assert "requests.received" not in tagged(text)


def test_a_documents_count_beside_a_listed_kind_is_a_kind() -> None:
    # the kind after the documents is itself a list (and quoted): still a kind beside a kind
    text = "二是聚焦法定公开内容，公开政府文件64件，“十四五”规划、国土空间规划信息7条。"
    assert "proactive.items" not in tagged(text)
    # the documents count alone is the year's (README)
    text = "二是聚焦法定公开内容，公开政府文件64件。"
    assert tagged(text)["proactive.items"] == (64.0, "件")


def test_the_site_and_an_account_summed_after_a_documents_count_are_the_whole() -> None:
    text = "全年发布政策文件212件，市政府门户网站和“某市发布”微信公众号共发布信息15800余条。"
    assert tagged(text)["proactive.items"] == (15800.0, "条")


def test_permits_and_penalties_listed_with_no_total_make_no_total() -> None:
    # 行政许可 and 行政处罚 are categories of the template's proactive content
    text = "全年通过区政府门户网站主动公开行政处罚信息公示35条，行政许可信息公示860条，食品经营许可52条，通知公告信息21条。"
    assert "proactive.items" not in tagged(text)


def test_items_split_by_disclosure_attribute_give_their_published_part() -> None:
    # the whole holds items not published: the 主动公开 part is the year's published items
    text = "2019年某镇累计发布政府信息126条，其中主动公开信息58条，不主动公开信息68条。"
    assert tagged(text)["proactive.items"] == (58.0, "条")
    text = "2024年制作、获取政府信息310条：其中，主动公开文件142条，作为依申请公开文件61条，不予公开文件107条。"
    assert tagged(text)["proactive.items"] == (142.0, "条")
    # a whole said published, with kinds after it, stays the whole
    text = "全年主动公开政府信息数量52条，其中主动公开公文16条，依申请公开0条，会议信息4条。"
    assert tagged(text)["proactive.items"] == (52.0, "条")


def test_a_count_of_kinds_between_a_list_and_its_count_keeps_the_whole() -> None:
    # 等N个方面M条信息: the aspects' count sits between the list and the items' count
    text = "全县主动公开政策文件、人事信息、财政资金和重点领域等9个方面4.6万条信息，同比增长8.2%；通过微博发布信息820条。"
    assert tagged(text)["proactive.items"] == (46000.0, "条")


def test_a_kind_named_at_length_is_still_a_sibling_in_a_list_with_no_total() -> None:
    # (a sibling's name of up to sixteen characters: 人大代表建议及政协提案办理信息)
    text = "2023年，利用门户网站主动公开政府信息56条、规范性文件3条、人大代表建议及政协提案办理信息21条、人事信息9条、政务动态类信息310条。"
    assert "proactive.items" not in tagged(text)
