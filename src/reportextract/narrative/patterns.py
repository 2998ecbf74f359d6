"""The metric patterns of ``mappings/narrative.yaml``, compiled once.

The YAML file documents what each field means; this module only checks its shape and
compiles the regular expressions: ``{name}`` stands for a macro (a regex fragment) or a
lexicon (a list of words, matched longest first), and a metric's ``frames`` instantiate the
file's word-order templates with the lexicons the metric names (its verbs, its subject).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..caching import CompiledPatterns
from ..errors import ReportExtractError
from ..resources import load_yaml, mapping_path

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
class Resolution:
    """A metric that stands for `then` where the document states `if_stated` (a figure of
    the text, or words of its tables matching `in_tables`), else `otherwise` (办理N件 is the
    count received where nothing states how many were received, else the answered one)."""

    if_stated: str
    then: str
    otherwise: str
    in_tables: re.Pattern[str] | None = None
    # a count that includes last year's (办理…申请（含上年结转）共计89件; searched in its clause
    # and from the figure on) is `then` where `all_answered` follows it in its sentence, below
    # any figure of `then` the text states, and no figure otherwise
    includes: re.Pattern[str] | None = None
    all_answered: re.Pattern[str] | None = None


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
    not_after: re.Pattern[str] | None = None  # searched in the sentence after the figure
    # a count followed by its own list of parts (`listed`, searched in the sentence after it:
    # …动态类信息1464条，其中文件15条…) is vetoed by `not_before` only where the words before
    # it also match `not_before_listed` (kinds that stay kinds even with parts of their own)
    listed: re.Pattern[str] | None = None
    not_before_listed: re.Pattern[str] | None = None
    not_zero_before: re.Pattern[str] | None = None  # rejects a count of 0 whose clause has it
    not_in: tuple[str, ...] = ()  # scopes (see `Scope`) whose figures never state this metric
    weaker_in: tuple[str, ...] = ()  # scopes whose figures state it with a lower weight
    resolves: Resolution | None = None
    rules: tuple[Rule, ...] = ()  # heaviest first

    def counts_as(self) -> str:
        """The metric a figure of this one counts as in a list of parts (its default)."""
        return self.resolves.otherwise if self.resolves else self.code


@dataclass(frozen=True, slots=True)
class Scope:
    """A figure is in the scope when its clause matches `clause` and its sentence up to the
    figure matches `sentence` (截至2024年底，累计主动公开… is a cumulative count)."""

    clause: re.Pattern[str]
    sentence: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ZeroStatement:
    metrics: tuple[str, ...]
    unit: str
    regex: re.Pattern[str]
    sentence: re.Pattern[str] | None = None  # must be found in the statement's sentence
    near: re.Pattern[str] | None = None  # the regex is searched only in sentences holding it
    heading: re.Pattern[str] | None = None  # must be found under the statement's last heading


@dataclass(frozen=True, slots=True)
class Conjoined:
    """One count stated of several metrics: a figure of the first found is one of all."""

    metrics: tuple[str, ...]
    before: re.Pattern[str]
    unless_after: re.Pattern[str] | None = None  # matched right after the figure
    # matched right after the figure, the clause before it matching `before` too: the count
    # is the subject of the other metric's verb (受理申请24件均按要求进行答复)
    after: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Combined:
    """One count said of several metrics together (行政复议、行政诉讼案件亦为0件): a zero, or a
    count said of each (`each`), states every metric; any other count none of them."""

    metrics: tuple[str, ...]
    before: re.Pattern[str]
    each: re.Pattern[str]
    # counts said respectively (分别为3件、1件): one per metric, in the metrics' order
    respectively: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class KindsLists:
    """Kinds listed under one verb with no total: none of them states `metrics` (see the YAML)."""

    metrics: frozenset[str]
    sibling: re.Pattern[str]
    allowed: re.Pattern[str]
    whole: re.Pattern[str]
    minimum: int
    documents: re.Pattern[str] | None = None  # a documents count: one sibling of any kind
    # the words between a listed count and the next one, when the list goes on past it
    member_after: re.Pattern[str] | None = None
    # the words between a documents count and a kind after it that no sibling pattern reads
    beside_documents: re.Pattern[str] | None = None
    # channels named together with one count over them: a whole after the kinds, not a part
    channels_summed: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Remainder:
    """The rest of a part list (其余8件均予以答复): a part, stating none of `metrics`, unless
    the parts before it are all of `unanswered` kinds (撤回, 结转, 正在办理): then the rest is
    the whole of what they were taken from."""

    before: re.Pattern[str]
    metrics: frozenset[str]
    unanswered: re.Pattern[str] | None = None
    answers: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Modifier:
    """A count of the words right after it (9个栏目, 45项信息), in `units`, where the text
    after it matches `followed_by`: it does not end the next figure's clause."""

    units: frozenset[str]
    followed_by: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Unitless:
    """A count printed without its unit, in `unit` where `regex` (group `number`) matches."""

    regex: re.Pattern[str]
    unit: str


