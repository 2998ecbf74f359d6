"""A clone with nothing beside it: the tests that need ../shared skip, saying why in one
line; under CI (`.ci/run`) its absence is an error, so those tests never go missing there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

NEEDS_REAL = (
    "tests/test_real_reports_tables.py::test_pdf_cells_keep_page_and_box_of_the_printed_value"
)


def pytest_run(tmp_path: Path, *extra_env: tuple[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTEXTRACT_")}
    env.update({"REPORTEXTRACT_SHARED": str(tmp_path / "nothing-here"), **dict(extra_env)})
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", NEEDS_REAL],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_test_needing_the_real_reports_skips_with_one_line_saying_why(tmp_path: Path) -> None:
    result = pytest_run(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    [line] = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert f"{tmp_path / 'nothing-here'}/real/docs not found" in line
    assert "needs ../shared beside the repository" in line


def test_under_ci_a_missing_shared_folder_fails_the_test(tmp_path: Path) -> None:
    result = pytest_run(tmp_path, ("REPORTEXTRACT_REQUIRE_SHARED", "1"))
    assert result.returncode == 1
    assert "1 failed" in result.stdout
    assert "real/docs not found" in result.stdout


def test_ci_script_refuses_to_run_without_the_shared_folder(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / ".ci").mkdir(parents=True)
    shutil.copy(REPO / ".ci" / "run", checkout / ".ci" / "run")
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTEXTRACT_")}
    result = subprocess.run(
        ["bash", str(checkout / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        ".ci/run: ../shared/real/docs is missing: "
        "CI runs the real-document tests, it never skips them"
    )
    assert not (checkout / ".venv").exists()


def test_a_test_opening_a_shared_file_directly_skips_too_but_other_failures_stay(
    tmp_path: Path,
) -> None:
    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copy(REPO / "tests" / "conftest.py", suite / "conftest.py")
    (suite / "test_probe.py").write_text(
        "from conftest import REAL_DOCS\n\n"
        "def test_reads_a_real_report():\n"
        "    (REAL_DOCS / 'huaian-city-2024.pdf').read_bytes()\n\n"
        "def test_fails_for_its_own_reason():\n"
        "    assert 1 == 2\n",
        encoding="utf-8",
    )
    (suite / "test_module_level.py").write_text(  # asks for a real report as it is imported
        "from conftest import real_doc\n\nDOC = real_doc('pingtan-2024.html')\n\n"
        "def test_reads_it():\n    DOC.read_bytes()\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTEXTRACT_")}
    env["REPORTEXTRACT_SHARED"] = str(tmp_path / "nothing-here")
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(suite)]
    result = subprocess.run(command, cwd=suite, env=env, capture_output=True, text=True)
    assert "1 failed, 2 skipped" in result.stdout, result.stdout
    assert "huaian-city-2024.pdf not found: needs ../shared beside the repository" in result.stdout
    assert "real/docs not found: needs ../shared" in result.stdout
    env["REPORTEXTRACT_REQUIRE_SHARED"] = "1"
    result = subprocess.run(command, cwd=suite, env=env, capture_output=True, text=True)
    assert result.returncode != 0  # the module's collection fails, and with it the run
    assert "real/docs not found: needs ../shared" in result.stdout, result.stdout
    (suite / "test_module_level.py").unlink()
    result = subprocess.run(command, cwd=suite, env=env, capture_output=True, text=True)
    assert "2 failed" in result.stdout, result.stdout
