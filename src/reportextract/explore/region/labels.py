"""Names of the template's tables, rows and columns as a reader knows them."""

from __future__ import annotations

from functools import cache
from typing import Any

from ...template import template_map
from ..render import column_labels

TABLE_NAMES = {"proactive": "表二", "requests": "表三", "appeals": "表四"}
_SEPARATOR = " › "


@cache
def _row_names() -> dict[tuple[str, str], str]:
    tmap = template_map()
    groups = {g.code: g.labels[0] for g in tmap.requests_groups if g.labels}
    names = {
        ("requests", r.code): f"{groups[r.group]}{_SEPARATOR}{r.labels[0]}"
        if r.group in groups
        else r.labels[0]
        for r in tmap.requests_rows
        if r.labels
    }
    names[("requests", "total_handled")] = "（七）总计"
    names |= {("requests", code): label for code, label in groups.items()}
    names |= {("appeals", b.code): b.labels[0] for b in tmap.appeals_branches if b.labels}
    names |= {("proactive", r.code): r.labels[0] for r in tmap.proactive_rows if r.labels}
    return names


def row_name(table: str, row_code: str) -> str:
    """The template's name of a row (予以公开, 行政复议), or its group's for a prefix (denied.)."""
    code = row_code.removesuffix(".")
    return _row_names().get((table, code), code)


def column_name(table: str, col_code: str) -> str:
    return column_labels(table).get(col_code, col_code)


def printed_row(cell: dict[str, Any]) -> str:
    """The row's label as the report prints it (its last part), or the template's name."""
    label = (cell.get("label") or "").strip()
    if label:
        return label.split(_SEPARATOR)[-1]
    return row_name(cell["table"], cell["row_code"])


def cell_label(cell: dict[str, Any], with_item: bool = True) -> str:
    """表三 （一）予以公开 · 总计 — with_item False: the row's group (表三 不予公开 · 总计)."""
    table = cell["table"]
    row = printed_row(cell) if with_item else row_name(table, cell["row_code"].split(".")[0])
    return f"{TABLE_NAMES.get(table, table)} {row} · {column_name(table, cell['col_code'])}"
