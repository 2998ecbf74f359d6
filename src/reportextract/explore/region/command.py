"""``reportextract report``: a region's year on one page (registered in reportextract.cli)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ...extras import require
from ...options import region_and_year
from ..commands import DATASET, FILE_TO_WRITE, _clear_errors


@click.command("report")
@click.argument("dataset", type=DATASET)
@region_and_year
@click.option(
    "--out",
    type=FILE_TO_WRITE,
    required=True,
    help="The HTML page to write (one self-contained file).",
)
@click.option(
    "--pdf",
    type=FILE_TO_WRITE,
    help="Also print the page to this PDF (A4) with headless Chromium or WeasyPrint.",
)
def report_command(dataset: Path, within: str, year: int, out: Path, pdf: Path | None) -> None:
    """A region's year on one page: who published (from the division library), the key
    figures of every body side by side, ranked, with last year's and an application
    funnel each, every finding of the audit in words with the cell on its page, and
    every number linked to its document and page.

    The page is one HTML file (styles, SVG charts and pictures inline) that prints on
    A4; --pdf prints it with a browser engine if one is installed.
    """
    from .collect import region_report
    from .page import write_page
    from .printing import print_pdf

    with _clear_errors():
        # Jinja2 writes the page; matplotlib finds the Chinese font its pictures are drawn with.
        require("viz", "report", ("jinja2", "matplotlib"))
        started = time.perf_counter()
        content = region_report(dataset, within, year)
        write_page(content, out)
        seconds = time.perf_counter() - started
        totals = content.totals
        click.echo(
            f"{out}: {content.region_name} {content.region.code} {year} — "
            + "".join(f"{t.published} of {t.divisions} {t.name} published, " for t in totals.levels)
            + f"{totals.bodies} reports side by side, {totals.findings} findings; "
            f"{out.stat().st_size / 1024:.0f} KB in {seconds:.1f} s",
            err=True,
        )
        if pdf is not None:
            print_pdf(out, pdf)
            click.echo(f"{pdf}: printed", err=True)
