"""Free-slot arithmetic: where can an appointment of a given length start?"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta

from mlplanner.domain.intervals import Interval


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


# --- the same arithmetic on a day's grid of starts, as bit masks ----------------------------------------
# Bit i of a mask stands for the start `day_start + i * step`. The free-slot finder checks thousands of
# (counsellor, room, start) triples per search: with one integer per resource and day, "free at every
# start" is a few `&` instead of a scan of busy spans per start. `candidate_starts`/`is_free` above stay
# the definition; tests check that both give the same starts.


def start_mask(
    working: Sequence[Interval],
    *,
    day_start: datetime,
    duration: timedelta,
    step: timedelta,
    not_before: datetime | None = None,
) -> int:
    """Starts where an appointment of `duration` fits inside a working interval (`candidate_starts`
    with no busy span). Intervals must lie within the day that begins at `day_start` (a midnight)."""
    mask = 0
    for iv in working:
        first = max(iv.start, not_before) if not_before else iv.start
        lo = max(0, -((day_start - first) // step))  # ceil: the first aligned start not before `first`
        hi = (iv.end - duration - day_start) // step  # floor: the last start that still fits
        if hi >= lo:
            mask |= (1 << (hi + 1)) - (1 << lo)
    return mask


def busy_mask(
    spans: Iterable[tuple[datetime, datetime]], *, day_start: datetime, length: timedelta, step: timedelta
) -> int:
    """Starts t where [t, t + length) overlaps one of the spans: `not is_free(t, t + length, spans)`.

    Overlap means span.start - length < t < span.end; spans need not be aligned on the grid."""
    mask = 0
    for start, end in spans:
        lo = max(0, (start - length - day_start) // step + 1)
        hi = -((day_start - end) // step)
        if hi > lo:
            mask |= (1 << hi) - (1 << lo)
    return mask


def mask_starts(mask: int, *, day_start: datetime, step: timedelta) -> Iterator[datetime]:
    """The starts a mask stands for, in order."""
    i = 0
    while mask:
        if mask & 1:
            yield day_start + i * step
        mask >>= 1
        i += 1
