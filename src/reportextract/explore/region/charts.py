"""Small SVG charts drawn here, inline in the page (no script, no library, print-safe)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .sidebyside import number_text

IN_COLOURS = ("#3f6fb0", "#a9c1e3")  # 本年新收, 上年结转
OUT_COLOURS = ("#2e8b57", "#93cf9f", "#c0392b", "#9a9a9a", "#e0962e", "#8e6bb8")
WIDTH = 150.0
BAR = 9.0
GAP = 4.0


def _segments(
    parts: Sequence[tuple[str, float]], colours: Sequence[str], y: float, scale: float
) -> list[str]:
    out = []
    x = 0.0
    for (label, value), colour in zip(parts, colours, strict=False):
        if value <= 0:
            continue
        width = value * scale
        out.append(
            f'<rect x="{x:.2f}" y="{y:.1f}" width="{width:.2f}" height="{BAR}" fill="{colour}">'
            f"<title>{escape(label)}: {number_text(value)}</title></rect>"
        )
        x += width
    return out


def funnel(incoming: Sequence[tuple[str, float]], outcomes: Sequence[tuple[str, float]]) -> str:
    """Two bars on one scale: what came in (new, carried over), then how it was answered
    (granted, in part, denied, unavailable, not processed, other); the gap between them is
    what was carried into next year or left unanswered."""
    came = sum(v for _, v in incoming)
    answered = sum(v for _, v in outcomes)
    height = 2 * BAR + GAP + 2
    total = max(came, answered)
    summary = ", ".join(f"{label} {number_text(v)}" for label, v in [*incoming, *outcomes] if v)
    head = (
        f'<svg class="funnel" xmlns="http://www.w3.org/2000/svg" width="{WIDTH:g}" '
        f'height="{height:g}" viewBox="0 0 {WIDTH:g} {height:g}" role="img" '
        f'aria-label="{escape(summary or "no applications")}">'
    )
    if total <= 0:
        return (
            head + f'<rect x="0" y="1" width="{WIDTH:g}" height="{2 * BAR + GAP:g}" fill="none" '
            'stroke="#bbb" stroke-dasharray="3 2"><title>no applications</title></rect></svg>'
        )
    scale = WIDTH / total
    body = _segments(incoming, IN_COLOURS, 1, scale)
    body += _segments(outcomes, OUT_COLOURS, 1 + BAR + GAP, scale)
    if answered < came:
        x = answered * scale
        body.append(
            f'<rect x="{x:.2f}" y="{1 + BAR + GAP:.1f}" width="{(came - answered) * scale:.2f}" '
            f'height="{BAR}" fill="none" stroke="#999" stroke-width="0.6" stroke-dasharray="2 1.5">'
            f"<title>not answered this year: {number_text(came - answered)}</title></rect>"
        )
    return head + "".join(body) + "</svg>"


def legend() -> list[tuple[str, str]]:
    """(colour, label) of the funnel's parts, for the page's legend."""
    from .sidebyside import FUNNEL_IN, FUNNEL_OUT

    return [
        *zip(IN_COLOURS, (label for _, label in FUNNEL_IN), strict=True),
        *zip(OUT_COLOURS, (label for _, label in FUNNEL_OUT), strict=True),
    ]
