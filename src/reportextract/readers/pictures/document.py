"""The pictures of a document without pages (a Word file, a web page), read one by one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import ConfigurationError, MissingDependency
from ...layout import Grid, TextBlock
from .files import PictureError

if TYPE_CHECKING:
    from .read import PictureReader


class DocumentPictures:
    """Reads a document's pictures as they come, numbering those that are tables; the
    OCR models are loaded at the first picture. ``unread``: pictures that could not be
    read, and why."""

    def __init__(self) -> None:
        self.unread: list[str] = []
        self.tables = 0
        self._reader: PictureReader | None = None
        self._missing: str | None = None

    def read(self, data: bytes, name: str, shown_inches: float | None) -> list[TextBlock | Grid]:
        reader = self._get()
        if reader is None:
            self.unread.append(f"picture {name} was not read: {self._missing}")
            return []
        try:
            items = reader.in_file(data, name, shown_inches, self.tables + 1)
        except PictureError as error:
            self.unread.append(f"picture {name}: {error}")
            return []
        if not items:
            return []
        self.tables += 1
        return items

    def _get(self) -> PictureReader | None:
        if self._reader is None and self._missing is None:
            try:
                from .read import PictureReader

                self._reader = PictureReader()
            except (ImportError, MissingDependency, ConfigurationError) as error:
                from ..ocr.extra import INSTALL_HINT

                self._missing = (
                    str(error)
                    if isinstance(error, (MissingDependency, ConfigurationError))
                    else f"OCR needs {INSTALL_HINT}"
                )
        return self._reader
