"""What is busy and what is open, read from the database for a time window.

Shared by the booking rules (check one proposed slot) and the free-slot finder (scan a week), so
that the two can never disagree. Busy spans of appointments include their buffer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Select, bindparam
from sqlmodel import Session, col, select

from mlplanner.domain.calendar_fr import holidays_between
from mlplanner.domain.enums import OCCUPYING_STATUSES
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.intervals import Interval
from mlplanner.storage.busy_reads import sqlite_appointment_rows
from mlplanner.storage.pg_reads import pg_appointment_rows, pg_keyed_rows
from mlplanner.storage.tables import Absence, Appointment, Site, SiteClosure, Staff, Youth

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


class AbsenceSpan(NamedTuple):
    """An absence as the rules, the finder and the impact list read it: plain values, not an ORM row
    (a search's three months hold hundreds of them)."""

    start: datetime
    end: datetime
    reason: str


@dataclass
class SiteCalendar:
    """Everything about a window [start, end) of the site that rules and slots need."""

    site: Site
    hours: WeeklyHours
    holidays: dict[date, str]
    closures: list[SiteClosure]
    absences: dict[str, list[AbsenceSpan]] = field(default_factory=dict)

    def closure_on(self, day: date) -> SiteClosure | None:
        return next((c for c in self.closures if c.start_date <= day <= c.end_date), None)

    def absences_of(self, staff_id: str) -> list[Interval]:
        return [Interval(a.start, a.end) for a in self.absences.get(staff_id, [])]


_CALENDARS_READ = "mlplanner_calendars_read"  # `session.info`: see `calendar_read`
AbsenceRow = tuple[str, datetime, datetime, str]  # staff_id, start, end, reason


def calendar_read(
    session: Session,
    site_id: str,
    day: date,
    staff_ids: list[str],
    closures: Sequence[SiteClosure],
    absences: Sequence[AbsenceRow],
) -> None:
    """What `load_calendar(session, site, day, day, staff_ids)` reads (the closures and absences of
    that day), read in this transaction with other rows (a booking's read-ahead on a server): it is
    not read again."""
    session.info.setdefault(_CALENDARS_READ, {})[(site_id, day, day, tuple(staff_ids))] = (closures, absences)


def load_calendar(
    session: Session, site: Site, start: date, end: date, staff_ids: list[str] | None = None
) -> SiteCalendar:
    known = session.info.get(_CALENDARS_READ, {}).get(
        (site.id, start, end, None if staff_ids is None else tuple(staff_ids))
    )
    rows: Sequence[AbsenceRow]
    if known is not None:
        closures, rows = known
    else:
        closures = session.exec(
            select(SiteClosure).where(
                SiteClosure.site_id == site.id,
                SiteClosure.deleted == False,
                SiteClosure.start_date <= end,
                SiteClosure.end_date >= start,
            )
        ).all()
        q = select(Absence.staff_id, Absence.start, Absence.end, Absence.reason).where(
            Absence.deleted == False,
            Absence.start < datetime.combine(end + timedelta(days=1), datetime.min.time()),
            Absence.end > datetime.combine(start, datetime.min.time()),
        )
        if staff_ids is not None:
            q = q.where(col(Absence.staff_id).in_(staff_ids))
        rows = session.execute(q).all()  # type: ignore[assignment]
    absences: dict[str, list[AbsenceSpan]] = defaultdict(list)
    for staff_id, a_start, a_end, reason in rows:
        absences[staff_id].append(AbsenceSpan(a_start, a_end, reason))
    return SiteCalendar(
        site=site,
        hours=WeeklyHours.from_json(site.opening_hours),
        holidays=holidays_between(start, end, site.holiday_subdivision),
        closures=list(closures),
        absences=dict(absences),
    )


class BusySource(Protocol):
    """Busy spans of an activity other than appointments (workshop sessions) overlapping [start, end),
    for the counsellors, rooms or youths asked (all of them when no key is given). `exclude_id`: an
    item being moved, which must not clash with itself."""

    def __call__(
        self,
        session: Session,
        start: datetime,
        end: datetime,
        *,
        counsellor_ids: list[str] | None,
        room_ids: list[str] | None,
        youth_ids: list[str] | None,
        exclude_id: str | None,
    ) -> list[BusySpan]: ...


@dataclass(frozen=True)
class BusyTime:
    """Everything that makes a counsellor, a room or a young person busy: appointments, read here, and
    the other activities the composition root passes in (`Services.for_database` gives workshop
    sessions). The booking rules, the free-slot finder and the workshop clash checks all read busy time
    through one of these, so none of them can forget an activity."""

    others: tuple[BusySource, ...] = ()

    def spans(
        self,
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
        """Appointments (see `appointment_spans`) and other activities overlapping [start, end)."""
        spans = appointment_spans(
            session,
            start,
            end,
            counsellor_ids=counsellor_ids,
            room_ids=room_ids,
            youth_ids=youth_ids,
            exclude_id=exclude_id,
            labels=labels,
        )
        return spans + self.other_spans(
            session,
            start,
            end,
            counsellor_ids=counsellor_ids,
            room_ids=room_ids,
            youth_ids=youth_ids,
            exclude_id=exclude_id,
        )

    def other_spans(
        self,
        session: Session,
        start: datetime,
        end: datetime,
        *,
        counsellor_ids: list[str] | None,
        room_ids: list[str] | None,
        youth_ids: list[str] | None,
        exclude_id: str | None,
    ) -> list[BusySpan]:
        out: list[BusySpan] = []
        for source in self.others:
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

    def other_rows(
        self,
        session: Session,
        start: datetime,
        end: datetime,
        *,
        counsellor_ids: list[str] | None = None,
        room_ids: list[str] | None = None,
        youth_ids: list[str] | None = None,
    ) -> list[BusyRow]:
        """The other activities' spans as `BusyRow` tuples (for the free-slot finder)."""
        rows: list[BusyRow] = []
        for sp in self.other_spans(
            session,
            start,
            end,
            counsellor_ids=counsellor_ids,
            room_ids=room_ids,
            youth_ids=youth_ids,
            exclude_id=None,
        ):
            iv = sp.interval
            rows.append((sp.counsellor_id, sp.youth_id, sp.room_id, iv.start, iv.end, sp.core.end))
        return rows


# (counsellor_id, youth_id, room_id, start, busy_end, core_end): a busy span as the free-slot finder
# needs it; `core_end` is the end without the appointment's buffer (the young person is free then)
BusyRow = tuple[str, str, str | None, datetime, datetime, datetime]


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
    leaves the youth's name out (no join with `youth`). Appointments only: `BusyTime.spans` adds the
    other activities (workshop sessions).
    """
    spans: list[BusySpan] = []
    for rid, youth_id, counsellor_id, room_id, a_start, busy_end, buffer_min, *name in _appointment_rows(
        session, start, end, counsellor_ids, room_ids, youth_ids, labels
    ):
        if rid == exclude_id:
            continue
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
    return spans


_KEYED_READ = "mlplanner_keyed_read"  # `session.info`: see `keyed_read`


def _frozen(keyed: Sequence[tuple[str, Sequence[str]]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((key, tuple(ids)) for key, ids in keyed)


def keyed_rows_read(
    session: Session,
    *,
    since: datetime,
    until: datetime,
    keyed: Sequence[tuple[str, Sequence[str]]],
    per_key: list[list[tuple[Any, ...]]],
) -> None:
    """What `pg_keyed_rows` gives for these keys and window (with labels, the occupying statuses), read
    in this transaction with other rows (a booking's read-ahead): the rule check does not read it
    again."""
    session.info.setdefault(_KEYED_READ, {})[(since, until, _frozen(keyed))] = per_key


def keyed_for(
    counsellor_ids: list[str] | None, room_ids: list[str] | None, youth_ids: list[str] | None
) -> list[tuple[str, list[str]]]:
    """The keys a rule check reads the appointments of (see `_keyed`)."""
    return _keyed(counsellor_ids, room_ids, youth_ids)


def _keyed(
    counsellor_ids: list[str] | None, room_ids: list[str] | None, youth_ids: list[str] | None
) -> list[tuple[str, list[str]]]:
    """(column, ids) of each key given: a counsellor is busy as the counsellor or the second person."""
    return [
        (key, ids)
        for key, ids in (
            ("counsellor_id", counsellor_ids),
            ("second_staff_id", counsellor_ids),
            ("room_id", room_ids),
            ("youth_id", youth_ids),
        )
        if ids is not None
    ]


def appointment_rows(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    counsellor_ids: list[str] | None = None,
    room_ids: list[str] | None = None,
    youth_ids: list[str] | None = None,
) -> list[BusyRow]:
    """The appointments of `appointment_spans` (same queries, no labels) as plain tuples.

    For the free-slot finder, which reads weeks of schedules and needs only who and when: building a
    `BusySpan` per row cost more than the query itself. `BusyTime.other_rows` gives the other
    activities.
    """
    keyed = _keyed(counsellor_ids, room_ids, youth_ids)
    if not keyed:  # every appointment of the window (each person of each): the general reader
        return _appointment_rows(session, start, end, None, None, None, False, lean=True)
    conn = session.connection()
    since, minutes = start - MAX_SPAN, _minutes
    # an appointment can match two keys only through its youth (its counsellor and its youth): the
    # one case where rows are told apart by id; a room or youth left out is not read at all
    several = youth_ids is not None and len(keyed) > 1
    skip = frozenset(
        c
        for c, unused in (
            ("id", not several),
            ("youth_id", youth_ids is None),
            ("room_id", room_ids is None),
            ("counsellor_id", counsellor_ids is None and youth_ids is None),
        )
        if unused
    )
    out: list[BusyRow] = []
    seen: set[tuple[str, str]] = set()  # (appointment, person) already given
    read = sqlite_appointment_rows if conn.dialect.name == "sqlite" else pg_appointment_rows
    for key, ids in keyed:
        rows: Sequence[Any] | None = read(
            conn, since=since, until=end, statuses=OCCUPYING_STATUSES, key=key, ids=ids, skip=skip
        )
        if rows is None:
            rows = conn.execute(
                _appointment_query(key, False), {"since": since, "until": end, "keys": ids}
            ).all()
        by_second = key == "second_staff_id"
        for rid, youth_id, counsellor_id, room_id, a_start, a_end, buffer_min, second in rows:
            busy_end = a_end + minutes(buffer_min) if buffer_min else a_end
            if busy_end <= start:
                continue
            who = second if by_second else counsellor_id
            if several:  # an appointment can match two keys (its counsellor and its youth)
                if (rid, who) in seen:
                    continue
                seen.add((rid, who))
            out.append((who, youth_id, room_id, a_start, busy_end, a_end))
    return out


def _appointment_rows(
    session: Session,
    start: datetime,
    end: datetime,
    counsellor_ids: list[str] | None,
    room_ids: list[str] | None,
    youth_ids: list[str] | None,
    labels: bool,
    *,
    lean: bool = False,
) -> list[tuple]:
    """(id, youth_id, counsellor_id, room_id, start, busy_end, buffer_min[, last_name, first_name]) of
    each occupying appointment overlapping [start, end) for any key given; `lean`: a `BusyRow` instead.

    An appointment with a second staff member busies both people: it comes once per person, with that
    person in the counsellor field (once for a room or youth key), so that every caller checking "is
    this person busy" sees the second person exactly like the first.
    """
    keyed: list[tuple[str | None, list[str] | None]] = list(_keyed(counsellor_ids, room_ids, youth_ids))
    params: dict[str, object] = {"since": start - MAX_SPAN, "until": end}
    out: list[tuple] = []
    seen: set[tuple[str, str]] = set()  # (appointment, person) already given
    conn = session.connection()
    read = sqlite_appointment_rows if conn.dialect.name == "sqlite" else pg_appointment_rows
    # a booking's rule check (labels, a key or more): on a server, every key's rows in one round trip
    given = [(key, ids) for key, ids in keyed if key is not None and ids is not None]
    per_key = (
        session.info.get(_KEYED_READ, {}).get((start - MAX_SPAN, end, _frozen(given)))
        or pg_keyed_rows(
            conn,
            since=start - MAX_SPAN,
            until=end,
            statuses=OCCUPYING_STATUSES,
            keyed=given,
            labels=labels,
        )
        if labels and keyed
        else None
    )
    for i, (key, ids) in enumerate(keyed or [(None, None)]):
        if ids is not None:
            params["keys"] = ids
        # rows unpacked as tuples: named access on thousands of rows (a week of a large site) costs
        # more than the query itself; straight from the driver (`storage.busy_reads` on SQLite,
        # `storage.pg_reads` on a server: no statement expanded per call, no result processor per
        # row), else through the session's connection (the ORM layer adds nothing to a select of
        # columns), all rows at once
        rows: Sequence[Any] | None = None
        if per_key is not None:
            rows = per_key[i]
        elif not labels:
            rows = read(
                conn, since=start - MAX_SPAN, until=end, statuses=OCCUPYING_STATUSES, key=key, ids=ids
            )
        if rows is None:
            rows = conn.execute(_appointment_query(key, labels), params).all()
        for rid, youth_id, counsellor_id, room_id, a_start, a_end, buffer_min, second, *name in rows:
            busy_end = a_end + _minutes(buffer_min)
            if busy_end <= start:
                continue
            if key == "second_staff_id":
                people: tuple[str, ...] = (second,)
            elif key is None and second:
                people = (counsellor_id, second)
            else:
                people = (counsellor_id,)
            for who in people:
                if len(keyed) > 1:  # an appointment can match two keys (its counsellor and its youth)
                    if (rid, who) in seen:
                        continue
                    seen.add((rid, who))
                if lean:
                    out.append((who, youth_id, room_id, a_start, busy_end, a_end))
                else:
                    out.append((rid, youth_id, who, room_id, a_start, busy_end, buffer_min, *name))
    return out


@lru_cache(maxsize=16)
def _appointment_query(key: str | None, labels: bool) -> Select:
    """The statement for one key column (or none), built once: its parameters are bound per call, and
    building a statement costs as much as running it on a day of data."""
    columns: list[Any] = [
        Appointment.id,
        Appointment.youth_id,
        Appointment.counsellor_id,
        Appointment.room_id,
        Appointment.start,
        Appointment.end,
        Appointment.buffer_min,
        Appointment.second_staff_id,
    ]
    if labels:
        columns += [Youth.last_name, Youth.first_name]
    q = select(*columns).where(
        Appointment.start < bindparam("until"),
        Appointment.start >= bindparam("since"),
        col(Appointment.status).in_(OCCUPYING_STATUSES),
        Appointment.deleted == False,
    )
    if labels:
        q = q.join(Youth, col(Youth.id) == Appointment.youth_id)
    if key is not None:
        q = q.where(getattr(Appointment, key).in_(bindparam("keys", expanding=True)))
    return q


@lru_cache(maxsize=64)
def _minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def staff_names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(select(Staff.id, Staff.first_name, Staff.last_name).where(col(Staff.id).in_(ids)))
    return {r.id: f"{r.first_name} {r.last_name}" for r in rows}
