"""read_html on small hand-made pages: encodings, CMS chrome, span edge cases, Word noise."""

from __future__ import annotations

import pytest

from gridbuild import placements
from reportextract.errors import DocumentTooLarge, EmptyDocument
from reportextract.layout import Grid, Layout
from reportextract.readers import html as html_reader
from reportextract.readers.html import read_html

REPORT_TEXT = (
    "2024年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息1234条，"
    "受理政府信息公开申请56件，均已按期答复。"
)
REQUEST_TABLE = """
<table border="1">
  <tr><td rowspan="2">项目</td><td colspan="2">申请人情况</td></tr>
  <tr><td>自然人</td><td>总计</td></tr>
  <tr><td>一、本年新收政府信息公开申请数量</td><td>55</td><td>56</td></tr>
</table>
"""


def texts(layout: Layout) -> list[str]:
    return [b.text for b in layout.blocks]


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# ---------------------------------------------------------------- encodings


def test_gb18030_page_declared_gb2312_decodes_characters_outside_gb2312() -> None:
    text = "申请人姓名：王䶮，身份证明𠀀附件。" + REPORT_TEXT
    data = page(
        f"<p>{text}</p>", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    )
    layout = read_html(data.encode("gb18030"))
    assert texts(layout) == [text]
    assert layout.metadata["reader:encoding"] == "gb18030"


def test_undeclared_gbk_page_is_detected() -> None:
    data = page(f"<p>{REPORT_TEXT}</p><p>二、主动公开政府信息情况</p>").encode("gbk")
    assert texts(read_html(data)) == [REPORT_TEXT, "二、主动公开政府信息情况"]


def test_page_declared_utf8_but_really_gbk_still_decodes() -> None:
    data = page(f"<p>{REPORT_TEXT}</p>", '<meta charset="utf-8">').encode("gbk")
    assert texts(read_html(data)) == [REPORT_TEXT]


def test_utf8_bom_wins_over_a_wrong_declaration() -> None:
    data = b"\xef\xbb\xbf" + page(f"<p>{REPORT_TEXT}</p>", '<meta charset="gbk">').encode("utf-8")
    layout = read_html(data)
    assert texts(layout) == [REPORT_TEXT]
    assert layout.metadata["reader:encoding"] == "utf-8"


def test_transport_declared_encoding_is_used_for_an_undeclared_page() -> None:
    traditional = (
        "臺灣地區政府資訊公開工作年度報告，本機關依法受理資訊公開申請，全年共收到申請二百餘件。"
    )
    data = page(f"<p>{traditional}</p>").encode("big5")
    assert texts(read_html(data, declared_encoding="big5")) == [traditional]


# ---------------------------------------------------------------- finding the body

CMS_PAGE = page(
    """
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
  <li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul>
  <div class="search">热门搜索：<a href="#">社保</a><a href="#">公积金</a></div></div>
<div class="main">
  <div class="sidebar"><h3>栏目导航</h3><ul><li><a href="#">政府信息公开指南</a></li>
    <li><a href="#">政府信息公开制度</a></li><li><a href="#">法定主动公开内容</a></li></ul>
    <p>咨询电话：0591-12345678，工作时间：周一至周五上午8:30-12:00，下午14:30-17:30，节假日除外。</p></div>
  <div class="article">
    <h1 class="article-title">某某区人民政府2024年政府信息公开工作年度报告</h1>
    <div class="info">发布时间：2025-01-20　信息来源：某某区人民政府办公室　文号：某政办〔2025〕1号</div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    <div id="zoom">
      <p>一、总体情况</p>
      <p>"""
    + REPORT_TEXT
    + """</p>
      <p>二、收到和处理政府信息公开申请情况</p>"""
    + REQUEST_TABLE
    + """
      <p>三、存在的主要问题及改进情况</p>
      <p>一是政策解读形式仍需丰富；二是公开平台建设有待加强。2025年将继续改进。</p>
      <div style="display:none">隐藏的统计代码文字</div>
    </div>
    <div class="pager"><p>上一篇：<a href="/a.html">关于某某事项的通知</a></p>
      <p>下一篇：<a href="/b.html">某某区2023年政府信息公开工作年度报告</a></p></div>
    <div class="tools">【<a href="javascript:print()">打印本页</a>】【<a href="javascript:close()">关闭窗口</a>】</div>
  </div>
</div>
<div class="footer"><p>主办单位：某某区人民政府办公室　地址：某某市某某路1号　邮编：350000</p>
  <p>版权所有：某某区人民政府　网站标识码：3500000000　闽ICP备00000000号</p></div>
<script>var tracker = "统计脚本文字";</script>
"""
)


