"""The page of a region's year: its size, the time to make it and the time a browser takes
to render and print it.

    python benchmarks/region.py [--region 320000] [--cities 3] [--year 2024] [--seed bench]
                                [--work DIR] [--repeat 3] [--real ../shared/real/docs]

A province is generated (``reportextract.synth.region``: real division names, silent
districts, a partial and an unreadable report, deliberate errors, last year's reports;
formats rotating over PDF, text, HTML and DOCX) and extracted; then the page is made
(best of --repeat), ``reportextract report`` is timed as a user runs it (a new process),
and headless Chromium loads and draws the page (against a blank page in the same run,
so that the browser's own start-up is told apart) and prints it to PDF. With --real,
the same figures for ``--within 淮安市 --year 2024`` on the real reports.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportextract.explore.build import ensure_dataset
from reportextract.explore.region import print_pdf, region_report, write_page
from reportextract.explore.region.printing import find_chromium
from reportextract.runner import RunOptions, run_batch
from reportextract.synth.region import generate_region

SIZE_LIMIT = 2 * 1024 * 1024
TIME_LIMIT = 5.0


def _best(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def _chromium_screenshot(chromium: str, url: str, work: Path) -> float:
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        "--window-size=1000,3000",
        f"--screenshot={work / 'shot.png'}",
        url,
    ]
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, timeout=300, check=True)
    seconds = time.perf_counter() - started
    shutil.rmtree(profile, ignore_errors=True)
    return seconds


def measure(data: Path, within: str, year: int, work: Path, repeat: int) -> None:
    page = work / f"region-{within}-{year}.html"
    content = region_report(data, within, year)
    write_page(content, page)
    build = _best(repeat, lambda: write_page(region_report(data, within, year), page))
    size = page.stat().st_size
    pictures = [p for b in content.findings for f in b.findings for p in f.pictures]
    totals = content.totals
    levels = ", ".join(f"{t.published} of {t.divisions} {t.name}" for t in totals.levels)
    print(
        f"  {content.region_name} {content.region.code} {year}: {levels} published; "
        f"{totals.bodies} reports side by side, {totals.findings} findings in "
        f"{totals.with_findings} reports, {len(pictures)} pictures"
    )
    print(
        f"  page: {size / 1024:.0f} KB ({size / SIZE_LIMIT:.1%} of the 2 MB limit; pictures "
        f"{sum(p.bytes for p in pictures) / 1024:.0f} KB)"
    )
    print(
        f"  made (read the dataset, cut the pictures, write the page): best {build:.2f} s of {repeat}"
    )
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reportextract.cli",
            "report",
            str(data),
            "--within",
            within,
            "--year",
            str(year),
            "--out",
            str(page),
        ],
        capture_output=True,
        check=True,
    )
    command = time.perf_counter() - started
    print(f"  `reportextract report` as a new process: {command:.2f} s (limit {TIME_LIMIT:g} s)")
    chromium = find_chromium()
    if chromium is None:
        print("  no Chromium: browser rendering not measured")
        return
    blank = work / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title><p>blank</p>", encoding="utf-8")
    baseline = min(_chromium_screenshot(chromium, blank.as_uri(), work) for _ in range(repeat))
    shown = min(_chromium_screenshot(chromium, page.as_uri(), work) for _ in range(repeat))
    print(
        f"  Chromium, load and draw: {shown:.2f} s; a blank page {baseline:.2f} s "
        f"(the page's own rendering {max(0.0, shown - baseline):.2f} s, ×{shown / baseline:.2f} the blank page)"
    )
    pdf = work / f"region-{within}-{year}.pdf"
    started = time.perf_counter()
    print_pdf(page, pdf)
    printing = time.perf_counter() - started
    pages = _pages(pdf)
    print(
        f"  printed to PDF: {printing:.2f} s, {pages} A4 pages, {pdf.stat().st_size / 1024:.0f} KB"
    )


def _pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--region", default="320000")
    parser.add_argument("--cities", type=int, default=3)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--seed", default="bench")
    parser.add_argument("--formats", default="pdf,txt,html,docx")
    parser.add_argument("--work", type=Path, default=None, help="keep the corpus and data here")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--real", type=Path, default=None, help="also the real reports (淮安市)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="region-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, data = work / "corpus", work / "data"
    if not data.exists():
        started = time.perf_counter()
        plan = generate_region(
            corpus,
            args.region,
            args.cities,
            args.year,
            args.seed,
            formats=tuple(f.strip() for f in args.formats.split(",") if f.strip()),
        )
        generated = time.perf_counter() - started
        started = time.perf_counter()
        run_batch([str(corpus / "samples")], data, RunOptions(workers=2, progress=False))
        print(
            f"generated {len(plan.documents)} documents in {generated:.1f} s "
            f"({len(plan.published())} reports for {args.year}, {len(plan.missing)} divisions "
            f"silent, {sum(len(f) for f in plan.faults.values())} deliberate errors), "
            f"extracted in {time.perf_counter() - started:.1f} s"
        )
    print(f"generated province (seed {args.seed}, data in {data}):")
    measure(data, args.region, args.year, work, args.repeat)
    if args.real is not None:
        real = ensure_dataset(work / "real-data", [args.real], workers=2)
        print(f"real reports ({args.real}):")
        measure(real, "淮安市", 2024, work, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
