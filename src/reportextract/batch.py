"""The batch runner: `extract` mapped over documents through a `concurrent.futures.Executor`.

A local process pool by default, a Dask cluster's executor when asked — one code path.
Results are written as they arrive (`DatasetWriter` flushes parts as it goes), documents
already in the dataset with the same content and extractor version are skipped, and
each document runs under a time limit and a memory ceiling: a document that exceeds
them, or kills its worker, is recorded as failed and the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .dataset.writer import DatasetWriter
from .inputs import Document
from .model import STATUS_FAILED, Report
from .pipeline import extract, report_id_for

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 2048


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
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return self.by_status.get(STATUS_FAILED, 0)

    def add(self, report: Report) -> None:
        self.processed += 1
        self.cells += len(report.cells)
        self.figures += len(report.figures)
        self.failed_checks += sum(1 for c in report.checks if c.passed is False)
        self.by_status[report.status] += 1
        self.by_format[report.format] += 1
        if report.status == STATUS_FAILED:
            self.failures.append((report.source, report.error or ""))


class DocumentTimeout(Exception):
    pass


def _limit_memory(memory_mb: int) -> None:
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def worker_init(memory_mb: int) -> None:
    """Runs once in each worker process of the local pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(memory_mb)


def _on_alarm(signum: int, frame: object) -> None:
    raise DocumentTimeout


def extract_with_limits(path: str, source: str, timeout: float) -> Report:
    """`extract` under a time limit (in a process's main thread; elsewhere the executor's)."""
    use_alarm = timeout > 0 and threading.current_thread() is threading.main_thread()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    started = time.perf_counter()
    try:
        return extract(path, source=source)
    except DocumentTimeout:
        return _failed(
            path, source, f"timed out after {timeout:g} s", time.perf_counter() - started
        )
    except MemoryError:
        return _failed(path, source, "exceeded the memory ceiling", time.perf_counter() - started)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


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


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def local_executor(workers: int, limits: Limits) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, initializer=worker_init, initargs=(limits.memory_mb,)
    )


def dask_executor(scheduler: str | None, workers: int) -> Executor:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError(
            "the Dask executor needs the 'dask' extra: pip install 'reportextract[dask]'"
        ) from exc
    if scheduler:
        client = Client(scheduler)
    else:
        client = Client(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True))
    return client.get_executor()


def plan(
    documents: Sequence[Document], writer: DatasetWriter, *, force: bool, retry_failed: bool
) -> tuple[list[Document], int, int]:
    """The documents still to do, and how many were skipped as done or as duplicates."""
    todo: list[Document] = []
    skipped = duplicates = 0
    seen: set[str] = set()
    for document in documents:
        try:
            digest = file_sha256(document.path)
        except OSError:
            todo.append(document)
            continue
        if digest in seen:
            duplicates += 1
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
            skipped += 1
            continue
        todo.append(document)
    return todo, skipped, duplicates


def run_documents(
    documents: Sequence[Document],
    writer: DatasetWriter,
    make_executor: Callable[[], Executor],
    *,
    limits: Limits,
    max_in_flight: int,
    on_result: Callable[[Report], None],
) -> None:
    """Submit documents with a bounded number in flight; survive a worker that dies."""
    pending: Iterator[Document] = iter(documents)
    executor = make_executor()
    in_flight: dict[Future[Report], Document] = {}
    suspects: list[Document] = []
    try:
        while True:
            while len(in_flight) < max_in_flight:
                document = next(pending, None)
                if document is None:
                    break
                in_flight[
                    executor.submit(
                        extract_with_limits, str(document.path), document.source, limits.timeout
                    )
                ] = document
            if not in_flight:
                break
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in finished:
                document = in_flight.pop(future)
                try:
                    report = future.result()
                except BrokenProcessPool:
                    broken = True
                    suspects.append(document)
                    continue
                except Exception as exc:  # the executor lost the task (a cluster worker died)
                    report = _failed(
                        str(document.path),
                        document.source,
                        f"worker failed: {type(exc).__name__}: {exc}",
                    )
                writer.add(report)
                on_result(report)
            if broken:
                suspects.extend(in_flight.values())
                in_flight.clear()
                executor.shutdown(wait=False, cancel_futures=True)
                for document in suspects:
                    report = _isolated(document, make_executor, limits)
                    writer.add(report)
                    on_result(report)
                suspects.clear()
                executor = make_executor()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _isolated(document: Document, make_executor: Callable[[], Executor], limits: Limits) -> Report:
    """Rerun a document alone after its pool broke, to tell the culprit from bystanders."""
    executor = make_executor()
    try:
        return executor.submit(
            extract_with_limits, str(document.path), document.source, limits.timeout
        ).result()
    except BrokenProcessPool:
        return _failed(
            str(document.path),
            document.source,
            "the worker died while reading this document (memory ceiling or a crash in a parser)",
        )
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def default_workers() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
