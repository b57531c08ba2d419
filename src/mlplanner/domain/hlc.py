"""Hybrid logical clock stamps: the version of a synced row, comparable across sites.

A stamp is the text "PPPPPPPPPPPPPPP.CCCCC.SITE": physical milliseconds (UTC), a counter, the writing
site's code. Text order equals clock order, ties are broken by site code, so every site picks the same
winner. A site that sees a stamp from the future (a PC clock a day ahead) moves its own clock past it,
so its next edit still wins over the version it edited: skewed clocks never make an edit go backwards.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Stamp:
    physical_ms: int
    counter: int
    site: str

    def __str__(self) -> str:
        return f"{self.physical_ms:015d}.{self.counter:05d}.{self.site}"

    @staticmethod
    def parse(text: str) -> Stamp:
        physical, counter, site = text.split(".", 2)
        return Stamp(int(physical), int(counter), site)


class HybridClock:
    """Thread-safe HLC for one site. `now_ms` supplies physical time (from the injected Clock)."""

    def __init__(self, site: str, last: Stamp | None = None) -> None:
        self.site = site
        self._last = last or Stamp(0, 0, site)
        self._lock = threading.Lock()

    def tick(self, now_ms: int) -> Stamp:
        with self._lock:
            if now_ms > self._last.physical_ms:
                self._last = Stamp(now_ms, 0, self.site)
            else:
                self._last = Stamp(self._last.physical_ms, self._last.counter + 1, self.site)
            return self._last

    def observe(self, remote: Stamp | str) -> None:
        """Move past a stamp seen elsewhere (a row read from a change set or from the database)."""
        stamp = Stamp.parse(remote) if isinstance(remote, str) else remote
        with self._lock:
            if (stamp.physical_ms, stamp.counter) > (self._last.physical_ms, self._last.counter):
                self._last = Stamp(stamp.physical_ms, stamp.counter, self.site)

    @property
    def last(self) -> Stamp:
        return self._last
