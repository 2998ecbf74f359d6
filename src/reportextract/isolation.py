"""One document in a forked child process, under a time limit and a memory ceiling.

The batch's workers (a local process pool or a Dask cluster's workers) never run a
document themselves: each document runs in a child forked from the worker, with the
worker's already-imported libraries shared copy-on-write (a worker's `Reader` child takes
its documents one after another, each under its own limits). A child that runs past its
time is killed; one that exceeds its memory ceiling or crashes in a C parser dies
alone. Either way the document is recorded as failed and the worker goes on, so a
pathological file cannot hang or take down a worker, on one machine or a cluster.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Collection
from dataclasses import dataclass
from importlib import import_module

from .model import Report

_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Outcome:
    report: Report | None
    reason: str | None
    peak_rss_mb: float
    seconds: float


# The reader each file name's ending needs (a file sniffed as another format still reads:
# its child imports that reader).
READER_MODULES = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".txt": "text",
}


def warm_up(suffixes: Collection[str] | None = None, *, sample: bool = True) -> None:
    """Import and initialise what every document needs, once per worker, before forking:
    the readers of the documents' formats (by their files' endings; every reader when
    they are not known or one is not a known ending). ``sample``: also load the division
    list's and the contacts' tables and extract a sample document, so that what a first
    document builds is built once for all the children (without: a run's one document
    loads in its child only what it needs)."""
    from . import pipeline
    from .bodies import prepare
    from .template import template_map

    wanted: set[str | None] = (
        {READER_MODULES.get(s.lower()) for s in suffixes} if suffixes is not None else {None}
    )
    modules = set(READER_MODULES.values()) if None in wanted else {m for m in wanted if m}
    for module in sorted(modules):
        import_module(f".readers.{module}", __package__)  # shared by the children

    template_map()
    if not sample:
        return
    prepare()
    # a sample document too: what the first document builds (the narrative's patterns, its
    # tagger) is built here once, not in every child; cn2an is left to the rare document
    # whose numerals `standard_integer` does not read
    document = (
        "泉港区2025年度政府信息公开工作年度报告\n全年共收到政府信息公开申请1件，办结一件。\n"
        "规章\t0\t0\t0\n"
    )
    pipeline.extract("warm-up.txt", data=document.encode("utf-8"))


def _address_space() -> int:
    """The process's current virtual size in bytes (what it inherited from its parent)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _set_limits(timeout: float, memory_mb: int) -> None:
    if memory_mb > 0:
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if timeout > 0:
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = int(used.ru_utime + used.ru_stime + timeout) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def _child(write_fd: int, path: str, source: str, timeout: float, memory_mb: int) -> None:
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _set_limits(timeout, memory_mb)
        _write_all(
            write_fd, pickle.dumps(_read(path, source, memory_mb), protocol=pickle.HIGHEST_PROTOCOL)
        )
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _read(path: str, source: str, memory_mb: int) -> tuple[Report | None, str | None, float]:
    """In a child: the document's report, or why it has none; and the child's peak RSS (MB)."""
    from .pipeline import extract

    try:
        report, reason = extract(path, source=source), None
    except MemoryError:
        report, reason = (
            None,
            f"exceeded the memory ceiling of {memory_mb} MB (address space beyond its worker's)",
        )
    except OSError as exc:  # the file went away or became unreadable since it was listed
        report, reason = None, f"cannot be read: {exc.strerror or exc}"
    return report, reason, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view[:_CHUNK]) :]


def extract_isolated(path: str, source: str, timeout: float, memory_mb: int) -> Outcome:
    """Run `extract` on one document in a forked child; never raises for the document."""
    return start_isolated(path, source, timeout, memory_mb).outcome()


def start_isolated(
    path: str,
    source: str,
    timeout: float,
    memory_mb: int,
    *,
    close_fds: Collection[int] = (),
) -> Running:
    """Fork the child that reads one document and return at once: the caller may work
    meanwhile, then takes the `Running.outcome`. The child closes ``close_fds`` (its
    parent's own files: a child outliving a killed run blocks nothing)."""
    started = time.monotonic()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        for fd in close_fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        _child(write_fd, path, source, timeout, memory_mb)
    os.close(write_fd)
    return Running(pid, read_fd, started, timeout, memory_mb)


@dataclass(slots=True)
class Running:
    """A document being read in its own child process."""

    pid: int
    read_fd: int
    started: float
    timeout: float
    memory_mb: int

    def outcome(self) -> Outcome:
        """Wait for the child's report (killing it past its time limit)."""
        chunks: list[bytes] = []
        timed_out = False
        try:
            deadline = self.started + self.timeout if self.timeout > 0 else None
            while True:
                wait = None if deadline is None else max(0.0, deadline - time.monotonic())
                ready, _, _ = select.select([self.read_fd], [], [], wait)
                if not ready:
                    timed_out = True
                    os.kill(self.pid, signal.SIGKILL)
                    break
                chunk = os.read(self.read_fd, _CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
        except BaseException:
            self._kill()
            raise
        finally:
            os.close(self.read_fd)
            _, status = os.waitpid(self.pid, 0)
        seconds = time.monotonic() - self.started
        if timed_out:
            return Outcome(None, f"timed out after {self.timeout:g} s", 0.0, seconds)
        data = b"".join(chunks)
        if not data:
            return Outcome(None, _death(status, self.memory_mb), 0.0, seconds)
        report, reason, rss = pickle.loads(data)
        return Outcome(report, reason, rss, seconds)

    def abandon(self) -> None:
        """Kill the child and reap it (its parent failed while it ran)."""
        self._kill()
        os.close(self.read_fd)
        os.waitpid(self.pid, 0)

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)


