"""How a report prints the template's labels: brackets, numbering, typos, traditional characters.

Real reports vary the official wording in ways that do not change the meaning:
full-width or half-width brackets with or without spaces, '1、' instead of '1.',
missing numbering, the short '部分公开' label, traditional characters, typos such as
本年度止件数 and 其他法律行政止公开, line breaks inside a cell, and the
'三、本年度办理结果' label printed one character per line. A `LabelStyle` fixes
these choices for one report; every renderer prints the same labels.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import zhconv

TYPOS = {
    "本年废止件数": "本年度止件数",
    "其他法律行政法规禁止公开": "其他法律行政止公开",
}


@dataclass(frozen=True, slots=True)
class LabelStyle:
    open: str = "（"
    close: str = "）"
    after_paren: str = ""
    item_sep: str = "."
    after_item: str = ""
    paren_numbers: bool = True
    item_numbers: bool = True
    short_partial: bool = False
    typos: frozenset[str] = frozenset()  # official labels printed with the typo in TYPOS
    traditional: frozenset[str] = frozenset()  # label ids printed in traditional characters
    breaks: dict[str, int] = field(default_factory=dict)  # label id → line-break position
    vertical_group: bool = False  # '三、本年度办理结果' one character per line
    split_group: bool = False  # that label printed twice, its rowspan split at (四)
    clause_space: bool = False  # '第二十条 第（一）项'

    def paren(self, number: str) -> str:
        if not self.paren_numbers:
            return ""
        return f"{self.open}{number}{self.close}{self.after_paren}"

    def item(self, index: int) -> str:
        if not self.item_numbers:
            return ""
        return f"{index}{self.item_sep}{self.after_item}"

    def bracketed(self, text: str) -> str:
        return f"{self.open}{text}{self.close}"

    def clause(self, number: str) -> str:
        sep = " " if self.clause_space else ""
        return f"第二十条{sep}第{self.open}{number}{self.close}项"

    def official(self, text: str) -> str:
        return TYPOS[text] if text in self.typos else text

    def finish(self, label_id: str, text: str) -> str:
        """Apply the per-label variations (traditional characters, a line break)."""
        if label_id in self.traditional:
            text = zhconv.convert(text, "zh-hant")
        position = self.breaks.get(label_id)
        if position is not None and 0 < position < len(text):
            text = text[:position] + "\n" + text[position:]
        return text


BREAKABLE = (
    "hdr.commercial",
    "hdr.research",
    "hdr.social_welfare",
    "hdr.legal_service",
    "hdr.upheld",
    "hdr.corrected",
    "hdr.other",
    "hdr.pending",
    "hdr.note",
    "new_received",
    "carried_over",
    "carried_forward",
    "partially_granted",
    "other.no_correction",
    "other.unpaid_fee",
    "not_processed.confirmation",
)
TRADITIONAL_CANDIDATES = (
    "group.result",
    "group.denied",
    "group.unavailable",
    "denied.state_secret",
    "denied.prohibited_by_law",
    "denied.security_stability",
    "denied.internal_affairs",
    "unavailable.needs_creation",
    "not_processed.duplicate",
    "hdr.applicants",
    "hdr.orgs",
)


def random_label_style(rng: random.Random, template: str, plain: bool = False) -> LabelStyle:
    """A report's label style; `plain` gives the official wording."""
    if plain:
        return LabelStyle()
    brackets = rng.choices(
        (("（", "）", ""), ("(", ")", ""), ("(", ")", " "), ("（", "）", " ")), (6, 2, 2, 1)
    )[0]
    typos: set[str] = set()
    if template == "2021" and rng.random() < 0.12:
        typos.add("本年废止件数")
    if rng.random() < 0.1:
        typos.add("其他法律行政法规禁止公开")
    traditional: frozenset[str] = frozenset()
    if rng.random() < 0.12:
        traditional = frozenset(rng.sample(TRADITIONAL_CANDIDATES, rng.randint(1, 5)))
    breaks: dict[str, int] = {}
    if rng.random() < 0.5:
        for label_id in rng.sample(BREAKABLE, rng.randint(1, 6)):
            breaks[label_id] = 2 if label_id.startswith("hdr.") else rng.randint(3, 9)
    return LabelStyle(
        open=brackets[0],
        close=brackets[1],
        after_paren=brackets[2],
        item_sep=rng.choices((".", "、", "．"), (6, 3, 1))[0],
        after_item=" " if rng.random() < 0.2 else "",
        paren_numbers=rng.random() > 0.05,
        item_numbers=rng.random() > 0.07,
        short_partial=rng.random() < 0.2,
        typos=frozenset(typos),
        traditional=traditional,
        breaks=breaks,
        vertical_group=rng.random() < 0.25,
        split_group=rng.random() < 0.1,
        clause_space=rng.random() < 0.2,
    )
