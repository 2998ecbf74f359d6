"""The twelfth round's reading rules of the narrative tagger (issue 23), each on sentences of
our own, each a class of phrasing rather than one report's sentence: cumulative counts dated
by the year's last day or its end, the year's count beside them, a new-media account named as
the subject of its sentence."""

from __future__ import annotations

from narrative_support import tagged
from reportextract.narrative import extract_figures


def test_a_count_to_the_last_day_of_the_year_is_cumulative_beside_the_years_count() -> None:
    text = "截至2021年12月31日，本乡累计公开政府信息1290条，其中本年度公开176条。"
    assert tagged(text)["proactive.items"] == (176.0, "条")
    text = "2022年底，本局累计主动公开政府信息3318条，2022年新增的主动公开政府信息95条。"
    assert tagged(text)["proactive.items"] == (95.0, "条")
    # alone, the cumulative count is still the figure (the README's settled case)
    text = "截至2021年12月31日，本乡累计公开政府信息1290条。"
    assert tagged(text)["proactive.items"] == (1290.0, "条")


def test_a_site_named_for_both_the_cumulative_and_the_years_count_is_no_channel_list() -> None:
    text = (
        "截至2020年12月31日，在镇政府网站累计公开政府信息604条，其中本年度在镇政府网站及"
        "部门网站公开88条。"
    )
    assert tagged(text)["proactive.items"] == (88.0, "条")


def test_a_new_media_account_as_the_sentence_subject_makes_its_count_a_channels() -> None:
    text = (
        "截至2023年底，本街道累计主动公开政府信息达512条。其中工作动态类信息61条，人事信息5条。"
        "此外，“和美东城”微信公众号持续运营，全年共推送信息347条。"
    )
    assert tagged(text)["proactive.items"] == (512.0, "条")
    # a site named with the new media in the subject: the whole, not a channel's
    text = "今年以来，本局通过区政府网和各类新媒体平台，发布各类政务信息275条。"
    assert tagged(text)["proactive.items"] == (275.0, "条")


def test_published_items_counted_in_jianci() -> None:
    text = "本年度通过区政府门户网站累计主动公开政府信息3175件次。"
    assert tagged(text)["proactive.items"] == (3175.0, "件次")


def test_whose_documents_published_as_the_only_count() -> None:
    text = "2023年，本镇主动公开政府文件42件。"
    assert tagged(text)["proactive.items"] == (42.0, "件")
    text = "本年度主动公开县政府及县府办文件86件（含行政规范性文件3件），其中人事任免文件30件。"
    assert tagged(text)["proactive.items"] == (86.0, "件")


def test_disclosed_to_the_public_is_a_publishing_verb() -> None:
    text = "2024年，本街道向社会公众披露机构职能、通知公告、财政预决算等318项信息内容。"
    assert tagged(text)["proactive.items"] == (318.0, "项")


def test_outcomes_after_no_lawsuits_belong_to_the_reviews() -> None:
    text = "本年度涉及政府信息公开的行政复议案件7件，行政诉讼案件0件，结果维持4件，结果纠错1件，尚未审结2件。"
    found = tagged(text)
    assert found["review.corrected"] == (1.0, "件")
    assert "litigation.corrected" not in found
    # with lawsuits, the outcomes after them stay the lawsuits'
    text = "本年度行政复议案件3件，行政诉讼案件2件，结果维持1件，结果纠错1件。"
    found = tagged(text)
    assert found["litigation.corrected"] == (1.0, "件")
    assert "review.corrected" not in found


def test_carried_forward_in_other_words() -> None:
    text = "全年共办结政府信息公开申请128件，其中予以公开40件，转接下年度办理9件。"
    assert tagged(text)["requests.carried_forward"] == (9.0, "件")
    text = "本年度共受理政府信息公开申请3件，均已办结。全年无政府信息公开申请结转办理情况。"
    assert tagged(text)["requests.carried_forward"] == (0.0, "件")


def test_no_fees_in_longer_words() -> None:
    text = "2016年度未对公民、法人和其他社会组织因申请政府信息公开收取任何检索、复制等成本费用。"
    assert tagged(text)["fees.collected"] == (0.0, "元")
    text = "2024年度本街道没有收费及减免的政府信息办理事项。"
    assert tagged(text)["fees.collected"] == (0.0, "元")


def test_an_answered_count_before_a_long_adverbial_and_its_verb() -> None:
    text = (
        "本年度共收到依申请公开31件，多数为网上申请，28件已按照法定时限和程序依法依规进行了"
        "答复，3件结转下年度。"
    )
    assert tagged(text)["requests.answered"] == (28.0, "件")


def test_an_application_forms_name_in_quotes_before_its_count() -> None:
    text = "本年度，本街道收到《政府信息公开申请表》共计14份，均已按时答复。"
    figures = [f for f in extract_figures(text) if f.metric == "requests.received"]
    assert [(f.value, f.unit) for f in figures] == [(14.0, "份")]
    assert text[figures[0].char_start : figures[0].char_end].startswith("14")
    text = "本年度收到“依申请公开申请”6件。"
    assert tagged(text)["requests.received"] == (6.0, "件")
