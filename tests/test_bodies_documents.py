"""One counted document per body and year: the primary, the documents that repeat it, where
they disagree, and the cells one lends another — as rules, and on the real reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REAL_TRUTH, load_truth, real_docs
from reportextract.bodies.documents import Document, agreement_checks, choose, fills
from reportextract.dataset.derived import read_table
from reportextract.runner import RunOptions, run_batch


def doc(report_id: str, **kw: object) -> Document:
    values = kw.pop("values", {("requests", "granted", "total"): 5.0})
    fields: dict[str, object] = {
        "body_id": "350128-aaaa",
        "year": 2024,
        "status": "ok",
        "format": "pdf",
        "ocr_pages": 0,
        "cells": len(values),  # type: ignore[arg-type]
        "published": "2025-03-10",
        "title": "平潭综合实验区2024年度政府信息公开工作年度报告",
    }
    fields.update(kw)
    return Document(report_id, values=dict(values), **fields)  # type: ignore[arg-type]


def test_the_order_of_the_spec_picks_the_primary() -> None:
    cases = [
        # read whole beats partial, even with fewer cells
        ([doc("b", status="partial", cells=300), doc("a", status="ok", cells=200)], "a"),
        # more cells
        ([doc("a", cells=150), doc("b", cells=200)], "b"),
        # text PDF over DOCX over HTML over scan over text export
        ([doc("a", format="txt"), doc("b", format="html"), doc("c", format="docx")], "c"),
        ([doc("a", format="pdf", ocr_pages=3), doc("b", format="html")], "b"),
        # earliest published, then the smallest report_id
        ([doc("b", published="2025-01-02"), doc("a", published="2025-02-01")], "b"),
        ([doc("b"), doc("a")], "a"),
    ]
    for documents, primary in cases:
        choices = choose(documents)
        assert [d.report_id for d in documents if choices[d.report_id].primary] == [primary]


def test_exactly_one_primary_per_body_year_and_failed_documents_never_count() -> None:
    documents = [
        doc("a"),
        doc("b", format="html"),
        doc("c", year=2023),
        doc("d", body_id="350128-bbbb"),
        doc("e", status="failed"),
        doc("f", body_id=None),
    ]
    choices = choose(documents)
    assert {k for k, c in choices.items() if c.primary} == {"a", "c", "d"}
    assert choices["b"].duplicate_of == "a"
    assert choices["e"].duplicate_of is None and choices["f"].duplicate_of is None


def test_a_different_report_of_the_same_year_is_no_duplicate_and_disagrees() -> None:
    table = {("requests", r, "total"): float(i) for i, r in enumerate(["a", "b", "c", "d", "e"])}
    other = {key: value + 1 for key, value in table.items()}
    first, second = doc("a", values=table), doc("b", values=other, format="html")
    choices = choose([first, second])
    assert choices["a"].primary and not choices["b"].primary
    assert choices["b"].duplicate_of is None
    checks = agreement_checks([first, second])["b"]
    assert len(checks) == 5 and all(
        c.check == "documents.agree" and c.passed is False for c in checks
    )
    assert (checks[0].expected, checks[0].actual) == (0.0, 1.0)
    assert "a" in checks[0].detail and "b" in checks[0].detail
    assert fills([first, second]) == {}  # a different report lends nothing


def test_a_repeat_that_misread_one_cell_is_still_a_duplicate() -> None:
    table = {("requests", f"r{i}", "total"): float(i) for i in range(20)}
    misread = dict(table)
    misread[("requests", "r3", "total")] = 8.0
    choices = choose([doc("a", values=table), doc("b", values=misread, format="txt")])
    assert choices["b"].duplicate_of == "a"
    [check] = agreement_checks([doc("a", values=table), doc("b", values=misread, format="txt")])[
        "b"
    ]
    assert (check.scope, check.expected, check.actual) == ("r3/total", 3.0, 8.0)


def test_cells_a_document_could_not_read_come_from_its_siblings() -> None:
    whole = {("proactive", "rules", c): 1.0 for c in ("new", "repealed", "in_force")}
    glued = {("proactive", "rules", "new"): 1.0}
    lent = fills([doc("a", values=whole), doc("b", values=glued, format="txt")])
    assert lent == {
        "b": {("proactive", "rules", "repealed"): "a", ("proactive", "rules", "in_force"): "a"}
    }


# --- on the real reports: pingtan-2024 as web page and as crawled text -------------------


@pytest.fixture(scope="module")
def pingtan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("pingtan-inputs")
    for name in ("pingtan-2024.html", "pingtan-2024.txt"):
        shutil.copy(real_docs() / name, inputs / name)
    out = tmp_path_factory.mktemp("pingtan") / "data"
    run_batch([str(inputs)], out, RunOptions(workers=1, progress=False))
    return out


def _reports(root: Path) -> dict[str, dict]:
    return {Path(r["source"]).name: r for r in read_table(root, "reports").to_pylist()}


def test_the_web_page_counts_and_the_text_repeats_it(pingtan: Path) -> None:
    reports = _reports(pingtan)
    html, txt = reports["pingtan-2024.html"], reports["pingtan-2024.txt"]
    assert html["primary"] is True and txt["primary"] is False
    assert txt["duplicate_of"] == html["report_id"] and html["duplicate_of"] is None
    assert html["body_id"] == txt["body_id"]
    [body] = read_table(pingtan, "bodies").to_pylist()
    assert (body["division_code"], body["kind"], body["resolved"]) == ("350128", "zone", True)
    assert body["names"] == ["平潭综合实验区"]


def test_withheld_glued_cells_are_filled_from_the_web_page(pingtan: Path) -> None:
    reports = _reports(pingtan)
    txt_id, html_id = (
        reports["pingtan-2024.txt"]["report_id"],
        reports["pingtan-2024.html"]["report_id"],
    )
    cells = [c for c in read_table(pingtan, "cells").to_pylist() if c["report_id"] == txt_id]
    filled = [c for c in cells if c["read_from"] is not None]
    assert filled and {c["read_from"] for c in filled} == {html_id}
    # The crawled text withheld them (glued digits with several readings) …
    assert reports["pingtan-2024.txt"]["cells"] == len(cells) - len(filled)
    # … and with them the text document has every cell of its truth, at the truth's value.
    truth = {
        (c["table"], c["row_code"], c["col_code"]): c["value"]
        for c in load_truth(REAL_TRUTH / "pingtan-2024.txt.json")["cells"]
    }
    have = {(c["table"], c["row_code"], c["col_code"]): c["value"] for c in cells}
    assert have == truth
    assert {c["table"] for c in filled} == {"proactive"}
    checks = read_table(pingtan, "checks").to_pylist()
    assert not [c for c in checks if c["check"] == "documents.agree"]


def test_a_resumed_run_gives_the_same_result(pingtan: Path, tmp_path: Path) -> None:
    # The text first, the web page in a second run: the same primary, the same filled cells.
    out = tmp_path / "data"
    for name in ("pingtan-2024.txt", "pingtan-2024.html"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(real_docs() / name, folder / name)
        run_batch([str(folder)], out, RunOptions(workers=1, progress=False))
    run_batch([str(tmp_path / "pingtan-2024.txt")], out, RunOptions(workers=1, progress=False))

    def summary(root: Path) -> tuple[object, ...]:
        reports = _reports(root)
        cells = read_table(root, "cells").to_pylist()
        return (
            {name: (r["primary"], r["duplicate_of"] is not None) for name, r in reports.items()},
            sorted(
                (c["report_id"], c["row_code"], c["col_code"], c["read_from"])
                for c in cells
                if c["read_from"]
            ),
            len(read_table(root, "bodies")),
        )

    assert summary(out) == summary(pingtan)


def test_every_real_report_exactly_one_primary_per_body_year(tmp_path: Path) -> None:
    out = tmp_path / "data"
    run_batch([str(real_docs())], out, RunOptions(workers=2, progress=False))
    reports = read_table(out, "reports").to_pylist()
    assert len(reports) == len([p for p in real_docs().rglob("*") if p.is_file()])
    primaries: dict[tuple[str, int], list[str]] = {}
    for r in reports:
        assert r["body_id"] and r["status"] != "failed", r["source"]
        primaries.setdefault((r["body_id"], r["year"]), [])
        if r["primary"]:
            primaries[(r["body_id"], r["year"])].append(r["report_id"])
    assert all(len(ids) == 1 for ids in primaries.values()), primaries
    bodies = {b["name"]: b for b in read_table(out, "bodies").to_pylist()}
    zone = bodies["平潭综合实验区管理委员会"]
    years = sorted(y for (body, y) in primaries if body == zone["body_id"])
    assert years == [*range(2011, 2021), 2024]
    assert bodies["福州市平潭县人民政府"]["division_code"] == zone["division_code"] == "350128"
    assert bodies["平潭综合实验区地方税务局"]["kind"] == "department"
    assert bodies["上海市人民政府办公厅"]["division_code"] == "310000"
    assert all(b["resolved"] for b in bodies.values())
