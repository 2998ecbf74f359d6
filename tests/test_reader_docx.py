"""read_docx: the blank official template, hand-built packages for each WordprocessingML case, safety."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from conftest import SHARED_REAL, require_shared
from gridbuild import placements
from reportextract.errors import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    UnsupportedFormat,
)
from reportextract.layout import Grid, GridCell, Layout
from reportextract.readers import docx as docx_reader
from reportextract.readers.docx import format_number, read_docx

TEMPLATE = SHARED_REAL / "template" / "template-2021-blank.docx"

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def make_docx(
    body: str,
    *,
    numbering: str | None = None,
    parts: dict[str, bytes] | None = None,
    relationships: str = "",
    document: str | None = None,
) -> bytes:
    """A minimal DOCX package around a w:body's content."""
    rels = relationships
    if numbering is not None:
        rels += f'<Relationship Id="rIdNum" Type="{REL_BASE}/numbering" Target="numbering.xml"/>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL_BASE}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        package.writestr(
            "word/document.xml",
            document
            or f'<?xml version="1.0"?><w:document {NAMESPACES}><w:body>{body}</w:body></w:document>',
        )
        package.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        if numbering is not None:
            package.writestr(
                "word/numbering.xml",
                f'<?xml version="1.0"?><w:numbering {NAMESPACES}>{numbering}</w:numbering>',
            )
        for name, blob in (parts or {}).items():
            package.writestr(name, blob)
    return buffer.getvalue()


def p(text: str, props: str = "") -> str:
    return f'<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def span(n: int) -> str:
    return f'<w:gridSpan w:val="{n}"/>'


def restart() -> str:
    return '<w:vMerge w:val="restart"/>'


def cont() -> str:
    return "<w:vMerge/>"


def order(layout: Layout) -> list[str]:
    return [
        i.text if not isinstance(i, Grid) else f"GRID{i.n_rows}x{i.n_cols}" for i in layout.items
    ]


def at(grid: Grid, row: int, col: int) -> GridCell:
    cell = next((c for c in grid.cells if (c.row, c.col) == (row, col)), None)
    assert cell is not None, f"no cell starts at ({row}, {col})"
    return cell


# ---------------------------------------------------------------- the real template


@pytest.fixture(scope="module")
def template() -> Layout:
    return read_docx(require_shared(TEMPLATE).read_bytes())


def test_template_body_order_interleaves_paragraphs_and_tables(template: Layout) -> None:
    assert order(template) == [
        "政府信息公开工作年度报告格式模板",
        "一、总体情况",
        "（文字描述）",
        "二、主动公开政府信息情况",
        "GRID14x4",
        "三、收到和处理政府信息公开申请情况",
        "GRID28x10",
        "四、政府信息公开行政复议、行政诉讼情况",
        "GRID4x15",
        "五、存在的主要问题及改进情况",
        "（文字描述）",
        "六、其他需要报告的事项",
        "（文字描述，收取信息处理费情况在此处报告。）",
    ]
    assert template.format == "docx"


