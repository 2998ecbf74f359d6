"""Weighing the readings of a row against the rules: the reading that breaks the fewest.

A row of crawled text can often be read in several ways: glued digits (``294981916`` is
2949 | 81916, or 29498 | 1916 …), or one number printed where the table has two columns.
Every reading is weighed against every rule that can judge it: the table's arithmetic
(the ``rules:`` of mappings/templates.yaml), the figures the narrative states for the same
cells (mappings/agreement.yaml), and — where a batch has them — the rules across years
against the same body's reports of the year before and the year after. Rows that a rule
relates are weighed together. A row keeps the reading that breaks the fewest rules when
it is the only one that does; a rule it still breaks is a finding of the audit, as for
any printed value. Where readings tie, the row is left out and the check says why.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial

from ..caching import compile_pattern
from ..model import Check, Figure
from ..resources import load_yaml
from ..template.checks import GLUED_SPLIT
from ..template.rules import TOLERANCE, Instance, Key, instances

MAX_COMBINATIONS = 200_000
_NUMBER = compile_pattern(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")
_DIGITS = compile_pattern(r"^[\d.]+$")
_NOT_PRINTED = "—"


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a row: the printed text of each of its columns (None: not printed)."""

    texts: tuple[str | None, ...]

    def cells(self, table: str, row: str, columns: Sequence[str]) -> dict[Key, float]:
        return {
            (table, row, column): float(text)
            for column, text in zip(columns, self.texts, strict=True)
            if text is not None
        }

    def show(self) -> str:
        return "|".join(_NOT_PRINTED if text is None else text for text in self.texts)


def parse_reading(shown: str) -> Reading:
    return Reading(tuple(None if part == _NOT_PRINTED else part for part in shown.split("|")))


@dataclass(frozen=True, slots=True)
class PendingRow:
    """A row whose printed numbers can be read in more than one way (or in none)."""

    table: str
    row: str
    columns: tuple[str, ...]
    printed: str  # the numbers as printed, unsplit
    label: str  # the row's label path as printed
    page: int | None
    readings: tuple[Reading, ...]

    def cell_keys(self) -> tuple[Key, ...]:
        return tuple((self.table, self.row, column) for column in self.columns)


def split_readings(printed: str, columns: int, spaced: bool) -> tuple[Reading, ...]:
    """Every reading of a row's printed numbers as one number per column.

    Numbers separated by spaces are read as printed. A single run of digits is every way
    to cut it into ``columns`` numbers (no leading zeros), and — the row printed in one
    column only, the other cell left empty — the whole number in each column it may
    stand in; in a text whose numbers are spaced, a number alone is only the latter.
    A reading that leaves a cell empty breaks the form's rule that a row prints every
    column (`weigh`).
    """
    pieces = printed.split()
    if not pieces or not all(_DIGITS.match(piece) for piece in pieces):
        return ()
    if len(pieces) > 1:
        ok = len(pieces) == columns and all(_NUMBER.match(piece) for piece in pieces)
        return (Reading(tuple(pieces)),) if ok else ()
    digits = pieces[0]
    cuts = () if spaced else _cuts(digits, columns)
    if not _NUMBER.match(digits) or columns == 1:
        return cuts
    return cuts + tuple(
        Reading(tuple(digits if i == column else None for i in range(columns)))
        for column in range(columns)
    )


def _cuts(digits: str, columns: int) -> tuple[Reading, ...]:
    if columns == 1:
        return (Reading((digits,)),) if _NUMBER.match(digits) else ()
    out: list[Reading] = []
    for cut in range(1, len(digits)):
        head = digits[:cut]
        if not _NUMBER.match(head):
            continue
        out += [Reading((head, *rest.texts)) for rest in _cuts(digits[cut:], columns - 1)]
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Statement:
    """A figure the narrative states, and the sums of cells that hold the same quantity."""

    metric: str
    value: float
    alternatives: tuple[tuple[Key, ...], ...]


@cache
def _agreement() -> dict[str, tuple[tuple[Key, ...], ...]]:
    spec = load_yaml("agreement.yaml").get("metrics", {})
    return {
        metric: tuple(tuple(_key(term) for term in alt) for alt in alternatives)
        for metric, alternatives in spec.items()
    }


def _key(term: str) -> Key:
    table, row, col = term.split("/")
    return (table, row, col)


def statements(figures: Iterable[Figure], tables: Iterable[str]) -> list[Statement]:
    """The narrative's figures as statements about cells of ``tables`` (each metric and
    value once)."""
    wanted = set(tables)
    out: dict[tuple[str, float], Statement] = {}
    for figure in figures:
        alternatives = tuple(
            alt
            for alt in _agreement().get(figure.metric or "", ())
            if all(key[0] in wanted and key[2] != "*" for key in alt)
        )
        if alternatives and figure.metric:
            out.setdefault(
                (figure.metric, figure.value),
                Statement(figure.metric, figure.value, alternatives),
            )
    return list(out.values())


