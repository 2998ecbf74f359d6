"""Narrative figures: numbers stated in a report's running text, tagged with metric codes.

``extract_figures(text)`` takes a plain string (any text) or the `DocumentText` of a
document (its narrative blocks, with the page of every offset) and returns one `Figure` per
number with a unit and per statement of none (未收到政府信息公开申请 → 0), in text order, with
the metric it states where known. The lexicons, word-order frames and patterns that decide
the metric live in ``mappings/narrative.yaml``; the jieba domain dictionary in
``mappings/jieba-domain.txt``.
"""

from __future__ import annotations

from .extract import extract_figures

__all__ = ["extract_figures"]
