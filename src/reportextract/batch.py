"""The batch runner: `extract` mapped over documents through a `concurrent.futures.Executor`.

A local process pool by default, a Dask cluster's executor when asked — one code path.
Results are written as they arrive (`DatasetWriter` flushes parts as it goes), documents
already in the dataset with the same content and extractor version are skipped, and
each document runs under a time limit and a memory ceiling: a document that exceeds
them, or kills its worker, is recorded as failed and the batch goes on.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import signal
import threading
from collections import Counter, deque
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .dataset.writer import DatasetWriter
from .extras import require
from .inputs import Document
from .isolation import Outcome, Reader, start_isolated, warm_up
from .model import STATUS_FAILED, Report, file_sha256, report_id_for

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from .bodies.table import BodiesSummary  # pandas and pyarrow: loaded after the documents

# multiprocessing and the process pool are imported where a pool starts: a run of one
# document has none

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 3072


@dataclass(frozen=True, slots=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB


@dataclass(slots=True)
class Summary:
    documents: int = 0
    processed: int = 0
    skipped: int = 0
    duplicates: int = 0
    cells: int = 0
    figures: int = 0
    failed_checks: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_format: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # this run's
    unreadable: int = 0  # inputs that name no readable file (among the failures)
    failed_earlier: list[tuple[str, str]] = field(default_factory=list)  # skipped as done
    failed_in_dataset: int = 0  # failed documents the dataset holds after the run
    empty_inputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    bodies: BodiesSummary | None = None  # the dataset's bodies after the run

    @property
    def failed(self) -> int:
        """Documents of this run that failed: read and failed, or not readable at all."""
        return self.by_status.get(STATUS_FAILED, 0) + self.unreadable

    def add(self, report: Report, peak_rss_mb: float = 0.0) -> None:
        self.processed += 1
        self.peak_rss_mb = max(self.peak_rss_mb, peak_rss_mb)
        self.cells += len(report.cells)
        self.figures += len(report.figures)
        self.failed_checks += sum(1 for c in report.checks if c.passed is False)
        self.by_status[report.status] += 1
        self.by_format[report.format] += 1
        if report.status == STATUS_FAILED:
            self.failures.append((report.source, report.error or ""))

    def add_unreadable(self, source: str, reason: str) -> None:
        """An input that names no file, or a file that cannot be opened: not in the dataset."""
        self.unreadable += 1
        self.failures.append((source, reason))


_warmed = False
_gc_paused = False


def pause_gc() -> None:
    """No garbage collection until this process has warmed up (`resume_gc`): while modules
    are imported and the warm-up builds its tables, collections find next to nothing to
    free and take ~15% of the CPU of a run's start."""
    global _gc_paused
    if gc.isenabled():
        gc.disable()
        _gc_paused = True


def resume_gc() -> None:
    """Collect garbage again (if `pause_gc` stopped it): before any process is forked."""
    global _gc_paused
    if _gc_paused:
        gc.enable()
        _gc_paused = False


