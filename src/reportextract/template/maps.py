"""The template's editions, tables, rows, columns and labels (``mappings/templates.yaml``)
as typed, normalised data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

from ..resources import load_yaml
from .labels import normalize_label, similarity

MATCH_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Choice:
    """A canonical code and the normalised label words that name it."""

    code: str
    labels: tuple[str, ...]

    def score(self, words: str) -> float:
        return max((similarity(words, label) for label in self.labels), default=0.0)


@dataclass(frozen=True, slots=True, eq=False)
class RowSpec(Choice):
    group: str | None = None
    generic: bool = False
    columns_by_template: dict[str, tuple[str, ...]] = field(default_factory=dict)
    editions: tuple[str, ...] | None = None

    def in_edition(self, edition: str) -> bool:
        """Whether the edition's table has this row."""
        if self.editions is not None and edition not in self.editions:
            return False
        return not self.columns_by_template or edition in self.columns_by_template


@dataclass(frozen=True, slots=True, eq=False)
class Group(Choice):
    """A group of rows (（三）不予公开 and its numbered items), known by its template number
    too; ``undivided`` is the row a report prints instead of the group's rows when it does
    not divide it (（六）其他处理 as one row)."""

    number: str = ""
    undivided: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class TableSpec:
    """One table of the template: its rows and columns in the template's order."""

    name: str
    rows: tuple[Choice, ...]
    columns: tuple[Choice, ...]
    groups: tuple[Group, ...] = ()
    # the 计量单位 a row may print after its label, longest first; what an empty cell is
    units: tuple[str, ...] = ()
    empty_cell: str = "zero"

    @property
    def row_codes(self) -> tuple[str, ...]:
        return tuple(row.code for row in self.rows)

    @property
    def column_codes(self) -> tuple[str, ...]:
        return tuple(column.code for column in self.columns)

    def divided(self, row: str) -> tuple[str, ...]:
        """The rows that divide ``row`` (a group's undivided form), or none."""
        group = next((g for g in self.groups if g.undivided == row), None)
        if group is None:
            return ()
        return tuple(
            spec.code
            for spec in self.rows
            if isinstance(spec, RowSpec) and spec.group == group.code and spec.code != row
        )


@dataclass(frozen=True, slots=True)
class Edition:
    """An edition of the template: the header words only it prints, the report years it
    was in force, and the tables it has."""

    name: str
    markers: tuple[str, ...]
    first_year: int | None
    last_year: int | None
    tables: tuple[str, ...]
    required: tuple[str, ...] = ()  # the tables a report of the edition must print

    def covers(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )


@dataclass(frozen=True, slots=True, eq=False)
class TemplateMap:
    editions: tuple[Edition, ...]
    proactive_rows: tuple[RowSpec, ...]
    requests_rows: tuple[RowSpec, ...]
    requests_columns: tuple[Choice, ...]
    requests_groups: tuple[Group, ...]
    appeals_markers: tuple[str, ...]
    appeals_branches: tuple[Choice, ...]
    appeals_outcomes: tuple[Choice, ...]
    tables: dict[str, TableSpec]

    @property
    def template_markers(self) -> dict[str, tuple[str, ...]]:
        return {e.name: e.markers for e in self.editions if e.markers}

    @property
    def requests_group_numbers(self) -> dict[str, str]:
        return {group.number: group.code for group in self.requests_groups}

    @property
    def requests_column_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.requests_columns)

    @property
    def applicant_columns(self) -> tuple[str, ...]:
        """表三's applicant columns: every column but 总计."""
        return tuple(code for code in self.requests_column_codes if code != "total")

    @property
    def appeals_column_pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple((b.code, o.code) for b in self.appeals_branches for o in self.appeals_outcomes)

    def edition(self, name: str | None) -> Edition:
        """The named edition; the latest that has tables when the name is None."""
        if name is None:
            return max((e for e in self.editions if e.tables), key=lambda e: e.first_year or 0)
        return next(e for e in self.editions if e.name == name)

    def edition_for_year(self, year: int) -> Edition | None:
        return next((e for e in self.editions if e.covers(year)), None)

    def table(self, name: str) -> TableSpec:
        return self.tables[name]


