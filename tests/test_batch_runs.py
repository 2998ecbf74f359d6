"""Batch runs: resumable, skip what is done, same rows on a Dask cluster, limits per document."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import CORPUS, real_doc, real_docs
from reportextract.runner import RunOptions, run_batch

VOLATILE = {"extracted_at", "seconds"}


def corpus(tmp_path: Path) -> Path:
    """A small mixed corpus: the real reports (PDF, HTML, text) and the old-template texts."""
    target = tmp_path / "docs"
    shutil.copytree(real_docs(), target)
    return target


def rows(dataset: Path, table: str) -> list[tuple]:
    data = pq.read_table(dataset / table).to_pylist() if (dataset / table).exists() else []
    cleaned = [
        tuple(sorted((k, str(v)) for k, v in row.items() if k not in VOLATILE)) for row in data
    ]
    return sorted(cleaned)


def dataset_rows(dataset: Path) -> dict[str, list[tuple]]:
    return {table: rows(dataset, table) for table in ("reports", "cells", "figures", "checks")}


def test_second_run_skips_everything(tmp_path: Path) -> None:
    docs = corpus(tmp_path)
    first = run_batch([str(docs)], tmp_path / "data", RunOptions(workers=2, progress=False))
    assert first.processed == first.documents == 21
    before = dataset_rows(tmp_path / "data")
    second = run_batch([str(docs)], tmp_path / "data", RunOptions(workers=2, progress=False))
    assert (second.processed, second.skipped) == (0, 21)
    assert dataset_rows(tmp_path / "data") == before
    forced = run_batch(
        [str(docs / "quangang-2025.txt")],
        tmp_path / "data",
        RunOptions(workers=1, force=True, progress=False),
    )
    assert forced.processed == 1
    assert dataset_rows(tmp_path / "data") == before


def many_documents(tmp_path: Path, copies: int) -> Path:
    """Distinct files (a byte appended) of the real reports, enough for a run to be killed midway."""
    target = tmp_path / "many"
    target.mkdir()
    sources = [p for p in real_docs().iterdir() if p.is_file()]
    for n in range(copies):
        for source in sources:
            (target / f"{n:02d}-{source.name}").write_bytes(source.read_bytes() + b"\n" * (n + 1))
    return target


def committed_reports(out: Path) -> int:
    try:
        return pq.read_table(out / "reports", columns=["report_id"]).num_rows
    except (OSError, ValueError, FileNotFoundError):
        return 0


def test_a_run_killed_twice_and_resumed_gives_the_uninterrupted_dataset(tmp_path: Path) -> None:
    docs = many_documents(tmp_path, copies=4)
    total = len(list(docs.iterdir()))
    run_batch([str(docs)], tmp_path / "whole", RunOptions(workers=2, progress=False))
    expected = dataset_rows(tmp_path / "whole")
    out = tmp_path / "killed"
    code = (
        "from pathlib import Path; from reportextract.runner import RunOptions, run_batch;"
        f"run_batch([{str(docs)!r}], Path({str(out)!r}), RunOptions(workers=2, progress=False, flush_every=3))"
    )
    for stop_after in (total // 4, total // 2):
        process = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
        deadline = time.monotonic() + 120
        while (
            committed_reports(out) < stop_after
            and process.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    partial = committed_reports(out)
    assert 0 < partial < total, "the run was not killed midway; the test proves nothing"
    resumed = run_batch([str(docs)], out, RunOptions(workers=2, progress=False))
    assert resumed.skipped == partial
    assert resumed.processed == total - partial
    assert dataset_rows(out) == expected


def test_dask_local_cluster_gives_exactly_the_rows_of_a_local_run(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    docs = corpus(tmp_path)
    run_batch([str(docs)], tmp_path / "local", RunOptions(workers=2, progress=False))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        summary = run_batch(
            [str(docs)],
            tmp_path / "dask",
            RunOptions(
                executor="dask", scheduler=cluster.scheduler_address, workers=2, progress=False
            ),
        )
    assert summary.processed == 21 and summary.failed == 0
    assert dataset_rows(tmp_path / "dask") == dataset_rows(tmp_path / "local")


def test_a_document_over_its_time_limit_fails_and_the_batch_goes_on(tmp_path: Path) -> None:
    docs = corpus(tmp_path)
    summary = run_batch(
        [str(docs / "huaian-city-2024.pdf"), str(docs / "quangang-2025.txt")],
        tmp_path / "data",
        RunOptions(workers=1, timeout=0.001, progress=False),
    )
    assert summary.failed == 2
    assert all("timed out after 0.001 s" in reason for _, reason in summary.failures)
    reports = pq.read_table(tmp_path / "data" / "reports").to_pylist()
    assert {r["status"] for r in reports} == {"failed"}


def test_a_document_over_its_memory_ceiling_fails_clearly_and_the_next_one_is_read(
    tmp_path: Path,
) -> None:
    huge = tmp_path / "huge.txt"
    line = "本机关全年主动公开政府信息1202条，其中规章0件。\n".encode()
    with huge.open("wb") as handle:
        for _ in range(400):
            handle.write(line * 4000)
    summary = run_batch(
        [str(huge), str(real_doc("quangang-2025.txt"))],
        tmp_path / "data",
        RunOptions(workers=1, memory_mb=256, progress=False),
    )
    assert summary.failed == 1
    source, reason = summary.failures[0]
    assert source.endswith("huge.txt")
    assert any(
        words in reason for words in ("memory ceiling of 256 MB", "out of memory", "died")
    ), reason
    assert summary.by_status["partial"] == 1


def test_two_runs_into_one_directory_are_refused(tmp_path: Path) -> None:
    from reportextract.dataset import DatasetWriter
    from reportextract.errors import DatasetError

    with DatasetWriter(tmp_path / "data"), pytest.raises(DatasetError):
        run_batch(
            [str(CORPUS / "samples" / "synth-276-00001.txt")],
            tmp_path / "data",
            RunOptions(workers=1, progress=False),
        )


def test_workers_that_cannot_start_stop_the_run_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportextract import batch

    def broken_init(inherited: tuple[int, ...] = ()) -> None:
        os._exit(3)

    monkeypatch.setattr(batch, "worker_init", broken_init)
    with pytest.raises(batch.WorkerStartError):
        run_batch(  # two documents: one runs without a pool
            [str(CORPUS / "samples" / "synth-276-00001.txt"), str(real_doc("quangang-2025.txt"))],
            tmp_path / "data",
            RunOptions(workers=1, progress=False),
        )


def test_one_document_runs_without_a_pool_and_still_isolated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportextract import batch, runner

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool of workers was started for one document")

    monkeypatch.setattr(runner, "local_executor", no_pool)
    monkeypatch.setattr(batch, "local_executor", no_pool)
    pdf = str(real_doc("huaian-city-2024.pdf"))
    late = run_batch([pdf], tmp_path / "late", RunOptions(timeout=0.001, progress=False))
    assert late.failed == 1 and "timed out after 0.001 s" in late.failures[0][1]
    assert {r["status"] for r in pq.read_table(tmp_path / "late" / "reports").to_pylist()} == {
        "failed"
    }
    summary = run_batch([pdf], tmp_path / "data", RunOptions(progress=False))
    assert summary.processed == 1 and summary.by_status["ok"] == 1 and summary.cells > 150
    assert summary.peak_rss_mb > 0  # measured in the child that read it
    assert summary.bodies is not None and summary.bodies.bodies == 1


@pytest.mark.parametrize("count", [1, 2])
def test_a_failure_of_the_work_done_while_documents_are_read_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """The dataset steps load in a thread while the documents are read: its error is the
    run's error (not lost in the thread), and the documents read are still written."""
    from reportextract import runner

    def broken() -> None:
        raise RuntimeError("cannot load the dataset steps")

    monkeypatch.setattr(runner, "prepare_dataset_steps", broken)
    docs = [real_doc("quangang-2025.txt"), real_doc("huaian-hongze-2024.pdf")][:count]
    with pytest.raises(RuntimeError, match="cannot load the dataset steps"):
        run_batch([str(d) for d in docs], tmp_path / "data", RunOptions(progress=False))
    assert len(pq.read_table(tmp_path / "data" / "reports").to_pylist()) == count


