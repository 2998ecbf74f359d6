"""The report's text: six sections whose sentences state the narrative metrics, plus distractors.

`plan_figures` decides which metrics the text states and with which value (the
values of the correct tables, or the figures of a truth file); a deliberate error may
change a stated value afterwards. `write_sections` then writes the sections in the
official order, stating exactly the planned figures in varied phrasings, and adds
numbers that are not metrics (dates, phone numbers, document and article numbers,
other counts).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import phrases
from .content import Content
from .numerals import (
    APPROX_STYLES,
    EXACT_STYLES,
    PERCENT_STYLES,
    Written,
    chinese_int,
    pick_style,
    write_approx,
    write_count,
    write_percent,
)
from .template import APPEALS, CHINESE_ORDINALS, REQUESTS, SECTION_TITLES, outcome_rows

UNITS = {
    "proactive.items": "条",
    "requests.received": "件",
    "requests.received_change": "%",
    "requests.answered": "件",
    "requests.carried_forward": "件",
    "requests.granted_or_partial": "件",
    "requests.granted_or_partial_share": "%",
    "review.cases": "件",
    "review.corrected": "件",
    "litigation.cases": "件",
    "litigation.corrected": "件",
    "fees.collected": "元",
}
METRIC_ORDER = tuple(UNITS)
LEADERSHIP = {
    "区政府": "区委、区政府",
    "县政府": "县委、县政府",
    "市政府": "市委、市政府",
    "管委会": "党工委、管委会",
}


@dataclass(slots=True)
class FigurePlan:
    """The metrics the text states: value (as the text states it) and the printed number when fixed."""

    values: dict[str, float] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # only for approximate forms
    count_style: str = "arabic"
    percent_style: str = "arabic"

    def figures(self) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for metric in METRIC_ORDER:
            if metric in self.values:
                value = self.values[metric]
                out.append(
                    {
                        "metric": metric,
                        "value": int(value)
                        if float(value).is_integer() and UNITS[metric] != "%"
                        else value,
                        "unit": UNITS[metric],
                    }
                )
        return out


def _cell(content: Content, table: str, row: str, col: str) -> int:
    return int(content.value(table, row, col))


def _share(part: int, base: int) -> float:
    return round(part * 100 / base, 1)


def plan_figures(rng: random.Random, content: Content) -> FigurePlan:
    plan = FigurePlan(
        count_style=rng.choice(EXACT_STYLES),
        percent_style=rng.choices(PERCENT_STYLES, (6, 0, 0, 1, 1))[0],
    )
    if content.stated is not None:
        plan.values = {metric: value for metric, value in content.stated.items() if metric in UNITS}
        if plan.count_style == "chinese":
            plan.count_style = "arabic"
        return plan
    received = _cell(content, REQUESTS, "new_received", "total")
    granted = _cell(content, REQUESTS, "granted", "total") + _cell(
        content, REQUESTS, "partially_granted", "total"
    )
    litigation_rows = ("litigation_direct", "litigation_after_review")
    candidates: dict[str, float] = {
        "requests.received": received,
        "requests.answered": _cell(content, REQUESTS, "total_handled", "total"),
        "requests.carried_forward": _cell(content, REQUESTS, "carried_forward", "total"),
        "requests.granted_or_partial": granted,
        "review.cases": _cell(content, APPEALS, "review", "total"),
        "review.corrected": _cell(content, APPEALS, "review", "corrected"),
        "litigation.cases": sum(_cell(content, APPEALS, r, "total") for r in litigation_rows),
        "litigation.corrected": sum(
            _cell(content, APPEALS, r, "corrected") for r in litigation_rows
        ),
        "fees.collected": content.fees_collected,
    }
    chance = {"requests.received": 0.8, "requests.answered": 0.6, "fees.collected": 0.75}
    for metric, value in candidates.items():
        if rng.random() < chance.get(metric, 0.5):
            plan.values[metric] = value
    if "review.corrected" in plan.values and "review.cases" not in plan.values:
        plan.values["review.cases"] = candidates["review.cases"]
    if "litigation.corrected" in plan.values and "litigation.cases" not in plan.values:
        plan.values["litigation.cases"] = candidates["litigation.cases"]
    if "requests.received" in plan.values and content.prev_received and rng.random() < 0.4:
        change = round((received - content.prev_received) * 100 / content.prev_received, 1)
        plan.values["requests.received_change"] = 0.0 if abs(change) < 0.05 else change
    stated_base = "requests.received" in plan.values and received
    if "requests.granted_or_partial" in plan.values and stated_base and rng.random() < 0.5:
        plan.values["requests.granted_or_partial_share"] = _share(granted, received)
    if rng.random() < 0.92:
        items = content.proactive_items
        if rng.random() < 0.35 and items >= 20:
            written = write_approx(items, rng.choice(APPROX_STYLES))
            plan.texts["proactive.items"] = written.text
            plan.values["proactive.items"] = written.value
        else:
            plan.values["proactive.items"] = items
    return plan


@dataclass(slots=True)
class Section:
    """A numbered section: its heading, then paragraphs; a table follows sections 二–四."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: str | None = None  # 'proactive' | 'requests' | 'appeals'
    after_table: list[str] = field(default_factory=list)


