"""Known sources of reports (`mappings/sources.yaml`): who publishes, where the 年报 column is.

Packaged data files are looked up by `reportextract.resources.mapping_path`: first inside the installed package
(``reportextract/mappings/`` in site-packages, where the wheel puts them), then in the
repository's ``mappings/`` directory (editable installs and source checkouts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..resources import mapping_path
from .errors import SourcesFileError

SOURCES_FILE = "sources.yaml"

_SOURCE_KEYS = {
    "name",
    "issuer",
    "region",
    "site",
    "columns",
    "hosts",
    "patterns",
    "report_title",
    "note",
}
_DEFAULT_KEYS = {"report_title", "column_link", "disclosure_link"}
_PATTERN_KEYS = {"article", "listing"}
_TITLE_KEYS = {"include", "exclude"}
_REGION = re.compile(r"^[1-9]\d{5}$")


@dataclass(frozen=True, slots=True)
class TitleRules:
    """Which link titles name a report: one `include` pattern matches and no `exclude` pattern."""

    include: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...] = ()

    def matches(self, title: str) -> bool:
        return any(p.search(title) for p in self.include) and not any(
            p.search(title) for p in self.exclude
        )


@dataclass(frozen=True, slots=True)
class Source:
    """One publishing body and where its reports are listed."""

    name: str
    issuer: str | None
    site: str
    report_title: TitleRules
    column_link: TitleRules
    disclosure_link: TitleRules
    region: str | None = None
    columns: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    article_pattern: re.Pattern[str] | None = None
    listing_pattern: re.Pattern[str] | None = None
    note: str = ""

    def host_names(self) -> set[str]:
        """Hosts this source may be fetched from: its site, its columns and its extra hosts."""
        names = {urlsplit(u).hostname or "" for u in (self.site, *self.columns)}
        names.update(h.lower() for h in self.hosts)
        names.discard("")
        return names | {_www_twin(h) for h in names}


def _www_twin(host: str) -> str:
    return host[4:] if host.startswith("www.") else f"www.{host}"


@dataclass(frozen=True, slots=True)
class Catalog:
    """A sources file: its sources and the default rules new sources get."""

    sources: tuple[Source, ...]
    report_title: TitleRules
    column_link: TitleRules
    disclosure_link: TitleRules

    def select(self, names: Iterable[str]) -> list[Source]:
        """The sources called ``names`` (all of them when ``names`` is empty)."""
        return select_sources(self.sources, names)

    def for_url(self, url: str) -> Source:
        """A source whose column is ``url``: a known source's settings when the host is known."""
        checked = _url(url.strip(), "URL")
        host = urlsplit(checked).hostname or ""
        for source in self.sources:
            if host in source.host_names():
                return replace(source, columns=(checked,))
        parts = urlsplit(checked)
        return Source(
            name=host,
            issuer=None,
            site=f"{parts.scheme}://{parts.netloc}/",
            columns=(checked,),
            report_title=self.report_title,
            column_link=self.column_link,
            disclosure_link=self.disclosure_link,
        )


def load_sources(path: Path | str | None = None) -> list[Source]:
    """Read and validate a sources file (the bundled one by default).

    Raises `SourcesFileError` with the file name and the offending entry for a bad file.
    """
    return list(load_catalog(path).sources)


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Like `load_sources`, with the file's default rules."""
    file = Path(path) if path is not None else mapping_path(SOURCES_FILE)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesFileError(f"{file}: cannot read ({exc.strerror or exc})") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"{file}: not valid UTF-8 YAML ({_first_line(exc)})") from exc
    try:
        return parse_catalog(data)
    except SourcesFileError as exc:
        raise SourcesFileError(f"{file}: {exc}") from None


