"""The kinds of checks a report gets, and what each means for the report.

A finding is a rule the report breaks (its arithmetic, its narrative against its tables,
its figures against last year's): `reportextract audit` lists the failed ones. Every other
kind is a reading note: what extraction could not do or did on the way. A kind that makes
a report partial left cells out when its check did not pass; the report's error then
quotes the check's detail, and a template row it explains is not reported missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .rules import rules


@dataclass(frozen=True, slots=True)
class CheckKind:
    name: str  # a check's name, or a family of names: "yoy.*"
    finding: bool
    partial: bool = False
    about: str = ""

    def member(self, suffix: str) -> str:
        """The name of a family's check: ``yoy.*`` → ``yoy.<suffix>``."""
        return self.name[:-1] + suffix

    def matches(self, check: str) -> bool:
        if self.name.endswith(".*"):
            return check.startswith(self.name[:-1])
        return check == self.name


ROW_LAYOUT = CheckKind(
    "table.row_layout",
    finding=False,
    partial=True,
    about="a recognised row prints another number of value cells than the template has; "
    "its cells are left out",
)
TABLE_MISSING = CheckKind(
    "table.missing",
    finding=False,
    partial=True,
    about="a table of the report's template edition that no table of the document was read "
    "as (its region or its rules not found); its cells are absent",
)
ROWS_MISSING = CheckKind(
    "table.rows_missing",
    finding=False,
    partial=True,
    about="rows of a template table the report prints that were not read (not printed, or "
    "lost in reading: their rules not found, their labels not matched); their cells are "
    "absent",
)
UNMATCHED_ROW = CheckKind(
    "table.unmatched_row",
    finding=False,
    about="a row of 表二 or 表三 prints values under a label that names no template row; "
    "its cells are left out",
)
UNREADABLE_VALUE = CheckKind(
    "table.unreadable_value",
    finding=False,
    about="a cell prints something that is not a number; it is left out",
)
DUPLICATE_ROW = CheckKind(
    "table.duplicate_row",
    finding=False,
    about="a cell printed twice with different values; the first is kept",
)
GLUED_SPLIT = CheckKind(
    "text.glued_split",
    finding=False,
    partial=True,
    about="glued digits of crawled text that the template's rules split in no single way "
    "(the row is left out) or in one way only with the columns' rules",
)
OCR_DIGIT_CORRECTION = CheckKind(
    "ocr.digit_correction",
    finding=False,
    about="an OCR reading replaced by the only reading that makes the template's rules hold, "
    "or kept where rival readings do",
)
OCR_LOW_CONFIDENCE = CheckKind(
    "ocr.low_confidence",
    finding=False,
    about="an OCR reading without certainty that no rule confirms; kept",
)
DOCUMENTS_AGREE = CheckKind(
    "documents.agree",
    finding=False,
    about="a cell two documents of one body and year print differently (a reading of one "
    "of them went wrong, or they are not the same report)",
)
NARRATIVE_AGREEMENT = CheckKind(
    "narrative.table_agreement",
    finding=True,
    about="a figure the narrative states against the table cells of the same quantity",
)
NARRATIVE_SHARE = CheckKind(
    "narrative.share",
    finding=True,
    about="a share the narrative states (占57.1%) against its numerator and base",
)
YEAR_ON_YEAR = CheckKind(
    "yoy.*",
    finding=True,
    about="a report against the same body's report of the year before",
)
UNKNOWN = CheckKind("", finding=False, about="a check of a kind this version does not know")

_LISTED = (
    ROW_LAYOUT,
    TABLE_MISSING,
    ROWS_MISSING,
    UNMATCHED_ROW,
    UNREADABLE_VALUE,
    DUPLICATE_ROW,
    GLUED_SPLIT,
    OCR_DIGIT_CORRECTION,
    OCR_LOW_CONFIDENCE,
    DOCUMENTS_AGREE,
    NARRATIVE_AGREEMENT,
    NARRATIVE_SHARE,
)


@cache
def check_kinds() -> tuple[CheckKind, ...]:
    """Every kind: the template's rules (findings, from mappings/templates.yaml), the kinds
    above, and the families last."""
    declared = {
        rule.check: CheckKind(
            rule.check, finding=True, about=f"the template's rule on {rule.table}"
        )
        for rule in rules()
    }
    return (*declared.values(), *_LISTED, YEAR_ON_YEAR)


@cache
def kind_of(check: str) -> CheckKind:
    """The kind of a check named ``check`` (`UNKNOWN`, a reading note, if none)."""
    return next((kind for kind in check_kinds() if kind.matches(check)), UNKNOWN)


def is_finding(check: str) -> bool:
    return kind_of(check).finding
