"""Synthetic annual reports with exact ground truth.

Generate a corpus from Python::

    from reportextract.synth import generate_corpus
    documents = generate_corpus(Path("out"), count=100, seed=1, formats=("pdf", "html"))

or from the shell: ``python -m reportextract.synth OUT_DIR --count 100 --seed 1``.
One report in memory: ``build_report(seed, index, errors=False)``; its truth for a
rendered document: ``build_truth(...)``; renderers: ``render_text``, ``render_html``,
``render_docx`` (and ``convert_docx_to_pdf`` for PDFs; ``layout_problems`` says whether
LibreOffice drew text over text or left text out).
"""

from __future__ import annotations

from .convert import ConversionError, convert_docx_to_pdf
from .corpus import DEFAULT_FORMATS, FORMATS, Document, generate_corpus
from .pdfcheck import BrokenLayout, PageOverlap, find_overlaps, layout_problems
from .render_docx import build_docx, render_docx
from .render_html import render_html
from .render_text import Rendered, render_text
from .report import SynthReport, build_from_truth, build_report
from .rules import broken_checks
from .truth import build_truth

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "BrokenLayout",
    "ConversionError",
    "Document",
    "PageOverlap",
    "Rendered",
    "SynthReport",
    "broken_checks",
    "build_docx",
    "build_from_truth",
    "build_report",
    "build_truth",
    "convert_docx_to_pdf",
    "find_overlaps",
    "generate_corpus",
    "layout_problems",
    "render_docx",
    "render_html",
    "render_text",
]
