"""The notebooks in notebooks/ run from start to end on the bundled corpus's dataset
(built by the first notebook, as a user's first run would) and draw their plots."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import CORPUS, REAL_DOCS, REPO

NOTEBOOKS = REPO / "notebooks"
NAMES = ["districts-over-years.ipynb", "audit-findings.ipynb"]


@pytest.fixture(scope="module")
def notebook_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Not built yet: the first notebook builds it with the library.
    return tmp_path_factory.mktemp("notebooks") / "data"


def corpus() -> Path:
    return CORPUS if (CORPUS / "samples").is_dir() else REAL_DOCS


def run(name: str, data: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("REPORTEXTRACT_DATA", str(data))
    monkeypatch.setenv("REPORTEXTRACT_CORPUS", str(corpus()))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    ).execute()
    return notebook


def outputs(notebook: nbformat.NotebookNode, kind: str) -> list[str]:
    return [
        output["data"][kind]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if kind in output.get("data", {})
    ]


def text_of(notebook: nbformat.NotebookNode) -> str:
    parts = outputs(notebook, "text/plain") + outputs(notebook, "text/markdown")
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output["text"])
    return "\n".join(parts)


def test_notebooks_are_stored_without_outputs() -> None:
    for name in NAMES:
        notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(notebook)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, name


def test_districts_notebook_builds_the_dataset_and_plots(
    notebook_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not notebook_data.exists()
    notebook = run("districts-over-years.ipynb", notebook_data, monkeypatch)
    assert (notebook_data / "datapackage.json").is_file()
    assert len(outputs(notebook, "image/png")) >= 4
    from reportextract.explore.compare import key_figures

    figures = key_figures(notebook_data)
    shown = text_of(notebook)
    # The side-by-side table of the body with most years, and the key-figures table.
    assert "applications received (新收)" in shown
    for issuer in figures["issuer"].dropna():
        assert issuer in shown


def test_audit_notebook_shows_the_findings(
    notebook_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = run("audit-findings.ipynb", notebook_data, monkeypatch)
    from reportextract.explore.query import run_query

    findings = run_query(notebook_data, "SELECT * FROM findings")
    shown = text_of(notebook)
    assert f"{len(findings)} failed checks in {findings['report_id'].nunique()} documents" in shown
    images = outputs(notebook, "image/png")
    assert len(images) >= 2
    pdf_findings = run_query(
        notebook_data,
        "SELECT COUNT(*) AS n FROM findings f JOIN reports r USING (report_id) "
        "WHERE r.format = 'pdf' AND f.\"table\" IN ('requests', 'appeals')",
    )["n"][0]
    if pdf_findings:
        assert "printed:" in shown and len(images) >= 3  # the finding drawn on its page
