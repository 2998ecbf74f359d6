"""`reportextract show`: a cell boxed on its PDF page, a row or a sentence for other formats."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import REAL_TRUTH, load_truth, real_doc, real_docs
from reportextract.explore.build import ensure_dataset
from reportextract.explore.commands import show_command
from reportextract.explore.query import run_query
from reportextract.explore.render import BOX_WIDTH, PAGE_SCALE, locate_text
from reportextract.explore.show import PHASE_STYLES, figure_span


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_dataset(tmp_path_factory.getbasetemp() / "explore-real", [real_docs()], workers=2)


def report_id(dataset: Path, file: str) -> str:
    frame = run_query(dataset, "SELECT report_id, source FROM reports")
    [rid] = [
        r for r, s in zip(frame["report_id"], frame["source"], strict=True) if Path(s).name == file
    ]
    return str(rid)


def show(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(show_command, list(args))
    return result.exit_code, result.output


def is_box_colour(pixel: tuple[int, ...]) -> bool:
    return pixel[0] >= 240 and pixel[1] <= 20 and pixel[2] <= 20


def box_edges_drawn(image: Image.Image, box: tuple[float, float, float, float]) -> bool:
    """The outline drawn just outside ``box`` (pixels) on all four sides."""
    x0, y0, x1, y1 = box
    edge = BOX_WIDTH / 2 - 0.5
    mid_x, mid_y = round((x0 + x1) / 2), round((y0 + y1) / 2)
    return all(
        is_box_colour(image.getpixel(xy))
        for xy in (
            (round(x0 - edge), mid_y),
            (round(x1 + edge), mid_y),
            (mid_x, round(y0 - edge)),
            (mid_x, round(y1 + edge)),
        )
    )


def test_pdf_cell_is_boxed_on_its_page(real_dataset: Path, tmp_path: Path) -> None:
    rid = report_id(real_dataset, "huaian-city-2024.pdf")
    png = tmp_path / "cell.png"
    code, output = show(
        str(real_dataset), rid[:6], "--cell", "requests/granted/total", "--png", str(png)
    )
    assert code == 0, output
    assert "printed: 1362" in output
    assert "三、本年度办理结果 › （一）予以公开" in output
    assert "page 4" in output
    assert "natural_person  1288" in output  # the row as printed
    image = Image.open(png).convert("RGB")
    [bbox] = run_query(
        real_dataset,
        f"SELECT bbox FROM cells WHERE report_id = '{rid}' AND \"table\" = 'requests' "
        "AND row_code = 'granted' AND col_code = 'total'",
    )["bbox"].tolist()
    box = tuple(float(v) * PAGE_SCALE for v in bbox)
    assert box_edges_drawn(image, box)  # type: ignore[arg-type]
    # The page is rendered: the area around the box is mostly white paper with black text.
    page_only = image.crop((0, 0, round(595 * PAGE_SCALE), round(842 * PAGE_SCALE)))
    colours = page_only.getcolors(1 << 24) or []
    assert max(colours)[1] == (255, 255, 255)
    assert image.width > page_only.width  # the panel beside the page


def test_phases_of_tables_without_rules_are_drawn_on_the_page(
    real_dataset: Path, tmp_path: Path
) -> None:
    rid = report_id(real_dataset, "huaian-city-2024.pdf")
    plain, drawn = tmp_path / "plain.png", tmp_path / "phases.png"
    args = [str(real_dataset), rid, "--cell", "requests/granted/total"]
    assert show(*args, "--png", str(plain))[0] == 0
    code, output = show(*args, "--png", str(drawn), "--phases")
    assert code == 0, output
    # the page's ruled tables are the lattice's; what else it prints in aligned columns is drawn

    def count(path: Path, colour: tuple[int, int, int]) -> int:
        colours = Image.open(path).convert("RGB").getcolors(1 << 24) or []
        return sum(n for n, c in colours if c == colour)

    for phase in ("region", "column", "grid"):
        colour = PHASE_STYLES[phase][0]
        assert count(drawn, colour) > count(plain, colour), phase


def test_html_cell_prints_its_row_and_draws_it(real_dataset: Path, tmp_path: Path) -> None:
    rid = report_id(real_dataset, "pingtan-2024.html")
    truth = load_truth(REAL_TRUTH / "pingtan-2024.html.json")
    row = {
        c["col_code"]: c["value"]
        for c in truth["cells"]
        if c["table"] == "requests" and c["row_code"] == "denied.internal_affairs"
    }
    png = tmp_path / "row.png"
    code, output = show(
        str(real_dataset),
        rid,
        "--cell",
        "requests/denied.internal_affairs/total",
        "--png",
        str(png),
    )
    assert code == 0, output
    assert "5.属于三类内部事务信息" in output
    assert "no page" in output
    for col, value in row.items():
        assert any(line.split()[:2] == [col, f"{value:g}"] for line in output.splitlines()), col
    image = Image.open(png).convert("RGB")
    assert any(is_box_colour(p) for _, p in image.getcolors(1 << 24) or [])


def test_figure_is_highlighted_in_its_sentence_and_located_on_the_page(
    real_dataset: Path, tmp_path: Path
) -> None:
    rid = report_id(real_dataset, "huaian-city-2024.pdf")
    png = tmp_path / "figure.png"
    code, output = show(str(real_dataset), rid, "--figure", "requests.received", "--png", str(png))
    assert code == 0, output
    assert "全市共受理政府信息公开申请**3119件**，答复3050件" in output
    assert "page 2" in output
    pdf = real_doc("huaian-city-2024.pdf")
    found = locate_text(pdf, 2, "3119件", "全市共受理政府信息公开申请", "，答复3050件")
    assert found is not None
    image = Image.open(png).convert("RGB")
    assert box_edges_drawn(image, tuple(v * PAGE_SCALE for v in found))  # type: ignore[arg-type]


def test_figure_span_picks_the_occurrence_that_fits_the_other_figures() -> None:
    sentence = "共95个，在四个季度检查中合格率均为100%。"
    # '个' figures: the sentence starts at narrative offset 1000.
    siblings = [
        {"text": "95个", "char_start": 1001},
        {"text": "100%", "char_start": 1000 + sentence.index("100%")},
    ]
    assert figure_span(sentence, "四个", 1000 + sentence.index("四个"), siblings) == (
        sentence.index("四个"),
        sentence.index("四个") + 2,
    )
    text = "结果纠正5件，其他结果5件"
    second = text.rindex("5件")
    assert figure_span(text, "5件", 500 + second, [{"text": "5件", "char_start": 504}]) == (
        second,
        second + 2,
    )


def test_report_prefix_must_be_unique(real_dataset: Path) -> None:
    ids = run_query(real_dataset, "SELECT report_id FROM reports")["report_id"].tolist()
    shared = next(a[:1] for a in ids if sum(1 for b in ids if b.startswith(a[:1])) > 1)
    code, output = show(str(real_dataset), shared, "--cell", "requests/granted/total")
    assert code == 1 and "ambiguous" in output
    code, output = show(str(real_dataset), "zzzz", "--cell", "requests/granted/total")
    assert code == 1 and "no report" in output


def test_unknown_cell_or_metric_names_what_is_there(real_dataset: Path) -> None:
    rid = report_id(real_dataset, "huaian-hongze-2023.pdf")
    code, output = show(str(real_dataset), rid, "--cell", "requests/other.other/total")
    # 洪泽 2023 prints (六)其他处理 as one row: stored as `other`.
    assert code == 1 and "other" in output and "rows there" in output
    code, output = show(str(real_dataset), rid, "--figure", "no.such.metric")
    assert code == 1 and "its metrics" in output
    code, output = show(str(real_dataset), rid)
    assert code == 2


def _with_source(dataset: Path, target: Path, file: str, source: str) -> None:
    shutil.copytree(dataset, target)
    for part in (target / "reports").glob("*/part-*.parquet"):
        table = pq.read_table(part)
        sources = [source if Path(s).name == file else s for s in table["source"].to_pylist()]
        index = table.schema.get_field_index("source")
        pq.write_table(table.set_column(index, "source", pa.array(sources, pa.string())), part)


def test_url_source_is_never_fetched(
    real_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    _with_source(
        real_dataset, data, "huaian-city-2024.pdf", "https://www.huaian.gov.cn/report-2024.pdf"
    )

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("show must not open network connections")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    rid = report_id(real_dataset, "huaian-city-2024.pdf")
    png = tmp_path / "url.png"
    code, output = show(str(data), rid, "--cell", "requests/granted/total", "--png", str(png))
    assert code == 0, output
    assert (
        "the source is a URL (https://www.huaian.gov.cn/report-2024.pdf); it is not fetched"
        in output
    )
    assert "printed: 1362" in output
    image = Image.open(png)
    assert image.height < 1000  # the row drawn as a table, not a page


def test_changed_source_file_is_not_drawn_on(real_dataset: Path, tmp_path: Path) -> None:
    other = tmp_path / "huaian-city-2024.pdf"
    shutil.copy(real_doc("huaian-hongze-2024.pdf"), other)
    rid = report_id(real_dataset, "huaian-city-2024.pdf")
    code, output = show(
        str(real_dataset), rid, "--cell", "requests/granted/total", "--source", str(other)
    )
    assert code == 0, output
    assert "has changed since it was extracted" in output
