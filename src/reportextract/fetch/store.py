"""The corpus on disk: content-addressed raw bytes, written so that nothing partial is visible.

Layout under the corpus root::

    sha256/ab/<sha256>.<ext>        documents (report pages and attachments)
    .fetch/pages/ab/<sha256>.<ext>  list pages, kept for conditional re-fetching
    .fetch/tmp/                     downloads in progress (cleared at the start of a run)
    manifest.csv                    where every file came from (see `manifest`)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..atomic import fsync_directory
from .errors import FetchError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, runs are not guarded
    fcntl = None  # type: ignore[assignment]

DOCUMENTS = "sha256"
PAGES = ".fetch/pages"
_TMP = ".fetch/tmp"


class PendingFile:
    """A download being written: hashes and counts as it goes; `CorpusStore.commit` publishes it."""

    def __init__(self, path: Path, stream: BinaryIO) -> None:
        self.path = path
        self._stream = stream
        self._hash = hashlib.sha256()
        self.size = 0
        self.head = b""

    def write(self, chunk: bytes) -> None:
        if len(self.head) < 4096:
            self.head += chunk[: 4096 - len(self.head)]
        self._stream.write(chunk)
        self._hash.update(chunk)
        self.size += len(chunk)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def close(self) -> None:
        if not self._stream.closed:
            self._stream.flush()
            os.fsync(self._stream.fileno())
            self._stream.close()

    def discard(self) -> None:
        self._stream.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


class CorpusStore:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def prepare(self) -> None:
        """Create the corpus directory and drop downloads an interrupted run left behind."""
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / _TMP
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the corpus for one fetch run; a second concurrent run on it is refused."""
        lock_path = self.root / ".fetch" / "lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a+b") as handle:
            if fcntl is not None:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise FetchError(f"{self.root} is being fetched by another process") from None
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def pending(self) -> PendingFile:
        tmp = self.root / _TMP
        tmp.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=tmp, suffix=".part")
        return PendingFile(Path(name), os.fdopen(fd, "wb"))

    def commit(self, pending: PendingFile, extension: str, *, area: str = DOCUMENTS) -> str:
        """Move a finished download to its content address; return the path relative to the root."""
        pending.close()
        relative = self.relative_path(pending.sha256, extension, area=area)
        target = self.root / relative
        if target.exists() and target.stat().st_size == pending.size:
            pending.discard()
            return relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(pending.path, target)
        fsync_directory(target.parent)
        return relative

    @staticmethod
    def relative_path(sha256: str, extension: str, *, area: str = DOCUMENTS) -> str:
        suffix = f".{extension}" if extension else ""
        return f"{area}/{sha256[:2]}/{sha256}{suffix}"

    def holds(self, relative: str | None, sha256: str | None) -> bool:
        """Whether the file recorded at ``relative`` is present (its name carries its hash)."""
        return bool(relative and sha256 and sha256 in relative and (self.root / relative).is_file())

    def read(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()
