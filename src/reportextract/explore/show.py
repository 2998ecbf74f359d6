"""``reportextract show``: a cell or a narrative figure with its provenance, as text or on its page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from PIL import Image

from ..readers.borderless import BorderlessPage
from ..readers.pdf import tables_without_rules
from ..template import template_map
from .dataset import connect, records
from .errors import NotFound
from .picture import picture_image
from .render import (
    BOX_COLOUR,
    MUTED,
    Line,
    column_labels,
    draw_box,
    draw_outline,
    locate_text,
    render_page,
    row_table,
    text_card,
    with_panel,
)
from .source import LocalSource, local_source

TABLE_NAMES = {"proactive": "表二", "requests": "表三", "appeals": "表四"}


@dataclass(frozen=True, slots=True)
class CellRef:
    table: str
    row_code: str
    col_code: str

    @classmethod
    def parse(cls, text: str) -> CellRef:
        parts = [p.strip() for p in text.split("/")]
        if len(parts) != 3 or not all(parts):
            raise ValueError(
                f"--cell wants table/row_code/col_code, e.g. requests/granted/total (got {text!r})"
            )
        return cls(*parts)

    def __str__(self) -> str:
        return f"{self.table}/{self.row_code}/{self.col_code}"


@dataclass(slots=True)
class CellView:
    report: dict[str, Any]
    cell: dict[str, Any]
    row: list[dict[str, Any]]
    source: LocalSource


@dataclass(slots=True)
class FigureView:
    report: dict[str, Any]
    figure: dict[str, Any]
    span: tuple[int, int] | None  # the figure's characters in its sentence
    source: LocalSource
    others: int = 0  # further figures with the same metric


def resolve_report(con: duckdb.DuckDBPyConnection, report_id: str) -> dict[str, Any]:
    """The reports row whose id is ``report_id`` or starts with it (a unique prefix)."""
    prefix = report_id.strip().lower()
    if not prefix:
        raise NotFound("give a report id (or a unique prefix of one)")
    rows = records(
        con,
        "SELECT * FROM reports WHERE report_id = $id OR starts_with(report_id, $id) "
        "ORDER BY report_id",
        {"id": prefix},
    )
    exact = [r for r in rows if r["report_id"] == prefix]
    if exact:
        return exact[0]
    if not rows:
        raise NotFound(f"no report with an id starting with {report_id!r}")
    if len(rows) > 1:
        shown = ", ".join(f"{r['report_id']} ({r['issuer']} {r['year']})" for r in rows[:8])
        more = f" and {len(rows) - 8} more" if len(rows) > 8 else ""
        raise NotFound(f"{report_id!r} is ambiguous: {shown}{more}")
    return rows[0]


def _column_order(table: str, row_code: str, template: str | None) -> list[str]:
    tmap = template_map()
    if table == "requests":
        return list(tmap.requests_column_codes)
    if table == "appeals":
        return [o.code for o in tmap.appeals_outcomes]
    for row in tmap.proactive_rows:
        if row.code == row_code:
            return list(row.columns_by_template.get(template or "", ()))
    return []


@contextmanager
def _opened(
    root: str | Path, report_id: str
) -> Iterator[tuple[duckdb.DuckDBPyConnection, dict[str, Any]]]:
    """A connection to the dataset and the report ``report_id`` names; closed after."""
    con = connect(root)
    try:
        yield con, resolve_report(con, report_id)
    finally:
        con.close()


def cell_view(
    root: str | Path, report_id: str, ref: CellRef, source: Path | None = None
) -> CellView:
    with _opened(root, report_id) as (con, report):
        row = records(
            con,
            'SELECT * FROM cells WHERE report_id = $id AND "table" = $t AND row_code = $r',
            {"id": report["report_id"], "t": ref.table, "r": ref.row_code},
        )
        if not row:
            present = con.sql(
                'SELECT DISTINCT row_code FROM cells WHERE report_id = $id AND "table" = $t '
                "ORDER BY row_code",
                params={"id": report["report_id"], "t": ref.table},
            ).fetchall()
            known = ", ".join(r[0] for r in present) or "none"
            raise NotFound(
                f"report {report['report_id']} has no row {ref.row_code!r} in table "
                f"{ref.table!r} (rows there: {known})"
            )
    order = _column_order(ref.table, ref.row_code, report.get("template"))
    row.sort(
        key=lambda c: (
            order.index(c["col_code"]) if c["col_code"] in order else len(order),
            c["col_code"],
        )
    )
    cells = [c for c in row if c["col_code"] == ref.col_code]
    if not cells:
        columns = ", ".join(c["col_code"] for c in row)
        raise NotFound(
            f"report {report['report_id']} prints no cell {ref} (columns of that row: {columns})"
        )
    return CellView(report, cells[0], row, _source(report, root, source))


def _source(report: dict[str, Any], root: str | Path, override: Path | None) -> LocalSource:
    return local_source(report.get("source"), report.get("sha256"), Path(root), override)


def figure_span(
    sentence: str, text: str, char_start: int | None, siblings: list[dict[str, Any]]
) -> tuple[int, int] | None:
    """Where ``text`` stands in ``sentence``.

    ``char_start`` counts from the start of the report's narrative, not of the sentence;
    when the text occurs more than once, the occurrence that puts the other figures of the
    same sentence at their own offsets wins.
    """
    if not sentence or not text:
        return None
    positions = [i for i in range(len(sentence)) if sentence.startswith(text, i)]
    if not positions:
        return None
    if len(positions) == 1 or char_start is None:
        return positions[0], positions[0] + len(text)

    def agreement(position: int) -> int:
        base = char_start - position
        count = 0
        for sibling in siblings:
            text_of, start = sibling.get("text") or "", sibling.get("char_start")
            if start is not None and start >= base and sentence.startswith(text_of, start - base):
                count += 1
        return count

    best = max(positions, key=lambda p: (agreement(p), -p))
    return best, best + len(text)


def figure_views(
    root: str | Path, report_id: str, metric: str, source: Path | None = None
) -> list[FigureView]:
    """Every figure of ``metric`` in the report, in the order of the text."""
    with _opened(root, report_id) as (con, report):
        figures = records(
            con,
            "SELECT * FROM figures WHERE report_id = $id ORDER BY char_start",
            {"id": report["report_id"]},
        )
    chosen = [f for f in figures if f["metric"] == metric]
    if not chosen:
        known = sorted({f["metric"] for f in figures if f["metric"]})
        raise NotFound(
            f"report {report['report_id']} states no figure {metric!r} "
            f"(its metrics: {', '.join(known) or 'none'})"
        )
    local = _source(report, root, source)
    views = []
    for figure in chosen:
        siblings = [f for f in figures if f["sentence"] == figure["sentence"] and f is not figure]
        span = figure_span(
            figure["sentence"] or "", figure["text"] or "", figure["char_start"], siblings
        )
        views.append(FigureView(report, figure, span, local, len(chosen) - 1))
    return views


def _number(value: Any) -> str:
    if value is None:
        return "—"
    number = float(value)
    return f"{int(number)}" if number.is_integer() else f"{number:g}"


def _heading(report: dict[str, Any]) -> list[str]:
    year = report.get("year")
    return [
        f"{report.get('issuer') or '(issuer unknown)'} {year if year is not None else ''}".rstrip(),
        f"report {report['report_id']} · {report.get('format')} · {report.get('source')}",
    ]


def _page_and_box(cell: dict[str, Any]) -> str:
    box = cell.get("bbox")
    if cell.get("image"):
        where = f"picture {cell['image']}"
        if box is not None:
            where += ", box [" + ", ".join(f"{float(v):.0f}" for v in box) + "] (its pixels)"
        return where
    if cell.get("page") is None:
        return "no page (the format has none)"
    box = cell.get("bbox")
    where = f"page {cell['page']}"
    if box is not None:
        where += (
            ", box ["
            + ", ".join(f"{float(v):.1f}" for v in box)
            + "] (PDF points, origin top-left)"
        )
    return where


def describe_cell(view: CellView) -> str:
    cell = view.cell
    lines = _heading(view.report)
    table = TABLE_NAMES.get(cell["table"], "")
    lines += [
        f"{table} {cell['table']} / {cell['row_code']} / {cell['col_code']}".strip(),
        f"label:   {cell.get('label') or '—'}",
        f"printed: {cell.get('text') or '(blank)'}   value: {_number(cell.get('value'))}",
        _page_and_box(cell),
        "the row as printed:",
    ]
    width = max(len(c["col_code"]) for c in view.row)
    for c in view.row:
        marker = "   ◀" if c["col_code"] == cell["col_code"] else ""
        lines.append(f"  {c['col_code']:<{width}}  {c.get('text') or '(blank)'}{marker}")
    if view.source.note:
        lines.append(f"source: {view.source.note}")
    return "\n".join(lines)


def highlighted(sentence: str, span: tuple[int, int] | None, mark: str = "**") -> str:
    if span is None:
        return sentence
    start, end = span
    return f"{sentence[:start]}{mark}{sentence[start:end]}{mark}{sentence[end:]}"


def describe_figure(view: FigureView) -> str:
    figure = view.figure
    qualifier = f" ({figure['qualifier']})" if figure.get("qualifier") else ""
    page = f"page {figure['page']}" if figure.get("page") is not None else "no page"
    lines = [
        f"{figure['metric']} = {_number(figure.get('value'))} {figure.get('unit') or ''}{qualifier}".rstrip(),
        f"printed: {figure.get('text')} · {page} · characters {figure.get('char_start')}–{figure.get('char_end')} of the narrative",
        f"sentence: {highlighted(figure.get('sentence') or '', view.span)}",
    ]
    return "\n".join(lines)


def describe_figures(views: list[FigureView]) -> str:
    lines = _heading(views[0].report)
    for number, view in enumerate(views, start=1):
        if len(views) > 1:
            lines.append(f"[{number} of {len(views)}]")
        lines.append(describe_figure(view))
    if views[0].source.note:
        lines.append(f"source: {views[0].source.note}")
    return "\n".join(lines)


def _title_lines(report: dict[str, Any], note: str = "") -> list[Line]:
    first, second = _heading(report)
    lines = [Line(first, size=30), Line(second, size=18, colour=MUTED)]
    if note:
        lines.append(Line(note, size=18, colour=MUTED))
    return lines


def _cell_lines(view: CellView) -> list[Line]:
    cell = view.cell
    table = TABLE_NAMES.get(cell["table"], "")
    lines = [
        Line(""),
        Line(f"{table} {cell['table']} / {cell['row_code']} / {cell['col_code']}".strip(), size=22),
        Line(f"label: {cell.get('label') or '—'}", size=22),
        Line(f"printed: {cell.get('text') or '(blank)'}", size=34, colour=BOX_COLOUR),
        Line(f"value: {_number(cell.get('value'))}", size=22),
        Line(_page_and_box(cell), size=18, colour=MUTED),
        Line(""),
        Line("the row as printed:", size=20, colour=MUTED),
    ]
    for c in view.row:
        text = f"{c['col_code']}: {c.get('text') or '(blank)'}"
        span = (0, len(text)) if c["col_code"] == cell["col_code"] else None
        lines.append(Line(text, size=22, span=span))
    return lines


# How each phase of the reading of tables without rules is drawn: colour, line width.
PHASE_STYLES = {
    "line": ((170, 170, 170), 1),
    "region": ((40, 90, 220), 3),
    "column": ((30, 150, 60), 2),
    "grid": ((230, 130, 0), 2),
}


def _phase_lines(found: BorderlessPage) -> list[Line]:
    counts = {phase: 0 for phase in PHASE_STYLES}
    for phase, _ in found.boxes():
        counts[phase] += 1
    return [
        Line(""),
        Line("tables without rules on this page:", size=20, colour=MUTED),
        *(
            Line(f"{counts[phase]} {phase}s", size=20, colour=colour)
            for phase, (colour, _) in PHASE_STYLES.items()
        ),
    ]


def render_cell(view: CellView, phases: bool = False) -> Image.Image:
    """The cell boxed on its PDF page with a panel beside it; its row drawn as a table otherwise.
    ``phases``: the page also shows what the reading of tables without rules found on it."""
    cell = view.cell
    path = view.source.path
    if cell.get("image") and cell.get("bbox") is not None and path is not None:
        drawn = picture_image(path, view.report, str(cell["image"]))
        if drawn is not None:
            picture, scale = drawn
            draw_box(picture, tuple(float(v) * scale for v in cell["bbox"]))  # type: ignore[arg-type]
            return with_panel(picture, _title_lines(view.report) + _cell_lines(view))
    on_page = (
        view.report.get("format") == "pdf"
        and path is not None
        and cell.get("page") is not None
        and cell.get("bbox") is not None
    )
    if on_page and path is not None:
        page = render_page(path, int(cell["page"]))
        panel = _title_lines(view.report) + _cell_lines(view)
        if phases:
            found = tables_without_rules(path.read_bytes(), int(cell["page"]))
            for phase, box in found.boxes():
                colour, width = PHASE_STYLES[phase]
                draw_outline(page.image, page.to_pixels(box), colour, width)
            panel += _phase_lines(found)
        draw_box(page.image, page.to_pixels(cell["bbox"]))
        return with_panel(page.image, panel)
    note = view.source.note or (
        "the format has no pages: the row as extracted" if cell.get("page") is None else ""
    )
    title = _title_lines(view.report, note)
    table = TABLE_NAMES.get(cell["table"], "")
    title.append(Line(f"{table} {cell['table']} / {cell['row_code']}".strip(), size=22))
    return row_table(
        title,
        cell.get("label") or cell["row_code"],
        [(c["col_code"], c.get("text") or "") for c in view.row],
        cell["col_code"],
        column_labels(cell["table"]),
    )


def _figure_lines(view: FigureView, note: str = "") -> list[Line]:
    figure = view.figure
    sentence = figure.get("sentence") or ""
    lines = _title_lines(view.report, note)
    lines += [
        Line(""),
        Line(
            f"{figure['metric']} = {_number(figure.get('value'))} {figure.get('unit') or ''}",
            size=26,
        ),
        Line(
            f"printed: {figure.get('text')} · "
            + (f"page {figure['page']}" if figure.get("page") is not None else "no page"),
            size=20,
            colour=MUTED,
        ),
        Line(""),
        Line(sentence, size=24, span=view.span),
    ]
    if view.others:
        lines.append(
            Line(
                f"(the report states {view.others} more {figure['metric']} figures)",
                size=18,
                colour=MUTED,
            )
        )
    return lines


def render_figure(view: FigureView) -> Image.Image:
    """The figure's sentence with the figure highlighted; on its PDF page when the file is here."""
    figure = view.figure
    path = view.source.path
    if view.report.get("format") == "pdf" and path is not None and figure.get("page") is not None:
        page = render_page(path, int(figure["page"]))
        sentence = figure.get("sentence") or ""
        before = sentence[: view.span[0]] if view.span else ""
        after = sentence[view.span[1] :] if view.span else ""
        box = locate_text(path, int(figure["page"]), figure.get("text") or "", before, after)
        note = "" if box is not None else "the figure's place on the page was not found"
        if box is not None:
            draw_box(page.image, page.to_pixels(box))
        return with_panel(page.image, _figure_lines(view, note))
    return text_card(_figure_lines(view, view.source.note))


def save_png(image: Image.Image, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", optimize=True)
    return path