@pytest.fixture(scope="module")
def cms() -> Layout:
    return read_html(CMS_PAGE.encode("utf-8"))


def test_cms_page_body_excludes_navigation_sidebar_pager_and_footer(cms: Layout) -> None:
    joined = "\n".join(texts(cms))
    for chrome in ("首页", "热门搜索", "栏目导航", "咨询电话", "上一篇", "下一篇", "打印本页",
                   "关闭窗口", "分享到", "版权所有", "主办单位", "统计脚本文字", "隐藏的统计代码文字"):  # fmt: skip
        assert chrome not in joined, chrome


def test_cms_page_body_keeps_title_paragraphs_and_table_in_order(cms: Layout) -> None:
    order = [i.text if not isinstance(i, Grid) else "GRID" for i in cms.items]
    assert order == [
        "某某区人民政府2024年政府信息公开工作年度报告",
        "一、总体情况",
        REPORT_TEXT,
        "二、收到和处理政府信息公开申请情况",
        "GRID",
        "三、存在的主要问题及改进情况",
        "一是政策解读形式仍需丰富；二是公开平台建设有待加强。2025年将继续改进。",
    ]


def test_cms_page_chrome_fields_become_metadata(cms: Layout) -> None:
    assert cms.metadata["html:发布时间"] == "2025-01-20"
    assert cms.metadata["html:信息来源"] == "某某区人民政府办公室"
    assert cms.metadata["html:文号"] == "某政办〔2025〕1号"


ZFXXGK_PAGE = page(
    """
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk">政府信息公开</a></div>
<div class="xxgk">
  <table class="xxgk_info">
    <tr><td>索引号：</td><td>11350000MB0000000X/2025-00001</td><td>发布机构：</td><td>某某县人民政府办公室</td></tr>
    <tr><td>生成日期：</td><td>2025-01-15</td><td>主题分类：</td><td>政府信息公开年报</td></tr>
    <tr><td>标题：</td><td colspan="3">某某县人民政府2024年政府信息公开工作年度报告</td></tr>
  </table>
  <div class="content"><div class="TRS_Editor"><div class="Custom_UnionStyle">
    <p>某某县人民政府2024年政府信息公开工作年度报告</p>
    <p>一、总体情况</p><p>"""
    + REPORT_TEXT
    + "</p>"
    + REQUEST_TABLE
    + """<p>二、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>
  </div><p>&nbsp;</p><p>某某县人民政府办公室</p><p>2025年1月15日</p></div></div>
  <div class="related"><h4>相关文件</h4><ul><li><a href="/1">某某县2023年政府信息公开工作年度报告</a></li>
    <li><a href="/2">某某县2022年政府信息公开工作年度报告</a></li></ul></div>
</div>"""
)


def test_info_table_next_to_the_body_is_metadata_not_a_grid() -> None:
    layout = read_html(ZFXXGK_PAGE.encode("utf-8"))
    assert len(layout.grids) == 1 and layout.grids[0].n_rows == 3
    assert layout.metadata["html:索引号"] == "11350000MB0000000X/2025-00001"
    assert layout.metadata["html:发布机构"] == "某某县人民政府办公室"
    assert layout.metadata["html:生成日期"] == "2025-01-15"


