"""Page images before OCR: grayscale without coloured stamps, ink mask, small rotations undone."""

from __future__ import annotations

import cv2
import numpy as np

MAX_SKEW_DEGREES = 3.0
_SKEW_WIDTH = 800


def components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """8-connected components of a binary mask: (count, labels, stats) as OpenCV gives them.

    16-bit labels take less than half the time of the default 32-bit ones; a mask with more
    components than 16 bits can number (OpenCV refuses it) is labelled again with 32 bits.
    """
    try:
        count, labels, stats, _ = cv2.connectedComponentsWithStatsWithAlgorithm(
            mask, 8, cv2.CV_16U, cv2.CCL_SPAGHETTI
        )
    except cv2.error:
        count, labels, stats, _ = cv2.connectedComponentsWithStatsWithAlgorithm(
            mask, 8, cv2.CV_32S, cv2.CCL_SPAGHETTI
        )
    return count, labels, stats


def to_gray(image: np.ndarray) -> np.ndarray:
    """Grayscale where coloured ink (a red seal, a blue stamp) is light and black print stays dark.

    The brightest channel of a red or blue mark is high, of black or gray print low.
    """
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        image = image[:, :, :3]
    if image.shape[2] == 1:
        return np.ascontiguousarray(image[:, :, 0])
    channels = cv2.split(np.ascontiguousarray(image, dtype=np.uint8))
    return np.asarray(cv2.max(cv2.max(channels[0], channels[1]), channels[2]))


def ink_masks(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Binary masks (255 = ink) of pixels darker than their local background: print, and
    faint marks (hairline rules thinned by a low-resolution scan) as well.

    The background is the brightest value around each pixel (wider than any stroke), so
    print on a shaded table row or an unevenly lit scan counts as ink while the shading
    and the scanner's noise do not.
    """
    size = max(3, round(dpi / 72 * 6)) | 1
    background = cv2.blur(cv2.dilate(gray, np.ones((size, size), np.uint8)), (size, size))
    contrast = cv2.subtract(background, cv2.GaussianBlur(gray, (3, 3), 0))
    # ink: contrast above max(32, 22% of the background); faint: above max(20, 12%)
    ink_limit = np.maximum(cv2.convertScaleAbs(background, alpha=0.22), np.uint8(32))
    faint_limit = np.maximum(cv2.convertScaleAbs(background, alpha=0.12), np.uint8(20))
    ink = cv2.compare(contrast, ink_limit, cv2.CMP_GT)
    faint = cv2.compare(contrast, faint_limit, cv2.CMP_GT)
    # Isolated specks of scanner noise are smaller than any stroke of print.
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)), faint


def estimate_skew(mask: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise positive) that makes text rows and rules horizontal.

    Rows of print give the sharpest horizontal projection profile when level; the angle
    is searched coarse to fine on a reduced copy of the ink mask.
    """
    h, w = mask.shape
    scale = min(1.0, _SKEW_WIDTH / w)
    small = cv2.resize(
        mask, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA
    )
    centre = (small.shape[1] / 2, small.shape[0] / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(
            small, matrix, (small.shape[1], small.shape[0]), flags=cv2.INTER_NEAREST
        )
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = 0.0
    for step, span in ((0.5, MAX_SKEW_DEGREES), (0.1, 0.5), (0.02, 0.1)):
        angles = np.arange(best - span, best + span + step / 2, step)
        best = float(max(angles, key=sharpness))
    return round(best, 2)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        gray,
        matrix,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )


def deskew(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """The page turned level, its ink masks (print, faint marks), and the angle turned by."""
    ink, faint = ink_masks(gray, dpi)
    angle = estimate_skew(ink)
    if abs(angle) < 0.1:
        return gray, ink, faint, 0.0
    level = rotate(gray, angle)
    ink, faint = ink_masks(level, dpi)
    return level, ink, faint, angle


def despeckle(gray: np.ndarray, ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Remove dots of noise smaller than a printed full stop from the mask and the image."""
    max_area = max(2, round(6 * (dpi / 200) ** 2))
    _count, labels, stats = components(ink)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= max_area)
    small = small[small > 0]
    if small.size == 0:
        return gray, ink
    specks = np.isin(labels, small)
    gray = gray.copy()
    ink = ink.copy()
    gray[specks] = 255
    ink[specks] = 0
    return gray, ink
