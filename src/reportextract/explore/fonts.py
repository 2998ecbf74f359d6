"""A font that has Chinese glyphs, for matplotlib charts and Pillow images, if one is installed."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

from PIL import ImageFont

log = logging.getLogger(__name__)

# Preferred families, simplified Chinese first; any CJK font beats none.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK JP",
)


@dataclass(frozen=True, slots=True)
class FontFile:
    family: str
    path: str
    index: int


@cache
def cjk_font() -> FontFile | None:
    """The installed CJK font to use (regular weight preferred), or None."""
    from matplotlib import font_manager

    entries = font_manager.fontManager.ttflist
    for family in CJK_FAMILIES:
        candidates = [e for e in entries if e.name == family]
        if candidates:
            best = min(
                candidates, key=lambda e: (abs(_weight(e.weight) - 400), e.style != "normal")
            )
            return FontFile(best.name, best.fname, int(getattr(best, "index", 0) or 0))
    log.warning("no CJK font found (install fonts-noto-cjk): Chinese text shows as boxes")
    return None


def _weight(weight: Any) -> int:
    if isinstance(weight, int):
        return weight
    named = {"normal": 400, "regular": 400, "book": 400, "medium": 500, "bold": 700}
    return named.get(str(weight).lower(), 400)


def matplotlib_rc() -> dict[Any, Any]:
    """rcParams for ``matplotlib.rc_context``: the CJK family first, ASCII minus signs."""
    font = cjk_font()
    rc: dict[Any, Any] = {"axes.unicode_minus": False}
    if font is not None:
        from matplotlib import rcParams

        rc["font.family"] = "sans-serif"
        rc["font.sans-serif"] = [font.family, *rcParams["font.sans-serif"]]
    return rc


def pillow_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    font = cjk_font()
    if font is not None:
        try:
            return ImageFont.truetype(font.path, size, index=font.index)
        except OSError as exc:
            log.warning("cannot load %s: %s", font.path, exc)
    return ImageFont.load_default(size)
