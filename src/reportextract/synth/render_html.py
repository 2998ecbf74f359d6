"""A government CMS page: site chrome around the report, tables with rowspan/colspan.

The page varies the CMS (TRS `div.TRS_Editor`, TRS UEditor, Hanweb `div#zoom`, UCAP
`div#UCAP-CONTENT`, a generic article div), the markup of paragraphs and table cells
(plain, Word-pasted with MsoNormal, `<o:p>` and `<!--[if !supportLists]-->`, bare), splits
header labels over several `<p>`/`<span>` with `&nbsp;` padding, and the encoding:
UTF-8 (sometimes with a BOM) or GB18030 declared as gb2312/gbk/GB18030 or not declared.
"""

from __future__ import annotations

import html
import random
import re

from .grids import ROLE_HEADER, GridCellSpec, TableGrid
from .render_text import Rendered
from .report import (
    DATE,
    DOC_NUMBER,
    HEADING,
    NOTICE_TITLE,
    PAGE_BREAK,
    REDHEAD,
    SIGNATURE,
    TABLE,
    TITLE,
    SynthReport,
)

CMS = ("trs", "trs", "trs_ueditor", "hanweb", "ucap", "generic")
MARKUP = ("plain", "word", "bare")
MENU = ("首页", "政务公开", "政务服务", "互动交流", "走进{place}", "专题专栏")
_DIGITS = re.compile(r"[0-9０-９][0-9０-９.,．%％]*")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


class PageWriter:
    def __init__(self, report: SynthReport, rng: random.Random) -> None:
        self.report = report
        self.rng = rng
        self.cms = rng.choice(CMS)
        self.markup = rng.choices(MARKUP, (4, 3, 2))[0]
        self.nbsp_padding = rng.random() < 0.5
        self.blank_cell = rng.choice(("&nbsp;", "", "<p>&nbsp;</p>", "<br/>"))

    # paragraphs ------------------------------------------------------------

    def paragraph(self, text: str, kind: str) -> str:
        align = {
            TITLE: "center",
            NOTICE_TITLE: "center",
            REDHEAD: "center",
            DOC_NUMBER: "center",
            SIGNATURE: "right",
            DATE: "right",
        }.get(kind)
        body = _esc(text)
        if self.markup == "word":
            body = _DIGITS.sub(lambda m: f'<span lang="EN-US">{m.group(0)}</span>', body)
            if kind == HEADING and text[:1] in "（(" and self.rng.random() < 0.6:
                head, _, rest = body.partition("）" if "）" in body[:5] else ")")
                body = (
                    f'<!--[if !supportLists]--><span style="mso-list:Ignore">{head}{"）" if "）" in text[:5] else ")"}'
                    f'<span style="font:7.0pt &quot;Times New Roman&quot;">&nbsp;&nbsp; </span></span>'
                    f"<!--[endif]-->{rest}"
                )
            style = "text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly"
            if align:
                style = f"text-align:{align};line-height:28.0pt"
            font = "黑体" if kind == HEADING else "仿宋_GB2312"
            return (
                f'<p class="MsoNormal" style="{style}"><span style="font-size:16.0pt;font-family:{font}">'
                f"{body}<o:p></o:p></span></p>"
            )
        if self.markup == "bare":
            if align:
                return f'<p align="{align}">{body}</p>'
            return f"<p>{body}</p>"
        style = f"text-align: {align};" if align else "text-indent: 2em;"
        if kind == HEADING:
            return f'<p style="{style}"><span style="font-family: 黑体, SimHei;">{body}</span></p>'
        if kind in (TITLE, NOTICE_TITLE):
            return f'<p style="{style}"><strong>{body}</strong></p>'
        return f'<p style="{style}">{body}</p>'

    # tables ----------------------------------------------------------------

    def cell_html(self, text: str, spec: GridCellSpec) -> str:
        if not text:
            return self.blank_cell
        pieces = text.split("\n")
        if (
            spec.role == ROLE_HEADER
            and len(pieces) == 1
            and len(text) >= 4
            and self.rng.random() < 0.3
        ):
            cut = self.rng.randint(1, len(text) - 1)
            pieces = [text[:cut], text[cut:]]
        pad = (
            "\n &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp;"
            if self.nbsp_padding
            else ""
        )
        if self.markup == "word":
            return "".join(
                f'<p class="MsoNormal" align="center" style="text-align:center"><span lang="EN-US" '
                f'style="font-size:10.5pt;font-family:宋体">{_esc(p)}<o:p></o:p></span></p>'
                for p in pieces
            )
        if self.markup == "bare":
            return "<br/>".join(_esc(p) for p in pieces)
        out = []
        for index, piece in enumerate(pieces):
            if index and spec.role == ROLE_HEADER:
                out.append(
                    f'<p style="text-indent: 0em;"><span style="text-indent: 0em;">{_esc(piece)}</span>{pad}</p>'
                )
            else:
                out.append(f'<p style="text-indent: 0em;">{_esc(piece)}</p>')
        return "".join(out)

    def table(self, grid: TableGrid) -> str:
        rng = self.rng
        if self.markup == "word":
            head = (
                '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
                'style="border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;'
                'mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt">'
            )
        elif self.markup == "bare":
            head = '<table border="1" cellspacing="0" cellpadding="2" width="100%">'
        else:
            head = (
                "<table style=\"font-family: 'Times New Roman';font-size: 13px;border-collapse: collapse;"
                'border: none;width: auto !important;margin: 0 auto;" cellspacing="0" align="center" border="1">'
            )
        rows = []
        for index, row in enumerate(grid.rows()):
            cells = []
            for spec in row:
                attrs = ""
                if spec.colspan > 1:
                    attrs += f' colspan="{spec.colspan}"'
                if spec.rowspan > 1:
                    attrs += f' rowspan="{spec.rowspan}"'
                if self.markup == "word":
                    width = rng.randint(40, 90) * spec.colspan
                    attrs += (
                        f' width="{width}" valign="center" style="width:{width * 0.75:.1f}pt;border:solid windowtext 1.0pt;'
                        f'mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"'
                    )
                elif self.markup == "plain":
                    attrs += ' style="padding: 0 4px;border: 1px solid windowtext;" valign="center"'
                text = spec.text
                cells.append(f"<td{attrs}>{self.cell_html(text, spec)}</td>")
            tr_attr = ' class="firstRow"' if index == 0 and self.markup == "plain" else ""
            if self.markup == "word":
                tr_attr = f' style="mso-yfti-irow:{index};height:{rng.randint(14, 30)}.0pt"'
            rows.append(f"<tr{tr_attr}>" + "".join(cells) + "</tr>")
        return head + "<tbody>" + "".join(rows) + "</tbody></table>"

    # page --------------------------------------------------------------------

    def body(self) -> str:
        parts = []
        for block in self.report.blocks:
            if block.kind == TABLE and block.grid is not None:
                parts.append(self.table(block.grid))
            elif block.kind == PAGE_BREAK:
                parts.append(
                    '<p><br style="page-break-before:always" clear="all"/></p>'
                    if self.markup == "word"
                    else ""
                )
            elif block.kind == TITLE and self.rng.random() < 0.5:
                continue  # the CMS prints the title above the content only
            elif block.text:
                parts.append(self.paragraph(block.text, block.kind))
        inner = "\n".join(p for p in parts if p)
        if self.cms == "trs":
            if self.rng.random() < 0.4:
                inner = f'<div class="Custom_UnionStyle">{inner}</div>'
            return f'<div class="TRS_Editor">{inner}</div>'
        if self.cms == "trs_ueditor":
            return f'<div class="view TRS_UEDITOR trs_paper_default trs_web">{inner}</div>'
        if self.cms == "hanweb":
            return f'<div id="zoom" class="zoom">{inner}</div>'
        if self.cms == "ucap":
            return f'<div class="pages_content" id="UCAP-CONTENT">{inner}</div>'
        return f'<div class="article-content">{inner}</div>'


