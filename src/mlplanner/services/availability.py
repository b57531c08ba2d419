"""What is busy and what is open, read from the database for a time window.

Shared by the booking rules (check one proposed slot) and the free-slot finder (scan a week), so
that the two can never disagree. Busy spans of appointments include their buffer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import and_, select
from sqlmodel import Session

from ..domain.calendar_fr import holidays_between
from ..domain.enums import OCCUPYING_STATUSES
from ..domain.hours import WeeklyHours
from ..domain.intervals import Interval
from ..storage.tables import Absence, Appointment, Site, SiteClosure, Staff, Youth

MAX_SPAN = timedelta(days=1)  # no appointment (with its buffer) lasts longer: bounds the index scans


@dataclass(frozen=True)
class BusySpan:
    interval: Interval
    appointment_id: str
    youth_id: str
    counsellor_id: str
    room_id: str | None
    kind: str = "appointment"  # or "workshop"
    label: str = ""
    buffer_min: int = 0  # the tail of `interval` kept for the counsellor's notes after an appointment

    @property
    def core(self) -> Interval:
        """The appointment itself, without its buffer: the time the young person is there."""
        return Interval(self.interval.start, self.interval.end - timedelta(minutes=self.buffer_min))


@dataclass
class SiteCalendar:
    """Everything about a window [start, end) of the site that rules and slots need."""

    site: Site
    hours: WeeklyHours
    holidays: dict[date, str]
    closures: list[SiteClosure]
    absences: dict[str, list[Absence]] = field(default_factory=dict)

    def closure_on(self, day: date) -> SiteClosure | None:
        return next((c for c in self.closures if c.start_date <= day <= c.end_date), None)

    def absences_of(self, staff_id: str) -> list[Interval]:
        return [Interval(a.start, a.end) for a in self.absences.get(staff_id, [])]


def load_calendar(
    session: Session, site: Site, start: date, end: date, staff_ids: list[str] | None = None
) -> SiteCalendar:
    closures = (
        session.exec(
            select(SiteClosure).where(
                SiteClosure.site_id == site.id,
                SiteClosure.deleted == False,  # noqa: E712
                SiteClosure.start_date <= end,
                SiteClosure.end_date >= start,
            )
        )
        .scalars()
        .all()
    )
    q = select(Absence).where(
        Absence.deleted == False,  # noqa: E712
        Absence.start < datetime.combine(end + timedelta(days=1), datetime.min.time()),
        Absence.end > datetime.combine(start, datetime.min.time()),
    )
    if staff_ids is not None:
        q = q.where(Absence.staff_id.in_(staff_ids))
    absences: dict[str, list[Absence]] = defaultdict(list)
    for a in session.exec(q).scalars():
        absences[a.staff_id].append(a)
    return SiteCalendar(
        site=site,
        hours=WeeklyHours.from_json(site.opening_hours),
        holidays=holidays_between(start, end, site.holiday_subdivision),
        closures=list(closures),
        absences=dict(absences),
    )


def appointment_spans(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    counsellor_ids: list[str] | None = None,
    room_ids: list[str] | None = None,
    youth_ids: list[str] | None = None,
    exclude_id: str | None = None,
    labels: bool = True,
) -> list[BusySpan]:
    """Occupying appointments (with buffer) that overlap [start, end), for any of the given keys.

    With no key at all, every appointment of the window. Uses the (key, start) indexes. `labels=False`
    leaves the youth's name out (no join with `youth`): the free-slot finder reads weeks of spans and
    never words a clash.
    """
    conds = []
    if counsellor_ids is not None:
        conds.append(Appointment.counsellor_id.in_(counsellor_ids))
    if room_ids is not None:
        conds.append(Appointment.room_id.in_(room_ids))
    if youth_ids is not None:
        conds.append(Appointment.youth_id.in_(youth_ids))
    cols = (
        Appointment.id,
        Appointment.youth_id,
        Appointment.counsellor_id,
        Appointment.room_id,
        Appointment.start,
        Appointment.end,
        Appointment.buffer_min,
        *((Youth.last_name, Youth.first_name) if labels else ()),
    )
    base = and_(
        Appointment.start < end,
        Appointment.start >= start - MAX_SPAN,
        Appointment.status.in_(OCCUPYING_STATUSES),
        Appointment.deleted == False,  # noqa: E712
    )
    spans: list[BusySpan] = []
    seen: set[str] = set()
    for cond in conds or [None]:
        q = select(*cols).where(base)
        if labels:
            q = q.join(Youth, Youth.id == Appointment.youth_id)
        if cond is not None:
            q = q.where(cond)
        # rows unpacked as tuples: named access on thousands of rows (a week of a large site) costs
        # more than the query itself
        for rid, youth_id, counsellor_id, room_id, a_start, a_end, buffer_min, *name in session.execute(q):
            if rid == exclude_id or rid in seen:
                continue
            busy_end = a_end + _minutes(buffer_min)
            if busy_end <= start:
                continue
            seen.add(rid)
            spans.append(
                BusySpan(
                    interval=Interval(a_start, busy_end),
                    appointment_id=rid,
                    youth_id=youth_id,
                    counsellor_id=counsellor_id,
                    room_id=room_id,
                    label=f"{name[0].upper()} {name[1]}" if labels else "",
                    buffer_min=buffer_min,
                )
            )
    spans.extend(
        extra_spans(
            session,
            start,
            end,
            counsellor_ids=counsellor_ids,
            room_ids=room_ids,
            youth_ids=youth_ids,
            exclude_id=exclude_id,
        )
    )
    return spans


@lru_cache(maxsize=64)
def _minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def extra_spans(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    counsellor_ids: list[str] | None,
    room_ids: list[str] | None,
    youth_ids: list[str] | None,
    exclude_id: str | None,
) -> list[BusySpan]:
    """Busy spans from other activities (workshop sessions): extended by the workshops module."""
    out: list[BusySpan] = []
    for source in BUSY_SOURCES:
        out.extend(
            source(
                session,
                start,
                end,
                counsellor_ids=counsellor_ids,
                room_ids=room_ids,
                youth_ids=youth_ids,
                exclude_id=exclude_id,
            )
        )
    return out


# Functions with the signature of `extra_spans` (workshop sessions register theirs here).
BUSY_SOURCES: list = []


def staff_names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(select(Staff.id, Staff.first_name, Staff.last_name).where(Staff.id.in_(ids)))
    return {r.id: f"{r.first_name} {r.last_name}" for r in rows}
