"""Text-line images → text, with per-character confidence and, for numbers, other readings.

The recognition model gives, for every horizontal step of a line image, a probability
for each character (and for CTC's blank). A free reading takes the best character at
every step. A number cell is read again with the choice restricted to the characters a
number can print, and a small CTC beam search gives its next-best readings: a digit
read as another, a digit dropped or doubled. Those alternatives and the confidences are
what the arithmetic correction (`correct.py`) works with.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from .engine import REC_HEIGHT, RecognitionModel, recognition_model

NUMERIC_CHARS = "0123456789.,-%"
# Letters and signs OCR gives for digits in a number cell.
CONFUSABLE_DIGITS = {
    "O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "○": "0",
    "l": "1", "I": "1", "i": "1", "|": "1", "!": "1", "丨": "1",
    "Z": "2", "z": "2",
    "S": "5", "s": "5", "$": "5",
    "G": "6", "b": "6",
    "T": "7",
    "B": "8",
    "g": "9", "q": "9",
    "，": ",", "。": ".", "．": ".", "－": "-",
}  # fmt: skip
_NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")
# A batch's lines hold about 1,024 pixels of width at the model's height: the model's
# working memory and its output (~18,700 classes per 8 pixels of width) grow with a
# batch, and batches this small run no slower than larger ones.
_MAX_BATCH_PIXELS = 48 * 1024
_BEAM = 8
_MAX_NUMBER_LIKE = 6
_OPTIONS = 3
_SURE = 0.9


@dataclass(slots=True)
class Reading:
    text: str
    confidence: float
    numeric: bool = False
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    as_number: Reading | None = None
    # The best characters at the step of each character read, most likely first.
    options: list[list[tuple[str, float]]] = field(default_factory=list)

    def in_vocabulary(self, vocabulary: frozenset[str], least: float = 0.02) -> str:
        """The reading with each Chinese character outside ``vocabulary`` replaced by the
        next likely one inside it (末 → 未 in a table whose labels say 逾期未)."""
        if not self.options:
            return self.text
        chars = []
        for choices in self.options:
            char, p = choices[0]
            if p < _SURE and _has_cjk(char) and char not in vocabulary:
                char = next(
                    (c for c, p in choices[1:] if p >= least and c in vocabulary and _has_cjk(c)),
                    char,
                )
            chars.append(char)
        return "".join(chars).strip()


def normalise_number(text: str) -> str | None:
    """A free reading of a number cell with confusable letters replaced, if it is a number."""
    compact = "".join(CONFUSABLE_DIGITS.get(ch, ch) for ch in text.replace(" ", ""))
    if not compact or not any(ch.isdigit() for ch in compact):
        return None
    return compact if _NUMBER.match(compact) else None


def _prepare(image: np.ndarray, width: int) -> np.ndarray:
    """Resize a grayscale line image to the model's height, pad right to ``width``."""
    h, w = image.shape[:2]
    target = min(width, max(1, math.ceil(REC_HEIGHT * w / h)))
    resized = cv2.resize(image, (target, REC_HEIGHT), interpolation=cv2.INTER_LINEAR)
    out = np.zeros((3, REC_HEIGHT, width), dtype=np.float32)
    out[:, :, :target] = (resized.astype(np.float32) / 255.0 - 0.5) / 0.5
    return out


