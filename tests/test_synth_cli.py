"""The synth CLI writes documents and one truth file per document (text formats only: no LibreOffice)."""

from __future__ import annotations

import json
from pathlib import Path

from reportextract.synth.__main__ import main


def test_cli_writes_documents_and_truth(tmp_path: Path) -> None:
    code = main(
        [
            str(tmp_path),
            "--count",
            "4",
            "--seed",
            "9",
            "--formats",
            "txt,html,docx",
            "--errors",
            "--quiet",
        ]
    )
    assert code == 0
    samples = sorted(p.name for p in (tmp_path / "samples").iterdir())
    truths = sorted(p.name for p in (tmp_path / "truth").iterdir())
    assert len(samples) == 4
    assert truths == [name + ".json" for name in samples]
    errors = 0
    for name in truths:
        truth = json.loads((tmp_path / "truth" / name).read_text(encoding="utf-8"))
        assert truth["file"] + ".json" == name and truth["style"] == f"synth-{truth['format']}"
        errors += bool(truth["broken_checks"])
    assert errors == 1  # floor(4 × 0.25)


def test_cli_rejects_unknown_format(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        main([str(tmp_path), "--formats", "pdf,xls"])
    except SystemExit as exit_:
        assert exit_.code == 2
    assert "unknown format" in capsys.readouterr().err


def test_cli_rejects_a_file_as_output(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "file"
    target.write_text("x")
    assert main([str(target), "--count", "1", "--formats", "txt", "--quiet"]) == 1
    assert "not a directory" in capsys.readouterr().err
