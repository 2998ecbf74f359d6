"""The template's arithmetic is declared once (mappings/templates.yaml) and every stage
that needs it — the audit, OCR digit repair, glued-digit splitting, the rebuilder — uses
the same instances; a rule of another shape (an inequality, a rule across years) is a
declaration, not code."""

from __future__ import annotations

import copy

import pytest
import yaml

from reportextract.audit.rules import arithmetic_checks
from reportextract.model import Cell
from reportextract.resources import load_yaml
from reportextract.template import template_map
from reportextract.template.checks import check_kinds, is_finding, kind_of
from reportextract.template.maps import build_template_map
from reportextract.template.rules import (
    RuleError,
    instances,
    line_test,
    parse_rules,
    row_keys,
    rules,
)

COLUMNS = template_map().requests_column_codes


def _row(row: str, values: list[float]) -> list[Cell]:
    return [
        Cell("requests", row, col, value, str(value))
        for col, value in zip(COLUMNS, values, strict=True)
    ]


def test_the_rules_are_read_from_the_mappings() -> None:
    declared = {rule.check: rule for rule in rules()}
    assert set(declared) >= {
        "requests.row_total",
        "requests.total_handled",
        "requests.balance",
        "appeals.row_total",
        "yoy.carried_over",
    }
    assert declared["yoy.carried_over"].crosses_documents
    assert not declared["requests.balance"].crosses_documents


def test_a_group_printed_undivided_or_divided_counts_in_the_form_printed() -> None:
    handled = {"requests.total_handled"}
    undivided = {("requests", "other", "total"), ("requests", "total_handled", "total")}
    found = [i for i in instances(undivided) if i.rule.check in handled and i.scope == "total"]
    assert [ref.code for ref in found[0].parts][-1] == "other"
    divided = undivided | {("requests", "other.unpaid_fee", "total")}
    found = [i for i in instances(divided) if i.rule.check in handled and i.scope == "total"]
    assert [ref.code for ref in found[0].parts][-3:] == [
        "other.no_correction",
        "other.unpaid_fee",
        "other.other",
    ]


def test_audit_checks_a_row_and_says_which_parts_are_missing() -> None:
    cells = _row("granted", [1, 2, 0, 0, 0, 0, 4]) + _row(
        "partially_granted", [1, 1, 0, 0, 0, 0, 2]
    )
    checks = {(c.check, c.scope): c for c in arithmetic_checks(cells)}
    broken = checks[("requests.row_total", "granted")]
    assert broken.passed is False
    assert (broken.expected, broken.actual) == (3, 4)
    assert (
        broken.detail
        == "row granted: 总计 against the six applicant columns: printed 4, parts add up to 3"
    )
    assert checks[("requests.row_total", "partially_granted")].passed is True
    handled = checks[("requests.total_handled", "total")]
    assert handled.passed is None
    assert handled.detail == "not applicable: the total not printed or not read"
    balance = checks[("requests.balance", "natural_person")]
    assert balance.detail == (
        "not applicable: new_received, carried_over, total_handled, carried_forward not printed or not read"
    )


def test_the_same_rule_tests_a_row_of_glued_digits() -> None:
    test = line_test(row_keys("requests", "granted"))
    assert test([217, 1, 0, 0, 0, 0, 218])
    assert not test([21, 71, 0, 0, 0, 0, 218])


