"""Issuing bodies: the division library, and who published each report from its own evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REAL_DOCS, real_docs
from reportextract.bodies import Evidence, divisions, identify
from reportextract.bodies.names import parse_name
from reportextract.pipeline import extract

OLD_DOCS = REAL_DOCS / "old-template"


# --- the division library ------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name", "parent"),
    [
        ("370114", "章丘区", "370100"),  # 章丘市 became a district of 济南 in 2016
        ("510117", "郫都区", "510100"),  # 郫县 became 郫都区 in 2016
        ("320813", "洪泽区", "320800"),
        ("350128", "平潭县", "350100"),
        ("350505", "泉港区", "350500"),
        ("370116", "莱芜区", "370100"),  # 莱芜市 merged into 济南 in 2019
        ("330113", "临平区", "330100"),  # 杭州's districts redrawn in 2021
        ("310101", "黄浦区", "310000"),  # a district of a municipality: the province is its parent
    ],
)
def test_the_division_library_knows_todays_divisions(code: str, name: str, parent: str) -> None:
    division = divisions().get(code, 2024)
    assert division is not None
    assert (division.name, division.level, division.parent_code) == (name, "county", parent)


def test_the_national_list_has_every_county_level_division() -> None:
    table = divisions()
    counties = [d for d in table.records if d.level == "county" and d.exists_in(2024)]
    assert 2800 <= len(counties) <= 2900
    assert table.get("371200", 2024) is None  # 莱芜市 no longer exists
    assert table.get("371200", 2017).name == "莱芜市"


def test_children_follow_the_year() -> None:
    table = divisions()
    assert [d.name for d in table.children("320800", 2024)] == [
        "淮安区",
        "淮阴区",
        "清江浦区",
        "洪泽区",
        "涟水县",
        "盱眙县",
        "金湖县",
    ]
    assert {"清河区", "清浦区", "洪泽县"} <= {d.name for d in table.children("320800", 2015)}


def test_a_renamed_division_is_the_same_division_today() -> None:
    table = divisions()
    old = table.get("320829", 2015)
    assert old is not None and old.name == "洪泽县"
    assert table.current(old).code == "320813"


# --- names taken apart ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "places", "kind"),
    [
        ("淮安市洪泽区人民政府", ["淮安市", "洪泽区"], "government"),
        ("中牟县", ["中牟县"], "government"),
        ("上海市人民政府办公厅", ["上海市"], "office"),
        ("平潭综合实验区管委会", [], "zone"),
        ("平潭综合实验区地方税务局", [], "department"),
        ("洪泽区高良涧街道办事处", ["洪泽区"], "township"),
        ("淮安市公安局", ["淮安市"], "department"),
    ],
)
def test_a_printed_name_is_taken_apart(printed: str, places: list[str], kind: str) -> None:
    parsed = parse_name(printed, divisions())
    assert (parsed.places, parsed.kind) == (places, kind)


# --- the real reports -------------------------------------------------------------------

REAL = [
    ("huaian-hongze-2023.pdf", "320813", "淮安市洪泽区人民政府", "government"),
    ("huaian-hongze-2024.pdf", "320813", "淮安市洪泽区人民政府", "government"),
    ("huaian-city-2024.pdf", "320800", "淮安市人民政府", "government"),
    ("quangang-2025.txt", "350505", "泉州市泉港区人民政府", "government"),
    ("shanghai-office-2019.html", "310000", "上海市人民政府办公厅", "office"),
    ("pingtan-2024.html", "350128", "平潭综合实验区管理委员会", "zone"),
    ("pingtan-2024.txt", "350128", "平潭综合实验区管理委员会", "zone"),
    ("pingtan-2019.txt", "350128", "平潭综合实验区管理委员会", "zone"),
    ("pingtan-2020.txt", "350128", "平潭综合实验区管理委员会", "zone"),
    *(
        (f"old-template/pingtan-{year}.txt", "350128", "平潭综合实验区管理委员会", "zone")
        for year in range(2011, 2019)
    ),
    *(
        (f"old-template/pingtan-county-{year}.txt", "350128", "福州市平潭县人民政府", "government")
        for year in (2011, 2012, 2013)
    ),
    (
        "old-template/pingtan-landtax-2013.txt",
        "350128",
        "平潭综合实验区地方税务局",
        "department",
    ),
]


@pytest.fixture(scope="module")
def real_bodies() -> dict[str, object]:
    return {name: extract(real_docs() / name).body for name, *_ in REAL}


@pytest.mark.parametrize(("name", "code", "official", "kind"), REAL, ids=[r[0] for r in REAL])
def test_real_reports_resolve_to_their_body(
    real_bodies: dict[str, object], name: str, code: str, official: str, kind: str
) -> None:
    body = real_bodies[name]
    assert body is not None
    assert (body.division_code, body.name, body.kind, body.resolved) == (code, official, kind, True)  # type: ignore[attr-defined]


def test_one_body_across_years_names_and_formats(real_bodies: dict[str, object]) -> None:
    ids = lambda names: {real_bodies[n].body_id for n in names}  # type: ignore[attr-defined]  # noqa: E731
    hongze = ids(["huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf"])
    zone = ids(
        [
            "pingtan-2024.html",
            "pingtan-2024.txt",
            "pingtan-2019.txt",
            "pingtan-2020.txt",
            *(f"old-template/pingtan-{y}.txt" for y in range(2011, 2019)),
        ]
    )
    county = ids([f"old-template/pingtan-county-{y}.txt" for y in (2011, 2012, 2013)])
    landtax = ids(["old-template/pingtan-landtax-2013.txt"])
    assert len(hongze) == len(zone) == len(county) == len(landtax) == 1
    # 平潭县人民政府 and the zone's 地方税务局 share the zone's division but are other bodies.
    assert len(zone | county | landtax) == 3


# --- same-named districts: only evidence decides -------------------------------------------


def _gulou(text: str, urls: tuple[str, ...] = ()) -> object:
    return identify(Evidence(issuer="鼓楼区人民政府", year=2023, text=text, urls=list(urls)))


@pytest.mark.parametrize(
    ("text", "urls", "code"),
    [
        ("本报告由南京市鼓楼区人民政府办公室编制。", (), "320106"),
        ("如有疑问请联系区政府办公室（邮编：350001，电话：0591-87000000）。", (), "350102"),
        ("联系电话：0516-85700000。", (), "320302"),
        ("报告全文见区政府门户网站。", ("http://www.kfgl.gov.cn/zwgk/1.html",), "410204"),
    ],
)
def test_a_shared_district_name_is_settled_by_the_reports_evidence(
    text: str, urls: tuple[str, ...], code: str
) -> None:
    body = _gulou(text, urls)
    assert body.resolved and body.division_code == code  # type: ignore[attr-defined]


def test_a_shared_district_name_without_evidence_is_not_guessed() -> None:
    body = _gulou("2023年，我区政府信息公开工作取得新进展。")
    assert not body.resolved and body.division_code is None  # type: ignore[attr-defined]
    assert "4 divisions" in body.note and "南京市鼓楼区" in body.note  # type: ignore[attr-defined]


def test_contradicting_evidence_leaves_the_body_unresolved() -> None:
    body = _gulou("联系电话：025-83000000；邮编：350001。")
    assert not body.resolved  # type: ignore[attr-defined]


def test_a_township_without_a_place_in_its_name_takes_the_one_printed_before_it() -> None:
    body = identify(
        Evidence(
            issuer="高良涧街道办事处",
            year=2024,
            text="本报告由淮安市洪泽区高良涧街道办事处编制。",
        )
    )
    assert body is not None
    assert (body.division_code, body.kind, body.name) == (
        "320813",
        "township",
        "淮安市洪泽区高良涧街道办事处",
    )


def test_an_old_name_is_the_same_body_as_the_new_one() -> None:
    old = identify(Evidence(issuer="洪泽县人民政府", year=2015, text="邮编：223100"))
    new = identify(Evidence(issuer="淮安市洪泽区人民政府", year=2023))
    assert old is not None and new is not None
    assert old.division_code == new.division_code == "320813"
    assert old.body_id == new.body_id


def test_body_ids_are_stable() -> None:
    # The digest of the division's code and the body's own name: the same on every machine.
    body = identify(Evidence(issuer="泉港区", year=2025))
    assert body is not None and body.body_id == "350505-d80d8970"


def test_no_issuer_no_body(tmp_path: Path) -> None:
    assert identify(Evidence(issuer=None)) is None
