"""The web view in a real browser: `serve` in a subprocess, headless Chromium loads the
database page, runs saved queries (their URLs run them, as their links do) and takes a
screenshot; we read what the browser rendered."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

from conftest import real_docs
from reportextract.explore.build import ensure_dataset
from reportextract.explore.query import run_query

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"
)

SERVE = (
    "import sys; from reportextract.explore.commands import serve_command; "
    "serve_command.main(sys.argv[1:], prog_name='reportextract serve')"
)


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_dataset(tmp_path_factory.getbasetemp() / "explore-real", [real_docs()], workers=2)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(real_dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                SERVE,
                str(real_dataset),
                "--port",
                str(port),
                "--host",
                "127.0.0.1",
                "--cache-dir",
                str(tmp_path_factory.mktemp("cache")),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/-/versions.json", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"serve did not start: {log.read_text(errors='replace')}")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{time.monotonic_ns()}"
    profile.mkdir()
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    result = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result.stdout.decode("utf-8")


def cells_of(dom: str, column: str) -> list[str]:
    return [
        unescape(v).strip()
        for v in re.findall(rf'<td class="[^"]*\bcol-{column}\b[^"]*"[^>]*>(.*?)</td>', dom, re.S)
    ]


def test_database_page_lists_the_saved_queries(server: str, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", f"{server}/reportextract")
    for title in (
        "Reports with findings",
        "Districts ranked by denied share",
        "Granted share by year",
    ):
        assert title in dom
    assert 'href="/reportextract/granted_share_by_year"' in dom


def test_saved_query_shows_the_granted_share_by_year(
    server: str, real_dataset: Path, tmp_path: Path
) -> None:
    dom = chromium(tmp_path, "--dump-dom", f"{server}/reportextract/granted_share_by_year")
    expected = run_query(
        real_dataset,
        "SELECT year, ROUND(100.0 * SUM(granted) / SUM(handled), 1) AS pct FROM key_figures "
        "WHERE handled > 0 GROUP BY year ORDER BY year",
    )
    assert cells_of(dom, "year") == [str(y) for y in expected["year"]]
    assert cells_of(dom, "granted_pct") == [f"{p:.1f}" for p in expected["pct"]]
    assert "44.1" in cells_of(dom, "granted_pct")  # 2024: (1362 + 50 + 71) / (3050 + 95 + 218)


def test_saved_query_with_parameters_and_a_screenshot(server: str, tmp_path: Path) -> None:
    query = (
        f"{server}/reportextract/cell_over_years?issuer=320813&table=requests"
        "&row_code=granted&col_code=total"
    )
    dom = chromium(tmp_path, "--dump-dom", query)
    # One body under its two printed names (洪泽区人民政府 in 2023, 淮安市洪泽区人民政府 in 2024).
    assert cells_of(dom, "body_name") == ["淮安市洪泽区人民政府", "淮安市洪泽区人民政府"]
    assert cells_of(dom, "text") == ["0", "50"]
    shot = tmp_path / "ranked.png"
    chromium(
        tmp_path,
        "--window-size=1280,900",
        f"--screenshot={shot}",
        f"{server}/reportextract/districts_ranked_by_denied_share",
    )
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 900)
    # Datasette's header bar and a table of several rows: far from a blank page.
    colours = image.getcolors(1 << 24) or []
    assert len(colours) > 50
    header = image.getpixel((5, 5))
    assert all(abs(a - b) <= 4 for a, b in zip(header, (0x27, 0x68, 0x90), strict=True))  # #276890
