"""The text export prints table rows as tab-separated cells and states every truth figure."""

from __future__ import annotations

from conftest import REQUEST_COLUMNS
from reportextract.synth.numerals import chinese_decimal, chinese_int, decimal_text, fullwidth
from reportextract.synth.render_text import render_text
from reportextract.synth.report import build_report
from reportextract.synth.truth import build_truth


def test_table_rows_are_tab_separated() -> None:
    for index in range(10):
        report = build_report(51, index)
        lines = render_text(report).data.decode("utf-8").splitlines()
        row = next(line for line in lines if "本年新收政府信息公开申请数量" in line)
        fields = [f for f in row.split("\t") if f != ""]
        printed = [report.printed(("requests", "new_received", col)) for col in REQUEST_COLUMNS]
        assert [f for f in fields[1:]] == [p for p in printed if p != ""]


def _writings(value: float) -> set[str]:
    """Every way the generator may write a stated number."""
    n = int(value)
    out = {str(n), f"{n:,}", fullwidth(str(n)), chinese_int(n), chinese_int(n, liang=True)}
    if n == 2:
        out.add("两")
    text = decimal_text(abs(value))
    return out | {text, fullwidth(text), "百分之" + chinese_decimal(text)}


def test_every_figure_is_written_in_the_text() -> None:
    for index in range(30):
        report = build_report(52, index, errors=index % 3 == 0)
        text = render_text(report).data.decode("utf-8")
        truth = build_truth(report, "x.txt", "synth-txt", "txt", True, True)
        for figure in truth["figures"]:
            metric, value = figure["metric"], figure["value"]
            if metric in report.plan.texts:
                assert report.plan.texts[metric] in text
            elif metric == "fees.collected" and value == 0:
                assert any(w in text for w in ("未收取", "无收取", "未向申请人收取", "费0元"))
            elif metric == "requests.received_change" and value == 0:
                assert "持平" in text
            else:
                assert any(w in text for w in _writings(value)), (index, figure)
