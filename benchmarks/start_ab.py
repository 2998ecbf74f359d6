"""Whole-process A/B: this checkout's `reportextract run` against another checkout's, in
alternating rounds on the same machine at the same time, with pdfplumber as the yardstick.

    python benchmarks/start_ab.py --baseline OTHER/src [--rounds 8] [--pdfs FOLDER ...]

Each round runs, in an order that alternates from round to round, this checkout and the
baseline (its ``src`` folder put first on PYTHONPATH) on one text PDF (the largest of the
ten) and on ten text PDFs, and pdfplumber's whole-process ``extract_tables`` on the same
files (``benchmarks/speed.py``'s). It prints, as medians over the rounds: seconds from the
launch to the first report, wall and CPU seconds of the process tree, and each as a ratio
to pdfplumber's and to the baseline's. Both checkouts' bytecode is compiled first where it
can be written (otherwise the baseline pays for compiling at every start: say so).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed

OURS = Path(speed.REPO) / "src"


def _with_path(src: Path, run: speed.Callable[[], tuple[float, ...]]) -> tuple[float, ...]:
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(src) + (os.pathsep + before if before else "")
    try:
        return run()
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", type=Path, required=True, help="the other checkout's src/")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--pdfs", nargs="*", type=Path, help="folders of text PDFs")
    args = parser.parse_args()
    pdfs = (
        [p for folder in args.pdfs for p in sorted(folder.glob("*.pdf")) if "scan" not in p.stem]
        if args.pdfs
        else speed.default_pdfs()
    )[:10]
    one = [max(pdfs, key=lambda p: p.stat().st_size)]
    for src in (OURS, args.baseline):
        compiled = compileall.compile_dir(src / "reportextract", quiet=1)
        print(f"bytecode of {src}: {'compiled' if compiled else 'NOT all written'}")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    sides = {"this": OURS, "baseline": args.baseline}
    for src in sides.values():  # a first run each fills the cache folder: not counted
        _with_path(src, lambda: speed.run_process(one))
    figures: dict[tuple[str, str], list[tuple[float, ...]]] = defaultdict(list)
    for round_ in range(args.rounds):
        order = list(sides.items()) if round_ % 2 == 0 else list(sides.items())[::-1]
        for name, src in order:
            figures[(name, "one")].append(_with_path(src, lambda: speed.run_process(one)))
            figures[(name, "ten")].append(_with_path(src, lambda: speed.run_process(pdfs)))
        figures[("pdfplumber", "one")].append(speed.plumber_process(one))
        figures[("pdfplumber", "ten")].append(speed.plumber_process(pdfs))
    median = {
        key: [statistics.median(column) for column in zip(*rows, strict=True)]
        for key, rows in figures.items()
    }
    print(f"load average at end: {os.getloadavg()[0]:.1f}; medians of {args.rounds} rounds")
    for files, label in (
        ("one", f"one text PDF ({one[0].name})"),
        ("ten", f"{len(pdfs)} text PDFs"),
    ):
        plumber = median[("pdfplumber", files)]
        print(f"{label}: pdfplumber {plumber[0]:.2f} s wall / {plumber[1]:.2f} s CPU")
        for name in sides:
            wall, cpu, first, _ = median[(name, files)]
            base_wall, base_cpu, base_first, _ = median[("baseline", files)]
            print(
                f"   {name:8s} first report {first:.3f} s ({first / base_first:.2f}x baseline); "
                f"wall {wall:.2f} s = {wall / plumber[0]:.2f}x pdfplumber "
                f"({wall / base_wall:.2f}x baseline); CPU {cpu:.2f} s = "
                f"{cpu / plumber[1]:.2f}x pdfplumber ({cpu / base_cpu:.2f}x baseline)"
            )


if __name__ == "__main__":
    main()
