"""DOCX → PDF with LibreOffice headless, many files per call, as offices export their reports.

Each call uses a private LibreOffice profile (so it neither disturbs nor waits for
another soffice), runs with a timeout, and is killed with its process group when the
timeout passes; the files of a failed batch are retried one by one. The only
run-dependent bytes of LibreOffice's output (creation date, document ID, checksum) are
replaced by values derived from the report, so that a report gives the same PDF on
every run with the same LibreOffice version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import MissingDependency

SECONDS_PER_DOCUMENT = 20
STARTUP_SECONDS = 60


class ConversionError(RuntimeError):
    """LibreOffice did not produce a PDF for a document."""


def soffice_path() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        raise MissingDependency(
            "LibreOffice (soffice) is needed to convert DOCX to PDF but is not installed"
        )
    return path


def _run_batch(soffice: str, files: Sequence[Path], out_dir: Path, profile: Path) -> None:
    command = [
        soffice,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *map(str, files),
    ]
    timeout = STARTUP_SECONDS + SECONDS_PER_DOCUMENT * len(files)
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def convert_docx_to_pdf(
    files: Sequence[Path], out_dir: Path, batch_size: int = 40, profile: Path | None = None
) -> dict[Path, Path]:
    """Convert DOCX files to PDFs in `out_dir`; returns {docx: pdf}. Raises ConversionError on failure.

    `profile` is the LibreOffice user profile directory to use (created on first use and
    worth reusing across calls); by default a temporary one.
    """
    soffice = soffice_path()
    out_dir.mkdir(parents=True, exist_ok=True)
    if profile is None:
        with tempfile.TemporaryDirectory(prefix="reportextract-lo-") as profile_dir:
            return convert_docx_to_pdf(files, out_dir, batch_size, Path(profile_dir))
    done: dict[Path, Path] = {}
    for start in range(0, len(files), batch_size):
        batch = list(files[start : start + batch_size])
        _run_batch(soffice, batch, out_dir, profile)
        for docx in batch:
            pdf = out_dir / (docx.stem + ".pdf")
            if not pdf.exists() or pdf.stat().st_size == 0:
                _run_batch(soffice, [docx], out_dir, profile)
            if not pdf.exists() or pdf.stat().st_size == 0:
                raise ConversionError(f"LibreOffice produced no PDF for {docx.name}")
            done[docx] = pdf
    return done


_CREATION = re.compile(rb"/CreationDate\(D:(\d{14})")
_ID = re.compile(rb"/ID \[ <([0-9A-F]{32})>\s*<([0-9A-F]{32})> \]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-F]{32})")


def stabilize_pdf(data: bytes, stamp: dt.datetime, key: str) -> bytes:
    """Replace LibreOffice's run-dependent bytes in place (same lengths, so offsets stay valid)."""
    date = stamp.strftime("%Y%m%d%H%M%S").encode()
    data = _CREATION.sub(lambda m: m.group(0)[: -len(m.group(1))] + date, data)
    digest = hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest().upper().encode()
    data = _ID.sub(
        lambda m: m.group(0).replace(m.group(1), digest).replace(m.group(2), digest), data
    )
    checksum = (
        hashlib.md5(_CHECKSUM.sub(b"", data), usedforsecurity=False).hexdigest().upper().encode()
    )
    return _CHECKSUM.sub(b"/DocChecksum /" + checksum, data)