def _chrome(report: SynthReport, writer: PageWriter, charset_meta: str) -> str:
    rng = writer.rng
    content = report.content
    issuer = content.issuer
    date = content.published
    time = f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    site = issuer.website.removesuffix("门户网站")
    place = site.removesuffix("人民政府")
    menu = "".join(
        f'<li><a href="/{i}/">{item.format(place=place)}</a></li>' for i, item in enumerate(MENU)
    )
    doc_number = content.doc_number if report.presentation.wrapper else ""
    index_no = f"{rng.randint(10**8, 10**9 - 1)}/{date.year}-{rng.randint(10000, 99999)}"
    doc_id = rng.randint(10000, 999999)
    title = _esc(content.title)
    prev_title = _esc(f"{issuer.title_name}{content.year - 1}年度政府信息公开工作年度报告")
    next_title = _esc(f"{issuer.title_name}{date.year}年政务公开工作要点")
    script = (
        '<script type="text/javascript">\n'
        f"var _docId = '{doc_id}'; var _pubDate = '{date.isoformat()} {time}';\n"
        "function changeSize(size){document.getElementById('fontzoom').style.fontSize = size + 'px';}\n"
        "(function(){var hm = document.createElement('script'); hm.src = '/js/stat.js?id=' + _docId;"
        " var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(hm, s);})();\n"
        "</script>"
    )
    meta_table = (
        '<table class="xxgk_table"><tr><td>索引号：</td><td>'
        + index_no
        + "</td><td>发布机构：</td><td>"
        + _esc(issuer.office)
        + "</td></tr><tr><td>文号：</td><td>"
        + _esc(doc_number)
        + "</td><td>发布日期：</td><td>"
        + date.isoformat()
        + "</td></tr><tr><td>主题分类：</td>"
        + "<td>政府信息公开年报</td><td>有效性：</td><td>有效</td></tr></table>"
    )
    return f"""<!DOCTYPE html>
<html>
<head>
{charset_meta}
<meta name="SiteName" content="{_esc(site)}"/>
<meta name="ColumnName" content="政府信息公开年报"/>
<meta name="ArticleTitle" content="{title}"/>
<meta name="PubDate" content="{date.isoformat()} {time}"/>
<meta name="ContentSource" content="{_esc(issuer.office)}"/>
<title>{title}_政府信息公开年报_{_esc(site)}</title>
<link rel="stylesheet" type="text/css" href="/images/common.css"/>
{script}
</head>
<body>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{_esc(site)}"/></a></div>
<div class="search"><form action="/search/" method="get"><input type="text" name="q" placeholder="请输入关键词"/><button>搜索</button></form></div></div>
<div class="nav"><ul>{menu}</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfxxgk/">政府信息公开</a> &gt; <a href="/zwgk/zfxxgk/ndbg/">政府信息公开年报</a></div>
<div class="main">
{meta_table if rng.random() < 0.7 else ""}
<h1 class="article-title">{title}</h1>
<div class="article-info"><span>发布时间：{date.isoformat()} {time}</span><span>来源：{_esc(issuer.office)}</span><span>浏览次数：<em id="hits"></em></span>
<span class="font">字号：<a href="javascript:changeSize(18)">大</a> <a href="javascript:changeSize(16)">中</a> <a href="javascript:changeSize(14)">小</a></span></div>
<div id="fontzoom" class="article">
{writer.body()}
</div>
<div class="article-attach"></div>
<div class="article-page"><p>上一篇：<a href="/zwgk/zfxxgk/ndbg/{date.year - 1}/t{doc_id - 17}.html">{prev_title}</a></p>
<p>下一篇：<a href="/zwgk/zfxxgk/ndbg/{date.year}/t{doc_id + 23}.html">{next_title}</a></p></div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办单位：{_esc(issuer.office)}　　承办单位：{_esc(place)}大数据中心</p>
<p>地址：{_esc(issuer.address)}　邮编：{issuer.postcode}　联系电话：{issuer.phone}</p>
<p>网站标识码：{rng.randint(1000000000, 9999999999)}　<a href="https://beian.miit.gov.cn">ICP备{rng.randint(10000000, 99999999)}号</a>　公安机关备案号：{rng.randint(10**13, 10**14 - 1)}</p></div>
<script type="text/javascript">document.getElementById('hits').innerHTML = '{rng.randint(50, 9000)}';</script>
</body>
</html>
"""


