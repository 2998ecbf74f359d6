"""`reportextract report`: a region's year on one page — on the real reports of 淮安市 and
on a generated province with three cities (real division names, silent districts, partial
and unreadable reports, deliberate errors, last year's reports)."""

from __future__ import annotations

import base64
import io
import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from PIL import Image, ImageChops

from conftest import REAL_DOCS
from reportextract.cli import main
from reportextract.explore.build import ensure_dataset
from reportextract.explore.query import run_query
from reportextract.runner import RunOptions, run_batch
from reportextract.synth.region import PARTIAL, UNREADABLE, RegionPlan, generate_region

HUAIAN_SILENT = ("清江浦区", "淮阴区", "淮安区", "涟水县", "盱眙县", "金湖县")


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_dataset(tmp_path_factory.getbasetemp() / "explore-real", [REAL_DOCS], workers=2)


def report(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["report", *args])
    return result.exit_code, result.output


def page_of(dataset: Path, within: str, year: int, out: Path) -> lxml_html.HtmlElement:
    code, output = report(str(dataset), "--within", within, "--year", str(year), "--out", str(out))
    assert code == 0, output
    return lxml_html.fromstring(out.read_text(encoding="utf-8"))


def texts(page: lxml_html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in page.xpath(xpath)]


def file_of(href: str) -> tuple[str, str]:
    """(file name, fragment) of a file:// link."""
    parsed = urlparse(href)
    assert parsed.scheme == "file", href
    return Path(unquote(parsed.path)).name, parsed.fragment


def red_pixels(address: str) -> int:
    assert address.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(address.split(",", 1)[1]))).convert("RGB")
    red, green, blue = image.split()
    mask = ImageChops.multiply(
        red.point(lambda v: 255 if v > 220 else 0),
        ImageChops.multiply(
            green.point(lambda v: 255 if v < 40 else 0), blue.point(lambda v: 255 if v < 40 else 0)
        ),
    )
    return mask.histogram()[255]


# --- the real reports of 淮安市 ----------------------------------------------------------


