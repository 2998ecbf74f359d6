"""Batch conversion at scale: throughput, scaling from 1 to 2 workers, memory, PDF cost.

    python benchmarks/batch.py [--count 1000] [--copies 10] [--mix pdf=50,html=30,scan=10,docx=5,txt=5]
                               [--work DIR]

1. Generates a corpus of ``--count`` synthetic reports in the stated mix of formats (by
   default the realistic one: text PDF 50%, HTML 30%, scans 10%, DOCX 5%, text 5%) with
   `reportextract.synth` into DIR (kept between runs; no network). ``--copies`` N makes N
   distinct files of each (a byte appended), so that a corpus of count × copies
   documents can be converted without generating it all.
2. Converts a sample with 1 worker and with 2 workers (scaling), then the whole corpus
   with all cores: documents/s overall and per format, peak resident memory of the
   processes reading the documents, and the projected time for 10,000 reports of the mix.
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

REALISTIC_MIX = "pdf=50,html=30,scan=10,docx=5,txt=5"


def parse_mix(text: str) -> dict[str, float]:
    shares = {}
    for part in text.split(","):
        name, _, weight = part.partition("=")
        shares[name.strip()] = float(weight)
    total = sum(shares.values())
    return {name: weight / total for name, weight in shares.items()}


def generate(work: Path, count: int, mix: dict[str, float]) -> Path:
    """``count`` reports, each format's share of them generated with its own seed."""
    label = "-".join(f"{name}{round(share * 100)}" for name, share in sorted(mix.items()))
    corpus = work / f"corpus-{count}-{label}"
    marker = corpus / ".complete"
    samples = corpus / "samples"
    if marker.exists():
        return samples
    started = time.perf_counter()
    shutil.rmtree(corpus, ignore_errors=True)
    samples.mkdir(parents=True)
    for index, (fmt, share) in enumerate(sorted(mix.items())):
        n = max(1, round(count * share))
        part = work / f"part-{fmt}-{n}"
        if not (part / ".complete").exists():
            shutil.rmtree(part, ignore_errors=True)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "reportextract.synth",
                    str(part),
                    "--count",
                    str(n),
                    "--seed",
                    str(2026 + index),
                    "--errors",
                    "--formats",
                    fmt,
                    "--quiet",
                ],
                check=True,
            )
            (part / ".complete").write_text("ok\n")
        for path in (part / "samples").iterdir():
            shutil.copyfile(path, samples / path.name)
    marker.write_text(f"generated in {time.perf_counter() - started:.0f} s\n")
    print(f"generated {count} reports in {time.perf_counter() - started:.0f} s")
    return samples


def kind_of(path: Path) -> str:
    return "scan" if path.stem.endswith("-scan") else path.suffix.lstrip(".")


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


def _seconds_by_kind(dataset: Path) -> dict[str, list[float]]:
    """Seconds per document by kind, scans apart from text PDFs (by their file name)."""
    rows = pq.read_table(dataset / "reports", columns=["source", "seconds"]).to_pylist()
    out: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        out[kind_of(Path(row["source"]))].append(row["seconds"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--mix", default=REALISTIC_MIX, help="formats and their shares")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--sample", type=int, default=200, help="documents in the scaling runs")
    parser.add_argument(
        "--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "reportextract-bench"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    mix = parse_mix(args.mix)
    samples = generate(args.work, args.count, mix)
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
    per_format = by_format(dataset)
    print(
        f"peak resident memory of a process reading documents (a worker's reader child): {peak:.0f} MB (target <= 400 MB per worker)"
    )
    print("per format (seconds of extract per document, one core):")
    for fmt, values in sorted(per_format.items()):
        print(
            f"  {fmt:6} {len(values):6} documents  mean {statistics.mean(values) * 1000:7.1f} ms  "
            f"= {1 / statistics.mean(values):6.1f} documents/s per core"
        )
    mix_text = ", ".join(f"{name} {share:.0%}" for name, share in sorted(mix.items()))
    print(f"10,000 reports of the mix ({mix_text}) on {workers} cores:")
    print(
        f"  from this run's throughput ({len(files)} documents, {len(files) / seconds:.2f} documents/s): "
        f"{10000 / rate / 60:.1f} min (target <= 60 min)"
    )
    seconds_of = {
        kind: statistics.mean(values) for kind, values in _seconds_by_kind(dataset).items()
    }
    if set(mix) <= set(seconds_of):
        cpu = sum(share * seconds_of[kind] for kind, share in mix.items()) * 10000
        print(
            f"  from the mean seconds per format and the stated shares: {cpu / workers / 60:.1f} min "
            f"(extraction only, {workers} cores fully used)"
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
