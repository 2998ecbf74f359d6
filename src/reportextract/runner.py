"""`reportextract run`: inputs → plan → executor → dataset, with progress and a summary."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .batch import (
    Limits,
    Summary,
    dask_executor,
    default_workers,
    local_executor,
    pause_gc,
    plan,
    resume_gc,
    run_documents,
    run_in_parent,
)
from .dataset.writer import DatasetWriter, prepare_arrow
from .errors import NothingToExtract
from .inputs import DOCUMENT_SUFFIXES, collect_documents
from .model import STATUS_FAILED, Report


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


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def describe(summary: Summary, out: Path) -> str:
    """The run's summary: what was done, what failed (now and before), where the dataset is."""
    lines = [
        f"{plural(summary.documents, 'document')}: {summary.processed} extracted, "
        f"{summary.skipped} already in the dataset"
        + (f", {plural(summary.duplicates, 'duplicate')}" if summary.duplicates else ""),
        f"{plural(summary.cells, 'cell')}, {plural(summary.figures, 'figure')}, "
        f"{plural(summary.failed_checks, 'failed check')}, "
        f"{plural(summary.failed, 'failure')}, in {summary.seconds:.1f} s",
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
    lines += _listed("failed", summary.failures)
    if summary.failed_earlier:
        count = len(summary.failed_earlier)
        lines.append(
            f"{plural(count, 'document')} already in the dataset failed in an earlier run "
            f"(--retry-failed redoes {'it' if count == 1 else 'them'}):"
        )
        lines += _listed("failed earlier", summary.failed_earlier)
    others = summary.failed_in_dataset - summary.failed + summary.unreadable
    others -= len(summary.failed_earlier)
    if others > 0:
        lines.append(
            f"the dataset holds {plural(summary.failed_in_dataset, 'failed document')} in all "
            f"({others} from inputs not given to this run)"
        )
    for raw in summary.empty_inputs:
        lines.append(f"no documents in: {raw}")
    lines.append(f"dataset: {out}")
    return "\n".join(lines)


def _listed(what: str, failures: list[tuple[str, str]], limit: int = 20) -> list[str]:
    lines = [f"  {what}: {source}: {error}" for source, error in failures[:limit]]
    if len(failures) > limit:
        lines.append(f"  … and {len(failures) - limit} more (see the reports table)")
    return lines


def nothing_to_extract(inputs: list[str], empty: list[str]) -> str:
    named = ", ".join(empty or inputs)
    return (
        f"nothing to extract: no documents in {named} "
        f"(looked for {', '.join(sorted(DOCUMENT_SUFFIXES))})"
    )


def _nothing() -> None:
    return None


class _NoBar:
    """What a run without a progress bar updates (tqdm is not loaded for it)."""

    def set_postfix_str(self, text: str, refresh: bool = True) -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None

    def close(self) -> None:
        return None


def _progress_bar(total: int, shown: bool) -> Any:
    if not shown:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", dynamic_ncols=True, smoothing=0.1)


def prepare_dataset_steps() -> None:
    """Load what the steps over the whole dataset need (pyarrow's pandas, the bodies and
    cross-year modules): done while the first documents are read, not before them."""
    from .dataset.no_pandas import import_arrow

    import_arrow()  # first: without numpy, which nothing here needs

    from .audit import crossyear  # noqa: F401
    from .bodies import table  # noqa: F401
    from .tables.across_years import refresh_readings_across_years  # noqa: F401

    prepare_arrow()


def run_batch(inputs: list[str], out: Path, options: RunOptions) -> Summary:
    if options.executor == "local":  # a Dask client collects as usual throughout
        pause_gc()  # until the warm-up is over, before any fork
    try:
        return _run_batch(inputs, out, options)
    finally:
        resume_gc()


def _run_batch(inputs: list[str], out: Path, options: RunOptions) -> Summary:
    started = time.perf_counter()
    found = collect_documents(inputs)
    if not found.documents and not found.missing:
        raise NothingToExtract(nothing_to_extract(inputs, found.empty))
    summary = Summary(documents=len(found.documents) + len(found.missing), empty_inputs=found.empty)
    for raw in found.missing:
        summary.add_unreadable(raw, "no such file or directory")
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
            return local_executor(
                max(1, min(workers, len(todo))),
                writer.inherited_fds,
                {document.path.suffix for document in todo},
            )

    with DatasetWriter(
        out, flush_every=options.flush_every, flush_seconds=options.flush_seconds
    ) as writer:
        planned = plan(
            found.documents, writer, force=options.force, retry_failed=options.retry_failed
        )
        todo = planned.todo
        summary.skipped, summary.duplicates = planned.skipped, planned.duplicates
        for document, reason in planned.unreadable:
            summary.add_unreadable(document.source, reason)
        summary.failed_earlier = [(d.source, error) for d, error in planned.failed_earlier]
        # Only on a terminal: elsewhere (a log file, a pipe) its redraws pile up as lines.
        bar = _progress_bar(len(todo), options.progress and sys.stderr.isatty())

        def on_result(report: Report, peak_rss_mb: float) -> None:
            summary.add(report, peak_rss_mb)
            bar.set_postfix_str(f"cells {summary.cells} failed {summary.failed}", refresh=False)
            bar.update(1)

        try:
            if len(todo) == 1 and options.executor == "local":
                run_in_parent(
                    todo[0],
                    writer,
                    limits=limits,
                    on_result=on_result,
                    while_running=prepare_dataset_steps,
                )
            elif todo:
                run_documents(
                    todo,
                    writer,
                    make_executor,
                    limits=limits,
                    max_in_flight=workers * 4,
                    on_result=on_result,
                    while_first_run=prepare_dataset_steps,
                )
        finally:
            bar.close()
            close_executor()
        from .audit.crossyear import refresh_crossyear_checks
        from .bodies.table import refresh_bodies
        from .dataset.atomic import staged_writes
        from .tables.across_years import refresh_readings_across_years

        # the last flush and the steps over the whole dataset write each part once, at the end
        with staged_writes():
            writer.flush()
            summary.failed_in_dataset = sum(
                1 for done in writer.done.values() if done.status == STATUS_FAILED
            )
            summary.bodies = refresh_bodies(out)
            refresh_readings_across_years(out)
            refresh_crossyear_checks(out)
    summary.seconds = time.perf_counter() - started
    return summary
