"""What a report says: issuer, year, template and table values that satisfy the template arithmetic.

`random_content` draws a consistent report; `content_from_truth` rebuilds one from a
truth JSON (e.g. the real Quangang 2025 figures) so that it can be rendered anew.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..bodies.resolve import Evidence, identify
from .names import Issuer, random_issuer
from .template import (
    APPEAL_OUTCOME_COLS,
    APPEAL_ROWS,
    APPEALS,
    APPLICANT_COLS,
    OTHER_SPLIT_CODES,
    PROACTIVE,
    REQUESTS,
    CellKey,
    outcome_rows,
    template_keys,
)

Number = int | float


@dataclass(slots=True)
class Content:
    """A report's facts, before any presentation choice or deliberate error."""

    issuer: Issuer
    year: int
    template: str  # '2019' | '2021'
    single_other_row: bool  # (六)其他处理 printed as one row (always so in 2019)
    values: dict[CellKey, Number]
    title: str
    title_lines: tuple[str, ...]  # the title as printed, one entry per line
    published: dt.date
    doc_number: str
    proactive_items: int  # items published proactively (narrative only; no table cell)
    fees_collected: int  # disclosure processing fees in 元 (narrative only)
    prev_received: int | None  # last year's applications, for the stated change
    amount_texts: dict[CellKey, str] = field(default_factory=dict)  # decimals as printed
    stated: dict[str, float] | None = None  # figures fixed by a truth file
    source_id: str | None = None

    def template_cells(self) -> list[CellKey]:
        return template_keys(self.template, self.single_other_row)

    def value(self, table: str, row: str, col: str) -> Number:
        return self.values.get((table, row, col), 0)


def _log_uniform(rng: random.Random, low: float, high: float) -> int:
    return round(math.exp(rng.uniform(math.log(low), math.log(high))))


def split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """Distribute `total` units over len(weights) bins at random, in proportion to the weights."""
    counts = [0] * len(weights)
    if total <= 0 or not any(weights):
        return counts
    if total > 2000:
        # large totals: proportional shares with a little noise, remainder by lot
        noisy = [w * rng.uniform(0.85, 1.15) for w in weights]
        scale = total / sum(noisy)
        counts = [int(w * scale) for w in noisy]
        total -= sum(counts)
    for index in rng.choices(range(len(weights)), weights, k=total):
        counts[index] += 1
    return counts


_OUTCOME_BASE = {
    "granted": 40.0,
    "partially_granted": 6.0,
    "denied.state_secret": 0.5,
    "denied.prohibited_by_law": 0.8,
    "denied.security_stability": 0.5,
    "denied.third_party_rights": 2.0,
    "denied.internal_affairs": 2.0,
    "denied.process_info": 3.0,
    "denied.enforcement_file": 1.0,
    "denied.admin_query": 2.0,
    "unavailable.not_held": 22.0,
    "unavailable.needs_creation": 3.0,
    "unavailable.unclear": 3.0,
    "not_processed.complaint": 4.0,
    "not_processed.duplicate": 3.0,
    "not_processed.publication": 1.0,
    "not_processed.excessive": 1.5,
    "not_processed.confirmation": 1.0,
    "other.no_correction": 4.0,
    "other.unpaid_fee": 0.3,
    "other.other": 8.0,
}
_ALWAYS_ACTIVE = {"granted", "unavailable.not_held"}
_ORG_PROBABILITY = {
    "commercial": 0.55,
    "research": 0.1,
    "social_welfare": 0.1,
    "legal_service": 0.3,
    "other_org": 0.35,
}


def _new_received_total(rng: random.Random, scale: str) -> int:
    if scale == "small":
        return 0 if rng.random() < 0.15 else _log_uniform(rng, 1, 40)
    if scale == "medium":
        return _log_uniform(rng, 8, 450)
    return _log_uniform(rng, 150, 6000)


