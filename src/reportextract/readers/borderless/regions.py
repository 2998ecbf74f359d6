"""Phase 2: lines → the regions of the page that hold a table without rules.

A table inside a drawn frame is the frame's lines; otherwise a run of lines that are not
running text, close enough, with numbers standing apart in at least two of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from statistics import median

from ...caching import compile_pattern
from ...layout import BBox
from ...template import normalize_label, template_map
from ...template.vocabulary import vocabulary
from ..lattice import frames
from ..pdf_geometry import PAGE_FURNITURE
from .columns import header_leaves
from .labels import ROW_NUMBERING, label_score
from .settings import BorderlessSettings
from .words import Line, line_height, numbers_line

HEADING = compile_pattern(r"^\s*[一二三四五六七八九十]+、\S{2,}(?:情况|事项)\s*$")


def _frames(edges: Sequence[dict[str, object]], settings: BorderlessSettings) -> list[BBox]:
    """Rectangles drawn by the edges (an outer border with nothing inside)."""
    return frames(edges, settings.snap, settings.edge_min_length)


def _inside(line: Line, box: BBox, snap: float) -> bool:
    x0, top, x1, bottom = box
    return x0 - snap <= line.x0 and line.x1 <= x1 + snap and top - snap <= line.cy <= bottom + snap


def _overlaps(line: Line, boxes: Sequence[BBox]) -> bool:
    return any(b[0] <= (line.x0 + line.x1) / 2 <= b[2] and b[1] <= line.cy <= b[3] for b in boxes)


def table_regions(
    lines: Sequence[Line],
    edges: Sequence[dict[str, object]],
    exclude: Sequence[BBox],
    continued: bool,
    settings: BorderlessSettings,
) -> list[list[Line]]:
    """The lines of each table without inner rules on the page, top to bottom.

    A table inside a drawn frame is the frame's lines. Otherwise a table is a run of
    consecutive lines, none of them running text or a heading, no two farther apart
    than the table's own row spacing allows, with at least two lines of numbers (or one
    of four numbers or more: 表四, or one under a template table's header, or one that
    names a template row at the top of a page that continues a table)."""
    height = line_height(lines, settings)
    candidates = [
        line
        for line in lines
        if not _overlaps(line, exclude) and not PAGE_FURNITURE.match(line.text.replace(" ", ""))
    ]
    numbered = {i for i, line in enumerate(candidates) if numbers_line(line, height, settings)}
    if not numbered:
        return []
    regions: list[list[Line]] = []
    used: set[int] = set()
    for frame in _frames(edges, settings):
        members = [i for i, line in enumerate(candidates) if _inside(line, frame, settings.snap)]
        if numbered & set(members) and not used & set(members):
            regions.append([candidates[i] for i in members])
            used |= set(members)
    tops = sorted(candidates[i].top for i in numbered)
    pitches = [b - a for a, b in itertools.pairwise(tops)]
    least = settings.row_reach * height
    reach = max(least, settings.pitch_reach * median(pitches)) if pitches else least
    runs: list[list[int]] = []
    for i, line in enumerate(candidates):
        if i in used or prose(line, lines, settings):
            runs.append([])
            continue
        if runs and runs[-1] and line.top - candidates[runs[-1][-1]].bottom <= reach:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        rows = [i for i in run if i in numbered]
        values = sum(len(candidates[i].values()) for i in rows)
        section = any(
            vocabulary().section_title.search(candidates[i].text.replace(" ", "")) for i in run
        )
        named = section or (
            bool(rows)
            and template_header([candidates[i] for i in run if i < rows[0]], height, settings)
        )
        if not rows:
            continue
        label = [w for w in candidates[rows[0]].words if not w.is_value]
        first = all(region[0].top > candidates[run[0]].top for region in regions)
        if continued and first and label_score(label, settings) >= settings.continued_label:
            named = True
        if len(rows) < settings.min_rows and values < settings.min_values and not named:
            continue
        last = rows[-1]
        end = last
        # after the last numbers only the rest of its label (a wrapped label) belongs, and
        # rows that print nothing (numbered labels)
        for i in run[run.index(last) + 1 :]:
            below = candidates[i]
            starts_row = ROW_NUMBERING.match(below.text.replace(" ", "")) is not None
            tail = reach if starts_row else settings.label_tail * height
            if below.top - candidates[end].bottom > tail:
                break
            if below.x0 >= min(w.x0 for w in candidates[last].values()):
                break
            end = i
        members = [i for i in run if i <= end]
        regions.append([candidates[i] for i in members])
        used |= set(members)
    return sorted(regions, key=lambda region: region[0].top)


def template_header(lines: Sequence[Line], height: float, settings: BorderlessSettings) -> bool:
    """Lines that head a template table: 表二's column words (本年制发件数, 采购项目数量 …),
    表三's applicant columns (自然人 … 总计) or 表四's 行政复议 and 行政诉讼."""
    words = {normalize_label(w.text).words for line in lines for w in line.words}
    tm = template_map()
    proactive = {m for markers in tm.template_markers.values() for m in markers}
    return (
        bool(words & proactive)
        or set(tm.appeals_markers) <= words
        or len(header_leaves(lines, 0.0, height, settings)) >= settings.header_columns
    )


def prose(line: Line, lines: Sequence[Line], settings: BorderlessSettings) -> bool:
    """A heading (三、收到和处理…情况), a sentence, or running text as wide as the page, its
    words set close (not a label and header cells apart on one line)."""
    text = line.text.replace(" ", "")
    if HEADING.match(text) or any("。" in w.text or "；" in w.text for w in line.words):
        return True
    left = min(other.x0 for other in lines)
    right = max(other.x1 for other in lines)
    longest = max(len(w.text) for w in line.words)
    wide = line.x1 - line.x0 >= settings.prose_width * (right - left)
    # inked: the words set close, not cells apart
    inked = sum(w.x1 - w.x0 for w in line.words) >= settings.prose_ink * (line.x1 - line.x0)
    long = longest >= settings.prose_word and len(line.words) <= settings.prose_words
    return wide and inked and long and not line.values()
