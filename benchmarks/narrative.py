"""Precision and recall of narrative metric tags, and throughput of the narrative stage.

    python benchmarks/narrative.py [FOLDER ...] [--show N] [--repeat N]
        (default folders: ../shared/real and corpus/, where they exist)
    python benchmarks/narrative.py --prose FILE.yaml [FILE.yaml ...] [--show N]

Every document with a truth file (the ../shared/real/truth schema) is read with
`read_layout`, its narrative text given to `extract_figures`, and the tagged metrics of
spec/narrative-metrics.md compared with the truth's `figures` by
`reportextract.truth.compare_figures`: a (document, metric) is right when the tagged figures
of that metric all state the truth's value and unit. A metric tagged that the truth does
not list, or with another value, is a false positive; a truth metric not tagged with its
value is a false negative. Documents whose reader gives no narrative text (scans without
OCR) are counted but not scored. Documented extra metrics (`extra: true` in
mappings/narrative.yaml) are counted apart.

Throughput covers the narrative stage only (reading excluded), each document with jieba's
word cache emptied first (as in a batch, where each document is new); `--repeat N` runs
the stage N times over the documents and reports the best pass, since other work on a
shared machine only ever slows a pass down. The one-off start-up (jieba's dictionary, the
compiled patterns) is reported separately.

`--prose` scores hand-labelled excerpts of report prose instead of documents
(tests/narrative_prose/README.md has the schema and the labelling rules): each excerpt is
scored as a document of its own, with the same rule, and recall and precision are also
printed per phrasing family (the excerpts' `family`).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reportextract.errors import DocumentError
from reportextract.layout import DocumentText, document_text
from reportextract.model import Figure
from reportextract.narrative import extract_figures
from reportextract.narrative.patterns import catalogue
from reportextract.narrative.segmenter import tokenizer, word_starts
from reportextract.readers import read_layout
from reportextract.truth import FigureComparison, compare_figures
from truthsets import DEFAULT_FOLDERS, find_cases


@dataclass
class Tally:
    scores: FigureComparison = field(default_factory=FigureComparison)
    families: dict[str, FigureComparison] = field(default_factory=dict)
    documents: int = 0
    unreadable: int = 0
    textless: int = 0
    figures: int = 0
    characters: int = 0
    seconds: float = 0.0


def timed(doc: DocumentText, repeat: int) -> tuple[list[Figure], float]:
    """The figures of `doc` and the best time of `repeat` runs, each with a cold word cache."""
    best = math.inf
    figures: list[Figure] = []
    for _ in range(repeat):
        word_starts.cache_clear()
        start = time.perf_counter()
        figures = extract_figures(doc)
        best = min(best, time.perf_counter() - start)
    return figures, best


def run(folder: Path, tally: Tally, repeat: int) -> None:
    for case in find_cases(folder):
        try:
            doc = document_text(read_layout(case.document.read_bytes(), case.document.name))
        except DocumentError:
            tally.unreadable += 1
            continue
        if not doc.text.strip():
            tally.textless += 1  # a scan the reader did not OCR: nothing for this stage
            continue
        figures, seconds = timed(doc, repeat)
        tally.seconds += seconds
        tally.documents += 1
        tally.figures += len(figures)
        tally.characters += len(doc.text)
        tally.scores.add(compare_figures(case.document.name, figures, case.truth))


def run_prose(path: Path, tally: Tally, repeat: int) -> None:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for excerpt in data["excerpts"]:
        text = str(excerpt["text"])
        figures, seconds = timed(DocumentText(text, [(0, None)]), repeat)
        tally.seconds += seconds
        tally.documents += 1
        tally.figures += len(figures)
        tally.characters += len(text)
        scores = compare_figures(str(excerpt["id"]), figures, excerpt)
        tally.scores.add(scores)
        family = str(excerpt.get("family", "-"))
        tally.families.setdefault(family, FigureComparison()).add(scores)


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.4f}" if whole else "  -   "


def report(label: str, tally: Tally, show: int) -> None:
    scores = tally.scores
    print(
        f"\n== {label}: {tally.documents} documents scored, {tally.figures} figures "
        f"(not scored: {tally.unreadable} unreadable, {tally.textless} without narrative text)"
    )
    print(f"{'metric':36} {'tp':>5} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    codes = sorted(
        set(scores.true_positive) | set(scores.false_positive) | set(scores.false_negative)
    )
    for code in codes:
        print_row(
            code,
            scores.true_positive[code],
            scores.false_positive[code],
            scores.false_negative[code],
        )
    print_row(
        "all spec metrics",
        sum(scores.true_positive.values()),
        sum(scores.false_positive.values()),
        sum(scores.false_negative.values()),
    )
    if tally.families:
        print(
            f"{'phrasing family':36} {'tp':>5} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"
        )
        for family, part in sorted(tally.families.items()):
            print_row(
                family,
                sum(part.true_positive.values()),
                sum(part.false_positive.values()),
                sum(part.false_negative.values()),
            )
    if scores.extras:
        print(
            "extra metrics tagged (not scored): "
            + ", ".join(f"{k} {v}" for k, v in sorted(scores.extras.items()))
        )
    if tally.seconds:
        print(
            f"narrative stage: {tally.documents / tally.seconds:.1f} documents/s, "
            f"{tally.characters / tally.seconds / 1000:.0f}k characters/s "
            f"({tally.seconds:.2f} s for {tally.characters} characters)"
        )
    for line in scores.mistakes[:show]:
        print("  " + line)
    if len(scores.mistakes) > show:
        print(f"  … {len(scores.mistakes) - show} more mistakes (--show N)")


def print_row(name: str, tp: int, fp: int, fn: int) -> None:
    print(f"{name:36} {tp:>5} {fp:>4} {fn:>4} {ratio(tp, tp + fp):>9} {ratio(tp, tp + fn):>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--show", type=int, default=20, help="mistakes to list per folder")
    parser.add_argument(
        "--prose", nargs="+", type=Path, default=[], help="YAML files of labelled excerpts"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="time each document N times, keep the best"
    )
    args = parser.parse_args()
    folders = args.folders or ([] if args.prose else [f for f in DEFAULT_FOLDERS if f.exists()])
    start = time.perf_counter()
    tokenizer()
    catalogue()
    print(f"start-up once per process (jieba, patterns): {time.perf_counter() - start:.2f} s")
    overall = Tally()
    for folder in [*folders, *args.prose]:
        tally = Tally()
        if folder in args.prose:
            run_prose(folder, tally, args.repeat)
        else:
            run(folder, tally, args.repeat)
        report(str(folder), tally, args.show)
        overall.scores.add(tally.scores)
        for name in ("documents", "unreadable", "textless", "figures", "characters", "seconds"):
            setattr(overall, name, getattr(overall, name) + getattr(tally, name))
    if len(folders) + len(args.prose) > 1:
        report("all folders", overall, 0)


if __name__ == "__main__":
    main()
