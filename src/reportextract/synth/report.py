"""One synthetic report, format-independent: content, printing choices, errors and its text blocks.

`build_report` draws everything from a seed: the same (seed, index) always gives the
same report, whatever formats are rendered. Renderers walk `SynthReport.blocks` and
print table cells through `SynthReport.printed`, so every format prints the same text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from .content import Content, Number, content_from_truth, random_content
from .faults import Fault, apply_fault
from .grids import TableGrid, appeals_grid, proactive_grid, requests_grid
from .narrative import FigurePlan, chinese_date, plan_figures, write_sections
from .presentation import Presentation, printed_value, random_presentation
from .rules import ambiguous, broken_checks
from .template import PROACTIVE, REQUESTS, CellKey

# Block kinds, in the order a report may print them.
REDHEAD = "redhead"  # 'XX人民政府办公室文件' of a 印发通知
DOC_NUMBER = "doc_number"
NOTICE_TITLE = "notice_title"
NOTICE_BODY = "notice_body"
SIGNATURE = "signature"
DATE = "date"
NOTE = "note"  # （此件主动公开）
PAGE_BREAK = "page_break"
TITLE = "title"
PARA = "para"
HEADING = "heading"
TABLE = "table"
COPY_TO = "copy_to"  # 抄送 / 印发 lines at the end of a 印发通知


@dataclass(slots=True)
class Block:
    kind: str
    text: str = ""
    grid: TableGrid | None = None


@dataclass(slots=True)
class SynthReport:
    stem: str  # file stem shared by the report's documents
    seed: str  # seed string that rebuilds the report
    content: Content
    presentation: Presentation
    plan: FigurePlan
    values: dict[CellKey, Number]  # the printed values (after any deliberate error)
    faults: list[Fault] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def printed(self, key: CellKey) -> str:
        return self.presentation.printed(key, self.values[key], self.content.amount_texts.get(key))

    def grid(self, table: str) -> TableGrid:
        labels = self.presentation.labels
        if table == PROACTIVE:
            return proactive_grid(self.content.template, labels, self.printed)
        if table == REQUESTS:
            return requests_grid(self.content.single_other_row, labels, self.printed)
        return appeals_grid(labels, self.printed)

    def broken(self) -> list[dict[str, str]]:
        values = {key: float(value) for key, value in self.values.items()}
        return broken_checks(values, self.plan.values)

    def rng(self, purpose: str) -> random.Random:
        """A generator for one purpose (a renderer's styling), independent of the others."""
        return random.Random(f"{self.seed}:{purpose}")


def _addressees(content: Content) -> str:
    kind = content.issuer.kind
    if kind in ("district", "county"):
        if content.issuer.we == "我县":
            return "各乡镇人民政府，县直各单位："
        return "各镇人民政府、街道办事处，区政府各部门、各直属机构："
    if kind in ("city", "office"):
        return "各区、县人民政府，市政府各部门、各直属机构："
    if kind == "town":
        return "各村（社区），各有关单位："
    return "机关各科室、各直属单位："


def _notice(rng: random.Random, content: Content, date_text: str) -> list[Block]:
    issuer = content.issuer
    agreed = {"区政府": "区政府", "县政府": "县政府", "市政府": "市政府"}.get(issuer.superior)
    lead = (
        f"经{agreed}同意，现"
        if agreed and issuer.kind in ("district", "county", "city", "office")
        else "现"
    )
    return [
        Block(REDHEAD, f"{issuer.office}文件"),
        Block(DOC_NUMBER, content.doc_number),
        Block(NOTICE_TITLE, f"{issuer.office}关于印发{content.title}的通知"),
        Block(NOTICE_BODY, _addressees(content)),
        Block(NOTICE_BODY, f"{lead}将《{content.title}》印发给你们，并向社会公开发布。"),
        Block(SIGNATURE, issuer.office),
        Block(DATE, date_text),
        Block(NOTE, "（此件主动公开）"),
        Block(PAGE_BREAK),
    ]


def compose(rng: random.Random, report: SynthReport) -> list[Block]:
    content = report.content
    pres = report.presentation
    date = content.published
    date_text = chinese_date(
        date.year, date.month, date.day, rng.choice(("arabic", "arabic", "chinese"))
    )
    blocks: list[Block] = []
    if pres.wrapper:
        blocks.extend(_notice(rng, content, date_text))
    blocks.extend(Block(TITLE, line) for line in content.title_lines)
    intro, sections = write_sections(rng, content, report.plan)
    blocks.extend(Block(PARA, text) for text in intro)
    for section in sections:
        blocks.append(Block(HEADING, section.heading))
        for text in section.paragraphs:
            kind = HEADING if len(text) < 16 and text[:1] in "（(" else PARA
            blocks.append(Block(kind, text))
        if section.table:
            blocks.append(Block(TABLE, grid=report.grid(section.table)))
        blocks.extend(Block(PARA, text) for text in section.after_table)
    if pres.wrapper:
        blocks.append(Block(COPY_TO, f"抄送：{content.issuer.superior}办公室。"))
        blocks.append(
            Block(
                COPY_TO, f"{content.issuer.office}　　{date.year}年{date.month}月{date.day}日印发"
            )
        )
    elif pres.date_printed:
        blocks.append(
            Block(SIGNATURE, content.issuer.office if rng.random() < 0.6 else content.issuer.full)
        )
        blocks.append(Block(DATE, date_text))
    return blocks


def _assemble(
    stem: str,
    seed: str,
    content: Content,
    errors: bool,
    plain: bool,
    fault_kinds: tuple[str, ...] | None,
) -> SynthReport:
    rng = random.Random(f"{seed}:report")
    presentation = random_presentation(rng, content, plain=plain)
    plan = plan_figures(rng, content)
    values = dict(content.values)
    report = SynthReport(stem, seed, content, presentation, plan, values)
    if errors:
        _inject(rng, report, fault_kinds)
    report.blocks = compose(random.Random(f"{seed}:text"), report)
    return report


def _inject(rng: random.Random, report: SynthReport, kinds: tuple[str, ...] | None) -> None:
    """Apply one or two deliberate errors, each of which breaks at least one check."""
    wanted = list(kinds) if kinds else [None] * rng.choice((1, 1, 2))
    for kind in wanted:
        for _attempt in range(20):
            values = dict(report.values)
            stated = dict(report.plan.values)
            before = report.broken()
            blank_before = report.presentation.blank_totals
            fault = apply_fault(
                rng, values, report.content.single_other_row, report.presentation, stated, kind
            )
            trial = SynthReport(
                report.stem,
                report.seed,
                report.content,
                report.presentation,
                FigurePlan(stated, report.plan.texts),
                values,
            )
            clean = not ambiguous(
                {k: float(v) for k, v in values.items()}, stated
            ) and _prints_its_values(report, values)
            if fault is not None and clean and len(trial.broken()) > len(before):
                report.values = values
                report.plan.values = stated
                report.faults.append(fault)
                break
            report.presentation.blank_totals = blank_before


def _prints_its_values(report: SynthReport, values: dict[CellKey, Number]) -> bool:
    """Every cell's printed text still states its value (a blank cell must stay 0)."""
    for key, value in values.items():
        text = report.presentation.printed(key, value, report.content.amount_texts.get(key))
        if abs(printed_value(text) - float(value)) > 1e-9:
            return False
    return True


def build_report(
    seed: int | str,
    index: int,
    errors: bool = False,
    fault_kinds: tuple[str, ...] | None = None,
    place: tuple[str, str] | None = None,
    year: int | None = None,
) -> SynthReport:
    """The report number `index` of the corpus drawn with `seed`.

    ``place`` (kind, division code) and ``year`` fix who publishes it and when, e.g. the
    districts of one city for one year.
    """
    key = f"{seed}:{index}"
    content = random_content(random.Random(f"{key}:content"), place, year)
    return _assemble(
        f"synth-{seed}-{index:05d}", key, content, errors, plain=False, fault_kinds=fault_kinds
    )


def build_from_content(
    stem: str,
    seed: int | str,
    content: Content,
    errors: bool = False,
    fault_kinds: tuple[str, ...] | None = None,
) -> SynthReport:
    """A report of ``content`` drawn by the caller (a body's two consecutive years …)."""
    return _assemble(stem, str(seed), content, errors, plain=False, fault_kinds=fault_kinds)


def build_from_truth(path: Path, seed: int | str) -> SynthReport:
    """A report with the tables, figures and metadata of a truth file, printed plainly."""
    key = f"{seed}:{path.name}"
    content = content_from_truth(path, random.Random(f"{key}:content"))
    return _assemble(
        f"synth-{content.source_id}", key, content, errors=False, plain=True, fault_kinds=None
    )
