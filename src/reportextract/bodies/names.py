"""A body's printed name taken apart: the places it names, and what kind of body it is.

淮安市洪泽区人民政府 → places 淮安市 › 洪泽区, a government; 上海市人民政府办公厅 → 上海市, an
office; 平潭综合实验区地方税务局 → the zone 平潭综合实验区 (平潭 is 平潭县's short name), a
department of it; 洪泽区高良涧街道办事处 → 洪泽区, a township.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..caching import compile_pattern
from .divisions import Division, Divisions

GOVERNMENT, OFFICE, DEPARTMENT, TOWNSHIP, ZONE, OTHER = (
    "government",
    "office",
    "department",
    "township",
    "zone",
    "other",
)
KINDS = (GOVERNMENT, OFFICE, DEPARTMENT, TOWNSHIP, ZONE, OTHER)

ZONE_WORDS = (
    "综合实验区",
    "经济技术开发区",
    "高新技术产业开发区",
    "高新技术开发区",
    "经济开发区",
    "高新区",
    "开发区",
    "工业园区",
    "产业园区",
    "保税区",
    "综合保税区",
    "新区",
    "实验区",
    "试验区",
    "示范区",
)
_ZONE = "|".join(sorted(ZONE_WORDS, key=len, reverse=True))
_ZONE_PREFIX = compile_pattern(rf"^(?P<zone>[\u4e00-\u9fff]{{0,8}}?(?:{_ZONE}))")
_ZONE_BODY = compile_pattern(r"^(?:党工委)?(?:管理委员会|管委会)?$")
_GOVERNMENT = compile_pattern(r"^(?:人民政府|政府)?$")
_OFFICE = compile_pattern(r"^(?:人民政府|政府)?(?:办公室|办公厅|办)$")
_TOWNSHIP = compile_pattern(
    r"^(?P<place>[\u4e00-\u9fff]{1,8}?)(?P<unit>街道办事处|街道|镇人民政府|乡人民政府|镇政府|乡政府|镇|乡|苏木)$"
)
_DEPARTMENT_END = compile_pattern(
    r"(?:局|委员会|委|厅|中心|办公室|办|署|院|处|所|站|队|会|部|公司|馆)$"
)
_BRACKETS = compile_pattern(r"[（(][^）)]*[）)]")


@dataclass(slots=True)
class ParsedName:
    """A printed body name: the divisions it names (outermost first) and the rest."""

    printed: str
    places: list[str] = field(default_factory=list)  # 淮安市, 洪泽区 as printed
    zone: str | None = None  # 平潭综合实验区
    zone_short: str | None = None  # 平潭: a division's short name the zone starts with
    local: str = ""  # 人民政府, 地方税务局, 高良涧街道办事处 …
    kind: str = OTHER

    @property
    def named_place(self) -> str | None:
        return self.places[-1] if self.places else None


def clean_name(name: str) -> str:
    """NFKC, no spaces, no bracketed notes: （管委会） is kept only as a body word."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    text = _BRACKETS.sub(
        lambda m: m.group(0)[1:-1] if m.group(0)[1:-1] in ("管委会", "管理委员会") else "", text
    )
    return text.strip("·")


def _leading_division(text: str, table: Divisions, chain: list[str]) -> str | None:
    """The longest division name at the start of ``text`` that continues the chain."""
    for length in range(min(table.max_name, len(text)), 1, -1):
        candidate = text[:length]
        if table.is_name(candidate) and (not chain or _continues(chain, candidate, table)):
            return candidate
    return None


def _continues(chain: list[str], name: str, table: Divisions) -> bool:
    """``name`` is a division below the last one of the chain (any year)."""
    for child in table.named(name):
        for parent in table.named(chain[-1]):
            if child.code != parent.code and (
                child.parent_code == parent.code
                or any(a.code == parent.code for a in table.ancestors(child))
            ):
                return True
    return False


def parse_name(printed: str, table: Divisions) -> ParsedName:
    name = clean_name(printed)
    parsed = ParsedName(printed=name)
    rest = name
    while rest:
        place = _leading_division(rest, table, parsed.places)
        if place is None:
            break
        parsed.places.append(place)
        rest = rest[len(place) :]
    zone = _ZONE_PREFIX.match(rest)
    if zone and zone.group("zone") and not _GOVERNMENT.match(rest):
        head = zone.group("zone")
        short = _short_prefix(head, table)
        if short is not None or parsed.places:
            parsed.zone = head
            parsed.zone_short = short
            rest = rest[len(head) :]
    parsed.local = rest
    parsed.kind = _kind(parsed)
    return parsed


def _short_prefix(zone: str, table: Divisions) -> str | None:
    """The division short name a zone's name starts with (平潭 in 平潭综合实验区)."""
    for length in range(min(6, len(zone) - 2), 1, -1):
        if table.is_short_name(zone[:length]):
            return zone[:length]
    return None


def _kind(parsed: ParsedName) -> str:
    local = parsed.local
    if parsed.zone is not None:
        if _ZONE_BODY.match(local):
            return ZONE
        return OFFICE if _OFFICE.match(local) else DEPARTMENT
    if not parsed.places:
        if _TOWNSHIP.match(local):
            return TOWNSHIP
        return DEPARTMENT if _DEPARTMENT_END.search(local) else OTHER
    if _GOVERNMENT.match(local):
        return GOVERNMENT
    if _OFFICE.match(local):
        return OFFICE
    if _TOWNSHIP.match(local):
        return TOWNSHIP
    if _DEPARTMENT_END.search(local):
        return DEPARTMENT
    return OTHER


def canonical_local(parsed: ParsedName) -> str:
    """The body's own part of its official name: 人民政府, 人民政府办公室, 地方税务局 …"""
    local = parsed.local
    if parsed.zone is not None:
        if parsed.kind == ZONE:
            return parsed.zone + "管理委员会"
        if parsed.kind == OFFICE:
            return parsed.zone + "管理委员会办公室"
        return parsed.zone + local
    if parsed.kind == GOVERNMENT:
        return "人民政府"
    if parsed.kind == OFFICE:
        word = "办公厅" if local.endswith("办公厅") else "办公室"
        return "人民政府" + word
    if parsed.kind == TOWNSHIP:
        match = _TOWNSHIP.match(local)
        assert match is not None
        unit = match.group("unit")
        if unit.startswith("街道"):
            unit = "街道办事处"
        elif unit.startswith(("镇", "乡")):
            unit = unit[0] + "人民政府"
        return match.group("place") + unit
    return local


def official_name(parsed: ParsedName, division: Division | None, table: Divisions) -> str:
    """The body's full official name: 淮安市洪泽区人民政府, 平潭综合实验区管理委员会."""
    local = canonical_local(parsed)
    if parsed.zone is not None and not parsed.places:
        return local
    if division is None:
        return "".join(parsed.places) + local
    return table.qualified_name(division) + local