def test_title_is_not_repeated_and_the_sign_off_after_the_body_is_kept() -> None:
    layout = read_html(ZFXXGK_PAGE.encode("utf-8"))
    assert texts(layout) == [
        "某某县人民政府2024年政府信息公开工作年度报告",
        "一、总体情况",
        REPORT_TEXT,
        "二、其他需要报告的事项",
        "本年度未收取信息处理费。",
        "某某县人民政府办公室",
        "2025年1月15日",
    ]


def test_report_in_a_layout_table_cell_is_found() -> None:
    body = f"""
<table width="100%"><tr>
  <td width="200"><a href="/">首页</a><br><a href="/a">机构概况</a><br><a href="/b">政务公开</a><br>
      <a href="/c">公众参与</a></td>
  <td id="content"><p>一、总体情况</p><p>{REPORT_TEXT}</p><p>{REPORT_TEXT}</p>{REQUEST_TABLE}</td>
</tr></table>
<p><a href="/x">网站地图</a> | <a href="/y">联系我们</a></p>"""
    layout = read_html(page(body).encode("utf-8"))
    assert texts(layout) == ["一、总体情况", REPORT_TEXT, REPORT_TEXT]
    assert len(layout.grids) == 1 and layout.grids[0].n_rows == 3


def test_one_long_paragraph_does_not_steal_the_body_from_its_container() -> None:
    long_paragraph = REPORT_TEXT * 30
    body = f"""<div class="nav">首页 政务公开 互动交流</div>
<section class="article"><div>一、总体情况</div><div>{long_paragraph}</div>
<div>二、收到和处理政府信息公开申请情况</div>{REQUEST_TABLE}<div>三、其他事项</div></section>"""
    layout = read_html(page(body).encode("utf-8"))
    assert texts(layout) == [
        "一、总体情况",
        long_paragraph,
        "二、收到和处理政府信息公开申请情况",
        "三、其他事项",
    ]
    assert len(layout.grids) == 1


def test_br_separated_text_in_a_div_gives_one_block_per_line() -> None:
    body = f'<div id="zoom">一、总体情况<br>{REPORT_TEXT}<br/><br/>　　二、主动公开情况<br>全年公开信息100条。</div>'
    layout = read_html(page(body).encode("utf-8"))
    assert texts(layout) == ["一、总体情况", REPORT_TEXT, "二、主动公开情况", "全年公开信息100条。"]


def test_source_line_break_between_chinese_characters_is_not_a_space() -> None:
    layout = read_html(
        page("<p>全年受理政府信息公开\n   申请56件，\n其中 2 件&nbsp;&nbsp;转办。</p>").encode()
    )
    assert texts(layout) == ["全年受理政府信息公开申请56件，其中 2 件 转办。"]


# ---------------------------------------------------------------- tables


def grid_of(table_html: str) -> Grid:
    layout = read_html(page(f"<p>{REPORT_TEXT}</p>{table_html}").encode("utf-8"))
    assert len(layout.grids) == 1
    return layout.grids[0]


def test_absurd_rowspan_and_colspan_are_clamped_to_the_table() -> None:
    grid = grid_of(
        """<table>
        <tr><td rowspan="100000">三、本年度办理结果</td><td colspan="5000">（一）予以公开</td></tr>
        <tr><td>1</td><td>2</td></tr>
        <tr><td>3</td><td>4</td></tr></table>"""
    )
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    first = grid.cells[0]
    assert (first.text, first.rowspan, first.colspan) == ("三、本年度办理结果", 3, 1)
    assert (grid.cells[1].text, grid.cells[1].colspan) == ("（一）予以公开", 2)


