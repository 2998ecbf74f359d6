"""The pre-2019 政府信息公开情况统计表 (spec/legacy-codes.md) read from one document: the real
平潭 reports with hand-checked truth, and texts of our own that print what is hard — glued
digits settled by the form's arithmetic or by the figure the narrative states, the next
row's numbering glued after the numbers, a number printed in one column only, a total that
is not the sum of its parts. A row whose readings tie is left out with a check that says so."""

from __future__ import annotations

import json

import pytest

from conftest import REAL_DOCS, SHARED_REAL
from reportextract.model import Report
from reportextract.pipeline import extract
from reportextract.tables.weighing import (
    Evidence,
    PendingRow,
    Reading,
    Statement,
    pending_row,
    split_readings,
    weigh,
)
from reportextract.template.checks import is_finding
from reportextract.truth import compare_cells

LEGACY_TRUTH = SHARED_REAL / "truth-legacy"
# Read whole from the document alone (pingtan-county-2012 needs its 2011 report: see
# test_legacy_series.py).
ALONE = ("pingtan-2011", "pingtan-2014", "pingtan-2015", "pingtan-county-2011")


def _truth(name: str) -> dict:
    return json.loads((LEGACY_TRUTH / f"{name}.txt.json").read_text(encoding="utf-8"))


def _cells(report: Report) -> dict[tuple[str, str], str]:
    return {(c.row_code, c.col_code): c.text for c in report.cells if c.table == "legacy"}


def _left_out(report: Report) -> dict[str, str]:
    return {
        c.scope: c.detail
        for c in report.checks
        if c.check == "text.glued_split" and c.passed is None
    }


def _findings(report: Report) -> set[tuple[str, str]]:
    return {(c.check, c.scope) for c in report.checks if c.passed is False and is_finding(c.check)}


@pytest.mark.parametrize("name", ALONE)
def test_a_real_statistics_table_read_alone_is_exact(name: str) -> None:
    truth = _truth(name)
    report = extract(REAL_DOCS / truth["file"])
    comparison = compare_cells(report, truth)
    assert comparison.perfect, comparison.describe()
    assert (report.template, report.year, report.status) == ("pre-2019", truth["year"], "ok")
    assert _findings(report) == {(b["rule"], b["scope"]) for b in truth["broken_checks"]}


def test_glued_digits_settled_by_the_narrative_and_the_channels() -> None:
    """pingtan-2015: 主动公开文件数条294981916 — the text states 2949 items, and the website
    row (the same digits) must add up with the gazette's 0|0."""
    report = extract(REAL_DOCS / "old-template/pingtan-2015.txt")
    cells = _cells(report)
    assert cells[("proactive.items", "year")] == "2949"
    assert cells[("proactive.items", "cumulative")] == "81916"
    assert cells[("proactive.website", "cumulative")] == "81916"
    notes = [c for c in report.checks if c.check == "text.glued_split" and c.passed]
    assert any("294981916" in c.detail and "2949|81916" in c.detail for c in notes)


def test_a_row_whose_readings_tie_is_left_out_with_its_readings() -> None:
    """pingtan-county-2012: 网站公开条17953304 — no reading makes 主动公开信息数 (2026|3542)
    the sum of its channels; four readings break both column sums alike."""
    truth = _truth("pingtan-county-2012")
    report = extract(REAL_DOCS / truth["file"])
    comparison = compare_cells(report, truth)
    assert not comparison.wrong and not comparison.spurious
    assert set(comparison.missing) == {
        ("legacy", "proactive.website", "year"),
        ("legacy", "proactive.website", "cumulative"),
    }
    detail = _left_out(report)["proactive.website"]
    assert "«17953304»" in detail and "1795|3304" in detail and "4 readings" in detail
    assert report.status == "partial" and "17953304" in (report.error or "")
    # the rules that name the row left out are not applied (not reported as broken)
    assert ("legacy.sum", "proactive.items") not in _findings(report)
    assert _cells(report)[("proactive.items", "year")] == "2026"  # the narrative says 2026


def _report(table: str, narrative: str = "") -> str:
    return (
        "标题: 测试县人民政府2014年政府信息公开工作年度报告\n"
        "发布时间: 2015-01-20 00:00\n"
        "==================== 正文 ====================\n"
        "测试县人民政府2014年政府信息公开工作年度报告 本报告由概述、主动公开政府信息情况和"
        f"政府信息公开情况统计表组成。一、概述 {narrative} 二、政府信息公开情况统计表 {table}\n"
    )


def _extract(tmp_path, text: str) -> Report:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path)


GLUED = (
    "指标名称计量单位2014年度历年累计主动公开文件数条5612040其中：1、政府网站公开数条5612040"
    "2、政府公报公开数条00受理依申请公开信息总数条39其中：1、当面申请数条262、网上申请数条13"
    "对申请的答复总数条39其中：1、同意公开答复数条262、同意部分公开答复数条00"
    "3、不予公开答复数条13行政复议数件00行政诉讼数件00"
)


