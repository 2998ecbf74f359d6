"""Who published a report: its body, the division the body belongs to, and why we think so.

The division comes from the report's own evidence, offline:

1. the places the printed name spells (淮安市洪泽区人民政府 → 洪泽区 in 淮安市), or the zone
   it names (平潭综合实验区 → 平潭县, whose short name it starts with), or, for a name
   without a place (高良涧街道办事处, 地方税务局), the division printed right before that
   name in the text;
2. where a name fits several divisions (鼓楼区 is in 南京, 福州, 徐州 and 开封): the full
   name in the text (南京市鼓楼区), the city named near the name, the postcode and the
   phone area code of the contact line, and the site's domain.

A division is chosen only when one candidate fits every piece of evidence that speaks and
at least one speaks for it; otherwise the body is unresolved, with the reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Body
from .contacts import (
    Contacts,
    area_code_matches,
    area_place,
    find_contacts,
    host_matches,
    postcode_matches,
)
from .divisions import Division, Divisions, divisions
from .names import ParsedName, clean_name, official_name, parse_name

_LOOK_BEHIND = 24
_NEAR = 30


@dataclass(slots=True)
class Evidence:
    """What a report says about who published it."""

    issuer: str | None
    year: int | None = None
    text: str = ""  # head lines, narrative and contact lines
    urls: list[str] = field(default_factory=list)  # the page's own URL, its site's domain


def _hash(text: str, length: int) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def body_id_for(division_code: str | None, key: str) -> str:
    """Stable across runs and machines: the division's code and a digest of the body's name."""
    if division_code is None:
        return f"x-{_hash(key, 12)}"
    return f"{division_code}-{_hash(division_code + '|' + key, 8)}"


def _named(table: Divisions, name: str, year: int | None) -> list[Division]:
    found = table.named(name, year)
    if found or year is None:
        return found
    # A name of another year (renamed since, or not yet in the list): the closest version.
    versions = table.named(name)
    best: dict[str, Division] = {}
    for record in versions:
        distance = min(abs(record.first - year), abs(record.last - year))
        current = best.get(record.code)
        if current is None or distance < min(abs(current.first - year), abs(current.last - year)):
            best[record.code] = record
    return list(best.values())


def _ancestor_names(table: Divisions, division: Division) -> set[str]:
    return {a.name for a in table.ancestors(division)}


def _fits_chain(table: Divisions, division: Division, outer: list[str]) -> bool:
    names = _ancestor_names(table, division)
    return all(name in names for name in outer)


def _candidates(parsed: ParsedName, table: Divisions, year: int | None) -> list[Division]:
    if parsed.places:
        found = _named(table, parsed.places[-1], year)
        return [d for d in found if _fits_chain(table, d, parsed.places[:-1])]
    if parsed.zone_short:
        found = table.with_short_name(parsed.zone_short, table.clip(year))
        codes = {d.code for d in found}
        # 淮安经济技术开发区: 淮安市 rather than its district 淮安区 of the same short name.
        return [d for d in found if d.parent_code not in codes]
    return []


def _divisions_before(text: str, name: str, table: Divisions, year: int | None) -> list[str]:
    """Division names printed right before ``name`` in the text (南京市鼓楼区 → 南京市, 鼓楼区)."""
    found: list[str] = []
    for match in re.finditer(re.escape(name), text):
        before = text[max(0, match.start() - _LOOK_BEHIND) : match.start()]
        for start in range(len(before)):
            parsed = parse_name(before[start:], table)
            if parsed.places and not parsed.local and parsed.zone is None:
                found.append("".join(parsed.places))
                break
    return found


@dataclass(slots=True)
class _Item:
    """One piece of evidence and the candidates it speaks for."""

    what: str
    supports: set[str]


def _text_items(
    candidates: list[Division], table: Divisions, text: str, printed: str
) -> list[_Item]:
    items = []
    for division in candidates:
        outer = table.ancestors(division)
        spelled = [a.name + division.name for a in outer] + [
            a.short + division.name for a in outer if len(a.short) >= 2
        ]
        if any(s in text for s in spelled):
            items.append(_Item(f"the text names {table.qualified_name(division)}", {division.code}))
    near_supports: dict[str, set[str]] = {}
    for match in re.finditer(re.escape(printed), text):
        window = text[max(0, match.start() - _NEAR) : match.end() + _NEAR]
        for division in candidates:
            for a in table.ancestors(division):
                if a.level == "city" and (
                    a.name in window or (len(a.short) >= 2 and a.short in window)
                ):
                    near_supports.setdefault(a.name, set()).add(division.code)
    for city, codes in near_supports.items():
        items.append(_Item(f"{city} is named near {printed}", codes))
    return items


def _contact_items(candidates: list[Division], table: Divisions, contacts: Contacts) -> list[_Item]:
    items = []
    for postcode in contacts.postcodes[:2]:
        items.append(
            _Item(
                f"postcode {postcode}",
                {d.code for d in candidates if postcode_matches(postcode, d, table)},
            )
        )
    for area in contacts.area_codes[:3]:
        place = area_place(area)
        if place is None:
            continue
        items.append(
            _Item(
                f"area code {area} ({place})",
                {d.code for d in candidates if area_code_matches(area, d, table)},
            )
        )
    for host in contacts.hosts[:4]:
        codes = {d.code for d in candidates if host_matches(host, d, table)}
        if codes:
            items.append(_Item(f"site {host}", codes))
    return items


def _choose(
    candidates: list[Division], items: list[_Item]
) -> tuple[Division | None, list[str], list[str]]:
    """The one candidate every speaking item fits and one supports; what spoke for and against."""
    speaking = [item for item in items if item.supports]
    fitting = [
        d
        for d in candidates
        if all(d.code in item.supports for item in speaking)
        and (len(candidates) == 1 or any(d.code in item.supports for item in speaking))
    ]
    if len(fitting) == 1:
        chosen = fitting[0]
        return chosen, [i.what for i in speaking], []
    silent = [i.what for i in items if not i.supports]
    return None, [i.what for i in speaking], silent


def _describe(divisions_: Iterable[Division], table: Divisions) -> str:
    return ", ".join(f"{table.qualified_name(d)} {d.code}" for d in divisions_)


def identify(evidence: Evidence, table: Divisions | None = None) -> Body | None:
    """The body that published the report, or None when the report prints no issuer."""
    if not evidence.issuer:
        return None
    table = table or divisions()
    parsed = parse_name(evidence.issuer, table)
    contacts = find_contacts(evidence.text, evidence.urls)
    fingerprint = ",".join([*contacts.postcodes[:1], *contacts.area_codes[:1]])
    year = evidence.year
    candidates = _candidates(parsed, table, year)
    how = f"the name {parsed.printed}"
    if not candidates and not parsed.places and parsed.zone is None:
        local = clean_name(parsed.local)
        before = _divisions_before(evidence.text, local, table, year) if len(local) >= 3 else []
        for chain in dict.fromkeys(before):
            reparsed = parse_name(chain + local, table)
            found = _candidates(reparsed, table, year)
            if found:
                parsed, candidates = reparsed, found
                how = f"the full name {chain}{local} in the text"
                break
    if not candidates:
        return _unresolved(
            parsed, table, fingerprint, f"no administrative division is named in {parsed.printed!r}"
        )
    items = _text_items(candidates, table, evidence.text, evidence.issuer) + _contact_items(
        candidates, table, contacts
    )
    chosen, spoke, silent = _choose(candidates, items)
    if chosen is None:
        if len(candidates) == 1:
            reason = (
                f"{how} fits {_describe(candidates, table)}, but the evidence disagrees: "
                + "; ".join(spoke)
            )
        else:
            reason = (
                f"{how} fits {len(candidates)} divisions ({_describe(candidates, table)}); "
                + (
                    "the evidence does not single one out: " + "; ".join(spoke)
                    if spoke
                    else "the report gives no other evidence"
                )
            )
        if silent:
            reason += f" (no candidate matches {', '.join(silent)})"
        return _unresolved(parsed, table, fingerprint, reason)
    current = table.current(chosen)
    name = official_name(parsed, current, table)
    local = name.removeprefix(table.qualified_name(current))
    note = f"division {current.code} {table.qualified_name(current)} from {how}"
    if current.code != chosen.code:
        note += f" ({chosen.name} {chosen.code} in {year})"
    if spoke:
        note += "; " + ", ".join(spoke) + " agree" + ("s" if len(spoke) == 1 else "")
    return Body(
        body_id=body_id_for(current.code, local),
        name=name,
        kind=parsed.kind,
        division_code=current.code,
        resolved=True,
        note=note,
    )


def _unresolved(parsed: ParsedName, table: Divisions, fingerprint: str, reason: str) -> Body:
    name = official_name(parsed, None, table)
    return Body(
        body_id=body_id_for(None, f"{name}|{fingerprint}"),
        name=name,
        kind=parsed.kind,
        division_code=None,
        resolved=False,
        note=reason,
    )
