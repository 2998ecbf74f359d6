"""Per-host politeness: at most N requests in flight and a minimum gap between request starts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(slots=True)
class _HostState:
    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0
    delay: float = 0.0


class HostThrottle:
    """Spaces the requests to each host by ``delay`` seconds, ``concurrency`` at a time."""

    def __init__(self, delay: float, concurrency: int = 1) -> None:
        if delay < 0:
            raise ValueError("delay must be >= 0")
        if concurrency < 1:
            raise ValueError("concurrency must be >= 1")
        self.delay = delay
        self.concurrency = concurrency
        self._hosts: dict[str, _HostState] = {}
        self._lock = threading.Lock()

    def set_delay(self, host: str, delay: float) -> None:
        """Raise the gap for ``host`` (e.g. to robots.txt's Crawl-delay); never lowers it."""
        state = self._state(host)
        with state.lock:
            state.delay = max(state.delay, delay)

    def delay_for(self, host: str) -> float:
        return self._state(host).delay

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        state = self._state(host)
        with state.slots:
            with state.lock:
                now = time.monotonic()
                wait = state.next_start - now
                state.next_start = max(now, state.next_start) + state.delay
            if wait > 0:
                time.sleep(wait)
            yield

    def _state(self, host: str) -> _HostState:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = _HostState(slots=threading.Semaphore(self.concurrency), delay=self.delay)
                self._hosts[host] = state
            return state
