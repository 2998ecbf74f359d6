"""What a report's contact line and links say about where it comes from.

- The phone area code (0517-87290606): the city it belongs to, from Google's
  libphonenumber data (the ``phonenumbers`` package, geocoding in Chinese).
- The postcode (邮编：223100): the cities whose main post office shares its first three
  digits (the postal zone), from the city table of the ``phone`` package
  (https://github.com/ls0f/phone, one postcode and area code per city).
- The site's domain (www.qg.gov.cn): the pinyin of the place names it spells (qg = 泉港,
  pingtan = 平潭, njgl = 南京 + 鼓楼), with ``pypinyin``.

Each is evidence about a candidate division, never a division by itself.
"""

from __future__ import annotations

import importlib.util
import re
import struct
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..caching import cached, compile_pattern, package_version
from .divisions import Division, Divisions

_PHONE = compile_pattern(
    r"(?:电\s*话|传\s*真|热\s*线|联系方式|Tel|TEL)[^0-9\n]{0,8}?(?:\(|（)?(0\d{2,3})(?:\)|）)?\s*[-－—–]?\s*(\d{7,8})(?!\d)"
)
_POSTCODE = compile_pattern(r"(?:邮\s*编|邮政编码)\s*[:：]?\s*(\d{6})(?!\d)")
_HOST = compile_pattern(r"(?:https?://)?((?:[a-z0-9-]+\.)+gov\.cn)\b", re.IGNORECASE)
_NATIONAL_HOSTS = frozenset({"www.gov.cn", "gov.cn"})


@dataclass(slots=True)
class Contacts:
    """The contact details a report prints, as found."""

    area_codes: list[str] = field(default_factory=list)  # 0517
    postcodes: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)  # www.qg.gov.cn


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def find_contacts(text: str, urls: list[str]) -> Contacts:
    """Area codes of phone and fax numbers, postcodes and .gov.cn hosts, in order of appearance."""
    hosts = [m.group(1).lower() for source in (*urls, text) for m in _HOST.finditer(source)]
    return Contacts(
        area_codes=_unique([m.group(1) for m in _PHONE.finditer(text)]),
        postcodes=_unique([m.group(1) for m in _POSTCODE.finditer(text)]),
        hosts=_unique([h for h in hosts if h not in _NATIONAL_HOSTS]),
    )


@cache
def area_place(area_code: str) -> str | None:
    """江苏省淮安市 for 0517, 上海市 for 021; None for an unknown code."""
    places = _area_places()
    if area_code in places:
        return places[area_code]
    return _geocode(area_code)


def _geocode(area_code: str) -> str | None:
    import phonenumbers
    from phonenumbers import geocoder

    try:
        number = phonenumbers.parse(f"{area_code}-88888888", "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return geocoder.description_for_number(number, "zh") or None


@cache
def _area_places() -> dict[str, str | None]:
    """The place of every area code a contact line can print (0 and two or three digits),
    from libphonenumber once, then from the cache (its geocoder takes a second to load)."""
    return cached(
        "area-codes",
        f"phonenumbers {package_version('phonenumbers')}",
        lambda: {
            code: _geocode(code)
            for digits in (2, 3)
            for code in (f"0{n:0{digits}d}" for n in range(10**digits))
        },
    )


def _phone_data() -> Path | None:
    spec = importlib.util.find_spec("phone")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "phone.dat"
    return path if path.is_file() else None


@dataclass(frozen=True, slots=True)
class CityContact:
    province: str  # 江苏 (short)
    city: str  # 淮安 (short)
    postcode: str
    area_code: str


@cache
def city_contacts() -> tuple[CityContact, ...]:
    """The ``phone`` package's city table: province, city, postcode and area code of each city.

    Its data file starts with a version (4 bytes) and the offset of its index (int32),
    then the city records as ``province|city|postcode|area code`` separated by NUL.
    """
    path = _phone_data()
    if path is None:
        return ()
    data = path.read_bytes()
    _version, index_offset = struct.unpack("<4si", data[:8])
    out = []
    for record in data[8:index_offset].split(b"\x00"):
        parts = record.decode("utf-8", "replace").split("|")
        if len(parts) == 4 and re.fullmatch(r"\d{6}", parts[2]):
            out.append(CityContact(*parts))
    return tuple(out)


def _short(name: str) -> str:
    return re.sub(r"(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$", "", name)


def city_of(division: Division, table: Divisions) -> Division:
    """The prefecture-level city a division is in (itself for a city or province)."""
    if division.level != "county":
        return division
    parent = table.get(division.parent_code or "", division.last)
    return parent if parent is not None else division


def city_postcodes(city: Division, table: Divisions) -> list[str]:
    """Postcodes the ``phone`` table gives for a city (or a municipality)."""
    province = table.get(city.province_code, city.last)
    province_short = province.short if province else ""
    return [
        c.postcode
        for c in city_contacts()
        if c.province == province_short
        and (c.city == city.short or c.city == province_short)
        and (city.level != "province" or c.city == province_short)
    ]


def postcode_matches(postcode: str, division: Division, table: Divisions) -> bool:
    """The postcode is in the postal zone (first three digits) of the division's city."""
    city = city_of(division, table)
    return any(code[:3] == postcode[:3] for code in city_postcodes(city, table))


def area_code_matches(area_code: str, division: Division, table: Divisions) -> bool | None:
    """True or False; None when the area code is unknown."""
    place = area_place(area_code)
    if place is None:
        return None
    city = city_of(division, table)
    province = table.get(division.province_code, division.last)
    names = [city.name]
    if province is not None and city.level != "province":
        names = [province.name + city.name, province.name + city.short, city.name]
    return any(place.startswith(name) or place == name for name in names)


@cache
def _pinyin(text: str) -> tuple[str, str]:
    known = _division_pinyin().get(text)
    if known is not None:
        return known[0], known[1]
    return _spell(text)


def _spell(text: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text)), "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))


@cache
def _division_pinyin() -> dict[str, tuple[str, str]]:
    """The pinyin of every division's short name, from pypinyin once, then from the cache
    (its dictionary takes a second to load)."""
    from .divisions import division_data_key, divisions

    return cached(
        "division-pinyin",
        f"pypinyin {package_version('pypinyin')} {division_data_key()}",
        lambda: {d.short: _spell(d.short) for d in divisions().records},
    )


def _spellings(short: str) -> set[str]:
    full, initials = _pinyin(short)
    return {full, initials} if len(initials) >= 2 else {full}


def host_label(host: str) -> str:
    """The part of a host that names the place: www.qg.gov.cn → qg, njgl.gov.cn → njgl."""
    labels = host.lower().removesuffix(".gov.cn").split(".")
    labels = [label for label in labels if label not in ("www", "www2", "zwgk", "xxgk")]
    return labels[-1] if labels else ""


def host_matches(host: str, division: Division, table: Divisions) -> bool:
    """The host spells the division's name, or its city's followed by its own, in pinyin."""
    label = host_label(host)
    if not label:
        return False
    own = _spellings(division.short)
    if label in own:
        return True
    city = city_of(division, table)
    if city is division:
        return False
    return any(label == c + o for c in _spellings(city.short) for o in own)