class Writer:
    """Writes the sections of one report with its own number and phrasing choices."""

    def __init__(self, rng: random.Random, content: Content, plan: FigurePlan) -> None:
        self.rng = rng
        self.content = content
        self.plan = plan
        self.we = content.issuer.we
        self.year = content.year
        self.exact_only = content.stated is not None
        self.appeals_written = False

    # numbers ---------------------------------------------------------------

    def count(self, n: int) -> str:
        style = pick_style(self.rng, EXACT_STYLES, self.plan.count_style, 0.75)
        if self.exact_only and style == "chinese":
            style = "arabic"
        if style == "chinese" and n == 2:
            return "两"
        return write_count(n, style).text

    def percent(self, value: float) -> Written:
        return write_percent(
            value, pick_style(self.rng, PERCENT_STYLES, self.plan.percent_style, 0.8)
        )

    def metric(self, metric: str) -> str:
        if metric in self.plan.texts:
            return self.plan.texts[metric]
        return self.count(int(self.plan.values[metric]))

    def fill(self, template: str, **fields: object) -> str:
        issuer = self.content.issuer
        return template.format(
            year=self.year,
            we=self.we,
            superior=LEADERSHIP.get(issuer.superior, issuer.superior),
            we_name=issuer.title_name,
            title=self.content.title,
            website=issuer.website,
            domain=issuer.domain,
            office=issuer.office,
            address=issuer.address,
            postcode=issuer.postcode,
            phone=issuer.phone,
            email=issuer.email,
            **fields,
        )

    def stating(self, metric: str, phrasings: Sequence[str], **fields: object) -> str:
        """One of `phrasings`, its ``{n}`` the metric as the text states it, filled like `fill`."""
        n = self.metric(metric)
        return self.fill(self.rng.choice(phrasings), n=n, **fields)

    def filler(self, bank: tuple[str, ...], low: int, high: int) -> list[str]:
        picked = self.rng.sample(bank, min(len(bank), self.rng.randint(low, high)))
        return [self.fill(sentence) for sentence in picked]

    # sentences that state metrics -------------------------------------------

    def proactive_sentences(self) -> list[str]:
        out: list[str] = []
        values = self.plan.values
        if "proactive.items" in values:
            n = self.metric("proactive.items")
            issuer = self.content.issuer
            channel = self.rng.choice(
                (issuer.website, "政府门户网站", "政府网站、政务新媒体等平台")
            )
            out.append(
                self.rng.choice(
                    (
                        f"全年通过{channel}主动公开各类政府信息{n}条",
                        f"{self.year}年，共主动公开政府信息{n}条",
                        f"在政府网站平台主动公开政府信息{n}条",
                        f"全年主动发布各类政府信息{n}条",
                        f"累计主动公开政府信息{n}条",
                    )
                )
            )
            items = int(values["proactive.items"])
            if "proactive.items" not in self.plan.texts and items > 10 and self.rng.random() < 0.4:
                part = self.rng.randint(1, items - 1)
                out[-1] += (
                    f"，其中{self.we[1:] if self.we.startswith('我') else ''}本级发布{self.count(part)}条，所属单位发布{self.count(items - part)}条"
                )
            out[-1] += "。"
        distractors = [
            f"发布政策解读{self.count(self.rng.randint(3, 120))}篇",
            f"解读信息{self.count(self.rng.randint(2, 60))}条",
            f"召开新闻发布会{self.count(self.rng.randint(1, 30))}场",
            f"公开政府常务会议{self.count(self.rng.randint(1, 24))}期",
            f"制作图解、短视频等多元化解读产品{self.count(self.rng.randint(1, 40))}个",
        ]
        picked = self.rng.sample(distractors, self.rng.randint(1, 3))
        out.append("同时，" + "，".join(picked) + "。")
        if self.content.template == "2021" and self.rng.random() < 0.3:
            issued = int(self.content.value("proactive", "normative_documents", "issued"))
            out.append(
                f"本年度制发行政规范性文件{self.count(issued)}件，均已按规定在规范性文件库集中公开。"
            )
        return out

    def request_sentences(self) -> list[str]:
        values = self.plan.values
        c = self.content
        parts: list[str] = []
        if "requests.received" in values:
            text = self.stating(
                "requests.received",
                (
                    "{year}年，{we}共收到政府信息公开申请{n}件",
                    "全年新收政府信息公开申请{n}件",
                    "{year}年共受理政府信息公开申请{n}件",
                    "本年度共收到依申请公开{n}件",
                ),
            )
            if "requests.received_change" in values:
                text += "，" + self.change_phrase(values["requests.received_change"])
            parts.append(text)
        if "requests.answered" in values:
            text = self.stating(
                "requests.answered",
                ("答复政府信息公开申请{n}件", "办结政府信息公开申请{n}件", "全年共答复申请{n}件"),
            )
            over = int(c.value(REQUESTS, "carried_over", "total"))
            if over and self.rng.random() < 0.5:
                text += f"（含上年度结转申请{self.count(over)}件）"
            parts.append(text)
        if "requests.carried_forward" in values:
            options = ["结转下一年度办理{n}件", "结转下年度继续办理{n}件"]
            if parts and values["requests.carried_forward"]:
                options += ["另有{n}件顺延至下年度答复", "{n}件结转至{next_year}年继续办理"]
            parts.append(self.stating("requests.carried_forward", options, next_year=self.year + 1))
        out = ["，".join(parts) + "。"] if parts else []
        detail: list[str] = []
        received = int(c.value(REQUESTS, "new_received", "total"))
        if "requests.granted_or_partial" in values:
            text = self.stating(
                "requests.granted_or_partial",
                (
                    "予以公开及部分公开{n}件",
                    "其中予以公开和部分公开的{n}件",
                    "予以公开、部分公开共{n}件",
                ),
            )
            if "requests.granted_or_partial_share" in values:
                share = self.percent(values["requests.granted_or_partial_share"]).text
                text += self.rng.choice(("，占{}", "，占比{}", "，占全部申请的{}")).format(share)
            detail.append(text)
        if received and self.rng.random() < 0.6:
            detail.extend(self.other_outcomes(received))
        if detail:
            out.append(
                ("其中，" if not detail[0].startswith("其中") else "") + "；".join(detail) + "。"
            )
        return out

    def other_outcomes(self, received: int) -> list[str]:
        c = self.content
        rows = outcome_rows(c.single_other_row)

        def total(prefix: str) -> int:
            return sum(int(c.value(REQUESTS, r, "total")) for r in rows if r.startswith(prefix))

        out: list[str] = []
        for prefix, words in (
            ("denied.", "不予公开"),
            ("unavailable.", "因本机关不掌握相关政府信息等原因无法提供"),
            ("not_processed.", "不予处理"),
            ("other", "其他处理"),
        ):
            n = total(prefix)
            if n and self.rng.random() < 0.7:
                text = f"{words}{self.count(n)}件"
                if self.rng.random() < 0.5:
                    text += "，占" + write_percent(_share(n, received), "arabic").text
                out.append(text)
        return out

    def change_phrase(self, value: float) -> str:
        if value == 0:
            return self.rng.choice(("与上年持平", "申请数量与上年持平"))
        written = self.percent(abs(value)).text
        base = self.rng.choice(("较上年", "同比", f"较{self.year - 1}年", "比上年", "较去年"))
        if value > 0:
            verb = self.rng.choice(("上升", "增长", "增加"))
        else:
            verb = self.rng.choice(("下降", "减少", "回落"))
        lead = self.rng.choice(("申请数量", "", "申请量"))
        return f"{lead}{base}{verb}{written}"

    def appeal_sentences(self) -> list[str]:
        values = self.plan.values
        c = self.content
        out: list[str] = []
        scope = self.rng.choice(("全年", f"{self.year}年", "本年度"))
        if "review.cases" in values:
            text = self.stating(
                "review.cases",
                (
                    "{scope}发生政府信息公开行政复议案件{n}件",
                    "{scope}被申请政府信息公开行政复议{n}件",
                    "{scope}信息公开行政复议案件{n}件",
                ),
                scope=scope,
            )
            if "review.corrected" in values:
                upheld = int(c.value(APPEALS, "review", "upheld"))
                if self.rng.random() < 0.4:
                    text += f"，其中结果维持{self.count(upheld)}件、结果纠正{self.metric('review.corrected')}件"
                else:
                    text += f"，结果纠正{self.metric('review.corrected')}件"
            out.append(text)
        elif not int(c.value(APPEALS, "review", "total")) and self.rng.random() < 0.5:
            # a statement of none is a figure: the truth lists review.cases 0
            self.plan.values["review.cases"] = 0.0
            out.append(f"{scope}未发生因政府信息公开引发的行政复议")
        if "litigation.cases" in values:
            text = self.stating(
                "litigation.cases",
                (
                    "信息公开行政诉讼案件{n}件",
                    "被提起政府信息公开行政诉讼{n}件",
                    "政府信息公开行政诉讼{n}件",
                ),
            )
            if "litigation.corrected" in values:
                text += f"，结果纠正{self.metric('litigation.corrected')}件"
            out.append(text)
        return ["；".join(out) + "。"] if out else []

    def fee_sentence(self) -> str | None:
        if "fees.collected" not in self.plan.values:
            return None
        n = int(self.plan.values["fees.collected"])
        lead = self.rng.choice((f"{self.year}年度，{self.we}", f"{self.year}年，", "本年度", ""))
        if n == 0:
            return lead + self.rng.choice(
                (
                    "未收取政府信息公开信息处理费。",
                    "未收取信息处理费。",
                    "无收取信息处理费情况。",
                    "收取政府信息公开信息处理费0元。",
                    "未向申请人收取信息处理费。",
                )
            )
        basis = (
            "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定，"
            if self.rng.random() < 0.5
            else ""
        )
        return lead + basis + f"共收取信息处理费{self.count(n)}元。"

    # sections ---------------------------------------------------------------

    def intro(self) -> list[str]:
        basis = self.fill(self.rng.choice(phrases.INTRO_BASIS))
        if self.content.template == "2021" and self.rng.random() < 0.4:
            basis = phrases.INTRO_BASIS_2021
        parts = [basis, self.fill(self.rng.choice(phrases.INTRO_PERIOD))]
        if self.rng.random() < 0.7:
            parts.append(self.fill(self.rng.choice(phrases.INTRO_WEB)))
        if self.rng.random() < 0.8:
            parts.append(self.fill(self.rng.choice(phrases.INTRO_CONTACT)))
        return ["".join(parts)]

    def subheading(self, index: int, style: tuple[str, str]) -> str:
        name = self.rng.choice(phrases.SUBHEADINGS[index])
        return f"{style[0]}{CHINESE_ORDINALS[index]}{style[1]}{name}"

    def overall(self, inline: bool, brackets: tuple[str, str]) -> list[str]:
        paragraphs = [self.fill(self.rng.choice(phrases.OVERALL))]
        appeals_here = self.rng.random() < 0.5
        requests = self.request_sentences()
        if appeals_here:
            requests += self.appeal_sentences()
            self.appeals_written = True
        bodies = [
            self.filler(phrases.PROACTIVE, 1, 3) + self.proactive_sentences(),
            requests + self.filler(phrases.REQUESTS, 1, 2),
            self.filler(phrases.MANAGEMENT, 1, 3),
            self.filler(phrases.PLATFORM, 1, 3) + self.platform_distractors(),
            self.filler(phrases.OVERSIGHT, 1, 2) + self.training_distractors(),
        ]
        for index, body in enumerate(bodies):
            heading = self.subheading(index, brackets)
            if inline:
                paragraphs.append(heading + "。" + "".join(body))
            else:
                paragraphs.append(heading)
                paragraphs.append("".join(body))
        return paragraphs

    def platform_distractors(self) -> list[str]:
        options = [
            f"截至目前，共有政务新媒体{self.count(self.rng.randint(2, 120))}个。",
            f"网站全年访问量达{self.rng.randint(5, 900)}万人次。",
            f"全年在门户网站开展民意征集{self.count(self.rng.randint(1, 60))}期、网上调查{self.count(self.rng.randint(1, 50))}期。",
            f"全年收到网民留言{self.count(self.rng.randint(5, 900))}件，均已按时回复。",
        ]
        return self.rng.sample(options, self.rng.randint(0, 2))

    def training_distractors(self) -> list[str]:
        year = self.year
        options = [
            f"全年组织政务公开业务培训{self.count(self.rng.randint(1, 12))}期，培训{self.count(self.rng.randint(20, 900))}人次。",
            f"于{year}年{self.rng.randint(3, 11)}月{self.rng.randint(1, 28)}日组织开展政务公开工作专题培训。",
            f"印发《{self.content.issuer.title_name}{year}年政务公开工作要点》（{self.content.issuer.doc_prefix}〔{year}〕{self.rng.randint(1, 90)}号），明确年度重点任务。",
            "严格落实《条例》第二十条第（一）项、第三十六条第（三）项等规定要求。",
        ]
        return self.rng.sample(options, self.rng.randint(0, 2))

    def problems(self) -> list[str]:
        items = self.rng.sample(phrases.PROBLEM_ITEMS, self.rng.randint(2, 4))
        fixes = self.rng.sample(phrases.IMPROVEMENTS, self.rng.randint(2, 4))
        numbered = "；".join(f"{CHINESE_ORDINALS[i]}是{text}" for i, text in enumerate(items))
        plan = "；".join(f"{CHINESE_ORDINALS[i]}是{text}" for i, text in enumerate(fixes))
        return [
            self.fill(self.rng.choice(phrases.PROBLEMS)) + numbered + "。",
            f"{self.year + 1}年，{self.we}将重点做好以下工作：" + plan + "。",
        ]

    def other_matters(self) -> list[str]:
        out: list[str] = []
        fee = self.fee_sentence()
        if fee:
            out.append(fee)
        if not out or self.rng.random() < 0.4:
            out.append(self.fill(self.rng.choice(phrases.OTHER_MATTERS)))
        return out


