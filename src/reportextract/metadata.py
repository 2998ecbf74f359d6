"""A report's metadata: issuer, year, title, publication date and document number.

Only what the document (or the page carrying it) prints: the title as a line of its
own (or split over two lines, issuer above the year), a crawler's or CMS's 标题 /
发布时间 / 文号 fields, a stand-alone date line, a stand-alone 文号 line. A PDF's
creation date is not a publication date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .caching import compile_pattern
from .layout import Layout

_YEAR = r"(?:19|20)\d{2}"
_REPORT = r"(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)"
_ISSUER = r"[\u4e00-\u9fff（）()·]{2,40}?"
_TITLE_ISSUER_FIRST = compile_pattern(
    rf"^(?P<issuer>{_ISSUER})(?P<year>{_YEAR})年度?(?P<rest>{_REPORT})$"
)
_TITLE_YEAR_FIRST = compile_pattern(
    rf"^(?P<year>{_YEAR})年度?(?P<issuer>{_ISSUER})(?P<rest>{_REPORT})$"
)
_TITLE_SEARCH = compile_pattern(
    rf"(?P<issuer>[\u4e00-\u9fff（）()]{{2,40}}?)(?P<year>{_YEAR})年度?(?P<rest>{_REPORT})"
)
_NOTICE_PREFIX = compile_pattern(r"^.*?(?:关于印发|关于|印发|转发)")
_DATE_CN = compile_pattern(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_DATE_ISO = compile_pattern(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_DATE_LABEL = compile_pattern(r"(?:发布时间|发布日期|成文日期|印发日期|日期)[:：]?\s*(?P<date>.+)")
_CN_DIGIT = {
    "〇": "0",
    "零": "0",
    "○": "0",
    "Ｏ": "0",
    "O": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_DOC_NUMBER = compile_pattern(
    r"^[\u4e00-\u9fff]{2,12}[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d{1,4}\s*号$"
)
_STANDALONE_DATE = compile_pattern(r"^(?:\d{4}年\d{1,2}月\d{1,2}日)(?:印发|发布)?$")
_HEAD_BLOCKS = 40
_TITLE_LINE = 40
_NOT_ISSUERS = frozenset({"", "政府", "人民政府", "本机关", "我区", "我市", "我县"})
_BRACKETED_NOTE = compile_pattern(r"^[(（【\[]")


@dataclass(slots=True)
class Metadata:
    issuer: str | None = None
    title: str | None = None
    year: int | None = None
    published: str | None = None
    doc_number: str | None = None


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _match_title(line: str) -> re.Match[str] | None:
    return _TITLE_ISSUER_FIRST.match(line) or _TITLE_YEAR_FIRST.match(line)


def _chinese_date(text: str) -> str:
    """二〇二六年一月十二日 → 2026年1月12日 (digits of years; 十 in months and days)."""

    def number(part: str) -> str:
        if "十" in part:
            tens, _, ones = part.partition("十")
            return str(
                int(_CN_DIGIT.get(tens, "1") if tens else "1") * 10
                + int(_CN_DIGIT.get(ones, "0") or 0)
            )
        return "".join(_CN_DIGIT.get(ch, ch) for ch in part)

    match = re.search(
        r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日",
        text,
    )
    if not match:
        return text
    y, m, d = (number(g) for g in match.groups())
    return text[: match.start()] + f"{y}年{m}月{d}日" + text[match.end() :]


def parse_date(text: str) -> str | None:
    compact = _chinese_date(_compact(text))
    match = _DATE_CN.search(compact) or _DATE_ISO.search(compact)
    if not match:
        return None
    y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    if not (1990 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _clean_issuer(issuer: str) -> str:
    issuer = _NOTICE_PREFIX.sub("", issuer)
    return issuer.strip("（）() ·")


def _title_from_lines(lines: list[str]) -> tuple[str, re.Match[str]] | None:
    """A line that is the title, or two or three short lines that are (a wrapped title)."""
    for span in (1, 2, 3):
        for i in range(len(lines) - span + 1):
            parts = lines[i : i + span]
            if span > 1 and any(len(p) > _TITLE_LINE for p in parts):
                continue
            joined = "".join(parts)
            match = _match_title(joined)
            if (
                match
                and not _BRACKETED_NOTE.match(joined)
                and _clean_issuer(match["issuer"]) not in _NOT_ISSUERS
            ):
                return joined, match
    return None


def extract_metadata(layout: Layout) -> Metadata:
    meta = Metadata()
    head = [_compact(b.text) for b in layout.blocks[:_HEAD_BLOCKS] if not b.in_table]
    head = [line for line in head if line]
    declared = layout.metadata
    candidates = [
        _compact(value)
        for key, value in declared.items()
        if key in ("header:标题", "html:ArticleTitle", "html:title", "pdf:Title")
    ]
    found = _title_from_lines(head) or _title_from_lines(candidates)
    if found is None:
        text = "".join(head)
        search = _TITLE_SEARCH.search(text)
        if search:
            found = (search.group(0), search)
    if found:
        title, match = found
        meta.title = (
            _clean_issuer(title)
            if _TITLE_SEARCH.match(title) and not _match_title(title)
            else title
        )
        meta.issuer = _clean_issuer(match["issuer"]) or None
        meta.year = int(match["year"])
    meta.published = _published(layout, head, meta.year)
    meta.doc_number = _doc_number(declared, head)
    return meta


def _published(layout: Layout, head: list[str], year: int | None) -> str | None:
    declared = layout.metadata
    for key in (
        "header:发布时间",
        "html:publishdate",
        "html:PubDate",
        "html:pubdate",
        "html:firstpublishedtime",
    ):
        if declared.get(key):
            date = parse_date(declared[key])
            if date:
                return date
    lines = [_compact(b.text) for b in layout.blocks if not b.in_table]
    for line in lines:
        label = _DATE_LABEL.match(line)
        if label and len(line) <= 40:
            date = parse_date(label["date"])
            if date:
                return date
    for line in lines:
        candidate = _chinese_date(line)
        if _STANDALONE_DATE.match(candidate):
            date = parse_date(candidate)
            if date and (year is None or int(date[:4]) >= year):
                return date
    return None


def _doc_number(declared: dict[str, str], head: list[str]) -> str | None:
    for key in ("header:文号", "html:文号"):
        value = _compact(declared.get(key, ""))
        if _DOC_NUMBER.match(value):
            return value
    for line in head:
        if _DOC_NUMBER.match(line):
            return line
    return None
