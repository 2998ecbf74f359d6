"""The PDF check finds text drawn over text and text left out; the corpus never keeps such a PDF."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm

from conftest import SHARED_REAL, require_shared
from reportextract.synth import corpus
from reportextract.synth.__main__ import main
from reportextract.synth.legacy import build_series
from reportextract.synth.legacy import render_docx as render_legacy_docx
from reportextract.synth.pdfcheck import (
    MIN_PAIRS,
    BrokenLayout,
    docx_text,
    find_overlaps,
    layout_problems,
    lost_text,
)
from reportextract.synth.render_docx import build_docx
from reportextract.synth.report import build_from_truth, build_report

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "samples"
Line = tuple[float, float, str]


def text_pdf(pages: Sequence[Sequence[Line]], size: float = 12) -> bytes:
    """A PDF whose pages draw each (x, y, text) at `size` pt: ASCII in Helvetica, else STSong."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the page objects are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
        b"/FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /ItalicAngle 0 "
        b"/FontBBox [-25 -254 1000 880] /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    kids = []
    for lines in pages:
        drawn = b"".join(
            b"BT /F1 %g Tf %g %g Td (%b) Tj ET\n" % (size, x, y, text.encode("ascii"))
            if text.isascii()
            else b"BT /F2 %g Tf %g %g Td <%b> Tj ET\n"
            % (size, x, y, text.encode("utf-16-be").hex().encode("ascii"))
            for x, y, text in lines
        )
        objects.append(b"<< /Length %d >>\nstream\n%b\nendstream" % (len(drawn), drawn))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % len(objects)
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


def test_chinese_text_drawn_over_a_table_is_found() -> None:
    rows = [(72, 700 - 20 * n, f"（{n}）予以公开 17 0 2 1 20") for n in range(4)]
    over = [(72, 694 - 20 * n, "四、政府信息公开行政复议、行政诉讼情况") for n in range(3)]
    assert find_overlaps(text_pdf([rows])) == []
    assert [overlap.page for overlap in find_overlaps(text_pdf([rows + over]))] == [1]


def test_text_left_out_of_the_pdf_is_named_in_order() -> None:
    text = "三、收到和处理政府信息公开申请情况 一、本年新收 17 20 五、存在的主要问题"
    lines = [(72, 700, "三、收到和处理政府信息公开申请情况"), (72, 680, "一、本年新收 17 20")]
    assert lost_text(text_pdf([[*lines, (72, 660, "五、存在的主要问题")]]), text) == ""
    assert lost_text(text_pdf([lines]), text) == "五、存在的主要问题"
    assert lost_text(text_pdf([lines[:1], lines[1:]]), "一、本年新收 17 20 17") == "17"  # counted


def test_docx_text_is_the_body_without_footers() -> None:
    report = build_report(91, 22)
    text = docx_text(build_docx(report))
    assert report.content.title.replace("\n", "") in text
    assert report.printed(("requests", "new_received", "total")) in text
    footer = Document(io.BytesIO(build_docx(report))).sections[0].footer.paragraphs[0].text
    assert footer == "——" and "—" not in text  # the footer is '—{page}—'; the body has no dash


def _render(docx: bytes, broken: str) -> bytes:
    """What a LibreOffice would print for `docx`: its text in lines, broken as asked."""
    text = docx_text(docx)
    lines = [text[i : i + 30] for i in range(0, len(text), 30)]
    pages = [
        [(60, 800 - 20 * n, line) for n, line in enumerate(lines[start : start + 36])]
        for start in range(0, len(lines), 36)
    ]
    if broken == "over":
        pages[-1] += [(60, 796 - 20 * n, line) for n, line in enumerate(lines[:5])]
    elif broken == "lost":
        pages = pages[:1]
    return text_pdf(pages)


