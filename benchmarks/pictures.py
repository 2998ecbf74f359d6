"""Tables printed as pictures inside text documents: accuracy, and what looking costs.

    python benchmarks/pictures.py [PDF ...] [--generated N] [--seed S] [--repeat R]

Accuracy: each text PDF with a truth file (default: ../shared/real/docs/*.pdf and the
generated PDFs of corpus/samples; ``--generated N`` adds N more reports generated now,
which needs LibreOffice) is rebuilt three ways by `reportextract.synth.pictures` — the
PDF with its tables as 200-dpi pictures of themselves, a DOCX of its paragraphs with
the tables as inline pictures, a web page with the tables as ``<img>`` files beside it —
and each is extracted and compared with the truth: cells exact, wrong, missing,
spurious, and wrong cells that carry no flag (a failed check or a confidence < 0.5).

Cost: the text PDFs as they are (no pictures) are read with the picture search and
with it switched off, in the same run, alternating, best of ``--repeat``; the ratio is
the search's cost on documents without pictures. Pictures that are not tables (a logo,
a QR code, a photo, a seal) are placed on a page and the time to pass them over is
printed beside the time a table picture takes to read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "real"
sys.path.insert(0, str(REPO / "tests"))


@dataclass(slots=True)
class Case:
    name: str
    pdf: Path
    truth: dict


def default_cases() -> list[Case]:
    cases = []
    for pdf in sorted((REAL / "docs").glob("*.pdf")):
        truth = REAL / "truth" / f"{pdf.name}.json"
        if truth.exists():
            cases.append(Case(pdf.name, pdf, json.loads(truth.read_text(encoding="utf-8"))))
    corpus = REPO / "corpus"
    for pdf in sorted((corpus / "samples").glob("*.pdf")):
        truth = corpus / "truth" / f"{pdf.name}.json"
        if truth.exists() and not pdf.stem.endswith(("-scan", "-borderless")):
            cases.append(Case(pdf.name, pdf, json.loads(truth.read_text(encoding="utf-8"))))
    return cases


def generated_cases(count: int, seed: int, folder: Path) -> list[Case]:
    from reportextract.synth.corpus import generate_corpus

    documents = generate_corpus(folder, count, seed, formats=["pdf"], progress=None)
    return [
        Case(doc.path.name, doc.path, json.loads(doc.truth.read_text(encoding="utf-8")))
        for doc in documents
    ]


def variants(pdf: bytes, folder: Path) -> dict[str, Path]:
    from reportextract.synth.pictures import (
        docx_with_table_pictures,
        html_with_table_pictures,
        pdf_with_table_pictures,
    )

    folder.mkdir(parents=True, exist_ok=True)
    out = {"pdf": folder / "report.pdf", "docx": folder / "report.docx"}
    out["pdf"].write_bytes(pdf_with_table_pictures(pdf))
    out["docx"].write_bytes(docx_with_table_pictures(pdf))
    page, files = html_with_table_pictures(pdf)
    out["html"] = folder / "report.html"
    out["html"].write_bytes(page)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return out


def accuracy(cases: list[Case], work: Path) -> None:
    from reportextract.pipeline import extract
    from reportextract.truth import compare_cells

    print(
        f"{'document':34} {'as':5} {'exact':>9} {'wrong':>5} {'unflagged':>9} {'missing':>7} "
        f"{'spurious':>8} {'cpu s':>6}  status"
    )
    totals: dict[str, list[int]] = {}
    for index, case in enumerate(cases):
        paths = variants(case.pdf.read_bytes(), work / f"{index:03d}")
        for kind, path in paths.items():
            cpu = time.process_time()
            report = extract(path)
            cpu = time.process_time() - cpu
            comparison = compare_cells(report, case.truth)
            flagged = {
                (c.table, *c.scope.split("/")[:2]) for c in report.checks if c.passed is not True
            }
            low = {
                (c.table, c.row_code, c.col_code) for c in report.cells if (c.confidence or 1) < 0.5
            }
            wrong = [key for key, _, _ in comparison.wrong]
            unflagged = [k for k in wrong if k not in flagged and k not in low]
            row = totals.setdefault(kind, [0, 0, 0, 0, 0, 0])
            for i, n in enumerate(
                (
                    comparison.exact,
                    comparison.total,
                    len(wrong),
                    len(unflagged),
                    len(comparison.missing),
                    len(comparison.spurious),
                )
            ):
                row[i] += n
            print(
                f"{case.name[:34]:34} {kind:5} {comparison.exact:>4}/{comparison.total:<4} "
                f"{len(wrong):>5} {len(unflagged):>9} {len(comparison.missing):>7} "
                f"{len(comparison.spurious):>8} {cpu:6.1f}  {report.status}"
            )
    for kind, (exact, total, wrong, unflagged, missing, spurious) in totals.items():
        print(
            f"all {kind}: {exact}/{total} cells exact ({exact / max(1, total):.2%}), {wrong} wrong "
            f"({unflagged} without a flag), {missing} missing, {spurious} spurious"
        )


def _best(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        function()
        best = min(best, time.process_time() - started)
    return best


def search_cost(cases: list[Case], repeat: int) -> None:
    """read_pdf on text PDFs without pictures, with the picture search and as before it
    (the page's object list asked only whether it draws an image, to tell a scan)."""
    import reportextract.readers.pdf as pdf_reader
    from reportextract.readers.ocr.textlayer import page_has_images

    documents = [case.pdf.read_bytes() for case in cases]
    real_boxes = pdf_reader.picture_boxes

    def before(page: object, height: float) -> list:
        page_has_images(page)  # what telling a scan asked before pictures were looked for
        return []

    def without() -> None:
        pdf_reader.picture_boxes = before  # type: ignore[assignment]
        try:
            for data in documents:
                pdf_reader.read_pdf(data)
        finally:
            pdf_reader.picture_boxes = real_boxes

    def with_search() -> None:
        for data in documents:
            pdf_reader.read_pdf(data)

    with_search()  # warm-up: imports, the template, jieba
    timings = {"with": [], "without": []}
    for _ in range(repeat):
        timings["without"].append(_best(without, 1))
        timings["with"].append(_best(with_search, 1))
    on, off = min(timings["with"]), min(timings["without"])
    pages = sum(len(pdf_reader.read_pdf(d).pages) for d in documents)
    print(
        f"text PDFs without pictures ({len(documents)} documents, {pages} pages), read_pdf best "
        f"of {repeat}: with the picture search {on * 1000 / pages:.2f} ms/page, as before it "
        f"{off * 1000 / pages:.2f} ms/page, ratio {on / off:.3f}"
    )


def passing_over(repeat: int) -> None:
    """CPU time to look at a picture that is not a table, against reading a table picture."""
    from pictures_support import non_table_pictures, pdf_with_pictures, table_picture_png
    from reportextract.readers.pdf import read_pdf

    plain = pdf_with_pictures({})
    base = _best(lambda: read_pdf(plain), repeat)
    print(f"a text page alone: {base * 1000:.1f} ms")
    for name, png in [*non_table_pictures().items(), ("table", table_picture_png())]:
        document = pdf_with_pictures({name: png})
        spent = _best(lambda document=document: read_pdf(document), repeat) - base
        print(f"  with a {name:6} picture: +{spent * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--generated", type=int, default=0)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-accuracy", action="store_true")
    args = parser.parse_args()
    cases = default_cases()
    if args.pdfs:
        wanted = {p.resolve() for p in args.pdfs}
        cases = [c for c in cases if c.pdf.resolve() in wanted]
    with tempfile.TemporaryDirectory() as tmp:
        if args.generated:
            cases += generated_cases(args.generated, args.seed, Path(tmp) / "generated")
        search_cost(cases, args.repeat)
        passing_over(args.repeat)
        if not args.skip_accuracy:
            accuracy(cases, Path(tmp) / "variants")


if __name__ == "__main__":
    main()
