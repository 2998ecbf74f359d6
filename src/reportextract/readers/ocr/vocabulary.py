"""The characters the template's tables print, as a prior for reading their labels."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from ...resources import load_yaml


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


# What the template prints besides row and column labels: its note, headings, units.
TEMPLATE_TEXT = (
    "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
    "申请人情况",
    "第一二三四五六七八九十条第项",
    "本年收费金额（单位：万元）",
)


@cache
def table_characters() -> frozenset[str]:
    """Every Chinese character the template's tables print (mappings/templates.yaml and
    the template's own notes)."""
    texts = [*_strings(load_yaml("templates.yaml")), *TEMPLATE_TEXT]
    return frozenset(ch for text in texts for ch in text if "\u4e00" <= ch <= "\u9fff")
