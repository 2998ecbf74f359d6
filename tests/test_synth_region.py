"""The region generator: who publishes, who does not, and last year's reports that agree
with this year's."""

from __future__ import annotations

import random

from reportextract.bodies.divisions import divisions
from reportextract.synth.content import random_content
from reportextract.synth.region import PARTIAL, UNREADABLE, carry_over, plan_region
from reportextract.synth.rules import broken_checks
from reportextract.synth.template import APPLICANT_COLS, REQUESTS


def test_a_province_plan_names_every_silent_division_and_is_the_same_each_time() -> None:
    plan = plan_region("640000", cities=3, year=2024, seed="t")
    again = plan_region("640000", cities=3, year=2024, seed="t")
    assert [(p.division.code, p.kind, p.year, p.state) for p in plan.publications] == [
        (p.division.code, p.kind, p.year, p.state) for p in again.publications
    ]
    table = divisions()
    under = {d.code for d in table.descendants("640000", 2024)}
    governments = plan.governments()
    assert "640000" in governments  # the region's own government
    cities = [code for code in governments if table.get(code).level == "city"]
    assert len(cities) == 3
    assert {d.code for d in plan.missing} == under - set(governments)
    states = [p.state for p in governments.values()]
    assert states.count(PARTIAL) == 1 and states.count(UNREADABLE) == 1
    assert any(p.errors for p in plan.published())
    # Last year: every government that publishes this year, and some of the silent ones.
    last = plan.governments(2023)
    assert set(governments) <= set(last)


def test_carry_over_makes_this_year_follow_last_year() -> None:
    for index in range(40):
        rng = random.Random(f"carry:{index}")
        before = random_content(rng, ("district", "320813"), 2023)
        now = random_content(rng, ("district", "320813"), 2024)
        carry_over(before, now)
        for col in (*APPLICANT_COLS, "total"):
            assert (
                now.values[(REQUESTS, "carried_over", col)]
                == before.values[(REQUESTS, "carried_forward", col)]
            )
        values = {k: float(v) for k, v in now.values.items()}
        assert broken_checks(values, {}) == []  # the template's arithmetic still holds
        received = before.values[(REQUESTS, "new_received", "total")]
        assert now.prev_received == (received or None)
