"""Tables printed as pictures inside text documents are read by the scans' path.

The documents are built here from the real 淮安市 2024 report (and a generated one) by
`reportextract.synth.pictures`: the PDF with each table replaced by a 200-dpi picture of
itself while the running text stays text, a DOCX of its paragraphs with the tables as
inline pictures, and a web page with the tables as <img> files beside it. Their truth is
the original's. Pictures that are not tables cost no text recognition.
"""

from __future__ import annotations

import base64
import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import CORPUS, load_truth, real_doc, real_truth
from reportextract.model import Report
from reportextract.pipeline import extract
from reportextract.readers.pdf import read_pdf
from reportextract.synth.pictures import (
    docx_with_table_pictures,
    html_with_table_pictures,
    pdf_with_table_pictures,
)
from reportextract.truth import compare_cells

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")

from pictures_support import (
    non_table_pictures,
    pdf_with_pictures,
    table_picture_png,
)

REAL = "huaian-city-2024.pdf"


def write_variant(kind: str, pdf: bytes, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "pdf":
        path = folder / "report.pdf"
        path.write_bytes(pdf_with_table_pictures(pdf))
    elif kind == "docx":
        path = folder / "report.docx"
        path.write_bytes(docx_with_table_pictures(pdf))
    else:
        page, files = html_with_table_pictures(pdf)
        path = folder / "report.html"
        path.write_bytes(page)
        for name, data in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
    return path


@pytest.fixture(scope="module")
def real_variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Report]]:
    original = real_doc(REAL).read_bytes()
    out = {}
    for kind in ("pdf", "docx", "html"):
        path = write_variant(kind, original, tmp_path_factory.mktemp(f"pictures-{kind}"))
        out[kind] = (path, extract(path))
    return out


def flagged(report: Report) -> set[tuple[str, str, str]]:
    keys = {(c.table, *c.scope.split("/")[:2]) for c in report.checks if c.passed is not True}
    keys |= {(c.table, c.row_code, c.col_code) for c in report.cells if (c.confidence or 1) < 0.5}
    return {k for k in keys if len(k) == 3}


def assert_reads_the_truth(report: Report, truth: dict) -> None:
    comparison = compare_cells(report, truth)
    assert comparison.exact >= 0.99 * comparison.total, comparison.describe()
    assert not comparison.spurious, comparison.describe()
    doubtful = [key for key, _, _ in comparison.wrong] + list(comparison.missing)
    assert all(key in flagged(report) for key in doubtful), f"unflagged: {doubtful}"


def test_the_built_pdf_prints_no_table_as_text(real_variants, monkeypatch):
    """Without reading its pictures there is no table to find: its text layer has none,
    while the running text (and the tables' headings) stay text."""
    import reportextract.readers.pdf as pdf_reader

    path, _ = real_variants["pdf"]
    monkeypatch.setattr(pdf_reader, "picture_boxes", lambda page, height: [])
    layout = read_pdf(path.read_bytes())
    assert not layout.grids
    text = "".join("".join(b.text.split()) for b in layout.blocks)
    assert "三、收到和处理政府信息公开申请情况" in text and "3119件" in text


@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
def test_tables_as_pictures_give_the_truths_cells(real_variants, kind):
    _, report = real_variants[kind]
    assert report.status == "ok", report.error
    assert_reads_the_truth(report, real_truth(REAL))
    assert all(c.confidence is not None for c in report.cells)
    assert report.ocr_pages >= 1


