"""`extract(path) -> Report`: the library's core, one document from bytes to records.

read (one reader per format) → Layout → tables, narrative, metadata → checks.
The CLI and the batch runner only call this. A document whose bytes cannot be read,
or that is not a report, gives a Report with status ``failed`` and a one-line reason;
nothing here raises for a bad document (only for a path that names no readable file).
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from .audit import check_report
from .bodies import identify_body
from .errors import DocumentError, DocumentTooLarge, NotAReport
from .layout import Layout, document_text
from .metadata import Metadata, extract_metadata
from .model import STATUS_OK, STATUS_PARTIAL, Check, Figure, Report, file_sha256, report_id_for
from .narrative import extract_figures
from .ocr_repair import correct_ocr_cells
from .readers import MAX_BYTES, read_layout, sniff_format
from .readers.pictures import PictureFiles
from .tables.rebuild import TablesResult, rebuild_tables
from .template import RowSpec, template_map
from .template.checks import ROWS_MISSING, TABLE_MISSING, kind_of

log = logging.getLogger(__name__)


def extract(path: str | Path, *, source: str | None = None, data: bytes | None = None) -> Report:
    """Extract one document. ``source`` is recorded as given (a path or the URL it came from).

    Raises OSError (FileNotFoundError, PermissionError …) when ``path`` cannot be read, as
    ``open`` does: there is no document, so no report. Whatever is wrong with the bytes
    themselves gives a failed Report instead.
    """
    started = time.perf_counter()
    name = str(path)
    if data is None:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            report = _report(name, source, file_sha256(Path(path)), size)
            report.fail(f"file is {size} bytes, over the {MAX_BYTES}-byte limit")
            report.format = Path(name).suffix.lower().lstrip(".") or "unknown"
            return report
        data = Path(path).read_bytes()
    report = _report(name, source, hashlib.sha256(data).hexdigest(), len(data))
    try:
        if len(data) > MAX_BYTES:
            raise DocumentTooLarge(f"file is {len(data)} bytes, over the {MAX_BYTES}-byte limit")
        kind = sniff_format(data, name)
        report.format = "doc" if kind == "ole" else kind
        pictures = _picture_files(Path(path), source) if kind == "html" else None
        layout = read_layout(data, name, kind, pictures)
        _fill(report, layout)
    except DocumentError as exc:
        report.fail(str(exc) or type(exc).__name__)
    except MemoryError:
        report.fail("out of memory while reading the document")
    except Exception as exc:  # a bug must not stop a batch: record it on the document
        # One line on the terminal; the traceback only when asked for (-v).
        log.warning(
            "internal error on %s: %s: %s",
            name,
            type(exc).__name__,
            exc,
            exc_info=log.isEnabledFor(logging.INFO),
        )
        report.fail(f"internal error: {type(exc).__name__}: {exc}")
    report.seconds = time.perf_counter() - started
    return report


def _report(name: str, source: str | None, digest: str, size: int) -> Report:
    return Report(
        source=source or name,
        sha256=digest,
        format="unknown",
        report_id=report_id_for(digest),
        size=size,
    )


def _picture_files(path: Path, source: str | None) -> PictureFiles:
    """Where a web page's pictures are: beside its file, or stored by the fetch that
    brought it (the corpus's manifest names them by URL)."""
    folder = path.parent if path.parent.is_dir() else None
    base = source if source and "://" in source else None
    urls: dict[str, Path] = {}
    corpus = _corpus_root(path)
    if corpus is not None:
        try:
            from .fetch.pictures import corpus_pictures
        except ImportError:  # a corpus copied to an install without the fetch extra
            return PictureFiles(folder, base, urls)
        page_url, urls = corpus_pictures(corpus, path)
        base = page_url or base
    return PictureFiles(folder, base, urls)


def _corpus_root(path: Path) -> Path | None:
    """The fetched corpus a document file sits in (``<corpus>/sha256/ab/<file>``)."""
    try:
        resolved = path.resolve()
    except OSError:
        return None
    for parent in list(resolved.parents)[:3]:
        if (parent / "manifest.csv").is_file():
            return parent
    return None


def _fill(report: Report, layout: Layout) -> None:
    report.format = layout.format
    report.pages = len(layout.pages) or 1
    report.ocr_pages = sum(1 for page in layout.pages if page.ocr)
    if not layout.pages and any(grid.picture is not None for grid in layout.grids):
        report.ocr_pages = 1  # a web page or Word file whose tables are pictures
    if report.ocr_pages:
        from .readers.ocr.engine import in_use

        report.ocr_engine = in_use()
    meta = extract_metadata(layout)
    figures = _figures(layout)
    tables = rebuild_tables(layout, meta.year, figures)
    _apply_metadata(report, meta, tables)
    report.body = identify_body(layout, meta.issuer, meta.year, report.source)
    cells, ocr_checks = correct_ocr_cells(tables.cells)
    report.cells = cells
    report.figures = figures
    report.checks = [
        *tables.checks,
        *ocr_checks,
        *check_report(
            cells,
            figures,
            tables=template_map().edition(report.template).tables,
            unread=tables.unread,
        ),
    ]
    _judge(report, meta, tables, layout)


def _apply_metadata(report: Report, meta: Metadata, tables: TablesResult) -> None:
    report.issuer = meta.issuer
    report.title = meta.title
    report.year = meta.year
    report.published = meta.published
    report.doc_number = meta.doc_number
    report.template = tables.template


def _figures(layout: Layout) -> list[Figure]:
    return extract_figures(document_text(layout))


def _judge(report: Report, meta: Metadata, tables: TablesResult, layout: Layout) -> None:
    """ok, partial (tables or rows missing) or not a report at all."""
    found = tables.tables_found
    if not found and meta.title is None:
        raise NotAReport(
            "no 政府信息公开工作年度报告 title and no template tables: not a disclosure annual report"
        )
    edition = template_map().edition(report.template)
    missing = [
        Check(TABLE_MISSING.name, t, t, None, None, False, f"table {t} not found")
        for t in edition.required
        if t not in found
    ]
    report.checks += missing
    problems = [check.detail for check in missing]
    if not edition.required and not found and not any(f.metric for f in report.figures):
        problems.append(
            "neither a table of the "
            + edition.name
            + " edition nor a figure the text states was found"
        )
    if missing:
        problems += layout.unread_pictures
    rows_missing = _missing_rows(tables)
    report.checks += rows_missing
    problems += [check.detail for check in rows_missing]
    problems += [c.detail for c in tables.checks if _left_out(c)]
    problems += layout.warnings
    report.status = STATUS_PARTIAL if problems else STATUS_OK
    report.error = "; ".join(problems) or None


def _left_out(check: Check) -> bool:
    """A check that did not pass, of a kind that leaves cells out."""
    return kind_of(check.check).partial and check.passed is not True


def _missing_rows(tables: TablesResult) -> list[Check]:
    """A failed check for each table the report prints without some of its template rows
    (the rows of the edition's table, a group printed undivided or divided counted in the
    form printed) that no check leaving cells out explains: not printed, or lost in
    reading (a scanned table whose rules were not all found)."""
    tm = template_map()
    edition = tm.edition(tables.template)
    explained = {c.scope for c in tables.checks if kind_of(c.check).partial}
    problems = []
    for name in edition.required:
        if name not in tables.tables_found:
            continue
        spec = tm.table(name)
        present = {c.row_code for c in tables.cells if c.table == name}
        expected = [
            row.code
            for row in spec.rows
            if not isinstance(row, RowSpec) or row.in_edition(edition.name)
        ]
        for group in spec.groups:
            parts = spec.divided(group.undivided) if group.undivided else ()
            if any(code in present for code in parts):
                expected = [code for code in expected if code != group.undivided]
            elif group.undivided in present:
                expected = [code for code in expected if code not in parts]
        missing = [code for code in expected if code not in present and code not in explained]
        if missing:
            problems.append(
                Check(
                    ROWS_MISSING.name,
                    name,
                    name,
                    float(len(expected)),
                    float(sum(1 for code in expected if code in present)),
                    False,
                    f"table {name} rows not read: {', '.join(missing)}",
                )
            )
    return problems
