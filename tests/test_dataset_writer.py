"""The dataset: one schema per table, atomic parts, a lock, recovery after interruption."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from reportextract.dataset import DatasetWriter, arrow_schema
from reportextract.dataset.writer import reconcile
from reportextract.errors import DatasetError
from reportextract.model import Cell, Check, Figure, Report


def make_report(n: int, year: int | None = 2024, cells: int = 3) -> Report:
    digest = hashlib.sha256(f"doc-{n}".encode()).hexdigest()
    report = Report(
        source=f"doc-{n}.pdf", sha256=digest, format="pdf", report_id=digest[:16], year=year
    )
    report.cells = [
        Cell("requests", "granted", f"c{i}", float(i), str(i), page=2, bbox=(1.0, 2.0, 3.0, 4.0))
        for i in range(cells)
    ]
    if n % 2:
        report.figures = [
            Figure(12.0, "件", "12件", "收到申请12件。", 3, 6, page=1, metric="requests.received")
        ]
        report.checks = [Check("requests.row_total", "requests", "granted", 3.0, 3.0, True)]
    return report


def test_every_part_has_the_table_schema_even_when_columns_are_all_null(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path) as writer:
        writer.add(make_report(0))
        writer.flush()
        writer.add(make_report(1, year=None))
    for table in ("reports", "cells", "figures", "checks"):
        for part in (tmp_path / table).glob("*/part-*.parquet"):
            assert pq.read_schema(part).remove_metadata().equals(arrow_schema(table)), part
    assert (tmp_path / "reports" / "unknown").is_dir()
    assert (tmp_path / "datapackage.json").is_file()


def test_second_writer_on_the_same_directory_is_refused(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path), pytest.raises(DatasetError, match="another run"):
        DatasetWriter(tmp_path).__enter__()


def test_lock_of_a_killed_run_does_not_block_the_next(tmp_path: Path) -> None:
    code = (
        "import os, sys; from reportextract.dataset import DatasetWriter;"
        f"w = DatasetWriter({str(tmp_path)!r}).__enter__(); os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    with DatasetWriter(tmp_path) as writer:
        writer.add(make_report(3))


def test_parts_of_an_unfinished_flush_are_removed_on_reopen(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path) as writer:
        writer.add(make_report(0))
    orphan = tmp_path / "cells" / "2024" / "part-deadbeefdeadbeef.parquet"
    os.replace(next((tmp_path / "cells" / "2024").glob("part-*.parquet")), orphan)
    (tmp_path / "cells" / "2024" / ".part-x.parquet.1.tmp").write_bytes(b"half")
    with DatasetWriter(tmp_path) as writer:
        assert any("unfinished" in change for change in writer.recovered)
    assert not orphan.exists()
    assert not list((tmp_path / "cells").glob("*/.part-*"))


def test_reextracted_report_keeps_only_its_newest_rows(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path) as writer:
        writer.add(make_report(1, cells=3))
        writer.add(make_report(2, cells=3))
    newer = make_report(1, cells=5)
    with DatasetWriter(tmp_path) as writer:
        writer.add(newer)
    cells = pq.read_table(tmp_path / "cells").to_pylist()
    reports = pq.read_table(tmp_path / "reports").to_pylist()
    assert sorted(r["report_id"] for r in reports) == sorted(
        {make_report(1).report_id, make_report(2).report_id}
    )
    assert sum(1 for c in cells if c["report_id"] == newer.report_id) == 5


def test_corrupt_part_left_by_another_process_is_moved_aside_and_reported(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path) as writer:
        writer.add(make_report(0))
    (tmp_path / "reports" / "2024" / "part-0000000000000000.parquet").write_bytes(
        b"PAR1 not parquet"
    )
    with DatasetWriter(tmp_path) as writer:
        assert any("corrupt part" in change for change in writer.recovered)
        assert make_report(0).report_id in writer.done
    assert (tmp_path / "quarantine" / "reports" / "2024" / "part-0000000000000000.parquet").exists()


def test_reconcile_on_a_consistent_dataset_changes_nothing(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path) as writer:
        for n in range(4):
            writer.add(make_report(n))
    assert reconcile(tmp_path) == []
