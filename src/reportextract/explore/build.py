"""A dataset to explore: built from inputs with the batch runner unless it is already there."""

from __future__ import annotations

import errno
from collections.abc import Sequence
from pathlib import Path

from ..dataset.datapackage import DATAPACKAGE
from ..dataset.writer import part_files


def has_dataset(data: Path) -> bool:
    return (data / DATAPACKAGE).is_file() and bool(part_files(data, "reports"))


def ensure_dataset(
    data: str | Path, inputs: Sequence[str | Path], *, workers: int | None = None
) -> Path:
    """``data``, after running ``reportextract run INPUTS --out data`` if it holds no dataset yet.

    Unlike ``run``, which records a path that names nothing as a failed document, an input
    that is not there raises FileNotFoundError: there would be nothing to explore.
    """
    from ..runner import RunOptions, run_batch

    data = Path(data)
    for given in inputs:
        if not Path(given).exists() and not any(ch in str(given) for ch in "*?["):
            raise FileNotFoundError(errno.ENOENT, "no such file or directory", str(given))
    if not has_dataset(data):
        run_batch([str(i) for i in inputs], data, RunOptions(workers=workers, progress=False))
    return data
