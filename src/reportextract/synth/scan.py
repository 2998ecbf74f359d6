"""Scanned copies: PDF pages rasterised, degraded like a scan, re-wrapped as a PDF without text.

Each page is rendered with pypdfium2 at 150–200 dpi in grayscale, rotated by less than
one degree, given a paper tone, a little sensor noise and dust, and stored as a JPEG
image in a new PDF (Pillow), so that the document has no text layer at all.
"""

from __future__ import annotations

import datetime as dt
import io
import random

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

SCANNERS = (
    "Canon iR-ADV C5535",
    "KONICA MINOLTA bizhub C458",
    "RICOH IM C3000",
    "HP LaserJet MFP M437",
    "",
)


def _degrade(image: Image.Image, rng: random.Random, noise: np.random.Generator) -> Image.Image:
    angle = rng.uniform(-1.0, 1.0)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if rng.random() < 0.5:
        image = image.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.3, 0.7)))
    pixels = np.asarray(image, dtype=np.float32)
    paper = rng.uniform(232, 250)
    ink = rng.uniform(0, 35)
    pixels = ink + pixels * (paper - ink) / 255.0
    pixels += noise.normal(0.0, rng.uniform(1.0, 3.0), pixels.shape)
    dust = noise.random(pixels.shape) < rng.uniform(0.00005, 0.0003)
    pixels[dust] = noise.uniform(40, 140, int(dust.sum()))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def scan_pdf(pdf: bytes, rng: random.Random, stamp: dt.datetime) -> tuple[bytes, list[str]]:
    """A scanned copy of `pdf` (no text layer), and a note describing it."""
    dpi = rng.choice((150, 150, 150, 175, 200))
    quality = rng.randint(20, 40)
    noise = np.random.default_rng(rng.getrandbits(64))
    document = pdfium.PdfDocument(pdf)
    pages: list[Image.Image] = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            pages.append(_degrade(bitmap.to_pil().convert("L"), rng, noise))
            page.close()
    finally:
        document.close()
    out = io.BytesIO()
    moment = (stamp + dt.timedelta(days=rng.randint(0, 3), minutes=rng.randint(0, 600))).timetuple()
    scanner = rng.choice(SCANNERS)
    pages[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=float(dpi),
        quality=quality,
        optimize=True,
        title="",
        creator=scanner,
        producer=scanner,
        creationDate=moment,
        modDate=moment,
    )
    note = f"Scanned copy: {dpi} dpi grayscale JPEG (quality {quality}), rotated within ±1°, no text layer."
    return out.getvalue(), [note]
