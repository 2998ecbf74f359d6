"""What `run` and `fetch` say and exit with: a missing path is one failed document, nothing
to do is an error, the exit status says whether the inputs' documents failed (now or in an
earlier run), a missing extra is one line naming its install command."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from conftest import CORPUS, REPO
from reportextract import extras
from reportextract.cli import main
from reportextract.pipeline import extract

SAMPLE = CORPUS / "samples" / "synth-276-00001.txt"
OTHER = CORPUS / "samples" / "synth-276-00005.txt"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["run", *args, "--workers", "1", "--no-progress"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def reports(out: Path) -> list[dict]:
    return pq.read_table(out / "reports").to_pylist()


def test_a_missing_path_is_one_failed_document_and_the_batch_goes_on(tmp_path: Path) -> None:
    missing = tmp_path / "gone.pdf"
    code, output = run(str(missing), str(SAMPLE), "--out", str(tmp_path / "data"))
    assert code == 1
    assert output.startswith("2 documents: 1 extracted, 0 already in the dataset\n")
    assert ", 1 failure, in " in output
    assert f"  failed: {missing}: no such file or directory\n" in output
    [row] = reports(tmp_path / "data")
    assert row["source"] == str(SAMPLE) and row["status"] == "ok"


def test_a_stale_line_of_a_list_file_is_one_failed_document(tmp_path: Path) -> None:
    listing = tmp_path / "reports.list"
    listing.write_text(f"# two reports\n{SAMPLE}\nmoved-away.docx\n", encoding="utf-8")
    code, output = run(str(listing), "--out", str(tmp_path / "data"))
    assert code == 1
    assert f"  failed: {tmp_path / 'moved-away.docx'}: no such file or directory" in output
    assert [r["source"] for r in reports(tmp_path / "data")] == [str(SAMPLE)]


@pytest.mark.parametrize("kind", ["empty directory", "pattern matching nothing"])
def test_nothing_to_extract_is_an_error_with_a_message(tmp_path: Path, kind: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.xlsx").write_bytes(b"not a report format")
    given = str(empty) if kind == "empty directory" else str(tmp_path / "*.pdf")
    code, output = run(given, "--out", str(tmp_path / "data"))
    assert code == 2
    assert output.startswith(f"Error: nothing to extract: no documents in {given} (looked for ")
    assert output.count("\n") == 1
    assert not (tmp_path / "data").exists()


def test_an_empty_input_beside_others_is_named_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, output = run(str(SAMPLE), str(tmp_path / "empty"), "--out", str(tmp_path / "data"))
    assert code == 0
    assert output.startswith("1 document: 1 extracted, 0 already in the dataset\n")
    assert ", 0 failures, in " in output
    assert f"no documents in: {tmp_path / 'empty'}\n" in output


def test_a_rerun_over_a_dataset_holding_failures_says_so_and_exits_1(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_bytes(SAMPLE.read_bytes())
    (docs / "garbage.pdf").write_bytes(bytes(range(256)) * 40)
    out = str(tmp_path / "data")
    assert run(str(docs), "--out", out)[0] == 1
    code, output = run(str(docs), "--out", out)
    assert code == 1
    assert output.startswith("2 documents: 0 extracted, 2 already in the dataset\n")
    assert (
        "1 document already in the dataset failed in an earlier run "
        "(--retry-failed redoes it):\n"
        f"  failed earlier: {docs / 'garbage.pdf'}: "
    ) in output
    code, output = run(str(docs / "good.txt"), "--out", out)
    assert code == 0
    assert "the dataset holds 1 failed document in all (1 from inputs not given to this run)" in (
        output
    )


def test_no_progress_bar_lines_pile_up_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    result = subprocess.run(
        [sys.executable, "-m", "reportextract", "run", str(SAMPLE), "--out", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("1 document: 1 extracted")


def test_extract_on_a_missing_file_raises_rather_than_inventing_a_report(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        extract(tmp_path / "missing.pdf")


def test_a_pre_2019_report_without_its_statistics_table_is_read_from_its_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.txt"
    path.write_text(
        "平潭县人民政府2012年政府信息公开工作年度报告\n"
        "一、概述\n2012年，我县共主动公开政府信息1516条，受理政府信息公开申请12件，均已按时答复。\n",
        encoding="utf-8",
    )
    report = extract(path)
    assert (report.template, report.year, report.cells) == ("pre-2019", 2012, [])
    assert (report.status, report.error) == ("ok", None)
    stated = {(f.metric, f.value) for f in report.figures}
    assert {("proactive.items", 1516), ("requests.received", 12)} <= stated


def test_fetch_exits_1_when_nothing_could_be_fetched(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on: every request is refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(
        main,
        [
            "fetch", f"http://127.0.0.1:{port}/nb/index.html",
            "--corpus", str(tmp_path / "corpus"), "--allow-private",
            "--delay", "0", "--timeout", "0.5", "--retries", "1", "--no-progress",
        ],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert (
        result.output.splitlines()[-1]
        == "Error: nothing could be fetched: 1 failed, none downloaded"
    )


@pytest.fixture(scope="module")
def small_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("outcomes") / "data"
    result = CliRunner().invoke(
        main, ["run", str(SAMPLE), str(OTHER), "--out", str(out), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    ("args", "what", "absent"),
    [
        (["compare", "{data}", "--png", "{tmp}/c.png"], "compare --png", "matplotlib"),
        (
            ["show", "{data}", "{rid}", "--cell", "requests/granted/total", "--png", "{tmp}/s.png"],
            "show --png",
            "matplotlib",
        ),
        (["serve", "{data}"], "serve", "datasette, uvicorn"),
        (
            ["report", "{data}", "--within", "320800", "--year", "2024", "--out", "{tmp}/r.html"],
            "report",
            "jinja2, matplotlib",
        ),
        (
            ["run", str(SAMPLE), "--out", "{tmp}/d", "--executor", "dask"],
            "--executor dask",
            "distributed",
        ),
    ],
)
def test_a_command_whose_extra_is_missing_says_so_in_one_line(
    small_dataset: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    what: str,
    absent: str,
) -> None:
    missing = {"matplotlib", "datasette", "uvicorn", "jinja2", "distributed"}
    monkeypatch.setattr(extras, "_importable", lambda module: module not in missing)
    rid = reports(small_dataset)[0]["report_id"]
    argv = [a.format(data=small_dataset, tmp=tmp_path, rid=rid) for a in args]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 2
    extra = "dask" if what == "--executor dask" else "viz"
    assert result.output.splitlines()[-1] == (
        f"Error: {what} needs the '{extra}' extra ({absent} not installed): "
        f"pip install 'reportextract[{extra}]'"
    )
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.png")) and not list(tmp_path.glob("*.html"))


def test_audit_of_one_report_says_one_report(small_dataset: Path) -> None:
    issuer = json.loads((CORPUS / "truth" / f"{SAMPLE.name}.json").read_text("utf-8"))["issuer"]
    result = CliRunner().invoke(main, ["audit", str(small_dataset), "--issuer", issuer])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("1 report checked, ")


# Runs the command line in a child where no module of any extra imports, as after
# `pip install .` (the core): each command says which extra it needs, in one line.
_CORE_ONLY = """
import importlib.abc, json, sys
blocked = set(json.loads(sys.argv[1]))

