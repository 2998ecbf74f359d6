"""Generate a corpus: N reports, each rendered in one or more formats, with a truth file per document.

Text, HTML and DOCX documents are written as soon as they are rendered. Documents that
need LibreOffice (pdf, scan, borderless, pictures) are queued as DOCX files and converted in
batches of `batch_size` per soffice call, with one LibreOffice profile for the whole
run, so that thousands of documents convert in bounded time and memory. Every PDF is
checked for text drawn over text and text left out; a broken one is converted again
with its pages broken elsewhere (a larger bottom margin), and if that is broken too
the run stops with `BrokenLayout`. Documents go to OUT/samples, truth to OUT/truth/<file name>.json.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .convert import convert_docx_to_pdf, stabilize_pdf
from .pdfcheck import BrokenLayout, layout_problems
from .pictures import DEFAULT_DPI as PICTURE_DPI
from .pictures import pdf_with_table_pictures
from .render_docx import (
    BORDERS_FULL,
    BORDERS_NONE,
    BORDERS_OUTER,
    build_docx,
    render_docx,
    style_notes,
)
from .render_html import render_html
from .render_text import Rendered, render_text
from .report import SynthReport, build_from_truth, build_report
from .scan import scan_pdf
from .truth import build_truth, write_truth

FORMATS = ("pdf", "docx", "txt", "html", "scan", "borderless", "pictures")
DEFAULT_FORMATS = ("pdf", "docx", "txt", "html")
NEEDS_LIBREOFFICE = frozenset({"pdf", "scan", "borderless", "pictures"})
_SUFFIX = {
    "pdf": ".pdf",
    "docx": ".docx",
    "txt": ".txt",
    "html": ".html",
    "scan": "-scan.pdf",
    "borderless": "-borderless.pdf",
    "pictures": "-pictures.pdf",
}
_FILE_FORMAT = {"scan": "pdf", "borderless": "pdf", "pictures": "pdf"}


@dataclass(frozen=True, slots=True)
class Document:
    """One generated document and its truth file."""

    path: Path
    truth: Path
    fmt: str  # pdf | docx | txt | html | scan | borderless | pictures
    report: str  # the report's file stem


def file_name(stem: str, fmt: str) -> str:
    return stem + _SUFFIX[fmt]


def formats_for(seed: int | str, index: int, formats: Sequence[str], per_report: int) -> list[str]:
    """Which formats report `index` is rendered in: formats rotate, extra ones are drawn."""
    first = formats[index % len(formats)]
    others = [fmt for fmt in formats if fmt != first]
    extra = random.Random(f"{seed}:{index}:formats").sample(
        others, min(len(others), max(0, per_report - 1))
    )
    return [first, *sorted(extra, key=formats.index)]


def has_errors(index: int, rate: float) -> bool:
    """Evenly spread error reports: exactly floor(count × rate) of the first `count`."""
    return math.floor((index + 1) * rate) > math.floor(index * rate)


@dataclass(slots=True)
class _Job:
    report: SynthReport
    fmt: str


class CorpusWriter:
    """Writes documents as they are rendered; PDFs are queued and converted in full batches.

    Use as a context manager: leaving it converts what is still queued and removes the
    temporary DOCX files and the LibreOffice profile (one per run, reused by every batch).
    """

    def __init__(self, out_dir: Path, batch_size: int = 40) -> None:
        if out_dir.exists() and not out_dir.is_dir():
            raise NotADirectoryError(f"{out_dir} exists and is not a directory")
        self.samples = out_dir / "samples"
        self.truth_dir = out_dir / "truth"
        self.samples.mkdir(parents=True, exist_ok=True)
        self.truth_dir.mkdir(parents=True, exist_ok=True)
        self.batch_size = batch_size
        self.documents: list[Document] = []
        self._tmp = tempfile.TemporaryDirectory(prefix="reportextract-synth-")
        self._work = Path(self._tmp.name)
        self._queue: list[tuple[_Job, Path]] = []

    def __enter__(self) -> CorpusWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.flush()
        finally:
            self._tmp.cleanup()

    def _record(
        self, report: SynthReport, fmt: str, data: bytes, rendered: Rendered, extra: list[str]
    ) -> None:
        name = file_name(report.stem, fmt)
        path = self.samples / name
        path.write_bytes(data)
        truth = build_truth(
            report,
            name,
            style=f"synth-{fmt}",
            fmt=_FILE_FORMAT.get(fmt, fmt),
            published_shown=rendered.published_shown,
            doc_number_shown=rendered.doc_number_shown,
            format_notes=rendered.notes + extra,
        )
        self.documents.append(Document(path, write_truth(truth, self.truth_dir), fmt, report.stem))

    def add(self, job: _Job) -> None:
        """Render one document (or queue it for LibreOffice)."""
        report, fmt = job.report, job.fmt
        if fmt == "txt":
            rendered = render_text(report)
        elif fmt == "html":
            rendered = render_html(report)
        elif fmt == "docx":
            rendered = render_docx(report)
        elif fmt in NEEDS_LIBREOFFICE:
            docx = self._work / (file_name(report.stem, fmt).removesuffix(".pdf") + ".docx")
            docx.write_bytes(_docx_for_pdf(job))
            self._queue.append((job, docx))
            if len(self._queue) >= self.batch_size:
                self.flush()
            return
        else:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        self._record(report, fmt, rendered.data, rendered, [])

    def flush(self) -> None:
        """Convert the queued DOCX files with one LibreOffice run and record the PDFs."""
        if not self._queue:
            return
        queue, self._queue = self._queue, []
        pdfs = self._convert([docx for _, docx in queue])
        broken = [
            (job, docx) for job, docx in queue if layout_problems(pdfs[docx], docx.read_bytes())
        ]
        for job, docx in broken:
            docx.write_bytes(_docx_for_pdf(job, relayout=True))
        pdfs |= self._convert([docx for _, docx in broken])
        for job, docx in broken:
            problems = layout_problems(pdfs[docx], docx.read_bytes())
            if problems:
                raise BrokenLayout(
                    f"{file_name(job.report.stem, job.fmt)}: LibreOffice's PDF is broken, "
                    f"also with the pages broken elsewhere: {'; '.join(problems)}"
                )
        relaid = {docx for _, docx in broken}
        for job, docx in queue:
            self._finish_pdf(job, pdfs[docx], docx in relaid)
            docx.unlink()

    def _convert(self, files: list[Path]) -> dict[Path, bytes]:
        if not files:
            return {}
        converted = convert_docx_to_pdf(
            files, self._work / "pdf", self.batch_size, profile=self._work / "profile"
        )
        pdfs = {}
        for docx, pdf in converted.items():
            pdfs[docx] = pdf.read_bytes()
            pdf.unlink()
        return pdfs

    def _finish_pdf(self, job: _Job, pdf: bytes, relaid: bool) -> None:
        report = job.report
        stamp = dt.datetime.combine(report.content.published, dt.time(9, 30))
        pdf = stabilize_pdf(pdf, stamp, file_name(report.stem, job.fmt))
        pres = report.presentation
        shown = (pres.wrapper or pres.date_printed, pres.wrapper)
        notes = style_notes(report)
        if relaid:
            notes.append(
                "LibreOffice's first PDF of it was broken (text over text or left out); "
                "converted again with a 1 cm larger bottom margin."
            )
        rendered = Rendered(pdf, *shown, notes=notes)
        if job.fmt == "scan":
            scanned, scan_notes = scan_pdf(pdf, report.rng("scan"), stamp)
            self._record(report, "scan", scanned, rendered, scan_notes)
        elif job.fmt == "pictures":
            note = (
                f"PDF converted with LibreOffice, then each table replaced by a "
                f"{PICTURE_DPI}-dpi picture of itself (the running text stays text)."
            )
            self._record(report, "pictures", pdf_with_table_pictures(pdf), rendered, [note])
        elif job.fmt == "borderless":
            what = "no rules at all" if _borders(report) == BORDERS_NONE else "only an outer border"
            note = f"PDF converted with LibreOffice from a DOCX whose tables have {what}."
            self._record(report, "borderless", pdf, rendered, [note])
        else:
            note = "PDF converted from the DOCX with LibreOffice."
            self._record(report, "pdf", pdf, rendered, [note])


def _docx_for_pdf(job: _Job, relayout: bool = False) -> bytes:
    borders = _borders(job.report) if job.fmt == "borderless" else BORDERS_FULL
    return build_docx(job.report, borders=borders, relayout=relayout)


def _borders(report: SynthReport) -> str:
    """The table rules of a report's borderless rendering: none, or an outer border only."""
    return report.rng("borderless").choice((BORDERS_NONE, BORDERS_OUTER))