def test_rowspan_zero_reaches_the_last_row_and_cells_flow_around_spans() -> None:
    grid = grid_of(
        """<table><tr><td rowspan="0">A</td><td>B</td><td rowspan="2">C</td></tr>
        <tr><td>D</td></tr><tr><td>E</td><td>F</td></tr></table>"""
    )
    assert placements(grid) == {
        "A": (0, 0, 3, 1),
        "B": (0, 1, 1, 1),
        "C": (0, 2, 2, 1),
        "D": (1, 1, 1, 1),
        "E": (2, 1, 1, 1),
        "F": (2, 2, 1, 1),
    }


def test_empty_cells_are_kept_and_empty_rows_are_dropped() -> None:
    grid = grid_of(
        """<table><thead><tr><th>项目</th><th>自然人</th><th>总计</th></tr></thead>
        <tbody><tr><td>予以公开</td><td>&nbsp;</td><td></td></tr><tr></tr>
        <tr><td>部分公开</td><td>3</td><td>3</td></tr></tbody></table>"""
    )
    assert grid.n_rows == 3
    assert [c.text for c in grid.rows()[1]] == ["予以公开", "", ""]


def test_word_pasted_table_noise_is_removed_from_cells_and_text() -> None:
    word = """
<style>p.MsoNormal {margin:0cm}</style>
<xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>
<p class="MsoNormal"><!--[if !supportLists]--><span>1.<span>&nbsp;&nbsp;&nbsp;</span></span><!--[endif]-->
<span lang="EN-US">2024</span><span style="font-family:宋体">年全年公开信息</span><o:p>&nbsp;</o:p></p>
<table class="MsoNormalTable"><tr>
  <td><p class="MsoNormal"><span style="font-family:宋体">本年新收政府信息</span></p>
      <p class="MsoNormal"><span style="font-family:宋体">公开申请数量<o:p></o:p></span></p></td>
  <td><p class="MsoNormal" align="center"><span lang="EN-US">17<o:p></o:p></span></p></td>
  <td><p class="MsoNormal"><span style="mso-hide:all">隐藏</span><span lang="EN-US"><o:p>&nbsp;</o:p></span></p></td>
</tr></table>"""
    layout = read_html(page(word).encode("utf-8"))
    assert texts(layout) == ["1. 2024年全年公开信息"]
    assert [c.text for c in layout.grids[0].cells] == ["本年新收政府信息\n公开申请数量", "17", ""]


def test_layout_wrapper_table_is_read_through_and_nested_table_is_flattened() -> None:
    nested = """<table><tr><td>行政复议</td><td>行政诉讼</td></tr>
      <tr><td>2</td><td><table><tr><td>直接起诉</td><td>1</td></tr></table></td></tr></table>"""
    wrapper = f"<table><tr><td><p>{REPORT_TEXT}</p><p>{REPORT_TEXT}</p>{nested}</td></tr></table>"
    layout = read_html(page(wrapper).encode("utf-8"))
    assert texts(layout) == [REPORT_TEXT, REPORT_TEXT]
    grid = layout.grids[0]
    assert [c.text for c in grid.cells] == ["行政复议", "行政诉讼", "2", "直接起诉\n1"]


def test_caption_is_a_text_block_before_its_grid() -> None:
    layout = read_html(
        page(
            f"<p>{REPORT_TEXT}</p><table><caption>表三</caption><tr><td>1</td></tr></table>"
        ).encode()
    )
    assert [i.text if not isinstance(i, Grid) else "GRID" for i in layout.items] == [
        REPORT_TEXT,
        "表三",
        "GRID",
    ]


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t ", b"<html><body><script>x=1</script></body></html>"]
)
def test_empty_pages_raise_empty_document(data: bytes) -> None:
    with pytest.raises(EmptyDocument):
        read_html(data)


def test_oversized_page_raises_document_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "MAX_HTML_BYTES", 1000)
    with pytest.raises(DocumentTooLarge):
        read_html(page("<p>" + "很长" * 1000 + "</p>").encode())


def test_binary_garbage_does_not_crash() -> None:
    layout = read_html(bytes(range(256)) * 20 + "<p>公开</p>".encode())
    assert layout.format == "html"
