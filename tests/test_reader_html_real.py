"""read_html on the two real pages: a full TRS CMS page and a body-only fragment."""

from __future__ import annotations

import pytest

from conftest import REQUEST_COLUMNS, real_doc, real_truth
from reportextract.layout import Grid, GridCell, Layout
from reportextract.readers.html import read_html


def read(name: str) -> Layout:
    return read_html(real_doc(name).read_bytes())


@pytest.fixture(scope="module")
def pingtan() -> Layout:
    return read("pingtan-2024.html")


@pytest.fixture(scope="module")
def shanghai() -> Layout:
    return read("shanghai-office-2019.html")


def cell_at(grid: Grid, row: int, col: int) -> GridCell:
    cell = next((c for c in grid.cells if (c.row, c.col) == (row, col)), None)
    assert cell is not None, f"no cell starts at ({row}, {col})"
    return cell


def truth_row(name: str, table: str, row_code: str) -> dict[str, dict]:
    return {
        c["col_code"]: c
        for c in real_truth(name)["cells"]
        if c["table"] == table and c["row_code"] == row_code
    }


def requests_grid(layout: Layout) -> Grid:
    grids = [g for g in layout.grids if any("申请人情况" in c.text for c in g.cells)]
    assert len(grids) == 1
    return grids[0]


def test_trs_page_body_is_the_report_without_site_chrome(pingtan: Layout) -> None:
    texts = [b.text for b in pingtan.blocks]
    joined = "\n".join(texts)
    assert texts[0] == "平潭综合实验区2024年度政府信息公开工作年度报告"
    assert texts[1].startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert texts[-1] == "2024年，无收取信息处理费情况。"
    for menu_item in ("国务院", "省政府", "首页", "政务公开", "微信", "关闭"):
        assert menu_item not in texts, f"menu item {menu_item!r} leaked into the body"
    for chrome in ("当前位置", "扫一扫", "版权所有", "网站标识码", "长者模式", "福建省人民政府",
                   "文件下载", "相关链接", "附件下载", "热门搜索", "来源："):  # fmt: skip
        assert chrome not in joined, f"site chrome {chrome!r} leaked into the body"
    assert "系统正在升级" not in joined, "inline <script> text leaked into the body"


def test_trs_page_keeps_paragraphs_and_tables_in_document_order(pingtan: Layout) -> None:
    order = [
        item.text if not isinstance(item, Grid) else f"GRID{item.n_rows}x{item.n_cols}"
        for item in pingtan.items
    ]
    headings = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"]  # fmt: skip
    positions = [order.index(h) for h in headings]
    assert order[positions[0] + 1] == "GRID14x4"
    assert order[positions[1] + 1] == "GRID28x10"
    assert order[positions[2] + 1] == "GRID4x15"
    assert positions == sorted(positions)
    assert not any(b.in_table for b in pingtan.blocks)


def test_trs_page_metadata_keeps_title_meta_tags_and_chrome_date(pingtan: Layout) -> None:
    meta = pingtan.metadata
    assert meta["html:title"].startswith("平潭综合实验区2024年度政府信息公开工作年度报告_")
    assert meta["html:ArticleTitle"] == "平潭综合实验区2024年度政府信息公开工作年度报告"
    assert meta["html:PubDate"] == "2025-03-10 15:35"
    assert meta["html:ContentSource"] == "平潭综合实验区管委会办公室"
    assert meta["html:时间"] == "2025-03-10 15:35"
    assert meta["html:来源"] == "平潭综合实验区管委会办公室"
    assert pingtan.format == "html"


def test_trs_requests_grid_has_the_template_shape_and_spans(pingtan: Layout) -> None:
    grid = requests_grid(pingtan)
    assert (grid.n_rows, grid.n_cols) == (28, 10)
    spans = {
        (0, 0): (3, 3),  # 本列数据的勾稽关系 corner
        (0, 3): (1, 7),  # 申请人情况
        (1, 3): (2, 1),  # 自然人
        (1, 4): (1, 5),  # 法人或其他组织
        (1, 9): (2, 1),  # 总计
        (5, 0): (22, 1),  # 三、本年度办理结果
        (5, 1): (1, 2),  # （一）予以公开
        (7, 1): (8, 1),  # （三）不予公开
        (15, 1): (3, 1),  # （四）无法提供
        (18, 1): (5, 1),  # （五）不予处理
        (23, 1): (3, 1),  # （六）其他处理
        (26, 1): (1, 2),  # （七）总计
        (27, 0): (1, 3),  # 四、结转下年度继续办理
    }
    for (row, col), span in spans.items():
        cell = cell_at(grid, row, col)
        assert (cell.rowspan, cell.colspan) == span, cell
    assert "三、本" in cell_at(grid, 5, 0).text and cell_at(grid, 5, 0).text.endswith("理结果")
    assert cell_at(grid, 7, 1).text == "（三）不予公开"
    # every slot of the grid is covered by exactly one cell
    covered = [(r, c) for cell in grid.cells for r in range(cell.row, cell.last_row + 1)
               for c in range(cell.col, cell.last_col + 1)]  # fmt: skip
    assert len(covered) == len(set(covered)) == 28 * 10


