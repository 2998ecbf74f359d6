"""Splitting glued digit runs into cell values with the template's arithmetic.

A run such as ``21710000218`` must become seven numbers for a 表三 row; the row's own
rule (the total is the sum of the six applicant columns) usually leaves one reading. The
rules are the template's (`reportextract.template.rules.line_test`).
Where a row keeps several readings, the columns' rules (（七）总计 is the sum of the
outcome rows; new + carried over = handled + carried forward) are tried over the
ambiguous rows together. A row that still has several readings, or none, is left out
and the reason recorded — the split is never guessed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Rule = Callable[[Sequence[float]], bool]

MAX_DIGITS = 48
MAX_READINGS = 5000
_NUMBER = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class ColumnKind:
    decimal: bool = False
    signed: bool = False


def _tokens(run: str) -> tuple[list[str], str]:
    """The run's hard pieces (split at spaces and before a minus) and its unit suffix."""
    unit = ""
    match = re.search(r"(万元|元)$", run)
    if match:
        unit, run = match.group(1), run[: match.start()]
    pieces: list[str] = []
    for piece in run.split():
        pieces.extend(p for p in re.split(r"(?=-)", piece) if p)
    return pieces, unit


def _splits(token: str, kinds: Sequence[ColumnKind]) -> list[list[str]]:
    """Every way to read ``token`` as ``len(kinds)`` numbers of the given kinds, left to right."""
    out: list[list[str]] = []

    def walk(rest: str, index: int, acc: list[str]) -> None:
        if len(out) > MAX_READINGS:
            return
        if index == len(kinds):
            if not rest:
                out.append(list(acc))
            return
        remaining = len(kinds) - index
        for cut in range(1, len(rest) - remaining + 2):
            number = rest[:cut]
            kind = kinds[index]
            if not _NUMBER.match(number):
                continue
            if number.startswith("-") and not kind.signed:
                continue
            if "." in number and not kind.decimal:
                continue
            if number.startswith("-") and index != 0:
                continue
            acc.append(number)
            walk(rest[cut:], index + 1, acc)
            acc.pop()

    walk(token, 0, [])
    return out


def readings(run: str, kinds: Sequence[ColumnKind], rule: Rule | None = None) -> list[list[str]]:
    """Every reading of a glued run as one number per column that satisfies ``rule``."""
    pieces, unit = _tokens(run)
    digits = sum(len(p) for p in pieces)
    if not pieces or digits > MAX_DIGITS or len(pieces) > len(kinds):
        return []
    results: list[list[str]] = []
    n = len(kinds)
    for counts in _compositions(n, len(pieces)):
        position = 0
        partial: list[list[list[str]]] = []
        for piece, count in zip(pieces, counts, strict=True):
            options = _splits(piece, kinds[position : position + count])
            if not options:
                break
            partial.append(options)
            position += count
        else:
            for combo in itertools.product(*partial):
                values = [number for part in combo for number in part]
                if rule is None or rule([float(v) for v in values]):
                    results.append(values)
                if len(results) > MAX_READINGS:
                    return results
    if unit and results:
        results = [[*values[:-1], values[-1] + unit] for values in results]
    return results


def _compositions(total: int, parts: int) -> list[tuple[int, ...]]:
    """Ways to give ``parts`` pieces at least one number each, ``total`` numbers in all."""
    if parts == 0:
        return [()] if total == 0 else []
    return [
        (first, *rest)
        for first in range(1, total - parts + 2)
        for rest in _compositions(total - first, parts - 1)
    ]
