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
