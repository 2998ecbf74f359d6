"""The region's year as one self-contained HTML page: styles inline, charts as inline SVG,
pictures as ``data:`` addresses — nothing fetched when it is opened or printed."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ... import __version__
from ..errors import ExploreError
from .charts import funnel, legend
from .collect import RegionReport
from .pictures import SCALE
from .sidebyside import COLUMNS, DENIED_REASONS

if TYPE_CHECKING:
    import jinja2


@cache
def _environment() -> jinja2.Environment:
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - jinja2 comes with the viz extra
        raise ExploreError(
            "the report page needs Jinja2: pip install 'reportextract[viz]'"
        ) from exc
    return jinja2.Environment(
        loader=jinja2.PackageLoader("reportextract.explore.region", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_page(report: RegionReport) -> str:
    by_id = {d.report_id: d for d in report.sources}

    def link_at(report_id: str, page: int | None = None) -> str:
        document = by_id[report_id]
        if document.address is None:
            return ""
        if page is not None and document.format == "pdf":
            return f"{document.address}#page={int(page)}"
        return document.address

    template = _environment().get_template("region.html.j2")
    return template.render(
        r=report,
        t=report.totals,
        version=__version__,
        columns=COLUMNS,
        reasons=DENIED_REASONS,
        legend=legend(),
        funnels={b.report_id: funnel(b.funnel_in, b.funnel_out) for b in report.bodies},
        sources_of={d.report_id: d.number for d in report.sources},
        links={d.report_id: link_at(d.report_id) for d in report.sources},
        links_at=link_at,
        px_per_pixel=96 / 72 / SCALE,  # a picture at the size it is printed on the page
    )


def write_page(report: RegionReport, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(report), encoding="utf-8")
    return path