def test_pdf_cells_are_placed_on_their_page_inside_the_picture(real_variants):
    path, report = real_variants["pdf"]
    import pypdfium2 as pdfium

    from reportextract.readers.pictures.placement import picture_boxes

    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        boxes = {}
        for index in range(len(pdf)):
            page = pdf[index]
            boxes[index + 1] = picture_boxes(page, page.get_size()[1])
            page.close()
    finally:
        pdf.close()
    for cell in report.cells:
        assert cell.page is not None and cell.bbox is not None and cell.image is None
        x0, top, x1, bottom = cell.bbox
        assert any(
            b[0] - 1 <= x0 and x1 <= b[2] + 1 and b[1] - 1 <= top and bottom <= b[3] + 1
            for b in boxes[cell.page]
        ), cell
    granted = next(c for c in report.cells if (c.row_code, c.col_code) == ("granted", "total"))
    assert granted.page == 4 and granted.text == "1362"


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_cells_of_a_picture_file_name_it_and_lie_inside_it(real_variants, kind):
    from PIL import Image

    path, report = real_variants[kind]
    sizes: dict[str, tuple[int, int]] = {}
    for cell in report.cells:
        assert cell.page is None and cell.image and cell.bbox is not None
        if cell.image not in sizes:
            if kind == "html":
                data = (path.parent / cell.image).read_bytes()
            else:
                import zipfile

                data = zipfile.ZipFile(path).read(cell.image)
            import io

            sizes[cell.image] = Image.open(io.BytesIO(data)).size
        width, height = sizes[cell.image]
        x0, top, x1, bottom = cell.bbox
        assert 0 <= x0 < x1 <= width + 1 and 0 <= top < bottom <= height + 1, cell
    prefix = "word/media/" if kind == "docx" else "images/table-"
    assert all(name.startswith(prefix) for name in sizes)
    assert len(sizes) >= 3  # 表二, 表三 and 表四 are printed on several pictures


def test_a_generated_report_with_table_pictures_reads_its_truth(tmp_path):
    name = "synth-276-00000.pdf"
    original = (CORPUS / "samples" / name).read_bytes()
    truth = load_truth(CORPUS / "truth" / f"{name}.json")
    path = write_variant("docx", original, tmp_path)
    assert_reads_the_truth(extract(path), truth)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_generated_report_whose_column_rule_meets_its_print(tmp_path):
    """A generated report whose 表三 defeated the rule finder when read as a picture: a
    column rule continued at both ends by strokes of print was dropped whole (46 of 200
    cells)."""
    from reportextract.synth.corpus import generate_corpus

    [document] = generate_corpus(tmp_path, 1, 22, start=1, formats=["pictures"], progress=None)
    truth = load_truth(document.truth)
    assert_reads_the_truth(extract(document.path), truth)


@pytest.fixture
def recognition_counted(monkeypatch):
    """Counts the recogniser's batches (every OCR of a picture runs at least one)."""
    from reportextract.readers.ocr.recognise import Recogniser

    calls: list[int] = []
    real = Recogniser.read

    def counted(self, crops):
        calls.append(len(crops))
        return real(self, crops)

    monkeypatch.setattr(Recogniser, "read", counted)
    return calls


@pytest.mark.parametrize("name", ["qr", "photo", "seal", "logo", "chart"])
def test_a_picture_that_is_no_table_is_passed_over_before_recognition(name, recognition_counted):
    layout = read_pdf(pdf_with_pictures({name: non_table_pictures()[name]}))
    assert recognition_counted == []
    assert not layout.grids
    assert not layout.pages[0].ocr


def test_a_table_picture_on_a_text_page_is_read_where_it_stands(recognition_counted):
    layout = read_pdf(pdf_with_pictures({"table": table_picture_png()}))
    assert recognition_counted
    [grid] = layout.grids
    assert grid.page == 1 and layout.pages[0].ocr
    assert grid.bbox is not None and grid.bbox[1] >= 470 - 1  # below the page's text
    texts = [c.text for c in grid.cells]
    assert "351" in texts and "178" in texts  # printed in the real report's 表四


def test_text_pdfs_without_pictures_never_start_the_picture_reader(monkeypatch):
    import reportextract.readers.pictures.read as picture_read

    def refuse(*args, **kwargs):
        raise AssertionError("a text PDF without pictures started the picture reader")

    monkeypatch.setattr(picture_read.PictureReader, "__init__", refuse)
    for name in ("huaian-city-2024.pdf", "huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf"):
        assert read_pdf(real_doc(name).read_bytes()).grids


