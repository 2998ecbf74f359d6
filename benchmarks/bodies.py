"""Issuing bodies: how often the division is right, and what resolving it costs per report.

    python benchmarks/bodies.py [--count N] [--seed S] [--formats txt,html] [--real FOLDER]

Generated reports (``reportextract.synth``, real division names, a share of them district
names several cities share) are rendered in each format, extracted with the pipeline,
and the body's division compared with the generator's: right, unresolved (no division,
with a reason) or wrong. Reports whose place name is shared and whose document gives no
evidence that settles it are counted apart: for them unresolved is the right answer.

Time: the one-off start-up (the division list, contact tables, pinyin) is reported apart;
per report, the time of ``identify`` alone on the evidence gathered from the document.
With --real, the real documents of a folder (../shared/real/docs) are timed the same way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from reportextract.bodies import divisions, prepare
from reportextract.bodies.evidence import evidence_from_layout
from reportextract.bodies.resolve import Evidence, identify
from reportextract.metadata import extract_metadata
from reportextract.readers import read_layout, sniff_format
from reportextract.synth.render_html import render_html
from reportextract.synth.render_text import render_text
from reportextract.synth.report import build_report

RENDER = {"txt": render_text, "html": render_html}


def _evidence(data: bytes, name: str) -> Evidence:
    layout = read_layout(data, name, sniff_format(data, name))
    meta = extract_metadata(layout)
    return evidence_from_layout(layout, meta.issuer, meta.year, name)


def _timed(evidence: Evidence, repeat: int = 3) -> tuple[object, float]:
    best = float("inf")
    body = None
    for _ in range(repeat):
        started = time.perf_counter()
        body = identify(evidence)
        best = min(best, time.perf_counter() - started)
    return body, best


def _shared(code: str) -> bool:
    table = divisions()
    division = table.get(code)
    return division is not None and len(table.named(division.name, table.latest_year)) > 1


def generated(count: int, seed: str, formats: list[str]) -> list[float]:
    tally: Counter[str] = Counter()
    wrong: list[str] = []
    unresolved: list[str] = []
    times: list[float] = []
    for index in range(count):
        report = build_report(seed, index)
        issuer = report.content.issuer
        for fmt in formats:
            rendered = RENDER[fmt](report)
            evidence = _evidence(rendered.data, f"{report.stem}.{fmt}")
            body, seconds = _timed(evidence)
            times.append(seconds)
            tally["documents"] += 1
            shared = _shared(issuer.division_code)
            tally["shared name"] += shared
            if body is None:
                tally["no issuer read"] += 1
                unresolved.append(f"{report.stem}.{fmt}: no issuer read")
            elif body.division_code == issuer.division_code:  # type: ignore[attr-defined]
                tally["right"] += 1
            elif body.division_code is None:  # type: ignore[attr-defined]
                tally["unresolved"] += 1
                tally["unresolved, shared name"] += shared
                unresolved.append(f"{report.stem}.{fmt} {issuer.title_name}: {body.note}")  # type: ignore[attr-defined]
            else:
                tally["wrong"] += 1
                wrong.append(
                    f"{report.stem}.{fmt} {issuer.title_name}: {body.division_code} "  # type: ignore[attr-defined]
                    f"instead of {issuer.division_code} ({body.note})"  # type: ignore[attr-defined]
                )
    n = tally["documents"]
    print(f"generated reports: seed {seed}, {count} reports × {', '.join(formats)} = {n} documents")
    print(
        f"  right division {tally['right']} ({tally['right'] / n:.1%}), "
        f"unresolved {tally['unresolved'] + tally['no issuer read']} "
        f"({(tally['unresolved'] + tally['no issuer read']) / n:.1%}; "
        f"{tally['unresolved, shared name']} of them a shared place name), "
        f"wrong {tally['wrong']}"
    )
    print(f"  documents whose place name other divisions share: {tally['shared name']}")
    for line in wrong[:20]:
        print("  WRONG", line)
    for line in unresolved[:8]:
        print("  unresolved", line)
    return times


def real(folder: Path) -> list[float]:
    times = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        evidence = _evidence(path.read_bytes(), path.name)
        body, seconds = _timed(evidence)
        times.append(seconds)
        code = getattr(body, "division_code", None)
        print(f"  {path.name:32s} {code or '—':7s} {seconds * 1000:6.2f} ms")
    return times


def _report_times(label: str, times: list[float]) -> None:
    if not times:
        return
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(
        f"{label}: resolution per document median {statistics.median(ms):.2f} ms, "
        f"p95 {p95:.2f} ms, max {ms[-1]:.2f} ms ({len(ms)} documents)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", default="bodies")
    parser.add_argument("--formats", default="txt,html")
    parser.add_argument("--real", type=Path, default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    prepare()
    print(
        f"start-up (division list, contact tables, pinyin): {time.perf_counter() - started:.2f} s"
    )
    times = generated(args.count, args.seed, args.formats.split(","))
    _report_times("generated", times)
    if args.real is not None:
        print(f"real documents in {args.real}:")
        _report_times("real", real(args.real))
    return 0


if __name__ == "__main__":
    sys.exit(main())