def _fake_libreoffice(monkeypatch: pytest.MonkeyPatch, broken: str, always: bool) -> list[int]:
    """Replace LibreOffice; returns the bottom margin (EMU) of every DOCX it converts."""
    margins: list[int] = []

    def convert(
        files: Sequence[Path], out_dir: Path, batch_size: int = 40, profile: Path | None = None
    ) -> dict[Path, Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        done = {}
        for docx in files:
            margins.append(int(Document(str(docx)).sections[0].bottom_margin or 0))
            done[docx] = out_dir / (docx.stem + ".pdf")
            fault = broken if always or len(margins) == 1 else ""
            done[docx].write_bytes(_render(docx.read_bytes(), fault))
        return done

    monkeypatch.setattr(corpus, "convert_docx_to_pdf", convert)
    return margins


@pytest.mark.parametrize("broken", ["over", "lost"])
def test_a_broken_pdf_is_converted_again_with_the_pages_broken_elsewhere(
    broken: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    margins = _fake_libreoffice(monkeypatch, broken, always=False)
    [document] = corpus.generate_corpus(tmp_path, 1, 91, formats=("pdf",), start=22)
    assert len(margins) == 2 and margins[1] - margins[0] == pytest.approx(Cm(1), abs=635)  # twips
    assert layout_problems(document.path.read_bytes(), build_docx(build_report(91, 22))) == []
    notes = json.loads(document.truth.read_text(encoding="utf-8"))["notes"]
    assert "first PDF of it was broken" in notes


def test_a_clean_pdf_is_converted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    margins = _fake_libreoffice(monkeypatch, "", always=True)
    [document] = corpus.generate_corpus(tmp_path, 1, 91, formats=("pdf",), start=22)
    assert len(margins) == 1
    assert "broken" not in json.loads(document.truth.read_text(encoding="utf-8"))["notes"]


def test_a_pdf_broken_both_times_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_libreoffice(monkeypatch, "over", always=True)
    with pytest.raises(BrokenLayout, match=r"synth-91-00022\.pdf: .*overlapping character pairs"):
        corpus.generate_corpus(tmp_path / "api", 1, 91, formats=("pdf",), start=22)
    argv = [str(tmp_path / "cli"), "--count", "1", "--start", "22", "--seed", "91"]
    assert main([*argv, "--formats", "pdf", "--quiet"]) == 1
    assert "PDF is broken" in capsys.readouterr().err
    assert not list((tmp_path / "cli" / "samples").iterdir())


def _bundled_docx(pdf: Path) -> bytes | None:
    """The DOCX the bundled PDF was converted from (see corpus/README.md), or None."""
    match = re.fullmatch(r"synth-(\d+)-(\d{5})(-borderless)?\.pdf", pdf.name)
    if match:
        index = int(match.group(2))
        report = build_report(int(match.group(1)), index, corpus.has_errors(index, 0.25))
        return build_docx(report)
    legacy = re.fullmatch(r"synth-legacy-(\d+)-(\d{2})-(\d{4})\.pdf", pdf.name)
    if legacy:  # corpus/README.md: --legacy 2013-2017 --count 1 --seed 276
        series = build_series(int(legacy.group(1)), 2013, 2017, int(legacy.group(2)))
        report = next(r for r in series.reports if r.year == int(legacy.group(3)))
        return render_legacy_docx(report)
    if pdf.name == "synth-quangang-2025.pdf":
        truth = require_shared(SHARED_REAL / "truth" / "quangang-2025.txt.json")
        return build_docx(build_from_truth(truth, 276))
    return None


@pytest.mark.parametrize(
    "path", sorted(p for p in CORPUS.glob("*.pdf") if "-scan" not in p.name), ids=lambda p: p.name
)
def test_bundled_pdfs_are_laid_out_cleanly(path: Path) -> None:
    docx = _bundled_docx(path)
    if docx is None:
        pytest.skip(f"{path.name}: corpus/README.md gives no recipe for it")
    assert layout_problems(path.read_bytes(), docx) == []
