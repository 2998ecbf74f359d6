"""Accuracy and speed of OCR on scanned copies of documents with known truth.

    python benchmarks/ocr.py [PDF ...] [--dpi 200] [--seed 1] [--page-once]

Each text-layer PDF with a truth file (default: ../shared/real/docs/*.pdf and the
synthetic PDFs of corpus/samples) is scanned with `reportextract.synth.scan.scan_pdf`
(150–200 dpi, JPEG, noise, ±1°), read back by OCR, its tables rebuilt and compared with
the truth; the narrative text is compared with the text layer of the original. Bundled
scans (``*-scan.pdf``) are read as they are. Inference runs single-threaded
(``REPORTEXTRACT_OCR_THREADS``, default 1) on the engine the reader picks (printed);
CPU seconds are process time.
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

from reportextract.layout import Layout, document_text
from reportextract.model import Report
from reportextract.ocr_repair import correct_ocr_cells
from reportextract.readers.ocr.pdfpages import DEFAULT_DPI, ocr_layout
from reportextract.readers.pdf import read_pdf
from reportextract.tables.rebuild import rebuild_tables
from reportextract.template.checks import OCR_DIGIT_CORRECTION
from reportextract.truth import compare_cells

REPO = Path(__file__).resolve().parent.parent
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
    missing: list[tuple[str, str, str]]
    unflagged: list[tuple[str, str, str]]
    narrative_cer: float | None


def page_once_layout(data: bytes, dpi: int) -> Layout:
    """The other way to read a scan, for comparison: RapidOCR's detector and recogniser on
    the whole levelled page, each text box given to the ruled cell that holds its centre."""
    import cv2
    from rapidocr import RapidOCR

    from reportextract.layout import Grid, GridCell, Page, TextBlock
    from reportextract.readers.ocr.engine import model_files, threads
    from reportextract.readers.ocr.page import COLUMN_DRIFT, COORD_TOLERANCE_PT
    from reportextract.readers.ocr.pdfpages import render_page
    from reportextract.readers.ocr.preprocess import deskew, to_gray
    from reportextract.readers.ocr.rules import find_rules, table_cells
    from reportextract.readers.pdf_geometry import around, axis_index, cell_axes

    files = model_files()
    engine = RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.use_cls": False,
            "Det.model_path": str(files.detection),
            "Rec.model_path": str(files.recognition),
            "EngineConfig.onnxruntime.intra_op_num_threads": threads(),
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )
    pdf = pdfium.PdfDocument(data)
    layout = Layout(format="pdf")
    px = dpi / 72
    try:
        for index in range(len(pdf)):
            level, ink, faint, _ = deskew(to_gray(render_page(pdf, index, dpi)), dpi)
            tables = table_cells(find_rules(faint, ink, dpi).edges)
            result = engine(cv2.cvtColor(level, cv2.COLOR_GRAY2BGR))
            boxes = []
            found = getattr(result, "boxes", None)
            texts = getattr(result, "txts", None) or ()
            for quad, text in zip([] if found is None else list(found), texts, strict=False):
                xs, ys = [p[0] / px for p in quad], [p[1] / px for p in quad]
                boxes.append(((min(xs), min(ys), max(xs), max(ys)), text))
            used: set[int] = set()
            items: list[TextBlock | Grid] = []
            for cells in tables:
                xs_axis, ys_axis = cell_axes(cells, COORD_TOLERANCE_PT)
                grid_cells = []
                for x0, top, x1, bottom in cells:
                    inside = [
                        i
                        for i, (b, _) in enumerate(boxes)
                        if x0 <= (b[0] + b[2]) / 2 <= x1 and top <= (b[1] + b[3]) / 2 <= bottom
                    ]
                    used |= set(inside)
                    inside.sort(key=lambda i: (boxes[i][0][1], boxes[i][0][0]))
                    col, row = (
                        axis_index(xs_axis, x0, COORD_TOLERANCE_PT),
                        axis_index(ys_axis, top, COORD_TOLERANCE_PT),
                    )
                    grid_cells.append(
                        GridCell(
                            row,
                            col,
                            "\n".join(boxes[i][1] for i in inside),
                            rowspan=max(1, axis_index(ys_axis, bottom, COORD_TOLERANCE_PT) - row),
                            colspan=max(1, axis_index(xs_axis, x1, COORD_TOLERANCE_PT) - col),
                            page=index + 1,
                            bbox=(x0, top, x1, bottom),
                        )
                    )
                bbox = around(cells)
                items.append(
                    Grid(grid_cells, page=index + 1, bbox=bbox, geometry=True, drift=COLUMN_DRIFT)
                )
            items += [
                TextBlock(text, page=index + 1, bbox=b)
                for i, (b, text) in enumerate(boxes)
                if i not in used
            ]
            items.sort(key=lambda item: item.bbox[1] if item.bbox else 0.0)
            layout.pages.append(Page(index + 1, ocr=True))
            layout.items.extend(items)
    finally:
        pdf.close()
    return layout


def run(case: Case, dpi: int, seed: int, page_once: bool = False) -> Result:
    from reportextract.synth.scan import scan_pdf

    original = case.document.read_bytes()
    truth = json.loads(case.truth.read_text(encoding="utf-8"))
    if case.scanned:
        scanned, reference = original, None
    else:
        scanned, _ = scan_pdf(original, random.Random(seed), dt.datetime(2024, 1, 1))
        reference = _narrative(read_pdf(original))
    wall, cpu = time.perf_counter(), time.process_time()
    layout = page_once_layout(scanned, dpi) if page_once else ocr_layout(scanned, dpi)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    pages = layout.pages
    tables = rebuild_tables(layout, truth.get("year"))
    corrected, checks = correct_ocr_cells(tables.cells)
    report = Report(source=str(case.document), sha256="", format="pdf", report_id="bench")
    report.cells = tables.cells
    before = compare_cells(report, truth)
    report.cells = corrected
    after = compare_cells(report, truth)
    flagged = {c.scope for c in checks if c.passed is not True}
    low = {(c.table, c.row_code, c.col_code) for c in corrected if (c.confidence or 1.0) < 0.5}
    wrong = [key for key, _, _ in after.wrong]
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
        corrections=sum(1 for c in checks if c.check == OCR_DIGIT_CORRECTION.name and c.passed),
        flags=len(flagged),
        wrong=wrong,
        missing=list(after.missing),
        unflagged=unflagged,
        narrative_cer=cer,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--page-once",
        action="store_true",
        help="read each page with RapidOCR's detector + recogniser and give boxes to cells",
    )
    args = parser.parse_args()
    cases = default_cases()
    if args.pdfs:
        wanted = {p.resolve() for p in args.pdfs}
        cases = [c for c in cases if c.document.resolve() in wanted]
    method = "page once (detector + recogniser)" if args.page_once else "cell crops"
    from reportextract.readers.ocr.engine import describe

    print(
        f"dpi {args.dpi}, {method}, recognition on {describe()} "
        "(REPORTEXTRACT_OCR_ENGINE, REPORTEXTRACT_OCR_PRECISION), "
        "threads: REPORTEXTRACT_OCR_THREADS or 1"
    )
    print(
        f"{'document':46} {'pages':>5} {'cpu/p':>6} {'wall/p':>6} {'exact':>9} {'raw':>5} "
        f"{'fixed':>5} {'flags':>5} {'wrong':>5} {'unflagged':>9} {'missing':>7} {'CER':>6}"
    )
    results = []
    for case in cases:
        r = run(case, args.dpi, args.seed, args.page_once)
        results.append(r)
        cer = "" if r.narrative_cer is None else f"{r.narrative_cer:6.2%}"
        print(
            f"{r.document[:46]:46} {r.pages:>5} {r.cpu_per_page:6.2f} {r.wall_per_page:6.2f} "
            f"{r.exact:>4}/{r.total:<4} {r.exact_before:>5} {r.corrections:>5} {r.flags:>5} "
            f"{len(r.wrong):>5} {len(r.unflagged):>9} {len(r.missing):>7} {cer}"
        )
        if r.wrong or r.missing:
            print(f"    wrong: {r.wrong[:6]} missing: {r.missing[:3]}")
    exact = sum(r.exact for r in results)
    total = sum(r.total for r in results)
    pages = sum(r.pages for r in results)
    cpu = sum(r.cpu_per_page * r.pages for r in results)
    unflagged = sum(len(r.unflagged) for r in results)
    wrong = sum(len(r.wrong) for r in results)
    missing = sum(len(r.missing) for r in results)
    print(
        f"all: {exact}/{total} cells exact ({exact / max(1, total):.2%}); {wrong} wrong values, "
        f"{unflagged} of them without a flag; {missing} cells missing (rows not rebuilt: the "
        f"report is partial); {cpu / max(1, pages):.2f} CPU s per page"
    )


if __name__ == "__main__":
    main()