def test_an_inequality_and_a_rule_across_years_are_declarations() -> None:
    declared = parse_rules(
        yaml.safe_load(
            """
            - check: demo.at_least
              table: requests
              each: row
              relation: ">="
              total: [total]
              parts: [natural_person]
              describe: "row {row}"
            - check: demo.carried
              table: requests
              each: column
              total: [carried_over]
              parts: [carried_forward@previous]
              unprinted: skip
            """
        )
    )
    values = {
        ("requests", "granted", col): v
        for col, v in zip(COLUMNS, [5, 0, 0, 0, 0, 0, 3], strict=True)
    }
    (at_least,) = [i for i in instances(values, declared=declared) if i.scope == "granted"]
    check = at_least.check(values)
    assert check is not None and check.passed is False
    values[("requests", "granted", "total")] = 5
    assert at_least.holds(values)

    now = {("requests", "carried_over", col): 2.0 for col in COLUMNS}
    before = {("requests", "carried_forward", col): 2.0 for col in COLUMNS}
    before[("requests", "carried_forward", "total")] = 3.0
    crossing = instances(now, crossing=True, declared=declared)
    assert {i.scope for i in crossing} == set(COLUMNS)
    results = {i.scope: i.check(now, before) for i in crossing}
    assert results["total"] is not None and results["total"].passed is False
    assert results["natural_person"] is not None and results["natural_person"].passed is True
    # a column the previous report does not print gives no check at all
    del before[("requests", "carried_forward", "research")]
    assert next(i for i in crossing if i.scope == "research").check(now, before) is None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"table": "requests", "each": "row", "total": ["total"], "parts": ["nobody"]}, "'nobody'"),
        ({"table": "nowhere", "each": "row", "total": ["total"], "parts": ["x"]}, "no table"),
        ({"table": "requests", "each": "cell", "total": ["total"], "parts": ["x"]}, "each must"),
        (
            {
                "table": "requests",
                "each": "row",
                "total": ["total"],
                "parts": ["x"],
                "relation": "<",
            },
            "relation must",
        ),
    ],
)
def test_a_rule_that_names_what_the_template_lacks_is_refused(entry: dict, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_rules([{"check": "demo.bad", **entry}])


def test_every_rule_is_a_finding_and_reading_notes_are_not() -> None:
    assert all(is_finding(rule.check) for rule in rules())
    assert is_finding("yoy.requests.received_change")
    assert is_finding("narrative.share")
    assert not is_finding("table.row_layout")
    assert not is_finding("ocr.digit_correction")
    assert kind_of("table.row_layout").partial and kind_of("text.glued_split").partial
    assert not kind_of("table.unmatched_row").partial
    assert not is_finding("something.new")
    names = [kind.name for kind in check_kinds()]
    assert len(names) == len(set(names))


LEGACY = """
legacy:
  rows:
    - {code: proactive.items, labels: [主动公开信息数]}
    - {code: proactive.website, labels: [网站公开]}
    - {code: proactive.gazette, labels: [政府公报公开]}
    - {code: proactive.other_channel, labels: [其他方式公开数]}
    - {code: requests.received, labels: [收到申请数]}
  columns:
    - {code: year, labels: [本年度]}
    - {code: cumulative, labels: [历年累计]}
rules:
  - check: legacy.proactive_channels
    table: legacy
    each: column
    total: [proactive.items]
    parts: [proactive.website]
    optional: [proactive.gazette, proactive.other_channel]
    describe: "column {column}: 主动公开信息数 against its channels"
  - check: legacy.cumulative
    table: legacy
    each: row
    relation: ">="
    total: [cumulative]
    parts: [year]
    describe: "row {row}: 历年累计 against 本年度"
  - check: yoy.cumulative
    table: legacy
    each: row
    total: [cumulative]
    parts: [cumulative@previous, year]
    unprinted: skip
"""


def test_an_edition_with_a_table_of_its_own_is_data() -> None:
    """The pre-2019 统计表 (spec/legacy-codes.md) as a YAML section and its rules: channels
    that count where printed, 历年累计 ≥ 本年度, and the cumulative across years."""
    data = {**copy.deepcopy(load_yaml("templates.yaml")), **yaml.safe_load(LEGACY)}
    tm = build_template_map(data)
    assert tm.table("legacy").column_codes == ("year", "cumulative")
    declared = parse_rules(data["rules"], tm)
    cells = {
        ("legacy", "proactive.items", "year"): 30.0,
        ("legacy", "proactive.website", "year"): 20.0,
        ("legacy", "proactive.gazette", "year"): 10.0,  # other_channel not printed
        ("legacy", "proactive.items", "cumulative"): 25.0,  # restarted: below the year's
        ("legacy", "proactive.website", "cumulative"): 25.0,
    }
    checks = {
        (i.rule.check, i.scope): i.check(cells) for i in instances(cells, declared=declared, tm=tm)
    }
    channels = checks[("legacy.proactive_channels", "year")]
    assert channels is not None and channels.passed is True and channels.expected == 30
    channels = checks[("legacy.proactive_channels", "cumulative")]
    assert channels is not None and channels.passed is True
    below = checks[("legacy.cumulative", "proactive.items")]
    assert below is not None and below.passed is False
    assert (
        below.detail
        == "row proactive.items: 历年累计 against 本年度: printed 25, parts add up to 30"
    )
    previous = {("legacy", "proactive.website", "cumulative"): 5.0}
    crossing = {
        i.scope: i.check(cells, previous)
        for i in instances(cells, crossing=True, declared=declared, tm=tm)
    }
    assert crossing["proactive.website"] is not None and crossing["proactive.website"].passed
    assert crossing["proactive.items"] is None  # the previous report does not print it
