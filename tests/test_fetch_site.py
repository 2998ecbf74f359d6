"""The fetcher against a government-style site served on loopback by the test itself.

The site has a 年报 column of three list pages (GBK declared, GBK undeclared, UTF-8) reached
from the home page, article pages with PDF, DOCX, WPS and scan attachments, and every way a
download can go wrong: robots.txt, 503s, a timeout, a truncated body, a redirect loop,
oversized files, off-site links and redirects, a non-http link.
"""

from __future__ import annotations

import hashlib
import io
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import click
import docx
import pytest
from click.testing import CliRunner

from conftest import REAL_TRUTH, real_doc, require_shared
from reportextract.fetch import (
    FetchError,
    FetchSummary,
    fetch_sources,
    load_catalog,
    load_manifest,
)
from reportextract.fetch.command import fetch_command
from reportextract.fetch.sources import Source

TIMEOUT = 0.5
SLOW = 1.5
CAP = 1_000_000

Route = Callable[[BaseHTTPRequestHandler], int]


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, int]] = field(default_factory=list)
    arrivals: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.arrivals[unquote(handler.path)] += 1
        path = unquote(handler.path)
        route = self.routes.get(path) or self.routes.get(path.split("?")[0])
        try:
            status = route(handler) if route else _send(handler, 404, b"not found")
        except (BrokenPipeError, ConnectionResetError):
            status = -1
        with self.lock:
            self.log.append((path, status))

    def statuses(self, since: int = 0) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for path, status in self.log[since:]:
            found.setdefault(path, []).append(status)
        return found

    def url(self, path: str) -> str:
        return self.base + path


def _send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    length: int | None = None,
) -> int:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    if length is not None:
        handler.send_header("Content-Length", str(length))
    handler.end_headers()
    handler.wfile.write(body)
    return status


def static(body: bytes, content_type: str) -> Route:
    etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
    validators = {"ETag": etag, "Last-Modified": "Mon, 12 Jan 2026 08:00:00 GMT"}

    def serve(handler: BaseHTTPRequestHandler) -> int:
        if handler.headers.get("If-None-Match") == etag:
            return _send(handler, 304, headers=validators)
        return _send(
            handler, 200, body, {"Content-Type": content_type, **validators}, length=len(body)
        )

    return serve


def redirect(location: str, status: int = 302) -> Route:
    return lambda handler: _send(handler, status, headers={"Location": location}, length=0)


def failing_then(times: int, then: Route) -> Route:
    calls = Counter[str]()

    def serve(handler: BaseHTTPRequestHandler) -> int:
        calls["n"] += 1
        if calls["n"] <= times:
            return _send(handler, 503, b"busy", length=4)
        return then(handler)

    return serve


def slow(handler: BaseHTTPRequestHandler) -> int:
    time.sleep(SLOW)
    return _send(handler, 200, b"%PDF-1.4 late", length=13)


def truncated(handler: BaseHTTPRequestHandler) -> int:
    return _send(
        handler, 200, b"%PDF-1.4 " + b"x" * 91, {"Content-Type": "application/pdf"}, length=10_000
    )


