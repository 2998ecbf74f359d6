"""`compare --png` charts read at a glance: whole years on the axis, a gap where a year has no
report, the legend beside the plot, and more series than one palette tells apart drawn as
small multiples. (The PNGs were also looked at; these tests hold what was seen.)"""

from __future__ import annotations

import hashlib
import math
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from matplotlib.figure import Figure
from PIL import Image

from reportextract.bodies import Evidence, identify
from reportextract.bodies.table import refresh_bodies
from reportextract.dataset.writer import DatasetWriter
from reportextract.explore.chart import MAX_LINES, chart_figure, choose_kind
from reportextract.explore.commands import compare_command
from reportextract.explore.compare import key_figures
from reportextract.explore.query import run_query
from reportextract.model import Cell, Report

DISTRICTS = [
    "洪泽区", "淮阴区", "清江浦区", "淮安区", "涟水县", "盱眙县", "金湖县", "平潭",
    "泉港区", "鼓楼区", "台江区", "仓山区", "晋安区", "马尾区",
]  # fmt: skip


def received(n: int, year: int) -> int:
    return 20 + 7 * n + 3 * (year - 2019)


def has_report(n: int, year: int) -> bool:
    """Every district reports 2019 and 2024; each misses some years between."""
    return year in (2019, 2024) or (n + year) % 4 != 0


def build(out: Path, districts: int, years: range = range(2019, 2025)) -> Path:
    with DatasetWriter(out) as writer:
        for n, name in enumerate(DISTRICTS[:districts]):
            for year in years:
                if not has_report(n, year):
                    continue
                digest = hashlib.sha256(f"{name}{year}".encode()).hexdigest()
                value = received(n, year)
                report = Report(
                    source=f"{name}-{year}.pdf",
                    sha256=digest,
                    format="pdf",
                    report_id=digest[:16],
                    issuer=f"{name}人民政府",
                    year=year,
                    cells=[Cell("requests", "new_received", "total", value, str(value))],
                )
                report.body = identify(Evidence(issuer=report.issuer, year=year))
                writer.add(report)
    refresh_bodies(out)  # as a run does: who published each, one document per body-year
    return out


def body_names(data: Path) -> dict[str, str]:
    """Each printed issuer's body, as the chart names its series (洪泽区 → 淮安市洪泽区人民政府)."""
    rows = run_query(data, "SELECT DISTINCT issuer, body_name FROM reports")
    return dict(zip(rows["issuer"], rows["body_name"], strict=True))


def figure_of(data: Path, *issuers: str, year: int | None = None) -> Figure:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs of the Chinese names, without the CJK rc
        figure = chart_figure(key_figures(data, issuers, year), "received", "lines")
        figure.canvas.draw()
    return figure


def test_two_issuers_over_two_years_get_the_two_years_written_out(tmp_path: Path) -> None:
    data = build(tmp_path / "data", 2, range(2023, 2025))
    [axes] = figure_of(data, "洪泽区人民政府", "淮阴区人民政府").axes
    assert [t.get_text() for t in axes.get_xticklabels()] == ["2023", "2024"]
    assert axes.xaxis.get_offset_text().get_text() == ""
    assert all(float(t.get_text()).is_integer() for t in axes.get_yticklabels())


def test_one_year_drawn_as_lines_keeps_that_year_on_the_axis(tmp_path: Path) -> None:
    data = build(tmp_path / "data", 2, range(2024, 2025))
    [axes] = figure_of(data, "洪泽区人民政府", "淮阴区人民政府", year=2024).axes
    assert [t.get_text() for t in axes.get_xticklabels()] == ["2024"]
    assert axes.get_xlim() == (2023.5, 2024.5)


def test_a_report_without_the_figure_does_not_stretch_the_years(tmp_path: Path) -> None:
    data = build(tmp_path / "data", 2, range(2023, 2025))
    with DatasetWriter(data) as writer:  # a pre-2019 report: narrative only, no tables
        digest = hashlib.sha256(b"old").hexdigest()
        writer.add(
            Report(
                source="old.txt",
                sha256=digest,
                format="txt",
                report_id=digest[:16],
                issuer="洪泽区人民政府",
                year=2012,
                status="partial",
                body=identify(Evidence(issuer="洪泽区人民政府", year=2012)),
            )
        )
    refresh_bodies(data)
    [axes] = figure_of(data, "洪泽区人民政府", "淮阴区人民政府").axes
    assert [t.get_text() for t in axes.get_xticklabels()] == ["2023", "2024"]


