"""Where a scanned page's CPU goes: process time per stage of the OCR reader.

    python benchmarks/ocr_stages.py [PDF ...] [--profile 20]

Reads each scan (default: the bundled ``corpus/samples/*-scan.pdf``; pass more, e.g. a
folder of ``python -m reportextract.synth DIR --formats scan``) with the whole pipeline,
after one warm-up document (models built), and prints each stage's exclusive process
time: rendering, levelling and ink masks, rules, cell rebuilding, line segmentation,
text detection, the recognition network, decoding its output, and the rest of the
pipeline. ``--profile N`` also prints cProfile's N costliest functions. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from reportextract.pipeline import extract
from reportextract.readers.ocr import engine, page, pdfpages, recognise

REPO = Path(__file__).resolve().parent.parent

# (module or class, attribute, stage): each call's process time, less that of the stages
# it calls, is charged to its stage.
STAGES: list[tuple[Any, str, str]] = [
    (pdfpages, "render_gray", "render page"),
    (pdfpages, "read_page_image", "page flow (rest)"),
    (page, "deskew", "level + ink masks"),
    (page, "find_rules", "find rules"),
    (page, "table_cells", "rules -> cells"),
    (page, "despeckle", "despeckle"),
    (page, "char_height", "character height"),
    (page, "_cell_text", "cell lines"),
    (page, "segment_lines", "narrative lines"),
    (page, "_detect", "text detection"),
    (page, "_grid", "grid rebuild"),
    (recognise.Recogniser, "read", "recognition: prepare + decode"),
    (engine.RecognitionModel, "__call__", "recognition network"),
    (engine.OpenVinoRecognitionModel, "__call__", "recognition network"),
]


class StageClock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []

    def wrap(self, function: Callable[..., Any], stage: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            self._inner.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.process_time() - start
                self.seconds[stage] += spent - self._inner.pop()
                if self._inner:
                    self._inner[-1] += spent

        return timed


@contextmanager
def timed_stages(clock: StageClock) -> Iterator[None]:
    saved = []
    for owner, name, stage in STAGES:
        function = owner.__dict__.get(name) if isinstance(owner, type) else getattr(owner, name)
        if function is None:
            continue
        saved.append((owner, name, function))
        setattr(owner, name, clock.wrap(function, stage))
    try:
        yield
    finally:
        for owner, name, function in saved:
            setattr(owner, name, function)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    files = args.pdfs or sorted((REPO / "corpus" / "samples").glob("*-scan.pdf"))
    if not files:
        parser.error("no scans to read")
    pages = 0
    for path in files:
        document = pdfium.PdfDocument(str(path))
        pages += len(document)
        document.close()
    extract(files[0])
    print(f"engine: {engine.describe()}; {len(files)} scans, {pages} pages (after a warm-up)")
    clock = StageClock()
    profile = cProfile.Profile() if args.profile else None
    total = 0.0
    with timed_stages(clock):
        for path in files:
            start = time.process_time()
            if profile:
                profile.enable()
            extract(path)
            if profile:
                profile.disable()
            total += time.process_time() - start
    clock.seconds["rest of the pipeline"] = total - sum(clock.seconds.values())
    print(f"{total:.2f} s CPU, {1000 * total / pages:.0f} ms per page")
    print(f"  {'stage':32} {'s CPU':>7} {'share':>6} {'ms/page':>8}")
    for stage, seconds in sorted(clock.seconds.items(), key=lambda item: -item[1]):
        share = seconds / total if total else 0.0
        print(f"  {stage:32} {seconds:7.2f} {share:6.1%} {1000 * seconds / pages:8.0f}")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
