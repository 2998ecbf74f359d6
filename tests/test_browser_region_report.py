"""The region's page in a real browser: headless Chromium prints it (`report --pdf`) and
takes a screenshot of it; we read what it rendered — the text laid out on A4 pages in a
Chinese font, the links to the source pages, the charts' colours."""

from __future__ import annotations

import logging
import subprocess
import time
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import REAL_DOCS
from reportextract.cli import main
from reportextract.explore.build import ensure_dataset
from reportextract.explore.region.charts import IN_COLOURS, OUT_COLOURS

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"
)
A4 = (595.0, 842.0)  # points


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_dataset(tmp_path_factory.getbasetemp() / "explore-real", [REAL_DOCS], workers=2)


@pytest.fixture(scope="module")
def printed(real_dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("huaian-print")
    out, pdf = folder / "huaian.html", folder / "huaian.pdf"
    result = CliRunner().invoke(
        main,
        [
            "report",
            str(real_dataset),
            "--within",
            "淮安市",
            "--year",
            "2024",
            "--out",
            str(out),
            "--pdf",
            str(pdf),
        ],
        env={"PATH": f"{CHROMIUM.parent}"},
    )
    assert result.exit_code == 0, result.output
    return out, pdf


def _text(pdf: Path) -> str:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    # Noto's glyphs of 水, 金, 人 … map to the Kangxi radicals of the same shape.
    return unicodedata.normalize("NFKC", text)


def test_chromium_prints_the_page_on_a4_with_what_the_oversight_body_needs(
    printed: tuple[Path, Path],
) -> None:
    _, pdf = printed
    with pdfplumber.open(pdf) as document:
        assert 1 <= len(document.pages) <= 4
        for page in document.pages:
            assert (round(page.width), round(page.height)) == (round(A4[0]), round(A4[1]))
    text = _text(pdf).replace("\n", "")
    start = text.index("County-level divisions without a 2024 report (6 of 7)")
    line = text[start : text.index("division", start + 30)]  # up to the table's header
    for name in ("清江浦区", "淮阴区", "淮安区", "涟水县", "盱眙县", "金湖县"):
        assert f"淮安市{name}" in line
    assert "洪泽区" not in line
    assert "The text says 17 applications received (收到申请); 表三 says 95." in text
    assert "受理政府信息公开申请17件" in text


def test_the_chinese_text_is_set_in_a_chinese_font(printed: tuple[Path, Path]) -> None:
    _, pdf = printed
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(pdf) as document:
        chars = [
            c for page in document.pages for c in page.chars if "\u4e00" <= c["text"] <= "\u9fff"
        ]
    assert len(chars) > 200
    fonts = {c["fontname"].split("+")[-1] for c in chars}
    assert all("CJK" in font for font in fonts), fonts


def test_the_printed_numbers_link_to_their_source_pages(printed: tuple[Path, Path]) -> None:
    _, pdf = printed
    with pdfplumber.open(pdf) as document:
        links = [link["uri"] for page in document.pages for link in page.hyperlinks]
    hongze = [u for u in links if u.startswith((REAL_DOCS / "huaian-hongze-2024.pdf").as_uri())]
    assert f"{(REAL_DOCS / 'huaian-hongze-2024.pdf').as_uri()}#page=3" in hongze
    assert f"{(REAL_DOCS / 'huaian-hongze-2024.pdf').as_uri()}#page=1" in hongze  # the sentence
    assert any(
        u.startswith((REAL_DOCS / "huaian-city-2024.pdf").as_uri() + "#page=") for u in links
    )


def _screenshot(html: Path, shot: Path) -> Image.Image:
    profile = shot.parent / f"profile-{time.monotonic_ns()}"
    profile.mkdir()
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        "--window-size=1000,2600",
        f"--screenshot={shot}",
        html.resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return Image.open(shot).convert("RGB")


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_the_funnels_and_the_cell_picture_are_drawn(
    printed: tuple[Path, Path], tmp_path: Path
) -> None:
    html, _ = printed
    image = _screenshot(html, tmp_path / "page.png")
    counts = {colour: n for n, colour in image.getcolors(1 << 24) or []}
    # The funnels' bars: new applications and granted, in both reports' rows.
    for colour in (IN_COLOURS[0], OUT_COLOURS[0], OUT_COLOURS[3]):
        assert counts.get(_hex(colour), 0) > 150, colour
    # The box drawn around the cell in the picture of its page.
    assert sum(n for (r, g, b), n in counts.items() if r > 240 and g < 20 and b < 20) > 150