def endless(handler: BaseHTTPRequestHandler) -> int:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/pdf")
    handler.end_headers()
    chunk = b"%PDF-1.4 " + b"0" * 65_527
    for _ in range(CAP // len(chunk) + 20):
        handler.wfile.write(chunk)
    return 200


def declared_too_large(handler: BaseHTTPRequestHandler) -> int:
    return _send(handler, 200, b"%PDF-1.4", {"Content-Type": "application/pdf"}, length=CAP * 10)


def html(text: str, charset: str, *, declare: str | None = None, header: bool = False) -> Route:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={declare}">'
        if declare
        else ""
    )
    body = f"<!DOCTYPE html><html><head>{meta}<title>t</title></head><body>{text}</body></html>"
    content_type = f"text/html; charset={charset}" if header else "text/html"
    return static(body.encode(charset), content_type)


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build(site: Site) -> None:
    pdf_2023 = real_doc("huaian-hongze-2023.pdf").read_bytes()
    pdf_2024 = real_doc("huaian-hongze-2024.pdf").read_bytes()
    scan = b"\x89PNG\r\n\x1a\n" + hashlib.sha256(b"scan").digest() * 64
    wps = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    page_one = """
      <ul>
        <li><a href="./202601/t1.html" title="测试区2025年度政府信息公开工作年度报告">测试区2025年度政府信息公开…</a></li>
        <li><a href="./202501/t2.html">测试区2024年政府信息公开工作年度报告</a></li>
        <li><a href="./202501/t2jd.html">《测试区2024年政府信息公开工作年度报告》解读</a></li>
        <li><a href="./202502/tz.html">关于开展政务公开培训的通知</a></li>
        <li><a href="./202601/t1.html">测试区2025年度政府信息公开工作年度报告</a></li>
        <li><a href="ftp://127.0.0.1/2013nb.pdf">测试区2013年政府信息公开工作年度报告</a></li>
      </ul>
      <script>createPageHTML(3, 0, "index", "html");</script>"""
    page_two = """
      <ul>
        <li><a href="/old/nb2023.html">测试区2023年度政府信息公开工作年度报告</a></li>
        <li><a href="/private/t4.html">测试区2022年政府信息公开工作年度报告</a></li>
        <li><a href="/nb/202201/flaky.html">平潭综合实验区2021年度政府信息公开工作年度报告</a></li>
        <li><a href="/nb/slow.html">测试区2020年政府信息公开工作年度报告</a></li>
        <li><a href="/nb/files/2019nb.pdf">测试区2019年政府信息公开工作年报</a></li>
        <li><a href="./202601/t1.html">测试区2025年度政府信息公开工作年度报告</a></li>
      </ul>
      <a href="index_2.html">下一页</a>"""
    page_three = """
      <ul>
        <li><a href="/loop/a.html">测试区2018年政府信息公开工作年度报告</a></li>
        <li><a href="/nb/files/2017nb.pdf">测试区2017年政府信息公开工作年报</a></li>
        <li><a href="/nb/files/2016nb.pdf">测试区2016年政府信息公开工作年报</a></li>
        <li><a href="javascript:openWin('/nb/201601/t5.html')">测试区2015年政府信息公开工作年度报告</a></li>
        <li><a href="http://other.example/nb/2014.html">测试区2014年政府信息公开工作年度报告</a></li>
        <li><a href="/nb/away.html">测试区2012年政府信息公开工作年度报告</a></li>
      </ul>"""
    column = html(page_one, "gbk", declare="gb2312")
    site.routes.update(
        {
            "/robots.txt": static(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
            "/": html(
                '<a href="/xxgk/">政府信息公开</a><a href="/news/">要闻</a>',
                "utf-8",
                declare="utf-8",
            ),
            "/xxgk/": html(
                '<a href="/nb/">政府信息公开年报</a><a href="/zc/">政策文件</a>',
                "gbk",
                declare="gbk",
            ),
            "/nb/": column,
            "/nb/index.html": column,
            "/nb/index_1.html": html(page_two, "gbk"),
            "/nb/index_2.html": html(page_three, "utf-8", header=True),
            "/nb/202601/t1.html": html(
                '<img src="/images/logo.png"><div class="TRS_Editor"><p>报告正文见附件</p></div>'
                '<a href="P020260112.pdf">附件：测试区2025年度报告.pdf</a>'
                '<a href="./P020260112.pdf">下载</a>',
                "utf-8",
                declare="utf-8",
            ),
            "/nb/202601/P020260112.pdf": static(pdf_2023, "application/pdf"),
            "/nb/202501/t2.html": html(
                '<div id="zoom">２０２４年报告</div><a href="../files/2024nb.docx">2024年报.docx</a>'
                '<a href="http://other.example/x.pdf">外链.pdf</a>'
                '<a href="/nb/202601/P020260112.pdf">上年报告.pdf</a>',
                "gbk",
                declare="gbk",
            ),
            "/nb/files/2024nb.docx": static(
                docx_bytes("测试区2024年政府信息公开工作年度报告"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            "/old/nb2023.html": redirect("/nb/202401/t3.html", 301),
            "/nb/202401/t3.html": html(
                '<a href="P020240115.pdf">测试区2023年度报告</a><a href="javascript:void(0)">打印</a>',
                "utf-8",
                declare="utf-8",
            ),
            "/nb/202401/P020240115.pdf": static(pdf_2024, "application/pdf"),
            "/nb/202201/flaky.html": failing_then(
                2, static(real_doc("pingtan-2024.html").read_bytes(), "text/html")
            ),
            "/nb/slow.html": slow,
            "/nb/files/2019nb.pdf": truncated,
            "/loop/a.html": redirect("/loop/b.html"),
            "/loop/b.html": redirect("/loop/a.html"),
            "/nb/files/2017nb.pdf": endless,
            "/nb/files/2016nb.pdf": declared_too_large,
            "/nb/201601/t5.html": html(
                '<div class="TRS_Editor"><img src="scan1.png" width="900"></div>'
                '<a href="/download?filename=2015nb.wps">2015年报</a>'
                '<a href="测试区2015年报 附件.pdf">附件</a>',
                "utf-8",
                declare="utf-8",
            ),
            "/nb/201601/scan1.png": static(scan, "image/png"),
            "/nb/201601/测试区2015年报 附件.pdf": static(b"%PDF-1.4 2015", "application/pdf"),
            "/download?filename=2015nb.wps": static(wps, "application/octet-stream"),
            "/nb/away.html": redirect("http://elsewhere.example/r.html"),
        }
    )


def serve() -> Iterator[Site]:
    site = Site()
    handler = type(
        "Handler",
        (BaseHTTPRequestHandler,),
        {"do_GET": lambda self: site.handle(self), "log_message": lambda self, *a: None},
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    build(site)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve()


@dataclass
class Fetched:
    site: Site
    corpus: Path
    summary: FetchSummary


@pytest.fixture(scope="module")
def fetched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fetched]:
    """One run on a fresh site and corpus, shared by the tests that only look at its result."""
    for site in serve():
        corpus = tmp_path_factory.mktemp("corpus")
        (corpus / ".fetch" / "tmp").mkdir(parents=True)
        (corpus / ".fetch" / "tmp" / "interrupted.part").write_bytes(b"%PDF-1.4 half")
        yield Fetched(site, corpus, run(site, corpus))


def site_source(site: Site) -> Source:
    """A source with no column URL: the column is found from the home page's links."""
    catalog = load_catalog()
    return Source(
        name="test-site",
        issuer="测试区人民政府",
        site=site.url("/"),
        region="350505",
        report_title=catalog.report_title,
        column_link=catalog.column_link,
        disclosure_link=catalog.disclosure_link,
    )


def run(site: Site, corpus: Path, **options: object):
    settings: dict[str, object] = {
        "delay": 0,
        "timeout": TIMEOUT,
        "allow_private": True,
        "max_bytes": CAP,
        "retries": 3,
        "backoff": 0,
        "progress": False,
    }
    settings.update(options)
    return fetch_sources([site_source(site)], corpus, **settings)


HELD = {
    "/nb/202601/t1.html": "article",
    "/nb/202501/t2.html": "article",
    "/old/nb2023.html": "article",
    "/nb/202201/flaky.html": "article",
    "/nb/201601/t5.html": "article",
    "/nb/202601/P020260112.pdf": "attachment",
    "/nb/files/2024nb.docx": "attachment",
    "/nb/202401/P020240115.pdf": "attachment",
    "/download?filename=2015nb.wps": "attachment",
    "/nb/201601/scan1.png": "image",  # shown in the page's body: read with the page
    "/nb/201601/测试区2015年报 附件.pdf": "attachment",
}

FAILED = {
    "ftp://127.0.0.1/2013nb.pdf": "scheme 'ftp' is not http or https",
    "/private/t4.html": "disallowed by robots.txt",
    "/nb/slow.html": "timed out",
    "/nb/files/2019nb.pdf": "connection broken",
    "/loop/a.html": "redirect loop",
    "/nb/files/2017nb.pdf": f"too large: over the cap of {CAP:,} bytes",
    "/nb/files/2016nb.pdf": "too large: Content-Length",
    "http://other.example/nb/2014.html": "host other.example is not one of the sources' hosts",
    "/nb/away.html": "redirect refused: host elsewhere.example",
    "http://other.example/x.pdf": "host other.example is not one of the sources' hosts",
}


def absolute(site: Site, path: str) -> str:
    return path if "://" in path else site.url(path)


def test_fetch_collects_every_report_once_and_records_every_failure(fetched):
    site, summary = fetched.site, fetched.summary
    entries = {
        e.url: e for e in load_manifest(fetched.corpus, documents_only=False) if e.role != "listing"
    }

    held = {url: e for url, e in entries.items() if e.held}
    assert set(held) == {absolute(site, p) for p in HELD}
    assert {absolute(site, p): role for p, role in HELD.items()} == {
        url: e.role for url, e in held.items()
    }
    failed = {url: e.error for url, e in entries.items() if not e.held}
    assert set(failed) == {absolute(site, p) for p in FAILED}
    for path, reason in FAILED.items():
        assert reason in (failed[absolute(site, path)] or ""), path

    assert summary.found == len(HELD) + len(FAILED)
    assert summary.downloaded == len(HELD)
    assert summary.unchanged == 0
    assert sorted(url for url, _ in summary.failed) == sorted(failed)

    requests = site.statuses()
    assert requests["/old/nb2023.html"] == [301]
    for path in {*HELD, "/nb/202401/t3.html"} - {"/old/nb2023.html"}:
        assert requests[path][-1] == 200 and requests[path].count(200) == 1, path
    assert requests["/nb/202201/flaky.html"] == [503, 503, 200]
    assert site.arrivals["/nb/slow.html"] == 3
    assert requests["/robots.txt"] == [200]
    for never in ("/private/t4.html", "/nb/202501/t2jd.html", "/nb/202502/tz.html"):
        assert never not in requests


def test_manifest_rows_say_where_each_report_came_from(fetched):
    site, tmp_path = fetched.site, fetched.corpus
    entries = {e.url: e for e in load_manifest(tmp_path)}

    redirected = entries[site.url("/old/nb2023.html")]
    assert redirected.final_url == site.url("/nb/202401/t3.html")
    assert redirected.year == 2023 and redirected.title == "测试区2023年度政府信息公开工作年度报告"
    assert redirected.referrer == site.url("/nb/index_1.html")

    first = entries[site.url("/nb/202601/t1.html")]
    assert (
        first.title == "测试区2025年度政府信息公开工作年度报告"
    )  # the title attribute, not the cut text
    assert (
        first.encoding == "utf-8" and first.issuer == "测试区人民政府" and first.region == "350505"
    )

    gbk_article = entries[site.url("/nb/202501/t2.html")]
    assert gbk_article.encoding == "gb18030"

    docx_entry = entries[site.url("/nb/files/2024nb.docx")]
    assert docx_entry.path is not None and docx_entry.path.endswith(".docx")
    assert docx_entry.referrer == site.url("/nb/202501/t2.html") and docx_entry.year == 2024
    pdf = entries[site.url("/nb/202601/P020260112.pdf")]
    assert pdf.sha256 == hashlib.sha256(real_doc("huaian-hongze-2023.pdf").read_bytes()).hexdigest()
    assert (
        pdf.path == f"sha256/{pdf.sha256[:2]}/{pdf.sha256}.pdf"
        and pdf.bytes == (tmp_path / pdf.path).stat().st_size
    )
    assert pdf.etag and pdf.last_modified and pdf.fetched_at and pdf.status == 200
    assert entries[site.url("/download?filename=2015nb.wps")].path.endswith(".wps")
    assert entries[site.url("/nb/202201/flaky.html")].year == 2021

    listings = {
        e.url: e for e in load_manifest(tmp_path, documents_only=False) if e.role == "listing"
    }
    assert listings[site.url("/nb/index_1.html")].encoding == "gb18030"  # undeclared, detected
    assert listings[site.url("/nb/index_2.html")].encoding == "utf-8"
    assert site.url("/nb/index.html") not in listings  # the same page as /nb/


def test_nothing_partial_is_left_in_the_corpus(fetched):
    tmp_path = fetched.corpus

    documents = sorted((tmp_path / "sha256").rglob("*.*"))
    for path in [*documents, *(tmp_path / ".fetch" / "pages").rglob("*.*")]:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem, path
    assert not list((tmp_path / ".fetch" / "tmp").iterdir())
    held = {
        e.path
        for e in load_manifest(tmp_path, documents_only=False)
        if e.held and e.role != "listing"
    }
    assert {str(p.relative_to(tmp_path)) for p in documents} == held
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".manifest*"))


def test_second_run_downloads_nothing_new(site, tmp_path):
    run(site, tmp_path)
    files_before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "sha256").rglob("*.*"))
    mark = len(site.log)

    summary = run(site, tmp_path)

    again = site.statuses(since=mark)
    assert again["/old/nb2023.html"] == [301]
    for path in {*HELD, "/nb/202401/t3.html"} - {"/old/nb2023.html"}:
        assert again[path] == [304], path
    for listing in ("/", "/xxgk/", "/nb/", "/nb/index_1.html", "/nb/index_2.html"):
        assert again[listing] == [304], listing
    served = {p for p, statuses in again.items() if 200 in statuses}
    assert served - set(FAILED) == {"/robots.txt"}  # the rest were aborted or cut off
    assert summary.downloaded == 0 and summary.unchanged == len(HELD)
    assert len(summary.failed) == len(FAILED)
    assert (
        sorted(p.relative_to(tmp_path) for p in (tmp_path / "sha256").rglob("*.*")) == files_before
    )
    entries = {e.url: e for e in load_manifest(tmp_path, documents_only=False)}
    assert all(entries[absolute(site, p)].held for p in HELD)


