"""What a report's wording means beyond one clause (issue 23, second round): a count
handled (办理) is the received one or the answered one depending on what else the document
states, a page in traditional characters is read like any other, counts by channel side by
side are no total, the parts of a collective of units or of a cumulative whole, labels and
their values, statements of none with the noun first, and the requests that are not
applications for disclosure."""

from __future__ import annotations

import pytest

from reportextract.layout import DocumentText
from reportextract.narrative import extract_figures


def tagged(text: str | DocumentText) -> dict[str, tuple[float, str]]:
    return {f.metric: (f.value, f.unit) for f in extract_figures(text) if f.metric}


# -- 办理 N件 -------------------------------------------------------------------------


def test_a_handled_count_alone_is_the_count_received() -> None:
    found = tagged("全年共办理公众提交的政府信息公开申请64件，均在法定期限内答复。")
    assert found == {"requests.received": (64.0, "件")}


def test_a_handled_count_beside_a_received_count_is_the_answered_one() -> None:
    found = tagged("本年度收到政府信息公开申请58件，全年共办理政府信息公开申请55件。")
    assert found["requests.received"] == (58.0, "件")
    assert found["requests.answered"] == (55.0, "件")


def test_a_handled_count_of_a_report_whose_table_states_the_received_count_is_answered() -> None:
    text = "全年办理政府信息公开申请37件。"
    table = "一、本年新收政府信息公开申请数量\n37"
    assert tagged(DocumentText(text, [(0, None)], table)) == {"requests.answered": (37.0, "件")}
    assert tagged(text) == {"requests.received": (37.0, "件")}


def test_a_handled_channel_inside_the_parts_of_the_received_count_is_no_figure() -> None:
    found = tagged("全年共收到政府信息公开申请41件，其中线上办理33件，线下办理8件。")
    assert found == {"requests.received": (41.0, "件")}


def test_received_and_handled_in_one_verb_is_a_figure_of_both() -> None:
    # the settled case of tests/narrative_prose/README.md (收到处理…0件, 未收到和处理)
    both = {"requests.received": (9.0, "件"), "requests.answered": (9.0, "件")}
    assert tagged("全年收到和办理依申请公开9件。") == both
    assert tagged("政府信息公开申请方面，全年收到处理9件。") == both


def test_another_bodys_requests_are_not_answered_ones() -> None:
    found = tagged("县政府办本年度共办理依申请公开答复47件；另配合上级协查答复5件。")
    assert found["requests.answered"] == (47.0, "件")


def test_answered_as_a_noun_after_the_application() -> None:
    text = "全年共完成政府信息依申请公开答复612件。其中，予以公开答复301件，占49.2%。"
    assert tagged(text)["requests.answered"] == (612.0, "件")


# -- the page as printed ---------------------------------------------------------------


def test_traditional_characters_are_read_and_printed_as_they_are() -> None:
    figures = extract_figures("2011年，本局主動公開政府信息207條。本年度未收到政府信息公開申請。")
    metrics = {f.metric: f for f in figures if f.metric}
    assert metrics["proactive.items"].value == 207
    assert metrics["proactive.items"].text == "207條"
    assert metrics["proactive.items"].unit == "条"
    assert metrics["requests.received"].value == 0
    assert metrics["requests.received"].text == "未收到政府信息公開申請"


def test_a_label_and_its_value_after_a_colon() -> None:
    found = tagged("（1）全年主动公开政府信息：88条。（2）收到政府信息公开申请：无。")
    assert found == {"proactive.items": (88.0, "条"), "requests.received": (0.0, "件")}


def test_a_time_is_not_a_label_and_its_value() -> None:
    assert tagged("会议于10:30召开，主动公开政府信息12条。") == {"proactive.items": (12.0, "条")}


def test_a_heading_of_a_short_text_is_not_part_of_the_next_sentence() -> None:
    text = "四、复议和诉讼情况\n全年未发生与政府信息公开有关的行政复议。"
    assert tagged(text) == {"review.cases": (0.0, "件")}


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("本年度在网站主动公开信息31条次。", "条次"),
        ("全年共收到政府信息依申请公开27件次。", "件次"),
    ],
)
def test_units_counted_as_times(text: str, unit: str) -> None:
    assert [v[1] for v in tagged(text).values()] == [unit]


# -- wholes and parts -------------------------------------------------------------------


def test_counts_by_channel_side_by_side_are_no_total() -> None:
    text = "全年通过政府网站公开政府信息612条，通过公开栏公开政府信息85条，通过其他方式公开政府信息23条。"
    assert "proactive.items" not in tagged(text)


def test_a_portal_count_beside_new_media_counts_is_the_total() -> None:
    text = "全年通过政府网站公开政府信息612条，通过微信公众号发布信息1400条。"
    assert tagged(text) == {"proactive.items": (612.0, "条")}