def _batches(widths: Sequence[int]) -> list[list[int]]:
    """Indexes grouped by similar width, each batch bounded in padded pixels."""
    order = sorted(range(len(widths)), key=lambda i: widths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        if current:
            widest = widths[i]
            if (
                len(current) + 1
            ) * widest * REC_HEIGHT > _MAX_BATCH_PIXELS or widest > 1.5 * widths[current[0]] + 16:
                batches.append(current)
                current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


class Recogniser:
    def __init__(self, model: RecognitionModel | None = None) -> None:
        self.model = model or recognition_model()
        index = self.model.index
        self.numeric_chars = ["", *(ch for ch in NUMERIC_CHARS if ch in index)]
        # A number character's probability includes the letters OCR mistakes it for.
        sources: list[tuple[int, int]] = [(0, 0)]
        for k, ch in enumerate(self.numeric_chars[1:], start=1):
            sources.append((index[ch], k))
            sources.extend(
                (index[c], k) for c, d in CONFUSABLE_DIGITS.items() if d == ch and c in index
            )
        self.numeric_sources = np.array([cls for cls, _ in sources])
        self.numeric_fold = np.zeros((len(sources), len(self.numeric_chars)), dtype=np.float32)
        for row, (_, k) in enumerate(sources):
            self.numeric_fold[row, k] = 1.0

    def probabilities(self, crops: Sequence[np.ndarray]) -> Iterator[tuple[int, np.ndarray]]:
        """Per-step class probabilities (steps × classes) of each crop, as (index, array),
        one batch at a time: a batch's output (steps × ~18,700 classes of 4 bytes each) is
        let go before the next batch runs, so a page's lines never are all in memory."""
        widths = [max(8, math.ceil(REC_HEIGHT * c.shape[1] / max(1, c.shape[0]))) for c in crops]
        for batch in _batches(widths):
            width = max(widths[i] for i in batch)
            width = max(width, REC_HEIGHT)
            step = getattr(self.model, "width_step", 1)
            width = -(-width // step) * step
            tensor = np.stack([_prepare(crops[i], width) for i in batch])
            probs = self.model(tensor)
            del tensor
            for row, i in enumerate(batch):
                steps = max(1, math.ceil(probs.shape[1] * widths[i] / width))
                yield i, probs[row, :steps]

    def read(self, crops: Sequence[np.ndarray]) -> list[Reading]:
        """Read each crop; a crop whose free reading is a number is re-read as a number.

        A short reading without Chinese that is not a number (a smudged 0 read as ``à``)
        keeps its reading as a number in ``as_number``, for a caller that knows the
        crop is in a column of numbers.
        """
        readings: list[Reading | None] = [None] * len(crops)
        for i, probs in self.probabilities(crops):
            readings[i] = self._reading(probs)
        return [r for r in readings if r is not None]

    def _reading(self, probs: np.ndarray) -> Reading:
        reading = self._greedy(probs)
        text = reading.text
        if normalise_number(text) is not None:
            return self._numeric(probs, text)
        if text and len(text) <= _MAX_NUMBER_LIKE and not _has_cjk(text):
            reading.as_number = self._numeric(probs, text)
        return reading

    def _greedy(self, probs: np.ndarray) -> Reading:
        best = probs.argmax(axis=1)
        peak = probs.max(axis=1)
        chars: list[str] = []
        confs: list[float] = []
        steps: list[int] = []
        previous = -1
        for step, cls in enumerate(best):
            if cls != previous and cls != 0:
                chars.append(self.model.characters[cls])
                confs.append(float(peak[step]))
                steps.append(step)
            elif cls == previous and cls != 0 and confs and peak[step] > confs[-1]:
                confs[-1] = float(peak[step])
                steps[-1] = step
            previous = cls
        options = [
            [(self.model.characters[c], float(probs[step, c])) for c in ranked]
            for step, ranked in zip(steps, _top_classes(probs[steps]), strict=True)
        ]
        text = "".join(chars).strip()
        return Reading(text, min(confs) if confs else 1.0, options=options)

    def _numeric(self, probs: np.ndarray, free_text: str) -> Reading:
        restricted = probs[:, self.numeric_sources] @ self.numeric_fold
        mass = restricted.sum(axis=1, keepdims=True)
        normal = restricted / np.maximum(mass, 1e-9)
        beams = ctc_beam_search(normal, beam=_BEAM)
        if not beams:
            return Reading(free_text, 0.0)
        readings = [
            ("".join(self.numeric_chars[i] for i in labels).strip(".,"), p) for labels, p in beams
        ]
        total = sum(p for _, p in readings) or 1.0
        merged: dict[str, float] = {}
        for text, p in readings:
            merged[text] = merged.get(text, 0.0) + p / total
        ranked = sorted(merged.items(), key=lambda item: item[1], reverse=True)
        text, share = ranked[0]
        # Confidence: the best reading's share of the beams, times how surely each of its
        # steps is a number character at all (a smudge read as a number scores low).
        best = restricted.argmax(axis=1)
        emitted = [float(mass[s, 0]) for s in range(len(best)) if best[s] != 0]
        in_charset = min(emitted) if emitted else 1.0
        return Reading(text, share * min(1.0, in_charset), numeric=True, alternatives=ranked[1:6])


def _top_classes(rows: np.ndarray) -> list[list[int]]:
    """The `_OPTIONS` most likely classes of each row, most likely first.

    Repeated argmax is many times faster than argpartition over the model's ~18,700
    classes; a row with equal probabilities among its best (where the two could pick
    different classes) is ranked by argpartition as before.
    """
    if not len(rows):
        return []
    work = rows.copy()
    picked = np.empty((len(rows), _OPTIONS + 1), dtype=np.intp)
    values = np.empty((len(rows), _OPTIONS + 1), dtype=rows.dtype)
    index = np.arange(len(rows))
    for k in range(_OPTIONS + 1):
        best = work.argmax(axis=1)
        picked[:, k] = best
        values[:, k] = work[index, best]
        work[index, best] = -np.inf
    tied = (values[:, 1:] == values[:, :-1]).any(axis=1)
    out = picked[:, :_OPTIONS].tolist()
    for i in np.flatnonzero(tied).tolist():
        row = rows[i]
        top = np.argpartition(row, -_OPTIONS)[-_OPTIONS:]
        out[i] = sorted(top.tolist(), key=lambda c: -row[c])
    return out


def ctc_beam_search(probs: np.ndarray, beam: int = 8) -> list[tuple[tuple[int, ...], float]]:
    """CTC prefix beam search over a small class set (class 0 is blank): (labels, probability)."""
    # prefix → [probability ending in blank, probability ending in a label]
    beams: dict[tuple[int, ...], list[float]] = {(): [1.0, 0.0]}
    n_classes = probs.shape[1]
    for step in probs:
        candidates = [c for c in range(1, n_classes) if step[c] > 1e-4]
        following: dict[tuple[int, ...], list[float]] = {}
        for prefix, (p_blank, p_label) in beams.items():
            _extend(following, prefix, (p_blank + p_label) * float(step[0]), 0.0)
            last = prefix[-1] if prefix else None
            for c in candidates:
                p = float(step[c])
                if c == last:
                    _extend(following, prefix, 0.0, p_label * p)
                    _extend(following, (*prefix, c), 0.0, p_blank * p)
                else:
                    _extend(following, (*prefix, c), 0.0, (p_blank + p_label) * p)
        ranked = sorted(following.items(), key=lambda item: sum(item[1]), reverse=True)[:beam]
        beams = dict(ranked)
    return sorted(((p, b + lab) for p, (b, lab) in beams.items()), key=lambda x: x[1], reverse=True)


def _extend(
    beams: dict[tuple[int, ...], list[float]], prefix: tuple[int, ...], blank: float, label: float
) -> None:
    entry = beams.setdefault(prefix, [0.0, 0.0])
    entry[0] += blank
    entry[1] += label


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
