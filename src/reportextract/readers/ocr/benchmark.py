"""Accuracy and speed of OCR on scanned copies of documents with known truth.

    python -m reportextract.readers.ocr.benchmark [PDF ...] [--dpi 200] [--seed 1]

Each text-layer PDF with a truth file (default: ../shared/real/docs/*.pdf and the
synthetic PDFs of corpus/samples) is scanned with `reportextract.synth.scan.scan_pdf`
(150–200 dpi, JPEG, noise, ±1°), read back by OCR, its tables rebuilt and compared with
the truth; the narrative text is compared with the text layer of the original. Bundled
scans (``*-scan.pdf``) are read as they are. onnxruntime runs single-threaded
(``REPORTEXTRACT_OCR_THREADS``, default 1); CPU seconds are process time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from rapidfuzz.distance import Levenshtein

from ...layout import Layout, document_text
from ...model import Report
from ...tables.rebuild import rebuild_tables
from ...truth import compare_cells
from ..pdf import read_pdf
from .correct import correct_ocr_cells
from .pdfpages import DEFAULT_DPI, ocr_pdf_pages

REPO = Path(__file__).resolve().parents[4]
REAL = REPO.parent / "shared" / "real"


@dataclass(slots=True)
class Case:
    document: Path
    truth: Path
    scanned: bool


def default_cases() -> list[Case]:
    cases = [
        Case(p, REAL / "truth" / f"{p.name}.json", False)
        for p in sorted((REAL / "docs").glob("*.pdf"))
        if (REAL / "truth" / f"{p.name}.json").exists()
    ]
    corpus = REPO / "corpus"
    for p in sorted((corpus / "samples").glob("*.pdf")):
        truth = corpus / "truth" / f"{p.name}.json"
        if not truth.exists() or "borderless" in p.stem:
            continue
        cases.append(Case(p, truth, p.stem.endswith("-scan")))
    return cases


def _narrative(layout: Layout) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", document_text(layout).text))


@dataclass(slots=True)
class Result:
    document: str
    pages: int
    cpu_per_page: float
    wall_per_page: float
    exact_before: int
    exact: int
    total: int
    corrections: int
    flags: int
    wrong: list[tuple[str, str, str]]
    unflagged: list[tuple[str, str, str]]
    narrative_cer: float | None


def run(case: Case, dpi: int, seed: int) -> Result:
    from ...synth.scan import scan_pdf

    original = case.document.read_bytes()
    truth = json.loads(case.truth.read_text(encoding="utf-8"))
    if case.scanned:
        scanned, reference = original, None
    else:
        scanned, _ = scan_pdf(original, random.Random(seed), dt.datetime(2024, 1, 1))
        reference = _narrative(read_pdf(original))
    pdf = pdfium.PdfDocument(scanned)
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        pages = ocr_pdf_pages(pdf, range(len(pdf)), dpi)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        pdf.close()
    layout = Layout(format="pdf")
    for page in pages:
        layout.pages.append(page.page)
        layout.items.extend(page.items)
    tables = rebuild_tables(layout, truth.get("year"))
    alternatives = {key: value for page in pages for key, value in page.alternatives.items()}
    corrected, checks = correct_ocr_cells(tables.cells, alternatives)
    report = Report(source=str(case.document), sha256="", format="pdf", report_id="bench")
    report.cells = tables.cells
    before = compare_cells(report, truth)
    report.cells = corrected
    after = compare_cells(report, truth)
    flagged = {c.scope for c in checks if c.passed is not True}
    low = {(c.table, c.row_code, c.col_code) for c in corrected if (c.confidence or 1.0) < 0.5}
    wrong = [key for key, _, _ in after.wrong] + after.missing
    unflagged = [k for k in wrong if f"{k[0]}/{k[1]}/{k[2]}" not in flagged and k not in low]
    cer = (
        Levenshtein.normalized_distance(reference, _narrative(layout))
        if reference is not None
        else None
    )
    return Result(
        document=case.document.name + ("" if case.scanned else f" (scan seed {seed})"),
        pages=len(pages),
        cpu_per_page=cpu / len(pages),
        wall_per_page=wall / len(pages),
        exact_before=before.exact,
        exact=after.exact,
        total=after.total,
        corrections=sum(1 for c in checks if c.check == "ocr.digit_correction" and c.passed),
        flags=len(flagged),
        wrong=wrong,
        unflagged=unflagged,
        narrative_cer=cer,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    cases = default_cases()
    if args.pdfs:
        wanted = {p.resolve() for p in args.pdfs}
        cases = [c for c in cases if c.document.resolve() in wanted]
    print(f"dpi {args.dpi}, onnxruntime threads: REPORTEXTRACT_OCR_THREADS or 1")
    print(
        f"{'document':46} {'pages':>5} {'cpu/p':>6} {'wall/p':>6} {'exact':>9} {'raw':>5} "
        f"{'fixed':>5} {'flags':>5} {'unflagged':>9} {'CER':>6}"
    )
    results = []
    for case in cases:
        r = run(case, args.dpi, args.seed)
        results.append(r)
        cer = "" if r.narrative_cer is None else f"{r.narrative_cer:6.2%}"
        print(
            f"{r.document[:46]:46} {r.pages:>5} {r.cpu_per_page:6.2f} {r.wall_per_page:6.2f} "
            f"{r.exact:>4}/{r.total:<4} {r.exact_before:>5} {r.corrections:>5} {r.flags:>5} "
            f"{len(r.unflagged):>9} {cer}"
        )
        if r.wrong:
            print(f"    wrong or missing: {r.wrong[:6]}")
    exact = sum(r.exact for r in results)
    total = sum(r.total for r in results)
    pages = sum(r.pages for r in results)
    cpu = sum(r.cpu_per_page * r.pages for r in results)
    unflagged = sum(len(r.unflagged) for r in results)
    print(
        f"all: {exact}/{total} cells exact ({exact / max(1, total):.2%}), {unflagged} wrong "
        f"cells without a flag, {cpu / max(1, pages):.2f} CPU s per page"
    )


if __name__ == "__main__":
    main()
