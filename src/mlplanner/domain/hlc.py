"""Hybrid logical clock stamps: the version of a synced row, comparable across sites.

A stamp is the text "PPPPPPPPPPPPPPP.CCCCC.SITE": physical milliseconds (UTC, 15 digits), a counter
(5 digits), the writing site's code. Text order equals clock order, ties are broken by site code, so
every site picks the same winner. A site that sees a stamp from the future (a PC clock a day ahead)
moves its own clock past it, so its next edit still wins over the version it edited: skewed clocks
never make an edit go backwards.

Text order equals clock order only while every field keeps its width, so:
- the counter never grows past 99999: the tick after 99999 carries into the physical part (one
  millisecond later, counter 0), which keeps the order and the width;
- a stamp read from elsewhere must have exactly this shape (`Stamp.parse`), and one whose physical time
  is more than `MAX_AHEAD_MS` ahead of this PC's clock is refused (`check_not_ahead`) before the clock
  observes it: a PC whose clock says 2199, or a forged stamp, cannot drag the site's clock out of range.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

COUNTER_MAX = 99_999
PHYSICAL_MAX = 10**15 - 1
# How far ahead of this PC's clock a stamp from another site may be. A PC set to the wrong time zone is
# up to 14 hours off; beyond a day the other PC's clock is wrong, and following it would push every
# later edit of this site that far ahead too.
MAX_AHEAD_MS = 24 * 3600 * 1000
SITE_PART = r"[A-Za-z0-9_-]{1,16}"
_STAMP = re.compile(rf"(\d{{15}})\.(\d{{5}})\.({SITE_PART})")
_LENIENT = re.compile(rf"(\d{{1,15}})\.(\d{{1,9}})\.({SITE_PART})")


class BadStamp(ValueError):
    """Text that is not a well-formed stamp."""


class StampAhead(ValueError):
    """A stamp further ahead of this PC's clock than `MAX_AHEAD_MS`."""

    def __init__(self, stamp: Stamp, now_ms: int) -> None:
        super().__init__(str(stamp))
        self.stamp = stamp
        self.ahead_ms = stamp.physical_ms - now_ms


@dataclass(frozen=True, order=True)
class Stamp:
    physical_ms: int
    counter: int
    site: str

    def __str__(self) -> str:
        return f"{self.physical_ms:015d}.{self.counter:05d}.{self.site}"

    @staticmethod
    def parse(text: str) -> Stamp:
        """A stamp of exactly the written shape (15 + 5 digits, a site code); BadStamp otherwise."""
        m = _STAMP.fullmatch(text) if isinstance(text, str) else None
        if m is None:
            raise BadStamp(repr(text)[:60])
        return Stamp(int(m[1]), int(m[2]), m[3])

    @staticmethod
    def parse_lenient(text: str) -> Stamp | None:
        """A stamp as an older version may have stored it (a counter past 99999, written wider); the
        counter's excess is carried into the physical part. None when the text is no stamp at all."""
        m = _LENIENT.fullmatch(text) if isinstance(text, str) else None
        if m is None:
            return None
        physical, counter = int(m[1]), int(m[2])
        if counter > COUNTER_MAX:
            physical, counter = physical + counter // (COUNTER_MAX + 1), counter % (COUNTER_MAX + 1)
        return Stamp(min(physical, PHYSICAL_MAX), counter, m[3])

    @property
    def instant(self) -> datetime | None:
        """The physical part as a UTC instant (None beyond the calendar's range)."""
        try:
            return datetime.fromtimestamp(self.physical_ms / 1000, UTC)
        except (OverflowError, OSError, ValueError):
            return None


def check_not_ahead(stamp: Stamp, now_ms: int) -> None:
    """Raise StampAhead when `stamp` is further ahead of `now_ms` than a clock may move."""
    if stamp.physical_ms - now_ms > MAX_AHEAD_MS:
        raise StampAhead(stamp, now_ms)


def _next(last: Stamp, site: str) -> Stamp:
    if last.counter < COUNTER_MAX:
        return Stamp(last.physical_ms, last.counter + 1, site)
    return Stamp(min(last.physical_ms + 1, PHYSICAL_MAX), 0, site)


class HybridClock:
    """Thread-safe HLC for one site. `now_ms` supplies physical time (from the injected Clock)."""

    def __init__(self, site: str, last: Stamp | None = None) -> None:
        self.site = site
        self._last = last or Stamp(0, 0, site)
        self._lock = threading.Lock()

    def tick(self, now_ms: int) -> Stamp:
        with self._lock:
            if now_ms > self._last.physical_ms:
                self._last = Stamp(min(now_ms, PHYSICAL_MAX), 0, self.site)
            else:
                self._last = _next(self._last, self.site)
            return self._last

    def observe(self, remote: Stamp | str) -> None:
        """Move past a stamp seen elsewhere (a row read from a change set or from the database).

        Text is read leniently (a file written by an older version may hold a wider counter): the
        caller validates what comes from outside first (`Stamp.parse`, `check_not_ahead`).
        """
        stamp = Stamp.parse_lenient(remote) if isinstance(remote, str) else remote
        if stamp is None:
            return
        with self._lock:
            if (stamp.physical_ms, stamp.counter) > (self._last.physical_ms, self._last.counter):
                self._last = Stamp(stamp.physical_ms, stamp.counter, self.site)

    @property
    def last(self) -> Stamp:
        return self._last