def _death(status: int, memory_mb: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return "used more CPU time than its time limit"
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return f"the process reading it died ({name}): a crash in a parser or the {memory_mb} MB memory ceiling"
    return f"the process reading it exited with status {os.WEXITSTATUS(status)} without a result"


# A reader child takes this many documents at most, then a new one is forked: what a long
# series of documents leaves behind in one process is bounded.
READER_DOCUMENTS = 64


class Reader:
    """A child process, forked from its worker, that reads the worker's documents one
    after another: each document is isolated as in `extract_isolated` (its own time
    limit, killed past it; its own CPU limit and memory ceiling, set afresh above what the
    child holds when the document starts; a crash fails that document alone), but a fork,
    and the copying of the pages the first document touches, is paid once per child
    rather than per document. A child that fails a document, dies or has read
    `READER_DOCUMENTS` is replaced by a new one for the next document; so is one that read a
    document by OCR (its models and page images would stay in the child: a worker's memory
    is then the peak of one scan's child, as with a child per document, and the fork is
    nothing beside a scan's seconds)."""

    def __init__(self) -> None:
        self._running: _ReaderChild | None = None

    def read(self, path: str, source: str, timeout: float, memory_mb: int) -> Outcome:
        child = self._running
        if child is not None and (child.memory_mb != memory_mb or not child.waiting()):
            self.close()  # another ceiling, or gone while it waited (killed from outside)
            child = None
        if child is None:
            child = self._running = _ReaderChild(memory_mb)
        outcome, alive = child.read(path, source, timeout)
        if (
            not alive
            or outcome.reason is not None
            or child.documents >= READER_DOCUMENTS
            or _read_by_ocr(outcome)
        ):
            self.close()
        return outcome

    def close(self) -> None:
        if self._running is not None:
            self._running.stop()
            self._running = None


def _read_by_ocr(outcome: Outcome) -> bool:
    return outcome.report is not None and outcome.report.ocr_pages > 0


class _ReaderChild:
    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self.documents = 0
        task_read, self._tasks = os.pipe()
        self._results, result_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self._tasks)
            os.close(self._results)
            _serve(task_read, result_write, memory_mb)
        os.close(task_read)
        os.close(result_write)

    def waiting(self) -> bool:
        """Whether the child is still there, waiting for a document."""
        if not self.pid:
            return False
        pid, _ = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self.pid = 0
        return not pid

    def read(self, path: str, source: str, timeout: float) -> tuple[Outcome, bool]:
        """The document's outcome, and whether the child can take another."""
        started = time.monotonic()
        self.documents += 1
        try:
            _send(self._tasks, (path, source, timeout))
        except OSError:  # the child is gone
            return self._dead(started), False
        deadline = started + timeout if timeout > 0 else None
        data = _receive(self._results, deadline)
        seconds = time.monotonic() - started
        if data is None:
            self._kill()
            return Outcome(None, f"timed out after {timeout:g} s", 0.0, seconds), False
        if not data:
            return self._dead(started), False
        report, reason, rss = pickle.loads(data)
        return Outcome(report, reason, rss, seconds), True

    def _dead(self, started: float) -> Outcome:
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return Outcome(None, _death(status, self.memory_mb), 0.0, time.monotonic() - started)

    def _kill(self) -> None:
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    def stop(self) -> None:
        """The child ends (at once if it was killed or is dead; after its document if not)."""
        for fd in (self._tasks, self._results):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.pid:
            os.waitpid(self.pid, 0)  # it reads the end of its tasks and exits
            self.pid = 0


def _send(fd: int, message: object) -> None:
    """One framed message: its length, then its pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    _write_all(fd, len(data).to_bytes(8, "little") + data)


def _receive(fd: int, deadline: float | None) -> bytes | None:
    """One framed message; b"" if the writer is gone; None past the deadline."""
    buffer = bytearray()
    size: int | None = None
    while size is None or len(buffer) < size + 8:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return None
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return b""
        buffer += chunk
        if size is None and len(buffer) >= 8:
            size = int.from_bytes(buffer[:8], "little")
    return bytes(buffer[8:])


def _serve(tasks: int, results: int, memory_mb: int) -> None:
    """The reader child: documents from ``tasks`` until it ends, each result to ``results``."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        while True:
            task = _receive(tasks, None)
            if not task:
                break
            path, source, timeout = pickle.loads(task)
            _set_soft_limits(timeout, memory_mb)
            result = _read(path, source, memory_mb)
            _send(results, result)
            if result[1] is not None:
                break
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _set_soft_limits(timeout: float, memory_mb: int) -> None:
    """`_set_limits` for the next document of a reader child: soft limits only, so that
    the next document's can be set above what this one used."""
    if memory_mb > 0:
        limit = _address_space() + memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (_below(limit, hard), hard))
    if timeout > 0:
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = int(used.ru_utime + used.ru_stime + timeout) + 5
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (_below(cpu, hard), hard))


def _below(limit: int, hard: int) -> int:
    return limit if hard == resource.RLIM_INFINITY else min(limit, hard)
