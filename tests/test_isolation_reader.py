"""A worker's reader child: documents one after another in one forked process, each under
its own limits, and a new child after any document that fails, crashes or overruns."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from conftest import real_doc
from reportextract import pipeline
from reportextract.isolation import Reader, extract_isolated
from reportextract.model import Report

_kept: list[bytearray] = []  # what a document leaves behind in its child


def _child_pid(reader: Reader) -> int:
    running = reader._running
    assert running is not None
    return running.pid


def test_one_child_reads_a_workers_documents_and_reads_them_as_a_child_each_does() -> None:
    docs = [str(real_doc(n)) for n in ("huaian-hongze-2024.pdf", "quangang-2025.txt")]
    reader = Reader()
    try:
        pids, outcomes = [], []
        for doc in [*docs, *docs]:
            outcomes.append(reader.read(doc, doc, 60, 2048))
            pids.append(_child_pid(reader))
    finally:
        reader.close()
    assert len(set(pids)) == 1 and pids[0] != os.getpid()
    for doc, outcome in zip([*docs, *docs], outcomes, strict=True):
        alone = extract_isolated(doc, doc, 60, 2048)
        assert outcome.reason is None and outcome.report is not None and alone.report is not None
        assert outcome.report.cells == alone.report.cells
        assert outcome.report.figures == alone.report.figures
        assert outcome.report.checks == alone.report.checks


def _fake_extract(path: str, source: str | None = None, **_: object) -> Report:
    name = Path(path).name
    if name.startswith("hold-"):  # keeps this many MB in its child
        _kept.append(bytearray(int(name.split("-")[1]) * 1024 * 1024))
    elif name == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    elif name == "slow":
        while True:
            pass
    return Report(source=source or path, sha256="0" * 64, format="txt", report_id="0" * 16)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract", _fake_extract)


@pytest.mark.usefixtures("fake")
def test_each_document_gets_its_ceiling_above_what_its_child_holds() -> None:
    reader = Reader()
    try:
        # 3 x 160 MB kept in one child under a 256 MB ceiling: each within its own
        outcomes = [reader.read("hold-160", "hold-160", 30, 256) for _ in range(3)]
        assert [o.reason for o in outcomes] == [None, None, None]
        pid = _child_pid(reader)
        over = reader.read("hold-400", "hold-400", 30, 256)
        assert over.reason is not None and "memory ceiling of 256 MB" in over.reason
        after = reader.read("plain", "plain", 30, 256)
        assert after.reason is None and _child_pid(reader) != pid
    finally:
        reader.close()


@pytest.mark.usefixtures("fake")
@pytest.mark.parametrize(
    ("name", "timeout", "reason"),
    [("crash", 30, "died (SIGKILL)"), ("slow", 0.5, "timed out after 0.5 s")],
)
def test_a_document_that_kills_or_outruns_its_child_fails_alone(
    name: str, timeout: float, reason: str
) -> None:
    reader = Reader()
    try:
        assert reader.read("plain", "plain", 30, 256).reason is None
        pid = _child_pid(reader)
        failed = reader.read(name, name, timeout, 256)
        assert failed.report is None and failed.reason is not None and reason in failed.reason
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # killed and reaped
        assert reader.read("plain", "plain", 30, 256).reason is None
        assert _child_pid(reader) != pid
    finally:
        reader.close()


@pytest.mark.usefixtures("fake")
def test_a_child_killed_while_it_waits_is_replaced_before_the_next_document() -> None:
    reader = Reader()
    try:
        assert reader.read("plain", "plain", 30, 256).reason is None
        pid = _child_pid(reader)
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
        assert reader.read("plain", "plain", 30, 256).reason is None
        assert _child_pid(reader) != pid
    finally:
        reader.close()
