"""Picking bodies out of a dataset: by name or division code, and by the region they are in.

``--issuer`` matches a body, never a substring: one of the names its reports print, its
official name, its division's code, or a name that resolves to the same body
(洪泽区 → 淮安市洪泽区人民政府). ``--within`` is a division, by code or name (淮安市, 320800,
淮安市洪泽区): the bodies of that division and of every division under it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ReportExtractError
from .divisions import Division, Divisions, divisions
from .names import clean_name, parse_name
from .resolve import Evidence, identify


class UnknownDivision(ReportExtractError):
    """A --within that names no division, or several."""


@dataclass(frozen=True, slots=True)
class BodyRow:
    body_id: str
    name: str | None
    division_code: str | None
    names: tuple[str, ...]

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> BodyRow:
        names = row["names"]
        return cls(
            row["body_id"],
            row["name"],
            row["division_code"],
            tuple(names) if names is not None else (),
        )


def matching_bodies(bodies: Iterable[BodyRow], wanted: str) -> list[str]:
    """The body_ids ``wanted`` names: a printed or official name, a division code, or a
    name that resolves to the same body."""
    wanted = clean_name(wanted)
    bodies = list(bodies)
    if re.fullmatch(r"\d{6}", wanted):
        return [b.body_id for b in bodies if b.division_code == wanted]
    exact = [b.body_id for b in bodies if wanted == b.name or wanted in b.names]
    resolved = identify(Evidence(issuer=wanted))
    same = [
        b.body_id
        for b in bodies
        if resolved is not None and resolved.resolved and b.body_id == resolved.body_id
    ]
    return list(dict.fromkeys([*exact, *same]))


def find_division(wanted: str, year: int | None = None, table: Divisions | None = None) -> Division:
    """The division ``wanted`` names: a code (320800), a name (淮安市) or a qualified name
    (淮安市洪泽区). UnknownDivision when there is none or more than one."""
    table = table or divisions()
    wanted = clean_name(wanted)
    if re.fullmatch(r"\d{6}", wanted):
        found = table.get(wanted, year) or table.get(wanted)
        if found is None:
            raise UnknownDivision(f"no administrative division has the code {wanted}")
        return found
    parsed = parse_name(wanted, table)
    if not parsed.places or parsed.local:
        raise UnknownDivision(f"{wanted!r} is not the name of an administrative division")
    candidates = [
        d
        for d in table.named(parsed.places[-1], year if year is not None else table.latest_year)
        or table.named(parsed.places[-1])
        if all(name in {a.name for a in table.ancestors(d)} for name in parsed.places[:-1])
    ]
    codes = {d.code: d for d in candidates}
    if len(codes) != 1:
        listed = ", ".join(f"{table.qualified_name(d)} {d.code}" for d in codes.values())
        raise UnknownDivision(
            f"{wanted!r} names {len(codes)} divisions ({listed}): give the code or the city too"
            if codes
            else f"no administrative division is named {wanted!r}"
        )
    return next(iter(codes.values()))


def is_within(code: str | None, region: Division, table: Divisions | None = None) -> bool:
    """The division ``code`` is ``region`` or lies under it."""
    if code is None:
        return False
    if code == region.code:
        return True
    table = table or divisions()
    division = table.get(code)
    return division is not None and any(a.code == region.code for a in table.ancestors(division))


def level_order(code: str | None, table: Divisions | None = None) -> int:
    """0 for a province, 1 for a city, 2 for a county; 3 when unknown."""
    if code is None:
        return 3
    division = (table or divisions()).get(code)
    levels: Sequence[str] = ("province", "city", "county")
    return levels.index(division.level) if division is not None else 3
