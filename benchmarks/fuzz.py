"""Fuzzing a whole batch with mutated documents: every input a row, no crash, no traceback.

    python benchmarks/fuzz.py [--cases 1000] [--workers 2] [--timeout 120] [--seed 0] [--docs DIR ...]

Mutates the real reports of ../shared/real/docs (where they are) and the generated ones
of corpus/samples (byte flips, truncations, zeroed ranges, splices of two documents of
one format), writes ``--cases`` distinct files, and converts them with the command a user
runs, ``reportextract run CASES --out DATASET``, in a child process. Prints:

- rows in the dataset's reports table against the inputs (every input must get a row);
- internal errors (an unhandled exception recorded on a document) and hangs;
- tracebacks and other lines the run wrote to stderr;
- the run's exit status (1: some documents failed, as they should);
- peak resident memory (VmHWM) of each worker process of the pool, and the largest seen
  of the processes each worker forks to read one document (sampled every 0.1 s, so a
  document process that lives shorter than that may be missed: the last line gives the
  exact peak of every process of the run, from the kernel's accounting).

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pyarrow.parquet as pq

from reportextract.fuzzing import distinct, mutations, write_cases

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = (REPO.parent / "shared" / "real" / "docs", REPO / "corpus" / "samples")


@dataclass
class Worker:
    peak_kb: int = 0
    document_peak_kb: int = 0
    documents_seen: set[int] = field(default_factory=set)


def vm_hwm_kb(pid: int) -> int:
    """A process's peak resident set so far (kB), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def watch(process: subprocess.Popen[bytes], workers: dict[int, Worker]) -> None:
    """Sample the run's pool workers (its children) and their document processes."""
    parent = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            children = parent.children()
        except psutil.NoSuchProcess:
            break
        for child in children:
            worker = workers.setdefault(child.pid, Worker())
            worker.peak_kb = max(worker.peak_kb, vm_hwm_kb(child.pid))
            try:
                documents = child.children()
            except psutil.NoSuchProcess:
                continue
            for document in documents:
                worker.documents_seen.add(document.pid)
                worker.document_peak_kb = max(worker.document_peak_kb, vm_hwm_kb(document.pid))
        time.sleep(0.1)


def sources(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix)
        else:
            print(f"(no {folder}: its documents are left out)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0)  # run's own default
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--docs", type=Path, nargs="+", default=list(DEFAULT_DOCS))
    args = parser.parse_args()

    originals = sources(args.docs)
    if not originals:
        sys.exit("no documents to mutate")
    cases = distinct(mutations(originals, args.cases * 3, args.seed), args.cases)
    kinds = Counter(case.name.split("-")[1].rstrip("0123456789") for case in cases)
    with tempfile.TemporaryDirectory(prefix="reportextract-fuzz-") as tmp:
        inputs = write_cases(cases, Path(tmp) / "cases")
        out = Path(tmp) / "data"
        command = [
            sys.executable,
            "-m",
            "reportextract",
            "run",
            str(Path(tmp) / "cases"),
            "--out",
            str(out),
            "--workers",
            str(args.workers),
            "--timeout",
            str(args.timeout),
            "--no-progress",
        ]
        started = time.perf_counter()
        workers: dict[int, Worker] = {}
        with (Path(tmp) / "stderr").open("wb") as stderr:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr)
            watch(process, workers)
            stdout, _ = process.communicate()
        seconds = time.perf_counter() - started
        errors = (Path(tmp) / "stderr").read_text(encoding="utf-8", errors="replace")
        reports = pq.read_table(out / "reports").to_pylist() if (out / "reports").is_dir() else []
    whole_run_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    statuses = Counter(r["status"] for r in reports)
    internal = [r for r in reports if (r["error"] or "").startswith("internal error")]
    hung = [r for r in reports if (r["error"] or "").startswith("timed out")]
    sources_with_rows = {r["source"] for r in reports}
    missing = [p for p in inputs if str(p) not in sources_with_rows]
    stderr_lines = [line for line in errors.splitlines() if line.strip()]

    print(
        f"inputs: {len(inputs)} distinct mutations of {len(originals)} documents "
        f"(seed {args.seed}; " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + ")"
    )
    print(f"rows in reports: {len(reports)} (inputs without a row: {len(missing)})")
    print(f"internal errors: {len(internal)}")
    print(f"tracebacks on stderr: {errors.count('Traceback (most recent call last)')}")
    print(f"other lines on stderr: {len(stderr_lines)}")
    print(f"hangs past the {args.timeout:g} s limit: {len(hung)}")
    print(f"exit status of `reportextract run`: {process.returncode}")
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print(f"time: {seconds:.0f} s with {args.workers} workers ({len(inputs) / seconds:.1f} docs/s)")
    for n, (pid, worker) in enumerate(sorted(workers.items()), 1):
        print(
            f"worker {n} (pid {pid}): peak RSS {worker.peak_kb / 1024:.0f} MB; "
            f"largest document process seen {worker.document_peak_kb / 1024:.0f} MB "
            f"({len(worker.documents_seen)} of its document processes sampled)"
        )
    print(f"peak RSS of any process of the run (kernel accounting): {whole_run_peak_mb:.0f} MB")
    for record in hung[:10]:
        print(f"  hung: {Path(record['source']).name}")
    for record in internal[:10]:
        print(f"  internal error: {Path(record['source']).name}: {record['error']}")
    for line in stderr_lines[:10]:
        print(f"  stderr: {line}")
    for path in missing[:10]:
        print(f"  no row: {path.name}")
    tail = stdout.decode("utf-8", errors="replace").strip().splitlines()
    print("run's summary: " + " | ".join(tail[:2]))


if __name__ == "__main__":
    main()
