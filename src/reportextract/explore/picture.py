"""A cell read from a picture file (a web page's or Word file's table picture), drawn on it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image

from ..errors import DAMAGED_ZIP
from ..readers.pictures import PictureFiles
from ..readers.pictures.files import MAX_PICTURE_BYTES
from .source import is_url

MAX_SIDE = 1400  # pixels the picture is drawn at, at most


def picture_bytes(document: Path, report: dict[str, Any], name: str) -> bytes | None:
    """The picture ``name`` of the document: a part of a Word file, or a web page's image
    beside it (the name as the page gave it)."""
    if report.get("format") == "docx":
        try:
            with zipfile.ZipFile(document) as package:
                info = package.getinfo(name)
                if info.file_size > MAX_PICTURE_BYTES:
                    return None
                return package.read(info)
        except (KeyError, *DAMAGED_ZIP):
            return None
    source = str(report.get("source") or "")
    files = PictureFiles(document.parent, source if is_url(source) else None)
    return files.load(name)


def picture_image(
    document: Path, report: dict[str, Any], name: str
) -> tuple[Image.Image, float] | None:
    """The picture as an RGB image scaled to be drawn, and the scale from its pixels."""
    data = picture_bytes(document, report, name)
    if data is None:
        return None
    try:
        image = Image.open(io.BytesIO(data)).convert("RGB")
    except (OSError, ValueError):
        return None
    scale = min(1.0, MAX_SIDE / max(image.size))
    if scale < 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    return image, scale
