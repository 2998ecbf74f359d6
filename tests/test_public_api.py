"""The library's face: `reportextract.extract` and the records and errors it returns, and a
core install (pyproject's dependencies, no extra) that is enough for `extract`."""

from __future__ import annotations

import importlib.metadata as metadata
import json
import re
import subprocess
import sys
import tomllib

import pytest

import reportextract
from conftest import CORPUS, REPO, real_doc
from reportextract import errors, model


def documents() -> list:
    return [
        real_doc("huaian-hongze-2023.pdf"),
        real_doc("pingtan-2024.html"),
        real_doc("pingtan-2024.txt"),  # crawled text with glued cells
        CORPUS / "samples" / "synth-276-00000.docx",
        CORPUS / "samples" / "synth-276-00003-borderless.pdf",
    ]


SCAN = CORPUS / "samples" / "synth-276-00002-scan.pdf"


def test_the_package_exports_extract_the_records_and_the_errors() -> None:
    report = reportextract.extract(real_doc("huaian-hongze-2023.pdf"))
    assert isinstance(report, reportextract.Report)
    assert report.status == "ok" and report.cells and report.figures and report.checks
    assert all(isinstance(c, reportextract.Cell) for c in report.cells)
    assert all(isinstance(f, reportextract.Figure) for f in report.figures)
    assert all(isinstance(c, reportextract.Check) for c in report.checks)
    assert reportextract.Report is model.Report
    for name in reportextract.__all__:
        assert getattr(reportextract, name) is not None, name


def test_every_error_is_one_tree() -> None:
    raised = [
        obj
        for obj in vars(errors).values()
        if isinstance(obj, type)
        and issubclass(obj, Exception)
        and obj.__module__ == errors.__name__
    ]
    assert all(issubclass(cls, reportextract.ReportExtractError) for cls in raised)
    assert all(getattr(reportextract, cls.__name__) is cls for cls in raised)
    assert issubclass(reportextract.MissingDependency, reportextract.DocumentError)


def test_a_bad_document_is_a_failed_report_not_an_exception() -> None:
    report = reportextract.extract("empty.pdf", data=b"")
    assert report.status == "failed" and report.error == "empty file"


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def _core_closure(core: set[str]) -> set[str]:
    """The core distributions and everything they require, as installed."""
    seen: set[str] = set()
    todo = list(core)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += [_name(r) for r in requires if "extra ==" not in r]
    return seen


def _modules_outside_the_core() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {_name(r) for r in project["dependencies"]}
    extras = {
        _name(r)
        for requirements in project["optional-dependencies"].values()
        for r in requirements
        if _name(r) != "reportextract"
    }
    outside = extras - _core_closure(core)
    return sorted(
        module
        for module, dists in metadata.packages_distributions().items()
        if dists and all(_name(d) in outside for d in dists)
    )


# Runs in a child: the modules of every extra cannot be imported, as in a core install.
_CHILD = """
import importlib.abc, json, sys
blocked = set(json.loads(sys.argv[1]))

class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ImportError(f"{name} is not installed (core install)")
        return None

sys.meta_path.insert(0, Blocker())
import reportextract
out = []
for path in sys.argv[2:]:
    r = reportextract.extract(path)
    out.append({"status": r.status, "error": r.error,
                "cells": sorted([c.table, c.row_code, c.col_code, c.value] for c in r.cells),
                "figures": len(r.figures), "checks": len(r.checks)})
print(json.dumps(out))
"""


def test_a_core_install_is_enough_for_extract() -> None:
    blocked = _modules_outside_the_core()
    assert {"duckdb", "httpx", "tqdm", "tabulate", "rapidocr", "docx"} <= set(blocked)
    paths = [*documents(), SCAN]
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(blocked), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout)
    for path, child in zip(documents(), found, strict=False):
        full = reportextract.extract(path)
        assert child["status"] == full.status, (path.name, child["error"])
        assert child["cells"] == sorted(
            [c.table, c.row_code, c.col_code, c.value] for c in full.cells
        )
        assert (child["figures"], child["checks"]) == (len(full.figures), len(full.checks))
    scan = found[-1]
    assert scan["status"] == "failed"
    assert "reportextract[ocr]" in scan["error"] and "internal error" not in scan["error"]


@pytest.mark.parametrize("module", ["reportextract.errors", "reportextract.model"])
def test_the_records_load_without_the_pipeline(module: str) -> None:
    code = f"import sys, {module}; print('reportextract.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