def section_heading(index: int) -> str:
    return f"{CHINESE_ORDINALS[index]}、{SECTION_TITLES[index]}"


def write_sections(
    rng: random.Random, content: Content, plan: FigurePlan
) -> tuple[list[str], list[Section]]:
    """The introduction paragraphs and the six sections, stating exactly `plan.values`."""
    writer = Writer(rng, content, plan)
    inline = rng.random() < 0.5
    brackets = rng.choices((("（", "）"), ("(", ")")), (9, 1))[0]
    intro = writer.intro()
    sections = [Section(section_heading(0), writer.overall(inline, brackets))]
    sections.append(Section(section_heading(1), table="proactive"))
    sections.append(Section(section_heading(2), table="requests"))
    appeals = Section(section_heading(3), table="appeals")
    if not writer.appeals_written:
        sentences = writer.appeal_sentences()
        if rng.random() < 0.5:
            appeals.paragraphs = sentences
        else:
            appeals.after_table = sentences
    sections.append(appeals)
    sections.append(Section(section_heading(4), writer.problems()))
    sections.append(Section(section_heading(5), writer.other_matters()))
    return intro, sections


def chinese_date(year: int, month: int, day: int, style: str) -> str:
    """'2026年1月12日' or, for the signature of a 公文, '二〇二六年一月十二日'."""
    if style == "chinese":
        digits = "".join("〇一二三四五六七八九"[int(d)] for d in str(year))
        return f"{digits}年{chinese_int(month)}月{chinese_int(day)}日"
    return f"{year}年{month}月{day}日"
