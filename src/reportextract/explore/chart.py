"""Charts of key figures (matplotlib's Agg canvas, no pyplot): lines over years, or one year's reports ranked."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from .compare import metric_label, metrics
from .fonts import matplotlib_rc

CHART_KINDS = ("auto", "lines", "bars")


def choose_kind(frame: pd.DataFrame, year: int | None) -> str:
    """Bars when one year is compared (all its reports ranked), lines over years otherwise."""
    if year is not None or frame["year"].nunique(dropna=True) <= 1:
        return "bars"
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
        figure = _bars(frame, metric) if kind == "bars" else _lines(frame, metric)
        FigureCanvasAgg(figure)  # rendered by Agg, whatever pyplot's backend is
        figure.savefig(path, format="png", dpi=120, bbox_inches="tight")
    return path


def _lines(frame: pd.DataFrame, metric: str) -> Figure:
    figure = Figure(figsize=(8, 4.8))
    axes = figure.add_subplot()
    for label, rows in _series(frame):
        if rows[metric].isna().all():
            continue
        axes.plot(rows["year"], rows[metric], marker="o", label=label)
    axes.set_xlabel("year")
    axes.set_ylabel(metric_label(metric))
    axes.set_title(f"{metric_label(metric)} by year")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if _is_share(metric):
        axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.grid(alpha=0.3)
    axes.legend(loc="best", fontsize="small")
    return figure


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
    values = rows[metric].fillna(0).astype(float).tolist()
    figure = Figure(figsize=(8, max(2.5, 0.45 * len(rows) + 1.2)))
    axes = figure.add_subplot()
    bars = axes.barh(labels, values, color="#3b6ea8")
    share = _is_share(metric)
    axes.bar_label(
        bars,
        labels=[f"{v * 100:.1f}%" if share else f"{v:g}" for v in values],
        padding=3,
        fontsize="small",
    )
    if share:
        axes.xaxis.set_major_formatter(PercentFormatter(1.0))
    years = sorted({int(y) for y in rows["year"].dropna()})
    title_years = ", ".join(str(y) for y in years)
    axes.set_title(f"{metric_label(metric)} — {title_years}")
    axes.set_xlabel(metric_label(metric))
    axes.margins(x=0.15)
    axes.grid(axis="x", alpha=0.3)
    return figure
