"""How a report prints its cells and where it prints its metadata.

`Presentation` holds the report-level choices that decide the printed text of every
cell (blank or dashed zeros, thousands separators, a note inside a cell, the unit
after a procurement amount) and whether a document number and a date are printed.
The truth records exactly these printed strings, and `printed_value` reads them back.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from .content import Content, Number
from .labels import LabelStyle, random_label_style
from .template import APPEALS, PROACTIVE, REQUESTS, CellKey

BLANKS = ("", "—", "/", "-", "－")


@dataclass(slots=True)
class Presentation:
    labels: LabelStyle
    blank_zero: str | None = None  # zeros printed as this instead of '0'
    blank_zero_rows: frozenset[str] | None = None  # rows where zeros are blank (None: all rows)
    thousands: bool = False  # '3,985,758'
    cell_notes: dict[CellKey, str] = field(default_factory=dict)  # '22（其中修订16件）'
    amount_unit: str = "元"  # printed after 政府集中采购 amounts (2019 template)
    blank_totals: frozenset[str] = frozenset()  # 表三 rows whose 总计 cell is left blank
    wrapper: bool = False  # wrapped in a 印发通知 that prints the document number
    date_printed: bool = True  # the publication date is printed (signature or header)

    def printed(self, key: CellKey, value: Number, amount_text: str | None = None) -> str:
        table, row, col = key
        if table == REQUESTS and col == "total" and row in self.blank_totals:
            return ""
        if (
            value == 0
            and self.blank_zero is not None
            and table in (REQUESTS, APPEALS)
            and (self.blank_zero_rows is None or row in self.blank_zero_rows)
        ):
            return self.blank_zero
        if amount_text is not None:
            text = amount_text
        elif isinstance(value, float) and not value.is_integer():
            text = repr(value)
        else:
            number = int(value)
            text = f"{number:,}" if self.thousands and abs(number) >= 10000 else str(number)
        if table == PROACTIVE and row == "procurement" and col == "amount" and value:
            text += self.amount_unit
        return text + self.cell_notes.get(key, "")


_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def printed_value(text: str) -> float:
    """The value a printed cell states: blanks and dashes are 0, notes and units are ignored."""
    stripped = text.strip()
    if stripped in BLANKS:
        return 0.0
    match = _NUMBER.match(stripped)
    if not match:
        raise ValueError(f"not a printed number: {text!r}")
    return float(match.group().replace(",", ""))


def random_presentation(rng: random.Random, content: Content, plain: bool = False) -> Presentation:
    """The printing choices for one report; `plain` prints every cell as a bare number."""
    labels = random_label_style(rng, content.template, plain)
    if plain:
        return Presentation(labels=labels, wrapper=bool(content.doc_number), date_printed=True)
    blank_zero: str | None = None
    blank_rows: frozenset[str] | None = None
    if rng.random() < 0.22:
        blank_zero = rng.choices(BLANKS, (5, 2, 2, 1, 1))[0]
        if rng.random() < 0.4:
            rows = sorted({key[1] for key in content.values if key[0] in (REQUESTS, APPEALS)})
            blank_rows = frozenset(rng.sample(rows, max(1, len(rows) // 2)))
    notes: dict[CellKey, str] = {}
    if rng.random() < 0.15:
        candidates = [
            key
            for key in content.values
            if key[0] == PROACTIVE
            and key[1] == "normative_documents"
            and key[2] in ("issued", "made", "in_force", "public_total")
            and int(content.values[key]) >= 2
        ]
        if candidates:
            key = rng.choice(candidates)
            part = rng.randint(1, int(content.values[key]) - 1)
            notes[key] = rng.choice(
                ("（其中修订{}件）", "(含修订{}件)", "（其中废止后重新制发{}件）")
            ).format(part)
    return Presentation(
        labels=labels,
        blank_zero=blank_zero,
        blank_zero_rows=blank_rows,
        thousands=rng.random() < 0.12,
        cell_notes=notes,
        amount_unit=rng.choice(("元", "元", "")),
        wrapper=rng.random() < 0.2,
        date_printed=rng.random() < 0.65,
    )