@pytest.fixture(scope="module")
def huaian(real_dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> lxml_html.HtmlElement:
    return page_of(real_dataset, "淮安市", 2024, tmp_path_factory.mktemp("huaian") / "page.html")


def test_names_the_six_districts_without_a_2024_report(huaian: lxml_html.HtmlElement) -> None:
    named = texts(huaian, '//p[@data-level="county"]//span[@class="division"]')
    assert sorted(n.removeprefix("淮安市") for n in named) == sorted(HUAIAN_SILENT)
    states = {
        row.get("data-code"): row.get("data-state")
        for row in huaian.xpath('//table[@class="coverage"]//tr[@data-code]')
    }
    assert states.pop("320813") == "published"  # 洪泽区
    assert set(states.values()) == {"none"} and len(states) == 6


def test_shows_hongze_with_95_applications_linked_to_its_page(
    huaian: lxml_html.HtmlElement,
) -> None:
    [row] = huaian.xpath('//tr[@data-report][@data-body="淮安市洪泽区人民政府"]')
    [received] = row.xpath('.//td[@data-metric="received"]/a')
    assert received.text_content() == "95"
    assert file_of(received.get("href")) == ("huaian-hongze-2024.pdf", "page=3")
    assert "一、本年新收政府信息公开申请数量" in received.get("title")
    # Against its 2023 report (21 applications): up 74.
    change = row.xpath('.//td[@data-metric="received"]/span[contains(@class, "chg")]')[0]
    assert change.text_content() == "▲ 74" and "21" in change.get("title")
    # Every number of the side-by-side tables links to a document and page.
    numbers = huaian.xpath('//table[contains(@class, "figures")]//td[@class="num"]/a[@class="n "]')
    assert len(numbers) > 20
    for number in numbers:
        name, fragment = file_of(number.get("href"))
        assert name.startswith("huaian-") and fragment.startswith("page=")


def test_shows_the_17_against_95_contradiction_with_the_cell_on_its_page(
    huaian: lxml_html.HtmlElement,
) -> None:
    [finding] = huaian.xpath('//div[@class="finding"]')
    assert finding.get("data-check") == "narrative.table_agreement"
    words = texts(finding, './p[@class="words"]')[0]
    assert "The text says 17 applications received" in words and "表三 says 95" in words
    assert texts(finding, ".//blockquote/mark") == ["17件"]
    [quote_link] = finding.xpath(".//blockquote/a")
    assert file_of(quote_link.get("href")) == ("huaian-hongze-2024.pdf", "page=1")
    [picture] = finding.xpath(".//figure//img")
    assert red_pixels(picture.get("src")) > 100  # the cell's box drawn on the page
    assert file_of(picture.getparent().get("href")) == ("huaian-hongze-2024.pdf", "page=3")
    assert texts(finding, './/table[@class="printed"]//tr[@class="focus"]/td[4]') == ["95"]


def test_lists_its_sources(huaian: lxml_html.HtmlElement) -> None:
    cited = [file_of(a.get("href"))[0] for a in huaian.xpath('//ol[@class="sources"]//a')]
    assert sorted(cited) == [
        "huaian-city-2024.pdf",
        "huaian-hongze-2023.pdf",
        "huaian-hongze-2024.pdf",
    ]


def test_a_region_without_any_report_is_a_page_too(real_dataset: Path, tmp_path: Path) -> None:
    page = page_of(real_dataset, "南京市", 2024, tmp_path / "nanjing.html")
    silent = page.xpath('//p[@data-level="county"]//span[@class="division"]')
    assert len(silent) == 11
    assert "could be read" in texts(page, '//section[@id="side-by-side"]/p')[0]


def test_an_unknown_region_is_a_one_line_error(real_dataset: Path, tmp_path: Path) -> None:
    code, output = report(
        str(real_dataset), "--within", "淮安", "--year", "2024", "--out", str(tmp_path / "x.html")
    )
    assert code == 1 and "'淮安' is not the name of an administrative division" in output
    assert not (tmp_path / "x.html").exists()


def test_without_a_pdf_engine_the_page_is_written_and_the_message_says_what_to_install(
    real_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("REPORTEXTRACT_CHROMIUM", raising=False)
    monkeypatch.setitem(__import__("sys").modules, "weasyprint", None)
    out, pdf = tmp_path / "page.html", tmp_path / "page.pdf"
    code, output = report(
        str(real_dataset),
        "--within",
        "320800",
        "--year",
        "2024",
        "--out",
        str(out),
        "--pdf",
        str(pdf),
    )
    assert code == 1
    assert out.stat().st_size > 10_000 and not pdf.exists()
    [message] = [line for line in output.splitlines() if line.startswith("Error")]
    assert "install Chromium" in message and "WeasyPrint" in message


# --- a generated province with three cities ----------------------------------------------


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> tuple[RegionPlan, Path]:
    folder = tmp_path_factory.mktemp("ningxia")
    plan = generate_region(
        folder / "corpus",
        "640000",
        cities=3,
        year=2024,
        seed="page",
        formats=("pdf", "txt", "html", "docx"),
    )
    data = folder / "data"
    run_batch([str(folder / "corpus" / "samples")], data, RunOptions(workers=2, progress=False))
    return plan, data


@pytest.fixture(scope="module")
def province_page(
    province: tuple[RegionPlan, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[lxml_html.HtmlElement, Path]:
    _, data = province
    out = tmp_path_factory.mktemp("ningxia-page") / "page.html"
    return page_of(data, "宁夏回族自治区", 2024, out), out


def test_every_missing_division_of_the_province_is_listed(
    province: tuple[RegionPlan, Path], province_page: tuple[lxml_html.HtmlElement, Path]
) -> None:
    plan, _ = province
    page, _ = province_page
    listed = {e.get("data-code") for e in page.xpath('//p[@class="missing"]//span[@data-code]')}
    assert listed == {d.code for d in plan.missing}
    assert len(listed) >= 5  # two cities of five, and the silent districts of the others
    states = {
        row.get("data-code"): row.get("data-state")
        for row in page.xpath('//table[@class="coverage"]//tr[@data-code]')
    }
    for code, publication in plan.governments().items():
        if code == plan.region.code:
            continue
        expected = {PARTIAL: "partial", UNREADABLE: "unreadable"}.get(
            publication.state, "published"
        )
        assert states[code] == expected, publication.division.name


def test_every_finding_is_shown_with_its_evidence(
    province: tuple[RegionPlan, Path], province_page: tuple[lxml_html.HtmlElement, Path]
) -> None:
    _, data = province
    page, _ = province_page
    frame = run_query(
        data,
        'SELECT r.source, k."check", k.scope FROM findings k JOIN reports r USING (report_id) '
        "WHERE k.year = 2024",
    )
    expected = {
        (Path(s).stem, c, sc)
        for s, c, sc in zip(frame["source"], frame["check"], frame["scope"], strict=True)
    }
    # The deliberate errors of the generator are the findings, no more, no fewer.
    planted = set()
    for truth_file in sorted((data.parent / "corpus" / "truth").glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        if truth["year"] == 2024:
            planted |= {
                (Path(truth["file"]).stem, b["rule"], b["scope"]) for b in truth["broken_checks"]
            }
    assert expected == planted and len(expected) >= 6
    sources = {
        li.get("data-report"): Path(unquote(urlparse(li.xpath(".//a")[0].get("href")).path)).stem
        for li in page.xpath('//ol[@class="sources"]/li')
    }
    pdfs = {p.stem for p in (data.parent / "corpus" / "samples").glob("*.pdf")}
    shown = set()
    for article in page.xpath('//article[@class="body-findings"]'):
        stem = sources[article.get("id").removeprefix("findings-")]
        for div in article.xpath('.//div[@class="finding"]'):
            shown.add((stem, div.get("data-check"), div.get("data-scope")))
            assert texts(div, './p[@class="words"]')[0]  # in words
            evidence = div.xpath('.//table[@class="printed"]//tr | .//blockquote | .//img')
            assert evidence, (stem, div.get("data-check"))
            if stem in pdfs and div.get("data-check") != "narrative.share":
                assert div.xpath(".//img"), (stem, div.get("data-check"))
    assert shown == expected


def test_the_page_is_self_contained_and_under_2_mb(
    province_page: tuple[lxml_html.HtmlElement, Path],
) -> None:
    page, out = province_page
    assert out.stat().st_size < 2 * 1024 * 1024
    assert not page.xpath("//script | //link[@rel='stylesheet'] | //iframe")
    assert all(img.get("src").startswith("data:image/png") for img in page.xpath("//img"))
    assert page.xpath("//svg[@class='funnel']") or page.xpath("//*[local-name()='svg']")


def test_side_by_side_ranks_and_compares_with_last_year(
    province: tuple[RegionPlan, Path], province_page: tuple[lxml_html.HtmlElement, Path]
) -> None:
    _, data = province
    page, _ = province_page
    for table in page.xpath('//section[@id="side-by-side"]//table[contains(@class, "figures")]'):
        if texts(table, ".//tbody/tr/td[@class='rank']"):  # ranked: largest first
            values = texts(table, ".//tbody/tr/td[@data-metric='received']/*[1]")
            numbers = [float(v) for v in values if v != "—"]
            assert numbers == sorted(numbers, reverse=True)
    frame = run_query(
        data,
        "SELECT a.report_id, a.received AS now, b.received AS before FROM key_figures a "
        "JOIN key_figures b ON a.body_id = b.body_id AND b.year = a.year - 1 "
        "WHERE a.year = 2024 AND a.cells > 0",
    )
    assert len(frame) >= 5
    for report_id, now, before in zip(
        frame["report_id"], frame["now"], frame["before"], strict=True
    ):
        [cell] = page.xpath(f'//tr[@data-report="{report_id}"]/td[@data-metric="received"]')
        [change] = cell.xpath('./span[contains(@class, "chg")]')
        delta = int(now) - int(before)
        arrow = "▲" if delta > 0 else ("▼" if delta < 0 else "±")
        assert change.text_content() == f"{arrow} {abs(delta)}"
        assert change.get("title").startswith(f"2023: {int(before)}")


def test_a_missing_source_file_leaves_the_picture_out_and_says_why(
    province: tuple[RegionPlan, Path], tmp_path: Path
) -> None:
    _, data = province
    frame = run_query(
        data,
        "SELECT DISTINCT r.source FROM findings k JOIN reports r USING (report_id) "
        "WHERE k.year = 2024 AND r.format = 'pdf'",
    )
    assert len(frame) >= 1
    moved = Path(frame["source"][0])
    hidden = tmp_path / moved.name
    shutil.move(moved, hidden)
    try:
        page = page_of(data, "640000", 2024, tmp_path / "page.html")
    finally:
        shutil.move(hidden, moved)
    notes = texts(page, '//div[@class="finding"]/p[@class="note"]')
    assert any("is not on this machine" in note for note in notes)
