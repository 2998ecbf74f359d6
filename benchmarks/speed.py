"""Speed of the whole pipeline, as ratios against the raw tools in the same run.

    python benchmarks/speed.py [--repeat N] [FOLDER ...]   (default: ../shared/real and corpus/)

Text PDFs: seconds per document for `extract` (read, tables, narrative, metadata,
checks) beside pdfplumber's `extract_tables` on every page alone and camelot's lattice
flavour alone. Other formats: documents per second of `extract` on one core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from reportextract.pipeline import extract
from reportextract.readers import sniff_format

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = (REPO.parent / "shared" / "real" / "docs", REPO / "corpus" / "samples")


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def plumber_tables(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def camelot_lattice(path: Path) -> None:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        camelot.read_pdf(str(path), pages="all", flavor="lattice")


def documents(folders: list[Path]) -> dict[str, list[Path]]:
    by_format: dict[str, list[Path]] = defaultdict(list)
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix.lower() == ".json" or path.name.startswith("."):
                continue
            try:
                kind = sniff_format(path.read_bytes(), path.name)
            except Exception:
                continue
            if kind == "pdf" and "scan" in path.name:
                kind = "scan"
            by_format[kind].append(path)
    return by_format


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-camelot", action="store_true", help="skip camelot (slow)")
    args = parser.parse_args()
    folders = args.folders or [f for f in DEFAULT_FOLDERS if f.exists()]
    by_format = documents(folders)

    pdfs = by_format.get("pdf", [])
    if pdfs:
        print(
            f"Text PDFs ({len(pdfs)} documents), median of {args.repeat} runs, seconds per document"
        )
        print(
            f"{'document':40} {'pipeline':>9} {'plumber':>9} {'camelot':>9} {'pipe/plumber':>13} {'pipe/camelot':>13}"
        )
        sums: dict[str, float] = defaultdict(float)
        for path in pdfs:
            pipeline = timed(lambda p=path: extract(p), args.repeat)
            plumber = timed(lambda p=path: plumber_tables(p), args.repeat)
            camelot = (
                float("nan") if args.no_camelot else timed(lambda p=path: camelot_lattice(p), 1)
            )
            sums["pipeline"] += pipeline
            sums["plumber"] += plumber
            sums["camelot"] += camelot
            print(
                f"{path.name[:40]:40} {pipeline:9.3f} {plumber:9.3f} {camelot:9.3f} "
                f"{pipeline / plumber:12.2f}x {pipeline / camelot:12.2f}x"
            )
        n = len(pdfs)
        print(
            f"{'mean':40} {sums['pipeline'] / n:9.3f} {sums['plumber'] / n:9.3f} {sums['camelot'] / n:9.3f} "
            f"{sums['pipeline'] / sums['plumber']:12.2f}x {sums['pipeline'] / sums['camelot']:12.2f}x"
        )
        print("target: pipeline <= 0.5x pdfplumber's extract_tables alone")
        print()

    print(
        "Documents per second of extract() on one core (median of runs over each format's documents)"
    )
    for kind in sorted(by_format):
        paths = by_format[kind]
        if kind == "pdf" or not paths:
            continue
        total = timed(lambda ps=paths: [extract(p) for p in ps], args.repeat)
        print(
            f"{kind:8} {len(paths):4} documents  {len(paths) / total:8.1f} documents/s  ({total / len(paths) * 1000:.1f} ms each)"
        )
    scans = by_format.get("scan", [])
    if scans:
        print()
        pages = seconds = 0.0
        for path in scans:
            report = extract(path)
            pages += report.ocr_pages or report.pages or 1
            seconds += report.seconds
        print(
            f"scanned PDFs: {len(scans)} documents, {pages:.0f} OCR pages, {seconds / max(pages, 1):.2f} s per page (target <= 2 s)"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
