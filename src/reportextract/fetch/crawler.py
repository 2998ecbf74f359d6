"""From sources to a corpus: walk each 年报 column, follow its reports, store what they hold."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from tqdm import tqdm

from .client import (
    DEFAULT_BACKOFF,
    DEFAULT_MAX_BYTES,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    PoliteClient,
)
from .discovery import Link, find_links, parse_article, parse_listing, report_year
from .encoding import decode_page
from .errors import DownloadError, FetchError
from .filetypes import is_attachment_url, is_html, sniff_extension
from .manifest import (
    ROLE_ARTICLE,
    ROLE_ATTACHMENT,
    ROLE_IMAGE,
    ROLE_LISTING,
    ManifestEntry,
    load_manifest,
    manifest_path,
    write_manifest,
)
from .policy import ANY_HOST, UrlPolicy
from .sources import Source
from .store import DOCUMENTS, PAGES, CorpusStore, PendingFile
from .throttle import HostThrottle

DEFAULT_DELAY = 1.0
DEFAULT_MAX_PAGES = 100
_SAVE_EVERY = 5.0
_MAX_DISCLOSURE_PAGES = 3


@dataclass(slots=True)
class FetchSummary:
    """What a fetch run did. ``found`` counts report files (pages and attachments) discovered."""

    corpus: Path
    found: int = 0
    downloaded: int = 0
    unchanged: int = 0
    listing_pages: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def manifest(self) -> Path:
        return manifest_path(self.corpus)

    def failure_reasons(self) -> Counter[str]:
        return Counter(_reason_kind(reason) for _, reason in self.failed)

    def render(self) -> str:
        lines = [
            f"found {self.found} report files on {self.listing_pages} list pages: "
            f"{self.downloaded} downloaded, {self.unchanged} unchanged, {len(self.failed)} failed",
        ]
        if self.failed:
            counts = self.failure_reasons().most_common()
            lines.append("failures: " + ", ".join(f"{n} {kind}" for kind, n in counts))
        lines += [f"  {url}: {reason}" for url, reason in self.failed]
        lines.append(f"manifest: {self.manifest}")
        return "\n".join(lines)


def fetch_sources(
    sources: Sequence[Source],
    corpus_dir: Path | str,
    *,
    delay: float = DEFAULT_DELAY,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    allowed_hosts: Collection[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    years: Collection[int] | None = None,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    concurrency: int = 1,
    workers: int = 4,
    user_agent: str = USER_AGENT,
    transport: httpx.BaseTransport | None = None,
    progress: bool = True,
) -> FetchSummary:
    """Collect the reports of ``sources`` into ``corpus_dir`` and write its manifest.

    Only the sources' hosts are fetched, plus ``allowed_hosts`` (``"*"`` lifts the limit).
    ``delay`` seconds separate requests to one host (longer if robots.txt asks), at most
    ``concurrency`` at a time; ``retries`` counts attempts on timeouts, broken connections and
    5xx. A re-run sends the validators of what the corpus holds and downloads only changes.
    """
    hosts = set().union(*(s.host_names() for s in sources)) if sources else set()
    if allowed_hosts is not None:
        hosts |= {h.lower() for h in allowed_hosts}
    policy = UrlPolicy(
        allowed_hosts=None if ANY_HOST in hosts else frozenset(hosts),
        allow_private=allow_private,
    )
    store = CorpusStore(corpus_dir)
    store.prepare()
    summary = FetchSummary(corpus=Path(corpus_dir))
    with (
        store.locked(),
        PoliteClient(
            policy=policy,
            throttle=HostThrottle(delay, concurrency),
            timeout=timeout,
            max_bytes=max_bytes,
            retries=retries,
            backoff=backoff,
            user_agent=user_agent,
            transport=transport,
        ) as client,
        tqdm(
            desc="fetch",
            unit="file",
            file=sys.stderr,
            disable=not progress or not sys.stderr.isatty(),  # redraws pile up in a log
            leave=False,
        ) as bar,
    ):
        crawl = _Crawl(
            store=store,
            client=client,
            summary=summary,
            previous=load_manifest(corpus_dir, documents_only=False),
            years=frozenset(years) if years else None,
            max_pages=max_pages,
            bar=bar,
        )
        pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(sources))))
        try:
            for _ in pool.map(crawl.source, sources):
                pass
        except BaseException:
            crawl.stop.set()  # Ctrl-C or a bug: the other workers end after their current file
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            crawl.save()
    return summary


class _Crawl:
    def __init__(
        self,
        *,
        store: CorpusStore,
        client: PoliteClient,
        summary: FetchSummary,
        previous: Iterable[ManifestEntry],
        years: frozenset[int] | None,
        max_pages: int,
        bar: tqdm,
    ) -> None:
        self.store = store
        self.client = client
        self.summary = summary
        self.years = years
        self.max_pages = max_pages
        self.bar = bar
        self.entries = {e.url: e for e in previous}
        self.claimed: set[str] = set()
        self.lock = threading.Lock()
        self.saved_at = time.monotonic()
        self.stop = threading.Event()

    def source(self, source: Source) -> None:
        columns = list(source.columns) or self._find_columns(source)
        for column in columns:
            for link, listing in self._listed_reports(source, column):
                self._report(source, link, listing)

    def save(self) -> None:
        with self.lock:
            write_manifest(self.store.root, list(self.entries.values()))
            self.saved_at = time.monotonic()

    def _find_columns(self, source: Source) -> list[str]:
        """The site's 年报 column, from its home page or its 政府信息公开 pages."""
        home = self._page(source, source.site, referrer=None)
        if home is None:
            return []
        text, url = home
        columns = [link.url for link in find_links(text, url, source.column_link)]
        if not columns:
            disclosure = find_links(text, url, source.disclosure_link)[:_MAX_DISCLOSURE_PAGES]
            for link in disclosure:
                page = self._page(source, link.url, referrer=url)
                if page is not None:
                    columns += [c.url for c in find_links(*page, source.column_link)]
        columns = [c for c in dict.fromkeys(columns) if self.client.policy.host_allowed(_host(c))]
        if not columns:
            self._fail(source.site, f"no 政府信息公开年报 column linked from {source.site}")
        return columns

    def _listed_reports(self, source: Source, column: str) -> Iterator[tuple[Link, str]]:
        queue = deque([column])
        visited: set[str] = set()
        while queue and len(visited) < self.max_pages:
            url = queue.popleft()
            if _listing_key(url) in visited:
                continue
            visited.add(_listing_key(url))
            page = self._page(source, url, referrer=None)
            if page is None:
                continue
            text, final_url = page
            listing = parse_listing(
                text,
                final_url,
                source.report_title,
                article_pattern=source.article_pattern,
                listing_pattern=source.listing_pattern,
            )
            for link in listing.reports:
                yield link, final_url
            queue.extend(
                p
                for p in listing.pages
                if _listing_key(p) not in visited and self.client.policy.host_allowed(_host(p))
            )

    def _report(self, source: Source, link: Link, listing: str) -> None:
        if self.years is not None and link.year is not None and link.year not in self.years:
            return
        if not self._claim(link.url):
            return
        role = ROLE_ATTACHMENT if is_attachment_url(link.url) else ROLE_ARTICLE
        entry, text = self._get(
            link.url, role, source, title=link.title, year=link.year, referrer=listing
        )
        if text is None or entry.role != ROLE_ARTICLE:
            return
        article = parse_article(text, entry.final_url or link.url)
        for attachment in article.attachments:
            if self._claim(attachment.url):
                self._get(
                    attachment.url,
                    ROLE_ATTACHMENT,
                    source,
                    title=attachment.title or link.title,
                    year=link.year or report_year(attachment.title),
                    referrer=entry.final_url or link.url,
                )
        for picture in article.pictures:
            if self._claim(picture.url):
                self._get(
                    picture.url,
                    ROLE_IMAGE,
                    source,
                    title=picture.title or None,
                    year=link.year,
                    referrer=entry.final_url or link.url,
                )

    def _page(self, source: Source, url: str, *, referrer: str | None) -> tuple[str, str] | None:
        entry, text = self._get(url, ROLE_LISTING, source, referrer=referrer)
        if text is None:
            return None
        return text, entry.final_url or url

    def _claim(self, url: str) -> bool:
        with self.lock:
            if url in self.claimed:
                return False
            self.claimed.add(url)
            self.summary.found += 1
            return True

    def _get(
        self,
        url: str,
        role: str,
        source: Source,
        *,
        title: str | None = None,
        year: int | None = None,
        referrer: str | None = None,
    ) -> tuple[ManifestEntry, str | None]:
        """Fetch one URL into the corpus; return its manifest row and, for pages, their text."""
        if self.stop.is_set():
            raise FetchError("fetch interrupted")
        prior = self.entries.get(url)
        holds = prior is not None and self.store.holds(prior.path, prior.sha256)
        base = ManifestEntry(
            url=url,
            role=role,
            source=source.name,
            issuer=source.issuer,
            region=source.region,
            year=year,
            title=title,
            referrer=referrer,
        )
        now = _now()
        pending: list[PendingFile] = []

        def sink() -> PendingFile:
            pending.append(self.store.pending())
            return pending[-1]

        try:
            fetched = self.client.fetch(
                url,
                sink,
                etag=prior.etag if holds and prior else None,
                last_modified=prior.last_modified if holds and prior else None,
                referer=referrer,
            )
        except DownloadError as exc:
            for p in pending:
                p.discard()
            kept = prior if holds and prior else base
            entry = kept.with_(
                error=exc.reason,
                checked_at=now,
                final_url=exc.final_url or kept.final_url,
                status=kept.status if holds else exc.status,
            )
            self._record(entry, failed=exc.reason)
            return entry, None

        if fetched.not_modified:
            if not (holds and prior and prior.path):
                entry = base.with_(error="HTTP 304 for a file the corpus does not hold")
                self._record(entry, failed=entry.error)
                return entry, None
            entry = prior.with_(
                checked_at=now,
                error=None,
                title=title or prior.title,
                year=year or prior.year,
                referrer=referrer or prior.referrer,
                etag=fetched.etag or prior.etag,
                last_modified=fetched.last_modified or prior.last_modified,
            )
            self._record(entry, unchanged=True)
            if entry.role in (ROLE_ATTACHMENT, ROLE_IMAGE):
                return entry, None
            return entry, decode_page(self.store.read(prior.path), entry.content_type)[0]

        stored = fetched.sink
        if not isinstance(stored, PendingFile):
            raise TypeError("the client must write into the sink it was given")
        page = is_html(stored.head, fetched.content_type)
        if role == ROLE_ARTICLE and not page:
            role = ROLE_ATTACHMENT
        if role == ROLE_IMAGE and page:
            for p in pending:
                p.discard()
            entry = base.with_(error="an HTML page where a picture was expected", checked_at=now)
            self._record(entry, failed=entry.error)
            return entry, None
        extension = sniff_extension(
            stored.head, fetched.final_url, fetched.content_type, fetched.filename
        )
        area = PAGES if role == ROLE_LISTING else DOCUMENTS
        path = self.store.commit(stored, extension, area=area)
        text, encoding = (
            decode_page(self.store.read(path), fetched.content_type) if page else (None, None)
        )
        entry = base.with_(
            role=role,
            final_url=fetched.final_url,
            status=fetched.status,
            content_type=fetched.content_type,
            encoding=encoding,
            bytes=stored.size,
            sha256=stored.sha256,
            path=path,
            fetched_at=now,
            checked_at=now,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
        )
        self._record(entry, unchanged=prior is not None and prior.sha256 == stored.sha256)
        return entry, text if role not in (ROLE_ATTACHMENT, ROLE_IMAGE) else None

    def _record(
        self, entry: ManifestEntry, *, unchanged: bool = False, failed: str | None = None
    ) -> None:
        with self.lock:
            self.entries[entry.url] = entry
            if entry.role == ROLE_LISTING:
                self.summary.listing_pages += failed is None
            elif unchanged:
                self.summary.unchanged += 1
            elif failed is None:
                self.summary.downloaded += 1
            if failed is not None:
                self.summary.failed.append((entry.url, failed))
            if entry.role != ROLE_LISTING:
                self.bar.update(1)
            due = time.monotonic() - self.saved_at > _SAVE_EVERY
        if due:
            self.save()

    def _fail(self, url: str, reason: str) -> None:
        with self.lock:
            self.summary.failed.append((url, reason))


def _listing_key(url: str) -> str:
    """One key for a column's directory URL and its index page (…/ and …/index.html)."""
    parts = urlsplit(url)
    name = parts.path.rsplit("/", 1)[-1].lower()
    if name.startswith("index.") and not parts.query:
        return urljoin(url, "./")
    return url


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _reason_kind(reason: str) -> str:
    return reason.split(":", 1)[0].split(" (", 1)[0]
