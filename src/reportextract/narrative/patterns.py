"""The metric patterns of ``mappings/narrative.yaml``, compiled once.

The YAML file documents what each field means; this module only checks its shape and
compiles the regular expressions (after expanding ``{macro}`` references).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import ReportExtractError
from ..resources import load_yaml

PATTERNS_FILE = "narrative.yaml"


class PatternError(ReportExtractError):
    """mappings/narrative.yaml is malformed."""


@dataclass(frozen=True, slots=True)
class Rule:
    metric: str
    weight: int
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    sentence: re.Pattern[str] | None = None
    window: re.Pattern[str] | None = None
    not_sentence: re.Pattern[str] | None = None
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Metric:
    code: str
    description: str
    units: frozenset[str]
    change: bool = False
    extra: bool = False
    share_of: str | None = None
    change_of: str | None = None
    not_before: re.Pattern[str] | None = None
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True, slots=True)
class ZeroStatement:
    metrics: tuple[str, ...]
    unit: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Changes:
    comparison: re.Pattern[str]
    verb_before_number: re.Pattern[str]  # groups: up, down, up_self, down_self
    flat: re.Pattern[str]


@dataclass(frozen=True, slots=True, eq=False)
class Catalogue:
    """Compiled narrative.yaml; hashed by identity (numbers caches its regex per catalogue)."""

    units: tuple[str, ...]
    unit_not_followed_by: dict[str, str]
    qualifiers_before: tuple[str, ...]
    qualifiers_after_number: tuple[str, ...]
    qualifiers_after_unit: tuple[str, ...]
    not_figures: re.Pattern[str]
    changes: Changes
    part_markers: re.Pattern[str]
    partial: re.Pattern[str]
    topics: dict[str, re.Pattern[str]]
    share_clause: re.Pattern[str]
    metrics: dict[str, Metric]
    zero_statements: tuple[ZeroStatement, ...]

    def primary_metrics(self) -> list[Metric]:
        """Metrics tagged from their own patterns, in file order."""
        return [m for m in self.metrics.values() if m.rules]

    def spec_codes(self) -> list[str]:
        return [code for code, metric in self.metrics.items() if not metric.extra]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


class _Compiler:
    def __init__(self, macros: dict[str, str]) -> None:
        self.macros = macros

    def expand(self, pattern: str) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.macros:
                raise PatternError(f"{PATTERNS_FILE}: unknown macro {{{name}}} in {pattern!r}")
            return self.macros[name]

        return re.sub(r"\{([a-z_]+)\}", replace, pattern)

    def compile(self, pattern: str | None, where: str) -> re.Pattern[str] | None:
        if pattern is None:
            return None
        try:
            return re.compile(self.expand(str(pattern)))
        except re.error as error:
            raise PatternError(f"{PATTERNS_FILE}: {where}: {error}") from error

    def required(self, pattern: str, where: str) -> re.Pattern[str]:
        compiled = self.compile(pattern, where)
        if compiled is None:
            raise PatternError(f"{PATTERNS_FILE}: {where}: pattern missing")
        return compiled


def _metric(code: str, spec: dict[str, Any], compiler: _Compiler) -> Metric:
    rules = []
    for index, rule in enumerate(spec.get("patterns") or []):
        where = f"metrics.{code}.patterns[{index}]"
        unknown = set(rule) - {
            "before",
            "after",
            "sentence",
            "window",
            "not_sentence",
            "topic",
            "weight",
        }
        if unknown:
            raise PatternError(f"{PATTERNS_FILE}: {where}: unknown keys {sorted(unknown)}")
        rules.append(
            Rule(
                metric=code,
                weight=int(rule.get("weight", 1)),
                before=compiler.compile(rule.get("before"), where),
                after=compiler.compile(rule.get("after"), where),
                sentence=compiler.compile(rule.get("sentence"), where),
                window=compiler.compile(rule.get("window"), where),
                not_sentence=compiler.compile(rule.get("not_sentence"), where),
                topic=rule.get("topic"),
            )
        )
    units = spec.get("units")
    if not units:
        raise PatternError(f"{PATTERNS_FILE}: metrics.{code}: units missing")
    return Metric(
        code=code,
        description=str(spec.get("description", "")),
        units=frozenset(units),
        change=bool(spec.get("change", False)),
        extra=bool(spec.get("extra", False)),
        share_of=spec.get("share_of"),
        change_of=spec.get("change_of"),
        not_before=compiler.compile(spec.get("not_before"), f"metrics.{code}.not_before"),
        rules=tuple(rules),
    )


def build_catalogue(data: dict[str, Any]) -> Catalogue:
    """A `Catalogue` from the parsed YAML document."""
    try:
        compiler = _Compiler({k: str(v) for k, v in (data.get("macros") or {}).items()})
        changes = data["changes"]
        verbs = {
            "up": _alternation(changes["up"]),
            "down": _alternation(changes["down"]),
            "up_self": _alternation(changes["up_self"]),
            "down_self": _alternation(changes["down_self"]),
        }
        verb_pattern = (
            f"(?:(?P<up_self>{verbs['up_self']})|(?P<down_self>{verbs['down_self']})"
            f"|(?P<up>{verbs['up']})|(?P<down>{verbs['down']})){changes['filler']}$"
        )
        qualifiers = data["qualifiers"]
        metrics = {code: _metric(code, spec, compiler) for code, spec in data["metrics"].items()}
        zero = tuple(
            ZeroStatement(
                metrics=tuple(entry["metrics"]),
                unit=str(entry["unit"]),
                regex=compiler.required(entry["regex"], f"zero_statements[{index}]"),
            )
            for index, entry in enumerate(data.get("zero_statements") or [])
        )
        catalogue = Catalogue(
            units=tuple(sorted(data["units"], key=len, reverse=True)),
            unit_not_followed_by={str(k): str(v) for k, v in data["unit_not_followed_by"].items()},
            qualifiers_before=tuple(qualifiers["before_number"]),
            qualifiers_after_number=tuple(qualifiers["after_number"]),
            qualifiers_after_unit=tuple(qualifiers["after_unit"]),
            not_figures=compiler.required("|".join(data["not_figures"]), "not_figures"),
            changes=Changes(
                comparison=compiler.required(changes["comparison"], "changes.comparison"),
                verb_before_number=compiler.required(verb_pattern, "changes"),
                flat=compiler.required(_alternation(changes["flat"]), "changes.flat"),
            ),
            part_markers=compiler.required(data["parts"]["markers"], "parts.markers"),
            partial=compiler.required(data["parts"]["partial"], "parts.partial"),
            topics={
                name: compiler.required(pattern, f"topics.{name}")
                for name, pattern in data["topics"].items()
            },
            share_clause=compiler.required(data["shares"]["before"], "shares.before"),
            metrics=metrics,
            zero_statements=zero,
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise PatternError(f"{PATTERNS_FILE}: missing or malformed section: {error}") from error
    _check_references(catalogue)
    return catalogue


def _check_references(catalogue: Catalogue) -> None:
    for metric in catalogue.metrics.values():
        for target in (metric.share_of, metric.change_of):
            if target is not None and target not in catalogue.metrics:
                raise PatternError(
                    f"{PATTERNS_FILE}: {metric.code} refers to unknown metric {target}"
                )
        for rule in metric.rules:
            if rule.topic is not None and rule.topic not in catalogue.topics:
                raise PatternError(f"{PATTERNS_FILE}: {metric.code}: unknown topic {rule.topic}")
        if not metric.rules and metric.share_of is None and metric.change_of is None:
            raise PatternError(f"{PATTERNS_FILE}: {metric.code} has no patterns")
    for statement in catalogue.zero_statements:
        for code in statement.metrics:
            if code not in catalogue.metrics:
                raise PatternError(f"{PATTERNS_FILE}: zero statement for unknown metric {code}")


@cache
def catalogue() -> Catalogue:
    """The catalogue of the installed mappings, loaded on first use."""
    data = load_yaml(PATTERNS_FILE)
    if not isinstance(data, dict):
        raise PatternError(f"{PATTERNS_FILE}: not a mapping")
    return build_catalogue(data)
