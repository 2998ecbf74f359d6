"""`reportextract run`: inputs → plan → executor → dataset, with progress and a summary."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from .audit.crossyear import refresh_crossyear_checks
from .batch import (
    Limits,
    Summary,
    dask_executor,
    default_workers,
    local_executor,
    plan,
    run_documents,
)
from .bodies.table import refresh_bodies
from .dataset.writer import DatasetWriter, prepare_arrow
from .inputs import collect_documents
from .model import Report


@dataclass(frozen=True, slots=True)
class RunOptions:
    workers: int | None = None
    executor: str = "local"
    scheduler: str | None = None
    force: bool = False
    retry_failed: bool = False
    timeout: float = 120.0
    memory_mb: int = 3072
    progress: bool = True
    flush_every: int = 50
    flush_seconds: float = 10.0


def describe(summary: Summary, out: Path) -> str:
    lines = [
        f"{summary.documents} documents: {summary.processed} extracted, {summary.skipped} already in the dataset"
        + (f", {summary.duplicates} duplicates" if summary.duplicates else ""),
        f"{summary.cells} cells, {summary.figures} figures, {summary.failed_checks} failed checks, "
        f"{summary.failed} failures, in {summary.seconds:.1f} s",
    ]
    if summary.by_status:
        lines.append(
            "by status: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.by_status.items()))
        )
    if summary.by_format:
        lines.append(
            "by format: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.by_format.items()))
        )
    bodies = summary.bodies
    if bodies is not None:
        lines.append(
            f"{bodies.bodies} bodies ({bodies.unresolved} without a division), "
            f"{bodies.body_years} body-years counted; {bodies.duplicates} documents repeat "
            f"another, {bodies.filled_cells} cells filled from them, "
            f"{bodies.disagreements} cells printed differently (documents.agree)"
        )
    for source, error in summary.failures[:20]:
        lines.append(f"  failed: {source}: {error}")
    if len(summary.failures) > 20:
        lines.append(f"  … and {len(summary.failures) - 20} more (see the reports table)")
    lines.append(f"dataset: {out}")
    return "\n".join(lines)


def _nothing() -> None:
    return None


def run_batch(inputs: list[str], out: Path, options: RunOptions) -> Summary:
    started = time.perf_counter()
    documents = collect_documents(inputs)
    summary = Summary(documents=len(documents))
    workers = options.workers or default_workers()
    limits = Limits(timeout=options.timeout, memory_mb=options.memory_mb)
    make_executor: Callable[[], Executor]
    close_executor: Callable[[], None] = _nothing
    if options.executor == "dask":
        shared, close_executor = dask_executor(options.scheduler, workers)

        def make_executor() -> Executor:
            return shared
    else:

        def make_executor() -> Executor:
            # no more workers than documents: each one is a process to start
            return local_executor(max(1, min(workers, len(todo))), writer.inherited_fds)

    with DatasetWriter(
        out, flush_every=options.flush_every, flush_seconds=options.flush_seconds
    ) as writer:
        todo, summary.skipped, summary.duplicates = plan(
            documents, writer, force=options.force, retry_failed=options.retry_failed
        )
        bar = tqdm(
            total=len(todo),
            unit="doc",
            disable=not options.progress,
            dynamic_ncols=True,
            smoothing=0.1,
        )

        def on_result(report: Report, peak_rss_mb: float) -> None:
            summary.add(report, peak_rss_mb)
            bar.set_postfix_str(f"cells {summary.cells} failed {summary.failed}", refresh=False)
            bar.update(1)

        try:
            if todo:
                run_documents(
                    todo,
                    writer,
                    make_executor,
                    limits=limits,
                    max_in_flight=workers * 4,
                    on_result=on_result,
                    while_first_run=prepare_arrow,
                )
        finally:
            bar.close()
            close_executor()
        writer.flush()
        summary.bodies = refresh_bodies(out)
        refresh_crossyear_checks(out)
    summary.seconds = time.perf_counter() - started
    return summary
