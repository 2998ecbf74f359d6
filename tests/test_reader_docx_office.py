"""convert_with_libreoffice: .doc/.wps → DOCX through soffice, and its failure modes."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from conftest import SHARED_REAL, require_shared
from reportextract.errors import CorruptDocument, DocumentError, MissingDependency
from reportextract.readers.docx import read_docx
from reportextract.readers.office import convert_with_libreoffice, find_soffice

TEMPLATE = SHARED_REAL / "template" / "template-2021-blank.docx"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FAKE_DOC = OLE_MAGIC + b"\x00" * 512

needs_soffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed"
)


def fake_soffice(folder: Path, script: str) -> Path:
    path = folder / "soffice"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture(scope="module")
def template_as_doc() -> bytes:
    """The blank template saved as a Word 97 .doc by LibreOffice itself."""
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return convert_with_libreoffice(require_shared(TEMPLATE).read_bytes(), ".docx", target="doc")


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_converts_back_to_a_docx_with_the_same_tables(
    template_as_doc: bytes, suffix: str
) -> None:
    assert template_as_doc.startswith(OLE_MAGIC)
    layout = read_docx(convert_with_libreoffice(template_as_doc, suffix))
    assert [(g.n_rows, g.n_cols) for g in layout.grids] == [(14, 4), (28, 10), (4, 15)]
    label = next(c for c in layout.grids[1].cells if c.text.startswith("三、本年度办理结果"))
    assert (label.row, label.col, label.rowspan, label.colspan) == (5, 0, 22, 1)
    assert layout.blocks[0].text == "政府信息公开工作年度报告格式模板"


def test_missing_soffice_raises_missing_dependency(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("REPORTEXTRACT_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_soffice() is None
    with pytest.raises(MissingDependency, match="LibreOffice"):
        convert_with_libreoffice(FAKE_DOC, ".doc")


def test_configured_soffice_that_does_not_exist_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REPORTEXTRACT_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    with pytest.raises(MissingDependency):
        convert_with_libreoffice(FAKE_DOC, ".wps")


def test_hanging_conversion_times_out_and_leaves_no_temp_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REPORTEXTRACT_SOFFICE", str(fake_soffice(tmp_path, "sleep 30")))
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    with pytest.raises(DocumentError, match="timed out"):
        convert_with_libreoffice(FAKE_DOC, ".doc", timeout=0.5)
    assert list(temp.iterdir()) == []


def test_conversion_without_output_is_a_corrupt_document(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = "echo 'Error: source file could not be loaded' >&2; exit 0"
    monkeypatch.setenv("REPORTEXTRACT_SOFFICE", str(fake_soffice(tmp_path, script)))
    with pytest.raises(CorruptDocument, match="could not be loaded"):
        convert_with_libreoffice(FAKE_DOC, ".doc")


@pytest.mark.parametrize("data", [b"", b"<html>not a word file</html>", b"PK\x03\x04"])
def test_bytes_that_are_not_a_doc_are_refused_before_conversion(data: bytes) -> None:
    with pytest.raises(CorruptDocument):
        convert_with_libreoffice(data, ".doc")
