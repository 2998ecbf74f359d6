"""Derived views over the four dataset tables, in SQL that DuckDB and SQLite both run.

The same definitions serve ``query`` (DuckDB over Parquet) and ``serve`` (the SQLite copy
Datasette opens), so a number looks the same in the terminal and in the browser. Their
columns are generated from the template's codes (``mappings/templates.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..resources import load_yaml
from ..template import template_map
from ..template.checks import check_kinds

OUTCOME_GROUPS = ("denied", "unavailable", "not_processed", "other")


def column_name(row_code: str) -> str:
    """A row code as a column name: ``denied.state_secret`` → ``denied_state_secret``."""
    return row_code.replace(".", "_")


def _pick(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN c.value END)"


def _group_sum(group: str) -> str:
    """Sum of a group's rows; a group printed as one undivided row (2019: 其他处理) counts too."""
    parts = _pick(f"c.row_code LIKE '{group}.%'")
    whole = _pick(f"c.row_code = '{group}'")
    return f"COALESCE({parts}, {whole})"


def requests_row_codes() -> tuple[str, ...]:
    return tuple(row.code for row in template_map().requests_rows)


def requests_wide_sql() -> str:
    outcome_columns = [
        f'{_pick(f"c.row_code = {_quote(code)}")} AS "{column_name(code)}"'
        for code in requests_row_codes()
    ]
    group_columns = [f'{_group_sum(group)} AS "{group}_all"' for group in OUTCOME_GROUPS]
    columns = ",\n  ".join([*outcome_columns, *group_columns])
    return f"""
SELECT r.body_id, r.body_name, r.division_code, r.year, r.issuer, r.report_id,
  c.col_code AS applicant,
  {columns}
FROM cells c JOIN reports r ON r.report_id = c.report_id
WHERE c."table" = 'requests' AND r."primary"
GROUP BY r.body_id, r.body_name, r.division_code, r.year, r.issuer, r.report_id, c.col_code
"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _requests_total(row_condition: str) -> str:
    return _pick(f"c.\"table\" = 'requests' AND c.col_code = 'total' AND {row_condition}")


def _appeals(condition: str) -> str:
    return _pick(f"c.\"table\" = 'appeals' AND {condition}")


def key_figures_sql() -> str:
    denied_reasons = [code for code in requests_row_codes() if code.startswith("denied.")]
    reason_columns = ",\n    ".join(
        f'{_requests_total(f"c.row_code = {_quote(code)}")} AS "{column_name(code)}"'
        for code in denied_reasons
    )
    return f"""
WITH figures_of_report AS (
  SELECT c.report_id,
    {_requests_total("c.row_code = 'new_received'")} AS received,
    {_requests_total("c.row_code = 'carried_over'")} AS carried_over,
    {_requests_total("c.row_code = 'total_handled'")} AS handled,
    {_requests_total("c.row_code = 'granted'")} AS granted,
    {_requests_total("c.row_code = 'partially_granted'")} AS partially_granted,
    {_requests_total("c.row_code LIKE 'denied.%'")} AS denied,
    {reason_columns},
    {_requests_total("c.row_code LIKE 'unavailable.%'")} AS unavailable,
    {_requests_total("c.row_code LIKE 'not_processed.%'")} AS not_processed,
    COALESCE({_requests_total("c.row_code LIKE 'other.%'")},
      {_requests_total("c.row_code = 'other'")}) AS other_handling,
    {_appeals("c.row_code = 'review' AND c.col_code = 'total'")} AS appeals_review,
    {_appeals("c.row_code LIKE 'litigation%' AND c.col_code = 'total'")} AS appeals_litigation,
    {_appeals("c.col_code = 'total'")} AS appeals,
    {_appeals("c.col_code IN ('upheld', 'corrected', 'other')")} AS appeals_concluded,
    {_appeals("c.col_code = 'corrected'")} AS appeals_corrected
  FROM cells c
  GROUP BY c.report_id
),
failed AS (
  SELECT report_id, COUNT(*) AS failed_checks
  FROM checks WHERE passed = FALSE AND "check" NOT LIKE 'documents.%' GROUP BY report_id
),
documents_of_body_year AS (
  SELECT body_id, year, COUNT(*) AS documents
  FROM reports WHERE body_id IS NOT NULL AND status <> 'failed' GROUP BY body_id, year
)
SELECT r.body_id, r.body_name, r.body_kind, r.division_code, r.year, r.issuer,
  r.report_id, r.format, r.status, r.cells, r.source, d.documents,
  f.received, f.carried_over, f.handled, f.granted, f.partially_granted,
  f.granted * 1.0 / NULLIF(f.handled, 0) AS granted_share,
  f.denied,
  f.denied * 1.0 / NULLIF(f.handled, 0) AS denied_share,
  {", ".join(f'f."{column_name(code)}"' for code in denied_reasons)},
  f.unavailable, f.not_processed, f.other_handling,
  f.appeals, f.appeals_review, f.appeals_litigation, f.appeals_concluded, f.appeals_corrected,
  f.appeals_corrected * 1.0 / NULLIF(f.appeals_concluded, 0) AS corrected_share,
  COALESCE(x.failed_checks, 0) AS failed_checks