@dataclass(frozen=True, slots=True)
class Channels:
    """Counts of `metrics` by channel side by side, none of them the whole (see the YAML)."""

    metrics: frozenset[str]
    channel: re.Pattern[str]
    whole: re.Pattern[str]
    # the site whose own columns follow its count (its count is the whole)
    site: re.Pattern[str] | None = None
    columns: re.Pattern[str] | None = None
    # a count published through another channel that states no metric itself (在…APP公开发布
    # 内容26条；在公示栏公开内容145条), beside the count of the metric
    other: re.Pattern[str] | None = None
    # a new-media channel's count, the whole only where no other count is published beside it
    new_media: re.Pattern[str] | None = None
    published: re.Pattern[str] | None = None
    respectively: re.Pattern[str] | None = None
    # channels other than a site or new media (公示栏, 报刊, a platform), for the decision
    # over a paragraph's channels (see `publishing`)
    boards: re.Pattern[str] | None = None
    not_published: re.Pattern[str] | None = None
    # the clause of a count its part list adds up to, which may then be the published whole
    summed_whole: re.Pattern[str] | None = None
    kind: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Changes:
    comparison: re.Pattern[str]
    verb_before_number: re.Pattern[str]  # groups: up, down, up_self, down_self
    flat: re.Pattern[str]
    # a change whose own clause names a share or rate (予以公开答复占比较上年增加6%) changes
    # that, not the count before it
    of_a_rate: re.Pattern[str] | None = None


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
    collective: re.Pattern[str]
    part_names_year: re.Pattern[str]
    # the year's count in the clause right after a cumulative whole (…累计N条，本年度新增M条)
    year_beside_cumulative: re.Pattern[str] | None
    part_carried_in: re.Pattern[str]
    part_new: re.Pattern[str]
    # a whole split by disclosure attribute: its published part and the parts not published
    part_published: re.Pattern[str] | None
    part_withheld: re.Pattern[str] | None
    part_published_whole: re.Pattern[str] | None
    channels: Channels
    kinds_lists: KindsLists
    topics: dict[str, re.Pattern[str]]
    share_clause: re.Pattern[str]
    sum_clause: re.Pattern[str]
    scopes: dict[str, Scope]
    metrics: dict[str, Metric]
    zero_statements: tuple[ZeroStatement, ...]
    conjoined: tuple[Conjoined, ...] = ()
    combined: tuple[Combined, ...] = ()
    not_figures_after: re.Pattern[str] | None = None
    unitless: tuple[Unitless, ...] = ()
    # metrics the parts of a figure of the key metric never state (see parts.foreign)
    part_foreign: dict[str, frozenset[str]] = field(default_factory=dict)
    part_remainder: Remainder | None = None
    # a clause with no words of its own but a sum's (…等内容，共计25条): read with the one before
    continued_clause: re.Pattern[str] | None = None
    continued_after_count: re.Pattern[str] | None = None
    channels_together: re.Pattern[str] | None = None
    modifier: Modifier | None = None

    def primary_metrics(self) -> list[Metric]:
        """Metrics tagged from their own patterns, in file order."""
        return _primary_metrics(self)

    def spec_codes(self) -> list[str]:
        return [code for code, metric in self.metrics.items() if not metric.extra]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