class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NotInstalled())
from reportextract.cli import main
main(sys.argv[2:], prog_name="reportextract")
"""


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["run", str(SAMPLE), "--out", "{tmp}/data"], "dataset"),
        (["query", "{tmp}/data", "SELECT 1"], "explore"),
        (["compare", "{tmp}/data"], "explore"),
        (["coverage", "{tmp}/data", "--within", "320800", "--year", "2024"], "explore"),
        (["show", "{tmp}/data", "abc", "--cell", "requests/granted/total"], "explore"),
        (["serve", "{tmp}/data"], "explore"),
        (
            ["report", "{tmp}/data", "--within", "320800", "--year", "2024", "--out", "r.html"],
            "explore",
        ),
        (["fetch", "--corpus", "{tmp}/corpus", "http://127.0.0.1:9/"], "fetch"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else value,
)
def test_in_a_core_install_each_command_names_the_extra_it_needs(
    tmp_path: Path, args: list[str], extra: str
) -> None:
    blocked = sorted({module for modules in extras.EXTRAS.values() for module in modules})
    argv = [a.format(tmp=tmp_path) for a in args]
    result = subprocess.run(
        [sys.executable, "-c", _CORE_ONLY, json.dumps(blocked), *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {args[0]} needs the '{extra}' extra (")
    assert line.endswith(f"not installed): pip install 'reportextract[{extra}]'")
    assert not (tmp_path / "data").exists() and not (tmp_path / "corpus").exists()


def test_the_extras_modules_come_from_the_extras_of_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["optional-dependencies"]

    def distributions(extra: str) -> set[str]:
        """The distributions an extra names; a bracket adds its names (dask[distributed]),
        or the extras of reportextract it includes (reportextract[dataset])."""
        names = set()
        for requirement in declared[extra]:
            name = re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower()
            inner = requirement.split("[", 1)[1].split("]", 1)[0] if "[" in requirement else ""
            if name == "reportextract":
                names |= {d for e in inner.split(",") for d in distributions(e.strip())}
            else:
                names |= {name, *(part.strip() for part in inner.split(",") if part)}
        return names

    installed = metadata.packages_distributions()
    for extra, modules in extras.EXTRAS.items():
        for module in modules:
            providers = {d.lower().replace("_", "-") for d in installed.get(module, [])}
            assert providers & distributions(extra), (extra, module, providers)
