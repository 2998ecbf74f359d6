"""The command line: a thin layer over the library that turns its errors into messages."""

from __future__ import annotations

import logging
import sys
from importlib import import_module
from pathlib import Path

import click

from . import __version__
from .errors import DatasetError


class UsageError(click.ClickException):
    exit_code = 2


# Commands imported when they are asked for (module, attribute): `run` starts without the
# explore, region-page and fetch stacks (pandas, DuckDB, httpx …).
LAZY_COMMANDS = {
    "fetch": ("reportextract.fetch.command", "fetch_command"),
    "query": ("reportextract.explore.commands", "query_command"),
    "compare": ("reportextract.explore.commands", "compare_command"),
    "coverage": ("reportextract.explore.commands", "coverage_command"),
    "show": ("reportextract.explore.commands", "show_command"),
    "serve": ("reportextract.explore.commands", "serve_command"),
    "report": ("reportextract.explore.region.command", "report_command"),
}


class _Commands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportextract")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens to stderr.")
def main(verbose: bool) -> None:
    """Turn 政府信息公开工作年度报告 (PDF, scans, HTML, DOCX, text) into a Parquet dataset."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Dataset directory to write.",
)
@click.option(
    "--workers", type=int, default=None, help="Worker processes (default: the number of cores)."
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where documents are extracted.",
)
@click.option(
    "--scheduler",
    default=None,
    help="Dask scheduler address (with --executor dask); a local cluster if omitted.",
)
@click.option("--force", is_flag=True, help="Redo documents already in the dataset.")
@click.option("--retry-failed", is_flag=True, help="Redo documents that failed before.")
@click.option(
    "--timeout", type=float, default=120.0, show_default=True, help="Seconds allowed per document."
)
@click.option(
    "--memory-mb",
    type=int,
    default=3072,
    show_default=True,
    help="Memory ceiling per document: address space it may add to its worker's, MB.",
)
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def run(
    inputs: tuple[str, ...],
    out: Path,
    workers: int | None,
    executor: str,
    scheduler: str | None,
    force: bool,
    retry_failed: bool,
    timeout: float,
    memory_mb: int,
    no_progress: bool,
) -> None:
    """Extract INPUTS (files, directories, globs, .list files, fetch manifests) into --out.

    Exits 0 when every document was read, 1 when some failed (each failure is recorded
    in the dataset's reports table with its reason), 2 on a usage or dataset error.
    """
    from .batch import WorkerStartError
    from .runner import RunOptions, describe, run_batch

    options = RunOptions(
        workers=workers,
        executor=executor,
        scheduler=scheduler,
        force=force,
        retry_failed=retry_failed,
        timeout=timeout,
        memory_mb=memory_mb,
        progress=not no_progress,
    )
    try:
        summary = run_batch(list(inputs), out, options)
    except (DatasetError, FileNotFoundError, WorkerStartError) as exc:
        raise UsageError(str(exc)) from exc
    click.echo(describe(summary, out))
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("dataset", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--issuer",
    "issuers",
    multiple=True,
    help="Only this body (repeatable): a name its reports print, its official name or its "
    "division's code.",
)
@click.option("--year", type=int, default=None, help="Only reports of this year.")
def audit(dataset: Path, fmt: str, issuers: tuple[str, ...], year: int | None) -> None:
    """Print, per report, the rules it breaks with the numbers involved, and a summary line."""
    from .audit.render import RENDERERS, load_audit

    try:
        result = load_audit(dataset, issuers, year)
    except DatasetError as exc:
        raise UsageError(str(exc)) from exc
    click.echo(RENDERERS[fmt](result))


if __name__ == "__main__":  # pragma: no cover
    main()
