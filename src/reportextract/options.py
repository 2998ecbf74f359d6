"""Command-line options several commands share, declared once so that they read alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

Command = TypeVar("Command", bound=Callable[..., Any])


def format_option(*choices: str, help: str | None = None) -> Callable[[Command], Command]:
    """``--format`` (the parameter ``fmt``): one of ``choices``, the first by default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help,
    )


_WITHIN = click.option(
    "--within",
    required=True,
    help="The region: a division's name or code (淮安市, 320800, 江苏省).",
)
_YEAR = click.option("--year", type=int, required=True, help="The year the reports cover.")


def region_and_year(command: Command) -> Command:
    """``--within`` and ``--year``, both required: the region and the year a command covers."""
    return _WITHIN(_YEAR(command))
