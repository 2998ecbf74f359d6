"""A region's reports for one year, as an oversight body finds them.

A province (or a city) and some of the divisions under it: their governments publish
their reports for the year — most of them whole, one without its 表四, one whose tables
cannot be read at all — others publish nothing; a share of the reports carry deliberate
errors; a department of each city publishes too. Last year's reports of the same
governments are generated with them and agree with this year's: this year's 上年结转 is
last year's 结转下年度, and a change the narrative states is against last year's count.

    plan = generate_region(Path("out"), "320000", cities=3, year=2024, seed="r1")
    plan.missing       # every division under the region without a report for the year
    plan.documents     # the documents written (OUT/samples) with their truth (OUT/truth)
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..bodies.divisions import Division, divisions
from .content import Content, random_content
from .corpus import FORMATS, CorpusWriter, Document, _Job, has_errors
from .faults import Fault
from .report import TABLE, SynthReport, build_from_content
from .template import APPEALS, APPLICANT_COLS, PROACTIVE, REQUESTS, outcome_rows

# What a division's government published for the year.
WHOLE = "whole"
PARTIAL = "partial"  # its report leaves 表四 out
UNREADABLE = "unreadable"  # its report prints no table that can be read
NO_TABLES_REASON = "not printed: the region generator left this table out of the document"


@dataclass(frozen=True, slots=True)
class Publication:
    division: Division
    kind: (
        str  # issuer kind: city (a province's or a city's government), district, county, department
    )
    year: int
    state: str = WHOLE
    errors: bool = False


@dataclass(slots=True)
class RegionPlan:
    region: Division
    year: int
    divisions: tuple[Division, ...]  # every division under the region, at every level
    publications: list[Publication]  # for the year and the year before
    documents: list[Document] = field(default_factory=list)
    faults: dict[str, list[Fault]] = field(default_factory=dict)  # file stem → its errors

    def published(self, year: int | None = None) -> list[Publication]:
        wanted = self.year if year is None else year
        return [p for p in self.publications if p.year == wanted]

    def governments(self, year: int | None = None) -> dict[str, Publication]:
        """Division code → its government's publication of the year."""
        return {p.division.code: p for p in self.published(year) if p.kind != "department"}

    @property
    def missing(self) -> list[Division]:
        """The divisions under the region whose government published nothing for the year."""
        published = self.governments()
        return [d for d in self.divisions if d.code not in published]


def _kind(division: Division) -> str:
    if division.level in ("province", "city"):
        return "city"
    return "county" if division.name.endswith("县") else "district"


def _below(region: Division, year: int) -> list[Division]:
    """The divisions under ``region`` (cities, then their counties) as the list had them in ``year``."""
    return list(divisions().descendants(region.code, year))


def plan_region(
    region: str,
    cities: int,
    year: int,
    seed: int | str,
    missing_share: float = 0.3,
    error_rate: float = 0.4,
    departments: int = 1,
    partial: int = 1,
    unreadable: int = 1,
) -> RegionPlan:
    """Who publishes what: the region's government, ``cities`` of its cities (all of them
    with a report) and their counties (a share ``missing_share`` silent, ``partial`` and
    ``unreadable`` of them with an incomplete report), last year's reports of the same
    governments (and of half the silent ones), and errors in ``error_rate`` of this year's."""
    table = divisions()
    top = table.get(region, year)
    if top is None:
        raise ValueError(f"no division {region} in {year}")
    rng = random.Random(f"{seed}:region")
    children = table.children(top.code, year)
    if top.level == "province":
        pool = [c for c in children if c.level == "city"]
        chosen = sorted(rng.sample(pool, min(cities, len(pool))), key=lambda d: d.code)
        counties = [c for city in chosen for c in table.children(city.code, year)]
        counties += [c for c in children if c.level == "county"]  # under the province itself
    else:
        chosen, counties = [], children
    if not counties:
        raise ValueError(f"{top.name} {top.code} has no counties under it in {year}")
    order = counties[:]
    rng.shuffle(order)
    silent = set(d.code for d in order[: max(1, round(len(order) * missing_share))])
    speaking = [d for d in order if d.code not in silent]
    if len(speaking) < 1 + partial + unreadable:
        raise ValueError(f"{top.name}: too few counties for the incomplete reports asked for")
    states = {d.code: PARTIAL for d in speaking[:partial]}
    states |= {d.code: UNREADABLE for d in speaking[partial : partial + unreadable]}

    this_year: list[Publication] = [Publication(top, "city", year)]
    this_year += [Publication(city, "city", year) for city in chosen]
    this_year += [
        Publication(d, _kind(d), year, states.get(d.code, WHOLE))
        for d in counties
        if d.code not in silent
    ]
    this_year += [
        Publication(city, "department", year)
        for city in (chosen or [top])
        for _ in range(departments)
    ]
    this_year.sort(key=lambda p: (p.division.code, p.kind))
    this_year = [
        Publication(
            p.division, p.kind, p.year, p.state, p.state == WHOLE and has_errors(i, error_rate)
        )
        for i, p in enumerate(this_year)
    ]
    last_year = [
        Publication(p.division, p.kind, year - 1) for p in this_year if p.kind != "department"
    ]
    last_year += [
        Publication(d, _kind(d), year - 1)
        for d in sorted(counties, key=lambda d: d.code)
        if d.code in silent and rng.random() < 0.5
    ]
    below = _below(top, year)
    return RegionPlan(top, year, tuple(below), [*last_year, *this_year])


ATTEMPTS = 60  # draws to find a year like the one before


def _received(content: Content) -> int:
    return int(content.values[(REQUESTS, "new_received", "total")])