def test_a_file_missing_from_the_corpus_is_downloaded_again_unconditionally(site, tmp_path):
    run(site, tmp_path, years={2024})
    entry = next(e for e in load_manifest(tmp_path) if e.url.endswith("2024nb.docx"))
    (tmp_path / entry.path).unlink()
    mark = len(site.log)
    summary = run(site, tmp_path, years={2024})
    assert site.statuses(since=mark)["/nb/files/2024nb.docx"] == [200]
    assert (tmp_path / entry.path).is_file()
    assert summary.unchanged >= 1  # the article came back 304; the docx had the same bytes


def test_year_filter_fetches_only_that_years_reports(site, tmp_path):
    summary = run(site, tmp_path, years={2025})
    held = {e.url for e in load_manifest(tmp_path) if e.held}
    assert held == {site.url("/nb/202601/t1.html"), site.url("/nb/202601/P020260112.pdf")}
    assert summary.failed == []


def test_private_addresses_are_refused_without_the_flag(site, tmp_path):
    summary = run(site, tmp_path, allow_private=False)
    assert site.log == []
    assert summary.downloaded == 0
    (url, reason), *_ = summary.failed
    assert url == site.url("/") and "non-public address 127.0.0.1" in reason
    assert "--allow-private" in reason


def test_a_second_fetch_on_the_same_corpus_at_once_is_refused(site, tmp_path):
    from reportextract.fetch.store import CorpusStore

    with CorpusStore(tmp_path).locked(), pytest.raises(FetchError, match="another process"):
        run(site, tmp_path)


