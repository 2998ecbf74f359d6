"""Precision and recall of narrative metric tags, and throughput of the narrative stage.

    python benchmarks/narrative.py [FOLDER ...] [--show N]
        (default folders: ../shared/real and corpus/, where they exist)
    python benchmarks/narrative.py --prose FILE.yaml [FILE.yaml ...] [--show N]

Every document with a truth file (the ../shared/real/truth schema) is read with
`read_layout`, its narrative text given to `extract_figures`, and the tagged metrics of
spec/narrative-metrics.md compared with the truth's `figures`: a (document, metric) is
right when the tagged figures of that metric all state the truth's value and unit. A metric
tagged that the truth does not list, or with another value, is a false positive; a truth
metric not tagged with its value is a false negative. Documents whose reader gives no
narrative text (scans without OCR) are counted but not scored. Documented extra metrics
(`extra: true` in mappings/narrative.yaml) are counted apart. Throughput covers the
narrative stage only (reading excluded); the one-off start-up (jieba's dictionary, the
compiled patterns) is reported separately.

`--prose` scores hand-labelled excerpts of report prose instead of documents. A prose file
is YAML: `excerpts:` a list of entries with `id`, `text` (one or a few sentences, as a
report prints them; line breaks kept) and `figures` (every narrative-metrics.md figure the
excerpt states: `metric`, `value`, `unit` as printed — 份, 项, 条 … — or, for a statement of
zero without a number, the metric's unit), and optionally `issuer_level`, `year`, `family`
(the phrasing family) and `source` (where the phrasing was seen). Each excerpt is scored as
a document of its own, with the same rule as above.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reportextract.errors import DocumentError
from reportextract.layout import DocumentText, document_text
from reportextract.model import Figure
from reportextract.narrative import extract_figures
from reportextract.narrative.patterns import catalogue
from reportextract.narrative.segmenter import tokenizer
from reportextract.readers import read_layout
from truthsets import DEFAULT_FOLDERS, find_cases


@dataclass
class Tally:
    true_positive: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    extras: Counter[str] = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)
    documents: int = 0
    unreadable: int = 0
    textless: int = 0
    figures: int = 0
    characters: int = 0
    seconds: float = 0.0


def same(a: tuple[float, str | None], b: tuple[float, str | None]) -> bool:
    return a[1] == b[1] and math.isclose(a[0], b[0], rel_tol=1e-9, abs_tol=1e-9)


def compare(name: str, figures: list[Figure], truth: dict, tally: Tally) -> None:
    metrics = catalogue().metrics
    expected = {f["metric"]: (float(f["value"]), f["unit"]) for f in truth.get("figures", [])}
    tagged: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.metric is None:
            continue
        if metrics[figure.metric].extra:
            tally.extras[figure.metric] += 1
        else:
            tagged[figure.metric].append(figure)
    for metric in sorted(set(expected) | set(tagged)):
        stated = tagged.get(metric, [])
        values = [(f.value, f.unit) for f in stated]
        if metric in expected and values and all(same(v, expected[metric]) for v in values):
            tally.true_positive[metric] += 1
            continue
        if metric in expected:
            tally.false_negative[metric] += 1
        if values:
            tally.false_positive[metric] += 1
        where = stated[0].sentence[:90] if stated else ""
        tally.mistakes.append(
            f"{name}: {metric} truth={expected.get(metric)} tagged={values} {where}"
        )


def run(folder: Path, tally: Tally) -> None:
    for case in find_cases(folder):
        try:
            doc = document_text(read_layout(case.document.read_bytes(), case.document.name))
        except DocumentError:
            tally.unreadable += 1
            continue
        if not doc.text.strip():
            tally.textless += 1  # a scan the reader did not OCR: nothing for this stage
            continue
        start = time.perf_counter()
        figures = extract_figures(doc)
        tally.seconds += time.perf_counter() - start
        tally.documents += 1
        tally.figures += len(figures)
        tally.characters += len(doc.text)
        compare(case.document.name, figures, case.truth, tally)


def run_prose(path: Path, tally: Tally) -> None:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for excerpt in data["excerpts"]:
        text = str(excerpt["text"])
        start = time.perf_counter()
        figures = extract_figures(DocumentText(text, [(0, None)]))
        tally.seconds += time.perf_counter() - start
        tally.documents += 1
        tally.figures += len(figures)
        tally.characters += len(text)
        compare(str(excerpt["id"]), figures, excerpt, tally)


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.4f}" if whole else "  -   "


def report(label: str, tally: Tally, show: int) -> None:
    print(
        f"\n== {label}: {tally.documents} documents scored, {tally.figures} figures "
        f"(not scored: {tally.unreadable} unreadable, {tally.textless} without narrative text)"
    )
    print(f"{'metric':36} {'tp':>5} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    codes = sorted(set(tally.true_positive) | set(tally.false_positive) | set(tally.false_negative))
    for code in codes:
        tp, fp, fn = (
            tally.true_positive[code],
            tally.false_positive[code],
            tally.false_negative[code],
        )
        print(f"{code:36} {tp:>5} {fp:>4} {fn:>4} {ratio(tp, tp + fp):>9} {ratio(tp, tp + fn):>7}")
    tp = sum(tally.true_positive.values())
    fp = sum(tally.false_positive.values())
    fn = sum(tally.false_negative.values())
    print(
        f"{'all spec metrics':36} {tp:>5} {fp:>4} {fn:>4} {ratio(tp, tp + fp):>9} {ratio(tp, tp + fn):>7}"
    )
    if tally.extras:
        print(
            "extra metrics tagged (not scored): "
            + ", ".join(f"{k} {v}" for k, v in sorted(tally.extras.items()))
        )
    if tally.seconds:
        print(
            f"narrative stage: {tally.documents / tally.seconds:.1f} documents/s, "
            f"{tally.characters / tally.seconds / 1000:.0f}k characters/s "
            f"({tally.seconds:.2f} s for {tally.characters} characters)"
        )
    for line in tally.mistakes[:show]:
        print("  " + line)
    if len(tally.mistakes) > show:
        print(f"  … {len(tally.mistakes) - show} more mistakes (--show N)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--show", type=int, default=20, help="mistakes to list per folder")
    parser.add_argument(
        "--prose", nargs="+", type=Path, default=[], help="YAML files of labelled excerpts"
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
            run_prose(folder, tally)
        else:
            run(folder, tally)
        report(str(folder), tally, args.show)
        for name in ("true_positive", "false_positive", "false_negative", "extras"):
            getattr(overall, name).update(getattr(tally, name))
        for name in ("documents", "unreadable", "textless", "figures", "characters", "seconds"):
            setattr(overall, name, getattr(overall, name) + getattr(tally, name))
    if len(folders) + len(args.prose) > 1:
        report("all folders", overall, 0)


if __name__ == "__main__":
    main()
