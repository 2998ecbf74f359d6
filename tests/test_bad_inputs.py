"""Bad input: every case gives a reports row with a clear status and reason; a batch goes on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import REPO, real_doc
from reportextract.pipeline import extract
from reportextract.runner import RunOptions, run_batch

FIXTURES = REPO / "tests" / "fixtures"
REPORT_PDF = "huaian-hongze-2023.pdf"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def blank_pdf(width: float = 595, height: float = 842, pages: int = 1) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(width, height)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(real_doc(REPORT_PDF)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_with(document_xml: bytes, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def assert_failed(path: Path, *fragments: str) -> str:
    report = extract(path)
    assert report.status == "failed", (report.status, report.error)
    reason = report.error or ""
    assert "internal error" not in reason, reason
    assert "\n" not in reason, "the reason is one line"
    assert any(f in reason for f in fragments), reason
    return reason


def test_zero_byte_file(tmp_path: Path) -> None:
    assert_failed(write(tmp_path, "empty.pdf", b""), "empty file")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = real_doc(REPORT_PDF).read_bytes()
    report = extract(write(tmp_path, "truncated.pdf", data[: len(data) // 3]))
    assert report.status in ("failed", "partial"), report.status
    assert report.error and "internal error" not in report.error


def test_pdf_with_a_broken_xref_is_repaired_or_fails_clearly(tmp_path: Path) -> None:
    data = real_doc(REPORT_PDF).read_bytes()
    broken = (
        data.replace(b"startxref", b"startxref\n999999999\n%", 1)
        if b"startxref" in data
        else data[:-200]
    )
    report = extract(write(tmp_path, "xref.pdf", broken))
    if report.status == "ok":
        assert len(report.cells) == 186, "a repaired PDF must give the full tables"
    else:
        assert report.error and "internal error" not in report.error


def test_encrypted_pdf_with_an_empty_user_password_opens(tmp_path: Path) -> None:
    report = extract(write(tmp_path, "open.pdf", encrypted_pdf("")))
    assert report.status == "ok", report.error
    assert len(report.cells) == 186


def test_encrypted_pdf_with_a_password_fails_clearly(tmp_path: Path) -> None:
    assert_failed(
        write(tmp_path, "locked.pdf", encrypted_pdf("secret")), "encrypted with a password"
    )


def test_pdf_with_no_text_and_no_images(tmp_path: Path) -> None:
    assert_failed(
        write(tmp_path, "blank.pdf", blank_pdf()), "not a disclosure annual report", "no text"
    )


def test_pdf_page_of_enormous_dimensions(tmp_path: Path) -> None:
    assert_failed(
        write(tmp_path, "huge-page.pdf", blank_pdf(14400, 14400)),
        "not a disclosure annual report",
        "no text",
    )


def test_a_pdf_that_is_not_a_report(tmp_path: Path) -> None:
    assert_failed(FIXTURES / "budget-not-a-report.pdf", "not a disclosure annual report")


def test_an_html_page_that_is_not_a_report(tmp_path: Path) -> None:
    page = "<html><head><title>新闻</title></head><body><div class='nav'>首页 新闻</div><p>今天召开了全区安全生产工作会议，部署下一阶段工作。</p></body></html>"
    assert_failed(write(tmp_path, "news.html", page.encode()), "not a disclosure annual report")


def test_an_html_error_page_saved_as_pdf(tmp_path: Path) -> None:
    page = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><hr>nginx</body></html>"
    reason = assert_failed(write(tmp_path, "report.pdf", page), "not a disclosure annual report")
    assert "PDF" not in reason


def test_binary_garbage_with_a_reports_extension(tmp_path: Path) -> None:
    garbage = bytes((i * 7919 + 13) % 256 for i in range(50_000))
    assert_failed(write(tmp_path, "report.pdf", garbage), "unrecognised binary content")
    assert_failed(write(tmp_path, "report.docx", b"PK\x03\x04" + garbage), "ZIP", "zip")


def test_gbk_page_declared_as_utf8_reads_right(tmp_path: Path) -> None:
    text = real_doc("quangang-2025.txt").read_text(encoding="utf-8")
    body = "".join(
        f"<p>{line}</p>" for line in text.splitlines() if line.strip() and "\t" not in line
    )
    page = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode("gbk")
    report = extract(write(tmp_path, "gbk.html", page))
    assert report.issuer == "泉港区"
    assert report.year == 2025


def test_docx_zip_bomb_fails_without_inflating_it(tmp_path: Path) -> None:
    bomb = docx_with(b"<w:document>" + b" " * (200 * 1024 * 1024) + b"</w:document>")
    assert len(bomb) < 2 * 1024 * 1024
    assert_failed(write(tmp_path, "bomb.docx", bomb), "over the", "cap")


def test_a_spliced_docx_whose_members_point_before_its_start_fails_clearly(
    tmp_path: Path,
) -> None:
    data = (REPO / "corpus" / "samples" / "synth-276-00005.docx").read_bytes()
    directory = zipfile.ZipFile(io.BytesIO(data)).start_dir  # the central directory's offset
    # Another document's first bytes, then this one's central directory: every member's
    # offset now lies before the start of the file (zipfile seeks to a negative position).
    spliced = data[:200] + data[directory:]
    reason = assert_failed(write(tmp_path, "spliced.docx", spliced), "ZIP", "DOCX")
    assert "seek" in reason or "zip" in reason.lower()


def test_a_docx_whose_directory_names_an_unknown_zip_version_fails_clearly(
    tmp_path: Path,
) -> None:
    data = bytearray((REPO / "corpus" / "samples" / "synth-276-00005.docx").read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first member's central directory record
    data[entry + 6 : entry + 8] = (236).to_bytes(2, "little")  # "version needed": 23.6
    reason = assert_failed(write(tmp_path, "version.docx", bytes(data)), "ZIP", "DOCX")
    assert "zip file version 23.6" in reason


def test_control_characters_in_a_web_page_are_dropped_not_fatal(tmp_path: Path) -> None:
    page = (
        "<html><head><title>某县2023年政府信息公开工作年度报告</title></head><body>"
        "<h1>某县2023年政府信息公开工作年度报告</h1><script>x\x01</script>\x02\x1b"
        "<p>本年度共收到政府信息公开申请36件\x07。</p></body></html>"
    )
    report = extract(write(tmp_path, "controls.html", page.encode("utf-8")))
    assert report.status != "failed", report.error
    assert [(f.metric, f.value) for f in report.figures if f.metric == "requests.received"] == [
        ("requests.received", 36.0)
    ]


def test_docx_with_an_xml_entity_expansion_attack(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    report = extract(write(tmp_path, "laughs.docx", docx_with(laughs)))
    assert report.status == "failed"
    assert "internal error" not in (report.error or "")


def test_html_table_with_an_absurd_rowspan(tmp_path: Path) -> None:
    page = (
        "<html><body><p>泉港区2025年度政府信息公开工作年度报告</p>"
        "<table><tr><td rowspan='100000' colspan='100000'>规章</td><td>0</td></tr></table></body></html>"
    )
    report = extract(write(tmp_path, "spans.html", page.encode()))
    assert report.status in ("partial", "failed")
    assert "internal error" not in (report.error or "")
    assert report.seconds < 30


def test_a_400_page_pdf_is_read_in_bounded_time(tmp_path: Path) -> None:
    source = pdfium.PdfDocument(real_doc(REPORT_PDF))
    pdf = pdfium.PdfDocument.new()
    for _ in range(80):
        pdf.import_pages(source)
    buffer = io.BytesIO()
    pdf.save(buffer)
    report = extract(write(tmp_path, "long.pdf", buffer.getvalue()))
    assert report.pages == 400
    assert report.status in ("ok", "partial")
    assert report.year == 2023


def test_a_batch_of_bad_files_records_each_and_keeps_the_good_ones(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs, "empty.pdf", b"")
    write(docs, "garbage.pdf", bytes(range(256)) * 100)
    write(docs, "locked.pdf", encrypted_pdf("secret"))
    (docs / "good.txt").write_bytes(real_doc("quangang-2025.txt").read_bytes())
    summary = run_batch([str(docs)], tmp_path / "data", RunOptions(workers=2, progress=False))
    assert summary.processed == 4
    assert summary.failed == 3
    assert summary.cells == 193
    reasons = dict(summary.failures)
    assert "encrypted" in reasons[str(docs / "locked.pdf")]


@pytest.mark.parametrize("name", ["budget-not-a-report.pdf"])
def test_fixtures_stay_small(name: str) -> None:
    assert (FIXTURES / name).stat().st_size < 100_000
