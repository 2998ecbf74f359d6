"""Whether a picture is a table, told before any text is recognised.

Two looks, cheapest first. On a thumbnail: a table printed as a picture is mostly
paper-white with little strong colour (a photo is neither; a seal or a coloured logo
is coloured ink). At the working resolution: its ruling lines form a table of several
cells, found exactly as the scans' reader finds them (`readers.ocr.rules`), so that a
picture passed here is one that path can read. A QR code's modules and a seal's ring
make no such lattice.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..ocr.preprocess import ink_masks, to_gray
from ..ocr.rules import find_rules, table_cells

THUMBNAIL_SIDE = 160
MIN_PAPER_SHARE = 0.55  # of the thumbnail's pixels, near white
MAX_COLOUR_SHARE = 0.25  # of its pixels, strongly coloured
MIN_TABLE_CELLS = 4
MIN_COLUMNS = 2
MIN_ROWS = 2


def looks_like_print(image: np.ndarray) -> bool:
    """Mostly light paper with dark or pale print, not a photo or a coloured mark."""
    h, w = image.shape[:2]
    scale = min(1.0, THUMBNAIL_SIDE / max(h, w))
    small = cv2.resize(
        np.ascontiguousarray(image),
        (max(1, round(w * scale)), max(1, round(h * scale))),
        interpolation=cv2.INTER_AREA,
    )
    if small.ndim == 3 and small.shape[2] >= 3:
        rgb = small[:, :, :3].astype(np.int16)
        colour = rgb.max(axis=2) - rgb.min(axis=2)
        if float(np.mean(colour > 80)) > MAX_COLOUR_SHARE:
            return False
        gray = rgb.mean(axis=2)
    else:
        gray = small.astype(np.int16)
    return float(np.mean(gray > 200)) >= MIN_PAPER_SHARE


def ruled_table_found(image: np.ndarray, dpi: float) -> bool:
    """Whether the picture's rules form a table: four cells or more, in two columns or more and
    two rows or more (a chart's frame with grid lines is one column of bands)."""
    ink, faint = ink_masks(to_gray(image), dpi)
    for cells in table_cells(find_rules(faint, ink, dpi).edges):
        columns = {round(cell[0]) for cell in cells}
        rows = {round(cell[1]) for cell in cells}
        if len(cells) >= MIN_TABLE_CELLS and len(columns) >= MIN_COLUMNS and len(rows) >= MIN_ROWS:
            return True
    return False


def is_table_picture(image: np.ndarray, dpi: float) -> bool:
    return looks_like_print(image) and ruled_table_found(image, dpi)