def sources_file(tmp_path: Path, site: Site) -> Path:
    path = tmp_path / "sources.yaml"
    bundled = Path(__file__).resolve().parents[1] / "mappings" / "sources.yaml"
    text = bundled.read_text(encoding="utf-8").split("\nsources:\n")[0]
    path.write_text(
        text
        + f"\nsources:\n  - name: test-site\n    issuer: 测试区人民政府\n    site: {site.url('/')}\n"
        + f"    columns: [{site.url('/nb/index_2.html')}]\n",
        encoding="utf-8",
    )
    return path


def test_cli_fetches_a_named_source_and_prints_the_summary(site, tmp_path):
    assert isinstance(fetch_command, click.Command)
    corpus = tmp_path / "corpus"
    result = CliRunner().invoke(
        fetch_command,
        [
            "--sources", str(sources_file(tmp_path, site)),
            "--source", "test-site",
            "--corpus", str(corpus),
            "--delay", "0", "--timeout", str(TIMEOUT), "--retries", "1",
            "--allow-private", "--max-bytes", str(CAP), "--no-progress",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "4 downloaded" in result.output and "redirect loop" in result.output
    held = [
        e for e in load_manifest(corpus, documents_only=False) if e.held and e.role != "listing"
    ]
    assert {e.url for e in held} == {
        site.url("/nb/201601/t5.html"),
        site.url("/nb/201601/scan1.png"),
        site.url("/download?filename=2015nb.wps"),
        site.url("/nb/201601/测试区2015年报 附件.pdf"),
    }
    assert all(e.source == "test-site" and e.issuer == "测试区人民政府" for e in held)


def test_cli_fetches_a_column_given_by_url(site, tmp_path):
    corpus = tmp_path / "corpus"
    result = CliRunner().invoke(
        fetch_command,
        [
            site.url("/nb/index_2.html"),
            "--corpus", str(corpus),
            "--delay", "0", "--timeout", str(TIMEOUT), "--retries", "1",
            "--allow-private", "--max-bytes", str(CAP), "--no-progress",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert site.url("/nb/201601/t5.html") in {e.url for e in load_manifest(corpus) if e.held}


def test_cli_refuses_a_bad_sources_file_with_one_line(tmp_path):
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources: [", encoding="utf-8")
    result = CliRunner().invoke(
        fetch_command, ["--sources", str(bad), "--corpus", str(tmp_path / "c")]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "not valid UTF-8 YAML" in result.output
    assert result.output.count("\n") == 1


def test_run_on_the_fetched_corpus_gives_the_served_reports_cells_with_their_urls(
    fetched, tmp_path
):
    import json

    import pyarrow.parquet as pq

    from reportextract.pipeline import extract
    from reportextract.runner import RunOptions, run_batch
    from reportextract.truth import compare_cells

    site = fetched.site
    summary = run_batch(
        [str(fetched.corpus)], tmp_path / "data", RunOptions(workers=1, progress=False)
    )
    assert summary.processed >= 3
    reports = {r["source"]: r for r in pq.read_table(tmp_path / "data" / "reports").to_pylist()}
    served = {
        "/nb/202601/P020260112.pdf": "huaian-hongze-2023.pdf",
        "/nb/202401/P020240115.pdf": "huaian-hongze-2024.pdf",
        "/nb/202201/flaky.html": "pingtan-2024.html",
    }
    truth_dir = require_shared(REAL_TRUTH)
    for path, name in served.items():
        url = site.url(path)
        assert url in reports, f"{url} not a source in the dataset"
        row = reports[url]
        truth = json.loads((truth_dir / f"{name}.json").read_text(encoding="utf-8"))
        assert (row["issuer"], row["year"]) == (truth["issuer"], truth["year"])
        entry = next(e for e in load_manifest(fetched.corpus) if e.url == url)
        comparison = compare_cells(extract(fetched.corpus / entry.path), truth)
        assert comparison.perfect, comparison.describe()
        assert row["cells"] == len(truth["cells"])
