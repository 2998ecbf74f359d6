"""Every tolerance of the reading of tables without rules, in one frozen object.

Distances are in character heights (the median height of the page's Chinese characters)
unless they say points; scores are label similarities (0..1) to the template's labels.
``BorderlessSettings()`` is what the reader uses; ``replace(DEFAULT, …)`` gives a variant
to try, as pdfplumber's ``TableSettings`` does for its table finder.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BorderlessSettings:
    # Phase 1 — characters → words → lines
    char_level: float = 0.5  # a character's centre off the last one's: the same line
    mark_level: float = 0.8  # the same, for punctuation (quotes and commas sit high or low)
    char_overlap: float = 0.3  # a character may overlap the one before it by this much
    word_gap: float = 0.9  # the widest gap inside a word (of the local type size)
    punctuation_gap: float = 1.6  # the same beside full-width punctuation
    smallest_type: float = 0.6  # the smallest local type size (a small header)
    tight_gap: float = 0.3  # 无 this close to label text is a character of the label
    row_number_digits: int = 2  # a row's number (1 | 、属于国家秘密) has at most this many digits
    char_sample: int = 5  # characters of a kind needed to take their median height
    same_line: float = 0.5  # words whose centres are this close are on one line
    level_lines: float = 0.25  # lines this level that share no place across the page are one
    note_leading: float = 0.8  # the gap between the lines of a note wrapped in a value cell
    note_run_gap: float = 0.6  # the gap between runs of one line of a note
    note_overhang: float = 1.0  # a note's next line may stand out of its cell by this much
    note_slack: float = 1.0  # points: a note's next line starts no higher than its cell's bottom
    wrap_leading: float = 0.6  # the gap above the rest of a number its narrow cell wrapped
    wrap_slack: float = 1.0  # points: the rest stands inside the number's width, give or take
    wrap_level: float = 0.3  # a wrapped number's row of numbers lies this close to its centre
    number_apart: float = 1.0  # a number stands this far from other words on a line of values
    default_height: float = 10.0  # points: the line height of a page without lines
    # Phase 2 — lines → table regions
    snap: float = 3.0  # points: edges this close are one (pdfplumber's snap and join)
    edge_min_length: float = 1.0  # points: shorter ruling segments are left out
    row_reach: float = 3.5  # the farthest a table's line stands from the line before it
    pitch_reach: float = 2.2  # … or this many times the median distance between its rows
    label_tail: float = 1.5  # a label's rest under the table's last numbers stands this close
    min_rows: int = 2  # lines of numbers a table prints at least …
    min_values: int = 4  # … unless one of them prints this many values (表四)
    continued_label: float = (
        0.9  # the first row at the top of a continued page names a row this well
    )
    header_columns: int = 3  # template column words that make lines a table's header
    prose_width: float = 0.8  # running text spans this share of the text's width …
    prose_ink: float = 0.8  # … its words inking this share of its own width …
    prose_word: int = 12  # … with a word this long …
    prose_words: int = 3  # … in at most this many words
    # Phase 3 and 4 — bands and their number columns
    fragment_chars: int = 2  # a header of words this short is fragments of a continued table
    column_gap: float = 1.2  # numbers' centres this close are one column …
    min_column_gap: float = 6.0  # points: … or at least this close
    header_leading: float = 0.8  # the gap between the lines of a header word (商业 / 企业)
    continued_column: float = 1.2  # a column under one of the previous page's stands this close
    narrow_header: float = 2.5  # 表四's header words this narrow name one column each
    appeals_column_gap: float = 0.6  # 表四's header words' centres this close are one column
    # Phase 5 — labels
    label_level: float = 0.4  # a label this close to a row's numbers is level with the row
    lane_gap: float = 0.5  # a group label leaves at least this gap to the labels on its right
    beside_pitch: float = 0.75  # rows' pitches: labels this close vertically stand beside
    lane_width: float = 1.0  # labels whose left edges are this close are in one lane
    min_pitch: float = 0.5  # steps between rows of numbers shorter than this are not rows
    default_pitch: float = 2.0  # the pitch of a table with one row of numbers
    label_leading: float = 0.8  # the gap between the lines of one label
    row_label: float = 0.95  # a label with numbers naming a row this well is not a group
    group_label: float = 0.85  # … unless it names a group of the template this well
    blank_row_label: float = 0.85  # a label apart from the numbers names a row this well: blank row
    # 表四 at a page's foot
    appeals_row_gap: float = 1.5  # 表四's row or header lines stand this close under its header
    appeals_blank_reach: float = 2.0  # a blank 表四 row is boxed down to this far under its header
    appeals_blank_height: float = 1.0  # … or this high, when the next page shows it blank


DEFAULT = BorderlessSettings()
