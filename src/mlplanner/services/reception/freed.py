"""The queue of freed slots: written by the booking use cases, in their transaction, whenever an
appointment stops holding time still to come (cancelled, excused, moved away, the no-show policy).

The earlier-slot wishes read it (`reception.wishes`) to propose a freed slot to the desk, one proposal
at a time. Only what is still to come is queued: a slot freed after it started is queued from now.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from mlplanner.storage.reception_tables import FreedSlot
from mlplanner.storage.tables import Appointment

STEP = timedelta(minutes=5)


def next_mark(moment: datetime) -> datetime:
    """The next 5-minute mark (a slot freed at 10:12 is offered from 10:15)."""
    base = moment.replace(second=0, microsecond=0)
    extra = base.minute % 5
    if extra or moment > base:
        base += timedelta(minutes=5 - extra) if extra else STEP
    return base


def queue_freed(
    session: Session,
    row: Appointment,
    *,
    reason: str,
    now_local: datetime,
    start: datetime | None = None,
    end: datetime | None = None,
    counsellor_id: str | None = None,
    room_id: str | None = None,
) -> FreedSlot | None:
    """Queue [start, end) of `row` (its own times, counsellor and room by default: pass the old ones
    for a move) if some of it is still to come."""
    start = start or row.start
    end = end or row.end
    if start < now_local:
        start = next_mark(now_local)
    if end - start < STEP:
        return None
    slot = FreedSlot(
        site_id=row.site_id,
        start=start,
        end=end,
        counsellor_id=counsellor_id or row.counsellor_id,
        room_id=room_id if counsellor_id else row.room_id,
        type_id=row.type_id,
        appointment_id=row.id,
        reason=reason,
    )
    session.add(slot)
    return slot
