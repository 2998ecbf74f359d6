"""Only http(s) URLs on the sources' hosts and on public addresses are fetched."""

from __future__ import annotations

import httpx
import pytest

from reportextract.fetch import DownloadError, RefusedURL, UrlPolicy
from reportextract.fetch.client import USER_AGENT, MemorySink, PoliteClient
from reportextract.fetch.throttle import HostThrottle

ADDRESSES = {
    "www.qg.gov.cn": ["61.131.0.10"],
    "intranet.qg.gov.cn": ["10.1.2.3"],
    "dual.qg.gov.cn": ["61.131.0.11", "192.168.1.5"],
    "v6.qg.gov.cn": ["fe80::1"],
    "mapped.qg.gov.cn": ["::ffff:127.0.0.1"],
}


def resolver(host: str, port: int) -> list[str]:
    if host in ADDRESSES:
        return ADDRESSES[host]
    try:
        import ipaddress

        return [str(ipaddress.ip_address(host))]
    except ValueError:
        raise OSError(f"unknown host {host}") from None


def policy(**kwargs) -> UrlPolicy:
    hosts = frozenset(ADDRESSES) | {"127.0.0.1", "169.254.169.254"}
    return UrlPolicy(allowed_hosts=kwargs.pop("allowed_hosts", hosts), resolver=resolver, **kwargs)


def test_public_host_of_a_source_is_allowed():
    assert policy().check("http://www.qg.gov.cn/zwgk/").host == "www.qg.gov.cn"


@pytest.mark.parametrize(
    "url",
    [
        "http://intranet.qg.gov.cn/a",
        "http://dual.qg.gov.cn/a",
        "http://v6.qg.gov.cn/a",
        "http://mapped.qg.gov.cn/a",
        "http://127.0.0.1:8080/a",
        "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with pytest.raises(RefusedURL, match="non-public address"):
        policy().check(url)


def test_private_addresses_are_allowed_with_the_flag():
    assert policy(allow_private=True).check("http://127.0.0.1:8080/a").port == 8080


@pytest.mark.parametrize("url", ["ftp://www.qg.gov.cn/a.pdf", "file:///etc/passwd", "gopher://x/"])
def test_schemes_other_than_http_and_https_are_refused(url):
    with pytest.raises(RefusedURL, match="is not http or https"):
        policy(allow_private=True).check(url)


def test_hosts_outside_the_sources_are_refused():
    with pytest.raises(
        RefusedURL, match=r"host www\.example\.com is not one of the sources' hosts"
    ):
        policy().check("https://www.example.com/report.pdf")


def test_unresolvable_host_is_refused_with_the_reason():
    with pytest.raises(RefusedURL, match="cannot resolve"):
        policy(allowed_hosts=None).check("http://no-such-host.invalid/")


def test_any_host_is_allowed_with_the_wildcard():
    assert policy(allowed_hosts={"*"}).host_allowed("anything.example")


def client_for(handler, *, retries: int = 1) -> PoliteClient:
    return PoliteClient(
        policy=policy(),
        throttle=HostThrottle(0),
        timeout=1,
        retries=retries,
        backoff=0,
        transport=httpx.MockTransport(handler),
    )


def test_a_redirect_to_a_private_address_is_refused_before_it_is_requested():
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://intranet.qg.gov.cn/secret"})

    with client_for(handler) as client, pytest.raises(RefusedURL) as caught:
        client.fetch("http://www.qg.gov.cn/nb/", MemorySink)
    assert "redirect refused" in caught.value.reason
    assert "10.1.2.3" in caught.value.reason
    assert not any("intranet" in url for url in requested)


def test_requests_carry_an_honest_user_agent():
    agents: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["User-Agent"])
        return httpx.Response(200, content=b"ok" if request.url.path != "/robots.txt" else b"")

    with client_for(handler) as client:
        fetched = client.fetch("http://www.qg.gov.cn/nb/", MemorySink)
    assert fetched.status == 200
    assert agents and set(agents) == {USER_AGENT}
    assert USER_AGENT.startswith("reportextract/") and "research" in USER_AGENT


def test_robots_txt_that_cannot_be_fetched_forbids_the_host():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(500)
        return httpx.Response(200, content=b"should not be fetched")

    with client_for(handler) as client, pytest.raises(RefusedURL, match=r"robots\.txt unreachable"):
        client.fetch("http://www.qg.gov.cn/nb/", MemorySink)


def test_robots_crawl_delay_slows_that_host_down():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nCrawl-delay: 7\n")
        return httpx.Response(200, content=b"ok")

    with client_for(handler) as client:
        client.fetch("http://www.qg.gov.cn/nb/", MemorySink)
        assert client.throttle.delay_for("www.qg.gov.cn") == 7
        assert client.throttle.delay_for("other.gov.cn") == 0


def test_retries_stop_after_the_configured_attempts_with_the_last_reason():
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        calls.append(request.url.path)
        return httpx.Response(502)

    with (
        client_for(handler, retries=3) as client,
        pytest.raises(DownloadError, match=r"HTTP 502 \(tried 3 times\)"),
    ):
        client.fetch("http://www.qg.gov.cn/nb/", MemorySink)
    assert calls == ["/nb/"] * 3


def test_client_errors_are_not_retried():
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(404)

    with client_for(handler) as client, pytest.raises(DownloadError, match="HTTP 404"):
        client.fetch("http://www.qg.gov.cn/gone.pdf", MemorySink)
    assert calls == ["/robots.txt", "/gone.pdf"]