def test_a_place_named_in_a_part_list_of_a_collective_is_no_figure() -> None:
    text = "各街道依申请公开工作有序开展，其中城南街道收到政府信息公开申请15件。"
    assert "requests.received" not in tagged(text)


def test_a_cumulative_count_alone_is_the_figure() -> None:
    text = "截至年底，全镇累计主动公开政府信息143条，其中通过网站公开61条。"
    assert tagged(text) == {"proactive.items": (143.0, "条")}


def test_the_year_named_in_the_parts_of_a_cumulative_count_is_the_figure() -> None:
    text = "自条例施行至2011年底，全县累计主动公开政府信息9021条，其中2011年新增主动公开政府信息2710条。"
    assert tagged(text) == {"proactive.items": (2710.0, "条")}


def test_a_site_total_with_a_proactive_part_is_the_total() -> None:
    text = "门户网站全年发布信息5210条，其中主动公开各类政府信息2204条。"
    assert tagged(text) == {"proactive.items": (5210.0, "条")}


def test_a_gazette_before_the_verb_is_a_channel_not_a_category() -> None:
    text = "区政府门户网站和区政府公报本年度合计主动公开政府信息1906条。"
    assert tagged(text) == {"proactive.items": (1906.0, "条")}


@pytest.mark.parametrize(
    "text",
    [
        "全年主动公开各类文件204件，配套发布政策解读31篇。",
        "区政府办公室本年度发布主动公开文件57份。",
    ],
)
def test_documents_as_a_whole_are_published_items(text: str) -> None:
    assert "proactive.items" in tagged(text)


def test_a_kind_of_documents_is_not_published_items() -> None:
    assert "proactive.items" not in tagged("全年主动公开市政府规范性文件27件、政策解读31件。")


def test_a_total_that_includes_the_carried_in_applications_is_not_the_year_received() -> None:
    text = "本年度收到的公开申请为830件（含上年度结转9件），均已办结。"
    assert "requests.received" not in tagged(text)


# -- statements of none -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        (
            "涉及本局依申请公开的行政复议和行政诉讼全年都没有发生。",
            {"review.cases", "litigation.cases"},
        ),
        ("因政府信息公开提起的行政复议、行政诉讼也都没有。", {"review.cases", "litigation.cases"}),
        ("复议、诉讼均为0件。", {"review.cases", "litigation.cases"}),
        ("（3）因政府信息公开引起的行政复议、行政诉讼：无。", {"review.cases", "litigation.cases"}),
        (
            "涉及复议0件，诉讼0件，无被纠错和败诉。",
            {"review.cases", "litigation.cases", "review.corrected", "litigation.corrected"},
        ),
        ("全年无依申请公开政府信息事项。", {"requests.received"}),
        ("群众没有向本镇提交政府信息公开申请。", {"requests.received"}),
        ("报告期内未接到群众要求公开相关政府信息的诉求。", {"requests.received"}),
        ("全年依申请公开政府信息的申请数为零。", {"requests.received"}),
        ("本年度没有需要转结到下一年度的申请。", {"requests.carried_forward"}),
        ("全年政府信息公开没有收费。", {"fees.collected"}),
        ("本年度不存在政府信息公开收费和减免。", {"fees.collected"}),
        ("对申请公开政府信息暂免收费。", {"fees.collected"}),
        ("本乡没有向公众收取政府信息公开费用。", {"fees.collected"}),
    ],
)
def test_statements_of_none(text: str, metrics: set[str]) -> None:
    found = tagged(text)
    assert set(found) == metrics
    assert all(value == 0 for value, _ in found.values())


@pytest.mark.parametrize(
    "text",
    [
        "本年度上年无结转，年内办结申请20件。",
        "全年未发生与诉讼有关的费用支出。",
        "本年度未收到依申请公开信息的咨询。",
    ],
)
def test_what_is_not_a_statement_of_none(text: str) -> None:
    found = tagged(text)
    assert "requests.carried_forward" not in found
    assert "fees.collected" not in found
    assert found.get("requests.received") != (0.0, "件")


def test_litigation_lost_is_corrected() -> None:
    found = tagged("被提起行政诉讼7件，其中败诉2件。")
    assert found["litigation.corrected"] == (2.0, "件")


# -- other requests -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "全年共受理网民留言71条，公开答复40条，已办结71条。",
        "县长信箱收到信件180件，办结96件。",
        "全年协助市政府办公室办理涉及本县的政府信息公开申请4件。",
        "整合12345热线，全年受理群众各类诉求88万余件。",
    ],
)
def test_other_requests_are_not_applications(text: str) -> None:
    found = tagged(text)
    assert "requests.received" not in found
    assert "requests.answered" not in found
