"""List pages and article pages are read into report links, further pages and attachments."""

from __future__ import annotations

import pytest

from conftest import real_doc
from reportextract.fetch.discovery import (
    parse_article,
    parse_listing,
    report_year,
    resolve_href,
)
from reportextract.fetch.encoding import decode_page
from reportextract.fetch.filetypes import sniff_extension
from reportextract.fetch.sources import load_catalog

COLUMN = "http://www.example.gov.cn/zwgk/zfxxgknb/"

LISTING = """<html><head><meta charset="gb2312"><title>政府信息公开年报</title></head><body>
<div class="crumb"><a href="../">政务公开</a> &gt; <a href="./">政府信息公开年报</a></div>
<ul class="list">
  <li><a href="./202601/t20260112_1.htm" title="泉港区2025年度政府信息公开工作年度报告">泉港区2025年度政府信息公开…</a><span>2026-01-12</span></li>
  <li><a href="/zwgk/zfxxgknb/202501/t20250120_2.htm">2024年政府信息公开工作年度报告</a></li>
  <li><a href="javascript:openWin('/zwgk/zfxxgknb/202401/t3.htm')">2023年度政府信息公开工作年度报告</a></li>
  <li><a href="../../files/2022nb.pdf">2022年政府信息公开工作年报</a></li>
  <li><a href="./202501/t20250121_9.htm">《2024年政府信息公开工作年度报告》解读</a></li>
  <li><a href="./202502/t20250201_5.htm">关于开展政务公开培训的通知</a></li>
  <li><a href="javascript:void(0)">2019年政府信息公开工作年度报告</a></li>
  <li><a href="./202601/t20260112_1.htm#top">泉港区2025年度政府信息公开工作年度报告</a></li>
</ul>
<div class="page"><a href="index_1.htm">2</a> <a href="index_2.htm">下一页</a>
<a href="/other/index_3.htm">3</a></div>
<script>createPageHTML(4, 0, "index", "htm");</script>
</body></html>"""


@pytest.fixture(scope="module")
def rules():
    return load_catalog().report_title


def test_listing_finds_each_report_once_with_its_year(rules):
    page = parse_listing(LISTING, COLUMN, rules)
    found = {link.url: link.year for link in page.reports}
    assert found == {
        "http://www.example.gov.cn/zwgk/zfxxgknb/202601/t20260112_1.htm": 2025,
        "http://www.example.gov.cn/zwgk/zfxxgknb/202501/t20250120_2.htm": 2024,
        "http://www.example.gov.cn/zwgk/zfxxgknb/202401/t3.htm": 2023,
        "http://www.example.gov.cn/files/2022nb.pdf": 2022,
    }


def test_listing_prefers_the_full_title_attribute_over_truncated_text(rules):
    page = parse_listing(LISTING, COLUMN, rules)
    assert page.reports[0].title == "泉港区2025年度政府信息公开工作年度报告"


def test_listing_follows_pager_links_and_trs_pager_in_the_same_column(rules):
    page = parse_listing(LISTING, COLUMN, rules)
    assert set(page.pages) == {
        COLUMN + "index.htm",
        COLUMN + "index_1.htm",
        COLUMN + "index_2.htm",
        COLUMN + "index_3.htm",
    }


def test_listing_with_article_pattern_skips_entries_outside_it(rules):
    import re

    page = parse_listing(LISTING, COLUMN, rules, article_pattern=re.compile(r"/t\d{8}_\d+\.htm$"))
    assert [link.year for link in page.reports] == [2025, 2024, 2022]