RULE_KEYS = ("before", "after", "sentence", "window", "not_sentence")
FRAME_SLOTS = ("verb", "subject", "context", "unless")
OPTIONAL_SLOTS = ("unless",)  # a condition whose slot a frame leaves empty is dropped
_REFERENCE = re.compile(r"\{([a-z_]+)\}")


class _Compiler:
    def __init__(
        self,
        macros: dict[str, str],
        lexicons: dict[str, list[str]],
        regexes: CompiledPatterns | None = None,
    ) -> None:
        self.regexes = regexes
        clash = set(macros) & set(lexicons)
        if clash:
            raise PatternError(f"{PATTERNS_FILE}: both a macro and a lexicon: {sorted(clash)}")
        self.macros = dict(macros)
        for name, entries in lexicons.items():
            if not entries or not all(isinstance(e, str) and e for e in entries):
                raise PatternError(f"{PATTERNS_FILE}: lexicons.{name}: a list of words")
            self.macros[name] = f"(?:{_alternation(entries)})"

    def expand(self, pattern: str, depth: int = 0) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.macros:
                raise PatternError(f"{PATTERNS_FILE}: unknown macro {{{name}}} in {pattern!r}")
            return self.macros[name]

        if depth > 5:
            raise PatternError(f"{PATTERNS_FILE}: macros nested too deep in {pattern!r}")
        expanded = _REFERENCE.sub(replace, pattern)
        return expanded if expanded == pattern else self.expand(expanded, depth + 1)

    def compile(self, pattern: str | None, where: str) -> re.Pattern[str] | None:
        if pattern is None:
            return None
        try:
            expanded = self.expand(str(pattern))
            return self.regexes.compile(expanded) if self.regexes else re.compile(expanded)
        except re.error as error:
            raise PatternError(f"{PATTERNS_FILE}: {where}: {error}") from error

    def required(self, pattern: str, where: str) -> re.Pattern[str]:
        compiled = self.compile(pattern, where)
        if compiled is None:
            raise PatternError(f"{PATTERNS_FILE}: {where}: pattern missing")
        return compiled


def _rule(code: str, rule: dict[str, Any], where: str, compiler: _Compiler) -> Rule:
    unknown = set(rule) - {*RULE_KEYS, "topic", "weight"}
    if unknown:
        raise PatternError(f"{PATTERNS_FILE}: {where}: unknown keys {sorted(unknown)}")
    return Rule(
        metric=code,
        weight=int(rule.get("weight", 1)),
        before=compiler.compile(rule.get("before"), where),
        after=compiler.compile(rule.get("after"), where),
        sentence=compiler.compile(rule.get("sentence"), where),
        window=compiler.compile(rule.get("window"), where),
        not_sentence=compiler.compile(rule.get("not_sentence"), where),
        topic=rule.get("topic"),
    )


def _frame_rule(
    code: str,
    instance: dict[str, Any],
    where: str,
    templates: dict[str, dict[str, Any]],
    compiler: _Compiler,
) -> Rule:
    """A word-order template of `frames` with the metric's lexicons in its slots."""
    unknown = set(instance) - {"order", "topic", "weight", *FRAME_SLOTS}
    if unknown:
        raise PatternError(f"{PATTERNS_FILE}: {where}: unknown keys {sorted(unknown)}")
    order = instance.get("order")
    if order not in templates:
        raise PatternError(f"{PATTERNS_FILE}: {where}: unknown frame order {order!r}")
    template = templates[order]
    rule: dict[str, Any] = {"weight": instance.get("weight", template.get("weight", 1))}
    if instance.get("topic") is not None:
        rule["topic"] = instance["topic"]
    for key in RULE_KEYS:
        pattern = template.get(key)
        if pattern is None:
            continue
        for slot in FRAME_SLOTS:
            if "{" + slot + "}" not in pattern:
                continue
            lexicon = instance.get(slot)
            if lexicon is None and slot in OPTIONAL_SLOTS:
                pattern = None
                break
            if lexicon is None:
                raise PatternError(f"{PATTERNS_FILE}: {where}: frame {order} needs {slot}")
            pattern = pattern.replace("{" + slot + "}", "{" + str(lexicon) + "}")
        if pattern is not None:
            rule[key] = pattern
    return _rule(code, rule, where, compiler)


