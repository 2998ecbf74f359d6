"""The exploring commands: query, compare, show, serve (registered in reportextract.cli)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import DatasetError, MissingExtra
from ..extras import require
from ..options import format_option, region_and_year
from .errors import ExploreError

DATASET = click.Path(path_type=Path)
FILE_TO_WRITE = click.Path(dir_okay=False, path_type=Path)


class DatasetProblem(click.ClickException):
    exit_code = 2


@contextmanager
def _clear_errors() -> Iterator[None]:
    """Library errors as one-line messages: exit 2 for a dataset problem or a missing extra,
    1 for an unanswerable question."""
    try:
        yield
    except (DatasetError, MissingExtra) as exc:
        raise DatasetProblem(str(exc)) from exc
    except (ExploreError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("query")
@click.argument("dataset", type=DATASET)
@click.argument("sql")
@format_option("table", "csv", "json", help="Output format.")
def query_command(dataset: Path, sql: str, fmt: str) -> None:
    """Run one read-only SQL statement (DuckDB) over DATASET.

    Tables: reports, bodies, cells, figures, checks. Views: requests_wide (表三, one row
    per body, year and applicant column, one column per outcome row: granted,
    partially_granted, denied_state_secret …), key_figures (one row per body and year),
    findings (failed checks) and series (one row per body, year and quantity, 2008 to
    today, from the pre-2019 统计表, the 2019+ tables or the text); the views hold each
    body-year's primary document only, so
    their sums count every report once. Quote the columns "table" and "primary" (SQL
    keywords). Example:

        reportextract query data "SELECT issuer, year, granted FROM requests_wide WHERE applicant = 'total'"
    """
    from .query import format_frame, run_query

    with _clear_errors():
        click.echo(format_frame(run_query(dataset, sql), fmt))


@click.command("compare")
@click.argument("dataset", type=DATASET)
@click.option(
    "--issuer",
    "issuers",
    multiple=True,
    help="A body (repeatable): any name its reports print, its official name or its division's "
    "code — 洪泽区 matches 淮安市洪泽区人民政府 under both its names, never 洪泽区财政局.",
)
@click.option(
    "--within",
    default=None,
    help="Every body of a division and of the divisions under it, by level: 淮安市 or 320800.",
)
@click.option("--year", type=int, default=None, help="Only reports for this year.")
@format_option("markdown", "csv", help="markdown: one column per report; csv: one row per report.")
@click.option("--png", type=FILE_TO_WRITE, help="Also write a chart here.")
@click.option(
    "--metric",
    default="received",
    show_default=True,
    help="Figure to chart (a column of the table, e.g. granted_share, denied_share, appeals).",
)
@click.option(
    "--chart",
    type=click.Choice(["auto", "lines", "bars"]),
    default="auto",
    show_default=True,
    help="lines over years, or bars ranking the reports; auto: bars for one year.",
)
def compare_command(
    dataset: Path,
    issuers: tuple[str, ...],
    within: str | None,
    year: int | None,
    fmt: str,
    png: Path | None,
    metric: str,
    chart: str,
) -> None:
    """Key figures of bodies side by side: applications, granted and denied shares,
    denials by reason, appeals and the share corrected, failed checks.

    One document per body and year (its primary document, when a report is there as PDF
    and as web page). With --png, a chart: each --issuer a line over the years, or with
    --year all matching reports of that year ranked.
    """
    from .compare import format_comparison, key_figures, metric_columns

    with _clear_errors():
        if png is not None:
            require("viz", "compare --png", ("matplotlib",))
        if png is not None and metric not in metric_columns():
            raise click.BadParameter(
                f"{metric!r} is not one of {', '.join(metric_columns())}", param_hint="--metric"
            )
        frame = key_figures(dataset, issuers, year, within)
        click.echo(format_comparison(frame, fmt))
        if png is not None:
            from .chart import choose_kind, plot

            kind = choose_kind(frame, year, metric) if chart == "auto" else chart
            plot(frame, metric, png, kind)
            click.echo(f"chart: {png}", err=True)


@click.command("coverage")
@click.argument("dataset", type=DATASET)
@region_and_year
@format_option(
    "markdown", "csv", help="markdown: a table and a summary line; csv: one row per division."
)
def coverage_command(dataset: Path, within: str, year: int, fmt: str) -> None:
    """Which divisions under a region published a report for a year, and which did not.

    The divisions one level below --within (the counties of a city, the cities of a
    province) as the national list had them that year; a division has a report when its
    people's government published one. Reports of its other bodies (offices, departments,
    townships, zones) are counted beside it.
    """
    from .coverage import coverage, format_coverage

    with _clear_errors():
        click.echo(format_coverage(coverage(dataset, within, year), fmt))


@click.command("show")
@click.argument("dataset", type=DATASET)
@click.argument("report_id")
@click.option("--cell", "cell", help="table/row_code/col_code, e.g. requests/granted/total.")
@click.option("--figure", "metric", help="A narrative metric, e.g. requests.received.")
@click.option("--png", type=FILE_TO_WRITE, help="Write the image here.")
@click.option(
    "--source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The source document, if it is no longer where the dataset says.",
)
@click.option(
    "--phases",
    is_flag=True,
    help="On the page image, draw what the reading of tables without rules found: its lines, "
    "table regions, number columns and grids.",
)
def show_command(
    dataset: Path,
    report_id: str,
    cell: str | None,
    metric: str | None,
    png: Path | None,
    source: Path | None,
    phases: bool,
) -> None:
    """Show where a cell or a narrative figure of REPORT_ID (or a unique prefix) is printed.

    A PDF's page is drawn with the cell boxed; other formats show the table row as
    extracted. A figure is shown in its sentence. The source is read only if it is a local
    file with the bytes that were extracted; URLs are never fetched.
    """
    from .show import (
        CellRef,
        cell_view,
        describe_cell,
        describe_figures,
        figure_views,
        render_cell,
        render_figure,
        save_png,
    )

    if (cell is None) == (metric is None):
        raise click.UsageError("give either --cell table/row_code/col_code or --figure METRIC")
    with _clear_errors():
        if png is not None:  # matplotlib finds the Chinese font the image is drawn with
            require("viz", "show --png", ("matplotlib",))
        if cell is not None:
            view = cell_view(dataset, report_id, CellRef.parse(cell), source)
            click.echo(describe_cell(view))
            image = render_cell(view, phases) if png is not None else None
        else:
            assert metric is not None
            views = figure_views(dataset, report_id, metric, source)
            click.echo(describe_figures(views))
            image = render_figure(views[0]) if png is not None else None
        if png is not None and image is not None:
            save_png(image, png)
            click.echo(f"image: {png}", err=True)


@click.command("serve")
@click.argument("dataset", type=DATASET)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8001, show_default=True, help="Port to listen on.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the SQLite copy is kept (default: $REPORTEXTRACT_CACHE or ~/.cache/reportextract).",
)
def serve_command(dataset: Path, host: str, port: int, cache_dir: Path | None) -> None:
    """Browse DATASET in Datasette, read-only, with saved queries for common questions."""
    from .serve import cached_database, serve

    with _clear_errors():
        require("viz", "serve", ("datasette", "uvicorn"))
        database = cached_database(dataset, cache_dir)
        click.echo(f"serving {database} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        serve(dataset, host, port, cache_dir)


COMMANDS = (query_command, compare_command, coverage_command, show_command, serve_command)
