"""The template's label maps (``mappings/templates.yaml``) as typed, normalised data."""

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


@dataclass(frozen=True, slots=True, eq=False)
class TemplateMap:
    template_markers: dict[str, tuple[str, ...]]
    proactive_rows: tuple[RowSpec, ...]
    requests_rows: tuple[RowSpec, ...]
    requests_columns: tuple[Choice, ...]
    requests_groups: tuple[Choice, ...]
    requests_group_numbers: dict[str, str]
    appeals_markers: tuple[str, ...]
    appeals_branches: tuple[Choice, ...]
    appeals_outcomes: tuple[Choice, ...]

    @property
    def requests_column_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.requests_columns)

    @property
    def appeals_column_pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple((b.code, o.code) for b in self.appeals_branches for o in self.appeals_outcomes)


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
        )
        for e in entries
    )


C = TypeVar("C", bound=Choice)


@cache
def template_map() -> TemplateMap:
    data = load_yaml("templates.yaml")
    requests = data["requests"]
    appeals = data["appeals"]
    return TemplateMap(
        template_markers={
            str(name): _words(spec["markers"]) for name, spec in data["templates"].items()
        },
        proactive_rows=_rows(data["proactive"]["rows"]),
        requests_rows=_rows(requests["rows"]),
        requests_columns=_choices(requests["columns"]),
        requests_groups=tuple(
            Choice(name, _words(group["labels"])) for name, group in requests["groups"].items()
        ),
        requests_group_numbers={
            str(group["number"]): name for name, group in requests["groups"].items()
        },
        appeals_markers=_words(appeals["markers"]),
        appeals_branches=_choices(appeals["branches"]),
        appeals_outcomes=_choices(appeals["outcomes"]),
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
