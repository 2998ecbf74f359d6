"""Reading a web page (a whole CMS page or a body-only fragment) into a `Layout`.

The steps, each a small function:

1. decode the bytes (`encoding.decode_text`, with the page's own charset declaration as a hint);
2. parse with lxml without network access, comments or processing instructions;
3. keep the <title> and <meta name/content> pairs as metadata, drop scripts, styles, forms …;
4. find the report body: every paragraph and data table scores its container by its
   non-link text and report vocabulary, as Readability does; the best container wins,
   with siblings that look like report text;
5. walk the body in document order: paragraph-level elements and <br>-separated lines
   become `TextBlock`s, data tables become `Grid`s built with the HTML table model's
   rowspan/colspan occupancy algorithm.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.etree

from reportextract.errors import CorruptDocument, DocumentTooLarge, EmptyDocument
from reportextract.layout import Grid, GridCell, Layout, TextBlock
from reportextract.readers.encoding import decode_text
from reportextract.readers.pictures import PictureFiles, PictureRef
from reportextract.readers.pictures.document import DocumentPictures
from reportextract.template.vocabulary import vocabulary

MAX_HTML_BYTES = 64 * 1024 * 1024
# The HTML table model's own limits for span attributes.
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534

Element = Any  # lxml has no type stubs

_JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "canvas", "xml", "select", "option", "button",
    "input", "textarea", "audio", "video", "map", "link", "meta", "head", "title",
)  # fmt: skip
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        *_HEADINGS,
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "listing",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "ul",
        "legend",
        "xmp",
        "plaintext",
    ]
)
# Paragraph-level tags: their text always credits the enclosing container.
_PARAGRAPH_TAGS = frozenset(
    [
        "p",
        "li",
        *_HEADINGS,
        "dd",
        "dt",
        "pre",
        "address",
        "caption",
        "figcaption",
        "summary",
        "legend",
    ]
)
_TABLE_PARTS = frozenset(["table", "thead", "tbody", "tfoot", "tr"])
_CELL_TAGS = ("td", "th")

_MARKER_BONUS = 20.0
# Readability's weights for crediting a paragraph's score to its ancestors.
_ANCESTOR_DIVIDERS = (1.0, 2.0, 6.0, 9.0, 12.0)
_LINK_DENSE = 0.5

_CHROME_LINE = re.compile(
    r"^[\s【\[(（]*(上一篇|下一篇|上一条|下一条|上一页|下一页|打印本页|打印此页|关闭窗口|【?打印】?$|"
    r"【?关闭】?$|分享到|扫一扫|收藏本页|加入收藏|返回顶部|字体[:：]|字号[:：]|【字体|"
    r"浏览次数|访问次数|阅读次数|点击数|责任编辑|我要纠错)"
)
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_SIGN_OFF_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_PAGE_LABELS = (
    "索引号", "发布机构", "发文机关", "发布单位", "信息来源", "文章来源", "来源", "发布时间",
    "发布日期", "成文日期", "生成日期", "公开日期", "发文日期", "时间", "日期", "文号",
    "发文字号", "主题分类", "公开方式", "公开范围", "公开时限",
)  # fmt: skip
_PAGE_FIELD = re.compile(
    r"(" + "|".join(_PAGE_LABELS) + r")\s*[:：]\s*(.*?)\s*"
    r"(?=(?:" + "|".join(_PAGE_LABELS) + r")\s*[:：]|$)"
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WHITESPACE = re.compile(r"\s+")
_WIDE = frozenset("WF")


def read_html(
    data: bytes, *, declared_encoding: str | None = None, pictures: PictureFiles | None = None
) -> Layout:
    """Read an HTML page or fragment into a `Layout` (format ``'html'``).

    ``declared_encoding`` is what the transport said (an HTTP Content-Type charset);
    without it the page's own <meta charset> is used as a hint. ``pictures`` finds the
    files of the body's ``<img>``: those that are tables are read by OCR where they stand
    (``data:`` pictures are read without it).
    """
    if len(data) > MAX_HTML_BYTES:
        raise DocumentTooLarge(f"HTML document of {len(data)} bytes exceeds {MAX_HTML_BYTES}")
    if not data.strip():
        raise EmptyDocument("empty HTML document")
    text, encoding = decode_text(data, declared_encoding or sniff_charset(data))
    root = parse_html(text)
    metadata = head_metadata(root)
    metadata["reader:encoding"] = encoding
    drop_junk(root)
    page = _PageStats.measure(root)
    body = find_report_body(root, page)
    items: list[TextBlock | Grid] = []
    title = _preceding_title(root, body, page)
    if title:
        items.append(TextBlock(title))
    images = _Images(pictures or PictureFiles())
    items.extend(_Emitter(page, images=images).run(body))
    if title and any(
        isinstance(item, TextBlock) and "".join(item.text.split()) == "".join(title.split())
        for item in items[1:4]
    ):
        del items[0]
    if not items:
        raise EmptyDocument("no text found in HTML document")
    for key, value in _page_fields(body, page).items():
        metadata.setdefault(key, value)
    return Layout(
        format="html", items=items, metadata=metadata, unread_pictures=images.document.unread
    )


def body_pictures(text: str) -> list[PictureRef]:
    """Every ``<img>`` of the report body, as `read_html` finds the body (what a fetch
    stores beside a report page so that its pictures can be read); ``data:`` ones aside."""
    root = parse_html(text)
    drop_junk(root)
    stats = _PageStats.measure(root)
    refs: dict[str, PictureRef] = {}
    for top in find_report_body(root, stats):
        for img in top.iter("img"):
            ref = _picture_ref(img)
            if ref is not None and not ref.src.lower().startswith("data:"):
                refs.setdefault(ref.src, ref)
    return list(refs.values())


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (<meta charset>, XML declaration)."""
    head = data[:8192]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