def _metric(
    code: str, spec: dict[str, Any], compiler: _Compiler, templates: dict[str, dict[str, Any]]
) -> Metric:
    rules = [
        _frame_rule(code, instance, f"metrics.{code}.frames[{index}]", templates, compiler)
        for index, instance in enumerate(spec.get("frames") or [])
    ]
    rules += [
        _rule(code, rule, f"metrics.{code}.patterns[{index}]", compiler)
        for index, rule in enumerate(spec.get("patterns") or [])
    ]
    units = spec.get("units")
    if not units:
        raise PatternError(f"{PATTERNS_FILE}: metrics.{code}: units missing")
    resolves = spec.get("resolves")
    return Metric(
        code=code,
        description=str(spec.get("description", "")),
        units=frozenset(units),
        change=bool(spec.get("change", False)),
        extra=bool(spec.get("extra", False)),
        share_of=spec.get("share_of"),
        change_of=spec.get("change_of"),
        not_before=compiler.compile(spec.get("not_before"), f"metrics.{code}.not_before"),
        not_after=compiler.compile(spec.get("not_after"), f"metrics.{code}.not_after"),
        listed=compiler.compile(spec.get("listed"), f"metrics.{code}.listed"),
        not_before_listed=compiler.compile(
            spec.get("not_before_listed"), f"metrics.{code}.not_before_listed"
        ),
        not_zero_before=compiler.compile(
            spec.get("not_zero_before"), f"metrics.{code}.not_zero_before"
        ),
        not_in=tuple(spec.get("not_in") or ()),
        weaker_in=tuple(spec.get("weaker_in") or ()),
        resolves=Resolution(
            str(resolves["if_stated"]),
            str(resolves["then"]),
            str(resolves["otherwise"]),
            compiler.compile(resolves.get("in_tables"), f"metrics.{code}.resolves.in_tables"),
            compiler.compile(resolves.get("includes"), f"metrics.{code}.resolves.includes"),
            compiler.compile(resolves.get("all_answered"), f"metrics.{code}.resolves.all_answered"),
        )
        if resolves
        else None,
        rules=tuple(sorted(rules, key=lambda rule: -rule.weight)),  # heaviest first
    )


