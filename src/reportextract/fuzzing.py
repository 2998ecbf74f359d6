"""Mutating real documents to look for crashes and hangs (used by the fuzz test and benchmark).

Mutations: byte flips, truncations, and splices of two documents of the same format
(a PDF's head with another's tail). Each case runs isolated under a time limit, as in a
batch. An ``internal error`` in a report is an unhandled exception in the code.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .isolation import extract_isolated, warm_up


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Result:
    case: str
    status: str
    reason: str
    seconds: float

    @property
    def unhandled(self) -> bool:
        return "internal error" in self.reason

    @property
    def hung(self) -> bool:
        return self.reason.startswith("timed out")


def flip_bytes(data: bytes, rng: random.Random, flips: int) -> bytes:
    mutable = bytearray(data)
    for _ in range(flips):
        if mutable:
            mutable[rng.randrange(len(mutable))] = rng.randrange(256)
    return bytes(mutable)


def mutations(sources: Sequence[Path], count: int, seed: int = 0) -> Iterator[Case]:
    rng = random.Random(seed)
    documents = [(p, p.read_bytes()) for p in sources]
    by_suffix: dict[str, list[tuple[Path, bytes]]] = {}
    for path, data in documents:
        by_suffix.setdefault(path.suffix.lower(), []).append((path, data))
    for n in range(count):
        path, data = documents[n % len(documents)]
        kind = ("flip", "truncate", "splice")[rng.randrange(3)]
        if kind == "flip":
            flips = rng.choice((1, 4, 16, 64, 256))
            yield Case(f"{n:04d}-flip{flips}-{path.name}", flip_bytes(data, rng, flips))
        elif kind == "truncate":
            cut = rng.randrange(1, max(2, len(data)))
            yield Case(f"{n:04d}-truncate{cut}-{path.name}", data[:cut])
        else:
            other_path, other = rng.choice(by_suffix[path.suffix.lower()])
            head = rng.randrange(1, max(2, len(data)))
            tail = rng.randrange(0, max(1, len(other)))
            yield Case(f"{n:04d}-splice-{path.name}-{other_path.name}", data[:head] + other[tail:])


def run_cases(cases: Iterator[Case], timeout: float = 30.0, memory_mb: int = 3072) -> list[Result]:
    warm_up()
    results = []
    with tempfile.TemporaryDirectory(prefix="reportextract-fuzz-") as tmp:
        for case in cases:
            path = Path(tmp) / case.name
            path.write_bytes(case.data)
            outcome = extract_isolated(str(path), case.name, timeout, memory_mb)
            report = outcome.report
            status = report.status if report is not None and not outcome.reason else "failed"
            reason = outcome.reason or (report.error if report else "") or ""
            results.append(Result(case.name, status, reason, outcome.seconds))
            path.unlink()
    return results
