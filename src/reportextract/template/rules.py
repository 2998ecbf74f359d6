"""The template's arithmetic (勾稽关系): linear rules declared in ``mappings/templates.yaml``.

A declared `Rule` says that in a table, on every printed row or in every column, the cells
of one side (``total``, the printed figure) relate to the sum of the other (``parts``):
equal, or at least or at most that sum. `instances` applies the rules to the cells a
report prints: one `Instance` per scope, a relation between named cells, which `holds`
for given values within the one `TOLERANCE`. The audit makes a `Check` of every instance;
OCR digit repair, glued-digit splitting and table rebuilding search the readings of a
cell or a row that make the instances hold. A rule whose terms name the previous report
(``code@previous``) relates a report to the same body's report of the year before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..errors import ReportExtractError
from ..model import Check
from ..resources import load_yaml
from .maps import TableSpec, TemplateMap, template_map

TOLERANCE = 1e-6
PREVIOUS = "@previous"
Key = tuple[str, str, str]
Values = Mapping[Key, float]

_RELATIONS: dict[str, Callable[[float, float], bool]] = {
    "=": lambda total, parts: abs(total - parts) <= TOLERANCE,
    ">=": lambda total, parts: total >= parts - TOLERANCE,
    "<=": lambda total, parts: total <= parts + TOLERANCE,
}
_SYMBOLS = {"=": "=", ">=": "≥", "<=": "≤"}
_EACH = ("row", "column")
_UNPRINTED = ("not applicable", "skip")


class RuleError(ReportExtractError):
    """A rule of mappings/templates.yaml that cannot be applied as written."""


def format_value(value: float | None) -> str:
    """A value as a check's detail prints it: 12, 0.5, — for none."""
    if value is None:
        return "—"
    return f"{value:g}" if value == int(value) else f"{value:.6g}"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule as declared: see the ``rules:`` section of mappings/templates.yaml."""

    check: str
    table: str
    each: str
    total: tuple[str, ...]
    parts: tuple[str, ...]
    relation: str = "="
    describe: str = ""
    detail: str | None = None
    unprinted: str = "not applicable"
    optional: tuple[str, ...] = ()
    scope: str | None = None  # the check's scope ("{total}"), where not the instance's

    @property
    def crosses_documents(self) -> bool:
        return any(term.endswith(PREVIOUS) for term in (*self.total, *self.parts))


@dataclass(frozen=True, slots=True)
class Ref:
    """A cell a rule instance names (by its row or column code, the other being the
    instance's scope): in this report, or in the previous one."""

    key: Key
    code: str
    previous: bool = False

    @property
    def name(self) -> str:
        return self.code + (PREVIOUS if self.previous else "")


@dataclass(frozen=True, slots=True)
class Instance:
    """A rule applied at one scope (a row, or a column): ``total`` relates to ``sum(parts)``."""

    rule: Rule
    scope: str
    total: tuple[Ref, ...]
    parts: tuple[Ref, ...]

    @property
    def label(self) -> str:
        return f"{self.rule.check}[{self.check_scope}]"

    @property
    def check_scope(self) -> str:
        """The scope its check names: the instance's row or column, or what the rule says."""
        if self.rule.scope is None:
            return self.scope
        total = self.total[0].code if self.total else ""
        return self.rule.scope.format(scope=self.scope, total=total)

    @property
    def keys(self) -> tuple[Key, ...]:
        """The cells of this report the instance names."""
        return tuple(ref.key for ref in (*self.total, *self.parts) if not ref.previous)

    @property
    def terms(self) -> tuple[tuple[Key, float], ...]:
        """The instance as ``sum(coefficient × value)`` over this report's cells."""
        return (
            *((ref.key, 1.0) for ref in self.total if not ref.previous),
            *((ref.key, -1.0) for ref in self.parts if not ref.previous),
        )

    def holds(self, values: Values, previous: Values | None = None) -> bool:
        """Whether the values satisfy the relation (every named cell must have a value)."""
        total = sum(_value(ref, values, previous) for ref in self.total)
        parts = sum(_value(ref, values, previous) for ref in self.parts)
        return _RELATIONS[self.rule.relation](total, parts)

    def check(
        self,
        values: Values,
        previous: Values | None = None,
        context: Mapping[str, object] | None = None,
    ) -> Check | None:
        """The check of this instance on a report's values: not applicable (or none, where
        the rule says ``unprinted: skip``) when a cell it names is not printed."""
        rule = self.rule
        printed = {ref: _lookup(ref, values, previous) for ref in (*self.total, *self.parts)}
        unprinted = [ref for ref, value in printed.items() if value is None]
        if unprinted:
            if rule.unprinted == "skip":
                return None
            return self._not_applicable(printed, unprinted)
        actual = sum(printed[ref] or 0.0 for ref in self.total)
        expected = sum(printed[ref] or 0.0 for ref in self.parts)
        passed = _RELATIONS[rule.relation](actual, expected)
        fields = {
            **(context or {}),
            "scope": self.scope,
            rule.each: self.scope,
            "expected": format_value(expected),
            "actual": format_value(actual),
        }
        describe = rule.describe.format(**fields)
        if rule.detail is not None:
            named = {ref.name: format_value(value) for ref, value in printed.items()}
            detail = rule.detail.format(**{**named, **fields})
        elif passed:
            symbol = _SYMBOLS[rule.relation]
            detail = f"{describe}: {fields['actual']} {symbol} {fields['expected']}"
        else:
            detail = f"{describe}: printed {fields['actual']}, parts add up to {fields['expected']}"
        return Check(rule.check, rule.table, self.check_scope, expected, actual, passed, detail)

    def _not_applicable(
        self, printed: Mapping[Ref, float | None], unprinted: Sequence[Ref]
    ) -> Check:
        if len(self.total) == 1:
            total = printed[self.total[0]]
            if total is None:
                what = "the total"
            else:
                what = f"{sum(1 for ref in self.parts if ref in unprinted)} of its {len(self.parts)} parts"
        else:
            total = None
            order = [*self.parts, *self.total]
            what = ", ".join(ref.name for ref in order if ref in unprinted)
        rule = self.rule
        return Check(
            rule.check,
            rule.table,
            self.check_scope,
            None,
            total,
            None,
            f"not applicable: {what} not printed or not read",
        )


def _lookup(ref: Ref, values: Values, previous: Values | None) -> float | None:
    source = previous if ref.previous else values
    return None if source is None else source.get(ref.key)


def _value(ref: Ref, values: Values, previous: Values | None) -> float:
    return (previous if ref.previous else values)[ref.key]  # type: ignore[index]


def _rule(entry: dict, tm: TemplateMap) -> Rule:
    rule = Rule(
        check=entry["check"],
        table=entry["table"],
        each=entry["each"],
        total=tuple(entry["total"]),
        parts=tuple(entry["parts"]),
        relation=str(entry.get("relation", "=")),
        describe=entry.get("describe", ""),
        detail=entry.get("detail"),
        unprinted=entry.get("unprinted", "not applicable"),
        optional=tuple(entry.get("optional") or ()),
        scope=entry.get("scope"),
    )
    problems = []
    if rule.table not in tm.tables:
        problems.append(f"no table {rule.table!r}")
    if rule.each not in _EACH:
        problems.append(f"each must be one of {', '.join(_EACH)}")
    if rule.relation not in _RELATIONS:
        problems.append(f"relation must be one of {', '.join(_RELATIONS)}")
    if rule.unprinted not in _UNPRINTED:
        problems.append(f"unprinted must be one of {', '.join(_UNPRINTED)}")
    if not rule.parts and not rule.optional:
        problems.append("a rule needs parts or optional parts")
    if not problems:
        spec = tm.table(rule.table)
        codes = spec.column_codes if rule.each == "row" else spec.row_codes
        if any(term.endswith(PREVIOUS) for term in rule.optional):
            problems.append("an optional part is one of this report's cells")
        for term in (*rule.total, *rule.parts, *rule.optional):
            if not _expand(term.removesuffix(PREVIOUS), codes):
                problems.append(f"{term!r} names no {_other(rule.each)} of table {rule.table}")
    if problems:
        raise RuleError(f"rule {rule.check} in templates.yaml: {'; '.join(problems)}")
    return rule


def _other(each: str) -> str:
    return "column" if each == "row" else "row"


def parse_rules(entries: Iterable[dict], tm: TemplateMap | None = None) -> tuple[Rule, ...]:
    """Rules from their declarations (the ``rules:`` entries of templates.yaml) on the
    template's tables (``tm``, default: mappings/templates.yaml); RuleError for one that
    names what the template does not have."""
    return tuple(_rule(entry, tm or template_map()) for entry in entries)


@cache
def rules() -> tuple[Rule, ...]:
    """The rules declared in mappings/templates.yaml, in their order."""
    return parse_rules(load_yaml("templates.yaml").get("rules") or ())


def _expand(code: str, codes: Sequence[str]) -> tuple[str, ...]:
    if code.endswith(".*"):
        prefix = code[:-1]
        return tuple(c for c in codes if c.startswith(prefix))
    return (code,) if code in codes else ()


@dataclass(frozen=True, slots=True)
class _Term:
    """A declared term as the template's table has it: the codes it stands for, and where
    it is a group's undivided row, the group's rows (the form printed decides)."""

    codes: tuple[str, ...]
    previous: bool
    divided: tuple[str, ...] = ()


@lru_cache(maxsize=1024)
def _compiled(terms: tuple[str, ...], spec: TableSpec, each: str) -> tuple[_Term, ...]:
    codes = spec.column_codes if each == "row" else spec.row_codes
    out = []
    for term in terms:
        code = term.removesuffix(PREVIOUS)
        divided = spec.divided(code) if each == "column" else ()
        out.append(_Term(_expand(code, codes), term.endswith(PREVIOUS), divided))
    return tuple(out)


def _refs(
    terms: tuple[_Term, ...], table: str, each: str, scope: str, printed_rows: set[str]
) -> tuple[Ref, ...]:
    refs: list[Ref] = []
    for term in terms:
        if each == "row":
            refs += [Ref((table, scope, col), col, term.previous) for col in term.codes]
            continue
        rows = term.codes
        if term.divided and (
            any(row in printed_rows for row in term.divided) or rows[0] not in printed_rows
        ):
            rows = term.divided  # a group printed divided (or not at all)
        refs += [Ref((table, row, scope), row, term.previous) for row in rows]
    return tuple(refs)


def instances(
    present: Iterable[Key],
    *,
    each: str | None = None,
    crossing: bool = False,
    declared: Iterable[Rule] | None = None,
    tm: TemplateMap | None = None,
) -> list[Instance]:
    """The rules applied to the cells a report prints: for a rule on every row, one
    instance per row of its table that the report prints, in the template's order; for a
    rule in every column, one per column of its table, where the report prints the table.
    Rules of one table and kind are taken scope by scope. ``crossing``: the rules that
    relate a report to its previous one instead of the report's own; ``declared`` and
    ``tm``: other rules and tables than mappings/templates.yaml's."""
    chosen = rules() if declared is None else tuple(declared)
    return list(_instances(frozenset(present), each, crossing, chosen, tm or template_map()))


@lru_cache(maxsize=64)
def _instances(
    keys: frozenset[Key],
    each: str | None,
    crossing: bool,
    declared: tuple[Rule, ...],
    tm: TemplateMap,
) -> tuple[Instance, ...]:
    groups: dict[tuple[str, str], list[Rule]] = {}
    for rule in declared:
        if rule.crosses_documents == crossing and each in (None, rule.each):
            groups.setdefault((rule.table, rule.each), []).append(rule)
    out: list[Instance] = []
    for (table, kind), rules_here in groups.items():
        spec = tm.table(table)
        printed = {row for t, row, _ in keys if t == table}
        if kind == "row":
            scopes = [code for code in spec.row_codes if code in printed]
        else:
            scopes = list(spec.column_codes) if printed else []
        compiled = [
            (
                rule,
                _compiled(rule.total, spec, kind),
                _compiled(rule.parts, spec, kind),
                _compiled(rule.optional, spec, kind),
            )
            for rule in rules_here
        ]
        for scope in scopes:
            for rule, total, parts, optional in compiled:
                printed_optional = tuple(
                    ref for ref in _refs(optional, table, kind, scope, printed) if ref.key in keys
                )
                if not rule.parts and not printed_optional:
                    continue  # parts all optional, none printed: nothing to relate
                out.append(
                    Instance(
                        rule,
                        scope,
                        _refs(total, table, kind, scope, printed),
                        _refs(parts, table, kind, scope, printed) + printed_optional,
                    )
                )
    return tuple(out)


def complete(found: Iterable[Instance], present: Iterable[Key]) -> list[Instance]:
    """The instances whose cells of this report are all among ``present``."""
    keys = set(present)
    return [instance for instance in found if keys.issuperset(instance.keys)]


@lru_cache(maxsize=256)
def line_test(keys: tuple[Key, ...]) -> Callable[[Sequence[float]], bool]:
    """A test of the values printed for ``keys`` (in that order): every rule instance whose
    cells are all among them holds. For searching the readings of a row (a glued run of
    digits, a row with padding cells)."""
    index = {key: i for i, key in enumerate(keys)}
    compiled = [
        (
            tuple(index[ref.key] for ref in instance.total),
            tuple(index[ref.key] for ref in instance.parts),
            _RELATIONS[instance.rule.relation],
        )
        for instance in complete(instances(keys), keys)
    ]

    def test(values: Sequence[float]) -> bool:
        return all(
            relation(sum(values[i] for i in total), sum(values[i] for i in parts))
            for total, parts, relation in compiled
        )

    return test


def row_keys(table: str, row: str) -> tuple[Key, ...]:
    """The cells of a row of a table, in the template's column order."""
    return tuple((table, row, col) for col in template_map().table(table).column_codes)


__all__ = [
    "PREVIOUS",
    "TOLERANCE",
    "Instance",
    "Key",
    "Ref",
    "Rule",
    "RuleError",
    "complete",
    "format_value",
    "instances",
    "line_test",
    "parse_rules",
    "row_keys",
    "rules",
]