def build_catalogue(data: dict[str, Any], regexes: CompiledPatterns | None = None) -> Catalogue:
    """A `Catalogue` from the parsed YAML document; its regular expressions through
    ``regexes`` (compiled once, kept in the cache folder) when given."""
    try:
        compiler = _Compiler(
            {k: str(v) for k, v in (data.get("macros") or {}).items()},
            {k: list(v) for k, v in (data.get("lexicons") or {}).items()},
            regexes,
        )
        templates = {str(k): dict(v) for k, v in (data.get("frames") or {}).items()}
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
        metrics = {
            code: _metric(code, spec, compiler, templates) for code, spec in data["metrics"].items()
        }
        zero = tuple(
            ZeroStatement(
                metrics=tuple(entry["metrics"]),
                unit=str(entry["unit"]),
                regex=compiler.required(entry["regex"], f"zero_statements[{index}]"),
                sentence=compiler.compile(entry.get("sentence"), f"zero_statements[{index}]"),
                near=compiler.compile(entry.get("near"), f"zero_statements[{index}]"),
                heading=compiler.compile(entry.get("heading"), f"zero_statements[{index}]"),
            )
            for index, entry in enumerate(data.get("zero_statements") or [])
        )
        conjoined = tuple(
            Conjoined(
                metrics=tuple(entry["metrics"]),
                before=compiler.required(entry["before"], f"conjoined[{index}]"),
                unless_after=compiler.compile(entry.get("unless_after"), f"conjoined[{index}]"),
                after=compiler.compile(entry.get("after"), f"conjoined[{index}]"),
            )
            for index, entry in enumerate(data.get("conjoined") or [])
        )
        combined = tuple(
            Combined(
                metrics=tuple(entry["metrics"]),
                before=compiler.required(entry["before"], f"combined[{index}]"),
                each=compiler.required(entry["each"], f"combined[{index}].each"),
                respectively=compiler.compile(
                    entry.get("respectively"), f"combined[{index}].respectively"
                ),
            )
            for index, entry in enumerate(data.get("combined") or [])
        )
        unitless = tuple(
            Unitless(
                regex=compiler.required(entry["regex"], f"unitless[{index}]"),
                unit=str(entry["unit"]),
            )
            for index, entry in enumerate(data.get("unitless") or [])
        )
        kinds = data["kinds_lists"]
        parts = data["parts"]
        remainder = parts.get("remainder")
        modifier = parts.get("modifier")
        scopes = {
            name: Scope(
                clause=compiler.required(entry["clause"], f"scopes.{name}.clause"),
                sentence=compiler.required(entry["sentence"], f"scopes.{name}.sentence"),
            )
            for name, entry in (data.get("scopes") or {}).items()
        }
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
                of_a_rate=compiler.compile(changes.get("of_a_rate"), "changes.of_a_rate"),
            ),
            part_markers=compiler.required(data["parts"]["markers"], "parts.markers"),
            partial=compiler.required(data["parts"]["partial"], "parts.partial"),
            collective=compiler.required(data["parts"]["collective"], "parts.collective"),
            part_names_year=compiler.required(data["parts"]["year"], "parts.year"),
            year_beside_cumulative=compiler.compile(
                data["parts"].get("year_beside"), "parts.year_beside"
            ),
            part_carried_in=compiler.required(data["parts"]["carried_in"], "parts.carried_in"),
            part_new=compiler.required(data["parts"]["new"], "parts.new"),
            part_published=compiler.compile(data["parts"].get("published"), "parts.published"),
            part_withheld=compiler.compile(data["parts"].get("withheld"), "parts.withheld"),
            part_published_whole=compiler.compile(
                data["parts"].get("published_whole"), "parts.published_whole"
            ),
            kinds_lists=KindsLists(
                metrics=frozenset(kinds["metrics"]),
                sibling=compiler.required(kinds["sibling"], "kinds_lists.sibling"),
                allowed=compiler.required(kinds["allowed"], "kinds_lists.allowed"),
                whole=compiler.required(kinds["whole"], "kinds_lists.whole"),
                minimum=int(kinds["min"]),
                documents=compiler.compile(kinds.get("documents"), "kinds_lists.documents"),
                member_after=compiler.compile(
                    kinds.get("member_after"), "kinds_lists.member_after"
                ),
                beside_documents=compiler.compile(
                    kinds.get("beside_documents"), "kinds_lists.beside_documents"
                ),
                channels_summed=compiler.compile(
                    kinds.get("channels_summed"), "kinds_lists.channels_summed"
                ),
            ),
            channels=Channels(
                metrics=frozenset(data["channels"]["metrics"]),
                channel=compiler.required(data["channels"]["channel"], "channels.channel"),
                whole=compiler.required(data["channels"]["whole"], "channels.whole"),
                site=compiler.compile(data["channels"].get("site"), "channels.site"),
                columns=compiler.compile(data["channels"].get("columns"), "channels.columns"),
                other=compiler.compile(data["channels"].get("other"), "channels.other"),
                new_media=compiler.compile(data["channels"].get("new_media"), "channels.new_media"),
                published=compiler.compile(data["channels"].get("published"), "channels.published"),
                respectively=compiler.compile(
                    data["channels"].get("respectively"), "channels.respectively"
                ),
                boards=compiler.compile(data["channels"].get("boards"), "channels.boards"),
                kind=compiler.compile(data["channels"].get("kind"), "channels.kind"),
                not_published=compiler.compile(
                    data["channels"].get("not_published"), "channels.not_published"
                ),
                summed_whole=compiler.compile(
                    data["channels"].get("summed_whole"), "channels.summed_whole"
                ),
            ),
            topics={
                name: compiler.required(pattern, f"topics.{name}")
                for name, pattern in data["topics"].items()
            },
            share_clause=compiler.required(data["shares"]["before"], "shares.before"),
            sum_clause=compiler.required(data["sums"]["before"], "sums.before"),
            continued_clause=compiler.compile(
                data.get("continued_clauses", {}).get("before"), "continued_clauses.before"
            ),
            continued_after_count=compiler.compile(
                data.get("continued_clauses", {}).get("after_count"),
                "continued_clauses.after_count",
            ),
            scopes=scopes,
            metrics=metrics,
            zero_statements=zero,
            conjoined=conjoined,
            combined=combined,
            not_figures_after=compiler.compile(data.get("not_figures_after"), "not_figures_after"),
            unitless=unitless,
            part_foreign={
                str(head): frozenset(str(m) for m in metrics)
                for head, metrics in (parts.get("foreign") or {}).items()
            },
            part_remainder=Remainder(
                before=compiler.required(remainder["before"], "parts.remainder.before"),
                metrics=frozenset(remainder["metrics"]),
                unanswered=compiler.compile(
                    remainder.get("unanswered"), "parts.remainder.unanswered"
                ),
                answers=compiler.compile(remainder.get("answers"), "parts.remainder.answers"),
            )
            if remainder
            else None,
            channels_together=compiler.compile(
                parts.get("channels_together"), "parts.channels_together"
            ),
            modifier=Modifier(
                units=frozenset(modifier["units"]),
                followed_by=compiler.required(modifier["followed_by"], "parts.modifier"),
            )
            if modifier
            else None,
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise PatternError(f"{PATTERNS_FILE}: missing or malformed section: {error}") from error
    _check_references(catalogue)
    return catalogue