def test_web_page_pictures_inline_beside_and_out_of_reach(tmp_path):
    from reportextract.readers.html import read_html
    from reportextract.readers.pictures import PictureFiles

    table = table_picture_png()
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "t4.png").write_bytes(table)
    (tmp_path.parent / "outside.png").write_bytes(table)
    inline = base64.b64encode(table).decode("ascii")
    page = (
        "<html><head><title>测试区2024年政府信息公开工作年度报告</title></head><body>"
        "<div class='content'><p>测试区2024年政府信息公开工作年度报告</p>"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p>"
        "<img src='pics/t4.png'><img src='../outside.png'>"
        f"<img src='data:image/png;base64,{inline}'><img src='missing.png'>"
        "<p>本年度共收到政府信息公开申请3119件。</p></div></body></html>"
    ).encode()
    layout = read_html(page, pictures=PictureFiles(tmp_path))
    assert [{c.image for c in g.cells} for g in layout.grids] == [{"pics/t4.png"}, {"data:"}]
    assert [g.picture for g in layout.grids] == [1, 2]
    assert layout.unread_pictures == [
        "picture ../outside.png is not here",
        "picture missing.png is not here",
    ]
    path = tmp_path / "page.html"
    path.write_bytes(page)
    report = extract(path)
    review = [c for c in report.cells if (c.row_code, c.col_code) == ("review", "total")]
    assert [(c.value, c.image) for c in review] == [(351.0, "pics/t4.png")]
    assert "table requests not found" in (report.error or "")
    assert "picture missing.png is not here" in (report.error or "")


def test_without_the_ocr_extra_a_report_says_its_pictures_were_not_read(real_variants, monkeypatch):
    monkeypatch.setitem(sys.modules, "reportextract.readers.pictures.read", None)
    path, _ = real_variants["docx"]
    report = extract(path)
    assert report.status == "partial" and not report.cells
    assert "table requests not found" in (report.error or "")
    assert "was not read: OCR needs" in (report.error or "")


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_show_draws_a_cell_on_its_picture(real_variants, kind, tmp_path):
    from reportextract.explore.build import ensure_dataset
    from reportextract.explore.query import run_query
    from reportextract.explore.render import BOX_WIDTH
    from reportextract.explore.show import CellRef, cell_view, describe_cell, render_cell

    path, _ = real_variants[kind]
    data = ensure_dataset(tmp_path / "data", [path], workers=1)
    [rid] = run_query(data, "SELECT report_id FROM reports")["report_id"]
    view = cell_view(data, str(rid), CellRef("requests", "granted", "total"))
    assert view.cell["image"] and view.cell["text"] == "1362"
    assert f"picture {view.cell['image']}, box [" in describe_cell(view)
    image = render_cell(view)
    x0, y0, x1, y1 = (float(v) for v in view.cell["bbox"])
    edge = BOX_WIDTH / 2 - 0.5
    centre = (round((x0 + x1) / 2), round((y0 + y1) / 2))
    # the outline just outside the cell's left, top and bottom edges (总计 is the last
    # column: its right edge is the picture's)
    for xy in (
        (round(x0 - edge), centre[1]),
        (centre[0], round(y0 - edge)),
        (centre[0], round(y1 + edge)),
    ):
        red, green, blue = image.getpixel(xy)[:3]
        assert red >= 240 and green <= 20 and blue <= 20, xy


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels (a decompression bomb's header)."""
    import struct
    import zlib

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


def test_broken_and_enormous_pictures_are_reported_not_fatal(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("测试区2024年政府信息公开工作年度报告")
    document.add_paragraph("本年度共收到政府信息公开申请3件。")
    for _ in range(2):
        document.add_picture(io.BytesIO(table_picture_png()), width=docx.shared.Pt(300))
    buffer = io.BytesIO()
    document.save(buffer)
    broken = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(broken, "w") as target:
        media = sorted(n for n in source.namelist() if n.startswith("word/media/"))
        for item in source.infolist():
            data = source.read(item)
            if item.filename in media:
                data = b"\x89PNG\r\n\x1a\n garbage" if item.filename == media[0] else b""
            target.writestr(item, data)
    path = tmp_path / "report.docx"
    path.write_bytes(broken.getvalue())
    bomb = tmp_path / "bomb.docx"
    with (
        zipfile.ZipFile(io.BytesIO(broken.getvalue())) as source,
        zipfile.ZipFile(bomb, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("word/media/"):
                data = _png_header(70_000, 70_000)
            target.writestr(item, data)
    for document_path, reason in ((path, "cannot be decoded"), (bomb, "too large")):
        report = extract(document_path)
        assert report.status == "partial", report.error
        assert reason in (report.error or ""), report.error
        assert [f.value for f in report.figures if f.metric == "requests.received"] == [3.0]
