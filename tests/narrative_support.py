"""What the narrative tagger makes of a text, for the tests of its reading rules."""

from __future__ import annotations

from reportextract.layout import DocumentText
from reportextract.narrative import extract_figures


def tagged(text: str | DocumentText) -> dict[str, tuple[float, str]]:
    """Each metric tagged in ``text``, as (value, unit)."""
    return {f.metric: (f.value, f.unit) for f in extract_figures(text) if f.metric}
