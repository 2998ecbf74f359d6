"""The dataset's contract: one explicit Arrow schema per table, with column descriptions.

Every Parquet part of a table is written with exactly this schema, so a column that is
all null in one part has the same type as in every other part. The descriptions feed
``datapackage.json`` and the web view. What describes a report (issuer, year …) is in
``reports`` only: ``cells``, ``figures`` and ``checks`` share no column with it but
``report_id``, so ``JOIN reports USING (report_id)`` names every column once. Their
parts still sit in one folder per report year.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

BBOX = pa.list_(pa.float64(), 4)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: pa.DataType
    description: str


REPORTS: tuple[Column, ...] = (
    Column(
        "report_id",
        pa.string(),
        "Identifier of the report: the first 16 hex digits of the file's SHA-256.",
    ),
    Column("source", pa.string(), "The input path as given, or the URL the file was fetched from."),
    Column("sha256", pa.string(), "SHA-256 of the file's bytes."),
    Column(
        "format",
        pa.string(),
        "Format the file was read as: pdf, html, docx, txt (scans: pdf with ocr pages).",
    ),
    Column("size", pa.int64(), "Size of the file in bytes."),
    Column("issuer", pa.string(), "The reporting body as the report's title names it."),
    Column("title", pa.string(), "The report's title as printed."),
    Column("year", pa.int32(), "The year the report covers."),
    Column(
        "published",
        pa.string(),
        "Publication date printed on the document or page (ISO 8601), if any.",
    ),
    Column("doc_number", pa.string(), "Document number (文号) printed on the document, if any."),
    Column(
        "template",
        pa.string(),
        "Table template: 2019, 2021, or pre-2019 for reports under the 2008 regulation (no "
        "national tables; their 统计表 is table legacy).",
    ),
    Column("pages", pa.int32(), "Number of pages (1 for a web page or text)."),
    Column("ocr_pages", pa.int32(), "Number of pages read by OCR."),
    Column(
        "ocr_engine",
        pa.string(),
        "The inference engine and arithmetic precision that read its OCR pages (onnxruntime "
        "f32, openvino bf16 or openvino f32: bf16 reads a few narrative lines differently); "
        "null when no page was read by OCR.",
    ),
    Column("cells", pa.int32(), "Number of table cells extracted."),
    Column("figures", pa.int32(), "Number of narrative figures extracted."),
    Column("failed_checks", pa.int32(), "Number of checks that failed."),
    Column("status", pa.string(), "ok, partial (some template tables or rows missing) or failed."),
    Column("error", pa.string(), "Why the report failed or is partial; null when ok."),
    Column("extractor_version", pa.string(), "Version of reportextract that produced these rows."),
    Column("seconds", pa.float64(), "Time spent extracting this report."),
    Column("extracted_at", pa.timestamp("ms", tz="UTC"), "When the report was extracted."),
    Column(
        "body_id",
        pa.string(),
        "The body that published it (bodies.body_id); null when the document names none.",
    ),
    Column("body_name", pa.string(), "That body's full official name (bodies.name)."),
    Column(
        "body_kind",
        pa.string(),
        "government, office, department, township, zone or other (bodies.kind).",
    ),
    Column(
        "division_code",
        pa.string(),
        "GB/T 2260 code of the division the body belongs to; null when it could not be resolved.",
    ),
    Column(
        "body_note",
        pa.string(),
        "How the body's division was found (the name, text and contact details that agree), "
        "or why it could not be.",
    ),
    Column(
        "primary",
        pa.bool_(),
        "True for exactly one document per body and year: the one that counts "
        "(read whole, most cells, text PDF > DOCX > HTML > scan > text, earliest, smallest id). "
        'Quote it in SQL: "primary".',
    ),
    Column(
        "duplicate_of",
        pa.string(),
        "For a document that repeats the primary's report (the web page of a PDF …), the "
        "primary's report_id; null for the primary and for a different report of the same year.",
    ),
)

CELLS: tuple[Column, ...] = (
    Column("report_id", pa.string(), "The report the cell belongs to (reports.report_id)."),
    Column(
        "table",
        pa.string(),
        "Template table: proactive (表二), requests (表三), appeals (表四), or legacy (the "
        "pre-2019 统计表, docs/tables.md: columns year and cumulative).",
    ),
    Column("row_code", pa.string(), "Canonical row code (docs/tables.md)."),
    Column("col_code", pa.string(), "Canonical column code (docs/tables.md)."),
    Column(
        "value",
        pa.float64(),
        "Value of the printed text; a blank, — or / cell is 0 (in the legacy table a zero "
        "mark is 0 and an empty cell is not a cell).",
    ),
    Column("text", pa.string(), "The cell's text as printed."),
    Column("label", pa.string(), "The row's label path as printed (merged labels joined with ›)."),
    Column(
        "page",
        pa.int32(),
        "Page of the source document the cell is printed on (null for formats without pages).",
    ),
    Column(
        "bbox",
        BBOX,
        "Cell box on the page in PDF points: a list of four numbers [x0, top, x1, bottom], "
        "origin top-left; for a cell read from a picture file (image not null), in that "
        "picture's pixels; null for formats without pages.",
    ),
    Column(
        "confidence",
        pa.float64(),
        "OCR confidence of the cell's text, 0..1; null when read from a text layer.",
    ),
    Column(
        "image",
        pa.string(),
        "The picture the cell was read from, where a web page or Word file prints its table "
        "as a picture: the image's URL or path as the page names it, or the Word file's "
        "media part (word/media/image1.png); null otherwise (a picture on a PDF page is "
        "placed by page and bbox).",
    ),
    Column(
        "read_from",
        pa.string(),
        "report_id of the other document of the same body and year the value was read from, "
        "where this document could not read it (glued digits, OCR); null when read from this one.",
    ),
)

FIGURES: tuple[Column, ...] = (
    Column("report_id", pa.string(), "The report the figure belongs to (reports.report_id)."),
    Column(
        "metric",
        pa.string(),
        "Metric code (docs/narrative-metrics.md); null when the meaning is not recognised.",
    ),
    Column("value", pa.float64(), "The number stated; changes are signed (a fall is negative)."),
    Column("unit", pa.string(), "Unit: 条, 件, 个, 次, 人次, 场, 期, 篇, 元, 万元 or %."),
    Column("qualifier", pa.string(), "余, 多, 近, 约 … when the text qualifies the number."),
    Column("text", pa.string(), "The number and unit as printed."),
    Column("sentence", pa.string(), "The sentence the figure stands in."),
    Column(
        "char_start", pa.int32(), "Offset of the printed figure in the report's narrative text."
    ),
    Column(
        "char_end", pa.int32(), "End offset of the printed figure in the report's narrative text."
    ),
    Column("page", pa.int32(), "Page the figure is printed on (null for formats without pages)."),
)

CHECKS: tuple[Column, ...] = (
    Column("report_id", pa.string(), "The report checked (reports.report_id)."),
    Column("check", pa.string(), "Check name, e.g. requests.row_total (docs/checks.md)."),
    Column(
        "table",
        pa.string(),
        "Table the rule applies to (proactive, requests, appeals, narrative, …).",
    ),
    Column("scope", pa.string(), "Row, column or metric the rule instance was applied to."),
    Column("expected", pa.float64(), "What the rule expects (e.g. the sum of the parts)."),
    Column("actual", pa.float64(), "What the report prints."),
    Column("passed", pa.bool_(), "True or false; null when the rule could not be applied."),
    Column("detail", pa.string(), "The finding in words, or why the rule was not applicable."),
)

BODIES: tuple[Column, ...] = (
    Column(
        "body_id",
        pa.string(),
        "Stable identifier of the body: its division's code and a digest of its name "
        "(x-… when the division is not known).",
    ),
    Column("name", pa.string(), "The body's full official name (淮安市洪泽区人民政府)."),
    Column("kind", pa.string(), "government · office · department · township · zone · other."),
    Column(
        "division_code",
        pa.string(),
        "GB/T 2260 code of the administrative division the body belongs to (as of the "
        "division library's latest year); null when unresolved.",
    ),
    Column("division_name", pa.string(), "That division's name with its city (淮安市洪泽区)."),
    Column("level", pa.string(), "province · city · county: the level of that division."),
    Column(
        "parent_code",
        pa.string(),
        "The division one level up (320800 for 洪泽区); null for a province.",
    ),
    Column(
        "names",
        pa.list_(pa.string()),
        "Every name under which its reports print it (洪泽区人民政府, 淮安市洪泽区人民政府).",
    ),
    Column("resolved", pa.bool_(), "True where the division was determined from the reports."),
    Column("note", pa.string(), "How the division was determined, or why it could not be."),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "reports": REPORTS,
    "bodies": BODIES,
    "cells": CELLS,
    "figures": FIGURES,
    "checks": CHECKS,
}

TABLE_DESCRIPTIONS: dict[str, str] = {
    "reports": "One row per document: where it came from, what it is, who published it, whether it is the one that counts for its body and year, and whether extraction succeeded.",
    "bodies": "One row per issuing body: its official name, kind, the administrative division it belongs to and every name its reports print.",
    "cells": "Tidy cells of the template tables (表二, 表三, 表四; before 2019 the 统计表) with canonical codes and provenance.",
    "figures": "Numbers stated in the narrative text, with their metric code where recognised.",
    "checks": "The template's arithmetic and the narrative-versus-table agreement, one row per rule instance.",
}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.type) for c in TABLES[table]])
