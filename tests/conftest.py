"""Shared fixtures: the real reports with hand-checked truth in ../shared/real, and the
template's 表三 columns.

A clone with nothing beside it has no ../shared: every test that needs it skips, saying
so in one line. CI (`.ci/run`) sets REPORTEXTRACT_REQUIRE_SHARED=1, which turns those
skips into failures, so the real-document tests never go missing there unnoticed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REPORTEXTRACT_SHARED", REPO.parent / "shared")).resolve()
SHARED_REAL = Path(os.environ.get("REPORTEXTRACT_SHARED_REAL", SHARED / "real")).resolve()
SPEC = SHARED / "spec"
REAL_DOCS = SHARED_REAL / "docs"
REAL_TRUTH = SHARED_REAL / "truth"
CORPUS = REPO / "corpus"

# 表三's applicant columns in template order, written out apart from the package's own list.
APPLICANT_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
)
REQUEST_COLUMNS = (*APPLICANT_COLUMNS, "total")  # the value columns, 3 … 9 of the grid


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def require_shared(path: Path) -> Path:
    """``path`` under ../shared; the test skips (fails under CI) when it is not there."""
    if path.exists():
        return path
    message = (
        f"{path} not found: needs ../shared beside the repository "
        "(or REPORTEXTRACT_SHARED_REAL naming the real reports' folder)"
    )
    if os.environ.get("REPORTEXTRACT_REQUIRE_SHARED"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)  # called while a module is collected, too


def real_docs() -> Path:
    """The folder of real reports: skips the test where ../shared/real is absent."""
    return require_shared(REAL_DOCS)


def real_doc(name: str) -> Path:
    path = real_docs() / name
    if not path.exists():
        pytest.fail(f"real document {path} is missing from ../shared/real")
    return path


def real_truth(name: str) -> dict:
    return load_truth(require_shared(REAL_TRUTH) / f"{name}.json")


def real_truth_files() -> list[Any]:
    """Every truth file, as parameters; one placeholder (skipped by the `real` mark) without them."""
    files = sorted(REAL_TRUTH.glob("*.json"))
    return files or [pytest.param(REAL_TRUTH / "none.json", id="no-real-reports")]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "real: needs the real reports of ../shared/real")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("real") is not None:
        real_docs()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A test that reads ../shared without asking (a path of it opened directly) and fails
    only because the folder is not there is a skip too, with the same one line — unless
    REPORTEXTRACT_REQUIRE_SHARED asks for the failure."""
    outcome = yield
    report = outcome.get_result()
    if (
        report.failed
        and call.excinfo is not None
        and not SHARED_REAL.exists()
        and not os.environ.get("REPORTEXTRACT_REQUIRE_SHARED")
    ):
        error = call.excinfo.value
        missing = getattr(error, "filename", None) if isinstance(error, OSError) else None
        if missing is not None and str(missing).startswith((str(SHARED), str(SHARED_REAL))):
            report.outcome = "skipped"
            report.longrepr = (
                str(item.path),
                item.location[1] or 0,
                f"Skipped: {missing} not found: needs ../shared beside the repository "
                "(or REPORTEXTRACT_SHARED_REAL naming the real reports' folder)",
            )