@dataclass(slots=True)
class Evidence:
    """What a reading is weighed against: the report's cells read for sure, the narrative's
    statements, and the same body's reports of the year before and after (their cells)."""

    fixed: Mapping[Key, float]
    statements: Sequence[Statement] = ()
    previous: Mapping[Key, float] | None = None
    following: Mapping[Key, float] | None = None
    previous_year: int | None = None
    following_year: int | None = None


@dataclass(slots=True)
class Outcome:
    row: PendingRow
    kept: Reading | None
    fewest: int = 0  # rules broken by the best readings of the row's group
    tied: tuple[Reading, ...] = ()
    too_many: bool = False


# A judge: the cells of this report it reads, and whether the rule holds on given values
# (None: not applicable, a cell it needs is not there).
Judge = tuple[frozenset[Key], Callable[[Mapping[Key, float]], bool | None]]


def _holds(
    instance: Instance, values: Mapping[Key, float], previous: Mapping[Key, float] | None
) -> bool | None:
    for ref in (*instance.total, *instance.parts):
        source = previous if ref.previous else values
        if source is None or ref.key not in source:
            return None
    return instance.holds(values, previous)


def _rule_judges(keys: frozenset[Key], evidence: Evidence) -> list[Judge]:
    """The table's rules on a report printing ``keys`` (an optional part counts where it
    is printed), and the rules across years with the reports around it."""
    judges: list[Judge] = []
    for instance in instances(keys):
        judges.append((frozenset(instance.keys), partial(_holds, instance, previous=None)))
    previous = evidence.previous
    if previous is not None:
        for instance in instances(keys, crossing=True):
            judges.append((frozenset(instance.keys), partial(_holds, instance, previous=previous)))
    following = evidence.following
    if following is not None:
        for instance in instances(following, crossing=True):
            own = frozenset(ref.key for ref in (*instance.total, *instance.parts) if ref.previous)
            judges.append((own, partial(_judge_following, instance, following)))
    return judges


def _judge_following(
    instance: Instance, following: Mapping[Key, float], values: Mapping[Key, float]
) -> bool | None:
    return _holds(instance, following, values)


def _statement_judges(evidence: Evidence) -> list[Judge]:
    return [
        (frozenset(key for alt in s.alternatives for key in alt), partial(_states, s))
        for s in evidence.statements
    ]


def _states(statement: Statement, values: Mapping[Key, float]) -> bool | None:
    sums = [
        sum(values[key] for key in alt)
        for alt in statement.alternatives
        if all(key in values for key in alt)
    ]
    if not sums:
        return None
    return any(abs(total - statement.value) <= TOLERANCE for total in sums)


class _RuleJudges:
    """The rules of a report printing a set of cells (an optional part counts where it is
    printed), made once per set."""

    def __init__(self, evidence: Evidence) -> None:
        self.evidence = evidence
        self.made: dict[frozenset[Key], list[Judge]] = {}

    def of(self, keys: frozenset[Key]) -> list[Judge]:
        found = self.made.get(keys)
        if found is None:
            found = self.made[keys] = _rule_judges(keys, self.evidence)
        return found


def weigh(rows: Sequence[PendingRow], evidence: Evidence) -> list[Outcome]:
    """For each row, the reading that breaks the fewest rules if it is the only one.

    A reading breaks: the rules of the report as it prints the reading's cells; a figure
    the narrative states for a cell it contradicts or leaves empty; and, once for every
    cell it leaves empty, the form's own rule that a row prints every column.
    """
    every = set(evidence.fixed)
    for row in rows:
        for reading in row.readings:
            every.update(reading.cells(row.table, row.row, row.columns))
    rule_judges = _RuleJudges(evidence)
    stated = _statement_judges(evidence)
    owner = {key: index for index, row in enumerate(rows) for key in row.cell_keys()}
    links = [
        {owner[key] for key in own if key in owner}
        for own, _ in (*rule_judges.of(frozenset(every)), *stated)
    ]
    outcomes: list[Outcome] = [Outcome(row, None) for row in rows]
    readable = {i for i, row in enumerate(rows) if row.readings}
    for group in _groups(len(rows), [rows_of & readable for rows_of in links]):
        if not readable.issuperset(group):
            continue  # a row with no reading at all: left out
        members = [rows[i] for i in group]
        mine = {key for row in members for key in row.cell_keys()}
        statements_here = [(own, judge) for own, judge in stated if own & mine]
        combos = 1
        for row in members:
            combos *= len(row.readings)
        if combos > MAX_COMBINATIONS:
            for i in group:
                outcomes[i].tied, outcomes[i].too_many = rows[i].readings, True
            continue
        best: list[tuple[Reading, ...]] = []
        fewest: int | None = None
        for choice in itertools.product(*(row.readings for row in members)):
            values = dict(evidence.fixed)
            for row, reading in zip(members, choice, strict=True):
                values.update(reading.cells(row.table, row.row, row.columns))
            empty = mine - values.keys()
            broken = len(empty)
            # every rule: one that names no cell of the group under one reading may be
            # there only because another reading of it leaves a cell empty
            broken += sum(
                1 for _, judge in rule_judges.of(frozenset(values)) if judge(values) is False
            )
            for own, judge in statements_here:
                verdict = judge(values)
                if verdict is False or (verdict is None and own & empty):
                    broken += 1
            if fewest is None or broken < fewest:
                fewest, best = broken, [choice]
            elif broken == fewest:
                best.append(choice)
        for position, i in enumerate(group):
            kept = tuple(dict.fromkeys(choice[position] for choice in best))
            outcome = outcomes[i]
            outcome.fewest = fewest or 0
            outcome.tied = kept
            outcome.kept = kept[0] if len(kept) == 1 else None
    return outcomes


