"""HTML pages keep rowspan/colspan tables inside the CMS container and decode in their declared charset."""

from __future__ import annotations

import codecs

import lxml.html

from conftest import REQUEST_COLUMNS
from reportextract.synth.render_html import declared_charset, render_html
from reportextract.synth.report import build_report

CONTAINERS = '//div[contains(@class,"TRS_Editor") or contains(@class,"TRS_UEDITOR") or @id="zoom" or @id="UCAP-CONTENT" or contains(@class,"article-content")]'


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    charset = declared_charset(data)
    return data.decode(charset or "gb18030")


def test_pages_decode_in_declared_charset_and_keep_spans() -> None:
    seen: set[str] = set()
    for index in range(24):
        report = build_report(41, index)
        data = render_html(report).data
        charset = declared_charset(data)
        seen.add((charset or "none").lower())
        text = _decode(data)
        assert report.content.title in text
        tree = lxml.html.document_fromstring(text)
        container = tree.xpath(CONTAINERS)
        assert len(container) == 1
        tables = container[0].xpath(".//table")
        assert len(tables) == 3
        spans = tables[1].xpath(".//td[@rowspan]") + tables[1].xpath(".//td[@colspan]")
        assert spans
        assert tables[1].xpath('.//td[@colspan="7"]') and tables[2].xpath('.//td[@colspan="10"]')
    assert {"gb2312", "gbk", "utf-8"} & seen and len(seen) >= 3


def test_value_cells_print_the_truth() -> None:
    report = build_report(42, 3)
    tree = lxml.html.document_fromstring(_decode(render_html(report).data))
    row = tree.xpath(CONTAINERS)[0].xpath(".//table")[1].xpath(".//tr")[3]
    texts = [td.text_content().replace("\xa0", " ").strip() for td in row.xpath("./td")[1:]]
    assert texts == [report.printed(("requests", "new_received", col)) for col in REQUEST_COLUMNS]
