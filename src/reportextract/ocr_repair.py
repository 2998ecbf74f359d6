"""Misread digits found and fixed with the template's arithmetic.

OCR errs on digits: one read as a look-alike (3/8, 1/7, 0/8), a digit dropped or one
doubled. The tables say what their cells must add up to (表三 row totals, the column
rule of (七)总计, the balance new + carried = handled + forward, 表四 branch totals),
so a misread usually breaks a rule. A cell the OCR was not sure of, in a broken rule,
is replaced by another reading of it when exactly one plausible reading (one of the
recogniser's other readings, a look-alike digit, a dropped or doubled digit) makes
every rule on that cell hold, and no other candidate fix does the same for those rules.

A rule broken by cells the OCR read with confidence stays broken: real reports print
inconsistent tables, and a finding must not be "corrected" away. A suspect cell that
cannot be settled keeps its reading and gets a low confidence and a check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .model import Cell, Check
from .tables.values import parse_value
from .template.checks import OCR_DIGIT_CORRECTION, OCR_LOW_CONFIDENCE
from .template.rules import Instance, complete, instances

Key = tuple[str, str, str]

# Below this the OCR reading of a number is open to correction; the recogniser gives
# crisp print about 1.0.
SUSPECT_BELOW = 0.97
# Below this a cell that no rule confirms is flagged.
FLAG_BELOW = 0.6
FLAGGED_CONFIDENCE = 0.2
_MAX_ROUNDS = 6
# Digits that print and scan alike, both ways.
LOOKALIKE_DIGITS = {
    "0": "689",
    "1": "47",
    "2": "7",
    "3": "58",
    "4": "19",
    "5": "36",
    "6": "058",
    "7": "12",
    "8": "0369",
    "9": "048",
}


def template_rules(keys: Iterable[Key]) -> list[Instance]:
    """The template's rules over the cells present (a rule needs all its cells)."""
    present = set(keys)
    return complete(instances(present), present)


def plausible_readings(text: str, ocr_readings: Sequence[str] = ()) -> dict[str, str]:
    """Other readings of an OCR'd number, each with how it differs: the recogniser's own
    next readings, a look-alike digit, a digit dropped (any digit inserted) or doubled
    (a repeated digit removed)."""
    digits = text.strip()
    out: dict[str, str] = {r: "one of the recogniser's next readings" for r in ocr_readings if r}
    if not digits.isdigit():
        out.pop(digits, None)
        return out
    for i, ch in enumerate(digits):
        for other in LOOKALIKE_DIGITS.get(ch, ""):
            out.setdefault(
                digits[:i] + other + digits[i + 1 :], f"a look-alike digit ({ch}→{other})"
            )
    for i in range(len(digits) + 1):
        for d in "0123456789":
            out.setdefault(digits[:i] + d + digits[i:], "a dropped digit")
    for i in range(1, len(digits)):
        if digits[i] == digits[i - 1]:
            out.setdefault(digits[:i] + digits[i + 1 :], "a doubled digit")
    out.pop(digits, None)
    return {r: why for r, why in out.items() if not (len(r) > 1 and r.startswith("0"))}


@dataclass(slots=True)
class _Fix:
    key: Key
    text: str
    value: float
    fixed: frozenset[Instance]
    why: str


