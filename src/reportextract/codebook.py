"""The dataset's codebook, written from the sources the code reads: ``docs/*.md``.

    python -m reportextract.codebook [DIR]          write the pages (default: docs/)
    python -m reportextract.codebook --check [DIR]  exit 1 if a page is not what it would be

The template's editions, tables, rows, columns and arithmetic come from
`reportextract.template` (``mappings/templates.yaml``); the narrative metrics from
``mappings/narrative.yaml`` and their table counterparts from ``mappings/agreement.yaml``;
the kinds of checks from the registry `reportextract.template.checks`; the dataset's
tables, columns and views from `reportextract.dataset.schema` and
`reportextract.explore.views`. A test keeps the pages in step with them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from .dataset.schema import TABLE_DESCRIPTIONS, TABLES
from .narrative.patterns import catalogue
from .resources import load_yaml
from .template import RowSpec, TableSpec, template_map
from .template.checks import check_kinds
from .template.rules import rules

GENERATED = "<!-- Written by `python -m reportextract.codebook` from {sources}; do not edit. -->"
TABLE_TITLES = {
    "proactive": "表二 主动公开政府信息情况",
    "requests": "表三 收到和处理政府信息公开申请情况",
    "appeals": "表四 政府信息公开行政复议、行政诉讼情况",
}


def _page(sources: str, lines: list[str]) -> str:
    """A page of the codebook: the notice that it is generated from ``sources``, then ``lines``."""
    return "\n".join([GENERATED.format(sources=sources), "", *lines]) + "\n"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    return [line(header), line(["---"] * len(header)), *(line(r) for r in rows)]


def _codes(codes: Iterable[str]) -> str:
    return ", ".join(f"`{c}`" for c in codes) or "—"


def _labels(labels: Iterable[str]) -> str:
    return " · ".join(labels) or "—"


# ---------------------------------------------------------------- tables.md


def _editions_section() -> list[str]:
    tm = template_map()

    def years(first: int | None, last: int | None) -> str:
        if first is None:
            return f"up to {last}"
        return f"{first}–{last}" if last is not None else f"{first} on"

    rows = [
        (f"`{e.name}`", years(e.first_year, e.last_year), _codes(e.tables), _labels(e.markers))
        for e in tm.editions
    ]
    return [
        "## Editions (`reports.template`)",
        "",
        "A report is read with the edition of the template in force for its year; the header",
        "words only one edition prints tell them apart where the year is not printed. An",
        "edition without tables is recognised by its year only: its tables are not read.",
        "",
        *_table(("edition", "report years", "tables", "header words only it prints"), rows),
    ]


def _proactive_section(spec: TableSpec) -> list[str]:
    editions = [e.name for e in template_map().editions if "proactive" in e.tables]
    rows = []
    for row in spec.rows:
        columns = row.columns_by_template if isinstance(row, RowSpec) else {}
        rows.append(
            (
                f"`{row.code}`",
                _labels(row.labels),
                *(_codes(columns.get(name, ())) for name in editions),
            )
        )
    return [
        "Each row prints the columns of its edition, in this order (`col_code`):",
        "",
        *_table(("row_code", "label", *(f"columns in {name}" for name in editions)), rows),
        "",
        "The columns' header words:",
        "",
        *_table(("col_code", "label"), ((f"`{c.code}`", _labels(c.labels)) for c in spec.columns)),
    ]


def _grouped_section(spec: TableSpec) -> list[str]:
    groups = {g.code: g for g in spec.groups}
    rows = []
    for row in spec.rows:
        group = groups.get(row.group) if isinstance(row, RowSpec) and row.group else None
        under = f"（{group.number}）{_labels(group.labels)}" if group else ""
        editions = row.editions if isinstance(row, RowSpec) else None
        rows.append(
            (f"`{row.code}`", under, _labels(row.labels), ", ".join(editions or ()) or "all")
        )
    lines = [
        "Columns (`col_code`), in the template's order:",
        "",
        *_table(("col_code", "label"), ((f"`{c.code}`", _labels(c.labels)) for c in spec.columns)),
        "",
        "Rows (`row_code`), in the template's order:",
        "",
        *_table(("row_code", "under", "label", "editions"), rows),
    ]
    undivided = [g for g in spec.groups if g.undivided]
    for group in undivided:
        parts = spec.divided(group.undivided or "")
        lines += [
            "",
            f"A report that prints （{group.number}）{_labels(group.labels)} as one row stores it as "
            f"`{group.undivided}`; one that divides it stores {_codes(parts)} instead.",
        ]
    return lines


def _appeals_section(spec: TableSpec) -> list[str]:
    return [
        "One row per branch (`row_code`), one column per outcome (`col_code`):",
        "",
        *_table(("row_code", "label"), ((f"`{r.code}`", _labels(r.labels)) for r in spec.rows)),
        "",
        *_table(("col_code", "label"), ((f"`{c.code}`", _labels(c.labels)) for c in spec.columns)),
    ]


def _rule_text(terms: Sequence[str]) -> str:
    return " + ".join(f"`{t}`" for t in terms)


def _rules_section() -> list[str]:
    rows = []
    for rule in rules():
        each = "every row" if rule.each == "row" else "every column"
        relation = {"=": "=", ">=": "≥", "<=": "≤"}[rule.relation]
        formula = f"{_rule_text(rule.total)} {relation} {_rule_text(rule.parts)}"
        if rule.optional:
            formula += f" (where printed: {_codes(rule.optional)})"
        rows.append((f"`{rule.check}`", f"`{rule.table}`", each, formula))
    return [
        "## The template's arithmetic (勾稽关系)",
        "",
        "Each rule gives one check per row or column it applies to (`checks.scope`); a code",
        "ending in `.*` stands for every row with that prefix, `@previous` for the same cell in",
        "the same body's report of the year before. A rule naming a cell the report does not",
        "print is not applicable (`passed` null). A broken rule is a finding, never a reason",
        "to change a value.",
        "",
        *_table(("check", "table", "instances", "rule"), rows),
    ]


def tables_page() -> str:
    tm = template_map()
    lines = [
        "# The template's tables: codes of `cells`",
        "",
        "Every cell of the national template's tables is a row of `cells`, named by `table`,",
        "`row_code` and `col_code`, whatever the wording a report prints. Labels are shown",
        "as the template prints them after normalisation (numbering, brackets, spaces and",
        "punctuation removed); real reports vary them, and the variants recognised are listed",
        "in `mappings/templates.yaml`.",
        "",
        *_editions_section(),
    ]
    sections = {
        "proactive": _proactive_section,
        "requests": _grouped_section,
        "appeals": _appeals_section,
    }
    for name, spec in tm.tables.items():
        title = TABLE_TITLES.get(name, name)
        render = sections.get(name, _grouped_section)
        lines += ["", f"## {title} (`table = '{name}'`)", "", *render(spec)]
    lines += ["", *_rules_section()]
    return _page("mappings/templates.yaml", lines)


# ---------------------------------------------------------------- narrative-metrics.md


def narrative_page() -> str:
    metrics = catalogue().metrics
    agreement = load_yaml("agreement.yaml").get("metrics", {})

    def derived(code: str) -> str:
        metric = metrics[code]
        if metric.share_of:
            return f"share of `{metric.share_of}`"
        if metric.change_of:
            return f"change of `{metric.change_of}` against the year before, signed"
        return ""

    def tables(code: str) -> str:
        alternatives = agreement.get(code) or []
        return " or ".join(" + ".join(f"`{cell}`" for cell in sum_) for sum_ in alternatives)

    def rows(extra: bool) -> list[tuple[str, ...]]:
        return [
            (
                f"`{code}`",
                metric.description,
                " ".join(sorted(metric.units)),
                derived(code),
                tables(code),
            )
            for code, metric in metrics.items()
            if metric.extra == extra
        ]

    header = ("metric", "meaning", "units", "derived from", "the tables' cells (agreement)")
    lines = [
        "# Narrative metrics: codes of `figures.metric`",
        "",
        "Every figure the narrative text states is a row of `figures`, with its value, unit,",
        "the text as printed and the sentence; `metric` names what it counts where that is",
        "recognised (null otherwise). A statement of none (未收到政府信息公开申请) is a figure",
        "of value 0. Where the tables hold the same quantity, the check",
        "`narrative.table_agreement` compares the figure with the sum of the cells listed",
        "(`table/row_code/col_code`; `*` stands for the six applicant columns of 表三, for",
        "reports that leave 总计 blank); any alternative whose cells are printed may agree.",
        "",
        "## The metrics every report is read for",
        "",
        *_table(header, rows(extra=False)),
        "",
        "## Further metrics",
        "",
        "Recognised too; most mirror a total of 表三 or 表四.",
        "",
        *_table(header, rows(extra=True)),
    ]
    return _page("mappings/narrative.yaml and mappings/agreement.yaml", lines)


# ---------------------------------------------------------------- checks.md


def checks_page() -> str:
    declared = {rule.check: rule for rule in rules()}
    rows = []
    for kind in check_kinds():
        rule = declared.get(kind.name)
        if rule is not None:
            relation = {"=": "=", ">=": "≥", "<=": "≤"}[rule.relation]
            about = (
                f"the template's arithmetic on every {rule.each} of `{rule.table}`: "
                f"{_rule_text(rule.total)} {relation} {_rule_text(rule.parts)}"
            )
        else:
            about = kind.about
        what = "finding" if kind.finding else "reading note"
        partial = "yes" if kind.partial else ""
        rows.append((f"`{kind.name}`", what, partial, about))
    lines = [
        "# Checks: codes of `checks.check`",
        "",
        "One row of `checks` per rule instance: `scope` names the row, column or metric it",
        "was applied to, `expected` and `actual` the numbers it compared, `passed` is true,",
        "false, or null where it could not be applied, and `detail` says it in words.",
        "",
        "A *finding* is a rule the report breaks — its own arithmetic, its narrative against",
        "its tables, its figures against last year's: `reportextract audit` and the view",
        "`findings` list the failed ones. A *reading note* says what extraction could not do",
        "or did on the way; one marked *partial* left cells out when it did not pass, and",
        "makes the report `partial` with its detail in `reports.error`. A name ending in `.*`",
        "is a family: `yoy.<metric>` for each narrative change stated against the year",
        "before.",
        "",
        *_table(("check", "kind", "partial", "what it means"), rows),
    ]
    return _page("reportextract.template.checks and mappings/templates.yaml", lines)


# ---------------------------------------------------------------- dataset.md


def dataset_page() -> str:
    from .explore.views import derived_views

    lines = [
        "# The dataset: tables, columns, views",
        "",
        "One Parquet dataset per table (`<table>/<year>/part-….parquet`, readable by DuckDB",
        "with one glob), described by `datapackage.json`. The codes in `cells`, `figures`",
        "and `checks` are in [tables.md](tables.md), [narrative-metrics.md]"
        "(narrative-metrics.md) and [checks.md](checks.md).",
    ]
    for name, columns in TABLES.items():
        lines += [
            "",
            f"## `{name}`",
            "",
            TABLE_DESCRIPTIONS[name],
            "",
            *_table(
                ("column", "type", "meaning"),
                ((f"`{c.name}`", str(c.type), c.description) for c in columns),
            ),
        ]
    lines += [
        "",
        "## Views (`reportextract query`, `reportextract serve`)",
        "",
        *_table(
            ("view", "what it holds"), ((f"`{v.name}`", v.description) for v in derived_views())
        ),
    ]
    return _page("reportextract.dataset.schema and reportextract.explore.views", lines)


def index_page() -> str:
    return _page(
        "reportextract.codebook",
        [
            "# The codebook",
            "",
            "What the codes of the dataset mean, written from the mappings and the code that",
            "use them (`python -m reportextract.codebook` rewrites these pages; a test fails",
            "when they fall behind):",
            "",
            "- [tables.md](tables.md) — the template's editions and tables: `cells.table`,",
            "  `row_code`, `col_code` with their Chinese labels, and the template's arithmetic;",
            "- [narrative-metrics.md](narrative-metrics.md) — `figures.metric`: what each metric",
            "  counts, its units, and the table cells it must agree with;",
            "- [checks.md](checks.md) — `checks.check`: findings and reading notes;",
            "- [dataset.md](dataset.md) — every table's columns, and the views.",
        ],
    )


PAGES = {
    "README.md": index_page,
    "tables.md": tables_page,
    "narrative-metrics.md": narrative_page,
    "checks.md": checks_page,
    "dataset.md": dataset_page,
}


def pages() -> dict[str, str]:
    return {name: render() for name, render in PAGES.items()}


def stale_pages(folder: Path) -> list[str]:
    """The pages of ``folder`` that differ from what would be written now."""
    return [
        name
        for name, text in pages().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def write_pages(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reportextract.codebook", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=Path("docs"))
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_pages(args.folder)
        for name in stale:
            print(
                f"{args.folder / name} is not what the mappings give: run python -m "
                "reportextract.codebook",
                file=sys.stderr,
            )
        return 1 if stale else 0
    for path in write_pages(args.folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
