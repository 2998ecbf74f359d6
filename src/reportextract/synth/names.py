"""Fictional but realistic issuers: districts, counties, cities, offices, bureaus, towns."""

from __future__ import annotations

import random
from dataclasses import dataclass

# Place-name stems are built from characters that rarely start real place names,
# so that most combinations are fictional.
_FIRST = "澄岚栖汀澜枫榆梧萍苇岫峪砚棠菱蔚翠霁朔溱沅泾"
_SECOND = "江川阳山河湖宁丰安平原城台源陵溪浦洲"
_TOWN_FIRST = "石柳杏桑莲竹松梅桃菊荷芦"
_TOWN_SECOND = "桥塘坪湾岗埠口铺渡庄"
_ROADS = ("人民", "建设", "解放", "和平", "文化", "中山", "滨江", "新华", "长安", "迎宾", "府前")

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
    city: str  # e.g. 澄江市
    we: str  # 我区 / 我市 / 我局 … as the narrative calls itself
    office: str  # the office that signs and publishes the report
    doc_prefix: str  # document-number prefix, e.g. 澄江政办
    scale: str  # small / medium / large: how many applications it handles
    address: str
    street: str  # the address without the place name
    postcode: str
    phone: str
    email: str
    website: str  # e.g. 澄江市人民政府门户网站
    domain: str
    superior: str  # the government the body reports to (区政府, 市政府 …)


def _stem(rng: random.Random) -> str:
    return rng.choice(_FIRST) + rng.choice(_SECOND)


def _town(rng: random.Random) -> str:
    return rng.choice(_TOWN_FIRST) + rng.choice(_TOWN_SECOND)


def _ascii_tag(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("abcdefghjkmnpqrstwxyz") for _ in range(length))


def random_issuer(rng: random.Random, kind: str | None = None) -> Issuer:
    kind = kind or rng.choices(KINDS, _KIND_WEIGHTS)[0]
    city_stem = _stem(rng)
    city = city_stem + "市"
    dist_stem = _stem(rng)
    while dist_stem == city_stem:
        dist_stem = _stem(rng)
    suffix = (
        "县"
        if kind == "county" or (kind in ("department", "town") and rng.random() < 0.3)
        else "区"
    )
    district = dist_stem + suffix
    local = rng.random() < 0.6  # department / office of the district rather than the city
    tag = _ascii_tag(rng, 2)
    domain = f"www.{tag}{rng.randint(1, 99)}.gov.cn"
    area = f"0{rng.randint(310, 999)}"
    phone = f"{area}-{rng.randint(2, 8)}{rng.randint(1000000, 9999999)}"
    postcode = f"{rng.randint(10, 85)}{rng.randint(0, 9)}{rng.randint(100, 999)}"
    email = f"{_ascii_tag(rng, 4)}{rng.randint(10, 999)}@{rng.choice(('163.com', '126.com', 'sina.com', 'qq.com'))}"
    road = rng.choice(_ROADS) + rng.choice(("路", "大道", "街"))
    building = rng.choice(("行政中心", "综合办公楼", "政务服务中心"))
    street = f"{road}{rng.randint(1, 299)}号{building}{rng.randint(1, 12)}楼"
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
        zone = dist_stem + rng.choice(("经济技术开发区", "高新技术产业开发区", "综合保税区"))
        full = f"{city}{zone}管理委员会"
        title_name = rng.choice((full, f"{city}{zone}"))
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
    )
