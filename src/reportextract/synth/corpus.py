"""Generate a corpus: N reports, each rendered in one or more formats, with a truth file per document.

Reports are processed in chunks; the DOCX files that need a PDF are converted with one
LibreOffice call per chunk, so that a corpus of thousands of documents is converted in
batches. Documents go to OUT/samples, truth to OUT/truth/<file name>.json.
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

FORMATS = ("pdf", "docx", "txt", "html", "scan", "borderless")
DEFAULT_FORMATS = ("pdf", "docx", "txt", "html")
NEEDS_LIBREOFFICE = frozenset({"pdf", "scan", "borderless"})
_SUFFIX = {
    "pdf": ".pdf",
    "docx": ".docx",
    "txt": ".txt",
    "html": ".html",
    "scan": "-scan.pdf",
    "borderless": "-borderless.pdf",
}
_FILE_FORMAT = {"scan": "pdf", "borderless": "pdf"}


@dataclass(frozen=True, slots=True)
class Document:
    """One generated document and its truth file."""

    path: Path
    truth: Path
    fmt: str  # pdf | docx | txt | html | scan | borderless
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
    def __init__(self, out_dir: Path, batch_size: int = 40) -> None:
        if out_dir.exists() and not out_dir.is_dir():
            raise NotADirectoryError(f"{out_dir} exists and is not a directory")
        self.samples = out_dir / "samples"
        self.truth_dir = out_dir / "truth"
        self.samples.mkdir(parents=True, exist_ok=True)
        self.truth_dir.mkdir(parents=True, exist_ok=True)
        self.batch_size = batch_size
        self.documents: list[Document] = []

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

    def write(self, jobs: Sequence[_Job]) -> None:
        """Render one chunk of jobs; the PDFs of the chunk come from one LibreOffice run."""
        pdf_jobs: list[tuple[_Job, Path]] = []
        with tempfile.TemporaryDirectory(prefix="reportextract-synth-") as tmp:
            work = Path(tmp)
            for job in jobs:
                report, fmt = job.report, job.fmt
                if fmt == "txt":
                    rendered = render_text(report)
                    self._record(report, fmt, rendered.data, rendered, [])
                elif fmt == "html":
                    rendered = render_html(report)
                    self._record(report, fmt, rendered.data, rendered, [])
                elif fmt == "docx":
                    rendered = render_docx(report)
                    self._record(report, fmt, rendered.data, rendered, [])
                elif fmt in NEEDS_LIBREOFFICE:
                    docx = work / (file_name(report.stem, fmt).removesuffix(".pdf") + ".docx")
                    borders = _borders(report) if fmt == "borderless" else BORDERS_FULL
                    docx.write_bytes(build_docx(report, borders=borders))
                    pdf_jobs.append((job, docx))
                else:
                    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
            if pdf_jobs:
                converted = convert_docx_to_pdf(
                    [docx for _, docx in pdf_jobs], work / "pdf", self.batch_size
                )
                for job, docx in pdf_jobs:
                    self._finish_pdf(job, converted[docx].read_bytes())

    def _finish_pdf(self, job: _Job, pdf: bytes) -> None:
        report = job.report
        stamp = dt.datetime.combine(report.content.published, dt.time(9, 30))
        pdf = stabilize_pdf(pdf, stamp, file_name(report.stem, job.fmt))
        pres = report.presentation
        shown = (pres.wrapper or pres.date_printed, pres.wrapper)
        rendered = Rendered(pdf, *shown, notes=style_notes(report))
        if job.fmt == "scan":
            scanned, scan_notes = scan_pdf(pdf, report.rng("scan"), stamp)
            self._record(report, "scan", scanned, rendered, scan_notes)
        elif job.fmt == "borderless":
            what = "no rules at all" if _borders(report) == BORDERS_NONE else "only an outer border"
            note = f"PDF converted with LibreOffice from a DOCX whose tables have {what}."
            self._record(report, "borderless", pdf, rendered, [note])
        else:
            note = "PDF converted from the DOCX with LibreOffice."
            self._record(report, "pdf", pdf, rendered, [note])


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
    writer = CorpusWriter(out_dir, batch_size)
    jobs: list[_Job] = []
    for path, fmts in from_truth:
        report = build_from_truth(path, seed)
        jobs.extend(_Job(report, fmt) for fmt in fmts)
    total = count + len(from_truth)
    for index in range(start, start + count):
        report = build_report(seed, index, errors=errors and has_errors(index, error_rate))
        jobs.extend(_Job(report, fmt) for fmt in formats_for(seed, index, formats, per_report))
        if len(jobs) >= batch_size:
            writer.write(jobs)
            jobs = []
            if progress:
                progress(index - start + 1 + len(from_truth), total)
    if jobs:
        writer.write(jobs)
        if progress:
            progress(total, total)
    return writer.documents