def generate_corpus(
    out_dir: Path,
    count: int,
    seed: int | str,
    formats: Sequence[str] = DEFAULT_FORMATS,
    errors: bool = False,
    error_rate: float = 0.25,
    per_report: int = 1,
    from_truth: Sequence[tuple[Path, Sequence[str]]] = (),
    batch_size: int = 40,
    progress: Callable[[int, int], None] | None = None,
    start: int = 0,
) -> list[Document]:
    """Write `count` synthetic reports (plus any rebuilt from truth files) to out_dir.

    Reports are numbered from `start` (so that a corpus can be generated in shards).
    Each report is rendered in `per_report` of `formats` (rotating, so every format is
    used); with `errors`, floor(count × error_rate) reports carry deliberate errors,
    spread evenly over the report numbers.
    """
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    for _, fmts in from_truth:
        unknown += [fmt for fmt in fmts if fmt not in FORMATS]
    if unknown:
        raise ValueError(
            f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}"
        )
    if not formats and not from_truth:
        raise ValueError("no formats given")
    total = count + len(from_truth)
    with CorpusWriter(out_dir, batch_size) as writer:
        for path, fmts in from_truth:
            report = build_from_truth(path, seed)
            for fmt in fmts:
                writer.add(_Job(report, fmt))
        for index in range(start, start + count):
            report = build_report(seed, index, errors=errors and has_errors(index, error_rate))
            for fmt in formats_for(seed, index, formats, per_report):
                writer.add(_Job(report, fmt))
            if progress and (index - start + 1) % 10 == 0:
                progress(index - start + 1 + len(from_truth), total)
    if progress:
        progress(total, total)
    return writer.documents
