"""`reportextract compare`: key figures side by side and charts, on the real reports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import REAL_TRUTH, load_truth, real_docs
from reportextract.explore.build import ensure_dataset
from reportextract.explore.commands import compare_command
from reportextract.explore.fonts import cjk_font


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_dataset(tmp_path_factory.getbasetemp() / "explore-real", [real_docs()], workers=2)


def truth_total(file: str, row_code: str) -> float:
    truth = load_truth(REAL_TRUTH / f"{file}.json")
    [value] = [
        c["value"]
        for c in truth["cells"]
        if c["table"] == "requests" and c["row_code"] == row_code and c["col_code"] == "total"
    ]
    return value


def compare(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(compare_command, list(args))
    return result.exit_code, result.output


def markdown_rows(output: str) -> dict[str, list[str]]:
    rows = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows[cells[0]] = cells[1:]
    return rows


def test_issuer_matches_the_body_under_both_its_names(real_dataset: Path) -> None:
    code, output = compare(str(real_dataset), "--issuer", "洪泽区", "--issuer", "淮安市人民政府")
    assert code == 0, output
    rows = markdown_rows(output)
    # 洪泽区人民政府 (2023's title) and 淮安市洪泽区人民政府 (2024's) are one body.
    assert rows[""] == [
        "淮安市洪泽区人民政府 2023",
        "淮安市洪泽区人民政府 2024",
        "淮安市人民政府 2024",
    ]
    assert rows["division"] == ["320813", "320813", "320800"]
    received = rows["applications received (新收)"]
    assert received == [
        f"{truth_total(f, 'new_received'):g}"
        for f in ("huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf", "huaian-city-2024.pdf")
    ]
    assert rows["granted share of handled"][2] == f"{1362 / 3050 * 100:.1f}%"
    assert (
        rows["handled (办理结果总计)"][2]
        == f"{truth_total('huaian-city-2024.pdf', 'total_handled'):g}"
    )
    # 洪泽 2023 prints its appeal totals as 0 (a finding): the two failed checks show.
    assert rows["failed audit checks"][0] == "2"


def test_one_year_lists_every_issuer_once_in_csv(real_dataset: Path) -> None:
    code, output = compare(str(real_dataset), "--year", "2024", "--format", "csv")
    assert code == 0, output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert sorted(r["issuer"] for r in rows) == sorted(
        ["平潭综合实验区", "淮安市人民政府", "淮安市洪泽区人民政府"]
    )
    pingtan = next(r for r in rows if r["issuer"] == "平潭综合实验区")
    # The 2024 report is in the dataset as web page and as crawled text: one row, two documents.
    assert pingtan["documents"] == "2"
    assert int(pingtan["received"]) == truth_total("pingtan-2024.html", "new_received")
    assert int(pingtan["denied"]) == sum(
        c["value"]
        for c in load_truth(REAL_TRUTH / "pingtan-2024.html.json")["cells"]
        if c["table"] == "requests"
        and c["row_code"].startswith("denied.")
        and c["col_code"] == "total"
    )


def test_issuer_is_a_body_never_a_substring(real_dataset: Path) -> None:
    code, output = compare(str(real_dataset), "--issuer", "平潭综合实验区", "--format", "csv")
    assert code == 0, output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert {r["body_name"] for r in rows} == {"平潭综合实验区管理委员会"}
    assert [r["year"] for r in rows] == sorted({r["year"] for r in rows})  # one row a year
    code, output = compare(str(real_dataset), "--issuer", "350128", "--format", "csv")
    assert code == 0, output
    assert {r["division_code"] for r in csv.DictReader(io.StringIO(output))} == {"350128"}
    assert compare(str(real_dataset), "--issuer", "平潭")[0] == 1


def test_within_a_city_lists_its_bodies_city_first(real_dataset: Path) -> None:
    for within in ("淮安市", "320800"):
        code, output = compare(str(real_dataset), "--within", within, "--format", "csv")
        assert code == 0, output
        rows = list(csv.DictReader(io.StringIO(output)))
        assert [(r["division_code"], r["year"]) for r in rows] == [
            ("320800", "2024"),
            ("320813", "2023"),
            ("320813", "2024"),
        ]
    code, output = compare(str(real_dataset), "--within", "鼓楼区")
    assert code == 1 and "names 4 divisions" in output


def _has_colour(path: Path, colour: tuple[int, int, int], tolerance: int = 10) -> bool:
    colours = Image.open(path).convert("RGB").getcolors(1 << 24) or []
    return any(
        all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))
        for _, pixel in colours
    )


def test_lines_over_years_chart(real_dataset: Path, tmp_path: Path) -> None:
    png = tmp_path / "lines.png"
    code, output = compare(
        str(real_dataset), "--issuer", "洪泽区", "--issuer", "平潭综合实验区", "--png", str(png)
    )
    assert code == 0, output
    image = Image.open(png)
    assert image.format == "PNG" and image.width > 400 and image.height > 300
    assert _has_colour(png, (0x1F, 0x77, 0xB4))  # the first line's colour
    assert _has_colour(png, (0xFF, 0x7F, 0x0E))  # the second line's colour


def test_one_year_ranked_bars_chart(real_dataset: Path, tmp_path: Path) -> None:
    png = tmp_path / "bars.png"
    code, output = compare(
        str(real_dataset), "--year", "2024", "--png", str(png), "--metric", "granted_share"
    )
    assert code == 0, output
    assert _has_colour(png, (0x3B, 0x6E, 0xA8))  # the bars


def test_unknown_issuer_or_metric_is_a_clear_error(real_dataset: Path, tmp_path: Path) -> None:
    code, output = compare(str(real_dataset), "--issuer", "不存在的区")
    assert code == 1 and "no report of '不存在的区'" in output
    code, output = compare(
        str(real_dataset), "--png", str(tmp_path / "x.png"), "--metric", "nonsense"
    )
    assert code == 2 and "nonsense" in output
    assert not (tmp_path / "x.png").exists()


@pytest.mark.skipif(
    not Path("/usr/share/fonts/opentype/noto").is_dir(), reason="fonts-noto-cjk not installed"
)
def test_a_cjk_font_is_found_when_noto_cjk_is_installed() -> None:
    font = cjk_font()
    assert font is not None and "CJK" in font.family
