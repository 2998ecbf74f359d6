"""The page printed to PDF by a real browser engine, if one is installed.

Headless Chromium (or Chrome, Edge) prints the page as it shows it, with its fonts and
links; WeasyPrint, a Python HTML/CSS engine, is used when no Chromium is there. Neither
is a dependency: without both, ``PrintEngineMissing`` says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ExploreError

CHROMIUM_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
)
TIMEOUT = 180.0


class PrintEngineMissing(ExploreError):
    """No engine that prints HTML to PDF is installed."""


class PrintFailed(ExploreError):
    """The engine ran and did not write the PDF."""


def find_chromium() -> str | None:
    """$REPORTEXTRACT_CHROMIUM, else the first Chromium-family browser on PATH."""
    configured = os.environ.get("REPORTEXTRACT_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _has_weasyprint() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: its system libraries (pango) are missing
        return False
    return True


def engine() -> str:
    """The engine :func:`print_pdf` would use: a browser's path or ``weasyprint``."""
    chromium = find_chromium()
    if chromium is not None:
        return chromium
    if _has_weasyprint():
        return "weasyprint"
    raise PrintEngineMissing(
        "no engine to print PDF: install Chromium (apt install chromium; or set "
        "REPORTEXTRACT_CHROMIUM) or WeasyPrint (pip install weasyprint)"
    )


def print_pdf(html: Path, pdf: Path) -> Path:
    """Print the page ``html`` to ``pdf`` (A4, as its stylesheet asks)."""
    chosen = engine()
    pdf = Path(pdf)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    if chosen == "weasyprint":
        import weasyprint

        weasyprint.HTML(filename=str(html)).write_pdf(str(pdf))
        return pdf
    with tempfile.TemporaryDirectory(prefix="reportextract-print-") as profile:
        command = [
            chosen,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf.resolve()}",
            Path(html).resolve().as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PrintFailed(f"{chosen} did not print the page within {TIMEOUT:g} s") from exc
        except OSError as exc:
            raise PrintFailed(f"{chosen} cannot be started: {exc}") from exc
    if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        tail = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise PrintFailed(f"{chosen} did not print the page (exit {result.returncode}): {tail[0]}")
    return pdf