class Background:
    """``work`` in a thread of this process, started while it waits on its workers (loading
    the modules of the dataset-wide steps): results keep being taken meanwhile.

    ``lowest``: at the lowest priority (Linux: per thread), taking only the CPU the
    documents leave idle — for one document, whose child's report should not wait for it.
    A batch's end waits for the work, and on a busy machine a thread at that priority
    finishes last (and keeps the interpreter's lock from the thread taking results while
    it is not scheduled): there it runs at the process's own priority."""

    def __init__(self, work: Callable[[], None], *, lowest: bool = False) -> None:
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(work, lowest), name="reportextract-background", daemon=True
        )
        self._thread.start()

    def _run(self, work: Callable[[], None], lowest: bool) -> None:
        if lowest:
            with contextlib.suppress(OSError, AttributeError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        try:
            work()
        except BaseException as exc:  # raised again by join, in the thread that waits
            self._error = exc

    def wait(self) -> None:
        """Until the work is over (what a writer waits for before writing a part)."""
        self._thread.join()

    def join(self) -> None:
        """Until the work is over; its error, if any, raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error


def _joined(background: Background | None) -> None:
    if background is not None:
        background.join()


def worker_init(inherited: tuple[int, ...] = ()) -> None:
    """Runs once in each worker process of the local pool.

    A forked worker drops its copies of the run's own files (the dataset lock among them),
    so that a worker outliving a killed run blocks nothing.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for fd in inherited:
        with contextlib.suppress(OSError):
            os.close(fd)
    _warm()


def _warm(suffixes: Collection[str] | None = None, *, sample: bool = True) -> None:
    global _warmed
    if not _warmed:
        warm_up(suffixes, sample=sample)
        gc.freeze()
        _warmed = True
    resume_gc()  # the children and the workers collect as usual


_readers = threading.local()  # each thread of a worker (a Dask worker's) has its own


def process_document(
    path: str, source: str, timeout: float, memory_mb: int
) -> tuple[Report, float]:
    """The task every executor runs: one document, isolated, under its limits (in the
    worker's reader child, `isolation.Reader`)."""
    _warm()
    reader = getattr(_readers, "reader", None)
    if reader is None:
        reader = _readers.reader = Reader()
        from multiprocessing import util

        # a worker of the local pool stops its reader as it exits, and waits for it
        util.Finalize(reader, reader.close, exitpriority=10)
    outcome = reader.read(path, source, timeout, memory_mb)
    return _report_of(outcome, path, source), outcome.peak_rss_mb


def run_in_parent(
    document: Document,
    writer: DatasetWriter,
    *,
    limits: Limits,
    on_result: Callable[[Report, float], None],
    while_running: Callable[[], None],
) -> None:
    """One document without a pool of workers (starting one costs more than it saves):
    this process warms up for its format (without a sample document: the child builds
    what its one document needs) and forks its child, isolated as in a worker, then does
    ``while_running`` in a thread while the child reads."""
    path = str(document.path)
    _warm({document.path.suffix}, sample=False)
    running = start_isolated(
        path, document.source, limits.timeout, limits.memory_mb, close_fds=writer.inherited_fds
    )
    try:
        background = Background(while_running, lowest=True)
    except BaseException:
        running.abandon()
        raise
    writer.before_flush = background.wait
    outcome = running.outcome()
    report = _report_of(outcome, path, document.source)
    writer.add(report)
    on_result(report, outcome.peak_rss_mb)
    background.join()


def _report_of(outcome: Outcome, path: str, source: str) -> Report:
    report = outcome.report
    if report is None or outcome.reason:
        report = _failed(path, source, outcome.reason or "no result", outcome.seconds)
    return report


def _failed(path: str, source: str, reason: str, seconds: float = 0.0) -> Report:
    try:
        digest = file_sha256(Path(path))
    except OSError:
        digest = hashlib.sha256(path.encode()).hexdigest()
    report = Report(
        source=source, sha256=digest, format=_format_guess(path), report_id=report_id_for(digest)
    )
    report.seconds = seconds
    return report.fail(reason)


def _format_guess(path: str) -> str:
    return Path(path).suffix.lower().lstrip(".") or "unknown"


def local_executor(
    workers: int, inherited: tuple[int, ...] = (), suffixes: Collection[str] | None = None
) -> ProcessPoolExecutor:
    """A pool of forked workers. The parent warms up first (imports, the readers of the
    documents' ``suffixes``, the template, the division list, jieba's dictionary), once:
    every worker starts with it, shared."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm(suffixes)
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=worker_init, initargs=(inherited,)
    )


def dask_executor(scheduler: str | None, workers: int) -> tuple[Executor, Callable[[], None]]:
    """A Dask cluster's executor (a local cluster when no scheduler is given) and its closer."""
    require("dask", "--executor dask")
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return client.get_executor(), close


@dataclass(slots=True)
class Plan:
    todo: list[Document] = field(default_factory=list)
    skipped: int = 0
    duplicates: int = 0
    unreadable: list[tuple[Document, str]] = field(default_factory=list)
    failed_earlier: list[tuple[Document, str]] = field(default_factory=list)  # among skipped


def plan(
    documents: Sequence[Document], writer: DatasetWriter, *, force: bool, retry_failed: bool
) -> Plan:
    """The documents still to do; those skipped as done or as duplicates; those unreadable."""
    result = Plan()
    seen: set[str] = set()
    for document in documents:
        try:
            digest = file_sha256(document.path)
        except OSError as exc:
            result.unreadable.append((document, unreadable_reason(exc)))
            continue
        if digest in seen:
            result.duplicates += 1
            continue
        seen.add(digest)
        done = writer.done.get(report_id_for(digest))
        if (
            not force
            and done is not None
            and done.sha256 == digest
            and done.extractor_version == __version__
            and not (retry_failed and done.status == STATUS_FAILED)
        ):
            result.skipped += 1
            if done.status == STATUS_FAILED:
                result.failed_earlier.append((document, done.error or ""))
            continue
        result.todo.append(document)
    return result


def unreadable_reason(exc: OSError) -> str:
    """``no such file or directory`` rather than ``[Errno 2] No such file or directory: '…'``."""
    return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)


