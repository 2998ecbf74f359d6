"""The evidence of who published a report, gathered from its Layout."""

from __future__ import annotations

from ..layout import Layout
from .resolve import Evidence

_NAME_FIELDS = (
    "header:发布机构",
    "html:ContentSource",
    "html:来源",
    "html:SiteName",
    "html:Author",
)
_URL_FIELDS = ("header:原文链接", "html:Url", "html:SiteDomain")


def evidence_from_layout(
    layout: Layout, issuer: str | None, year: int | None, source: str
) -> Evidence:
    """The issuer the title prints, the text (running text, not tables) and the page's URLs."""
    declared = layout.metadata
    lines = [declared[key] for key in _NAME_FIELDS if declared.get(key)]
    lines += [block.text for block in layout.blocks if not block.in_table]
    urls = [declared[key] for key in _URL_FIELDS if declared.get(key)]
    if source.startswith(("http://", "https://")):
        urls.append(source)
    return Evidence(issuer=issuer, year=year, text="\n".join(lines), urls=urls)
