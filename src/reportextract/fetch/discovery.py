"""Reading list pages and article pages: which links are reports, further pages, attachments.

Pure functions of (page text, page URL): no I/O, so each is tested on its own.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree

from ..errors import ReportExtractError
from ..readers.html import body_pictures
from .filetypes import IMAGE_EXTENSIONS, is_attachment_url, url_extension
from .sources import TitleRules

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_NEXT_PAGE = frozenset({"下一页", "下页", "后页", "下一頁", "next", ">", "»", "›", ">>"})
_TRS_PAGER = re.compile(
    r"""createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]"""
)
_NUMBERED_PAGE = re.compile(r"^(index|list|default)_\d+\.(s?html?|jsp)$", re.I)
_JS_URL = re.compile(
    r"""['"]([^'"\s]+\.(?:s?html?|jsp|php|aspx?|pdf|docx?|wps|ofd)(?:\?[^'"\s]*)?)['"]""", re.I
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTENT_BOX = re.compile(r"trs_editor|zoom|article|content|detail|conn|txt|text|zw", re.I)
_CHROME_IMAGE = re.compile(
    r"icon|logo|banner|btn|button|share|qrcode|ewm|wxgzh|weixin|jiucuo", re.I
)
_SPACE = re.compile(r"\s+")
_MIN_IMAGE_SIDE = 150


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    title: str

    @property
    def year(self) -> int | None:
        return report_year(self.title)


@dataclass(slots=True)
class ListingPage:
    reports: list[Link] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ArticlePage:
    """An article page's title, the report files it links (attachments) and the pictures
    its body shows (read with the page: a table printed as a picture, a scanned page)."""

    title: str | None
    attachments: list[Link] = field(default_factory=list)
    pictures: list[Link] = field(default_factory=list)


def report_year(title: str) -> int | None:
    """The report's year as its title names it (2023年度…, …2023年…)."""
    match = _YEAR.search(title) or _ANY_YEAR.search(title)
    return int(match.group(1)) if match else None


def parse_listing(
    html: str,
    base_url: str,
    rules: TitleRules,
    *,
    article_pattern: re.Pattern[str] | None = None,
    listing_pattern: re.Pattern[str] | None = None,
) -> ListingPage:
    """The report entries and the further list pages linked from a 年报 column's list page.

    An entry is a report when its title names a year and matches ``rules`` (and its URL
    matches ``article_pattern`` when given, unless it links a file directly).
    """
    root = _parse(html)
    page = ListingPage()
    if root is None:
        return page
    base = _base_url(root, base_url)
    seen_reports: set[str] = set()
    pages: dict[str, None] = {}
    for link in _links(root, base):
        if (
            link.year is not None
            and rules.matches(link.title)
            and (
                article_pattern is None
                or article_pattern.search(link.url)
                or is_attachment_url(link.url)
            )
        ):
            if link.url not in seen_reports:
                seen_reports.add(link.url)
                page.reports.append(link)
        elif _is_further_page(link, base, listing_pattern):
            pages[link.url] = None
    for url in _trs_pages(html, base):
        pages[url] = None
    page.pages = [u for u in pages if u != _without_fragment(base_url)]
    return page


def parse_article(html: str, base_url: str) -> ArticlePage:
    """The title of an article page, the report files it links (PDF, DOC …) and the
    pictures its body shows."""
    root = _parse(html)
    if root is None:
        return ArticlePage(title=None)
    base = _base_url(root, base_url)
    attachments: dict[str, Link] = {}
    for link in _links(root, base):
        if is_attachment_url(link.url):
            attachments.setdefault(link.url, link)
    pictures: dict[str, Link] = {}
    for link in _content_images(root, base):
        pictures.setdefault(link.url, link)
    for link in _body_pictures(html, base):
        pictures.setdefault(link.url, link)
    return ArticlePage(
        title=_article_title(root),
        attachments=[a for a in attachments.values() if a.url not in pictures],
        pictures=list(pictures.values()),
    )


def find_links(html: str, base_url: str, rules: TitleRules) -> list[Link]:
    """Links whose text matches ``rules`` (used to find a site's 年报 column)."""
    root = _parse(html)
    if root is None:
        return []
    found: dict[str, Link] = {}
    for link in _links(root, _base_url(root, base_url)):
        if rules.matches(link.title):
            found.setdefault(link.url, link)
    return list(found.values())


def _parse(html: str) -> etree._Element | None:
    text = _XML_DECLARATION.sub("", html, count=1)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _base_url(root: etree._Element, page_url: str) -> str:
    for base in root.iterfind(".//base[@href]"):
        href = (base.get("href") or "").strip()
        if href and not href.lower().startswith("javascript:"):
            return urljoin(page_url, href)
    return page_url


def _links(root: etree._Element, base: str) -> Iterator[Link]:
    for anchor in root.iter("a", "area"):
        url = resolve_href(anchor.get("href"), base)
        if url is None:
            continue
        text = _clean(anchor.text_content() if anchor.tag == "a" else "")
        title = _clean(anchor.get("title") or "")
        yield Link(url=url, title=title if len(title) > len(text) else text)


def resolve_href(href: str | None, base: str) -> str | None:
    """The absolute URL an href leads to; URLs quoted in ``javascript:`` links are taken out."""
    if href is None:
        return None
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    lowered = href.lower()
    if lowered.startswith("javascript:"):
        match = _JS_URL.search(href)
        if match is None:
            return None
        href = match.group(1)
    elif lowered.startswith(("mailto:", "tel:", "data:", "about:")):
        return None
    try:
        return _without_fragment(urljoin(base, href))
    except ValueError:
        return None


def _without_fragment(url: str) -> str:
    return urldefrag(url)[0]


def _is_further_page(link: Link, base: str, listing_pattern: re.Pattern[str] | None) -> bool:
    if urlsplit(link.url).scheme not in ("http", "https"):
        return False
    if link.title.lower() in _NEXT_PAGE:
        return True
    if listing_pattern is not None and listing_pattern.search(link.url):
        return True
    here, there = urlsplit(base), urlsplit(link.url)
    if here.netloc != there.netloc:
        return False
    directory = posixpath.dirname(here.path) if not here.path.endswith("/") else here.path[:-1]
    name = posixpath.basename(there.path)
    return posixpath.dirname(there.path) == directory and bool(_NUMBERED_PAGE.match(name))


def _trs_pages(html: str, base: str) -> list[str]:
    """Pages of a TRS pager: createPageHTML(count, current, "index", "html") → index.html, index_1.html…"""
    match = _TRS_PAGER.search(html)
    if match is None:
        return []
    count, prefix, ext = int(match.group(1)), match.group(3), match.group(4)
    names = [f"{prefix}.{ext}"] + [f"{prefix}_{n}.{ext}" for n in range(1, min(count, 1000))]
    return [urljoin(base, name) for name in names]


def _content_images(root: etree._Element, base: str) -> Iterator[Link]:
    for box in root.iter("div", "td", "article", "section"):
        marks = f"{box.get('id', '')} {box.get('class', '')}"
        if not _CONTENT_BOX.search(marks):
            continue
        for image in box.iter("img"):
            url = resolve_href(image.get("src"), base)
            if url is None or _CHROME_IMAGE.search(url) or not _large_enough(image):
                continue
            if url_extension(url) in IMAGE_EXTENSIONS:
                yield Link(url=url, title=_clean(image.get("alt") or image.get("title") or ""))


def _body_pictures(html: str, base: str) -> Iterator[Link]:
    """The pictures of the report body as the reader finds it (whatever their class names)."""
    try:
        refs = body_pictures(html)
    except ReportExtractError:
        return
    for ref in refs:
        url = resolve_href(ref.src, base)
        small = ref.shown_inches is not None and ref.shown_inches * 96 < _MIN_IMAGE_SIDE
        if url is not None and not small and not _CHROME_IMAGE.search(url):
            yield Link(url=url, title="")


def _large_enough(image: etree._Element) -> bool:
    for side in ("width", "height"):
        value = (image.get(side) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < _MIN_IMAGE_SIDE:
            return False
    return True


def _article_title(root: etree._Element) -> str | None:
    for name in ("ArticleTitle", "title", "dc.title"):
        for meta in root.iterfind(f".//meta[@name='{name}']"):
            content = _clean(meta.get("content") or "")
            if content:
                return content
    for tag in ("h1", "title"):
        for element in root.iter(tag):
            text = _clean(element.text_content())
            if text:
                return text
    return None


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()
