"""The pre-2019 统计表 against truth: each document read alone and in a batch.

    python benchmarks/legacy.py [FOLDER ...]
        (default: ../shared/real/docs/old-template with ../shared/real/truth-legacy)

A folder holds documents and truth files (the ../shared/real/truth schema; a truth file
names its document by ``file``, matched on the file name). Each style of a folder (a
truth's ``style``: real-legacy, synth-legacy-glued …; documents without truth go with
their folder's most common style) is run as one batch, so the rows a document cannot
read alone are weighed with the same body's other years — and one format's documents
never lend cells to another's. Printed per document: cells exact read alone and in the
batch, missing, wrong and spurious cells in the batch, and the truth's broken rules found
(and findings beyond them); for documents without truth, the status, cells and rows left
out.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from reportextract.explore.dataset import connect
from reportextract.model import Cell, Report
from reportextract.pipeline import extract
from reportextract.runner import RunOptions, run_batch
from reportextract.truth import compare_cells

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "real"


@dataclass
class Case:
    document: Path
    truth: dict | None
    style: str


def find_cases(folder: Path, truth_folder: Path | None = None) -> list[Case]:
    truths: dict[str, dict] = {}
    for path in sorted((truth_folder or folder).rglob("*.json")):
        try:
            truth = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(truth, dict) and "cells" in truth and "file" in truth:
            truths[Path(truth["file"]).name] = truth
    documents = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".json")
    styles = Counter(t.get("style", "?") for t in truths.values())
    common = styles.most_common(1)[0][0] if styles else folder.name
    return [
        Case(doc, truths.get(doc.name), (truths.get(doc.name) or {}).get("style", common))
        for doc in documents
    ]


def _batch(cases: list[Case], workdir: Path) -> Path:
    docs = workdir / "docs"
    docs.mkdir(parents=True)
    for case in cases:
        shutil.copy(case.document, docs / case.document.name)
    out = workdir / "data"
    run_batch([str(docs)], out, RunOptions(workers=2, progress=False))
    return out


def _from_dataset(con, name: str) -> tuple[Report, set[tuple[str, str]], dict]:  # type: ignore[no-untyped-def]
    report_id, status, error = con.execute(
        "SELECT report_id, status, error FROM reports WHERE source LIKE ?", [f"%/{name}"]
    ).fetchone()
    rows = con.execute(
        'SELECT "table", row_code, col_code, value, text FROM cells WHERE report_id = ?',
        [report_id],
    ).fetchall()
    report = Report(source=name, sha256="", format="", report_id=report_id, status=status)
    report.cells = [Cell(t, r, c, v, text) for t, r, c, v, text in rows]
    findings = set(
        con.execute(
            'SELECT "check", scope FROM findings WHERE report_id = ?', [report_id]
        ).fetchall()
    )
    left = con.execute(
        "SELECT COUNT(*) FROM checks WHERE report_id = ? AND \"check\" = 'text.glued_split' "
        "AND passed IS NULL AND scope NOT IN (SELECT scope FROM checks WHERE report_id = ? "
        "AND \"check\" = 'text.glued_split' AND passed)",
        [report_id, report_id],
    ).fetchone()[0]
    return report, findings, {"status": status, "left_out": left, "error": error}


def main(folders: list[tuple[Path, Path | None]]) -> None:
    print(
        f"{'document':34} {'style':22} {'alone':>9} {'batch':>9} {'miss':>4} {'wrong':>5} "
        f"{'spur':>4} {'rules found':>11} {'extra':>5}"
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * 8)
    started = time.perf_counter()
    for folder, truth_folder in folders:
        groups: dict[str, list[Case]] = defaultdict(list)
        for case in find_cases(folder, truth_folder):
            groups[case.style].append(case)
        for style, cases in sorted(groups.items()):
            with tempfile.TemporaryDirectory(prefix="legacy-bench-") as tmp:
                con = connect(_batch(cases, Path(tmp)))
                for case in cases:
                    report, findings, state = _from_dataset(con, case.document.name)
                    name = case.document.name[:34]
                    if case.truth is None:
                        print(
                            f"{name:34} {style:22} {'':>9} {len(report.cells):>5} cells "
                            f"{state['status']}, {state['left_out']} rows left out"
                        )
                        continue
                    alone = compare_cells(extract(case.document), case.truth)
                    batch = compare_cells(report, case.truth)
                    expected = {(b["rule"], b["scope"]) for b in case.truth["broken_checks"]}
                    found = len(expected & findings)
                    extra = len(findings - expected)
                    print(
                        f"{name:34} {style:22} {alone.exact:>4}/{alone.total:<4} "
                        f"{batch.exact:>4}/{batch.total:<4} {len(batch.missing):>4} "
                        f"{len(batch.wrong):>5} {len(batch.spurious) + len(batch.present_absent):>4} "
                        f"{found:>5}/{len(expected):<5} {extra:>5}"
                    )
                    t = totals[style]
                    for i, value in enumerate(
                        (
                            alone.exact,
                            batch.exact,
                            batch.total,
                            len(batch.wrong),
                            len(batch.spurious) + len(batch.present_absent),
                            found,
                            len(expected),
                            extra,
                        )
                    ):
                        t[i] += value
    print()
    print(
        f"{'style':22} {'alone':>14} {'batch':>14} {'wrong':>5} {'spurious':>8} "
        f"{'rules found':>11} {'extra':>5}"
    )
    for style, (alone, batch, total, wrong, spurious, found, rules, extra) in sorted(
        totals.items()
    ):
        print(
            f"{style:22} {alone:>5}/{total:<4} {alone / max(total, 1):5.1%} "
            f"{batch:>5}/{total:<4} {batch / max(total, 1):5.1%} {wrong:>5} {spurious:>8} "
            f"{found:>5}/{rules:<5} {extra:>5}"
        )
    print(f"\n{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    given = [(Path(a), None) for a in sys.argv[1:]]
    main(given or [(REAL / "docs" / "old-template", REAL / "truth-legacy")])