def _check_references(catalogue: Catalogue) -> None:
    for metric in catalogue.metrics.values():
        resolved = (
            (metric.resolves.if_stated, metric.resolves.then, metric.resolves.otherwise)
            if metric.resolves
            else ()
        )
        for target in (metric.share_of, metric.change_of, *resolved):
            if target is not None and target not in catalogue.metrics:
                raise PatternError(
                    f"{PATTERNS_FILE}: {metric.code} refers to unknown metric {target}"
                )
        for rule in metric.rules:
            if rule.topic is not None and rule.topic not in catalogue.topics:
                raise PatternError(f"{PATTERNS_FILE}: {metric.code}: unknown topic {rule.topic}")
        if not metric.rules and metric.share_of is None and metric.change_of is None:
            raise PatternError(f"{PATTERNS_FILE}: {metric.code} has no patterns")
        for scope in (*metric.not_in, *metric.weaker_in):
            if scope not in catalogue.scopes:
                raise PatternError(f"{PATTERNS_FILE}: {metric.code}: unknown scope {scope}")
    listed = [
        *(s.metrics for s in catalogue.zero_statements),
        *(c.metrics for c in catalogue.conjoined),
        *(c.metrics for c in catalogue.combined),
        tuple(catalogue.channels.metrics),
        tuple(catalogue.kinds_lists.metrics),
        tuple(catalogue.part_foreign),
        *(tuple(metrics) for metrics in catalogue.part_foreign.values()),
        tuple(catalogue.part_remainder.metrics) if catalogue.part_remainder else (),
    ]
    for codes in listed:
        for code in codes:
            if code not in catalogue.metrics:
                raise PatternError(
                    f"{PATTERNS_FILE}: zero statement or conjoined count of unknown metric {code}"
                )


@cache
def _primary_metrics(catalogue: Catalogue) -> list[Metric]:
    return [m for m in catalogue.metrics.values() if m.rules]


@cache
def catalogue() -> Catalogue:
    """The catalogue of the installed mappings, loaded on first use; its regular expressions
    compiled once per version of the file and kept in the cache folder."""
    data = load_yaml(PATTERNS_FILE)
    if not isinstance(data, dict):
        raise PatternError(f"{PATTERNS_FILE}: not a mapping")
    digest = hashlib.sha256(mapping_path(PATTERNS_FILE).read_bytes()).hexdigest()
    regexes = CompiledPatterns("narrative-patterns", digest)
    built = build_catalogue(data, regexes)
    regexes.save()
    return built
