"""Which booked appointments a new unavailability leaves in the way: pure rule, no storage.

An appointment still booked is *affected* when, as things now stand, it could not be booked:
- its counsellor is absent over part of it (`absence`): nobody can receive the young person, by phone
  or otherwise;
- the site is closed that day (`closure`): an appointment on site cannot happen, but a phone, video or
  outside one can (the counsellor works remotely) — so switching it to the phone deals with it;
- it falls on a public holiday (`holiday`): nobody works.
The desk then moves it, switches it to the phone (closures only), cancels it, or puts the young person
on the call list; until one of these is done, the day grid marks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.intervals import overlaps


class Cause(StrEnum):
    ABSENCE = "absence"
    CLOSURE = "closure"
    HOLIDAY = "holiday"


@dataclass(frozen=True)
class Unavailable:
    """Why an appointment is in the way: the cause and its detail (reason, holiday name, who)."""

    cause: Cause
    detail: str = ""
    who: str = ""  # the absent counsellor, for an absence

    @property
    def remote_ok(self) -> bool:
        """Switching to the phone deals with it: the site is closed, the counsellor is not away."""
        return self.cause is Cause.CLOSURE


def why_unavailable(
    *,
    start: datetime,
    end: datetime,
    mode: Mode,
    status: Status,
    absences: Iterable[tuple[datetime, datetime, str]],
    closure: str | None,
    holiday: str | None,
) -> Unavailable | None:
    """The reason a booked appointment can no longer take place as booked, or None.

    `absences`: (start, end, reason) of its counsellor; `closure`: the reason of a closure that day
    ("" when none was given; None when the site is open); `holiday`: the holiday's name, or None."""
    if status is not Status.BOOKED:
        return None
    if holiday is not None:
        return Unavailable(Cause.HOLIDAY, holiday)
    for a_start, a_end, reason in absences:
        if overlaps(start, end, a_start, a_end):
            return Unavailable(Cause.ABSENCE, reason)
    if closure is not None and mode is Mode.ON_SITE:
        return Unavailable(Cause.CLOSURE, closure)
    return None


def closure_reason(day: date, closures: Mapping[tuple[date, date], str]) -> str | None:
    """The reason of the closure covering `day` ("" if it has none), or None."""
    for (first, last), reason in closures.items():
        if first <= day <= last:
            return reason
    return None