# Characters an XML tree cannot hold (lxml refuses them when a text is set): control
# characters other than tab and line breaks, and the non-characters U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def parse_html(text: str) -> Element:
    """Parse text as an HTML document; a fragment gets the usual <html><body> wrapper."""
    parser = lxml.etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        default_doctype=False,
        collect_ids=False,
    )
    payload = _NOT_XML.sub("", text).encode("utf-8", errors="replace")
    try:
        root = lxml.etree.fromstring(payload, parser=parser)
    except (lxml.etree.XMLSyntaxError, ValueError) as error:
        raise CorruptDocument(f"unparseable HTML: {error}") from error
    if root is None:
        raise EmptyDocument("no HTML content")
    return root


def head_metadata(root: Element) -> dict[str, str]:
    """``html:title`` and ``html:<name>`` for every <meta name|property=… content=…>.

    The first occurrence of a name wins; the prefix keeps the keys apart from other
    formats' metadata (``pdf:Title``, ``header:发布时间``).
    """
    metadata: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None:
        text = clean_line("".join(title.itertext()))
        if text:
            metadata["html:title"] = text
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip()
        content = meta.get("content")
        if name and content is not None:
            metadata.setdefault(f"html:{name}", clean_line(content))
    return metadata


def drop_junk(root: Element) -> None:
    """Remove elements whose text is never document text (keeping their tails)."""
    for element in list(root.iter(*_JUNK_TAGS)):
        parent = element.getparent()
        if parent is None:
            continue
        if element.tail:
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)


def clean_line(text: str) -> str:
    """One line as a reader sees it: invisible characters gone, whitespace runs collapsed.

    A source line break between two wide (CJK) characters disappears, as CSS renders it;
    other whitespace runs, &nbsp; included, become one space.
    """
    text = _INVISIBLE.sub("", text)
    return _WHITESPACE.sub(_collapse, text).strip()


def _collapse(match: re.Match[str]) -> str:
    run = match.group(0)
    if "\n" in run or "\r" in run:
        source = match.string
        before = source[match.start() - 1] if match.start() > 0 else ""
        after = source[match.end()] if match.end() < len(source) else ""
        if (
            before
            and after
            and unicodedata.east_asian_width(before) in _WIDE
            and unicodedata.east_asian_width(after) in _WIDE
        ):
            return ""
    return " "


