"""`reportextract fetch`: the command-line face of `fetch_sources`."""

from __future__ import annotations

from pathlib import Path

import click

from .client import DEFAULT_MAX_BYTES, DEFAULT_RETRIES, DEFAULT_TIMEOUT
from .crawler import DEFAULT_DELAY, DEFAULT_MAX_PAGES, FetchSummary, fetch_sources
from .errors import FetchError
from .sources import load_catalog


@click.command("fetch")
@click.argument("urls", nargs=-1, metavar="[URL]...")
@click.option(
    "--sources",
    "sources_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Sources file (default: the bundled mappings/sources.yaml).",
)
@click.option(
    "--source",
    "names",
    multiple=True,
    metavar="NAME",
    help="Fetch only this source (repeatable). Default: every source, or none when URLs are given.",
)
@click.option(
    "--corpus",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Corpus directory: files under sha256/, manifest.csv at its root.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=DEFAULT_DELAY,
    show_default=True,
    help="Seconds between requests to one host (robots.txt Crawl-delay can raise it).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for a connection or for data.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow hosts that resolve to private, loopback or link-local addresses.",
)
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    metavar="HOST",
    help="Also fetch from this host (repeatable; '*' for any host).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Size cap per file; larger downloads are aborted.",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_PAGES,
    show_default=True,
    help="List pages to walk per column at most.",
)
@click.option(
    "--year",
    "years",
    multiple=True,
    type=int,
    metavar="YEAR",
    help="Only reports for this year (repeatable).",
)
@click.option(
    "--retries",
    type=click.IntRange(min=1),
    default=DEFAULT_RETRIES,
    show_default=True,
    help="Attempts per request on timeouts, broken connections and 5xx.",
)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")
def fetch_command(
    urls: tuple[str, ...],
    sources_file: Path | None,
    names: tuple[str, ...],
    corpus: Path,
    delay: float,
    timeout: float,
    allow_private: bool,
    allowed_hosts: tuple[str, ...],
    max_bytes: int,
    max_pages: int,
    years: tuple[int, ...],
    retries: int,
    progress: bool,
) -> None:
    """Collect 政府信息公开工作年度报告 from the sources' 年报 columns into a corpus.

    URLs given as arguments are fetched as 年报 column list pages (with a known source's
    settings when their host belongs to one). Re-running on the same corpus downloads only
    what changed. Politeness: robots.txt, a per-host delay, an honest User-Agent.
    Exits 1 when nothing could be fetched (every request failed, or no report was found).
    """
    try:
        catalog = load_catalog(sources_file)
        selected = catalog.select(names) if names or not urls else []
        selected += [catalog.for_url(url) for url in urls]
        summary = fetch_sources(
            selected,
            corpus,
            delay=delay,
            timeout=timeout,
            allow_private=allow_private,
            allowed_hosts=allowed_hosts or None,
            max_bytes=max_bytes,
            max_pages=max_pages,
            years=set(years) or None,
            retries=retries,
            progress=progress,
        )
    except FetchError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(summary.render())
    if not summary.downloaded and not summary.unchanged:
        raise click.ClickException(nothing_fetched(summary))


def nothing_fetched(summary: FetchSummary) -> str:
    if summary.failed:
        return f"nothing could be fetched: {len(summary.failed)} failed, none downloaded"
    return f"nothing fetched: no report file found on {summary.listing_pages} list pages"
