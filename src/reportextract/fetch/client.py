"""A polite HTTP client: policy and robots.txt checked on every hop, throttled, retried, capped.

httpx is the only I/O; its transport is the seam tests replace.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Protocol

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
)

from .. import __version__
from .errors import DownloadError, RefusedURL, TooLarge
from .filetypes import disposition_filename
from .policy import UrlPolicy
from .robots import ROBOTS_MAX_BYTES, RobotsRules
from .throttle import HostThrottle

PROJECT_URL = "https://github.com/reportextract/reportextract"
USER_AGENT = f"reportextract/{__version__} (+{PROJECT_URL}; research)"
ROBOTS_AGENT = "reportextract"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_RETRIES = 4
DEFAULT_BACKOFF = 1.0


class Sink(Protocol):
    size: int

    def write(self, chunk: bytes) -> None: ...

    def discard(self) -> None: ...


class MemorySink:
    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0

    def write(self, chunk: bytes) -> None:
        self.chunks.append(chunk)
        self.size += len(chunk)

    def discard(self) -> None:
        self.chunks.clear()

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)


@dataclass(slots=True)
class Fetched:
    """The outcome of a GET that reached a final (non-redirect) response."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    sink: Sink | None
    attempts: int
    filename: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class _Hop:
    status: int
    location: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    filename: str | None = None
    sink: Sink | None = None