def correct_ocr_cells(cells: Sequence[Cell]) -> tuple[list[Cell], list[Check]]:
    """Cells with misread digits corrected where the arithmetic leaves one reading, and a
    check for every correction and every doubtful cell. Cells without a confidence (not
    from OCR) are taken as printed; a cell's ``alternatives`` are the recogniser's other
    readings."""
    out = [replace(c) for c in cells]
    if all(c.confidence is None for c in out):
        return out, []
    by_key = {(c.table, c.row_code, c.col_code): c for c in out}
    values = {k: c.value for k, c in by_key.items()}
    rules = template_rules(by_key)
    rules_of: dict[Key, list[Instance]] = {}
    for rule in rules:
        for key, _ in rule.terms:
            rules_of.setdefault(key, []).append(rule)
    checks: list[Check] = []
    corrected: set[Key] = set()

    def readings(key: Key) -> dict[str, str]:
        cell = by_key[key]
        return plausible_readings(cell.text, [t for t, _ in cell.alternatives])

    def suspect(key: Key) -> bool:
        cell = by_key[key]
        if cell.confidence is None or key in corrected:
            return False
        has_alternatives = any(p >= 0.01 for _, p in cell.alternatives)
        return cell.confidence < SUSPECT_BELOW or has_alternatives

    for _ in range(_MAX_ROUNDS):
        broken = [r for r in rules if not r.holds(values)]
        if not broken:
            break
        fixes: list[_Fix] = []
        for key in {k for rule in broken for k, _ in rule.terms}:
            if not suspect(key):
                continue
            for text, why in readings(key).items():
                parsed = parse_value(text)
                if parsed is None:
                    continue
                trial = {**values, key: parsed.value}
                if all(rule.holds(trial) for rule in rules_of[key]):
                    fixed = frozenset(r for r in rules_of[key] if r in broken)
                    fixes.append(_Fix(key, text, parsed.value, fixed, why))
        accepted = [
            fix
            for fix in fixes
            if not any(other is not fix and other.fixed & fix.fixed for other in fixes)
        ]
        for fix in accepted:
            cell = by_key[fix.key]
            detail = (
                f"OCR read {cell.text!r} (confidence {cell.confidence or 0:.2f}); {fix.text!r}, "
                f"{fix.why}, is the only reading that makes "
                f"{', '.join(sorted(r.label for r in fix.fixed))} and every other rule on the "
                f"cell hold; used {fix.text!r}"
            )
            checks.append(
                Check(
                    OCR_DIGIT_CORRECTION.name,
                    cell.table,
                    f"{cell.row_code}/{cell.col_code}",
                    fix.value,
                    cell.value,
                    True,
                    detail,
                )
            )
            cell.text, cell.value = fix.text, fix.value
            values[fix.key] = fix.value
            corrected.add(fix.key)
        if not accepted:
            checks += _ambiguous(fixes, by_key)
            break
    checks += _doubtful(out, rules_of, values, corrected, checks)
    return out, checks


def _ambiguous(fixes: list[_Fix], by_key: Mapping[Key, Cell]) -> list[Check]:
    """A check and a low confidence for every cell some fix would change, when rival fixes
    (of other cells, or other readings) make the same broken rules hold."""
    checks: list[Check] = []
    for key in dict.fromkeys(fix.key for fix in fixes):
        cell = by_key[key]
        own = [f for f in fixes if f.key == key]
        options = sorted({f.text for f in own})
        rivals = sorted(
            {
                f"{other.key[1]}/{other.key[2]}"
                for other in fixes
                if other.key != key and any(other.fixed & f.fixed for f in own)
            }
        )
        cell.confidence = min(cell.confidence or 1.0, FLAGGED_CONFIDENCE)
        checks.append(
            Check(
                OCR_DIGIT_CORRECTION.name,
                cell.table,
                f"{cell.row_code}/{cell.col_code}",
                None,
                cell.value,
                None,
                f"OCR read {cell.text!r}; reading it as {' or '.join(repr(o) for o in options)} "
                f"would make the broken rules hold, but so would changing "
                f"{', '.join(rivals) or 'another cell'}; the OCR reading is kept",
            )
        )
    return checks


def _doubtful(
    cells: list[Cell],
    rules_of: Mapping[Key, list[Instance]],
    values: Mapping[Key, float],
    corrected: set[Key],
    checks: list[Check],
) -> list[Check]:
    """Flag OCR cells that are unsure and not confirmed: in a broken rule, or in no rule."""
    already = {(c.table, c.scope) for c in checks}
    out: list[Check] = []
    for cell in cells:
        key = (cell.table, cell.row_code, cell.col_code)
        scope = f"{cell.row_code}/{cell.col_code}"
        if cell.confidence is None or key in corrected or (cell.table, scope) in already:
            continue
        own = rules_of.get(key, [])
        broken = [r for r in own if not r.holds(values)]
        if own and not broken:
            continue
        if broken and cell.confidence < SUSPECT_BELOW:
            reason = (
                f"{', '.join(r.label for r in broken)} fail and no single plausible reading "
                "of the cell makes them hold"
            )
        elif not own and cell.confidence < FLAG_BELOW:
            reason = "no rule of the template covers the cell"
        else:
            continue
        cell.confidence = min(cell.confidence, FLAGGED_CONFIDENCE)
        out.append(
            Check(
                OCR_LOW_CONFIDENCE.name,
                cell.table,
                scope,
                None,
                cell.value,
                False,
                f"OCR read {cell.text!r} without certainty; {reason}; the reading is kept",
            )
        )
    return out
