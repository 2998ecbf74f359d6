"""Parts written side by side in groups: whole or not at all, each group after the last."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from reportextract.dataset import atomic


def _part(path: Path, n: int) -> tuple[Path, pa.Table]:
    return path, pa.table({"n": pa.array(range(n), pa.int64())})


def test_a_group_is_in_place_and_synced_before_the_next_is_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, str]] = []
    replace, sync = atomic.os.replace, atomic.fsync_directory

    def replaced(source: Path, target: Path) -> None:
        events.append(("rename", Path(target).parent.parent.name))
        replace(source, target)

    def synced(folder: Path) -> None:
        events.append(("sync", folder.parent.name))
        sync(folder)

    monkeypatch.setattr(atomic.os, "replace", replaced)
    monkeypatch.setattr(atomic, "fsync_directory", synced)
    others = [_part(tmp_path / t / "2024" / "part-x.parquet", 3) for t in ("cells", "checks")]
    reports = [_part(tmp_path / "reports" / y / "part-x.parquet", 1) for y in ("2023", "2024")]
    atomic.write_parquet_parts(others, reports)
    first_report = events.index(("rename", "reports"))
    assert {
        ("rename", "cells"),
        ("rename", "checks"),
        ("sync", "cells"),
        ("sync", "checks"),
    } <= set(events[:first_report])
    assert events.count(("sync", "reports")) == 2  # one per folder
    for path, table in [*others, *reports]:
        assert pq.read_table(path).equals(table)
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_part_that_cannot_be_written_leaves_no_file_of_any_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = atomic._write_parquet

    def failing(path: Path, table: pa.Table) -> None:
        if "checks" in str(path):
            raise OSError(28, "No space left on device")
        write(path, table)

    monkeypatch.setattr(atomic, "_write_parquet", failing)
    others = [_part(tmp_path / t / "2024" / "part-x.parquet", 3) for t in ("cells", "checks")]
    reports = [_part(tmp_path / "reports" / "2024" / "part-x.parquet", 1)]
    with pytest.raises(OSError, match="No space"):
        atomic.write_parquet_parts(others, reports)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
