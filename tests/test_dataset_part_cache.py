"""Parts kept in memory while a writer holds the dataset's lock, and the writer's close."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from reportextract.dataset import DatasetWriter
from reportextract.dataset import writer as writer_module
from reportextract.dataset.atomic import write_parquet_atomic
from reportextract.dataset.derived import read_table
from reportextract.dataset.part_cache import hold, let_go, read_part
from test_dataset_writer import make_report


def _table(values: list[int]) -> pa.Table:
    return pa.table({"n": pa.array(values, pa.int64())})


def test_a_part_written_under_the_lock_is_read_from_memory(tmp_path: Path) -> None:
    path = tmp_path / "t" / "2024" / "part-a.parquet"
    hold()
    try:
        written = _table([1, 2])
        write_parquet_atomic(path, written)
        assert read_part(path) is written
        assert read_part(path, ["n"]).to_pylist() == [{"n": 1}, {"n": 2}]
    finally:
        let_go()
    assert read_part(path) is not written  # read from the file once the lock is let go
    assert read_part(path).equals(written)


def test_a_part_replaced_or_removed_behind_the_cache_is_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "t" / "2024" / "part-a.parquet"
    hold()
    try:
        write_parquet_atomic(path, _table([1, 2]))
        other = tmp_path / "other.parquet"
        pq.write_table(_table([7, 8, 9]), other)
        os.replace(other, path)  # another inode
        assert read_part(path)["n"].to_pylist() == [7, 8, 9]
        path.unlink()
        with pytest.raises(OSError):
            read_part(path)
    finally:
        let_go()


def test_the_end_steps_read_the_same_rows_from_memory_as_from_disk(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path) as writer:
        for n in range(4):
            writer.add(make_report(n, year=2023 + n % 2))
        writer.flush()
        in_memory = {t: read_table(tmp_path, t) for t in ("reports", "cells", "figures", "checks")}
    for table, rows in in_memory.items():
        on_disk = read_table(tmp_path, table)
        assert rows.schema.equals(on_disk.schema), table
        assert sorted(map(str, rows.to_pylist())) == sorted(map(str, on_disk.to_pylist()))
        assert rows.num_rows > 0


def test_closing_reconciles_only_when_a_report_was_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    real = writer_module.reconcile
    monkeypatch.setattr(writer_module, "reconcile", lambda root: calls.append(root) or real(root))
    with DatasetWriter(tmp_path) as writer:
        writer.add(make_report(0))
        writer.add(make_report(1))
    assert len(calls) == 1  # on opening only: nothing of this run superseded anything
    with DatasetWriter(tmp_path) as writer:
        writer.add(make_report(1, cells=5))  # re-extracted (--force)
    assert len(calls) == 3  # opening and closing
    cells = read_table(tmp_path, "cells")
    ids = cells["report_id"].to_pylist()
    assert ids.count(make_report(1).report_id) == 5  # the older 3 rows dropped on closing
