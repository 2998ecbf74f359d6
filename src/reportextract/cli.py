"""The command line: a thin layer over the library that turns its errors into messages."""

from __future__ import annotations

import contextlib
import logging
import sys
from importlib import import_module
from pathlib import Path

import click

from . import __version__
from .errors import DatasetError, MissingExtra, NothingToExtract
from .extras import missing_extra, require
from .options import format_option


class UsageError(click.ClickException):
    exit_code = 2


# Commands imported when they are asked for (module, attribute): `run` starts without the
# explore, region-page and fetch stacks (pandas, DuckDB, httpx …).
LAZY_COMMANDS = {
    "fetch": (".fetch.command", "fetch_command"),
    "query": (".explore.commands", "query_command"),
    "compare": (".explore.commands", "compare_command"),
    "coverage": (".explore.commands", "coverage_command"),
    "show": (".explore.commands", "show_command"),
    "serve": (".explore.commands", "serve_command"),
    "report": (".explore.region.command", "report_command"),
}


class Commands(click.Group):
    """The command group: a command's module is imported when the command is asked for; a
    command whose optional extra is not installed says so in one line with the command that
    installs it, whenever it finds out."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute = LAZY_COMMANDS[cmd_name]
            try:
                command = getattr(import_module(module, __package__), attribute)
            except ImportError as error:
                command = _needs_extra(cmd_name, error)
                if command is None:
                    raise  # a module of no extra: a bug, not a missing extra
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ImportError as error:
            missing = missing_extra(error, ctx.invoked_subcommand)
            if missing is None:
                raise
            raise UsageError(str(missing)) from None


def _needs_extra(name: str, error: ImportError) -> click.Command | None:
    """A stand-in for a command whose module cannot be imported without its extra."""
    missing = missing_extra(error, name)
    if missing is None:
        return None

    def fail(args: tuple[str, ...]) -> None:
        raise UsageError(str(missing))

    return click.Command(
        name,
        callback=fail,
        params=[click.Argument(["args"], nargs=-1, type=click.UNPROCESSED)],
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        help=f"(not installed) {missing}",
        add_help_option=False,
    )


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
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

    Exits 0 when every document was read, 1 when some failed, now or in an earlier run
    (each is recorded in the dataset's reports table with its reason; a path that names no
    file is listed in the summary), 2 when there is nothing to extract or on a usage or
    dataset error.
    """
    from .batch import WorkerStartError
    from .dataset.no_pandas import pandas_hidden
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
    # this process writes Parquet from plain values and exits: pyarrow needs no pandas
    # (a Dask client may: there it loads as usual)
    hiding = pandas_hidden() if executor == "local" else contextlib.nullcontext()
    try:
        require("dataset", "run")  # its progress bar's tqdm, loaded only where one is shown
        with hiding:
            summary = run_batch(list(inputs), out, options)
    except (DatasetError, MissingExtra, NothingToExtract, WorkerStartError) as exc:
        raise UsageError(str(exc)) from exc
    click.echo(describe(summary, out))
    sys.exit(1 if summary.failed or summary.failed_earlier else 0)


@main.command()
@click.argument("dataset", type=click.Path(file_okay=False, path_type=Path))
@format_option("text", "markdown", "json")
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