def _request_values(rng: random.Random, scale: str) -> dict[CellKey, Number]:
    """Table 3 with every applicant column balanced; outcome rows share one weight profile."""
    new_total = _new_received_total(rng, scale)
    orgs = [col for col in APPLICANT_COLS[1:] if rng.random() < _ORG_PROBABILITY[col]]
    org_share = rng.uniform(0.02, 0.4) if orgs else 0.0
    col_weights = [1 - org_share] + [
        org_share * rng.uniform(0.2, 1.0) if col in orgs else 0.0 for col in APPLICANT_COLS[1:]
    ]
    new = split(rng, new_total, col_weights)
    over_total = 0 if rng.random() < 0.45 else round(new_total * rng.uniform(0.0, 0.12))
    over = split(rng, over_total, [w if n else 0.0 for w, n in zip(col_weights, new, strict=True)])
    forward = [0] * len(APPLICANT_COLS)
    if rng.random() < 0.55:
        share = rng.uniform(0.0, 0.09)
        forward = [
            min(n + o, round((n + o) * share * rng.uniform(0.5, 1.5)))
            for n, o in zip(new, over, strict=True)
        ]
    handled = [n + o - f for n, o, f in zip(new, over, forward, strict=True)]

    rows = outcome_rows(single_other_row=False)
    weights = [
        _OUTCOME_BASE[row] * rng.uniform(0.3, 2.0)
        if row in _ALWAYS_ACTIVE or rng.random() < 0.4
        else 0.0
        for row in rows
    ]
    values: dict[CellKey, Number] = {}
    for index, col in enumerate(APPLICANT_COLS):
        counts = split(rng, handled[index], weights)
        for row, count in zip(rows, counts, strict=True):
            values[(REQUESTS, row, col)] = count
        values[(REQUESTS, "new_received", col)] = new[index]
        values[(REQUESTS, "carried_over", col)] = over[index]
        values[(REQUESTS, "total_handled", col)] = handled[index]
        values[(REQUESTS, "carried_forward", col)] = forward[index]
    for row in ["new_received", "carried_over", *rows, "total_handled", "carried_forward"]:
        values[(REQUESTS, row, "total")] = sum(
            int(values[(REQUESTS, row, col)]) for col in APPLICANT_COLS
        )
    return values


def merge_other_rows(values: dict[CellKey, Number]) -> None:
    """Replace the three other.* rows by their sum in a single `other` row (in place)."""
    for col in (*APPLICANT_COLS, "total"):
        values[(REQUESTS, "other", col)] = sum(
            int(values.pop((REQUESTS, row, col), 0)) for row in OTHER_SPLIT_CODES
        )


def _appeal_values(rng: random.Random, scale: str) -> dict[CellKey, Number]:
    values: dict[CellKey, Number] = {}
    for row in APPEAL_ROWS:
        if scale == "large":
            total = _log_uniform(rng, 5, 400) if row == "review" else _log_uniform(rng, 1, 60)
        elif scale == "medium":
            total = 0 if rng.random() < 0.35 else _log_uniform(rng, 1, 25 if row == "review" else 8)
        else:
            total = 0 if rng.random() < 0.75 else rng.randint(1, 3)
        weights = [
            rng.uniform(3, 6),
            rng.uniform(0.3, 2),
            rng.uniform(0.5, 3),
            rng.uniform(0.2, 1.5),
        ]
        for col, count in zip(APPEAL_OUTCOME_COLS, split(rng, total, weights), strict=True):
            values[(APPEALS, row, col)] = count
        values[(APPEALS, row, "total")] = total
    return values


def _amount(rng: random.Random, low: float, high: float, places: int) -> str:
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text and rng.random() < 0.7 else text