class _Transient(Exception):
    def __init__(self, reason: str, *, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


class PoliteClient:
    """GETs URLs under the fetch rules; see `fetch`."""

    def __init__(
        self,
        *,
        policy: UrlPolicy,
        throttle: HostThrottle,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_redirects: int = 10,
        deadline: float = 600.0,
        user_agent: str = USER_AGENT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if retries < 1:
            raise ValueError("retries counts attempts and must be >= 1")
        self.policy = policy
        self.throttle = throttle
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.max_redirects = max_redirects
        self.deadline = deadline
        self.user_agent = user_agent
        self._client = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=transport is None,
        )
        self._robots: dict[str, RobotsRules] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self,
        url: str,
        sink_factory: Callable[[], Sink],
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        referer: str | None = None,
    ) -> Fetched:
        """GET ``url`` into a new sink, following redirects that pass the rules.

        Sends If-None-Match / If-Modified-Since when given (a 304 comes back with no sink).
        Raises `RefusedURL` for a URL or redirect the rules forbid, `TooLarge` past the size
        cap, `DownloadError` for any other failure; the message is the reason.
        """
        headers = {"Accept": "*/*"}
        if etag and etag.isascii():
            headers["If-None-Match"] = etag
        if last_modified and last_modified.isascii():
            headers["If-Modified-Since"] = last_modified
        if referer:
            with contextlib.suppress(httpx.InvalidURL):
                headers["Referer"] = str(httpx.URL(referer))  # percent-encodes 中文 paths
        return self._follow(url, headers, sink_factory, obey_robots=True, max_bytes=self.max_bytes)

    def _follow(
        self,
        url: str,
        headers: dict[str, str],
        sink_factory: Callable[[], Sink],
        *,
        obey_robots: bool,
        max_bytes: int,
    ) -> Fetched:
        current = self.policy.check(url)
        seen: set[str] = set()
        attempts = 0
        for _ in range(self.max_redirects + 1):
            key = str(current.copy_with(fragment=None))
            if key in seen:
                raise DownloadError(f"redirect loop (back to {key})", final_url=key)
            seen.add(key)
            if obey_robots:
                self._obey_robots(current)
            hop, used = self._with_retries(current, headers, sink_factory, max_bytes)
            attempts += used
            if hop.location is None:
                return Fetched(
                    url=url,
                    final_url=key,
                    status=hop.status,
                    content_type=hop.content_type,
                    etag=hop.etag,
                    last_modified=hop.last_modified,
                    sink=hop.sink,
                    attempts=attempts,
                    filename=hop.filename,
                )
            try:
                target = current.join(hop.location)
            except httpx.InvalidURL as exc:
                raise DownloadError(f"bad redirect Location {hop.location!r} ({exc})") from None
            try:
                current = self.policy.check(target)
            except RefusedURL as exc:
                raise RefusedURL(
                    f"redirect refused: {exc.reason} ({target})", final_url=str(target)
                ) from None
        raise DownloadError(f"more than {self.max_redirects} redirects", final_url=str(current))

    def _with_retries(
        self,
        url: httpx.URL,
        headers: dict[str, str],
        sink_factory: Callable[[], Sink],
        max_bytes: int,
    ) -> tuple[_Hop, int]:
        retrying = Retrying(
            stop=stop_after_attempt(self.retries),
            wait=self._wait,
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        try:
            hop = retrying(self._hop, url, headers, sink_factory, max_bytes)
        except _Transient as exc:
            times = "once" if self.retries == 1 else f"{self.retries} times"
            raise DownloadError(
                f"{exc.reason} (tried {times})", status=exc.status, final_url=str(url)
            ) from None
        return hop, int(retrying.statistics.get("attempt_number", 1))

    def _wait(self, state: RetryCallState) -> float:
        exponent = min(state.attempt_number - 1, 4)
        base = self.backoff * (2**exponent + random.random())
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        retry_after = error.retry_after if isinstance(error, _Transient) else None
        if retry_after is not None:
            return min(max(base, retry_after), MAX_RETRY_AFTER)
        return base

    def _hop(
        self,
        url: httpx.URL,
        headers: dict[str, str],
        sink_factory: Callable[[], Sink],
        max_bytes: int,
    ) -> _Hop:
        started = time.monotonic()
        with self.throttle.slot(url.host):
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    return self._read(response, sink_factory, started, max_bytes)
            except httpx.TimeoutException as exc:
                raise _Transient(f"timed out ({type(exc).__name__})") from None
            except httpx.RemoteProtocolError as exc:
                raise _Transient(f"connection broken: {_one_line(exc)}") from None
            except httpx.TransportError as exc:
                raise _Transient(f"network error: {_one_line(exc) or type(exc).__name__}") from None
            except httpx.HTTPError as exc:
                raise DownloadError(
                    f"{type(exc).__name__}: {_one_line(exc)}", final_url=str(url)
                ) from None

    def _read(
        self,
        response: httpx.Response,
        sink_factory: Callable[[], Sink],
        started: float,
        max_bytes: int,
    ) -> _Hop:
        status = response.status_code
        if response.is_redirect and "location" in response.headers:
            return _Hop(status=status, location=response.headers["location"])
        if status in RETRY_STATUSES:
            raise _Transient(
                f"HTTP {status}",
                status=status,
                retry_after=_retry_after(response.headers.get("retry-after")),
            )
        hop = _Hop(
            status=status,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            filename=disposition_filename(response.headers.get("content-disposition")),
        )
        if status == 304:
            return hop
        if status >= 300:
            raise DownloadError(f"HTTP {status}", status=status, final_url=str(response.url))
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise TooLarge(
                f"too large: Content-Length {int(declared):,} bytes is over the cap of "
                f"{max_bytes:,}",
                status=status,
                final_url=str(response.url),
            )
        sink = sink_factory()
        try:
            for chunk in response.iter_bytes():
                sink.write(chunk)
                if sink.size > max_bytes:
                    raise TooLarge(
                        f"too large: over the cap of {max_bytes:,} bytes",
                        status=status,
                        final_url=str(response.url),
                    )
                if time.monotonic() - started > self.deadline:
                    raise DownloadError(
                        f"download took longer than {self.deadline:g} s",
                        status=status,
                        final_url=str(response.url),
                    )
        except BaseException:
            sink.discard()
            raise
        hop.sink = sink
        return hop

    def _obey_robots(self, url: httpx.URL) -> None:
        rules = self._robots_rules(url)
        refusal = rules.refusal_for(str(url), ROBOTS_AGENT)
        if refusal:
            raise RefusedURL(refusal, final_url=str(url))

    def _robots_rules(self, url: httpx.URL) -> RobotsRules:
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin, url.host)
            return self._robots[origin]

    def _load_robots(self, origin: str, host: str) -> RobotsRules:
        try:
            fetched = self._follow(
                f"{origin}/robots.txt",
                {"Accept": "text/plain, */*"},
                MemorySink,
                obey_robots=False,
                max_bytes=ROBOTS_MAX_BYTES * 4,
            )
        except RefusedURL:
            rules = RobotsRules.allow_all()
        except DownloadError as exc:
            missing = exc.status is not None and 400 <= exc.status < 500
            if missing or isinstance(exc, TooLarge):
                rules = RobotsRules.allow_all()
            else:
                rules = RobotsRules.unreachable(exc.reason)
        else:
            body = fetched.sink.body if isinstance(fetched.sink, MemorySink) else b""
            rules = RobotsRules.from_response(fetched.status, body)
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay:
            self.throttle.set_delay(host, delay)
        return rules


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""
