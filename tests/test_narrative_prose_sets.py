"""The tagger finds the figures of real report prose (our own excerpts reproducing phrasings
seen in 2009–2025 reports, tests/narrative_prose/): recall and precision floors per set and
per phrasing family, zero statements included; and the sets follow their README's schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from reportextract.narrative import extract_figures
from reportextract.narrative.patterns import catalogue
from reportextract.truth import FigureComparison, compare_figures

PROSE = Path(__file__).parent / "narrative_prose"
TUNING = PROSE / "tuning.yaml"
TUNING_HELDOUT = PROSE / "tuning-heldout.yaml"
TUNING_2 = PROSE / "tuning-2.yaml"
TUNING_2_HELDOUT = PROSE / "tuning-2-heldout.yaml"
TUNING_3 = PROSE / "tuning-3.yaml"
TUNING_3_HELDOUT = PROSE / "tuning-3-heldout.yaml"
TUNING_4 = PROSE / "tuning-4.yaml"
TUNING_4_HELDOUT = PROSE / "tuning-4-heldout.yaml"
TUNING_5 = PROSE / "tuning-5.yaml"
TUNING_5_HELDOUT = PROSE / "tuning-5-heldout.yaml"
# every set written for tuning, with the fifth kept apart from each
TUNING_SETS = (
    TUNING,
    TUNING_HELDOUT,
    TUNING_2,
    TUNING_2_HELDOUT,
    TUNING_3,
    TUNING_3_HELDOUT,
    TUNING_4,
    TUNING_4_HELDOUT,
    TUNING_5,
    TUNING_5_HELDOUT,
)
HELDOUT = PROSE / "heldout.yaml"  # measured the first round; open for tuning since
HELDOUT_B = PROSE / "heldout-b.yaml"  # measured the second round; open for tuning since
HELDOUT_C = PROSE / "heldout-c.yaml"  # measured the third round; open for tuning since
HELDOUT_E = PROSE / "heldout-e.yaml"  # measured the fifth round; open to the sixth for tuning
HELDOUT_F = PROSE / "heldout-f.yaml"  # measured rounds 4-6; open to the seventh for tuning
LEVELS = {"ministry", "province", "city", "county", "department", "township", "street", "other"}
UNITS = {
    "条",
    "件",
    "份",
    "项",
    "篇",
    "个",
    "元",
    "万元",
    "%",
    "起",
    "次",
    "条次",
    "件次",
    "例",
    "封",
    # printed in traditional characters (scored as the simplified form)
    "條",
    "項",
    "萬元",
}


def excerpts(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["excerpts"]
    return data


def scores(path: Path) -> tuple[FigureComparison, dict[str, FigureComparison]]:
    total = FigureComparison()
    families: dict[str, FigureComparison] = {}
    for excerpt in excerpts(path):
        result = compare_figures(excerpt["id"], extract_figures(str(excerpt["text"])), excerpt)
        total.add(result)
        families.setdefault(excerpt["family"], FigureComparison()).add(result)
    return total, families


@pytest.mark.parametrize(
    ("path", "recall", "precision"),
    [
        (TUNING, 0.98, 0.99),
        (TUNING_HELDOUT, 0.98, 0.99),
        (TUNING_2, 0.98, 0.99),
        (TUNING_2_HELDOUT, 0.98, 0.99),
        (TUNING_3, 0.98, 0.99),
        (TUNING_3_HELDOUT, 0.98, 0.99),
        (TUNING_4, 0.98, 0.99),
        (TUNING_4_HELDOUT, 0.98, 0.99),
        (TUNING_5, 0.98, 0.96),
        (TUNING_5_HELDOUT, 0.92, 0.96),
        (HELDOUT, 0.98, 0.99),
        (HELDOUT_B, 0.98, 0.99),
        (HELDOUT_C, 0.98, 0.99),
        (HELDOUT_E, 0.98, 0.99),
        (HELDOUT_F, 0.98, 0.99),
    ],
    ids=[
        "tuning",
        "tuning-heldout",
        "tuning-2",
        "tuning-2-heldout",
        "tuning-3",
        "tuning-3-heldout",
        "tuning-4",
        "tuning-4-heldout",
        "tuning-5",
        "tuning-5-heldout",
        "heldout",
        "heldout-b",
        "heldout-c",
        "heldout-e",
        "heldout-f",
    ],
)
def test_recall_and_precision_on_real_report_prose(
    path: Path, recall: float, precision: float
) -> None:
    total, _ = scores(path)
    assert total.recall >= recall, total.mistakes
    assert total.precision >= precision, total.mistakes


# (tuning-3 names a family per excerpt, several phrasings in each: its floor is the set's)
@pytest.mark.parametrize("path", [TUNING, TUNING_2], ids=["tuning", "tuning-2"])
def test_every_phrasing_family_of_the_tuning_set_is_found(path: Path) -> None:
    _, families = scores(path)
    for family, result in families.items():
        labelled = sum(result.true_positive.values()) + sum(result.false_negative.values())
        if labelled >= 3:
            assert result.recall >= 0.9, (family, result.mistakes)
        stated = sum(result.true_positive.values()) + sum(result.false_positive.values())
        if stated:  # a family of distractors states nothing: any figure is a false positive
            assert result.precision >= 0.95, (family, result.mistakes)
        else:
            assert not result.mistakes, (family, result.mistakes)


def test_zero_statements_are_figures_of_value_zero() -> None:
    total = FigureComparison()
    zeros = 0
    sets = TUNING_SETS
    for excerpt in [e for path in sets for e in excerpts(path)]:
        stated = [f for f in excerpt["figures"] if f["value"] == 0]
        if not stated:
            continue
        zeros += len(stated)
        only_zeros = {**excerpt, "figures": stated}
        figures = [f for f in extract_figures(str(excerpt["text"])) if f.value == 0]
        total.add(compare_figures(excerpt["id"], figures, only_zeros))
    assert zeros >= 60
    assert total.recall >= 0.95, total.mistakes


@pytest.mark.parametrize(
    ("path", "apart", "size"),
    [
        (TUNING, TUNING_HELDOUT, 150),
        (TUNING_2, TUNING_2_HELDOUT, 120),
        (TUNING_3, TUNING_3_HELDOUT, 120),
        (TUNING_4, TUNING_4_HELDOUT, 80),
        (TUNING_5, TUNING_5_HELDOUT, 70),
    ],
    ids=["first round", "second round", "third round", "fourth round", "fifth round"],
)
def test_the_sets_follow_the_schema_and_do_not_overlap(path: Path, apart: Path, size: int) -> None:
    metrics = catalogue().metrics
    tuning, heldout = excerpts(path), excerpts(apart)
    assert len(tuning) + len(heldout) >= size
    assert 0.15 <= len(heldout) / (len(tuning) + len(heldout)) <= 0.25
    everything = [e for p in TUNING_SETS for e in excerpts(p)]
    ids = [e["id"] for e in everything]
    assert len(ids) == len(set(ids))
    texts = [e["text"].strip() for e in everything]
    assert len(texts) == len(set(texts))
    for excerpt in tuning + heldout:
        assert excerpt["issuer_level"] in LEVELS, excerpt["id"]
        assert 2008 <= excerpt["year"] <= 2025, excerpt["id"]
        assert excerpt["family"] and excerpt["source"], excerpt["id"]
        stated = [f["metric"] for f in excerpt["figures"]]
        assert len(stated) == len(set(stated)), f"{excerpt['id']}: one figure per metric"
        for figure in excerpt["figures"]:
            assert figure["metric"] in metrics, excerpt["id"]
            assert not metrics[figure["metric"]].extra, excerpt["id"]
            assert figure["unit"] in UNITS, excerpt["id"]
    levels = {e["issuer_level"] for e in tuning + heldout}
    assert levels <= LEVELS and len(levels) >= 7  # every level (the second round met no "other")


def test_a_unit_printed_in_traditional_characters_scores_as_its_simplified_form() -> None:
    figures = extract_figures("2023年，本局在門戶網站主動公開政府信息13條。")
    truth = {"figures": [{"metric": "proactive.items", "value": 13, "unit": "條"}]}
    result = compare_figures("traditional", figures, truth)
    assert result.true_positive["proactive.items"] == 1, result.mistakes
    assert [f.unit for f in figures if f.metric == "proactive.items"] == ["条"]