def test_trs_header_split_over_paragraphs_and_spans_joins_with_newlines(pingtan: Layout) -> None:
    grid = requests_grid(pingtan)
    assert cell_at(grid, 2, 4).text == "商业\n企业"
    assert cell_at(grid, 2, 6).text == "社会\n公益\n组织", "&nbsp; padding must not survive"
    assert cell_at(grid, 2, 7).text == "法律\n服务\n机构"


@pytest.mark.parametrize("row, row_code", [(5, "granted"), (6, "partially_granted"),
                                           (15, "unavailable.not_held"), (26, "total_handled")])  # fmt: skip
def test_trs_value_cells_match_the_truth(pingtan: Layout, row: int, row_code: str) -> None:
    grid = requests_grid(pingtan)
    truth = truth_row("pingtan-2024.html", "requests", row_code)
    for offset, col_code in enumerate(REQUEST_COLUMNS):
        assert cell_at(grid, row, 3 + offset).text == truth[col_code]["printed"], col_code


def test_trs_appeals_grid_values(pingtan: Layout) -> None:
    grid = pingtan.grids[2]
    assert (grid.n_rows, grid.n_cols) == (4, 15)
    assert [c.text for c in grid.rows()[3]] == ["2", "1", "3", "1", "7", "0", "0", "0", "0", "0",
                                                "13", "2", "4", "0", "19"]  # fmt: skip
    assert cell_at(grid, 1, 1).text == "结果\n纠正", "<br/> inside a cell is a line break"


def test_fragment_is_read_whole(shanghai: Layout) -> None:
    texts = [b.text for b in shanghai.blocks]
    assert texts[0] == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert texts[1] == "发布日期：2020-01-31"
    assert texts[-1] == "无。"
    assert "上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案" in "".join(texts)
    assert len(shanghai.grids) == 3


def test_fragment_requests_grid_keeps_empty_cells_as_empty_text(shanghai: Layout) -> None:
    grid = requests_grid(shanghai)
    assert (grid.n_rows, grid.n_cols) == (26, 10)
    assert (cell_at(grid, 5, 0).rowspan, cell_at(grid, 5, 0).text) == (20, "三、本年度办理结果")
    granted = [c for c in grid.rows()[5] if c.col >= 3]
    truth = truth_row("shanghai-office-2019.html", "requests", "granted")
    assert [c.text for c in granted] == [truth[code]["printed"] for code in REQUEST_COLUMNS]
    assert [c.text for c in granted] == ["258", "12", "", "", "1", "1", ""]
    empty_rows = [r for r in grid.rows() if r and all(c.text == "" for c in r if c.col >= 3)]
    assert len(empty_rows) >= 5, "rows printed with no value keep their (empty) cells"


def test_fragment_proactive_grid_keeps_the_odd_colspans(shanghai: Layout) -> None:
    grid = shanghai.grids[0]
    assert (grid.n_rows, grid.n_cols) == (18, 5)
    rows = grid.rows()
    assert [(c.col, c.colspan, c.text) for c in rows[2]] == [
        (0, 1, "规章"), (1, 1, "13"), (2, 2, "13"), (4, 1, "524")]  # fmt: skip
    assert [(c.col, c.colspan, c.text) for c in rows[6]] == [
        (0, 1, "行政许可"), (1, 2, "0"), (3, 1, "0"), (4, 1, "0")]  # fmt: skip
    assert [(c.col, c.colspan, c.text) for c in rows[17]] == [
        (0, 1, "政府集中采购"), (1, 2, "6"), (3, 2, "251000元")]  # fmt: skip
