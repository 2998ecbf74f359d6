"""Narrative figures: numbers stated in a report's running text, tagged with metric codes.

``extract_figures(doc)`` takes the `DocumentText` of a document (its narrative blocks) and
returns one `Figure` per number with a unit, in text order. Metric patterns live in
``mappings/narrative.yaml``; the jieba domain dictionary in ``mappings/jieba-domain.txt``.
"""

from __future__ import annotations

from .extract import extract_figures

__all__ = ["extract_figures"]
