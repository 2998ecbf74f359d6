"""python -m reportextract.synth OUT_DIR --count N --seed S [--formats …] [--errors]

--legacy FIRST-LAST: pre-2019 reports instead (reportextract.synth.legacy)."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from ..errors import ReportExtractError
from .convert import ConversionError
from .corpus import DEFAULT_FORMATS, FORMATS, generate_corpus
from .legacy import LEGACY_FORMATS, build_series, write_series


def _formats(text: str) -> list[str]:
    formats = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format(s) {unknown}; choose from {', '.join(FORMATS)}"
        )
    return formats


def _years(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    try:
        years = int(first), int(last)
    except ValueError:
        raise argparse.ArgumentTypeError(f"years as FIRST-LAST, not {text!r}") from None
    if not years[0] >= 2008 and years[0] + 3 <= years[1] <= 2018:
        raise argparse.ArgumentTypeError("four years or more between 2008 and 2018")
    return years


def _legacy(args: argparse.Namespace) -> int:
    formats = [fmt for fmt in args.formats_text.split(",") if fmt] if args.formats_text else []
    formats = formats or ["txt", "html", "docx", "pdf"]
    unknown = [fmt for fmt in formats if fmt not in LEGACY_FORMATS]
    if unknown:
        print(f"error: unknown legacy format(s) {unknown}", file=sys.stderr)
        return 2
    written = []
    for index in range(args.start, args.start + args.count):
        first, last = args.legacy
        series = build_series(args.seed, first, last, index=index)
        written += write_series(series, args.out_dir, formats)
    if not args.quiet:
        print(f"{len(written)} documents → {args.out_dir}", file=sys.stderr)
    return 0


def _from_truth(text: str) -> tuple[Path, list[str]]:
    path_text, _, formats = text.partition("::")
    path = Path(path_text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such truth file: {path}")
    return path, _formats(formats) if formats else ["pdf", "docx"]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m reportextract.synth",
        description="Generate synthetic 政府信息公开工作年度报告 with exact ground truth "
        "(documents in OUT_DIR/samples, truth JSON in OUT_DIR/truth).",
    )
    p.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    p.add_argument("--count", type=int, default=10, help="number of synthetic reports (default 10)")
    p.add_argument("--start", type=int, default=0, help="number of the first report (default 0)")
    p.add_argument(
        "--seed", default="1", help="seed; the same seed gives the same reports and truth"
    )
    p.add_argument(
        "--formats",
        type=_formats,
        default=list(DEFAULT_FORMATS),
        help=f"comma-separated formats from {','.join(FORMATS)} (default {','.join(DEFAULT_FORMATS)})",
    )
    p.add_argument(
        "--per-report", type=int, default=1, help="formats each report is rendered in (default 1)"
    )
    p.add_argument("--errors", action="store_true", help="give some reports deliberate errors")
    p.add_argument(
        "--error-rate",
        type=float,
        default=0.25,
        help="share of reports with errors when --errors (default 0.25)",
    )
    p.add_argument(
        "--from-truth",
        type=_from_truth,
        action="append",
        default=[],
        metavar="TRUTH.json[::FORMATS]",
        help="also render a report with the tables and figures of a truth file (default formats pdf,docx)",
    )
    p.add_argument(
        "--batch-size", type=int, default=40, help="documents per LibreOffice call (default 40)"
    )
    p.add_argument(
        "--legacy",
        type=_years,
        metavar="FIRST-LAST",
        help="instead: --count bodies' pre-2019 reports for these years (the 统计表), each "
        f"in every format of --formats, from {','.join(LEGACY_FORMATS)} (glued: crawled text "
        "with the table's cells glued)",
    )
    p.add_argument("--quiet", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--legacy" in argv or any(a.startswith("--legacy=") for a in argv):
        return _legacy_main(argv)
    args = parser().parse_args(argv)
    if (
        args.count < 0
        or args.per_report < 1
        or args.batch_size < 1
        or not 0 <= args.error_rate <= 1
    ):
        print(
            "error: --count ≥ 0, --start ≥ 0, --per-report ≥ 1, --batch-size ≥ 1 and 0 ≤ --error-rate ≤ 1",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if not args.quiet:
            print(f"\r{done}/{total} reports", end="", file=sys.stderr, flush=True)

    try:
        documents = generate_corpus(
            args.out_dir,
            args.count,
            args.seed,
            formats=args.formats,
            errors=args.errors,
            error_rate=args.error_rate,
            per_report=args.per_report,
            from_truth=args.from_truth,
            batch_size=args.batch_size,
            progress=progress,
            start=args.start,
        )
    except (ReportExtractError, ConversionError, OSError, ValueError) as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    if not args.quiet:
        counts = Counter(doc.fmt for doc in documents)
        summary = ", ".join(f"{fmt} {counts[fmt]}" for fmt in FORMATS if counts[fmt])
        print(
            f"\n{len(documents)} documents ({summary}) in {elapsed:.1f} s → {args.out_dir}",
            file=sys.stderr,
        )
    return 0


def _legacy_main(argv: list[str]) -> int:
    """--legacy: its formats are the legacy series' (glued among them)."""
    formats_text = None
    rest: list[str] = []
    items = iter(argv)
    for item in items:
        if item == "--formats":
            formats_text = next(items, "")
        elif item.startswith("--formats="):
            formats_text = item.partition("=")[2]
        else:
            rest.append(item)
    args = parser().parse_args(rest)
    args.formats_text = formats_text
    try:
        return _legacy(args)
    except (ReportExtractError, ConversionError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
