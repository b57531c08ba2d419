"""Free-slot arithmetic: where can an appointment of a given length start?"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

from .intervals import Interval


def _ceil_to_step(t: datetime, step_s: int) -> datetime:
    midnight = t.replace(hour=0, minute=0, second=0, microsecond=0)
    offset = int((t - midnight).total_seconds())
    return midnight + timedelta(seconds=-(-offset // step_s) * step_s)


def candidate_starts(
    working: Sequence[Interval],
    busy: Sequence[Interval],
    *,
    duration: timedelta,
    buffer: timedelta,
    step: timedelta,
    not_before: datetime | None = None,
) -> Iterator[datetime]:
    """Starts aligned on `step` where the appointment fits inside working time and misses every busy span.

    `busy` spans already include the buffers of existing appointments. The new appointment's own buffer
    must miss them too, but may run past the end of working hours (it is the counsellor's time for
    notes, not the young person's).
    """
    step_s = int(step.total_seconds())
    ordered_busy = sorted(busy)
    for iv in sorted(working):
        t = _ceil_to_step(max(iv.start, not_before) if not_before else iv.start, step_s)
        while t + duration <= iv.end:
            if is_free(t, t + duration + buffer, ordered_busy):
                yield t
            t += step


def is_free(start: datetime, end: datetime, busy: Sequence[Interval]) -> bool:
    return all(not (b.start < end and start < b.end) for b in busy)
