"""Comparing an extracted report with a truth file (the schema of ../shared/real/truth): its cells,
and narrative figures against a truth's `figures`; used by tests and benchmarks."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportextract.model import Figure, Report


@dataclass
class CellComparison:
    wrong: list[tuple[tuple[str, str, str], float, float]] = field(default_factory=list)
    missing: list[tuple[str, str, str]] = field(default_factory=list)
    spurious: list[tuple[str, str, str]] = field(default_factory=list)
    present_absent: list[tuple[str, str, str]] = field(default_factory=list)
    misprinted: list[tuple[tuple[str, str, str], str, str]] = field(default_factory=list)
    exact: int = 0
    total: int = 0

    @property
    def perfect(self) -> bool:
        return not (
            self.wrong or self.missing or self.spurious or self.present_absent or self.misprinted
        )

    def describe(self) -> str:
        return (
            f"{self.exact}/{self.total} exact; wrong {self.wrong[:8]}; missing {self.missing[:8]}; "
            f"spurious {self.spurious[:8]}; absent-but-extracted {self.present_absent[:8]}; "
            f"printed text differs {self.misprinted[:8]}"
        )


def _compact(text: str) -> str:
    return "".join(str(text).split())


def compare_cells(report: Report, truth: dict) -> CellComparison:
    got = {(c.table, c.row_code, c.col_code): c for c in report.cells}
    want = {(c["table"], c["row_code"], c["col_code"]): c for c in truth["cells"]}
    absent = {(c["table"], c["row_code"], c["col_code"]) for c in truth.get("absent_cells", [])}
    result = CellComparison(total=len(want))
    for key, cell in want.items():
        if key not in got:
            result.missing.append(key)
        elif abs(got[key].value - float(cell["value"])) > 1e-9:
            result.wrong.append((key, got[key].value, cell["value"]))
        else:
            result.exact += 1
            printed = _compact(cell.get("printed", ""))
            if printed and _compact(got[key].text) != printed:
                result.misprinted.append((key, got[key].text, cell["printed"]))
    for key in got:
        if key in absent:
            result.present_absent.append(key)
        elif key not in want:
            result.spurious.append(key)
    return result


@dataclass
class FigureComparison:
    """Narrative metrics tagged against a truth's `figures`, per metric code.

    A (document, metric) is right (true positive) when the tagged figures of the metric all
    state the truth's value and unit. A metric tagged that the truth does not list, or with
    another value, is a false positive; a truth metric not tagged with its value is a false
    negative (a wrong value is both). Units compare in simplified characters: a figure
    printed 13條 is reported in 条. Metrics marked `extra` in mappings/narrative.yaml are
    only counted, in `extras`.
    """

    true_positive: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    extras: Counter[str] = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)

    def add(self, other: FigureComparison) -> None:
        for name in ("true_positive", "false_positive", "false_negative", "extras"):
            getattr(self, name).update(getattr(other, name))
        self.mistakes += other.mistakes

    @property
    def recall(self) -> float:
        found = sum(self.true_positive.values())
        return found / (found + sum(self.false_negative.values()) or 1)

    @property
    def precision(self) -> float:
        found = sum(self.true_positive.values())
        return found / (found + sum(self.false_positive.values()) or 1)


def _same(a: tuple[float, str | None], b: tuple[float, str | None]) -> bool:
    return a[1] == b[1] and math.isclose(a[0], b[0], rel_tol=1e-9, abs_tol=1e-9)


def _simplified(unit: str | None) -> str | None:
    import zhconv

    return None if unit is None else str(zhconv.convert(str(unit), "zh-cn"))


def compare_figures(name: str, figures: Sequence[Figure], truth: dict) -> FigureComparison:
    """Score the metric tags of `figures` against `truth["figures"]` (see FigureComparison)."""
    from reportextract.narrative.patterns import catalogue

    metrics = catalogue().metrics
    result = FigureComparison()
    expected = {
        f["metric"]: (float(f["value"]), _simplified(f["unit"])) for f in truth.get("figures", [])
    }
    tagged: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.metric is None:
            continue
        if figure.metric in metrics and metrics[figure.metric].extra:
            result.extras[figure.metric] += 1
        else:
            tagged[figure.metric].append(figure)
    for metric in sorted(set(expected) | set(tagged)):
        stated = tagged.get(metric, [])
        values = [(f.value, f.unit) for f in stated]
        if metric in expected and values and all(_same(v, expected[metric]) for v in values):
            result.true_positive[metric] += 1
            continue
        if metric in expected:
            result.false_negative[metric] += 1
        if values:
            result.false_positive[metric] += 1
        where = stated[0].sentence[:90] if stated else ""
        result.mistakes.append(
            f"{name}: {metric} truth={expected.get(metric)} tagged={values} {where}"
        )
    return result