def _tables(
    proactive: tuple[RowSpec, ...],
    requests: tuple[RowSpec, ...],
    request_columns: tuple[Choice, ...],
    groups: tuple[Group, ...],
    branches: tuple[Choice, ...],
    outcomes: tuple[Choice, ...],
    proactive_labels: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, TableSpec]:
    proactive_columns = dict.fromkeys(
        code for spec in proactive for cols in spec.columns_by_template.values() for code in cols
    )
    labels = proactive_labels or {}
    return {
        "proactive": TableSpec(
            "proactive", proactive, tuple(Choice(c, labels.get(c, ())) for c in proactive_columns)
        ),
        "requests": TableSpec("requests", requests, request_columns, groups),
        "appeals": TableSpec("appeals", branches, outcomes),
    }


def _words(labels: Iterable[str]) -> tuple[str, ...]:
    return tuple(normalize_label(label).words for label in labels)


def _choices(entries: list[dict]) -> tuple[Choice, ...]:
    return tuple(Choice(e["code"], _words(e["labels"])) for e in entries)


def _rows(entries: list[dict]) -> tuple[RowSpec, ...]:
    return tuple(
        RowSpec(
            code=e["code"],
            labels=_words(e["labels"]),
            group=e.get("group"),
            generic=bool(e.get("generic", False)),
            columns_by_template={
                str(k): tuple(v) for k, v in (e.get("columns_by_template") or {}).items()
            },
            editions=tuple(str(name) for name in e["editions"]) if "editions" in e else None,
        )
        for e in entries
    )


def _editions(entries: dict) -> tuple[Edition, ...]:
    return tuple(
        Edition(
            name=str(name),
            markers=_words(spec.get("markers") or ()),
            first_year=spec["years"][0],
            last_year=spec["years"][1],
            tables=tuple(spec.get("tables") or ()),
            required=tuple(spec["required"] if "required" in spec else spec.get("tables") or ()),
        )
        for name, spec in entries.items()
    )


C = TypeVar("C", bound=Choice)


# Sections of templates.yaml read by name; any other section with rows and columns is a
# table of its own (an edition's table the national one does not have).
_SECTIONS = ("templates", "proactive", "requests", "appeals", "rules", "vocabulary")


@cache
def template_map() -> TemplateMap:
    return build_template_map(load_yaml("templates.yaml"))


def _groups(entries: dict) -> tuple[Group, ...]:
    return tuple(
        Group(
            name,
            _words(group["labels"]),
            number=str(group["number"]),
            undivided=group.get("undivided"),
        )
        for name, group in entries.items()
    )


def build_template_map(data: dict) -> TemplateMap:
    """The template from the data of templates.yaml."""
    requests = data["requests"]
    appeals = data["appeals"]
    proactive_rows = _rows(data["proactive"]["rows"])
    requests_rows = _rows(requests["rows"])
    requests_columns = _choices(requests["columns"])
    groups = _groups(requests["groups"])
    branches, outcomes = _choices(appeals["branches"]), _choices(appeals["outcomes"])
    return TemplateMap(
        editions=_editions(data["templates"]),
        proactive_rows=proactive_rows,
        requests_rows=requests_rows,
        requests_columns=requests_columns,
        requests_groups=groups,
        appeals_markers=_words(appeals["markers"]),
        appeals_branches=branches,
        appeals_outcomes=outcomes,
        tables={
            **_tables(
                proactive_rows,
                requests_rows,
                requests_columns,
                groups,
                branches,
                outcomes,
                {c.code: c.labels for c in _choices(data["proactive"].get("columns") or [])},
            ),
            **{
                name: TableSpec(
                    name,
                    _rows(section["rows"]),
                    _choices(section["columns"]),
                    _groups(section.get("groups") or {}),
                    units=tuple(sorted(section.get("units") or (), key=len, reverse=True)),
                    empty_cell=str(section.get("empty_cell", "zero")),
                )
                for name, section in data.items()
                if name not in _SECTIONS and isinstance(section, dict) and "rows" in section
            },
        },
    )


def best_choice(
    words: str, choices: Iterable[C], threshold: float = MATCH_THRESHOLD
) -> tuple[C, float] | None:
    """The choice whose labels are most like ``words``, if it is alike enough."""
    best: tuple[C, float] | None = None
    for choice in choices:
        score = choice.score(words)
        if score >= threshold and (best is None or score > best[1]):
            best = (choice, score)
    return best
