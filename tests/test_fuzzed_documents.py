"""Fifty mutated real documents: no unhandled exception, no hang, every case a recorded status."""

from __future__ import annotations

from conftest import real_docs
from reportextract.fuzzing import flip_bytes, mutations, run_cases


def test_fifty_mutated_documents_never_crash_or_hang() -> None:
    sources = sorted(p for p in real_docs().rglob("*") if p.is_file())
    results = run_cases(mutations(sources, 50, seed=7), timeout=60)
    assert len(results) == 50
    assert [r for r in results if r.unhandled] == []
    assert [r for r in results if r.hung] == []
    assert all(r.status in ("ok", "partial", "failed") for r in results)
    assert all(r.reason for r in results if r.status == "failed")


def test_mutations_are_reproducible() -> None:
    import random

    assert flip_bytes(b"abcdef", random.Random(1), 3) == flip_bytes(b"abcdef", random.Random(1), 3)
    sources = sorted(p for p in real_docs().iterdir() if p.is_file())[:3]
    first = [c.data for c in mutations(sources, 6, seed=3)]
    assert first == [c.data for c in mutations(sources, 6, seed=3)]
