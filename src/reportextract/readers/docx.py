"""Reading a Word (DOCX) file into a `Layout`.

The package is opened with `zipfile` and its XML parsed with lxml directly (no entity
expansion, no network, size caps checked before any member is inflated), because the
merged cells must be read from the XML anyway: python-docx's cell iteration repeats a
merged cell once per grid slot it covers. Body order is kept: paragraphs, tables,
content controls and text boxes come out in the order Word shows them. Automatic list
numbers (一、 / （一） / 1.) are rendered from numbering.xml, since reports often number
their headings and table labels that way.
"""

from __future__ import annotations

import email
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import lxml.etree

from reportextract.errors import (
    DAMAGED_ZIP,
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    ReportExtractError,
    UnsupportedFormat,
)
from reportextract.layout import Grid, GridCell, Layout, TextBlock
from reportextract.readers.html import clean_line, compact_cells, read_html
from reportextract.readers.pictures import PictureRef
from reportextract.readers.pictures.document import DocumentPictures

MAX_DOCX_BYTES = 256 * 1024 * 1024
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_GRID_SPAN = 1000
MAX_NESTING = 8

Element = Any  # lxml has no type stubs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
VML = "urn:schemas-microsoft-com:vml"
EMU_PER_INCH = 914400
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_DOCUMENT = "/officeDocument"
_REL_NUMBERING = "/numbering"
_REL_STYLES = "/styles"
_REL_CORE = "/core-properties"
_REL_APP = "/extended-properties"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _local(element: Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(element: Element) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _wval(element: Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    value = element.get(_w("val"))
    return default if value is None else value


def read_docx(data: bytes) -> Layout:
    """Read a DOCX file into a `Layout` (format ``'docx'``)."""
    return _read_docx(data, embedded=0)


def _read_docx(data: bytes, embedded: int) -> Layout:
    """``embedded`` counts how deep this DOCX sits inside others' altChunks."""
    package = DocxPackage(data)
    main = package.main_part()
    root = package.xml(main)
    body = root.find(_w("body")) if root is not None else None
    if body is None:
        raise CorruptDocument(f"DOCX main part {main} has no w:body")
    walker = _BodyWalker(package, main, embedded)
    items = walker.blocks(body)
    if not any(isinstance(i, Grid) or i.text for i in items):
        raise EmptyDocument("no text in DOCX document")
    return Layout(
        format="docx",
        items=items,
        metadata=package.properties(),
        warnings=walker.warnings,
        unread_pictures=walker.pictures.unread,
    )


# ---------------------------------------------------------------- the package


class DocxPackage:
    """A DOCX zip opened defensively: member sizes capped, XML parsed without entities."""

    def __init__(self, data: bytes) -> None:
        if data.startswith(_OLE_MAGIC):
            if "EncryptionInfo".encode("utf-16-le") in data:
                raise EncryptedDocument("password-protected Word document")
            raise UnsupportedFormat(
                "legacy Word binary (.doc/.wps), not DOCX: convert it with LibreOffice"
            )
        if not data.startswith(b"PK"):
            raise CorruptDocument("not a DOCX file (no zip signature)")
        if len(data) > MAX_DOCX_BYTES:
            raise DocumentTooLarge(f"DOCX file of {len(data)} bytes exceeds {MAX_DOCX_BYTES}")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except DAMAGED_ZIP as error:
            raise CorruptDocument(f"damaged DOCX zip: {error}") from error
        if len(infos) > MAX_ZIP_ENTRIES:
            raise DocumentTooLarge(f"DOCX zip holds {len(infos)} entries")
        self.infos = {info.filename.lstrip("/"): info for info in infos}
        self.parser = lxml.etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        self._xml_cache: dict[str, Element | None] = {}
        self._rels_cache: dict[str, dict[str, tuple[str, str, str]]] = {}

    def read(self, name: str) -> bytes | None:
        """A member's bytes, refusing to inflate more than MAX_PART_BYTES."""
        info = self.infos.get(name.lstrip("/"))
        if info is None:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise DocumentTooLarge(
                f"DOCX part {name} unpacks to {info.file_size} bytes, over the {MAX_PART_BYTES}-byte cap"
            )
        try:
            with self.zip.open(info) as member:
                blob = member.read(MAX_PART_BYTES + 1)
        except DAMAGED_ZIP as error:
            raise CorruptDocument(f"damaged DOCX part {name}: {error}") from error
        if len(blob) > MAX_PART_BYTES:
            raise DocumentTooLarge(f"DOCX part {name} unpacks to more than {MAX_PART_BYTES} bytes")
        return blob

    def xml(self, name: str) -> Element | None:
        if name not in self._xml_cache:
            blob = self.read(name)
            root = None
            if blob is not None:
                try:
                    root = lxml.etree.fromstring(blob, parser=self.parser)
                except lxml.etree.XMLSyntaxError as error:
                    raise CorruptDocument(f"malformed XML in DOCX part {name}: {error}") from error
            self._xml_cache[name] = root
        return self._xml_cache[name]

    def relationships(self, part: str) -> dict[str, tuple[str, str, str]]:
        """Relationship id → (type, resolved target, target mode) for a part ('' = package)."""
        if part not in self._rels_cache:
            folder, name = posixpath.split(part)
            rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
            root = self.xml(rels_name)
            rels: dict[str, tuple[str, str, str]] = {}
            if root is not None:
                for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
                    target = rel.get("Target", "")
                    mode = rel.get("TargetMode", "Internal")
                    if mode != "External":
                        target = (
                            target.lstrip("/")
                            if target.startswith("/")
                            else posixpath.normpath(posixpath.join(folder, target))
                        )
                    rels[rel.get("Id", "")] = (rel.get("Type", ""), target, mode)
            self._rels_cache[part] = rels
        return self._rels_cache[part]

    def related(self, part: str, type_suffix: str) -> str | None:
        for rel_type, target, mode in self.relationships(part).values():
            if rel_type.endswith(type_suffix) and mode != "External":
                return target
        return None

    def main_part(self) -> str:
        main = self.related("", _REL_DOCUMENT) or "word/document.xml"
        if main not in self.infos:
            raise CorruptDocument("DOCX has no main document part")
        return main

    def properties(self) -> dict[str, str]:
        """Core and extended properties as ``docx:title``, ``docx:created``, ``docx:Application`` …"""
        metadata: dict[str, str] = {}
        for suffix, names in (
            (_REL_CORE, ("title", "subject", "creator", "keywords", "description",
                         "lastModifiedBy", "created", "modified", "category")),
            (_REL_APP, ("Application", "Company", "Pages")),
        ):  # fmt: skip
            part = self.related("", suffix)
            root = self.xml(part) if part else None
            if root is None:
                continue
            for child in root:
                name = _local(child)
                text = (child.text or "").strip()
                if name in names and text:
                    metadata[f"docx:{name}"] = text
        return metadata


# ---------------------------------------------------------------- list numbering

_CHINESE_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _chinese_number(n: int, digits: str = _CHINESE_DIGITS, units: str = "十百千") -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    out = []
    zero_pending = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit:
            if zero_pending:
                out.append(digits[0])
                zero_pending = False
            if not (digit == 1 and unit == units[0] and not out):
                out.append(digits[digit])
            out.append(unit)
        elif out:
            zero_pending = True
    return "".join(out)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A list counter in a WordprocessingML number format (w:numFmt)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand"):  # fmt: skip
        return _chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return _chinese_number(n, _LEGAL_DIGITS, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_CHINESE_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TRADITIONAL[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    suffix: str = "tab"


@dataclass
class _Numbering:
    """numbering.xml and the paragraph styles that carry numbering, with live counters."""

    abstracts: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_parent: dict[str, str] = field(default_factory=dict)
    default_style: str | None = None
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    styles_part: str | None = None
    package: DocxPackage | None = None

    @classmethod
    def load(cls, package: DocxPackage, main: str) -> _Numbering:
        numbering = cls()
        part = package.related(main, _REL_NUMBERING)
        root = package.xml(part) if part else None
        if root is not None:
            for abstract in root.iter(_w("abstractNum")):
                levels: dict[int, _Level] = {}
                for lvl in abstract.iter(_w("lvl")):
                    start = _wval(lvl.find(_w("start")), "1") or "1"
                    ilvl = lvl.get(_w("ilvl"), "0")
                    levels[int(ilvl) if ilvl.isdigit() else 0] = _Level(
                        start=int(start) if start.lstrip("-").isdigit() else 1,
                        fmt=_wval(lvl.find(_w("numFmt")), "decimal") or "decimal",
                        text=_wval(lvl.find(_w("lvlText")), "") or "",
                        legal=lvl.find(_w("isLgl")) is not None,
                        suffix=_wval(lvl.find(_w("suff")), "tab") or "tab",
                    )
                numbering.abstracts[abstract.get(_w("abstractNumId"), "")] = levels
            for num in root.iter(_w("num")):
                overrides: dict[int, int] = {}
                for override in num.iter(_w("lvlOverride")):
                    restart = _wval(override.find(_w("startOverride")))
                    if restart is not None and restart.isdigit():
                        overrides[int(override.get(_w("ilvl"), "0"))] = int(restart)
                abstract_id = _wval(num.find(_w("abstractNumId")), "") or ""
                numbering.nums[num.get(_w("numId"), "")] = (abstract_id, overrides)
        if numbering.nums:
            numbering.styles_part = package.related(main, _REL_STYLES)
            numbering.package = package
        return numbering

    def _load_styles(self) -> None:
        """Paragraph styles that carry numbering, read the first time a paragraph names a style.

        styles.xml is often the largest part of a DOCX (350 KB in python-docx's default),
        and a paragraph without a style of its own is read as the default style, which
        in practice never carries numbering.
        """
        part, self.styles_part = self.styles_part, None
        styles = self.package.xml(part) if part and self.package else None
        if styles is None:
            return
        for style in styles.iter(_w("style")):
            if style.get(_w("type")) != "paragraph":
                continue
            style_id = style.get(_w("styleId"), "")
            if style.get(_w("default")) in ("1", "true"):
                self.default_style = style_id
            based = _wval(style.find(_w("basedOn")))
            if based:
                self.style_parent[style_id] = based
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                ilvl = _wval(num_pr.find(_w("ilvl")))
                self.style_num[style_id] = (
                    _wval(num_pr.find(_w("numId"))),
                    int(ilvl) if ilvl and ilvl.isdigit() else None,
                )

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                return self.style_num[style]
            style = self.style_parent.get(style)
        return None, None

    def label(self, paragraph_props: Element | None) -> str:
        """The list label Word shows before this paragraph ('' if none); advances counters."""
        if not self.nums:
            return ""
        num_id: str | None = None
        ilvl: int | None = None
        style = self.default_style
        if paragraph_props is not None:
            named = _wval(paragraph_props.find(_w("pStyle")))
            if named and self.styles_part:
                self._load_styles()
            style = named or self.default_style
            num_pr = paragraph_props.find(_w("numPr"))
            if num_pr is not None:
                num_id = _wval(num_pr.find(_w("numId")))
                level_text = _wval(num_pr.find(_w("ilvl")))
                ilvl = int(level_text) if level_text and level_text.isdigit() else None
        if num_id is None:
            num_id, style_level = self._style_numbering(style)
            ilvl = style_level if ilvl is None else ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstracts.get(abstract_id)
        if not levels:
            return ""
        ilvl = min(max(ilvl or 0, 0), 8)
        key = f"num:{num_id}" if overrides else f"abstract:{abstract_id}"
        counters = self.counters.setdefault(key, [None] * 9)
        level = levels.get(ilvl, _Level())
        start = overrides.get(ilvl, level.start)
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt == "bullet" or not level.text:
            return ""
        text = level.text
        for k in range(9):
            placeholder = f"%{k + 1}"
            if placeholder in text:
                other = levels.get(k, _Level())
                value = counters[k] if counters[k] is not None else overrides.get(k, other.start)
                fmt = "decimal" if level.legal else other.fmt
                text = text.replace(placeholder, format_number(value or 0, fmt))
        if level.suffix != "nothing" and text:
            text += " "  # Word's tab or space after the number
        return text


# ---------------------------------------------------------------- the body


# Inline elements whose children are read as if they were the paragraph's own.
_TRANSPARENT = frozenset(
    _w(name)
    for name in [
        "r",
        "ins",
        "moveTo",
        "hyperlink",
        "smartTag",
        "customXml",
        "fldSimple",
        "bdo",
        "dir",
        "ruby",
        "rubyBase",
    ]
)
_P, _TBL, _TR, _TC, _T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("t")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
_ALT_CHUNK, _PPR, _TCPR = _w("altChunk"), _w("pPr"), _w("tcPr")
_TABS = frozenset((_w("tab"), _w("ptab")))
_BREAKS = frozenset((_w("br"), _w("cr")))
_DRAWINGS = frozenset((_w("drawing"), _w("pict"), _w("object")))
_ALTERNATE = f"{{{MC}}}AlternateContent"
_MATH_TEXT = f"{{{M}}}t"


class _BodyWalker:
    def __init__(self, package: DocxPackage, main: str, embedded: int) -> None:
        self.package = package
        self.main = main
        self.embedded = embedded
        self.numbering = _Numbering.load(package, main)
        self.warnings: list[str] = []
        self.pictures = DocumentPictures()

    # block level ---------------------------------------------------------

    def blocks(self, container: Element, depth: int = 0) -> list[TextBlock | Grid]:
        items: list[TextBlock | Grid] = []
        if depth > MAX_NESTING:
            self.warnings.append("DOCX content nested too deeply; inner content skipped")
            return items
        for child in container:
            tag = child.tag
            if tag == _P:
                items.extend(self.paragraph(child, depth))
            elif tag == _TBL:
                items.append(self.table(child, depth))
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    items.extend(self.blocks(content, depth + 1))
            elif tag == _CUSTOM_XML:
                items.extend(self.blocks(child, depth + 1))
            elif tag == _ALTERNATE:
                chosen = _alternate_choice(child)
                if chosen is not None:
                    items.extend(self.blocks(chosen, depth + 1))
            elif tag == _ALT_CHUNK:
                items.extend(self.alt_chunk(child))
        return items

    def paragraph(self, paragraph: Element, depth: int) -> list[TextBlock | Grid]:
        pieces: list[str] = []
        boxes: list[Element] = []
        pictures: list[PictureRef] = []
        self._inline(paragraph, pieces, boxes, pictures)
        label = self.numbering.label(paragraph.find(_PPR))
        lines = [clean_line(line) for line in "".join(pieces).split("\n")]
        lines = [line for line in lines if line]
        if lines and label:
            lines[0] = label + lines[0]
        items: list[TextBlock | Grid] = [TextBlock(line) for line in lines]
        for box in boxes:
            items.extend(self.blocks(box, depth + 1))
        for picture in pictures:
            items.extend(self.picture(picture))
        return items

    def picture(self, ref: PictureRef) -> list[TextBlock | Grid]:
        """A picture of the body (a media part of the package) read if it is a table."""
        rel = self.package.relationships(self.main).get(ref.src)
        if rel is None or rel[2] == "External":
            return []
        name = rel[1]
        try:
            data = self.package.read(name)
        except ReportExtractError as error:
            self.pictures.unread.append(f"picture {name}: {error}")
            return []
        if data is None:
            self.pictures.unread.append(f"picture {name} is missing from the package")
            return []
        return self.pictures.read(data, name, ref.shown_inches)

    def _inline(
        self,
        element: Element,
        pieces: list[str],
        boxes: list[Element],
        pictures: list[PictureRef],
    ) -> None:
        for child in element:
            tag = child.tag
            if tag == _T:
                pieces.append(child.text or "")
            elif tag in _TRANSPARENT:
                self._inline(child, pieces, boxes, pictures)
            elif tag in _TABS:
                pieces.append("\t")
            elif tag in _BREAKS:
                pieces.append("\n")
            elif tag == _w("noBreakHyphen"):
                pieces.append("-")
            elif tag in _DRAWINGS:
                boxes.extend(_outermost(child, _w("txbxContent")))
                pictures.extend(_picture_refs(child))
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline(content, pieces, boxes, pictures)
            elif tag == _ALTERNATE:
                chosen = _alternate_choice(child)
                if chosen is not None:
                    self._inline(chosen, pieces, boxes, pictures)
            elif _ns(child) == M:
                pieces.append("".join(t.text or "" for t in child.iter(_MATH_TEXT)))

    # tables ---------------------------------------------------------------

    def table(self, table: Element, depth: int) -> Grid:
        cells: list[GridCell] = []
        above: dict[int, GridCell] = {}
        for r, row in enumerate(_children(table, _TR)):
            col = _int_val(row.find(f"{_w('trPr')}/{_w('gridBefore')}"), 0)
            current: dict[int, GridCell] = {}
            previous: GridCell | None = None
            for tc in _children(row, _TC):
                props = tc.find(_TCPR)
                span = _int_val(props.find(_w("gridSpan")) if props is not None else None, 1)
                span = min(max(span, 1), MAX_GRID_SPAN)
                vmerge = _merge_state(props, "vMerge")
                hmerge = _merge_state(props, "hMerge")
                text = self.cell_text(tc, depth)
                upper = above.get(col)
                if vmerge == "continue" and upper is not None and upper.last_row == r - 1:
                    upper.rowspan += 1
                    upper.text = _joined(upper.text, text)
                    current[col] = upper
                elif hmerge == "continue" and previous is not None and previous.row == r:
                    previous.colspan += span
                    previous.text = _joined(previous.text, text)
                else:
                    previous = GridCell(row=r, col=col, text=text, colspan=span)
                    cells.append(previous)
                    current[col] = previous
                col += span
            above = current
        return Grid(cells=compact_cells(cells), geometry=True)

    def cell_text(self, cell: Element, depth: int) -> str:
        lines: list[str] = []
        for item in self.blocks(cell, depth + 1):
            if isinstance(item, TextBlock):
                lines.append(item.text)
            else:
                lines.extend(
                    c.text for c in sorted(item.cells, key=lambda c: (c.row, c.col)) if c.text
                )
        return "\n".join(lines)

    # embedded documents -----------------------------------------------------

    def alt_chunk(self, chunk: Element) -> list[TextBlock | Grid]:
        """An altChunk imports another document (often HTML pasted from a web CMS)."""
        rel = self.package.relationships(self.main).get(chunk.get(f"{{{R}}}id", ""))
        if rel is None or rel[2] == "External":
            self.warnings.append("DOCX altChunk without an embedded part skipped")
            return []
        name = rel[1]
        blob = self.package.read(name)
        if blob is None:
            self.warnings.append(f"DOCX altChunk {name} is missing")
            return []
        try:
            layout = self._alt_chunk_layout(name.lower(), blob)
        except ReportExtractError as error:
            self.warnings.append(f"DOCX altChunk {name} unreadable: {error}")
            return []
        if layout is None:
            self.warnings.append(f"DOCX altChunk {name} of unsupported type skipped")
            return []
        self.warnings.extend(layout.warnings)
        return layout.items

    def _alt_chunk_layout(self, name: str, blob: bytes) -> Layout | None:
        if name.endswith((".mht", ".mhtml")) or blob.lstrip().startswith(b"MIME"):
            html = mime_html(blob)
            return read_html(html) if html is not None else None
        if name.endswith((".htm", ".html", ".xhtml")) or blob.lstrip()[:1] == b"<":
            return read_html(blob)
        if blob.startswith(b"PK") and self.embedded < 2:
            return _read_docx(blob, self.embedded + 1)
        return None


def mime_html(data: bytes) -> bytes | None:
    """The first text/html part of a MIME (.mht) document, decoded from its transfer encoding."""
    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                if charset and b"charset" not in payload[:4096].lower():
                    payload = f'<meta charset="{charset}">'.encode("ascii") + payload
                return payload
    return None


def _alternate_choice(alternate: Element) -> Element | None:
    """mc:AlternateContent shows the same content twice; read the first choice only."""
    choice = alternate.find(f"{{{MC}}}Choice")
    return choice if choice is not None else alternate.find(f"{{{MC}}}Fallback")


def _outermost(element: Element, tag: str) -> list[Element]:
    """Descendants with ``tag`` not inside another such descendant, first AlternateContent choice only."""
    found: list[Element] = []
    stack = list(reversed(element))
    while stack:
        node = stack.pop()
        if node.tag == tag:
            found.append(node)
            continue
        if _ns(node) == MC and _local(node) == "Fallback":
            continue
        stack.extend(reversed(node))
    return found


def _picture_refs(drawing: Element) -> list[PictureRef]:
    """The pictures a drawing shows (DrawingML blips, VML image data), by relationship id,
    with the width they are shown at when the drawing says it."""
    refs: list[PictureRef] = []
    extent = next(drawing.iter(f"{{{WP}}}extent"), None)
    inches = None
    if extent is not None and (extent.get("cx") or "").isdigit():
        inches = int(extent.get("cx")) / EMU_PER_INCH or None
    for blip in drawing.iter(f"{{{A}}}blip"):
        rid = blip.get(f"{{{R}}}embed")
        if rid:
            refs.append(PictureRef(rid, inches))
    for data in drawing.iter(f"{{{VML}}}imagedata"):
        rid = data.get(f"{{{R}}}id")
        shape = data.getparent()
        style = shape.get("style", "") if shape is not None else ""
        width = re.search(r"width:\s*([\d.]+)pt", style)
        if rid:
            refs.append(PictureRef(rid, float(width.group(1)) / 72 if width else None))
    return refs


def _children(parent: Element, tag: str) -> list[Element]:
    """Direct children with ``tag``, looking through content controls and custom XML."""
    out: list[Element] = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag == _CUSTOM_XML:
            out.extend(_children(child, tag))
    return out


def _int_val(element: Element | None, default: int) -> int:
    value = _wval(element)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _merge_state(props: Element | None, name: str) -> str | None:
    """'restart', 'continue' or None; a bare <w:vMerge/> means continue."""
    if props is None:
        return None
    merge = props.find(_w(name))
    if merge is None:
        return None
    return _wval(merge, "continue")


def _joined(first: str, second: str) -> str:
    if not second:
        return first
    return f"{first}\n{second}" if first else second
