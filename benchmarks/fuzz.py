"""Fuzzing the readers with mutated real documents: exceptions, hangs, slowest case.

    python benchmarks/fuzz.py [--cases 1000] [--timeout 30] [--seed 0]

Mutates the real reports of ../shared/real/docs (byte flips, truncations, splices of two
documents of one format) and extracts each case isolated under a time limit, as a batch
does. Prints the number of cases, unhandled exceptions (internal errors), hangs past the
time limit, statuses, and the slowest cases.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from reportextract.fuzzing import mutations, run_cases

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "docs"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--docs", type=Path, default=REAL)
    args = parser.parse_args()
    sources = sorted(p for p in args.docs.rglob("*") if p.is_file())
    results = run_cases(mutations(sources, args.cases, args.seed), timeout=args.timeout)
    unhandled = [r for r in results if r.unhandled]
    hung = [r for r in results if r.hung]
    print(f"cases: {len(results)} mutations of {len(sources)} real documents (seed {args.seed})")
    print(f"unhandled exceptions: {len(unhandled)}")
    print(f"hangs past the {args.timeout:g} s limit: {len(hung)}")
    print(
        "statuses: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.status for r in results).items()))
    )
    for r in unhandled[:20]:
        print(f"  unhandled: {r.case}: {r.reason}")
    slowest = sorted(results, key=lambda r: r.seconds, reverse=True)[:5]
    print("slowest: " + "; ".join(f"{r.case} {r.seconds:.2f} s" for r in slowest))


if __name__ == "__main__":
    main()
