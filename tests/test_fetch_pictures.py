"""A fetched report page whose tables are pictures: fetch stores the pictures its body
shows (same host rules and size cap as any file, content-addressed, role ``image``) and
`run` on the corpus reads them with the page, never as documents of their own.

The page is the real 淮安市 2024 report rebuilt as a web page with its tables as <img>
files (`reportextract.synth.pictures`), served on loopback by the test.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import real_doc, real_truth
from reportextract.fetch import fetch_sources, load_catalog, load_manifest
from reportextract.fetch.manifest import ROLE_IMAGE
from reportextract.fetch.sources import Source
from reportextract.synth.pictures import html_with_table_pictures

pytest.importorskip("rapidocr")

CAP = 1_000_000
ARTICLE = "/nb/202501/t20250120_1.html"


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, dict[str, bytes]]]:
    page, pictures = html_with_table_pictures(real_doc("huaian-city-2024.pdf").read_bytes())
    body_end = page.index(b"</div></body>")
    extra = b'<p><img src="big.png"></p><p><img src="http://other.example/nb/x.png"></p>'
    page = page[:body_end] + extra + page[body_end:]
    page = page.replace(b"<body>", b'<body><img src="/img/logo.png">')
    routes = {
        "/robots.txt": b"User-agent: *\nAllow: /\n",
        "/nb/index.html": (
            f'<html><body><ul><li><a href="{ARTICLE}">'
            "淮安市人民政府2024年政府信息公开工作年度报告</a></li></ul></body></html>"
        ).encode(),
        ARTICLE: page,
        "/img/logo.png": pictures["images/table-1.png"],
        "/nb/202501/big.png": b"\x89PNG\r\n\x1a\n" + bytes(CAP + 10),
    }
    routes.update({f"/nb/202501/{name}": data for name, data in pictures.items()})
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            body = routes.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            kind = "image/png" if self.path.endswith(".png") else "text/html; charset=utf-8"
            if self.path.endswith(".txt"):
                kind = "text/plain"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield base, {**{f"/nb/202501/{n}": d for n, d in pictures.items()}, "requested": requested}  # type: ignore[dict-item]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def corpus(site, tmp_path_factory) -> Path:
    base, _ = site
    catalog = load_catalog()
    source = Source(
        name="huaian",
        issuer="淮安市人民政府",
        site=f"{base}/",
        report_title=catalog.report_title,
        column_link=catalog.column_link,
        disclosure_link=catalog.disclosure_link,
        columns=(f"{base}/nb/index.html",),
    )
    folder = tmp_path_factory.mktemp("fetched") / "corpus"
    fetch_sources(
        [source], folder, delay=0, allow_private=True, max_bytes=CAP, retries=1, progress=False
    )
    return folder


def test_fetch_stores_the_pictures_the_report_body_shows(site, corpus):
    base, served = site
    rows = {e.url: e for e in load_manifest(corpus, documents_only=False)}
    page_url = base + ARTICLE
    pictures = {path: data for path, data in served.items() if path != "requested"}
    for path, data in pictures.items():
        entry = rows[base + path]
        assert entry.role == ROLE_IMAGE and entry.referrer == page_url and entry.error is None
        digest = hashlib.sha256(data).hexdigest()
        assert entry.sha256 == digest and entry.path == f"sha256/{digest[:2]}/{digest}.png"
        assert (corpus / entry.path).read_bytes() == data
    assert "too large" in (rows[base + "/nb/202501/big.png"].error or "")
    assert "not one of the sources' hosts" in (rows["http://other.example/nb/x.png"].error or "")
    assert base + "/img/logo.png" not in rows  # outside the report body
    assert "/img/logo.png" not in served["requested"]


def test_run_reads_the_pictures_with_their_page_and_not_as_documents(site, corpus, tmp_path):
    from reportextract.runner import RunOptions, run_batch

    base, _ = site
    run_batch([str(corpus)], tmp_path / "data", RunOptions(workers=1, progress=False))
    reports = pq.read_table(tmp_path / "data" / "reports").to_pylist()
    assert [r["source"] for r in reports] == [base + ARTICLE]
    [report] = reports
    assert report["status"] == "ok", report["error"]
    cells = pq.read_table(tmp_path / "data" / "cells").to_pylist()
    truth = real_truth("huaian-city-2024.pdf")
    printed = {(c["table"], c["row_code"], c["col_code"]): c["value"] for c in cells}
    expected = {(c["table"], c["row_code"], c["col_code"]): c["value"] for c in truth["cells"]}
    right = sum(1 for key, value in expected.items() if printed.get(key) == value)
    assert right >= 0.99 * len(expected) and set(printed) <= set(expected)
    images = {c["image"] for c in cells}
    assert images and all(i.startswith(f"{base}/nb/202501/images/table-") for i in images)
    assert json.dumps(report["ocr_pages"]) == "1"
