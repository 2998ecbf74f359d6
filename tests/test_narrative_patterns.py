"""mappings/narrative.yaml covers the spec's metrics and its mistakes are reported clearly;
jieba starts once per process and quietly."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
import yaml

from conftest import SPEC as SPEC_DIR
from reportextract.narrative.patterns import PatternError, build_catalogue, catalogue
from reportextract.narrative.segmenter import tokenizer, words
from reportextract.resources import mapping_path

SPEC = SPEC_DIR / "narrative-metrics.md"


def spec_metrics() -> set[str]:
    return set(re.findall(r"^\| ([a-z_]+\.[a-z_]+) \|", SPEC.read_text(encoding="utf-8"), re.M))


@pytest.mark.skipif(not SPEC.exists(), reason="spec not available")
def test_every_spec_metric_has_patterns_and_is_not_marked_extra() -> None:
    metrics = catalogue().metrics
    expected = spec_metrics() | {"requests.granted_or_partial_share"}
    assert len(expected) >= 12
    for code in expected:
        assert code in metrics, code
        assert not metrics[code].extra, code


def test_every_metric_is_documented_and_extras_are_marked() -> None:
    spec = spec_metrics() if SPEC.exists() else set()
    for code, metric in catalogue().metrics.items():
        assert metric.description, code
        if spec and code not in spec and not code.endswith("_share"):
            assert metric.extra, f"{code} is not in the spec: mark it extra"


def raw_patterns() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        mapping_path("narrative.yaml").read_text(encoding="utf-8")
    )
    return data


def test_a_broken_regex_names_its_place() -> None:
    data = raw_patterns()
    data["metrics"]["proactive.items"]["patterns"][0]["before"] = "主动公开("
    with pytest.raises(PatternError, match=r"metrics\.proactive\.items\.patterns\[0\]"):
        build_catalogue(data)


def test_an_unknown_macro_or_metric_reference_is_reported() -> None:
    data = raw_patterns()
    data["metrics"]["proactive.items"]["patterns"][0]["before"] = "{nonsense}"
    with pytest.raises(PatternError, match="unknown macro"):
        build_catalogue(data)
    data = raw_patterns()
    data["metrics"]["requests.granted_or_partial_share"]["share_of"] = "requests.nothing"
    with pytest.raises(PatternError, match="unknown metric"):
        build_catalogue(data)


def test_domain_terms_stay_whole() -> None:
    assert words("作为依申请公开信息数46条")[1] == "依申请公开"
    assert "政府信息公开" in words("全区共收到政府信息公开申请56件")
    assert "复议后起诉" in words("复议后起诉5件")
    assert tokenizer() is tokenizer()


def test_jieba_starts_quietly() -> None:
    code = (
        "from reportextract.layout import DocumentText\n"
        "from reportextract.narrative import extract_figures\n"
        "print(len(extract_figures(DocumentText('全年主动公开政府信息1202条。', [(0, 1)]))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "1"
    assert result.stderr == ""


def test_a_frame_names_its_order_and_lexicons_and_their_mistakes_are_reported() -> None:
    data = raw_patterns()
    frame = data["metrics"]["requests.received"]["frames"][0]
    assert {"order", "verb", "subject"} <= set(frame)
    data["metrics"]["requests.received"]["frames"][0] = {**frame, "order": "sideways"}
    with pytest.raises(PatternError, match=r"metrics\.requests\.received\.frames\[0\]"):
        build_catalogue(data)
    data = raw_patterns()
    data["metrics"]["requests.received"]["frames"][0] = {**frame, "subject": "nonsense"}
    with pytest.raises(PatternError, match="unknown macro"):
        build_catalogue(data)
    data = raw_patterns()
    del data["metrics"]["requests.received"]["frames"][0]["verb"]
    with pytest.raises(PatternError, match="needs verb"):
        build_catalogue(data)


def test_a_new_word_in_a_lexicon_is_a_new_phrasing() -> None:
    from reportextract.narrative.numbers import find_quantities
    from reportextract.narrative.segmenter import word_starts
    from reportextract.narrative.sentences import Sentences
    from reportextract.narrative.tagging import Tagger

    text = "全年签收申请14件。"

    def metrics(data: dict[str, Any]) -> list[str | None]:
        patterns = build_catalogue(data)
        sentences = Sentences(text)
        word_starts.cache_clear()
        return Tagger(text, sentences, patterns).tag(find_quantities(text, sentences, patterns))

    data = raw_patterns()
    assert metrics(data) == [None]
    data["lexicons"]["receive"].append("签收")
    assert metrics(data) == ["requests.received"]
