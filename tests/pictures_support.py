"""Pictures for the tests of tables printed as pictures: ones that are not tables (a QR
code, a photo, a seal, a logo, a chart), a table's picture, and a real text page that
shows any of them in its empty lower half."""

from __future__ import annotations

import io
import math

import numpy as np
import pypdfium2 as pdfium
import segno
from PIL import Image, ImageDraw

from conftest import real_doc
from reportextract.synth.pictures import place_picture, render_region

DPI = 200
# The last page of the real 淮安市 2024 report prints text down to 442 pt, then nothing
# until its page number: pictures go there.
PAGE_SOURCE = "huaian-city-2024.pdf"
PAGE_INDEX = 5
FREE_TOP = 470.0


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()


def _points(pt: float) -> int:
    return round(pt * DPI / 72)


def qr_code() -> bytes:
    """A QR code of a site's address, 180 pt wide (bigger than the size filter's limit)."""
    out = io.BytesIO()
    segno.make("https://www.huaian.gov.cn/zwgk/zfxxgknb/index.html", error="m").save(
        out, kind="png", scale=_points(180) // 33, border=2
    )
    return out.getvalue()


def photo() -> bytes:
    """A colourful natural-looking picture: smooth colour fields with texture and noise."""
    rng = np.random.default_rng(7)
    h, w = _points(150), _points(220)
    y, x = np.mgrid[0:h, 0:w] / max(h, w)
    channels = []
    for phase in rng.uniform(0, 2 * math.pi, 3):
        field = 0.5 + 0.5 * np.sin(6 * x + phase) * np.cos(4 * y - phase)
        channels.append(field * 200 + rng.normal(0, 18, (h, w)) + 30)
    return _png(Image.fromarray(np.clip(np.dstack(channels), 0, 255).astype(np.uint8), "RGB"))


def seal() -> bytes:
    """An office's red seal: a ring, a star and an arc of characters, 160 pt across."""
    side = _points(160)
    image = Image.new("RGB", (side, side), "white")
    draw = ImageDraw.Draw(image)
    red = (215, 30, 35)
    pad = side // 20
    draw.ellipse((pad, pad, side - pad, side - pad), outline=red, width=side // 30)
    c, r = side / 2, side / 7
    star = [
        (c + (r if k % 2 == 0 else r / 2.5) * math.sin(k * math.pi / 5),
         c - (r if k % 2 == 0 else r / 2.5) * math.cos(k * math.pi / 5))
        for k in range(10)
    ]  # fmt: skip
    draw.polygon(star, fill=red)
    for k in range(12):
        angle = math.radians(200 + k * 12)
        x, y = c + side * 0.34 * math.cos(angle), c + side * 0.34 * math.sin(angle)
        draw.rectangle((x - side / 40, y - side / 40, x + side / 40, y + side / 40), fill=red)
    return _png(image)


def logo() -> bytes:
    """A coloured emblem beside a name in large type, 200 × 50 pt."""
    image = Image.new("RGB", (_points(200), _points(50)), "white")
    draw = ImageDraw.Draw(image)
    h = image.height
    draw.ellipse((4, 4, h - 4, h - 4), fill=(200, 20, 30))
    for k in range(6):
        x0 = h + 10 + k * (h * 0.8)
        draw.rectangle((x0, h * 0.25, x0 + h * 0.6, h * 0.75), outline=(20, 60, 160), width=6)
    return _png(image)


def chart() -> bytes:
    """A bar chart in a frame with horizontal grid lines (rules, but no table)."""
    image = Image.new("RGB", (_points(300), _points(160)), "white")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    draw.rectangle((20, 10, w - 10, h - 30), outline="black", width=2)
    for k in range(1, 5):
        y = 10 + k * (h - 40) / 5
        draw.line((20, y, w - 10, y), fill=(150, 150, 150), width=1)
    for k, value in enumerate((0.8, 0.55, 0.3, 0.65, 0.9)):
        x0 = 50 + k * (w - 80) / 5
        draw.rectangle((x0, h - 30 - value * (h - 40), x0 + 40, h - 30), fill=(60, 110, 190))
    return _png(image)


def non_table_pictures() -> dict[str, bytes]:
    return {"qr": qr_code(), "photo": photo(), "seal": seal(), "logo": logo(), "chart": chart()}


def table_picture_png() -> bytes:
    """表四 of the real 淮安市 2024 report as a 200-dpi picture of itself."""
    pdf = pdfium.PdfDocument(real_doc(PAGE_SOURCE).read_bytes())
    try:
        page = pdf[4]
        try:
            return _png(render_region(page, (68.0, 501.0, 525.0, 693.0), DPI))
        finally:
            page.close()
    finally:
        pdf.close()


def pdf_with_pictures(pictures: dict[str, bytes]) -> bytes:
    """The real report's last page (text in its upper half) with the pictures placed one
    under another in its empty lower half, each at 200 dpi."""
    source = pdfium.PdfDocument(real_doc(PAGE_SOURCE).read_bytes())
    document = pdfium.PdfDocument.new()
    try:
        document.import_pages(source, [PAGE_INDEX])
        page = document[0]
        top = FREE_TOP
        for png in pictures.values():
            picture = Image.open(io.BytesIO(png)).convert("RGB")
            width_pt, height_pt = picture.width * 72 / DPI, picture.height * 72 / DPI
            scale = min(1.0, 450 / width_pt, (790 - top) / height_pt)
            width_pt, height_pt = width_pt * scale, height_pt * scale
            place_picture(document, page, picture, (72, top, 72 + width_pt, top + height_pt))
            top += height_pt + 6
        page.gen_content()
        page.close()
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    finally:
        document.close()
        source.close()
