"""A dataset to explore: built from inputs with the batch runner unless it is already there."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..dataset.datapackage import DATAPACKAGE
from ..dataset.writer import part_files


def has_dataset(data: Path) -> bool:
    return (data / DATAPACKAGE).is_file() and bool(part_files(data, "reports"))


def ensure_dataset(
    data: str | Path, inputs: Sequence[str | Path], *, workers: int | None = None
) -> Path:
    """``data``, after running ``reportextract run INPUTS --out data`` if it holds no dataset yet."""
    from ..runner import RunOptions, run_batch

    data = Path(data)
    if not has_dataset(data):
        run_batch([str(i) for i in inputs], data, RunOptions(workers=workers, progress=False))
    return data