def test_listing_of_real_pingtan_page_ignores_the_breadcrumb_column_link(rules):
    text, _ = decode_page(real_doc("pingtan-2024.html").read_bytes())
    page = parse_listing(
        text, "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm", rules
    )
    assert page.reports == []


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("泉港区2025年度政府信息公开工作年度报告", 2025),
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", 2019),
        ("关于印发泉港区 2025年度政府信息公开工作年度报告的通知", 2025),
        ("政府信息公开年报", None),
        ("平潭综合实验区2011年政府信息公开工作年度报告", 2011),
    ],
)
def test_report_year_is_read_from_the_title(title, year):
    assert report_year(title) == year


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../a/b.html", "http://h.gov.cn/x/a/b.html"),
        ("  /c.pdf#page=2 ", "http://h.gov.cn/c.pdf"),
        ("javascript:window.open('/d/e.shtml')", "http://h.gov.cn/d/e.shtml"),
        ("javascript:void(0);", None),
        ("mailto:a@b.cn", None),
        ("#top", None),
        ("", None),
        ("http://[bad", None),
    ],
)
def test_hrefs_are_resolved_against_the_page(href, expected):
    assert resolve_href(href, "http://h.gov.cn/x/y/list.html") == expected


ARTICLE = """<html><head><meta name="ArticleTitle" content="2024年政府信息公开工作年度报告"></head>
<body><img src="/images/logo.png"><div id="zoom" class="TRS_Editor">
<p>正文</p><img src="./W020250120_scan1.jpg" width="900"><img src="./icon_print.gif">
<img src="./small.png" width="20" height="20"></div>
<div class="fj">附件：<a href="./P020250120.pdf">2024年报.pdf</a>
<a href="./P020250120.pdf">下载</a>
<a href="/module/download/downfile.jsp?classid=0&filename=2024nb.docx">2024年报.docx</a>
<a href="../../files/data.wps">数据.wps</a><a href="./other.htm">相关阅读</a></div></body></html>"""


def test_article_attachments_are_documents_and_pictures_in_the_content_are_the_pages():
    page = parse_article(ARTICLE, "http://h.gov.cn/zwgk/nb/202501/t1.htm")
    assert page.title == "2024年政府信息公开工作年度报告"
    assert [a.url for a in page.attachments] == [
        "http://h.gov.cn/zwgk/nb/202501/P020250120.pdf",
        "http://h.gov.cn/module/download/downfile.jsp?classid=0&filename=2024nb.docx",
        "http://h.gov.cn/zwgk/files/data.wps",
    ]
    # not the logo outside the body, the print icon or the 20-pixel image
    assert [p.url for p in page.pictures] == ["http://h.gov.cn/zwgk/nb/202501/W020250120_scan1.jpg"]


def test_gbk_page_declared_gb2312_is_decoded_as_gb18030():
    body = LISTING.encode("gb18030") + "䶮".encode("gb18030")
    text, encoding = decode_page(body, "text/html")
    assert encoding == "gb18030"
    assert "泉港区2025年度政府信息公开工作年度报告" in text and text.endswith("䶮")


def test_undeclared_gbk_page_is_detected():
    html = LISTING.replace('<meta charset="gb2312">', "") * 3
    text, encoding = decode_page(html.encode("gbk"), "text/html")
    assert encoding == "gb18030"
    assert "政府信息公开工作年度报告" in text


def test_page_mislabelled_utf8_in_header_but_gbk_inside_is_still_read():
    body = LISTING.encode("gbk")
    text, encoding = decode_page(body, "text/html; charset=utf-8")
    assert encoding == "gb18030"
    assert "政府信息公开工作年度报告" in text


def test_utf8_page_is_decoded_as_utf8():
    body = LISTING.replace("gb2312", "utf-8").encode("utf-8")
    assert decode_page(body, None) == (LISTING.replace("gb2312", "utf-8"), "utf-8")


@pytest.mark.parametrize(
    ("head", "url", "content_type", "extension"),
    [
        (b"%PDF-1.7\n", "http://h/x/download?id=1", "application/octet-stream", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "http://h/a.wps", None, "wps"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "http://h/a", None, "doc"),
        (b"PK\x03\x04....word/document.xml", "http://h/get?id=2", None, "docx"),
        (b"\x89PNG\r\n\x1a\n", "http://h/a.jpg", "image/jpeg", "png"),
        (b"<!DOCTYPE html><html>", "http://h/t.htm", "text/html", "html"),
        (b"\x00\x01", "http://h/x", "application/octet-stream", "bin"),
    ],
)
def test_stored_extension_comes_from_the_bytes_first(head, url, content_type, extension):
    assert sniff_extension(head, url, content_type) == extension
