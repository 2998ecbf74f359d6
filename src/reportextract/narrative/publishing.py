"""One decision over a paragraph's counts of published items: which of them, if any, is the
body's overall count (see `channels` in narrative.yaml and the README's settled cases)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(Enum):
    """What a count of published items counts, read from its own clause."""

    TOTAL = "total"  # no channel named, or several named together (通过网站、微信等渠道共…)
    SITE = "site"  # the portal or the body's website
    NEW_MEDIA = "new media"  # 微信, 微博, 抖音, 头条…
    BOARD = "board"  # another channel: 公示栏, 报刊, a platform
    KIND = "kind"  # a kind of information, no channel named (发布生态环境信息45条)


@dataclass(frozen=True, slots=True)
class PublishedCount:
    index: int  # the quantity's position in the text's quantities
    role: Role
    tagged: bool  # the per-count rules tagged it as the published total


def not_overall(counts: list[PublishedCount]) -> list[int]:
    """The indices of the paragraph's counts that are not its overall count, as its channels
    decide: beside new media only, the portal's count is the whole; any other channels side by
    side state none. Empty where the channels do not decide: a total stated, fewer than two
    channels counted, or several counts of one site (its kinds or columns)."""
    if any(c.role is Role.TOTAL and c.tagged for c in counts):
        return []  # a stated total: the per-count rules chose
    kinds = [c.index for c in counts if c.role is Role.KIND and c.tagged]
    if kinds and len(counts) > 1:
        return kinds  # a kind is the whole only where nothing else published is counted
    channels = [c for c in counts if c.role not in (Role.TOTAL, Role.KIND)]
    sites = [c for c in channels if c.role is Role.SITE]
    if len(channels) < 2 or len(sites) > 1:
        return []
    if sites and all(c.role is Role.NEW_MEDIA for c in channels if c is not sites[0]):
        return [c.index for c in channels if c is not sites[0]]
    return [c.index for c in channels]