def _alike(previous: Content, current: Content) -> bool:
    """A body of the same size, whose applications at most halved or doubled."""
    before, now = _received(previous), _received(current)
    same_size = previous.issuer.scale == current.issuer.scale
    return same_size and (before == now or (before > 0 and 0.5 <= now / before <= 2.0))


def _content(
    seed: int | str, publication: Publication, index: int, previous: Content | None = None
) -> Content:
    """The publication's content; with ``previous``, the first of a few draws that is like it."""
    code = publication.division.code
    first: Content | None = None
    for attempt in range(ATTEMPTS if previous is not None else 1):
        key = f"{seed}:{code}:{publication.kind}:{index}:{publication.year}:{attempt}:content"
        content = random_content(random.Random(key), (publication.kind, code), publication.year)
        first = first or content
        if previous is None or _alike(previous, content):
            return content
    assert first is not None
    return first


def carry_over(previous: Content, current: Content) -> None:
    """Make ``current`` follow ``previous``: its 上年结转 is last year's 结转下年度 (its
    handled and outcome rows adjusted to keep the arithmetic), and the change its narrative
    states is against last year's 本年新收."""
    values = current.values
    rows = outcome_rows(current.single_other_row)
    for col in APPLICANT_COLS:
        over = int(previous.values[(REQUESTS, "carried_forward", col)])
        new = int(values[(REQUESTS, "new_received", col)])
        forward = min(int(values[(REQUESTS, "carried_forward", col)]), new + over)
        handled = new + over - forward
        values[(REQUESTS, "carried_over", col)] = over
        values[(REQUESTS, "carried_forward", col)] = forward
        values[(REQUESTS, "total_handled", col)] = handled
        _spread(values, rows, col, handled - sum(int(values[(REQUESTS, r, col)]) for r in rows))
    for row in ("new_received", "carried_over", *rows, "total_handled", "carried_forward"):
        values[(REQUESTS, row, "total")] = sum(
            int(values[(REQUESTS, row, col)]) for col in APPLICANT_COLS
        )
    received = int(previous.values[(REQUESTS, "new_received", "total")])
    current.prev_received = received or None


def _spread(values: dict, rows: list[str], col: str, delta: int) -> None:
    """Add ``delta`` (possibly negative) to the outcome rows of a column, largest rows first."""
    by_size = sorted(rows, key=lambda r: -int(values[(REQUESTS, r, col)]))
    if delta > 0:
        values[(REQUESTS, by_size[0], col)] = int(values[(REQUESTS, by_size[0], col)]) + delta
        return
    for row in by_size:
        if delta == 0:
            break
        take = min(int(values[(REQUESTS, row, col)]), -delta)
        values[(REQUESTS, row, col)] = int(values[(REQUESTS, row, col)]) - take
        delta += take


def _without_tables(report: SynthReport, tables: Sequence[str]) -> None:
    report.blocks = [
        b
        for b in report.blocks
        if not (b.kind == TABLE and b.grid is not None and b.grid.table in tables)
    ]


def _left_out(state: str) -> tuple[str, ...]:
    if state == PARTIAL:
        return (APPEALS,)
    if state == UNREADABLE:
        return (PROACTIVE, REQUESTS, APPEALS)
    return ()


def _truth_without(path: Path, tables: Sequence[str]) -> None:
    """The truth of a document printed without ``tables``: their cells absent, its checks
    those of what it prints."""
    truth = json.loads(path.read_text(encoding="utf-8"))
    kept = [c for c in truth["cells"] if c["table"] not in tables]
    gone = [c for c in truth["cells"] if c["table"] in tables]
    truth["cells"] = kept
    truth["absent_cells"] += [
        {k: c[k] for k in ("table", "row_code", "col_code")} | {"reason": NO_TABLES_REASON}
        for c in gone
    ]
    truth["broken_checks"] = [b for b in truth["broken_checks"] if b["table"] not in tables]
    truth["notes"] += f" The document leaves out {', '.join(tables)}: the region generator's."
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def generate_region(
    out_dir: Path,
    region: str = "320000",
    cities: int = 3,
    year: int = 2024,
    seed: int | str = "region",
    formats: Sequence[str] = ("txt", "html", "docx"),
    missing_share: float = 0.3,
    error_rate: float = 0.4,
    departments: int = 1,
    batch_size: int = 40,
) -> RegionPlan:
    """Write the region's documents to OUT/samples (truth in OUT/truth); formats rotate
    over the documents (PDFs are converted with LibreOffice)."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown format(s) {unknown}; choose from {', '.join(FORMATS)}")
    plan = plan_region(region, cities, year, seed, missing_share, error_rate, departments)
    previous: dict[tuple[str, str], Content] = {}
    stripped: dict[str, tuple[str, ...]] = {}
    with CorpusWriter(Path(out_dir), batch_size) as writer:
        for index, publication in enumerate(plan.publications):
            key = (publication.division.code, publication.kind)
            before = previous.get(key) if publication.year == year else None
            content = _content(seed, publication, index, before)
            if publication.kind != "department":
                if publication.year == year - 1:
                    previous[key] = content
                elif before is not None:
                    carry_over(before, content)
            stem = f"region-{seed}-{publication.division.code}-{publication.kind}-{publication.year}-{index:03d}"
            report = build_from_content(stem, f"{seed}:{index}", content, publication.errors)
            tables = _left_out(publication.state)
            if tables:
                _without_tables(report, tables)
                stripped[stem] = tables
            if report.faults:
                plan.faults[stem] = list(report.faults)
            writer.add(_Job(report, formats[index % len(formats)]))
    plan.documents = writer.documents
    for document in plan.documents:
        if document.report in stripped:
            _truth_without(document.truth, stripped[document.report])
    return plan
