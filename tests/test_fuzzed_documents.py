"""Fifty mutated documents (the bundled samples, and the real reports where ../shared is
there): no unhandled exception, no hang, every case a recorded status."""

from __future__ import annotations

import random

from conftest import CORPUS, REAL_DOCS
from reportextract.fuzzing import flip_bytes, mutations, run_cases
from reportextract.readers.borderless.cells import _header_cells
from reportextract.readers.borderless.settings import BorderlessSettings
from reportextract.readers.borderless.words import Line, Word


def sources() -> list:
    samples = sorted((CORPUS / "samples").iterdir())
    real = sorted(p for p in REAL_DOCS.rglob("*") if p.is_file()) if REAL_DOCS.is_dir() else []
    return samples + real


def test_fifty_mutated_documents_never_crash_or_hang() -> None:
    results = run_cases(mutations(sources(), 50, seed=7), timeout=60)
    assert len(results) == 50
    assert [r for r in results if r.unhandled] == []
    assert [r for r in results if r.hung] == []
    assert all(r.status in ("ok", "partial", "failed") for r in results)
    assert all(r.reason for r in results if r.status == "failed")


def test_mutations_are_reproducible() -> None:
    assert flip_bytes(b"abcdef", random.Random(1), 3) == flip_bytes(b"abcdef", random.Random(1), 3)
    first = [c.data for c in mutations(sources()[:3], 6, seed=3)]
    assert first == [c.data for c in mutations(sources()[:3], 6, seed=3)]


def test_a_header_word_without_height_is_one_cell_not_a_crash() -> None:
    """Found by the fuzz benchmark: a zeroed range of a PDF left a header word whose box has
    no height and whose top rounds past its bottom (max() of nothing)."""
    word = Word("申请人情况", 50.0, 100.06, 120.0, 100.06)
    [cell] = _header_cells([Line([word])], None, 1000.0, 2, 3, BorderlessSettings())  # type: ignore[arg-type]
    assert (cell.row, cell.rowspan, cell.col, cell.colspan, cell.text) == (0, 1, 0, 2, "申请人情况")