def _tag(element: Element) -> str:
    """The element's tag name (libxml2's HTML parser lower-cases it); '' for comments."""
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _nonspace(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _is_hidden(element: Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


# ---------------------------------------------------------------- page statistics


@dataclass
class _PageStats:
    """Per-element text measures, computed bottom-up in one pass."""

    text: dict[Element, int] = field(default_factory=dict)
    links: dict[Element, int] = field(default_factory=dict)
    own_text: dict[Element, str] = field(default_factory=dict)
    own_links: dict[Element, int] = field(default_factory=dict)
    data_tables: set[Element] = field(default_factory=set)
    order: dict[Element, int] = field(default_factory=dict)

    @classmethod
    def measure(cls, root: Element) -> _PageStats:
        stats = cls()
        elements = [el for el in root.iter() if isinstance(el.tag, str)]
        stats.order = {el: i for i, el in enumerate(elements)}
        inline_text: dict[Element, str] = {}
        inline_links: dict[Element, int] = {}
        for element in reversed(elements):
            tag = _tag(element)
            children = [c for c in element if isinstance(c.tag, str)]
            total = _nonspace(element.text)
            links = 0
            pieces = [element.text or ""]
            piece_links = 0
            for child in children:
                tail_len = _nonspace(child.tail)
                total += stats.text[child] + tail_len
                links += stats.links[child]
                if _tag(child) in _BLOCK_TAGS or child.tag == "br":
                    pieces.append("\n")
                else:
                    pieces.append(inline_text.pop(child, ""))
                    piece_links += inline_links.pop(child, 0)
                pieces.append(child.tail or "")
            if tag == "a":
                links = total
            stats.text[element] = total
            stats.links[element] = links
            own = "".join(pieces)
            if tag == "a":
                piece_links = _nonspace(own)
            if tag in _BLOCK_TAGS:
                stats.own_text[element] = own
                stats.own_links[element] = piece_links
            else:
                inline_text[element] = own
                inline_links[element] = piece_links
        for table in root.iter("table"):
            if _looks_like_data_table(table, stats):
                stats.data_tables.add(table)
        return stats

    def link_density(self, element: Element) -> float:
        total = self.text.get(element, 0)
        return self.links.get(element, 0) / total if total else 0.0


def table_rows(table: Element) -> list[Element]:
    """The table's own rows (not those of nested tables), in document order."""
    rows: list[Element] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if _tag(r) == "tr")
    return rows


def _row_cells(row: Element) -> list[Element]:
    return [c for c in row if _tag(c) in _CELL_TAGS]


def _looks_like_data_table(table: Element, stats: _PageStats) -> bool:
    """A layout table holds most of its text in one cell that reads like a page.

    A data table spreads its text over many short cells; a layout table (a page grid,
    or a box around the whole report) has one dominant cell that holds long text, a
    long paragraph or a table of its own.
    """
    cells = [c for row in table_rows(table) for c in _row_cells(row)]
    if not cells:
        return False
    dominant = max(cells, key=stats.text.__getitem__)
    size = stats.text[dominant]
    if size < 0.6 * stats.text[table]:
        return True
    if size > 200 or next(dominant.iter("table"), None) is not None:
        return False
    return not any(
        _nonspace(stats.own_text.get(block, "")) > 60
        for block in dominant.iter(*_PARAGRAPH_TAGS, "div")
    )


# ---------------------------------------------------------------- body finding


def _marker_bonus(text: str) -> float:
    return _MARKER_BONUS * sum(1 for marker in vocabulary().report_words if marker in text)


def _score_candidates(root: Element, stats: _PageStats) -> dict[Element, float]:
    scores: dict[Element, float] = {}

    def credit(start: Element, amount: float) -> None:
        node = start
        for divider in _ANCESTOR_DIVIDERS:
            if node is None:
                break
            scores[node] = scores.get(node, 0.0) + amount / divider
            node = node.getparent()

    for element in _walk_outside_data_tables(root, stats):
        tag = _tag(element)
        if element in stats.data_tables:
            text = "".join(element.itertext())
            amount = stats.text[element] - stats.links[element] + _marker_bonus(text)
            credit(element.getparent(), amount)
            continue
        if tag not in _BLOCK_TAGS or tag in _TABLE_PARTS:
            continue
        own = stats.own_text.get(element, "")
        length = _nonspace(own)
        if not length or stats.own_links[element] > _LINK_DENSE * length:
            continue
        amount = length - stats.own_links[element] + _marker_bonus(own)
        # A block holding only its own text is a paragraph and credits its container;
        # a block mixing its own text with blocks or tables is the container itself.
        is_paragraph = tag in _PARAGRAPH_TAGS or length == stats.text[element]
        credit(element.getparent() if is_paragraph else element, amount)
    return scores


def _walk_outside_data_tables(root: Element, stats: _PageStats) -> Iterator[Element]:
    """Elements in document order, not descending into data tables."""
    stack = [root]
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        yield element
        if element not in stats.data_tables:
            stack.extend(reversed(element))


def find_report_body(root: Element, stats: _PageStats) -> list[Element]:
    """The element(s) holding the report, in document order."""
    body = root.find("body")
    if body is None:
        body = root
    scores = _score_candidates(body, stats)

    def final(element: Element) -> float:
        return scores.get(element, 0.0) * (1.0 - stats.link_density(element))

    best = max(scores, key=lambda el: (final(el), -stats.order[el]), default=body)
    if final(best) <= 0:
        return [body]
    parent = best.getparent()
    if parent is None or best is body:
        return [best]
    threshold = max(10.0, 0.2 * final(best))
    chosen = []
    sign_off = False  # inside the run of short plain paragraphs right after the report
    for sibling in parent:
        if not isinstance(sibling.tag, str):
            continue
        if sibling is best:
            chosen.append(sibling)
            sign_off = True
            continue
        trailing = sign_off and _is_plain_paragraph(sibling, stats) and stats.text[sibling] <= 80
        if trailing or final(sibling) >= threshold or _reads_like_report(sibling, stats):
            chosen.append(sibling)
        elif stats.text[sibling]:
            sign_off = False
    return chosen


def _is_plain_paragraph(element: Element, stats: _PageStats) -> bool:
    """A paragraph-like block without links: a <p>, or a block whose text is all its own."""
    tag = _tag(element)
    if stats.links[element]:
        return False
    if tag in _PARAGRAPH_TAGS:
        return True
    return (
        tag in _BLOCK_TAGS
        and tag not in _TABLE_PARTS
        and _nonspace(stats.own_text.get(element, "")) == stats.text[element]
    )


def _reads_like_report(element: Element, stats: _PageStats) -> bool:
    """Readability's rule for a sibling paragraph, plus sign-off dates.

    Only paragraph-like siblings qualify (a <p>, or a block whose text is all its own):
    an info box or a table next to the report is not taken on length alone.
    """
    length = stats.text[element]
    if _tag(element) not in _PARAGRAPH_TAGS and not _is_plain_paragraph(element, stats):
        return False
    density = stats.link_density(element)
    if length > 80:
        return density < 0.25
    if not length or density > 0:
        return False
    text = "".join(element.itertext()).strip()
    return text.endswith("。") or bool(_SIGN_OFF_DATE.search(text))


def _preceding_title(root: Element, body: list[Element], stats: _PageStats) -> str | None:
    """The page's heading for the report, when it sits outside the body (CMS pages)."""
    first = stats.order[body[0]]
    inside = {id(el) for top in body for el in top.iter()}
    best: str | None = None
    for element, position in stats.order.items():
        if position >= first:
            break
        tag = _tag(element)
        marker = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if tag not in ("h1", "h2", "h3") and "title" not in marker and "tit" not in marker:
            continue
        if id(element) in inside or stats.links.get(element, 0):
            continue
        text = clean_line("".join(element.itertext()))
        if 6 <= len(text) <= 100 and "报告" in text:
            best = text
    return best


def _page_fields(body: list[Element], stats: _PageStats) -> dict[str, str]:
    """Label：value pairs printed in the page chrome (来源, 发布时间, 索引号 …), as ``html:<label>``."""
    inside = {id(el) for top in body for el in top.iter()}
    fields: dict[str, str] = {}
    ordered = [
        clean_line(stats.own_text[el])
        for el in sorted(stats.own_text, key=stats.order.__getitem__)
        if id(el) not in inside and _nonspace(stats.own_text[el])
    ]
    for index, text in enumerate(ordered):
        if len(text) > 200:
            continue
        for label, value in _PAGE_FIELD.findall(text):
            if not value and index + 1 < len(ordered) and len(ordered[index + 1]) <= 60:
                value = ordered[index + 1]
            key = f"html:{label}"
            if value and key not in fields:
                fields[key] = value
    return fields


# ---------------------------------------------------------------- emitting the body


_CSS_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([\d.]+)\s*px", re.IGNORECASE)
_LAZY_SOURCES = ("src", "data-src", "data-original", "original-src")


class _Images:
    """The body's <img>: each picture found and, if it is a table, read where it stands."""

    def __init__(self, files: PictureFiles) -> None:
        self.files = files
        self.document = DocumentPictures()

    def items(self, img: Element) -> list[TextBlock | Grid]:
        ref = _picture_ref(img)
        if ref is None:
            return []
        name = self.files.name(ref.src)
        data = self.files.load(ref.src)
        if data is None:
            self.document.unread.append(f"picture {name} is not here")
            return []
        return self.document.read(data, name, ref.shown_inches)


def _picture_ref(img: Element) -> PictureRef | None:
    src = next((img.get(a) for a in _LAZY_SOURCES if (img.get(a) or "").strip()), None)
    if src is None:
        return None
    if src.lower().startswith("data:"):
        src = re.sub(r"\s+", "", src)
    width = (img.get("width") or "").strip().removesuffix("px")
    css = _CSS_WIDTH.search(img.get("style") or "")
    pixels = float(width) if re.fullmatch(r"\d+(\.\d+)?", width) else None
    if css is not None:
        pixels = float(css.group(1))
    return PictureRef(src.strip(), pixels / 96.0 if pixels else None)


class _Emitter:
    """Walks elements in document order, producing text blocks and grids."""

    def __init__(
        self, stats: _PageStats | None, *, grids: bool = True, images: _Images | None = None
    ) -> None:
        self.stats = stats
        self.grids = grids
        self.images = images
        self.items: list[TextBlock | Grid] = []
        self.parts: list[str] = []

    def run(self, roots: Iterable[Element]) -> list[TextBlock | Grid]:
        for root in roots:
            self._walk(root, is_root=True)
        self._flush()
        return self.items

    def lines(self, element: Element) -> list[str]:
        """The element's content as lines (for a table cell)."""
        self.parts.append(element.text or "")
        for child in element:
            self._walk(child, is_root=False)
        self._flush()
        return [item.text for item in self.items if isinstance(item, TextBlock)]

    def _flush(self) -> None:
        if not self.parts:
            return
        text = clean_line("".join(self.parts))
        self.parts.clear()
        if text and not (self.grids and len(text) < 60 and _CHROME_LINE.match(text)):
            self.items.append(TextBlock(text))

    def _walk(self, start: Element, *, is_root: bool) -> None:
        """Emit ``start``'s subtree; a body root's tail is outside the body and skipped."""
        stack: list[tuple[Element, bool]] = [(start, False)]
        while stack:
            element, closing = stack.pop()
            tag = _tag(element)
            keep_tail = not (is_root and element is start)
            if closing:
                if tag in _BLOCK_TAGS:
                    self._flush()
                if keep_tail:
                    self.parts.append(element.tail or "")
                continue
            if not tag or (keep_tail and self._skipped(element, tag)):
                if keep_tail:
                    self.parts.append(element.tail or "")
                continue
            if tag == "br":
                self._flush()
                self.parts.append(element.tail or "")
                continue
            if tag == "img" and self.images is not None:
                self._flush()
                self.items.extend(self.images.items(element))
                if keep_tail:
                    self.parts.append(element.tail or "")
                continue
            if self.grids and self.stats is not None and element in self.stats.data_tables:
                self._flush()
                self._emit_table(element)
                if keep_tail:
                    self.parts.append(element.tail or "")
                continue
            if tag in _BLOCK_TAGS:
                self._flush()
            self.parts.append(element.text or "")
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))

    def _skipped(self, element: Element, tag: str) -> bool:
        if _is_hidden(element):
            return True
        stats = self.stats
        if not self.grids or stats is None or tag not in _BLOCK_TAGS or tag in _TABLE_PARTS:
            return False
        if stats.link_density(element) <= _LINK_DENSE:
            return False
        return not any(t in stats.data_tables for t in element.iter("table"))

    def _emit_table(self, table: Element) -> None:
        for caption in table.iterchildren("caption"):
            for line in _Emitter(None, grids=False).lines(caption):
                self.items.append(TextBlock(line))
        self.items.append(html_table_grid(table))


