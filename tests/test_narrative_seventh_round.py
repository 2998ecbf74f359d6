"""The seventh round's reading rules of the narrative tagger (issue 23), each on sentences of
our own: a letter qualified by disclosure, answers closed by 完成, a corrected count before its
outcome, none received and none handled in one statement, every kind of applicant named with
自然人, pinyin printed after characters."""

from __future__ import annotations

from narrative_support import tagged
from reportextract.narrative import extract_figures


def test_a_letter_qualified_by_disclosure_is_an_application() -> None:
    found = tagged("2023年本办收到依申请公开来信2件次，均已按时答复。")
    assert found["requests.received"] == (2.0, "件次")
    # a letter of another kind stays another kind
    assert "requests.received" not in tagged("全年收到群众来信46件，均已办结。")


def test_an_answer_closed_by_its_completion_is_answered() -> None:
    found = tagged("全年共收到政府信息公开申请17件，依法办理答复完成16件。")
    assert found["requests.answered"] == (16.0, "件")


def test_a_corrected_count_before_its_outcome_is_corrected() -> None:
    found = tagged("因不服答复申请行政复议5件，3件结果维持，2件结果纠正。")
    assert found["review.cases"] == (5.0, "件")
    assert found["review.corrected"] == (2.0, "件")


def test_none_received_and_none_handled_in_one_statement() -> None:
    found = tagged("（二）依申请公开情况\n本年度未发生依申请和处理政府信息。")
    assert found["requests.received"] == (0.0, "件")
    assert found["requests.answered"] == (0.0, "件")


def test_a_zero_for_every_kind_of_applicant_named_with_natural_persons_is_the_total() -> None:
    found = tagged("2023年收到自然人、法人或其他组织向本镇提交的政府信息公开申请0件。")
    assert found["requests.received"] == (0.0, "件")
    # one kind of applicant only stays a part
    assert "requests.received" not in tagged("2023年收到法人或其他组织提交的政府信息公开申请0件。")


def test_pinyin_printed_after_characters_is_not_read_as_text() -> None:
    found = tagged("本年度共收到針對本部門的行政復(fù)議案0件，行政訴訟案2件。")
    assert found["review.cases"] == (0.0, "件")
    assert found["litigation.cases"] == (2.0, "件")
    figure = next(f for f in extract_figures("行政復(fù)議案3件。") if f.metric == "review.cases")
    assert figure.value == 3.0


def test_items_uploaded_or_sent_out_by_a_site_are_published() -> None:
    found = tagged("2022年，镇政府门户网站共发送12条信息。")
    assert found["proactive.items"] == (12.0, "条")
    found = tagged("全年县政府门户网站上传信息3470条；政务微信公众号发布信息388条。")
    assert found["proactive.items"] == (3470.0, "条")


def test_a_part_list_opened_by_a_colon_runs_over_semicolons_after_a_rate() -> None:
    text = (
        "我街道2018年共主动公开政府信息1460条，全文电子化率达100%。其中：主动公开预算决算"
        "信息数12条；主动公开突发事件的政府举措、处置进展、风险预警等信息数3条；"
        "主动公开其他信息数1445条。"
    )
    assert tagged(text)["proactive.items"] == (1460.0, "条")
    # with a comma the list ends at the first semicolon: what follows is not a part
    found = tagged("全年收到政府信息公开申请9件，其中网上申请5件；办结9件。")
    assert found["requests.answered"] == (9.0, "件")


def test_a_channel_opening_its_clause_without_a_preposition_is_another_channel() -> None:
    # the site's news, a column and new media side by side: no overall count
    text = "2022年，局门户网站政务发布新闻15230条、公开栏目公开信息642条，微博、微信发布稿件980条。"
    assert "proactive.items" not in tagged(text)


def test_disclosure_work_without_fees_states_no_zero_applications() -> None:
    found = tagged("本年度政府信息公开工作没有发生相关收费情况。")
    assert "requests.received" not in found
    assert found["fees.collected"] == (0.0, "元")
    # the noun first still states none received
    assert tagged("政府信息公开申请本年度未收到。")["requests.received"] == (0.0, "件")


def test_a_long_list_of_kinds_before_the_whole_noun_is_the_total() -> None:
    text = (
        "2023年县政府门户网站发布政务要闻、部门动态、乡镇动态、通知公告、人事信息、政府采购、"
        "财政预决算、统计数据、规划计划、生态环境、市场监管、乡村振兴领域等各类政府信息4210条。"
    )
    assert tagged(text)["proactive.items"] == (4210.0, "条")


def test_documents_of_a_named_issuer_published_proactively_are_the_total() -> None:
    text = "全年主动公开以区政府和区政府办公室名义印发的涉及全区发展的各类文件188件（其中规范性文件9件）。"
    assert tagged(text)["proactive.items"] == (188.0, "件")


def test_the_whole_noun_before_its_verb_states_the_total() -> None:
    text = "2023年，公开项目信息140条，资金信息388条。2023年政府信息累计公开2100余条。"
    assert tagged(text)["proactive.items"] == (2100.0, "条")
    # a kind's noun before the verb stays a kind
    assert "proactive.items" not in tagged("全年重点领域信息公开226条，其中营商环境信息25条。")


def test_one_count_over_channels_named_together_is_the_total() -> None:
    text = (
        "2024年，主动公开政府信息公开目录和本局专题专栏共230条。其中目录公开文件30条，"
        "动态80条，共发布110条；专题专栏包括收费公示70条、项目管理50条，共发布120条。"
    )
    assert tagged(text)["proactive.items"] == (230.0, "条")


def test_a_street_office_named_as_a_body_states_its_own_total() -> None:
    text = (
        "2022年，江湾街道办事处主动公开政府信息58条，全文电子化率100%。"
        "制发公文类信息14件，主动公开12件，公开率85.7%。"
    )
    assert tagged(text)["proactive.items"] == (58.0, "条")


def test_a_part_of_a_split_total_states_what_the_total_was_said_with() -> None:
    text = (
        "全市共计受理办理政府信息公开申请212件。其中，新收政府信息公开申请205件，"
        "上年结转政府信息公开申请7件，办理完成209件，结转下年度继续办理3件。"
    )
    found = tagged(text)
    assert found["requests.received"] == (205.0, "件")
    assert found["requests.answered"] == (209.0, "件")
    assert found["requests.carried_forward"] == (3.0, "件")