def run_documents(
    documents: Sequence[Document],
    writer: DatasetWriter,
    make_executor: Callable[[], Executor],
    *,
    limits: Limits,
    max_in_flight: int,
    on_result: Callable[[Report, float], None],
    while_first_run: Callable[[], None] | None = None,
) -> None:
    """Submit documents with a bounded number in flight; results are written as they arrive.

    Documents run isolated (`process_document`), so a worker only breaks if something
    outside any document kills it (the kernel's OOM killer, say); then the executor is
    replaced and the documents it held are tried once more. ``while_first_run`` runs once,
    in a thread, after the first documents are submitted: work of this process that can
    overlap with the workers' (the writer waits for it before writing a part).
    """
    from concurrent.futures.process import BrokenProcessPool

    queue: deque[tuple[Document, int]] = deque((document, 0) for document in documents)
    executor = make_executor()
    in_flight: dict[Future[tuple[Report, float]], tuple[Document, int]] = {}
    completed_since_start = 0
    background: Background | None = None
    try:
        while queue or in_flight:
            while queue and len(in_flight) < max_in_flight:
                document, attempt = queue.popleft()
                try:
                    future = executor.submit(
                        process_document,
                        str(document.path),
                        document.source,
                        limits.timeout,
                        limits.memory_mb,
                    )
                except BrokenProcessPool:
                    queue.appendleft((document, attempt))
                    break
                in_flight[future] = (document, attempt)
            if not in_flight:
                raise WorkerStartError(
                    "the worker processes could not start (see the errors above)"
                )
            if while_first_run is not None:
                background = Background(while_first_run)
                writer.before_flush = background.wait
                while_first_run = None
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in finished:
                document, attempt = in_flight.pop(future)
                try:
                    report, rss = future.result()
                except BrokenProcessPool:
                    broken = True
                    if attempt == 0:
                        queue.append((document, 1))
                        continue
                    report, rss = (
                        _failed(
                            str(document.path),
                            document.source,
                            "its worker process was killed twice",
                        ),
                        0.0,
                    )
                except Exception as exc:  # the executor lost the task (a cluster worker died)
                    report, rss = (
                        _failed(
                            str(document.path),
                            document.source,
                            f"worker failed: {type(exc).__name__}: {exc}",
                        ),
                        0.0,
                    )
                writer.add(report)
                on_result(report, rss)
            completed_since_start += sum(1 for f in finished if not _broke(f))
            if broken:
                if completed_since_start == 0:
                    raise WorkerStartError(
                        "the worker processes died before finishing any document"
                    )
                for document, attempt in in_flight.values():
                    queue.append((document, attempt))
                in_flight.clear()
                _shutdown(executor, wait=False)
                _joined(background)  # no fork while a thread imports
                executor = make_executor()
                completed_since_start = 0
        _joined(background)
    finally:
        _shutdown(executor, wait=True)


class WorkerStartError(RuntimeError):
    """The batch's workers cannot run at all (not a problem of one document)."""


def _broke(future: Future[tuple[Report, float]]) -> bool:
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(future.exception(), BrokenProcessPool)


def _shutdown(executor: Executor, *, wait: bool) -> None:
    from concurrent.futures import ProcessPoolExecutor

    if isinstance(executor, ProcessPoolExecutor):
        executor.shutdown(wait=wait, cancel_futures=True)
    else:
        executor.shutdown(wait=wait)


def default_workers() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