def parse_catalog(data: object) -> Catalog:
    """Validate the parsed YAML of a sources file and build its `Source`s."""
    if not isinstance(data, dict) or "sources" not in data:
        raise SourcesFileError("expected a mapping with a 'sources' list")
    _reject_unknown(data, {"version", "defaults", "sources"}, "top level")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise SourcesFileError("'defaults' must be a mapping")
    _reject_unknown(defaults, _DEFAULT_KEYS, "defaults")
    default_title = _title_rules(defaults.get("report_title"), "defaults.report_title")
    column_link = _title_rules(defaults.get("column_link"), "defaults.column_link")
    disclosure_link = _title_rules(defaults.get("disclosure_link"), "defaults.disclosure_link")

    entries = data["sources"]
    if not isinstance(entries, list) or not entries:
        raise SourcesFileError("'sources' must be a non-empty list")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"sources[{index}]"
        if not isinstance(entry, dict):
            raise SourcesFileError(f"{where}: expected a mapping, got {type(entry).__name__}")
        _reject_unknown(entry, _SOURCE_KEYS, where)
        name = _required_text(entry, "name", where)
        where = f"source {name!r}"
        if name in seen:
            raise SourcesFileError(f"{where}: name used twice")
        seen.add(name)
        site = _url(_required_text(entry, "site", where), f"{where}.site")
        columns = tuple(
            _url(u, f"{where}.columns")
            for u in _text_list(entry.get("columns"), f"{where}.columns")
        )
        patterns = entry.get("patterns") or {}
        if not isinstance(patterns, dict):
            raise SourcesFileError(f"{where}.patterns: expected a mapping")
        _reject_unknown(patterns, _PATTERN_KEYS, f"{where}.patterns")
        title_rules = (
            _title_rules(entry["report_title"], f"{where}.report_title")
            if entry.get("report_title") is not None
            else default_title
        )
        sources.append(
            Source(
                name=name,
                issuer=_optional_text(entry, "issuer", where),
                site=site,
                region=_region(entry.get("region"), f"{where}.region"),
                columns=columns,
                hosts=tuple(_text_list(entry.get("hosts"), f"{where}.hosts")),
                article_pattern=_regex(patterns.get("article"), f"{where}.patterns.article"),
                listing_pattern=_regex(patterns.get("listing"), f"{where}.patterns.listing"),
                report_title=title_rules,
                column_link=column_link,
                disclosure_link=disclosure_link,
                note=_optional_text(entry, "note", where) or "",
            )
        )
    return Catalog(
        sources=tuple(sources),
        report_title=default_title,
        column_link=column_link,
        disclosure_link=disclosure_link,
    )


def select_sources(sources: Sequence[Source], names: Iterable[str]) -> list[Source]:
    """The sources called ``names`` (all of them when ``names`` is empty)."""
    wanted = list(names)
    if not wanted:
        return list(sources)
    by_name = {s.name: s for s in sources}
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        raise SourcesFileError(
            f"unknown source {', '.join(unknown)}; known: {', '.join(sorted(by_name))}"
        )
    return [by_name[n] for n in dict.fromkeys(wanted)]


def _reject_unknown(mapping: Mapping[Any, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(str(k) for k in mapping if k not in allowed)
    if unknown:
        raise SourcesFileError(
            f"{where}: unknown key {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
        )


def _required_text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = _optional_text(entry, key, where)
    if not value:
        raise SourcesFileError(f"{where}: '{key}' is required")
    return value


def _optional_text(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourcesFileError(f"{where}.{key}: expected text, got {type(value).__name__}")
    return value.strip()


def _text_list(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SourcesFileError(f"{where}: expected a list of non-empty texts")
    return [v.strip() for v in value]


def _url(value: str, where: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesFileError(f"{where}: {value!r} is not an http(s) URL")
    return value


def _region(value: object, where: str) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not _REGION.match(text):
        raise SourcesFileError(f"{where}: {value!r} is not a 6-digit administrative division code")
    return text


def _regex(value: object, where: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourcesFileError(f"{where}: expected a regular expression as text")
    try:
        return re.compile(value)
    except re.error as exc:
        raise SourcesFileError(f"{where}: bad regular expression {value!r} ({exc})") from None


def _title_rules(value: object, where: str) -> TitleRules:
    if not isinstance(value, dict):
        raise SourcesFileError(f"{where}: expected a mapping with 'include' (and 'exclude')")
    _reject_unknown(value, _TITLE_KEYS, where)
    include = [_regex(p, f"{where}.include") for p in _text_list(value.get("include"), where)]
    exclude = [_regex(p, f"{where}.exclude") for p in _text_list(value.get("exclude"), where)]
    if not include:
        raise SourcesFileError(f"{where}.include: at least one pattern is required")
    return TitleRules(
        include=tuple(p for p in include if p is not None),
        exclude=tuple(p for p in exclude if p is not None),
    )


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
