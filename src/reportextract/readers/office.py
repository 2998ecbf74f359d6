"""Converting legacy office files (.doc, .wps) with LibreOffice in headless mode.

Each conversion runs in its own temporary directory with its own LibreOffice profile
(``-env:UserInstallation``), so conversions can run in parallel and never touch the
user's profile; the whole process group is killed on timeout and the directory removed.
Set ``REPORTEXTRACT_SOFFICE`` to the soffice binary when it is not on PATH.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from reportextract.errors import CorruptDocument, DocumentError, MissingDependency

_FILTERS = {
    "docx": "docx:MS Word 2007 XML",
    "doc": "doc:MS Word 97",
    "pdf": "pdf:writer_pdf_Export",
}
_SUFFIX_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What a file of each suffix must start with; LibreOffice would otherwise import
# anything (a truncated download, an error page) as plain text without complaint.
_MAGIC = {
    "doc": (_OLE_MAGIC, b"{\\rtf"),
    "dot": (_OLE_MAGIC, b"{\\rtf"),
    "wps": (_OLE_MAGIC,),
    "wpt": (_OLE_MAGIC,),
    "docx": (b"PK\x03\x04",),
}


def find_soffice() -> str | None:
    """The LibreOffice binary: $REPORTEXTRACT_SOFFICE, else soffice or libreoffice on PATH."""
    configured = os.environ.get("REPORTEXTRACT_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(
    data: bytes, suffix: str, *, target: str = "docx", timeout: float = 120
) -> bytes:
    """Convert an office document (``suffix`` like ``'.doc'``) to ``target`` ('docx', 'doc' or 'pdf').

    Raises `MissingDependency` when LibreOffice is not installed, `DocumentError` when the
    conversion times out or produces nothing.
    """
    if target not in _FILTERS:
        raise ValueError(f"unsupported conversion target {target!r}")
    clean_suffix = suffix.lower().lstrip(".")
    if not clean_suffix or not set(clean_suffix) <= _SUFFIX_CHARS:
        clean_suffix = "doc"
    if not data:
        raise CorruptDocument(f"empty .{clean_suffix} file")
    magic = _MAGIC.get(clean_suffix)
    if magic and not data.startswith(magic):
        raise CorruptDocument(f"not a .{clean_suffix} file (unexpected leading bytes)")
    binary = find_soffice()
    if binary is None:
        raise MissingDependency(
            "LibreOffice (soffice) is needed to read .doc/.wps files but is not installed"
        )
    with tempfile.TemporaryDirectory(prefix="reportextract-soffice-") as work:
        folder = Path(work)
        source = folder / f"input.{clean_suffix}"
        source.write_bytes(data)
        outdir = folder / "out"
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            _FILTERS[target],
            "--outdir",
            str(outdir),
            str(source),
        ]
        stderr = _run(command, timeout, cwd=folder)
        produced = outdir / f"input.{target}"
        if not produced.is_file() or produced.stat().st_size == 0:
            reason = stderr.strip().splitlines()[-1] if stderr.strip() else "no output"
            raise CorruptDocument(
                f"LibreOffice could not convert the .{clean_suffix} file: {reason}"
            )
        return produced.read_bytes()


def _run(command: list[str], timeout: float, cwd: Path) -> str:
    """Run soffice in its own process group; kill the whole group on timeout."""
    env = dict(os.environ, HOME=str(cwd), SAL_USE_VCLPLUGIN="svp")
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        _kill_group(process)
        raise DocumentError(f"LibreOffice conversion timed out after {timeout:g} s") from error
    except BaseException:
        _kill_group(process)
        raise
    return stderr.decode("utf-8", errors="replace")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
