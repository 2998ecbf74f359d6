"""Batch conversion at scale: throughput, scaling from 1 to 2 workers, memory, PDF cost.

    python benchmarks/batch.py [--count 1000] [--copies 10] [--work DIR]

1. Generates a mixed corpus of ``--count`` synthetic reports (pdf, docx, txt, html; one
   format each) with `reportextract.synth` into DIR (kept between runs; no network).
   ``--copies`` N makes N distinct files of each (a byte appended), so that a corpus of
   count × copies documents can be converted without generating it all.
2. Converts a sample with 1 worker and with 2 workers (scaling), then the whole corpus
   with all cores: documents/s overall and per format, peak resident memory of the
   processes reading the documents, and the estimated time for 10,000 reports.
3. Times the whole pipeline per text PDF against pdfplumber's `extract_tables` alone on
   the same files, in the same run.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pyarrow.parquet as pq

from reportextract.batch import default_workers
from reportextract.pipeline import extract
from reportextract.runner import RunOptions, run_batch


def generate(work: Path, count: int) -> Path:
    corpus = work / f"corpus-{count}"
    marker = corpus / ".complete"
    if marker.exists():
        return corpus / "samples"
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reportextract.synth",
            str(corpus),
            "--count",
            str(count),
            "--seed",
            "2026",
            "--errors",
            "--formats",
            "pdf,docx,txt,html",
            "--quiet",
        ],
        check=True,
    )
    marker.write_text(f"generated in {time.perf_counter() - started:.0f} s\n")
    print(f"generated {count} reports in {time.perf_counter() - started:.0f} s")
    return corpus / "samples"


def replicate(samples: Path, work: Path, copies: int) -> Path:
    if copies <= 1:
        return samples
    target = work / f"{samples.parent.name}-x{copies}"
    marker = target / ".complete"
    if marker.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for n in range(copies):
        for path in samples.iterdir():
            (target / f"{n:03d}-{path.name}").write_bytes(path.read_bytes() + b"\n" * (n + 1))
    marker.write_text("ok\n")
    return target


def convert(inputs: list[str], out: Path, workers: int) -> tuple[float, float, Path]:
    shutil.rmtree(out, ignore_errors=True)
    summary = run_batch(inputs, out, RunOptions(workers=workers, progress=False))
    return summary.seconds, summary.peak_rss_mb, out


def by_format(dataset: Path) -> dict[str, list[float]]:
    rows = pq.read_table(dataset / "reports", columns=["format", "seconds", "status"]).to_pylist()
    out: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        out[row["format"]].append(row["seconds"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--sample", type=int, default=200, help="documents in the scaling runs")
    parser.add_argument(
        "--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "reportextract-bench"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    samples = generate(args.work, args.count)
    documents = replicate(samples, args.work, args.copies)
    files = sorted(p for p in documents.iterdir() if p.is_file() and not p.name.startswith("."))
    print(f"corpus: {len(files)} documents in {documents}")

    sample = [str(p) for p in files[: args.sample]]
    one, _, _ = convert(sample, args.work / "scale-1", 1)
    two, _, _ = convert(sample, args.work / "scale-2", 2)
    print(
        f"scaling on {len(sample)} documents: 1 worker {len(sample) / one:.1f} docs/s, "
        f"2 workers {len(sample) / two:.1f} docs/s, speed-up {one / two:.2f}x"
    )

    workers = default_workers()
    seconds, peak, dataset = convert([str(documents)], args.work / "full", workers)
    rate = len(files) / seconds
    print(
        f"full run: {len(files)} documents with {workers} workers in {seconds:.1f} s = {rate:.1f} documents/s"
    )
    print(f"estimated time for 10,000 reports: {10000 / rate / 60:.1f} min (target <= 30 min)")
    print(
        f"peak resident memory of a process reading one document: {peak:.0f} MB (target <= 400 MB per worker)"
    )
    print("per format (seconds of extract per document, one core):")
    for fmt, values in sorted(by_format(dataset).items()):
        print(
            f"  {fmt:6} {len(values):6} documents  mean {statistics.mean(values) * 1000:7.1f} ms  "
            f"= {1 / statistics.mean(values):6.1f} documents/s per core"
        )

    pdfs = [p for p in files if p.suffix == ".pdf"][:40]
    pipeline = plumber = 0.0
    for path in pdfs:
        start = time.perf_counter()
        extract(path)
        pipeline += time.perf_counter() - start
        start = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
        plumber += time.perf_counter() - start
    if pdfs:
        print(
            f"text PDFs ({len(pdfs)}): pipeline {pipeline / len(pdfs) * 1000:.0f} ms, pdfplumber extract_tables "
            f"alone {plumber / len(pdfs) * 1000:.0f} ms per document: ratio {pipeline / plumber:.2f}x"
        )


if __name__ == "__main__":
    main()
