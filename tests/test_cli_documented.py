"""Every command is documented in the README, and the README's commands are CI's."""

from __future__ import annotations

import click

from conftest import REPO
from reportextract.cli import main


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    context = click.Context(main)
    names = main.list_commands(context)
    assert {"run", "audit", "fetch", "query", "report"} <= set(names)
    for name in names:
        command = main.get_command(context, name)
        assert command is not None and command.name == name  # a command imported on demand
        assert f"reportextract {name}" in readme, name


def test_ci_runs_the_readmes_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    test_command = next(line.strip() for line in readme[:10] if "pytest" in line)
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_opens_with_the_run_on_the_bundled_corpus() -> None:
    head = "\n".join((REPO / "README.md").read_text(encoding="utf-8").splitlines()[:6])
    assert "reportextract run corpus/ --out data/" in head
