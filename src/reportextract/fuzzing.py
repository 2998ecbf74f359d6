"""Mutating real documents to look for crashes and hangs (used by the fuzz test and benchmark).

Mutations: byte flips, truncations, zeroed ranges, and splices of two documents of the
same format (a PDF's head with another's tail). Each case runs isolated under a time
limit, as in a batch. An ``internal error`` in a report is an unhandled exception in the
code.
"""

from __future__ import annotations

import hashlib
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


def zero_range(data: bytes, rng: random.Random) -> bytes:
    """A run of bytes (up to a sixteenth of the file, at least one) overwritten with zeros."""
    if not data:
        return data
    length = rng.randrange(1, max(2, len(data) // 16))
    start = rng.randrange(len(data))
    return data[:start] + bytes(min(length, len(data) - start)) + data[start + length :]


def mutations(sources: Sequence[Path], count: int, seed: int = 0) -> Iterator[Case]:
    rng = random.Random(seed)
    documents = [(p, p.read_bytes()) for p in sources]
    by_suffix: dict[str, list[tuple[Path, bytes]]] = {}
    for path, data in documents:
        by_suffix.setdefault(path.suffix.lower(), []).append((path, data))
    for n in range(count):
        path, data = documents[n % len(documents)]
        kind = ("flip", "truncate", "splice", "zero")[rng.randrange(4)]
        if kind == "flip":
            flips = rng.choice((1, 4, 16, 64, 256))
            yield Case(f"{n:04d}-flip{flips}-{path.name}", flip_bytes(data, rng, flips))
        elif kind == "zero":
            yield Case(f"{n:04d}-zero-{path.name}", zero_range(data, rng))
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


def distinct(cases: Iterator[Case], count: int) -> list[Case]:
    """The first ``count`` cases with different bytes (a batch skips a repeated file)."""
    chosen: list[Case] = []
    seen: set[bytes] = set()
    for case in cases:
        digest = hashlib.sha256(case.data).digest()
        if digest not in seen:
            seen.add(digest)
            chosen.append(case)
            if len(chosen) == count:
                break
    return chosen


def write_cases(cases: Sequence[Case], folder: Path) -> list[Path]:
    """Each case as a file in ``folder``, named so that its original suffix is kept."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in cases:
        path = folder / case.name
        path.write_bytes(case.data)
        paths.append(path)
    return paths