def _proactive_values(
    rng: random.Random, template: str, kind: str, scale: str
) -> tuple[dict[CellKey, Number], dict[CellKey, str]]:
    values: dict[CellKey, Number] = {}
    texts: dict[CellKey, str] = {}
    big = {"small": 0.05, "medium": 0.4, "large": 1.0}[scale]
    makes_rules = kind == "city" or (kind == "office" and scale == "large")

    def count(high: float, zero: float = 0.2) -> int:
        return 0 if rng.random() < zero else _log_uniform(rng, 1, max(2.0, high * big))

    if template == "2021":
        reg_in_force = _log_uniform(rng, 5, 130) if makes_rules else 0
        values[(PROACTIVE, "regulations", "issued")] = rng.randint(0, 4) if makes_rules else 0
        values[(PROACTIVE, "regulations", "repealed")] = rng.randint(0, 3) if makes_rules else 0
        values[(PROACTIVE, "regulations", "in_force")] = reg_in_force
        issued = count(90, 0.1)
        values[(PROACTIVE, "normative_documents", "issued")] = issued
        values[(PROACTIVE, "normative_documents", "repealed")] = count(50, 0.3)
        values[(PROACTIVE, "normative_documents", "in_force")] = issued + count(500, 0.05)
        values[(PROACTIVE, "licensing", "decisions")] = count(500000, 0.15)
        values[(PROACTIVE, "penalty", "decisions")] = count(4000000, 0.1)
        values[(PROACTIVE, "enforcement", "decisions")] = count(100000, 0.3)
        if rng.random() < 0.3:
            values[(PROACTIVE, "fees", "amount")] = 0
        else:
            text = _amount(rng, 0.05, 100000 * big + 1, rng.choice((1, 2, 2, 4, 5)))
            texts[(PROACTIVE, "fees", "amount")] = text
            values[(PROACTIVE, "fees", "amount")] = float(text)
        return values, texts

    for row in ("regulations", "normative_documents"):
        made = (
            (rng.randint(0, 15) if makes_rules else 0) if row == "regulations" else count(120, 0.1)
        )
        values[(PROACTIVE, row, "made")] = made
        values[(PROACTIVE, row, "published")] = made if rng.random() < 0.8 else rng.randint(0, made)
        values[(PROACTIVE, row, "public_total")] = made + (
            count(500, 0.05) if row == "normative_documents" or makes_rules else 0
        )
    for row, high in (
        ("licensing", 3000),
        ("other_services", 400),
        ("penalty", 5000),
        ("enforcement", 600),
        ("fees", 80),
    ):
        prev = count(high, 0.2)
        change = 0 if rng.random() < 0.35 else rng.randint(-prev, max(1, prev // 2 + 3))
        values[(PROACTIVE, row, "items_prev")] = prev
        values[(PROACTIVE, row, "items_change")] = change
        if row != "fees":
            values[(PROACTIVE, row, "decisions")] = count(high * 200, 0.2)
    projects = count(900, 0.25)
    values[(PROACTIVE, "procurement", "projects")] = projects
    if projects:
        text = _amount(rng, 2e4 * projects, 8e5 * projects, 2)
        texts[(PROACTIVE, "procurement", "amount")] = text
        values[(PROACTIVE, "procurement", "amount")] = float(text)
    else:
        values[(PROACTIVE, "procurement", "amount")] = 0
    return values, texts


def _title(rng: random.Random, issuer: Issuer, year: int) -> tuple[str, tuple[str, ...]]:
    word = rng.choice(("年度", "年度", "年"))
    layout = rng.choices(("one_line", "issuer_line", "year_first"), (5, 3, 1))[0]
    if layout == "year_first":
        title = f"{year}年{issuer.title_name}政府信息公开工作年度报告"
        return title, (title,)
    rest = f"{year}{word}政府信息公开工作年度报告"
    if layout == "issuer_line":
        return issuer.title_name + rest, (issuer.title_name, rest)
    return issuer.title_name + rest, (issuer.title_name + rest,)


def _published(rng: random.Random, year: int) -> dt.date:
    month = rng.choices((1, 2, 3), (6, 2, 1))[0]
    return dt.date(year + 1, month, rng.randint(5, 28))


def random_content(
    rng: random.Random, place: tuple[str, str] | None = None, year: int | None = None
) -> Content:
    """A random report whose tables satisfy every rule of the template arithmetic.

    ``place``: (kind, division code) of the issuer, e.g. ("district", "320813"); ``year``:
    the year it covers. Both are drawn when None (drawing them consumes the same numbers).
    """
    issuer = random_issuer(rng)
    drawn_year = rng.randint(2019, 2025)
    if place is not None:
        issuer = random_issuer(rng, *place)
    year = year or drawn_year
    template = "2019" if year <= 2020 else "2021"
    single_other = template == "2019" or rng.random() < 0.12
    values = _request_values(rng, issuer.scale)
    if single_other:
        merge_other_rows(values)
    values.update(_appeal_values(rng, issuer.scale))
    proactive, texts = _proactive_values(rng, template, issuer.kind, issuer.scale)
    values.update(proactive)
    received = int(values[(REQUESTS, "new_received", "total")])
    prev = None
    if received:
        prev = max(1, round(received / (1 + rng.uniform(-0.5, 0.8))))
    items_high = {"small": 900, "medium": 7000, "large": 40000}[issuer.scale]
    title, lines = _title(rng, issuer, year)
    published = _published(rng, year)
    return Content(
        issuer=issuer,
        year=year,
        template=template,
        single_other_row=single_other,
        values=values,
        amount_texts=texts,
        title=title,
        title_lines=lines,
        published=published,
        doc_number=f"{issuer.doc_prefix}〔{published.year}〕{rng.randint(1, 60)}号",
        proactive_items=_log_uniform(rng, 30, items_high),
        fees_collected=0 if rng.random() < 0.85 else rng.randint(2, 400) * 10,
        prev_received=prev,
    )


_WE = {"district": "我区", "county": "我县", "city": "我市", "office": "本机关", "town": "我镇"}


def _issuer_kind(full: str) -> str:
    if full.endswith("办公室") or full.endswith("办公厅"):
        return "office"
    if re.search(r"(区|县)人民政府$", full):
        return "district" if "区人民政府" in full else "county"
    if full.endswith("市人民政府"):
        return "city"
    if full.endswith(("街道办事处", "镇人民政府")):
        return "town"
    if full.endswith("管理委员会") or full.endswith("管委会"):
        return "zone"
    return "department"


def content_from_truth(path: Path, rng: random.Random) -> Content:
    """A report with the tables, figures and metadata of a truth JSON file.

    Cells the truth lists as absent are taken as 0 (they were lost in that document's
    export, not in the report); contact details and everything else not in the
    truth are drawn from `rng`.
    """
    truth: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    required = ("id", "issuer", "year", "template", "title", "cells")
    missing = [key for key in required if not isinstance(truth, dict) or key not in truth]
    if missing:
        raise ValueError(f"{path}: not a truth file (missing {', '.join(missing)})")
    full = truth.get("issuer_full") or truth["issuer"]
    kind = _issuer_kind(full)
    body = identify(Evidence(issuer=full, year=int(truth["year"])))
    # Contact details of the real body's own division, so that they agree with its name.
    drawn = random_issuer(rng, kind, body.division_code if body and body.resolved else None)
    doc_number = truth.get("doc_number") or ""
    prefix_match = re.match(r"(.+?)〔", doc_number)
    name = truth["issuer"]
    office = full
    if kind in ("district", "county", "city"):
        office = (name if name.endswith("人民政府") else name + "人民政府") + "办公室"
    issuer = replace(
        drawn,
        full=full,
        title_name=name,
        kind=kind,
        we=_WE.get(kind, drawn.we),
        office=office,
        doc_prefix=prefix_match.group(1) if prefix_match else drawn.doc_prefix,
        website=f"{name.removesuffix('人民政府')}人民政府门户网站",
        address=name.removesuffix("人民政府") + drawn.street,
    )
    template = str(truth["template"])
    rows = {c["row_code"] for c in truth["cells"] if c["table"] == REQUESTS}
    single_other = template == "2019" or "other" in rows
    values: dict[CellKey, Number] = {}
    texts: dict[CellKey, str] = {}
    for cell in truth["cells"]:
        key = (cell["table"], cell["row_code"], cell["col_code"])
        value = cell["value"]
        values[key] = value
        if isinstance(value, float):
            texts[key] = re.sub(r"[^\d.\-]", "", cell["printed"]) or repr(value)
    for key in template_keys(template, single_other):
        values.setdefault(key, 0)
    stated = {f["metric"]: float(f["value"]) for f in truth.get("figures", [])}
    year = int(truth["year"])
    published = (
        dt.date.fromisoformat(truth["published"])
        if truth.get("published")
        else _published(rng, year)
    )
    title = truth["title"]
    lines: tuple[str, ...] = (title,)
    if title.startswith(truth["issuer"]) and rng.random() < 0.5:
        lines = (truth["issuer"], title[len(truth["issuer"]) :])
    received = int(values.get((REQUESTS, "new_received", "total"), 0))
    change = stated.get("requests.received_change")
    prev = round(received / (1 + change / 100)) if change is not None and received else None
    return Content(
        issuer=issuer,
        year=year,
        template=template,
        single_other_row=single_other,
        values=values,
        amount_texts=texts,
        title=title,
        title_lines=lines,
        published=published,
        doc_number=doc_number,
        proactive_items=int(stated.get("proactive.items", 0)),
        fees_collected=int(stated.get("fees.collected", 0)),
        prev_received=prev,
        stated=stated,
        source_id=str(truth["id"]),
    )


def check_keys_complete(content: Content) -> None:
    missing = [key for key in content.template_cells() if key not in content.values]
    if missing:
        raise ValueError(f"content lacks {len(missing)} template cells, e.g. {missing[0]}")
