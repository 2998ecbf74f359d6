"""Comparing an extracted report with a truth file (the schema of ../shared/real/truth): used by tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportextract.model import Report


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