def test_template_requests_table_merged_cells_are_spans(template: Layout) -> None:
    grid = template.grids[1]
    expected = {
        (0, 0): (3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        (0, 3): (1, 7, "申请人情况"),
        (1, 3): (2, 1, "自然人"),
        (1, 4): (1, 5, "法人或其他组织"),
        (1, 9): (2, 1, "总计"),
        (5, 0): (22, 1, "三、本年度办理结果"),
        (5, 1): (1, 2, "（一）予以公开"),
        (7, 1): (8, 1, "（三）不予公开"),
        (15, 1): (3, 1, "（四）无法提供"),
        (18, 1): (5, 1, "（五）不予处理"),
        (23, 1): (3, 1, "（六）其他处理"),
        (26, 1): (1, 2, "（七）总计"),
        (27, 0): (1, 3, "四、结转下年度继续办理"),
    }
    for (row, col), (rowspan, colspan, text) in expected.items():
        cell = at(grid, row, col)
        assert (cell.rowspan, cell.colspan, cell.text.replace("\n", "")) == (rowspan, colspan, text)
    covered = [(r, c) for cell in grid.cells for r in range(cell.row, cell.last_row + 1)
               for c in range(cell.col, cell.last_col + 1)]  # fmt: skip
    assert len(covered) == len(set(covered)) == 28 * 10, "merged cells are not repeated"


def test_template_blank_value_cells_are_present_and_empty(template: Layout) -> None:
    grid = template.grids[1]
    granted = grid.rows()[5]
    assert [c.col for c in granted] == [0, 1, 3, 4, 5, 6, 7, 8, 9]
    assert all(c.text == "" for c in granted if c.col >= 3)
    appeals = template.grids[2]
    assert at(appeals, 0, 5).colspan == 10 and at(appeals, 1, 0).rowspan == 2
    assert len(appeals.rows()[3]) == 15


def test_template_properties_become_metadata(template: Layout) -> None:
    assert template.metadata["docx:created"] == "2025-12-03T06:30:00Z"
    assert template.metadata["docx:Application"].startswith("WPS Office")


# ---------------------------------------------------------------- merged cells


def test_vmerge_gridspan_and_gridbefore_become_spans() -> None:
    table = (
        "<w:tbl><w:tblGrid>" + "<w:gridCol/>" * 4 + "</w:tblGrid>"
        f"<w:tr>{tc('A', restart())}{tc('B', span(3))}</w:tr>"
        f"<w:tr>{tc('', cont())}{tc('C')}{tc('D', restart() + span(2))}</w:tr>"
        f"<w:tr>{tc('', cont())}{tc('E')}{tc('', cont() + span(2))}</w:tr>"
        f'<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>{tc("F")}{tc("G")}</w:tr>'
        "</w:tbl>"
    )
    grid = read_docx(make_docx(p("表三") + table)).grids[0]
    assert placements(grid) == {
        "A": (0, 0, 3, 1),
        "B": (0, 1, 1, 3),
        "C": (1, 1, 1, 1),
        "D": (1, 2, 2, 2),
        "E": (2, 1, 1, 1),
        "F": (3, 2, 1, 1),
        "G": (3, 3, 1, 1),
    }


def test_grid_columns_in_which_no_cell_starts_are_removed() -> None:
    table = f"<w:tbl><w:tr>{tc('A', span(2))}{tc('B', span(3))}</w:tr><w:tr>{tc('C', span(2))}{tc('D', span(3))}</w:tr></w:tbl>"
    grid = read_docx(make_docx(table)).grids[0]
    assert (grid.n_rows, grid.n_cols) == (2, 2)
    assert all(c.colspan == 1 for c in grid.cells)


def test_legacy_hmerge_and_text_in_continued_cells_is_kept() -> None:
    hmerge = '<w:hMerge w:val="restart"/>'
    table = (
        f"<w:tbl><w:tr>{tc('甲', hmerge)}{tc('', '<w:hMerge/>')}{tc('乙')}</w:tr>"
        f"<w:tr>{tc('丙', restart())}{tc('丁')}{tc('戊')}</w:tr>"
        f"<w:tr>{tc('续', cont())}{tc('己')}{tc('庚')}</w:tr></w:tbl>"
    )
    placed = placements(read_docx(make_docx(table)).grids[0])
    assert placed["甲"] == (0, 0, 1, 2)
    assert placed["丙\n续"] == (1, 0, 2, 1)


def test_python_docx_merges_are_read_as_single_cells() -> None:
    document = docx.Document()
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "三、本年度办理结果"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "（一）予以公开"
    for row, col, text in ((1, 1, "1"), (1, 2, "2"), (2, 1, "3"), (2, 2, "4")):
        table.cell(row, col).text = text
    document.add_paragraph("四、结转")
    buffer = io.BytesIO()
    document.save(buffer)
    layout = read_docx(buffer.getvalue())
    assert order(layout) == ["三、收到和处理政府信息公开申请情况", "GRID3x3", "四、结转"]
    assert placements(layout.grids[0]) == {
        "三、本年度办理结果": (0, 0, 3, 1),
        "（一）予以公开": (0, 1, 1, 2),
        "1": (1, 1, 1, 1),
        "2": (1, 2, 1, 1),
        "3": (2, 1, 1, 1),
        "4": (2, 2, 1, 1),
    }


def test_nested_table_is_flattened_into_its_cell() -> None:
    nested = f"<w:tbl><w:tr>{tc('直接起诉')}{tc('1')}</w:tr></w:tbl>"
    table = f"<w:tbl><w:tr>{tc('行政诉讼')}<w:tc>{p('结果')}{nested}</w:tc></w:tr></w:tbl>"
    layout = read_docx(make_docx(table))
    assert len(layout.grids) == 1
    assert [c.text for c in layout.grids[0].cells] == ["行政诉讼", "结果\n直接起诉\n1"]


# ---------------------------------------------------------------- paragraphs


def test_content_controls_text_boxes_and_tracked_changes() -> None:
    box = (
        f"<w:txbxContent>{p('文本框里的说明')}"
        f"<w:tbl><w:tr>{tc('框内表格')}{tc('7')}</w:tr></w:tbl></w:txbxContent>"
    )
    drawing = (
        "<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}'
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    body = (
        f"<w:sdt><w:sdtPr/><w:sdtContent>{p('封面标题')}</w:sdtContent></w:sdt>"
        f"<w:p><w:r><w:t>锚定段落</w:t></w:r>{drawing}</w:p>"
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>插入的字</w:t></w:r></w:ins>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:br/><w:t>第二行</w:t><w:tab/><w:t>制表</w:t></w:r></w:p>"
    )
    layout = read_docx(make_docx(body))
    assert order(layout) == [
        "封面标题",
        "锚定段落",
        "文本框里的说明",
        "GRID1x2",
        "保留插入的字3",
        "第二行 制表",
    ]


NUMBERING = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
"""


def numbered(text: str, level: int) -> str:
    return p(text, f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="5"/></w:numPr>')


def test_automatic_list_numbers_are_rendered() -> None:
    body = (
        numbered("总体情况", 0) + numbered("主动公开方面", 1) + numbered("依申请公开方面", 1)
        + numbered("其他", 2) + numbered("主动公开政府信息情况", 0) + numbered("规章", 1)
        + p("不编号的段落")
    )  # fmt: skip
    layout = read_docx(make_docx(body, numbering=NUMBERING))
    assert [b.text for b in layout.blocks] == [
        "一、总体情况",
        "（一）主动公开方面",
        "（二）依申请公开方面",
        "1. 其他",
        "二、主动公开政府信息情况",
        "（一）规章",
        "不编号的段落",
    ]


@pytest.mark.parametrize(
    "n, fmt, text",
    [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
     (20, "chineseCounting", "二十"), (105, "chineseCountingThousand", "一百〇五"),
     (3, "chineseLegalSimplified", "叁"), (2, "ideographTraditional", "乙"),
     (3, "decimalEnclosedCircle", "③"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"),
     (7, "decimalFullWidth", "７"), (5, "bullet", "")],
)  # fmt: skip
def test_number_formats(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text


def test_html_alt_chunk_is_read_in_place() -> None:
    chunk = "<html><body><p>导入的网页段落</p><table><tr><td>1</td><td>2</td></tr></table></body></html>"
    body = p("前") + '<w:altChunk r:id="rIdChunk"/>' + p("后")
    data = make_docx(
        body,
        relationships=f'<Relationship Id="rIdChunk" Type="{REL_BASE}/aFChunk" Target="chunk.htm"/>',
        parts={"word/chunk.htm": chunk.encode("utf-8")},
    )
    assert order(read_docx(data)) == ["前", "导入的网页段落", "GRID1x2", "后"]


def embedding(inner: bytes, text: str) -> bytes:
    return make_docx(
        p(text) + '<w:altChunk r:id="rIdChunk"/>',
        relationships=f'<Relationship Id="rIdChunk" Type="{REL_BASE}/aFChunk" Target="inner.docx"/>',
        parts={"word/inner.docx": inner},
    )


def test_docx_alt_chunks_are_read_two_levels_deep_and_no_deeper() -> None:
    chain = make_docx(p("第四层"))
    for text in ("第三层", "第二层", "第一层"):
        chain = embedding(chain, text)
    layout = read_docx(chain)
    assert [b.text for b in layout.blocks] == ["第一层", "第二层", "第三层"]
    assert any("inner.docx" in warning for warning in layout.warnings)


# ---------------------------------------------------------------- bad and hostile input


def test_member_larger_than_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 10_000)
    data = make_docx(p("很长的段落" * 5000))
    with pytest.raises(DocumentTooLarge):
        read_docx(data)


def test_zip_bomb_member_is_refused_before_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 1_000_000)
    bomb = b"<w:document>" + b" " * 50_000_000 + b"</w:document>"
    data = make_docx("", document=bomb.decode("ascii"))
    assert len(data) < 200_000
    with pytest.raises(DocumentTooLarge):
        read_docx(data)


def test_entities_are_not_expanded() -> None:
    document = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<w:document {NAMESPACES}><w:body>{p('正文&c;&xxe;')}</w:body></w:document>"
    )
    layout = read_docx(make_docx("", document=document))
    text = "".join(b.text for b in layout.blocks)
    assert text.startswith("正文")
    assert "哈哈" not in text and "root:" not in text


@pytest.mark.parametrize(
    "data, error",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, UnsupportedFormat),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            EncryptedDocument,
        ),
        (b"not a zip at all", CorruptDocument),
        (b"PK\x03\x04 truncated", CorruptDocument),
    ],
)
def test_non_docx_bytes_raise_a_document_error(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        read_docx(data)


def test_package_without_main_part_or_with_broken_xml_is_corrupt() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "hi")
    with pytest.raises(CorruptDocument):
        read_docx(buffer.getvalue())
    with pytest.raises(CorruptDocument):
        read_docx(make_docx("", document="<w:document><w:body><w:p>"))


def test_document_without_text_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        read_docx(make_docx(p("") + p("   ")))
