"""The manifest round-trips, maps corpus files to their URLs, and a bad one is a clear error."""

from __future__ import annotations

import pytest

from reportextract.fetch import ManifestEntry, ManifestError, documents_by_path, load_manifest
from reportextract.fetch.manifest import write_manifest

SHA = "ab" + "0" * 62


def entries() -> list[ManifestEntry]:
    return [
        ManifestEntry(
            url="http://www.qg.gov.cn/nb/t1.html",
            role="article",
            status=200,
            bytes=1200,
            sha256=SHA,
            path=f"sha256/ab/{SHA}.html",
            year=2025,
            title='泉港区2025年度政府信息公开工作年度报告, "引号"\n第二行',
            issuer="泉州市泉港区人民政府",
        ),
        ManifestEntry(url="http://www.qg.gov.cn/nb/", role="listing", status=200),
        ManifestEntry(url="http://www.qg.gov.cn/nb/x.pdf", role="attachment", error="HTTP 404"),
    ]


def test_manifest_round_trips_with_types(tmp_path):
    write_manifest(tmp_path, entries())
    loaded = load_manifest(tmp_path, documents_only=False)
    assert sorted(loaded, key=lambda e: e.url) == sorted(entries(), key=lambda e: e.url)
    assert [e.role for e in load_manifest(tmp_path)] == ["article", "attachment"]


def test_documents_by_path_maps_held_files_to_their_urls(tmp_path):
    write_manifest(tmp_path, entries())
    found = documents_by_path(tmp_path)
    assert {
        path.relative_to(tmp_path.resolve()).as_posix(): e.url for path, e in found.items()
    } == {f"sha256/ab/{SHA}.html": "http://www.qg.gov.cn/nb/t1.html"}


def test_a_corpus_without_manifest_has_no_rows(tmp_path):
    assert load_manifest(tmp_path) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n", "not a fetch manifest"),
        (
            "url,role,year\nhttp://x/,article,twenty\n",
            "line 2: year 'twenty' is not a whole number",
        ),
        ("url,role\n,article\n", "url and role are required"),
    ],
)
def test_a_bad_manifest_is_a_clear_error(tmp_path, text, message):
    (tmp_path / "manifest.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        load_manifest(tmp_path)


def test_an_interrupted_run_keeps_what_it_fetched_in_the_manifest(tmp_path):
    import httpx

    from reportextract.fetch import fetch_sources, load_catalog

    listing = (
        '<html><head><meta charset="utf-8"></head><body>'
        '<a href="/nb/a.pdf">2024年政府信息公开工作年度报告</a>'
        '<a href="/nb/b.pdf">2023年政府信息公开工作年度报告</a></body></html>'
    )

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/nb/b.pdf":
            raise KeyboardInterrupt
        if request.url.path == "/nb/a.pdf":
            return httpx.Response(200, content=b"%PDF-1.4 a")
        if request.url.path == "/nb/":
            return httpx.Response(200, text=listing, headers={"Content-Type": "text/html"})
        return httpx.Response(404)

    source = load_catalog().for_url("http://www.qg.gov.cn/nb/")
    with pytest.raises(KeyboardInterrupt):
        fetch_sources(
            [source],
            tmp_path,
            delay=0,
            allow_private=True,
            transport=httpx.MockTransport(handler),
            progress=False,
        )
    held = {e.url: e for e in load_manifest(tmp_path) if e.held}
    assert list(held) == ["http://www.qg.gov.cn/nb/a.pdf"]
    assert (tmp_path / held["http://www.qg.gov.cn/nb/a.pdf"].path).read_bytes() == b"%PDF-1.4 a"
    assert not list((tmp_path / ".fetch" / "tmp").iterdir())
