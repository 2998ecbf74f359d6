"""Issuers with real place names: districts, counties, cities, offices, bureaus, towns, zones.

Places are the real divisions of the national list (``reportextract.bodies.divisions``),
among them district names that several cities share (鼓楼区 is in 南京, 福州, 徐州 and
开封), so that resolving a report's division can be tested at scale. Postcodes and phone
area codes are those of the real city (the ``phone`` package's city table), the domain
often spells the place in pinyin; townships and streets keep fictional names.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from ..bodies.contacts import city_contacts
from ..bodies.divisions import Division, divisions, is_municipality

_TOWN_FIRST = "石柳杏桑莲竹松梅桃菊荷芦"
_TOWN_SECOND = "桥塘坪湾岗埠口铺渡庄"
_ROADS = ("人民", "建设", "解放", "和平", "文化", "中山", "滨江", "新华", "长安", "迎宾", "府前")
_ZONES = ("经济技术开发区", "高新技术产业开发区", "综合保税区")
# Share of district and county reports whose place's name other divisions have too.
SHARED_NAME_SHARE = 0.3

# (department, short form used in document numbers, "we" in the narrative)
DEPARTMENTS = (
    ("生态环境局", "环", "我局"),
    ("自然资源和规划局", "自然资源", "我局"),
    ("财政局", "财", "我局"),
    ("教育局", "教", "我局"),
    ("公安局", "公", "我局"),
    ("市场监督管理局", "市监", "我局"),
    ("住房和城乡建设局", "建", "我局"),
    ("交通运输局", "交", "我局"),
    ("人力资源和社会保障局", "人社", "我局"),
    ("卫生健康委员会", "卫健", "我委"),
    ("民政局", "民", "我局"),
    ("农业农村局", "农", "我局"),
    ("应急管理局", "应急", "我局"),
    ("司法局", "司", "我局"),
    ("文化和旅游局", "文旅", "我局"),
    ("水利局", "水", "我局"),
    ("医疗保障局", "医保", "我局"),
    ("审计局", "审", "我局"),
)

KINDS = ("district", "county", "city", "office", "department", "town", "zone")
_KIND_WEIGHTS = (30, 14, 10, 10, 22, 8, 6)


@dataclass(frozen=True, slots=True)
class Issuer:
    full: str  # issuer_full: the complete official name
    title_name: str  # the name as the report title prints it (truth `issuer`)
    kind: str
    city: str  # e.g. 淮安市
    we: str  # 我区 / 我市 / 我局 … as the narrative calls itself
    office: str  # the office that signs and publishes the report
    doc_prefix: str  # document-number prefix, e.g. 洪泽政办
    scale: str  # small / medium / large: how many applications it handles
    address: str
    street: str  # the address without the place name
    postcode: str
    phone: str
    email: str
    website: str  # e.g. 淮安市人民政府门户网站
    domain: str
    superior: str  # the government the body reports to (区政府, 市政府 …)
    division_code: str = ""  # the GB/T 2260 division the body belongs to


@dataclass(frozen=True, slots=True)
class _Places:
    cities: tuple[Division, ...]  # cities (and municipalities) with a postcode and area code
    counties: dict[str, tuple[Division, ...]]  # city code → its districts and counties
    shared: tuple[tuple[Division, ...], ...]  # county-level divisions that share a name
    contact: dict[str, tuple[str, str]]  # city code → (postcode, area code)


@cache
def _places() -> _Places:
    table = divisions()
    year = table.latest_year
    contact_by_name = {(c.province, c.city): (c.postcode, c.area_code) for c in city_contacts()}
    cities = []
    contact: dict[str, tuple[str, str]] = {}
    for division in table.records:
        if not division.exists_in(year) or division.level not in ("city", "province"):
            continue
        if division.level == "province" and not is_municipality(division):
            continue
        province = table.get(division.province_code, year)
        key = (province.short if province else "", division.short)
        if division.level == "province":
            key = (division.short, division.short)
        if key in contact_by_name:
            cities.append(division)
            contact[division.code] = contact_by_name[key]
    counties = {
        city.code: tuple(d for d in table.children(city.code, year) if d.level == "county")
        for city in cities
    }
    by_name: dict[str, list[Division]] = defaultdict(list)
    for city in cities:
        for county in counties[city.code]:
            by_name[county.name].append(county)
    shared = tuple(tuple(group) for _, group in sorted(by_name.items()) if len(group) > 1)
    cities_sorted = tuple(sorted(cities, key=lambda d: d.code))
    return _Places(cities_sorted, counties, shared, contact)


def _town(rng: random.Random) -> str:
    return rng.choice(_TOWN_FIRST) + rng.choice(_TOWN_SECOND)


def _ascii_tag(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("abcdefghjkmnpqrstwxyz") for _ in range(length))


def _initials(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))


def _draw_place(
    rng: random.Random, suffix: str | None, code: str | None
) -> tuple[Division, Division | None]:
    """A city (or municipality) and, for ``suffix`` 区 or 县, one of its divisions so named."""
    places = _places()
    table = divisions()
    if code is not None:
        division = table.get(code)
        if division is not None and division.level == "county":
            parent = table.get(division.parent_code or "")
            if parent is not None:
                return parent, division
        if division is not None:
            return division, None
    if suffix is None:
        return rng.choice(places.cities), None
    groups = [g for g in places.shared if g[0].name.endswith(suffix)]
    if groups and rng.random() < SHARED_NAME_SHARE:
        district = rng.choice(rng.choice(groups))
        parent = table.get(district.parent_code or "")
        if parent is not None and parent.code in places.contact:
            return parent, district
    while True:
        city = rng.choice(places.cities)
        named = [d for d in places.counties[city.code] if d.name.endswith(suffix)]
        if named:
            return city, rng.choice(named)


def random_issuer(
    rng: random.Random, kind: str | None = None, division_code: str | None = None
) -> Issuer:
    """A random issuer of ``kind`` (drawn if None), in the division ``division_code`` if given."""
    kind = kind or rng.choices(KINDS, _KIND_WEIGHTS)[0]
    suffix = (
        "县"
        if kind == "county" or (kind in ("department", "town") and rng.random() < 0.3)
        else "区"
    )
    local = rng.random() < 0.6  # department / office of the district rather than the city
    if division_code is not None:
        given = divisions().get(division_code)
        local = given is not None and given.level == "county"
    needs_district = kind in ("district", "county", "town") or (
        kind in ("office", "department") and local
    )
    city_division, district_division = _draw_place(
        rng, suffix if needs_district else None, division_code
    )
    if district_division is None and kind in ("district", "county", "town"):
        kind = "city"
    local = local and district_division is not None
    city = city_division.name
    city_stem = city_division.short
    district = district_division.name if district_division else ""
    dist_stem = district_division.short if district_division else city_stem
    suffix = district[-1:] if district else suffix
    postcode_city, area = _places().contact.get(city_division.code, ("100000", "010"))
    tag = rng.random()
    place_initials = _initials(dist_stem if district else city_stem)
    if tag < 0.45:
        domain = f"www.{place_initials}.gov.cn"
    elif tag < 0.7 and district:
        domain = f"www.{_initials(city_stem)}{place_initials}.gov.cn"
    else:
        domain = f"www.{_ascii_tag(rng, 2)}{rng.randint(1, 99)}.gov.cn"
    phone = f"{area}-{rng.randint(2, 8)}{rng.randint(0, 9999999):07d}"
    postcode = f"{postcode_city[:3]}{rng.randint(1, 9)}00" if district else postcode_city[:4] + "00"
    email = f"{_ascii_tag(rng, 4)}{rng.randint(10, 999)}@{rng.choice(('163.com', '126.com', 'sina.com', 'qq.com'))}"
    road = rng.choice(_ROADS) + rng.choice(("路", "大道", "街"))
    building = rng.choice(("行政中心", "综合办公楼", "政务服务中心"))
    street = f"{road}{rng.randint(1, 299)}号{building}{rng.randint(1, 12)}楼"
    division_code = (district_division or city_division).code
    if kind in ("district", "county"):
        full = f"{city}{district}人民政府"
        title_name = rng.choice((f"{district}人民政府", district, full))
        we = "我区" if suffix == "区" else "我县"
        office = f"{district}人民政府办公室"
        prefix = dist_stem + "政办"
        scale = rng.choice(("small", "medium", "medium"))
        place = f"{city}{district}"
        website = f"{district}人民政府门户网站"
        superior = "区政府" if suffix == "区" else "县政府"
    elif kind == "city":
        full = f"{city}人民政府"
        title_name = rng.choice((full, full, city))
        we, office, prefix, scale = "我市", f"{city}人民政府办公室", city_stem + "政办", "large"
        place, website, superior = city, f"{city}人民政府门户网站", "市政府"
    elif kind == "office":
        owner = f"{city}{district}" if local else city
        full = f"{owner}人民政府办公室"
        title_name = full
        we, office = "本机关", full
        prefix = (dist_stem if local else city_stem) + "政办"
        scale = "medium" if local else "large"
        place = owner
        website = f"{owner}人民政府门户网站"
        superior = "区政府" if local else "市政府"
    elif kind == "department":
        dept, short, we = rng.choice(DEPARTMENTS)
        owner = f"{city}{district}" if local else city
        full = f"{owner}{dept}"
        title_name = rng.choice((full, f"{district}{dept}" if local else full))
        office = full
        prefix = (dist_stem if local else city_stem) + short
        scale = "small" if local else rng.choice(("small", "medium"))
        place = owner
        website = f"{owner}人民政府门户网站"
        superior = ("区政府" if suffix == "区" else "县政府") if local else "市政府"
    elif kind == "town":
        town = _town(rng)
        if rng.random() < 0.5:
            full = f"{city}{district}{town}街道办事处"
            short_name = f"{town}街道办事处"
            we = "我街道"
        else:
            full = f"{city}{district}{town}镇人民政府"
            short_name = f"{town}镇人民政府"
            we = "我镇"
        title_name = rng.choice((full, f"{district}{short_name}"))
        office, prefix, scale = full, town + ("街" if "街道" in full else "镇"), "small"
        place, website = f"{city}{district}", f"{district}人民政府门户网站"
        superior = "区政府" if suffix == "区" else "县政府"
    else:  # zone
        zone = city_stem + rng.choice(_ZONES)
        full = f"{zone}管理委员会"
        title_name = rng.choice((full, zone))
        division_code = city_division.code
        we, office, prefix, scale = (
            "管委会",
            full,
            dist_stem + "管",
            rng.choice(("small", "medium")),
        )
        place, website, superior = city, f"{city}{zone}门户网站", "管委会"
    return Issuer(
        full=full,
        title_name=title_name,
        kind=kind,
        city=city,
        we=we,
        office=office,
        doc_prefix=prefix,
        scale=scale,
        address=place + street,
        street=street,
        postcode=postcode,
        phone=phone,
        email=email,
        website=website,
        domain=domain,
        superior=superior,
        division_code=division_code,
    )
