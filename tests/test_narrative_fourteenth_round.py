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
