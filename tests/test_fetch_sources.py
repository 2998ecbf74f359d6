"""The sources file is found, validated, and bad files give a clear one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportextract.fetch import SourcesFileError, load_catalog, load_sources, mapping_path
from reportextract.fetch.sources import select_sources

REPOSITORY_MAPPINGS = Path(__file__).resolve().parents[1] / "mappings"


def test_bundled_sources_are_found_through_the_mapping_lookup():
    path = mapping_path("sources.yaml")
    assert path.is_file()
    assert path.parent.name == "mappings"


def test_mapping_lookup_says_where_it_looked_for_a_missing_file():
    with pytest.raises(
        FileNotFoundError, match=r"no-such-mapping.yaml is not in reportextract's mappings"
    ):
        mapping_path("no-such-mapping.yaml")


def test_bundled_sources_hold_the_bodies_of_the_real_reports():
    sources = {s.name: s for s in load_sources()}
    assert {"quangang", "pingtan", "huaian", "hongze", "shanghai-office"} <= set(sources)
    pingtan = sources["pingtan"]
    assert pingtan.columns == ("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/",)
    assert pingtan.region == "350128"
    assert pingtan.article_pattern is not None
    assert pingtan.article_pattern.search(
        "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm"
    )
    assert sources["hongze"].issuer == "淮安市洪泽区人民政府"
    assert "www.qg.gov.cn" in sources["quangang"].host_names()


def test_shanghai_office_takes_only_the_office_reports_from_the_municipal_column():
    office = {s.name: s for s in load_sources()}["shanghai-office"]
    assert office.report_title.matches("2019年上海市人民政府办公厅政府信息公开工作年度报告")
    assert not office.report_title.matches("2019年上海市教育委员会政府信息公开工作年度报告")


def test_default_title_rules_accept_reports_and_refuse_interpretations():
    rules = load_catalog().report_title
    assert rules.matches("平潭综合实验区2024年度政府信息公开工作年度报告")
    assert rules.matches("2022年政府信息公开工作年报")
    assert not rules.matches("《2024年政府信息公开工作年度报告》解读")
    assert not rules.matches("关于开展政务公开培训的通知")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL_DEFAULTS = """
defaults:
  report_title: {include: [年度报告]}
  column_link: {include: [年报]}
  disclosure_link: {include: [信息公开]}
"""


def test_a_minimal_file_loads(tmp_path):
    path = write(
        tmp_path,
        MINIMAL_DEFAULTS + "sources:\n  - {name: a, site: 'http://a.gov.cn/', region: 350505}\n",
    )
    (source,) = load_sources(path)
    assert source.region == "350505"
    assert source.columns == ()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("sources: [", "not valid UTF-8 YAML"),
        ("- a\n- b\n", "expected a mapping with a 'sources' list"),
        (MINIMAL_DEFAULTS + "sources: []\n", "'sources' must be a non-empty list"),
        (
            MINIMAL_DEFAULTS + "sources:\n  - {site: 'http://a/'}\n",
            "sources[0]: 'name' is required",
        ),
        (MINIMAL_DEFAULTS + "sources:\n  - {name: a, site: 'ftp://a/'}\n", "is not an http(s) URL"),
        (
            MINIMAL_DEFAULTS + "sources:\n  - {name: a, site: 'http://a/', colums: []}\n",
            "unknown key colums",
        ),
        (
            MINIMAL_DEFAULTS + "sources:\n  - {name: a, site: 'http://a/', region: '35'}\n",
            "not a 6-digit administrative division code",
        ),
        (
            MINIMAL_DEFAULTS
            + "sources:\n  - {name: a, site: 'http://a/', patterns: {article: '('}}\n",
            "bad regular expression",
        ),
        (
            MINIMAL_DEFAULTS
            + "sources:\n  - {name: a, site: 'http://a/'}\n  - {name: a, site: 'http://b/'}\n",
            "name used twice",
        ),
        ("sources:\n  - {name: a, site: 'http://a/'}\n", "defaults.report_title"),
    ],
)
def test_bad_sources_files_are_refused_with_the_reason(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(SourcesFileError) as caught:
        load_sources(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_sources_file_is_a_clear_error(tmp_path):
    with pytest.raises(SourcesFileError, match="cannot read"):
        load_sources(tmp_path / "absent.yaml")


def test_unknown_source_names_are_refused_with_the_known_ones():
    sources = load_sources()
    with pytest.raises(SourcesFileError, match=r"unknown source nowhere; known: .*pingtan"):
        select_sources(sources, ["nowhere"])


def test_a_url_on_a_known_host_gets_that_sources_settings():
    catalog = load_catalog()
    source = catalog.for_url("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/index_2.htm")
    assert source.name == "pingtan" and source.issuer == "平潭综合实验区管理委员会"
    assert source.columns == ("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/index_2.htm",)
    other = catalog.for_url("http://www.example.gov.cn/nb/")
    assert other.name == "www.example.gov.cn" and other.issuer is None
    with pytest.raises(SourcesFileError, match="not an http"):
        catalog.for_url("file:///etc/passwd")
