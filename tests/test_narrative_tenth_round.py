"""The tenth round's reading rules of the narrative tagger (issue 23), each on sentences of
our own, each a class of phrasing the unseen real sets missed: received counts with other
nouns and longer names before them, statements of none in more words, carried-forward
counts in more shapes."""

from __future__ import annotations

from narrative_support import tagged
from reportextract.narrative import extract_figures


def test_a_body_name_longer_than_eight_characters_before_a_named_count() -> None:
    # a township's full name, with its kind in brackets, before the application named alone
    text = "2024年度，青石岭高新园区（街道）依申请公开政府信息12件，均按时办结。"
    assert tagged(text)["requests.received"] == (12.0, "件")


def test_applications_named_as_cases_or_examples() -> None:
    found = tagged("2024年，本镇共受理政府信息公开申请案件6件，办结5件。")
    assert found["requests.received"] == (6.0, "件")
    assert found["requests.answered"] == (5.0, "件")
    found = tagged("2024年，园区共收到依申请公开案例3例，已按规定答复。")
    assert found["requests.received"] == (3.0, "例")


def test_answered_and_handled_as_one_verb_is_both_metrics() -> None:
    # 答复办理 N件 as the only count: received and answered, like 办理回复 (README)
    found = tagged("全年答复办理政府信息公开申请31件，其中涉及行政复议2件。")
    assert found["requests.received"] == (31.0, "件")
    assert found["requests.answered"] == (31.0, "件")
    found = tagged("全年依法依规答复处理政府信息公开申请18件，无逾期答复情况。")
    assert found["requests.received"] == (18.0, "件")
    assert found["requests.answered"] == (18.0, "件")


def test_statements_of_none_in_more_words() -> None:
    # the application named right after 无
    assert tagged("2024年本局无政府信息公开申请。")["requests.received"] == (0.0, "件")
    # the applicants named between 无 and 提出
    text = "2024年，本街道无个人、社会组织提出政府信息公开申请。"
    assert tagged(text)["requests.received"] == (0.0, "件")
    # cases of disclosure, the word 申请 not in the sentence
    text = "（二）依申请公开情况。\n2024年，本街道未收到政府信息公开型案件。"
    assert tagged(text)["requests.received"] == (0.0, "件")
    # 政务信息 for 政府信息
    assert tagged("本年度我乡无申请公开政务信息情况。")["requests.received"] == (0.0, "件")
    # the withheld ones named beside the applications
    text = "全年均未发生依申请和不予公开政府信息。"
    assert tagged(text)["requests.received"] == (0.0, "件")


def test_a_statement_about_fees_naming_applicants_is_no_application_zero() -> None:
    found = tagged("2024年，本办未对群众提出依申请公开收取任何费用。")
    assert "requests.received" not in found
    assert found["fees.collected"] == (0.0, "元")


def test_carried_forward_with_the_next_year_after_the_count() -> None:
    text = (
        "本年度共收到依申请公开15件，其中上年度结转2件，除结转3件下年度继续办理外，"
        "其余均已按期答复。"
    )
    found = tagged(text)
    assert found["requests.carried_forward"] == (3.0, "件")


def test_a_bare_carried_count_after_the_answered_one_is_carried_forward() -> None:
    found = tagged("2024年,本办共收到政府信息依申请公开37件,已办结33件,结转4件。")
    assert found["requests.answered"] == (33.0, "件")
    assert found["requests.carried_forward"] == (4.0, "件")
    # a carried-in count after a received one is not carried forward
    found = tagged("2024年,本办共收到申请37件,结转4件。")
    assert "requests.carried_forward" not in found


def test_a_count_still_within_its_time_limit_is_carried_forward() -> None:
    text = "2024年,本街道新收政府信息公开申请12宗,其中2宗仍在法定办理期限内,其余10宗均已答复。"
    assert tagged(text)["requests.carried_forward"] == (2.0, "宗")


def test_a_count_with_no_channel_before_the_channels_counts_is_the_whole() -> None:
    # the year's count first, then the site's and a notice board's parts of it
    text = (
        "2024年本镇主动公开政府信息86条，通过县政府门户网站公开工作动态31条，"
        "利用村务公开栏公开各类信息55条。"
    )
    assert tagged(text)["proactive.items"] == (86.0, "条")
    # a first count smaller than a channel's is no whole: the channels side by side give none
    text = (
        "2024年本镇主动公开政府信息16条，通过县政府门户网站公开工作动态31条，"
        "利用村务公开栏公开各类信息55条。"
    )
    assert "proactive.items" not in tagged(text)


def test_a_micro_media_account_is_new_media() -> None:
    # 微媒体 beside the site: the site's count is the whole
    text = "2024年，本镇通过网站平台主动公开信息312条；通过微媒体“青溪发布”共发布各类信息205条。"
    assert tagged(text)["proactive.items"] == (312.0, "条")


def test_the_same_number_as_last_year_is_no_change() -> None:
    text = "2024年共接收依申请公开5件，按时答复5件。依申请公开件数与上一年度相同。"
    assert tagged(text)["requests.received_change"] == (0.0, "%")
    # 往年 names the comparison too
    text = "本年度收到政府信息公开申请3件，申请数量与往年持平。"
    assert tagged(text)["requests.received_change"] == (0.0, "%")
    # 相同 with no comparison named is no change
    text = "本年度收到政府信息公开申请3件，其中2件内容相同。"
    assert "requests.received_change" not in tagged(text)


def test_answered_and_carried_counts_printed_without_their_unit() -> None:
    text = "2024年本街道共受理政府信息公开申请14件,其中网上申请9件,已办结11,结转下年度继续办理3。"
    found = tagged(text)
    assert found["requests.received"] == (14.0, "件")
    assert found["requests.answered"] == (11.0, "件")
    assert found["requests.carried_forward"] == (3.0, "件")
    # a bare number after a verb with no application count before it is no count
    assert "requests.answered" not in tagged("全年已办结2024,详见附表。")


def test_the_years_new_count_in_brackets_or_a_part_list_after_a_cumulative_one() -> None:
    text = "2024年,本街道累计公开信息6120条(2024年新增214条),其中公告类信息累计3301条。"
    assert tagged(text)["proactive.items"] == (214.0, "条")
    # a rate between them, the year's count opened by 其中
    text = "本镇2024年底累计主动公开政府信息932条，全文电子化率达100%，其中本年度新增的主动公开信息57条。"
    assert tagged(text)["proactive.items"] == (57.0, "条")


def test_documents_sent_to_the_archives_are_no_published_count() -> None:
    text = "全年主动公开县政府信息145条，向县档案馆报送主动公开文件145件。"
    found = [f for f in extract_figures(text) if f.metric == "proactive.items"]
    assert [(f.value, f.unit) for f in found] == [(145.0, "条")]
    assert "proactive.items" not in tagged("本年度向市档案馆报送主动公开文件38件。")


def test_a_year_before_a_named_count() -> None:
    assert tagged("2024年本镇依申请公开政府信息6件。")["requests.received"] == (6.0, "件")
    # still not inside a list of kinds of published information
    text = "2024年本镇主动公开政府信息60条，依申请公开0条。"
    assert "requests.received" not in tagged(text)