FROM reports r
LEFT JOIN figures_of_report f ON f.report_id = r.report_id
LEFT JOIN failed x ON x.report_id = r.report_id
LEFT JOIN documents_of_body_year d ON d.body_id = r.body_id AND d.year = r.year
WHERE r."primary"
"""


def findings_sql() -> str:
    """Failed checks of the kinds that are findings (reportextract.template.checks)."""
    kinds = [kind for kind in check_kinds() if kind.finding]
    names = ", ".join(_quote(k.name) for k in kinds if not k.name.endswith(".*"))
    families = " OR ".join(
        f'k."check" LIKE {_quote(k.name[:-1] + "%")}' for k in kinds if k.name.endswith(".*")
    )
    return f"""
SELECT r.body_id, r.body_name, r.division_code, r.year, r.issuer, k.report_id, k."check",
  k."table", k.scope, k.expected, k.actual, k.detail
FROM checks k JOIN reports r ON r.report_id = k.report_id
WHERE k.passed = FALSE AND r."primary"
  AND (k."check" IN ({names}){" OR " + families if families else ""})
"""


@cache
def _series() -> dict[str, dict[str, Any]]:
    return dict(load_yaml("series.yaml")["quantities"])


def _cells_condition(terms: list[str]) -> str:
    conditions = []
    for term in terms:
        table, row, col = term.split("/")
        row_test = (
            f"c.row_code LIKE {_quote(row[:-1] + '%')}"
            if row.endswith(".*")
            else f"c.row_code = {_quote(row)}"
        )
        conditions.append(
            f'(c."table" = {_quote(table)} AND {row_test} AND c.col_code = {_quote(col)})'
        )
    return " OR ".join(conditions)


def _tabled(quantity: str, source: str, terms: list[str]) -> str:
    """A quantity's value in each document whose table prints every cell of its sum."""
    wildcard = any(term.split("/")[1].endswith(".*") for term in terms)
    enough = "COUNT(*) >= 1" if wildcard else f"COUNT(*) = {len(terms)}"
    return f"""
  SELECT c.report_id, {_quote(quantity)} AS quantity, {_quote(source)} AS source,
    SUM(c.value) AS value, group_concat(c.text, ' + ') AS text, MIN(c.page) AS page
  FROM cells c WHERE {_cells_condition(terms)}
  GROUP BY c.report_id HAVING {enough}"""


def _stated(quantity: str, metric: str) -> str:
    """A quantity as the text states it: the document's first figure of the metric."""
    return f"""
  SELECT report_id, {_quote(quantity)} AS quantity, 'narrative' AS source, value, text, page
  FROM (
    SELECT f.report_id, f.value, f.text, f.page,
      ROW_NUMBER() OVER (PARTITION BY f.report_id ORDER BY f.char_start) AS n
    FROM figures f WHERE f.metric = {_quote(metric)}
  ) first_figures WHERE n = 1"""


def series_sql() -> str:
    tabled = [
        _tabled(quantity, source, spec[source])
        for quantity, spec in _series().items()
        for source in SERIES_TABLE_SOURCES
        if spec.get(source)
    ]
    stated = [
        _stated(quantity, spec["narrative"])
        for quantity, spec in _series().items()
        if spec.get("narrative")
    ]
    return f"""
WITH tabled AS ({" UNION ALL ".join(tabled)}
),
stated AS ({" UNION ALL ".join(stated)}
),
chosen AS (
  SELECT * FROM tabled
  UNION ALL
  SELECT s.* FROM stated s WHERE NOT EXISTS (
    SELECT 1 FROM tabled t WHERE t.report_id = s.report_id AND t.quantity = s.quantity)
)
SELECT r.body_id, r.body_name, r.division_code, r.year, x.quantity, x.value, x.source,
  r.report_id, r.template, x.text, x.page
FROM chosen x JOIN reports r ON r.report_id = x.report_id
WHERE r."primary"
"""


