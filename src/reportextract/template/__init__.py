"""The national template, in one place: its editions, tables, rows, columns and labels
(`mappings/templates.yaml`), the normalisation that matches printed labels to them, its
arithmetic as declared rules, the words that tell its tables in a document, and the kinds
of checks a report gets. Readers, table rebuilding, OCR repair and the audit ask here.
"""

from .labels import Label, normalize_label, similarity, split_numbering, to_simplified
from .maps import (
    MATCH_THRESHOLD,
    Choice,
    Edition,
    Group,
    RowSpec,
    TableSpec,
    TemplateMap,
    best_choice,
    template_map,
)

__all__ = [
    "MATCH_THRESHOLD",
    "Choice",
    "Edition",
    "Group",
    "Label",
    "RowSpec",
    "TableSpec",
    "TemplateMap",
    "best_choice",
    "normalize_label",
    "similarity",
    "split_numbering",
    "template_map",
    "to_simplified",
]