def _groups(count: int, links: Iterable[set[int]]) -> list[list[int]]:
    """Rows joined by the rules that name more than one of them."""
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for rows in links:
        if not rows:
            continue
        first, *rest = sorted(rows)
        for other in rest:
            parent[find(other)] = find(first)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


# ---------------------------------------------------------------- the check of a row left out

_LEFT_OUT = compile_pattern(
    r"the numbers «(?P<printed>[^»]*)» of row «(?P<label>[^»]*)»(?: on page (?P<page>\d+))? "
    r"\((?P<columns>[^)]*)\) read as (?P<readings>[^;]*);"
)


def _note(row: PendingRow, readings: int, passed: bool | None, detail: str) -> Check:
    """The text.glued_split reading note of a row, counting the readings it speaks of."""
    return Check(GLUED_SPLIT.name, row.table, row.row, None, float(readings), passed, detail)


def left_out_check(outcome: Outcome) -> Check:
    """The reading note of a row left out: its numbers as printed and every reading of
    them (what a later step needs to weigh them again with more evidence)."""
    row = outcome.row
    where = f" on page {row.page}" if row.page is not None else ""
    listed = ", ".join(reading.show() for reading in row.readings) or "nothing"
    if not row.readings:
        why = f"no reading as {len(row.columns)} numbers"
    elif outcome.too_many:
        why = "too many readings with the rows it shares rules with to weigh them"
    else:
        why = (
            f"{len(outcome.tied)} readings break equally few rules ({outcome.fewest}): "
            + ", ".join(reading.show() for reading in outcome.tied)
        )
    return _note(
        row,
        len(outcome.tied),
        None,
        f"not applicable: the numbers «{row.printed}» of row «{row.label}»{where} "
        f"({'|'.join(row.columns)}) read as {listed}; {why}; its cells are left out",
    )


def kept_check(outcome: Outcome, evidence: str) -> Check:
    """The reading note of a row read by weighing: what it was weighed against."""
    row = outcome.row
    assert outcome.kept is not None
    others = len(row.readings) - 1
    return _note(
        row,
        len(row.readings),
        True,
        f"the numbers «{row.printed}» of row «{row.label}» ({'|'.join(row.columns)}) read as "
        f"{outcome.kept.show()}: of {len(row.readings)} readings, the only one that breaks "
        f"the fewest rules ({outcome.fewest}) {evidence}"
        + (f"; {others} other reading{'s' if others != 1 else ''} break more" if others else ""),
    )


def pending_row(check_table: str, scope: str, detail: str) -> PendingRow | None:
    """The row a left-out check describes (None for a check of another shape)."""
    match = _LEFT_OUT.search(detail)
    if match is None or match["readings"] == "nothing":
        return None
    page = match["page"]
    return PendingRow(
        table=check_table,
        row=scope,
        columns=tuple(match["columns"].split("|")),
        printed=match["printed"],
        label=match["label"],
        page=int(page) if page else None,
        readings=tuple(parse_reading(shown) for shown in match["readings"].split(", ")),
    )


@dataclass(slots=True)
class Weighed:
    """What weighing a report's rows gives: cells to add and the checks of the rows."""

    cells: list[tuple[PendingRow, Reading]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    left_out: list[PendingRow] = field(default_factory=list)


def settle(rows: Sequence[PendingRow], evidence: Evidence, against: str) -> Weighed:
    """Weigh ``rows``; the kept readings with a note each, the rows left out with theirs."""
    result = Weighed()
    for outcome in weigh(rows, evidence):
        if outcome.kept is not None:
            result.cells.append((outcome.row, outcome.kept))
            if len(outcome.row.readings) > 1:
                result.checks.append(kept_check(outcome, against))
        else:
            result.left_out.append(outcome.row)
            result.checks.append(left_out_check(outcome))
    return result
