"""The tenth round's reading rules of the narrative tagger (issue 23), each on sentences of
our own, each a class of phrasing the unseen real sets missed: received counts with other
nouns and longer names before them, statements of none in more words, carried-forward
counts in more shapes."""

from __future__ import annotations

from narrative_support import tagged


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
