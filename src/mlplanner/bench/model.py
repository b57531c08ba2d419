"""What the generator hands to the measurements: ids and counts of the generated site."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class PlannedSession:
    """A workshop session placed by the generator (inserted only if the workshop tables exist)."""

    day: date
    start: datetime
    end: datetime
    room_id: str
    counsellor_id: str
    youth_ids: list[str] = field(default_factory=list)


@dataclass
class Site:
    """What the measurements need to know about the generated site."""

    path: str
    code: str
    today: date
    now: datetime  # aware UTC: the benchmark's fixed clock
    site_id: str
    counsellor_ids: list[str]
    room_ids: list[str]
    receptionist_id: str
    counts: dict[str, int] = field(default_factory=dict)
    sessions: list[PlannedSession] = field(default_factory=list)
    roster_session: int | None = None  # index in `sessions` of the 40-participant session
    roster_session_id: str = ""
    workshops: bool = False  # sessions were inserted (the workshop tables exist)


class Stamps:
    """`updated_at` / `hlc` of a row last written at a given instant.

    History is spread over two years, so that "a month of changes" for sync is a month of rows, not the
    whole file.
    """

    def __init__(self, code: str) -> None:
        self.code = code
        self.counter = 0

    def at(self, instant: datetime) -> dict:
        self.counter = (self.counter + 1) % 100_000
        ms = int(instant.timestamp() * 1000)
        return {
            "updated_at": instant,
            "origin_site": self.code,
            "hlc": f"{ms:015d}.{self.counter:05d}.{self.code}",
            "deleted": False,
        }
