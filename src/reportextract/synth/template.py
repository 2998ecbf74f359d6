"""The official table structures (2019 and 2021 templates) with their canonical codes.

Codes and labels follow spec/canonical-codes.md; the row order and the merged-cell
structure follow the blank official 2021 Word template.
"""

from __future__ import annotations

from dataclasses import dataclass

CellKey = tuple[str, str, str]

PROACTIVE = "proactive"
REQUESTS = "requests"
APPEALS = "appeals"

APPLICANT_COLS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
)
REQUEST_COLS = (*APPLICANT_COLS, "total")

APPLICANT_LABELS = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}


@dataclass(frozen=True, slots=True)
class OutcomeGroup:
    """A group of 表三 outcome rows: '(三)不予公开' with its numbered items."""

    number: str  # Chinese ordinal inside the brackets: 一 … 七
    label: str
    items: tuple[tuple[str, str], ...]  # (row_code, label without numbering); empty = single row
    code: str = ""  # row code of a single-row group


DENIED = OutcomeGroup(
    "三",
    "不予公开",
    (
        ("denied.state_secret", "属于国家秘密"),
        ("denied.prohibited_by_law", "其他法律行政法规禁止公开"),
        ("denied.security_stability", "危及“三安全一稳定”"),
        ("denied.third_party_rights", "保护第三方合法权益"),
        ("denied.internal_affairs", "属于三类内部事务信息"),
        ("denied.process_info", "属于四类过程性信息"),
        ("denied.enforcement_file", "属于行政执法案卷"),
        ("denied.admin_query", "属于行政查询事项"),
    ),
)
UNAVAILABLE = OutcomeGroup(
    "四",
    "无法提供",
    (
        ("unavailable.not_held", "本机关不掌握相关政府信息"),
        ("unavailable.needs_creation", "没有现成信息需要另行制作"),
        ("unavailable.unclear", "补正后申请内容仍不明确"),
    ),
)
NOT_PROCESSED = OutcomeGroup(
    "五",
    "不予处理",
    (
        ("not_processed.complaint", "信访举报投诉类申请"),
        ("not_processed.duplicate", "重复申请"),
        ("not_processed.publication", "要求提供公开出版物"),
        ("not_processed.excessive", "无正当理由大量反复申请"),
        ("not_processed.confirmation", "要求行政机关确认或重新出具已获取信息"),
    ),
)
OTHER_SPLIT = OutcomeGroup(
    "六",
    "其他处理",
    (
        (
            "other.no_correction",
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        (
            "other.unpaid_fee",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        ("other.other", "其他"),
    ),
)
OTHER_SINGLE = OutcomeGroup("六", "其他处理", (), code="other")
GRANTED = OutcomeGroup("一", "予以公开", (), code="granted")
PARTIAL = OutcomeGroup("二", "部分公开", (), code="partially_granted")
PARTIAL_NOTE = "区分处理的，只计这一情形，不计其他情形"
TOTAL_HANDLED = OutcomeGroup("七", "总计", (), code="total_handled")

OTHER_SPLIT_CODES = tuple(code for code, _ in OTHER_SPLIT.items)


def outcome_groups(single_other_row: bool) -> tuple[OutcomeGroup, ...]:
    other = OTHER_SINGLE if single_other_row else OTHER_SPLIT
    return (GRANTED, PARTIAL, DENIED, UNAVAILABLE, NOT_PROCESSED, other)


def outcome_rows(single_other_row: bool) -> list[str]:
    rows: list[str] = []
    for group in outcome_groups(single_other_row):
        if group.items:
            rows.extend(code for code, _ in group.items)
        else:
            rows.append(group.code)
    return rows


def request_rows(single_other_row: bool) -> list[str]:
    return [
        "new_received",
        "carried_over",
        *outcome_rows(single_other_row),
        "total_handled",
        "carried_forward",
    ]


APPEAL_ROWS = ("review", "litigation_direct", "litigation_after_review")
APPEAL_COLS = ("upheld", "corrected", "other", "pending", "total")
APPEAL_OUTCOME_COLS = APPEAL_COLS[:-1]
APPEAL_COL_LABELS = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}


@dataclass(frozen=True, slots=True)
class ProactiveGroup:
    """One block of 表二: '第二十条第（一）项' with its header and rows."""

    clause: str  # Chinese ordinal of the clause: 一, 五, 六, 八, 九
    headers: tuple[str, ...]  # one per value column
    cols: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]  # (row_code, label)


PROACTIVE_2021 = (
    ProactiveGroup(
        "一",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        ("issued", "repealed", "in_force"),
        (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
    ),
    ProactiveGroup("五", ("本年处理决定数量",), ("decisions",), (("licensing", "行政许可"),)),
    ProactiveGroup(
        "六",
        ("本年处理决定数量",),
        ("decisions",),
        (("penalty", "行政处罚"), ("enforcement", "行政强制")),
    ),
    ProactiveGroup(
        "八", ("本年收费金额（单位：万元）",), ("amount",), (("fees", "行政事业性收费"),)
    ),
)

PROACTIVE_2019 = (
    ProactiveGroup(
        "一",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ("made", "published", "public_total"),
        (("regulations", "规章"), ("normative_documents", "规范性文件")),
    ),
    ProactiveGroup(
        "五",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        ("items_prev", "items_change", "decisions"),
        (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
    ),
    ProactiveGroup(
        "六",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        ("items_prev", "items_change", "decisions"),
        (("penalty", "行政处罚"), ("enforcement", "行政强制")),
    ),
    ProactiveGroup(
        "八",
        ("上一年项目数量", "本年增/减"),
        ("items_prev", "items_change"),
        (("fees", "行政事业性收费"),),
    ),
    ProactiveGroup(
        "九",
        ("采购项目数量", "采购总金额"),
        ("projects", "amount"),
        (("procurement", "政府集中采购"),),
    ),
)


def proactive_groups(template: str) -> tuple[ProactiveGroup, ...]:
    return PROACTIVE_2019 if template == "2019" else PROACTIVE_2021


def template_keys(template: str, single_other_row: bool) -> list[CellKey]:
    """Every cell the template prints, in reading order."""
    keys: list[CellKey] = []
    for group in proactive_groups(template):
        for row, _ in group.rows:
            keys.extend((PROACTIVE, row, col) for col in group.cols)
    for row in request_rows(single_other_row):
        keys.extend((REQUESTS, row, col) for col in REQUEST_COLS)
    for row in APPEAL_ROWS:
        keys.extend((APPEALS, row, col) for col in APPEAL_COLS)
    return keys


SECTION_TITLES = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)
CHINESE_ORDINALS = "一二三四五六七八九十"
