"""find_overlaps flags pages with text drawn over text; the corpus writer never keeps such a PDF."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportextract.synth import corpus
from reportextract.synth.__main__ import main
from reportextract.synth.overlap import MIN_PAIRS, OverlappingText, find_overlaps

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "samples"


def text_pdf(pages: Sequence[Sequence[tuple[float, float, str]]], size: float = 12) -> bytes:
    """A PDF whose pages draw each (x, y, text) in Helvetica at `size` pt."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the page objects are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for lines in pages:
        drawn = b"".join(
            f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n".encode("ascii") for x, y, text in lines
        )
        objects.append(b"<< /Length %d >>\nstream\n%b\nendstream" % (len(drawn), drawn))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%b] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


NARRATIVE = [(72, 700 - 18 * n, f"Line {n} of the narrative about requests 2024") for n in range(8)]
TABLE_ROWS = [(80, 703 - 18 * n, f"Row {n}   17   0   2   1   20") for n in range(5)]


def test_clean_pages_have_no_overlaps() -> None:
    interleaved = NARRATIVE[::2] + TABLE_ROWS[1::2]  # lines 15 pt apart, 12 pt type
    assert find_overlaps(text_pdf([NARRATIVE, TABLE_ROWS, interleaved])) == []


def test_table_drawn_over_the_narrative_is_found_on_its_page() -> None:
    found = find_overlaps(text_pdf([TABLE_ROWS, NARRATIVE + TABLE_ROWS]))
    assert [overlap.page for overlap in found] == [2]
    assert found[0].pairs >= MIN_PAIRS
    assert "page 2" in str(found[0])


def test_lines_set_tighter_than_their_font_overlap() -> None:
    words = ("Government information", "disclosure reports", "requests received")
    squeezed = [(72, 700 - 5 * n, text) for n, text in enumerate(words)]
    assert find_overlaps(text_pdf([squeezed])) != []


def test_a_glyph_drawn_twice_in_place_is_emboldening_not_overlap() -> None:
    line = (72, 700, "Bold heading drawn twice")
    shifted = (72.3, 700, "Bold heading drawn twice")
    assert find_overlaps(text_pdf([[line, shifted]])) == []


def test_a_single_touching_pair_is_below_the_threshold() -> None:
    page = [(72, 700, "Total"), (96.5, 700, "X")]  # 'X' lands on the 'l' of 'Total'
    assert find_overlaps(text_pdf([page]), min_pairs=1) != []
    assert find_overlaps(text_pdf([page])) == []


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.pdf")), ids=lambda p: p.name)
def test_bundled_pdfs_are_clean(path: Path) -> None:
    assert find_overlaps(path.read_bytes()) == []


def _fake_libreoffice(monkeypatch: pytest.MonkeyPatch, broken_when_safe: bool) -> list[str]:
    """Replace LibreOffice: a DOCX with breakable rows gives a PDF with text over text."""
    calls: list[str] = []

    def convert(
        files: Sequence[Path], out_dir: Path, batch_size: int = 40, profile: Path | None = None
    ) -> dict[Path, Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        done = {}
        for docx in files:
            rows = Document(str(docx)).tables[1]._tbl.tr_lst
            safe = all(
                tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows
            )
            calls.append("safe" if safe else "plain")
            pages = [NARRATIVE + TABLE_ROWS] if broken_when_safe or not safe else [NARRATIVE]
            done[docx] = out_dir / (docx.stem + ".pdf")
            done[docx].write_bytes(text_pdf(pages))
        return done

    monkeypatch.setattr(corpus, "convert_docx_to_pdf", convert)
    return calls


def test_a_pdf_with_text_over_text_is_converted_again_with_rows_kept_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _fake_libreoffice(monkeypatch, broken_when_safe=False)
    [document] = corpus.generate_corpus(tmp_path, 1, 91, formats=("pdf",), start=22)
    assert calls == ["plain", "safe"]
    assert find_overlaps(document.path.read_bytes()) == []
    notes = json.loads(document.truth.read_text(encoding="utf-8"))["notes"]
    assert "text drawn over text" in notes


def test_a_pdf_still_broken_after_the_safe_layout_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_libreoffice(monkeypatch, broken_when_safe=True)
    with pytest.raises(OverlappingText, match=r"synth-91-00022\.pdf: .*page 1"):
        corpus.generate_corpus(tmp_path / "api", 1, 91, formats=("pdf",), start=22)
    argv = [str(tmp_path / "cli"), "--count", "1", "--start", "22", "--seed", "91"]
    assert main([*argv, "--formats", "pdf", "--quiet"]) == 1
    assert "text over text" in capsys.readouterr().err
    assert not list((tmp_path / "cli" / "samples").iterdir())
