"""Cell accuracy per document and per format against folders of documents with truth.

    python benchmarks/accuracy.py [FOLDER ...]     (default: ../shared/real and corpus/)

A truth cell counts as exact when the extracted value equals it; a spurious cell is an
extracted cell the truth does not list (or lists as absent).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from reportextract.pipeline import extract
from reportextract.truth import compare_cells
from truthsets import DEFAULT_FOLDERS, find_cases


def main(folders: list[Path]) -> None:
    per_format: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    print(
        f"{'document':48} {'format':7} {'exact':>9} {'acc':>7} {'missing':>7} {'wrong':>5} {'spurious':>8}"
    )
    for folder in folders:
        for case in find_cases(folder):
            report = extract(case.document)
            result = compare_cells(report, case.truth)
            fmt = case.truth.get("style", report.format)
            acc = result.exact / result.total if result.total else 1.0
            print(
                f"{case.document.name[:48]:48} {fmt:7} {result.exact:>4}/{result.total:<4} {acc:7.2%} "
                f"{len(result.missing):>7} {len(result.wrong):>5} {len(result.spurious):>8}"
            )
            totals = per_format[fmt]
            totals[0] += result.exact
            totals[1] += result.total
            totals[2] += len(result.spurious)
            totals[3] += 1
    print()
    print(f"{'format':16} {'documents':>9} {'cells exact':>14} {'accuracy':>9} {'spurious':>8}")
    all_exact = all_total = 0
    for fmt, (exact, total, spurious, docs) in sorted(per_format.items()):
        print(
            f"{fmt:16} {docs:>9} {exact:>7}/{total:<6} {exact / max(total, 1):9.2%} {spurious:>8}"
        )
        all_exact += exact
        all_total += total
    print(
        f"{'all':16} {sum(v[3] for v in per_format.values()):>9} {all_exact:>7}/{all_total:<6} {all_exact / max(all_total, 1):9.2%}"
    )


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [f for f in DEFAULT_FOLDERS if f.exists()])