CHARSET_SLOT = "<!--charset-->"


def _encode(page: str, rng: random.Random) -> tuple[bytes, str]:
    """Fill the charset slot and encode the page; returns (bytes, note on the encoding)."""
    choice = rng.choices(("utf-8", "utf-8-bom", "gb-declared", "gb-undeclared"), (5, 1, 3, 1))[0]
    if choice.startswith("utf-8"):
        meta = rng.choice(
            (
                '<meta charset="utf-8"/>',
                '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>',
            )
        )
        if choice == "utf-8-bom" and rng.random() < 0.5:
            meta = ""
        data = page.replace(CHARSET_SLOT, meta).encode("utf-8")
        if choice == "utf-8-bom":
            return b"\xef\xbb\xbf" + data, "Saved as UTF-8 with a BOM" + (
                ", charset not declared." if not meta else "."
            )
        return data, "Saved as UTF-8."
    if choice == "gb-undeclared":
        return page.replace(CHARSET_SLOT, "").encode(
            "gb18030"
        ), "Saved as GB18030, charset not declared."
    label = rng.choice(("gb2312", "gbk", "GB18030"))
    for candidate in (label, "gbk", "GB18030"):
        try:
            page.encode(candidate)
        except UnicodeEncodeError:
            continue
        label = candidate
        break
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={label}"/>'
    return page.replace(CHARSET_SLOT, meta).encode(
        "gb18030"
    ), f"Saved as GB18030, declared {label}."


def render_html(report: SynthReport) -> Rendered:
    rng = report.rng("html")
    writer = PageWriter(report, rng)
    page = _chrome(report, writer, CHARSET_SLOT)
    data, note = _encode(page, report.rng("html-encoding"))
    notes = [f"HTML page, CMS {writer.cms}, {writer.markup} markup.", note]
    return Rendered(
        data, published_shown=True, doc_number_shown=report.presentation.wrapper, notes=notes
    )


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its meta tags, if any."""
    match = re.search(rb"charset=[\"']?([A-Za-z0-9_\-]+)", data[:2048])
    return match.group(1).decode("ascii") if match else None