def test_a_missing_year_is_a_gap_in_the_line(tmp_path: Path) -> None:
    data = build(tmp_path / "data", 6)
    [axes] = figure_of(data).axes
    lines = {line.get_label(): line for line in axes.get_lines()}
    assert len(lines) == 6
    names = body_names(data)
    for n, name in enumerate(DISTRICTS[:6]):
        line = lines[names[f"{name}人民政府"]]
        assert list(line.get_xdata()) == list(range(2019, 2025))
        for year, value in zip(line.get_xdata(), line.get_ydata(), strict=True):
            if has_report(n, year):
                assert value == received(n, year)
            else:
                assert math.isnan(value), (name, year)


def test_the_legend_stands_beside_the_plot_not_on_it(tmp_path: Path) -> None:
    data = build(tmp_path / "data", 6)
    figure = figure_of(data)
    [axes] = figure.axes
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    legend = axes.get_legend().get_window_extent(renderer)
    assert legend.x0 > axes.get_window_extent(renderer).x1


def test_more_series_than_one_palette_are_small_multiples(tmp_path: Path) -> None:
    data = build(tmp_path / "data", MAX_LINES + 4)
    figure = figure_of(data)
    panels = [axes for axes in figure.axes if axes.get_visible()]
    assert len(panels) == MAX_LINES + 4
    assert sorted(p.get_title() for p in panels) == sorted(body_names(data).values())
    for panel in panels:
        [highlighted] = [line for line in panel.get_lines() if line.get_color() == "#1f77b4"]
        assert len(panel.get_lines()) == MAX_LINES + 4  # its own line and the others, faint
        assert len(highlighted.get_xdata()) == 6
    # Every column's lowest panel carries the years.
    labelled = [p for p in panels if any(t.get_text() for t in p.get_xticklabels())]
    assert len(labelled) == 4


@pytest.mark.parametrize(("districts", "panels"), [(6, 1), (MAX_LINES + 4, MAX_LINES + 4)])
def test_compare_writes_the_chart_as_a_png(tmp_path: Path, districts: int, panels: int) -> None:
    data = build(tmp_path / "data", districts)
    png = tmp_path / "chart.png"
    result = CliRunner().invoke(compare_command, [str(data), "--png", str(png)])
    assert result.exit_code == 0, result.output
    image = Image.open(png)
    assert image.format == "PNG"
    assert image.width > (1200 if panels > 1 else 800)


def test_one_report_per_body_is_ranked_in_bars_not_drawn_as_lines(tmp_path: Path) -> None:
    single = build(tmp_path / "single", 3, range(2024, 2025))
    with DatasetWriter(single) as writer:  # a fourth body, another year: still one report each
        digest = hashlib.sha256(b"other-2021").hexdigest()
        writer.add(
            Report(
                source="other.pdf",
                sha256=digest,
                format="pdf",
                report_id=digest[:16],
                issuer="金湖县人民政府",
                year=2021,
                cells=[Cell("requests", "new_received", "total", 9, "9")],
                body=identify(Evidence(issuer="金湖县人民政府", year=2021)),
            )
        )
    refresh_bodies(single)
    assert choose_kind(key_figures(single), None, "received") == "bars"
    years = key_figures(build(tmp_path / "years", 3))
    assert choose_kind(years, None, "received") == "lines"
    # a body with reports of several years but the figure in one of them only: no line to draw
    # (a pre-2019 series has no 表三 applications received)
    first = years["year"] == years["year"].min()
    partly = years.assign(received=years["received"].where(first))
    assert choose_kind(partly, None, "received") == "bars"
    # ranked, a report that does not state the figure is said so, never drawn as a 0
    [axes] = chart_figure(partly, "received", "bars").axes
    shown = [t.get_text() for t in axes.texts]
    assert shown.count("not stated") == int((~first).sum()) and "0" not in shown
