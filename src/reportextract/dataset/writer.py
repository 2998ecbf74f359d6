"""Writing the dataset: Parquet parts that appear atomically, a lock, and recovery.

Layout of a dataset directory::

    reports/<year>/part-<id>.parquet      one row per document
    cells/<year>/part-<id>.parquet        …and the other tables, same part ids
    figures/<year>/part-<id>.parquet
    checks/<year>/part-<id>.parquet
    datapackage.json

Results are buffered and flushed as parts; each file is written to a temporary name,
fsynced and renamed, so no reader ever sees half a file. A flush renames its reports
parts last, once its other parts are renamed and their folders fsynced: a report counts
as done only when its reports row exists. A run's last flush is staged with the steps
over the whole dataset after it (`atomic.staged_writes`) and written once with their
output, in the same order. On opening, parts left by an interrupted flush
(no reports part of the same id) are removed, and if a report was re-extracted
(``--force``) only its newest rows are kept; on closing, the same is done only when this
writer wrote a report again or a flush did not finish (otherwise there is nothing to do).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from ..errors import DatasetError
from ..model import Report
from . import part_cache
from .part_cache import is_cached, read_part

if TYPE_CHECKING:
    import pyarrow as pa

    from .records import Row

# pyarrow (and the schema, built of its types) is imported when a part is read or written:
# a run opens a new dataset and starts its workers without it.

LOCK_NAME = ".reportextract.lock"
QUARANTINE = "quarantine"
TABLE_ORDER = ("cells", "figures", "checks", "reports")


@dataclass(frozen=True, slots=True)
class DoneReport:
    sha256: str
    extractor_version: str
    status: str
    error: str | None = None


def prepare_arrow() -> None:
    """pyarrow looks for pandas (and imports it, a quarter of a second, unless it is hidden:
    `no_pandas`) the first time it converts Python values; a run does it while its workers
    read the first documents."""
    import pyarrow as pa

    pa.array([0])


def year_dir(year: int | None) -> str:
    return str(year) if year is not None else "unknown"


def part_files(root: Path, table: str) -> list[Path]:
    """The flushed parts of a table (with those staged to be written, `part_cache`)."""
    folder = root / table
    return sorted(
        {*folder.glob("*/part-*.parquet"), *part_cache.staged_paths(folder, "part-*.parquet")}
    )


class DatasetWriter:
    """Collects reports and writes them as Parquet parts; use as a context manager."""

    def __init__(self, root: str | Path, *, flush_every: int = 200, flush_seconds: float = 30.0):
        self.root = Path(root)
        self.flush_every = flush_every
        self.flush_seconds = flush_seconds
        self._buffer: list[Report] = []
        self._last_flush = time.monotonic()
        self._lock: IO[str] | None = None
        self.done: dict[str, DoneReport] = {}
        self.recovered: list[str] = []
        # waited for before a part is written (a run loading pyarrow in a thread meanwhile)
        self.before_flush: Callable[[], None] | None = None
        # whether closing must reconcile: a report written again (its older rows to drop)
        # or a flush that did not finish
        self._unsettled = False

    def __enter__(self) -> DatasetWriter:
        self.root.mkdir(parents=True, exist_ok=True)
        self._acquire_lock()
        part_cache.hold()  # parts kept in memory while the lock is held
        try:
            self.recovered = reconcile(self.root)
            self.done = load_done(self.root)
        except Exception:
            self._release_lock()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        from .datapackage import write_datapackage

        try:
            self.flush()
            if self._unsettled or exc_type is not None:
                reconcile(self.root)
            write_datapackage(self.root)
        finally:
            self._release_lock()

    def _acquire_lock(self) -> None:
        handle = (self.root / LOCK_NAME).open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise DatasetError(f"{self.root} is being written by another run ({holder})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {os.uname().nodename}\n")
        handle.flush()
        self._lock = handle

    @property
    def inherited_fds(self) -> tuple[int, ...]:
        """File descriptors a forked worker should close: the lock's."""
        return (self._lock.fileno(),) if self._lock is not None else ()

    def _release_lock(self) -> None:
        if self._lock is not None:
            part_cache.let_go()
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def add(self, report: Report) -> None:
        if report.report_id in self.done:
            self._unsettled = True
        self._buffer.append(report)
        if (
            len(self._buffer) >= self.flush_every
            or time.monotonic() - self._last_flush >= self.flush_seconds
        ):
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        settled, self._unsettled = not self._unsettled, True  # until every part is written
        if self.before_flush is not None:
            wait, self.before_flush = self.before_flush, None
            wait()
        by_year: dict[str | None, list[Report]] = defaultdict(list)
        for report in self._buffer:
            by_year[year_dir(report.year)].append(report)
        from .atomic import write_parquet_parts

        others: list[tuple[Path, pa.Table]] = []
        report_parts: list[tuple[Path, pa.Table]] = []
        for year, reports in sorted(by_year.items(), key=lambda item: str(item[0])):
            for path, table in self._part(str(year), reports):
                (report_parts if path.parent.parent.name == "reports" else others).append(
                    (path, table)
                )
        # the reports parts last: a report is done once its row exists
        write_parquet_parts(others, report_parts)
        for report in self._buffer:
            self.done[report.report_id] = DoneReport(
                report.sha256, _version(), report.status, report.error
            )
        self._unsettled = not settled
        self._buffer.clear()
        self._last_flush = time.monotonic()

    def _part(self, year: str, reports: list[Report]) -> list[tuple[Path, pa.Table]]:
        """The parts of one year's reports, as (path, table); an empty part of a table
        other than reports is not written (and one left by an earlier flush removed)."""
        import pyarrow as pa

        from .records import report_rows
        from .schema import arrow_schema

        rows: dict[str, list[Row]] = defaultdict(list)
        for report in reports:
            for table, table_rows in report_rows(report).items():
                rows[table].extend(table_rows)
        part_id = hashlib.sha1(
            "\n".join(sorted(r.report_id for r in reports)).encode()
        ).hexdigest()[:16]
        parts = []
        for table in TABLE_ORDER:
            arrow = pa.Table.from_pylist(rows[table], schema=arrow_schema(table))
            path = self.root / table / year / f"part-{part_id}.parquet"
            if arrow.num_rows == 0 and table != "reports":
                path.unlink(missing_ok=True)
                continue
            parts.append((path, arrow))
        return parts