SERIES_TABLE_SOURCES = ("legacy", "template")


@dataclass(frozen=True, slots=True)
class View:
    name: str
    sql: str
    description: str


def derived_views() -> tuple[View, ...]:
    return (
        View(
            "requests_wide",
            requests_wide_sql(),
            "表三 wide: one row per body, year and applicant column (applicant = col_code, "
            "total for 总计) — the body-year's primary document only, so sums count each "
            "report once; one column per outcome row code (dots become underscores: "
            "denied_state_secret); denied_all, unavailable_all, not_processed_all, other_all "
            "sum each group.",
        ),
        View(
            "key_figures",
            key_figures_sql(),
            "One row per body and year (its primary document): applications received "
            "(new_received), handled (total_handled), granted and denied with their shares of "
            "handled, denied by reason, appeals (复议 and 诉讼) with the share of concluded ones "
            "corrected (结果纠正), and the number of failed checks. Sum these to count reports once.",
        ),
        View(
            "findings",
            findings_sql(),
            "Every finding — a failed check of the template's arithmetic, narrative versus "
            "tables, or last year's report — of the primary document of each body and year.",
        ),
        View(
            "series",
            series_sql(),
            "One row per body, year and quantity from 2008 to today (mappings/series.yaml): "
            "applications received, answered, granted, in part, denied, items published "
            "proactively, reviews and lawsuits, read through the crosswalk of the editions — "
            "the pre-2019 统计表's 本年度 column (source legacy), the 2019+ tables (template) "
            "or, where the table does not print it, the text's first figure (narrative) — "
            "with the text as printed and its page; each body-year's primary document only.",
        ),
    )


SERIES_DESCRIPTIONS: dict[str, str] = {
    "quantity": "What is counted: a quantity of mappings/series.yaml (requests.received …).",
    "value": "Its value that year (a sum where the crosswalk adds cells: 不予公开's reasons, "
    "行政诉讼's two branches).",
    "source": "legacy (the pre-2019 统计表), template (the 2019+ tables) or narrative (a "
    "figure the text states, where the table does not print it).",
    "text": "The cells (joined by +) or the figure as printed.",
    "page": "The page it is printed on (null for formats without pages).",
    "template": "The report's template edition: pre-2019, 2019 or 2021.",
}


KEY_FIGURE_DESCRIPTIONS: dict[str, str] = {
    "received": "表三 一、本年新收政府信息公开申请数量, 总计.",
    "carried_over": "表三 二、上年结转政府信息公开申请数量, 总计.",
    "handled": "表三 (七)总计, 总计.",
    "granted": "表三 (一)予以公开, 总计.",
    "partially_granted": "表三 (二)部分公开, 总计.",
    "granted_share": "granted / handled.",
    "denied": "表三 (三)不予公开, all reasons, 总计.",
    "denied_share": "denied / handled.",
    "unavailable": "表三 (四)无法提供, all reasons, 总计.",
    "not_processed": "表三 (五)不予处理, all reasons, 总计.",
    "other_handling": "表三 (六)其他处理, 总计 (its three rows, or the one row the 2019 template prints).",
    "appeals": "表四 总计 of 行政复议 and both 行政诉讼 branches.",
    "appeals_review": "表四 行政复议 总计.",
    "appeals_litigation": "表四 行政诉讼 总计 (未经复议直接起诉 + 复议后起诉).",
    "appeals_concluded": "表四 结果维持 + 结果纠正 + 其他结果, all branches.",
    "appeals_corrected": "表四 结果纠正, all branches.",
    "corrected_share": "appeals_corrected / appeals_concluded (纠错率).",
    "failed_checks": "Number of failed checks of the report.",
    "documents": "Documents of this body and year in the dataset (one report as PDF and web page …); the row is its primary document.",
    "body_id": "The body (bodies.body_id).",
    "body_name": "The body's full official name.",
    "body_kind": "government, office, department, township, zone or other.",
    "division_code": "GB/T 2260 code of the body's division (null when unresolved).",
}