@pytest.mark.parametrize("count", [1, 2])
def test_the_work_done_while_documents_are_read_yields_only_to_one_documents_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """For one document the dataset steps load at the lowest priority (its report first);
    for a batch at the run's own, so that its end never waits on a thread that a busy
    machine does not schedule."""
    import threading

    from reportextract import runner

    prepare, priorities = runner.prepare_dataset_steps, []

    def recorded() -> None:
        priorities.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        prepare()

    monkeypatch.setattr(runner, "prepare_dataset_steps", recorded)
    docs = [real_doc("quangang-2025.txt"), real_doc("huaian-hongze-2024.pdf")][:count]
    run_batch([str(d) for d in docs], tmp_path / "data", RunOptions(progress=False))
    own = os.getpriority(os.PRIO_PROCESS, 0)
    assert priorities == [19 if count == 1 else own]


@pytest.mark.parametrize("count", [1, 2])
def test_a_run_collects_no_garbage_while_it_warms_up_and_as_usual_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """Garbage collection waits while a run's process imports and warms up (collections
    that free next to nothing), and is back before any process is forked and after the run,
    whatever happens."""
    import gc

    from reportextract import batch, isolation

    seen: dict[str, bool] = {}
    warm_up, fork = batch.warm_up, isolation.os.fork

    def warming(*args: object, **kwargs: object) -> None:
        seen["warm-up"] = gc.isenabled()
        warm_up(*args, **kwargs)  # type: ignore[arg-type]

    def forking() -> int:
        seen.setdefault("fork", gc.isenabled())
        return fork()

    monkeypatch.setattr(batch, "_warmed", False)
    monkeypatch.setattr(batch, "warm_up", warming)
    monkeypatch.setattr(isolation.os, "fork", forking)
    docs = [real_doc("quangang-2025.txt"), real_doc("huaian-hongze-2024.pdf")][:count]
    assert gc.isenabled()
    summary = run_batch([str(d) for d in docs], tmp_path / "data", RunOptions(progress=False))
    assert summary.processed == count and summary.failed == 0
    assert gc.isenabled()
    assert seen == {"warm-up": False, "fork": True} if count == 1 else seen["warm-up"] is False

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("warm-up failed")

    monkeypatch.setattr(batch, "warm_up", broken)
    monkeypatch.setattr(batch, "_warmed", False)
    with pytest.raises(RuntimeError, match="warm-up failed"):
        run_batch([str(d) for d in docs], tmp_path / "again", RunOptions(progress=False))
    assert gc.isenabled()