def test_glued_rows_tie_without_the_narrative_and_are_read_with_it(tmp_path) -> None:
    alone = _extract(tmp_path, _report(GLUED))
    left = _left_out(alone)
    # 5612040: 5|612040, 56|12040, 561|2040 … — the form's sums hold in every one
    assert {"proactive.items", "proactive.website"} <= left.keys()
    assert "56|12040" in left["proactive.items"]
    stated = _extract(tmp_path, _report(GLUED, "2014年，我县主动公开政府信息56条。"))
    cells = _cells(stated)
    assert (cells[("proactive.items", "year")], cells[("proactive.items", "cumulative")]) == (
        "56",
        "12040",
    )
    assert cells[("proactive.website", "year")] == "56"  # its channel sum settles it
    assert "proactive.items" not in _left_out(stated)
    # the next row's numbering glued after the numbers is not a digit of theirs
    assert (cells[("requests.in_person", "year")], cells[("requests.in_person", "cumulative")]) == (
        "2",
        "6",
    )
    assert (cells[("requests.received", "year")], cells[("requests.received", "cumulative")]) == (
        "3",
        "9",
    )


SPACED = (
    "指标名称 计量单位 2014年度 历年累计 主动公开信息数 条 120 900 其中：1.网站公开 条 100 860 "
    "2.政府公报公开 条 20 受理依申请公开信息总数 条 4 10 其中：1.当面申请数 条 3 7 "
    "2.网上申请数 条 1 3 对申请的答复数 条 4 10 其中：1.同意公开答复数 条 3 8 "
    "2.同意部分公开答复数 条 0 1 3.否决公开答复数 条 1 1 行政复议数 件 0 行政诉讼数 件 0 0"
)


def test_a_number_printed_once_stands_where_the_rules_put_it(tmp_path) -> None:
    """政府公报公开 prints 20 once: as 本年度 the items add up (120 = 100 + 20; 900 = 860 …
    does not, whatever the place), as 历年累计 nothing does — so it is 本年度. 行政复议数 prints
    0 once: no rule tells its column, so it is left out."""
    report = _extract(tmp_path, _report(SPACED))
    cells = _cells(report)
    assert cells[("proactive.gazette", "year")] == "20"
    assert ("proactive.gazette", "cumulative") not in cells
    assert "review.cases" in _left_out(report)
    assert not any(row == "review.cases" for row, _ in cells)
    assert cells[("litigation.cases", "cumulative")] == "0"


def test_a_total_that_is_not_the_sum_of_its_parts_is_a_finding(tmp_path) -> None:
    report = _extract(tmp_path, _report(SPACED))
    sums = {
        (c.scope, c.detail.split(":")[0]): c
        for c in report.checks
        if c.check == "legacy.sum" and c.scope == "proactive.items"
    }
    year = sums[("proactive.items", "column year")]
    cumulative = sums[("proactive.items", "column cumulative")]
    assert (year.passed, year.expected, year.actual) == (True, 120, 120)
    assert (cumulative.passed, cumulative.expected, cumulative.actual) == (False, 860, 900)
    assert _cells(report)[("proactive.items", "cumulative")] == "900"  # kept as printed
    answered = [
        c for c in report.checks if c.check == "legacy.sum" and c.scope == "requests.answered"
    ]
    assert [c.passed for c in answered] == [True, True]


def test_a_pre_2019_report_without_table_or_figures_says_so(tmp_path) -> None:
    text = (
        "测试县人民政府2013年政府信息公开工作年度报告\n"
        "本报告由概述、主动公开政府信息情况和存在的主要问题组成。我县认真贯彻落实条例，"
        "不断完善工作机制，拓展公开渠道。\n"
    )
    report = _extract(tmp_path, text)
    assert report.template == "pre-2019" and report.status == "partial"
    assert "neither a table" in (report.error or "")
    landtax = extract(REAL_DOCS / "old-template/pingtan-landtax-2013.txt")
    assert (landtax.status, landtax.cells) == ("ok", [])
    assert any(f.metric == "proactive.items" and f.value == 45 for f in landtax.figures)


def test_readings_of_a_run() -> None:
    shown = [r.show() for r in split_readings("1818", 2, spaced=False)]
    # every cut, and the whole number alone in either column (the other cell empty)
    assert shown == ["1|818", "18|18", "181|8", "1818|—", "—|1818"]
    assert [r.show() for r in split_readings("07", 2, spaced=False)] == ["0|7"]
    assert [r.show() for r in split_readings("0", 2, spaced=False)] == ["0|—", "—|0"]
    assert [r.show() for r in split_readings("77", 2, spaced=True)] == ["77|—", "—|77"]
    assert [r.show() for r in split_readings("3 4", 2, spaced=True)] == ["3|4"]
    assert split_readings("1 2 3", 2, spaced=True) == ()
    assert split_readings("00", 1, spaced=False) == ()


