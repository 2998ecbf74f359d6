"""Which URLs the fetcher may request: scheme, host and address rules."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import httpx

from .errors import RefusedURL

ANY_HOST = "*"
SCHEMES = ("http", "https")

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(slots=True)
class UrlPolicy:
    """Refuses URLs that are not http(s), not on an allowed host, or not on a public address.

    ``allowed_hosts`` None or containing ``"*"`` allows every host. Private, loopback,
    link-local and other non-global addresses are refused unless ``allow_private``; every
    address the host resolves to is checked.
    """

    allowed_hosts: Collection[str] | None = None
    allow_private: bool = False
    resolver: Resolver = resolve
    _checked: dict[tuple[str, int], str | None] = field(default_factory=dict, repr=False)

    def check(self, url: httpx.URL | str) -> httpx.URL:
        """Return the URL as an `httpx.URL`, or raise `RefusedURL` saying which rule it breaks."""
        try:
            parsed = httpx.URL(url) if isinstance(url, str) else url
        except httpx.InvalidURL as exc:
            raise RefusedURL(f"invalid URL {url!s} ({exc})") from None
        if parsed.scheme not in SCHEMES:
            raise RefusedURL(f"scheme {parsed.scheme or '(none)'!r} is not http or https")
        host = parsed.host.lower()
        if not host:
            raise RefusedURL("no host in the URL")
        if not self.host_allowed(host):
            raise RefusedURL(f"host {host} is not one of the sources' hosts")
        if not self.allow_private:
            port = parsed.port or (443 if parsed.scheme == "https" else 80)
            key = (host, port)
            if key not in self._checked:
                self._checked[key] = self._address_problem(host, port)
            problem = self._checked[key]
            if problem:
                raise RefusedURL(problem)
        return parsed

    def host_allowed(self, host: str) -> bool:
        if self.allowed_hosts is None or ANY_HOST in self.allowed_hosts:
            return True
        return host.lower() in self.allowed_hosts

    def _address_problem(self, host: str, port: int) -> str | None:
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            return f"cannot resolve {host} ({exc})"
        if not addresses:
            return f"{host} resolves to no address"
        for address in addresses:
            try:
                public = is_public_address(address)
            except ValueError:
                return f"{host} resolves to an unreadable address {address!r}"
            if not public:
                return f"{host} resolves to non-public address {address} (use --allow-private)"
        return None