def cell_text(cell: Element) -> str:
    """A cell's text: its blocks (and <br> lines) joined with newlines, each line cleaned."""
    return "\n".join(_Emitter(None, grids=False).lines(cell))


def _span(value: str | None, limit: int) -> int:
    """A span attribute as the HTML table model reads it: leading digits, 0 kept, else 1."""
    if value is None:
        return 1
    match = re.match(r"\s*(\d+)", value)
    if not match:
        return 1
    return min(int(match.group(1)), limit)


def html_table_grid(table: Element) -> Grid:
    """A <table> as a `Grid`: the HTML table model's slot occupancy, then phantom rows/cols removed."""
    rows = table_rows(table)
    specs = [
        [
            (
                cell_text(cell),
                _span(cell.get("rowspan"), MAX_ROWSPAN),
                _span(cell.get("colspan"), MAX_COLSPAN) or 1,
            )
            for cell in _row_cells(row)
        ]
        for row in rows
    ]
    return Grid(cells=place_cells(specs), geometry=True)


def place_cells(rows: list[list[tuple[str, int, int]]]) -> list[GridCell]:
    """Lay out cells given row by row as (text, rowspan, colspan).

    A cell goes to the first free slot of its row; rowspan 0 or one past the last row
    stops at the last row. Rows or columns in which no cell starts are then removed
    (`compact_cells`), which also clamps an absurd colspan to the table's real width.
    """
    n_rows = len(rows)
    taken: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    for r, row in enumerate(rows):
        col = 0
        for text, rowspan, colspan in row:
            while (r, col) in taken:
                col += 1
            height = n_rows - r if rowspan == 0 else min(rowspan, n_rows - r)
            if height > 1 or colspan > 1:
                taken.update(
                    (rr, cc) for rr in range(r, r + height) for cc in range(col, col + colspan)
                )
            cells.append(GridCell(row=r, col=col, text=text, rowspan=height, colspan=colspan))
            col += colspan
    return compact_cells(cells)


def compact_cells(cells: list[GridCell]) -> list[GridCell]:
    """Remove rows and columns in which no cell starts, shrinking the spans over them.

    Such phantom lines carry no cell of their own (an empty <tr>, a colspan reaching past
    the last real column, a Word grid column that only exists for border alignment), so
    removing them loses nothing and keeps the grid's size honest.
    """
    if not cells:
        return cells
    row_starts = sorted({c.row for c in cells})
    col_starts = sorted({c.col for c in cells})
    row_index = {r: i for i, r in enumerate(row_starts)}
    col_index = {c: i for i, c in enumerate(col_starts)}

    def last_start(starts: list[int], last: int) -> int:
        return bisect_right(starts, last) - 1

    out = []
    for cell in cells:
        row = row_index[cell.row]
        col = col_index[cell.col]
        last_row = last_start(row_starts, cell.last_row)
        last_col = last_start(col_starts, cell.last_col)
        cell.row, cell.col = row, col
        cell.rowspan = last_row - row + 1
        cell.colspan = last_col - col + 1
        out.append(cell)
    out.sort(key=lambda c: (c.row, c.col))
    return out
