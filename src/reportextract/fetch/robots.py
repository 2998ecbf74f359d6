"""robots.txt rules for one origin, read as RFC 9309 says.

A robots.txt that is missing (4xx) allows everything; one that cannot be fetched (5xx,
network failure) forbids everything on that origin for this run.
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class RobotsRules:
    parser: Protego | None
    refusal: str | None = None

    @classmethod
    def allow_all(cls) -> RobotsRules:
        return cls(parser=None)

    @classmethod
    def unreachable(cls, reason: str) -> RobotsRules:
        return cls(parser=None, refusal=f"robots.txt unreachable ({reason}), so not fetched")

    @classmethod
    def from_response(cls, status: int, body: bytes) -> RobotsRules:
        if 200 <= status < 300:
            text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
            return cls(parser=Protego.parse(text))
        if 400 <= status < 500:
            return cls.allow_all()
        return cls.unreachable(f"HTTP {status}")

    def refusal_for(self, url: str, user_agent: str) -> str | None:
        """Why ``url`` may not be fetched, or None when it may."""
        if self.refusal:
            return self.refusal
        if self.parser is not None and not self.parser.can_fetch(url, user_agent):
            return "disallowed by robots.txt"
        return None

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None
