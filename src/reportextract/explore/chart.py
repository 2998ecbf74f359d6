"""Charts of key figures (matplotlib's Agg canvas, no pyplot): lines over years, or one year's reports ranked."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pandas as pd
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter, ScalarFormatter

from .compare import metric_label, metrics
from .fonts import matplotlib_rc

CHART_KINDS = ("auto", "lines", "bars")
MAX_LINES = 10  # what one palette (tab10) tells apart; more become small multiples


def choose_kind(frame: pd.DataFrame, year: int | None, metric: str) -> str:
    """Lines over years where some body has ``metric`` for two years or more; otherwise
    (one year compared, or one value per body) bars ranking the reports."""
    charted = frame.dropna(subset=["year", metric])
    if year is not None or charted["year"].nunique() <= 1:
        return "bars"
    if charted.groupby("group")["year"].nunique().max() < 2:
        return "bars"  # no body has a line to draw
    return "lines"


def _is_share(metric: str) -> bool:
    return any(m.column == metric and m.share for m in metrics())


def plot(frame: pd.DataFrame, metric: str, path: str | Path, kind: str = "lines") -> Path:
    """Write a PNG of ``metric`` for the reports of ``frame`` (from compare.key_figures)."""
    if metric not in frame.columns:
        raise ValueError(f"unknown figure {metric!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with rc_context(matplotlib_rc()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        chart_figure(frame, metric, kind).savefig(path, format="png", dpi=120, bbox_inches="tight")
    return path


def chart_figure(frame: pd.DataFrame, metric: str, kind: str = "lines") -> Figure:
    """The chart as a matplotlib Figure on an Agg canvas (whatever pyplot's backend is)."""
    figure = _bars(frame, metric) if kind == "bars" else _lines(frame, metric)
    FigureCanvasAgg(figure)
    return figure


def _lines(frame: pd.DataFrame, metric: str) -> Figure:
    """One line per series over every year of the range, broken where a year has no report;
    more series than one palette tells apart are drawn as small multiples."""
    series = [(label, rows) for label, rows in _series(frame) if not rows[metric].isna().all()]
    years = _year_range(frame, metric)
    if len(series) > MAX_LINES:
        return _small_multiples(series, metric, years)
    figure = Figure(figsize=(9, 4.8), layout="constrained")
    axes = figure.add_subplot()
    for label, rows in series:
        axes.plot(years, _on_years(rows, metric, years), marker="o", label=label)
    _year_axis(axes, years)
    _value_axis(axes, metric)
    axes.set_xlabel("year")
    axes.set_ylabel(metric_label(metric))
    axes.set_title(f"{metric_label(metric)} by year")
    axes.grid(alpha=0.3)
    # Outside the plot, so that it never covers a line's last points.
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0, fontsize="small")
    return figure


def _small_multiples(
    series: list[tuple[str, pd.DataFrame]], metric: str, years: list[int]
) -> Figure:
    """A panel per series on shared axes, the others drawn faintly behind it."""
    columns = 4
    rows_of_panels = math.ceil(len(series) / columns)
    figure = Figure(figsize=(3.2 * columns, 2.3 * rows_of_panels + 0.6), layout="constrained")
    grid = figure.subplots(rows_of_panels, columns, sharex=True, sharey=True, squeeze=False)
    values = [_on_years(rows, metric, years) for _, rows in series]
    for n, axes in enumerate(grid.flat):
        if n >= len(series):
            axes.set_visible(False)
            continue
        for m, others in enumerate(values):
            if m != n:
                axes.plot(years, others, color="#d5d5d5", linewidth=0.8)
        axes.plot(years, values[n], color="#1f77b4", marker="o", markersize=3)
        axes.set_title(series[n][0], fontsize="small")
        axes.grid(alpha=0.3)
        _year_axis(axes, years, most=4)
        _value_axis(axes, metric)
        if n + columns >= len(series):  # nothing below it: it carries the years
            axes.xaxis.set_tick_params(labelbottom=True)
    figure.suptitle(f"{metric_label(metric)} by year")
    return figure


def _year_range(frame: pd.DataFrame, metric: str) -> list[int]:
    """Every year from the first to the last that has a value of ``metric``."""
    valued = frame[pd.to_numeric(frame[metric], errors="coerce").notna()]
    present = sorted({int(y) for y in valued["year"].dropna()})
    return list(range(present[0], present[-1] + 1)) if present else []


def _on_years(rows: pd.DataFrame, metric: str, years: list[int]) -> list[float]:
    """The series' value in each year; NaN (a gap in the line) where it has no report."""
    values = pd.to_numeric(rows[metric], errors="coerce").astype("float64")
    by_year = dict(zip(rows["year"].astype(int), values, strict=True))
    return [by_year.get(year, math.nan) for year in years]


def _year_axis(axes: Axes, years: list[int], most: int = 12) -> None:
    """Whole years as ticks, written out (2024, not 2.024e3), at most ``most`` of them."""
    step = max(1, math.ceil(len(years) / most))
    axes.set_xticks(years[::step], [str(y) for y in years[::step]])
    if years:
        axes.set_xlim(years[0] - 0.5, years[-1] + 0.5)


def _value_axis(axes: Axes, metric: str) -> None:
    if _is_share(metric):
        axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    else:  # counts: whole-number ticks, no offset notation
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(ScalarFormatter(useOffset=False))


def _series(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """One line per --issuer substring; per issuer where a substring matches several in a year."""
    series = []
    for group, rows in frame.dropna(subset=["year"]).sort_values("year").groupby("group"):
        if rows["year"].duplicated().any():
            series += [(str(issuer), part) for issuer, part in rows.groupby("issuer")]
        else:
            series.append((str(group), rows))
    return series


def _bars(frame: pd.DataFrame, metric: str) -> Figure:
    rows = frame.sort_values(metric, ascending=True, na_position="first")
    labels = [
        f"{issuer} {int(year)}" if not pd.isna(year) else str(issuer)
        for issuer, year in zip(rows["issuer"], rows["year"], strict=True)
    ]
    stated = rows[metric].notna().tolist()
    values = rows[metric].fillna(0).astype(float).tolist()
    figure = Figure(figsize=(8, max(2.5, 0.45 * len(rows) + 1.2)))
    axes = figure.add_subplot()
    bars = axes.barh(labels, values, color="#3b6ea8")
    share = _is_share(metric)
    axes.bar_label(
        bars,
        labels=[
            (f"{v * 100:.1f}%" if share else f"{v:g}") if known else "not stated"
            for v, known in zip(values, stated, strict=True)
        ],
        padding=3,
        fontsize="small",
    )
    if share:
        axes.xaxis.set_major_formatter(PercentFormatter(1.0))
    years = sorted({int(y) for y in rows.dropna(subset=[metric])["year"].dropna()})
    title_years = ", ".join(str(y) for y in years)
    axes.set_title(f"{metric_label(metric)} — {title_years}")
    axes.set_xlabel(metric_label(metric))
    axes.margins(x=0.15)
    axes.grid(axis="x", alpha=0.3)
    return figure