def _version() -> str:
    from .. import __version__

    return __version__


def _read_column(path: Path, columns: list[str] | None) -> pa.Table:
    import pyarrow as pa

    try:
        return read_part(path, columns)
    except (pa.ArrowInvalid, OSError) as exc:
        raise DatasetError(f"corrupt Parquet part {path}: {exc}") from exc


def load_done(root: Path) -> dict[str, DoneReport]:
    done: dict[str, DoneReport] = {}
    for path in part_files(root, "reports"):
        # read whole: the steps at the end of the run read the reports parts again
        table = _read_column(path, None).select(
            ["report_id", "sha256", "extractor_version", "status", "error"]
        )
        for row in table.to_pylist():
            done[row["report_id"]] = DoneReport(
                row["sha256"], row["extractor_version"], row["status"], row["error"]
            )
    return done


def quarantine_corrupt_parts(root: Path) -> list[str]:
    """Move parts that are not readable Parquet (left by a foreign process) aside."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .schema import TABLES

    changes: list[str] = []
    for table_name in TABLES:
        for path in part_files(root, table_name):
            if is_cached(path):
                continue  # written or read whole by this process, unchanged since
            try:
                pq.read_metadata(path)
            except (pa.ArrowInvalid, OSError) as exc:
                target = root / QUARANTINE / table_name / path.parent.name / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
                changes.append(
                    f"corrupt part {path.relative_to(root)} moved to {target.relative_to(root)}: {exc}"
                )
    return changes


def reconcile(root: Path) -> list[str]:
    """Make the dataset consistent after an interruption or a re-extraction.

    Removes temporary files and parts of an unfinished flush, moves corrupt parts aside,
    keeps only the newest reports row of a report written twice, and drops the rows of
    other tables that do not belong to the part holding that newest row. Returns what it
    changed, in words.
    """
    changes: list[str] = []
    for stray in root.glob("*/*/.part-*.tmp"):
        stray.unlink(missing_ok=True)
        changes.append(f"removed unfinished file {stray.relative_to(root)}")
    if not any(root.glob("*/*/part-*.parquet")):
        return changes  # a new dataset (and no pyarrow to load)
    import pyarrow as pa

    from .atomic import write_parquet_atomic
    from .schema import TABLES, arrow_schema

    changes += quarantine_corrupt_parts(root)
    owner: dict[str, tuple[Any, str]] = {}
    report_parts = part_files(root, "reports")
    committed = {(p.parent.name, p.stem) for p in report_parts}
    for path in report_parts:
        table = _read_column(path, ["report_id", "extracted_at"])
        stamp_mtime = path.stat().st_mtime
        for row in table.to_pylist():
            key = (row["extracted_at"], stamp_mtime)
            current = owner.get(row["report_id"])
            if current is None or key > current[0]:
                owner[row["report_id"]] = (key, f"{path.parent.name}/{path.stem}")
    for table_name in TABLES:
        for path in part_files(root, table_name):
            part_key = f"{path.parent.name}/{path.stem}"
            if table_name != "reports" and (path.parent.name, path.stem) not in committed:
                path.unlink()
                changes.append(f"removed {table_name} part {part_key} of an unfinished flush")
                continue
            ids = _read_column(path, ["report_id"]).column("report_id").to_pylist()
            keep = [owner.get(rid, (None, None))[1] == part_key for rid in ids]
            if all(keep):
                continue
            changes.append(
                f"dropped {keep.count(False)} superseded rows from {table_name} {part_key}"
            )
            if not any(keep):
                path.unlink()
                continue
            full = read_part(path, schema=arrow_schema(table_name))
            write_parquet_atomic(path, full.filter(pa.array(keep)))
    return changes