def test_the_reading_that_breaks_the_fewest_rules_wins_only_alone() -> None:
    row = PendingRow(
        "legacy",
        "proactive.items",
        ("year", "cumulative"),
        "20263542",
        "主动公开信息数",
        None,
        split_readings("20263542", 2, spaced=False),
    )
    tied = weigh([row], Evidence({}))[0]
    # alone, only 历年累计 ≥ 本年度 judges it: three readings keep it
    assert tied.kept is None and [r.show() for r in tied.tied] == [
        "20|263542",
        "202|63542",
        "2026|3542",
    ]
    stated = Statement("proactive.items", 2026, ((("legacy", "proactive.items", "year"),),))
    kept = weigh([row], Evidence({}, [stated]))[0]
    assert kept.kept == Reading(("2026", "3542")) and kept.fewest == 0
    previous = {("legacy", "proactive.items", "cumulative"): 1516.0}
    across = weigh([row], Evidence({}, previous=previous))[0]
    assert across.kept == Reading(("2026", "3542"))


def test_the_left_out_check_carries_what_a_later_step_needs() -> None:
    report = extract(REAL_DOCS / "old-template/pingtan-county-2012.txt")
    check = next(c for c in report.checks if c.check == "text.glued_split" and c.passed is None)
    row = pending_row(check.table, check.scope, check.detail)
    assert row is not None
    assert (row.row, row.printed, row.columns) == (
        "proactive.website",
        "17953304",
        ("year", "cumulative"),
    )
    assert Reading(("1795", "3304")) in row.readings and len(row.readings) == 8
    assert row.label.endswith("网站公开条")


HTML_FORM = """<html><head><meta charset="utf-8"><title>测试市人民政府2012年政府信息公开工作年度报告</title>
</head><body><div class="content"><h1>测试市人民政府2012年政府信息公开工作年度报告</h1>
<p>2012年，我市主动公开政府信息1530条。全年共受理政府信息公开申请12件。</p>
<p>附件：政府信息公开情况统计表</p>
<table border="1">
<tr><td>指标名称</td><td>计量单位</td><td>2012年度</td><td>历年累计</td></tr>
<tr><td>主动公开信息数</td><td>条</td><td>1530</td><td>6120</td></tr>
<tr><td>其中：全文电子化的主动公开信息数</td><td>条</td><td>1498</td><td>5900</td></tr>
<tr><td>其中：1.网站公开</td><td>条</td><td>1500</td><td>6080</td></tr>
<tr><td>2.政府公报公开</td><td>条</td><td>30</td><td></td></tr>
<tr><td>申请总数</td><td>条</td><td>12</td><td>40</td></tr>
<tr><td>其中：1.当面申请数</td><td>条</td><td>9</td><td>31</td></tr>
<tr><td>2.网上申请数</td><td>条</td><td>3</td><td>9</td></tr>
<tr><td>对申请的答复总数</td><td>条</td><td>12</td><td>40</td></tr>
<tr><td>其中：1.同意公开答复数</td><td>条</td><td>10</td><td>33</td></tr>
<tr><td>2.同意部分公开答复数</td><td>条</td><td>—</td><td>2</td></tr>
<tr><td>3.否决公开答复总数</td><td>条</td><td>2</td><td>5</td></tr>
<tr><td>依申请公开信息收取的费用</td><td>万元</td><td>0</td><td>0.15</td></tr>
<tr><td>行政复议数</td><td>件</td><td>1</td><td>3</td></tr>
</table></div></body></html>"""


def test_an_html_statistics_table_of_another_form(tmp_path) -> None:
    path = tmp_path / "report.html"
    path.write_text(HTML_FORM, encoding="utf-8")
    report = extract(path)
    cells = _cells(report)
    assert report.template == "pre-2019" and report.status == "ok"
    # 全文电子化的主动公开信息数 is a part of another kind, not the total nor a channel
    assert cells[("proactive.items", "year")] == "1530"
    assert not [c for c in report.checks if c.check == "table.duplicate_row"]
    assert cells[("proactive.website", "cumulative")] == "6080"
    assert cells[("requests.received", "cumulative")] == "40"
    assert cells[("requests.denied", "year")] == "2"
    assert cells[("requests.partially_granted", "year")] == "—"  # a zero mark is 0
    assert cells[("fees.collected", "cumulative")] == "0.15"
    # the gazette's empty 历年累计 is not printed, not a zero
    assert cells[("proactive.gazette", "year")] == "30"
    assert ("proactive.gazette", "cumulative") not in cells
    label = next(
        c.label for c in report.cells if (c.row_code, c.col_code) == ("fees.collected", "year")
    )
    assert label.endswith("万元")  # the unit as printed stays with the row
    assert len(cells) == 23
    sums = {c.detail.split(":")[0]: c.passed for c in report.checks if c.check == "legacy.sum"}
    assert sums["column year"] is True
    agreement = [c for c in report.checks if c.check == "narrative.table_agreement"]
    assert {c.scope for c in agreement} == {"proactive.items", "requests.received"}
    assert all(c.passed for c in agreement)
