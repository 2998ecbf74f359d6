"""The end of a run: its last flush and the steps over the whole dataset write each part
once, together, in an order that a killed run can always resume from."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import real_doc
from reportextract.dataset import atomic
from reportextract.dataset.part_cache import read_part
from reportextract.dataset.writer import part_files
from reportextract.runner import RunOptions, run_batch
from test_batch_runs import dataset_rows

# two documents of one body and year (the web page and its text) and two of other years
DOCUMENTS = ("pingtan-2024.html", "pingtan-2024.txt", "pingtan-2019.txt", "pingtan-2020.txt")


def test_each_part_is_written_once_with_its_final_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: Counter[Path] = Counter()
    write = atomic._write_parquet

    def counted(path: Path, table: pa.Table) -> None:
        written[path.with_name(path.name.split(".")[1] + ".parquet")] += 1
        write(path, table)

    monkeypatch.setattr(atomic, "_write_parquet", counted)
    out = tmp_path / "data"
    run_batch([str(real_doc(name)) for name in DOCUMENTS], out, RunOptions(progress=False))
    assert written, "nothing was written through the part writer"
    assert [path for path, times in written.items() if times > 1] == []
    on_disk = set(out.glob("*/*/*.parquet"))
    assert set(written) == on_disk
    reports = pq.read_table(out / "reports").to_pylist()
    # the primary document of 2024 and its duplicate were decided before the part was written
    assert sum(1 for r in reports if r["year"] == 2024 and r["primary"]) == 1
    assert sum(1 for r in reports if r["duplicate_of"]) == 1


def test_staged_parts_are_read_back_before_they_are_written_and_written_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renamed: list[str] = []
    replace = atomic.os.replace

    def recorded(source: Path, target: Path) -> None:
        renamed.append(Path(target).parent.parent.name + "/" + Path(target).name)
        replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", recorded)
    table = pa.table({"report_id": pa.array(["a", "b"])})
    derived = tmp_path / "checks" / "2024" / "derived-crossyear.parquet"
    report = tmp_path / "reports" / "2024" / "part-x.parquet"
    cells = tmp_path / "cells" / "2024" / "part-x.parquet"
    with atomic.staged_writes():
        atomic.write_parquet_parts([(derived, table)])
        atomic.write_parquet_parts([(cells, table)], [(report, table.slice(0, 1))])
        atomic.write_parquet_parts([(report, table)])  # a later step rewrites it
        assert not list(tmp_path.rglob("*.parquet"))
        assert part_files(tmp_path, "reports") == [report]
        assert read_part(report, ["report_id"]).column(0).to_pylist() == ["a", "b"]
    assert renamed == [
        "cells/part-x.parquet",
        "reports/part-x.parquet",
        "checks/derived-crossyear.parquet",
    ]
    assert pq.read_table(report).num_rows == 2


def _resume_after_kill(tmp_path: Path, renames_before_kill: int) -> tuple[Path, Path]:
    """A dataset holding one report; a second run, of it and three more, killed when it has
    renamed ``renames_before_kill`` of its reports parts into place."""
    first = real_doc("quangang-2025.txt")
    docs = [first, *(real_doc(name) for name in DOCUMENTS[2:])]
    out = tmp_path / "data"
    run_batch([str(first)], out, RunOptions(progress=False))
    before = {path: path.read_bytes() for path in out.glob("*/*/part-*.parquet")}
    code = f"""
import os
from pathlib import Path
from reportextract.dataset import atomic
from reportextract.runner import RunOptions, run_batch
replace, seen = atomic.os.replace, []
def killing(source, target):
    if Path(target).parent.parent.name == "reports":
        if len(seen) == {renames_before_kill}:
            os._exit(9)
        seen.append(target)
    replace(source, target)
atomic.os.replace = killing
run_batch({[str(d) for d in docs]!r}, Path({str(out)!r}), RunOptions(progress=False))
"""
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True)
    assert done.returncode == 9, done.stderr.decode()[-2000:]
    # the parts of the earlier run are where they were, whole
    for path, data in before.items():
        assert path.read_bytes() == data
        pq.read_table(path)
    assert len(list(out.glob("cells/*/part-*.parquet"))) > len(before) // 4, (
        "the run was killed before its end was written: the test proves nothing"
    )
    whole = tmp_path / "whole"
    run_batch([str(d) for d in docs], whole, RunOptions(progress=False))
    return out, whole


@pytest.mark.parametrize("renames_before_kill", [0, 1])
def test_a_run_killed_while_its_end_is_written_is_resumed_to_the_same_dataset(
    tmp_path: Path, renames_before_kill: int
) -> None:
    out, whole = _resume_after_kill(tmp_path, renames_before_kill)
    resumed = run_batch(
        [str(real_doc("quangang-2025.txt")), *(str(real_doc(n)) for n in DOCUMENTS[2:])],
        out,
        RunOptions(progress=False),
    )
    # the report of the first run and those whose reports part was in place are done
    assert resumed.skipped == 1 + renames_before_kill
    assert resumed.processed == 2 - renames_before_kill
    assert dataset_rows(out) == dataset_rows(whole)
    shutil.rmtree(whole)
