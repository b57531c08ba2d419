"""Frozen workshop views and results, and the joined queries that build them (no N+1)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_, select

from mlplanner.domain.errors import NotFound
from mlplanner.domain.models import Changes
from mlplanner.domain.recurrence import Skipped, describe_rule
from mlplanner.services.queries import columns
from mlplanner.services.workshops.clashes import day_label
from mlplanner.services.workshops.terms import (
    Attendance,
    ReferralKind,
    RegistrationStatus,
    SessionState,
    SessionStatus,
    session_state,
)
from mlplanner.storage.tables import Room, Staff, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession


@dataclass(frozen=True)
class SessionView:
    id: str
    series_id: str
    title: str
    colour: str
    start: datetime
    end: datetime
    original_start: datetime
    room_id: str | None
    room_name: str | None
    facilitator_id: str | None
    facilitator_name: str | None
    co_facilitator_id: str | None
    co_facilitator_name: str | None
    capacity: int
    confirmed: int
    waitlisted: int
    attended: int
    recorded: int
    state: SessionState
    detached: bool = False
    cancel_reason: str = ""
    note: str = ""

    @property
    def fill_rate(self) -> float:
        return self.confirmed / self.capacity if self.capacity else 0.0

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed, 0)

    @property
    def facilitators(self) -> tuple[str, ...]:
        return tuple(n for n in (self.facilitator_name, self.co_facilitator_name) if n)

    @property
    def facilitator_ids(self) -> tuple[str, ...]:
        return tuple(i for i in (self.facilitator_id, self.co_facilitator_id) if i)


@dataclass(frozen=True)
class SeriesView:
    id: str
    title: str
    description: str
    audience: str
    rrule: str
    rule_fr: str
    first_start: datetime
    duration_min: int
    capacity: int
    room_id: str | None
    room_name: str | None
    facilitator_id: str | None
    facilitator_name: str | None
    co_facilitator_id: str | None
    co_facilitator_name: str | None
    registration_close_min: int
    colour: str
    kind_code: str = "ATELIER"


@dataclass(frozen=True)
class RegistrationView:
    id: str
    session_id: str
    youth_id: str
    youth_name: str
    status: RegistrationStatus
    queue_no: int
    referral: ReferralKind
    prescriber_id: str | None
    prescriber_name: str | None
    attendance: Attendance
    back_office: bool
    created_at: datetime
    cancel_reason: str = ""
    waitlist_rank: int = 0  # 1 = next to get a seat; 0 when not waiting


@dataclass(frozen=True)
class RosterView:
    """A session and its people: registered (by name), waiting list (in order), cancelled."""

    session: SessionView
    registered: tuple[RegistrationView, ...]
    waitlist: tuple[RegistrationView, ...]
    cancelled: tuple[RegistrationView, ...]


@dataclass(frozen=True)
class YouthWorkshopView:
    """One line of a youth's file: a workshop session and how it went for them."""

    registration: RegistrationView
    session: SessionView


@dataclass(frozen=True)
class SeriesResult:
    series: SeriesView
    sessions: tuple[SessionView, ...]
    skipped: tuple[Skipped, ...]
    changes: Changes
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeriesPreview:
    starts: tuple[datetime, ...]
    skipped: tuple[Skipped, ...]
    rule_fr: str


@dataclass(frozen=True)
class SessionsResult:
    sessions: tuple[SessionView, ...]
    changes: Changes
    notices: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()


@dataclass(frozen=True)
class RegistrationResult:
    registrations: tuple[RegistrationView, ...]
    changes: Changes
    notices: tuple[str, ...] = ()
    promoted: tuple[RegistrationView, ...] = field(default=())

    @property
    def registration(self) -> RegistrationView:
        return self.registrations[0]


# --- queries -----------------------------------------------------------------------------------------

_Fac = aliased(Staff, name="fac")
_Co = aliased(Staff, name="cofac")


def _name(first: str | None, last: str | None) -> str | None:
    return f"{first} {last}" if first is not None else None


def registration_counts(session: Session, session_ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """Per session: seats taken ("conf"), waiting ("wait"), attended ("att"), attendance recorded ("rec")."""
    R = WorkshopRegistration
    out: dict[str, dict[str, int]] = {}
    ids = list(session_ids)
    for i in range(0, len(ids), 500):
        q = (
            select(R.session_id, R.status, R.attendance, func.count())
            .where(col(R.session_id).in_(ids[i : i + 500]), R.deleted == False)
            .group_by(R.session_id, R.status, R.attendance)
        )
        for sid, status, attendance, n in session.execute(q):
            c = out.setdefault(sid, {"conf": 0, "wait": 0, "att": 0, "rec": 0})
            if status == RegistrationStatus.CONFIRMED:
                c["conf"] += n
                c["rec"] += n if attendance else 0
                c["att"] += n if Attendance(attendance).attended else 0
            elif status == RegistrationStatus.WAITLISTED:
                c["wait"] += n
    return out


def session_views(
    session: Session,
    *,
    now: datetime,
    ids: Sequence[str] | None = None,
    site_id: str | None = None,
    series_id: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    room_id: str | None = None,
    facilitator_id: str | None = None,
    include_cancelled: bool = True,
) -> list[SessionView]:
    """Sessions with their counts, in start order. `start`/`end`: sessions overlapping [start, end).

    Two indexed queries (the sessions, then the counts of just those sessions): an aggregate subquery
    joined in would make SQLite count every registration of the file on each call.
    """
    filters = (
        ids is not None,
        site_id is not None,
        series_id is not None,
        start is not None,
        end is not None,
        room_id is not None,
        facilitator_id is not None,
        include_cancelled,
    )
    params: dict[str, object] = {}
    if ids is not None:
        params["ids"] = list(ids)
    if site_id is not None:
        params["site_id"] = site_id
    if series_id is not None:
        params["series_id"] = series_id
    if start is not None:
        params["start"], params["since"] = start, start - timedelta(days=1)  # a session lasts < 1 day
    if end is not None:
        params["end"] = end
    if room_id is not None:
        params["room_id"] = room_id
    if facilitator_id is not None:
        params["facilitator_id"] = facilitator_id
    rows = list(session.execute(_sessions_statement(filters), params))

    counts = registration_counts(session, [row[0].id for row in rows])
    out: list[SessionView] = []
    for row in rows:
        s: WorkshopSession = row[0]
        c = counts.get(s.id, {})
        conf, rec = c.get("conf", 0), c.get("rec", 0)
        out.append(
            SessionView(
                id=s.id,
                series_id=s.series_id,
                title=row.title,
                colour=row.colour,
                start=s.start,
                end=s.end,
                original_start=s.original_start,
                room_id=s.room_id,
                room_name=row.room_name,
                facilitator_id=s.facilitator_id,
                facilitator_name=_name(row.f_first, row.f_last),
                co_facilitator_id=s.co_facilitator_id,
                co_facilitator_name=_name(row.c_first, row.c_last),
                capacity=s.capacity,
                confirmed=conf,
                waitlisted=c.get("wait", 0),
                attended=c.get("att", 0),
                recorded=rec,
                state=session_state(s.status, s.start, now, conf, rec),
                detached=s.detached,
                cancel_reason=s.cancel_reason,
                note=s.note,
            )
        )
    return out


@lru_cache(maxsize=64)
def _sessions_statement(filters: tuple[bool, ...]) -> Select[Any]:
    """The sessions' statement for one combination of filters (`session_views`), built once: its
    values are bound per call (a day view asks at every refresh, and building the statement cost
    more than running it on a day's few sessions)."""
    has_ids, has_site, has_series, has_start, has_end, has_room, has_facilitator, with_cancelled = filters
    S = WorkshopSession
    q = (
        select(
            *columns(
                S,
                WorkshopSeries.title,
                WorkshopSeries.colour,
                col(Room.name).label("room_name"),
                col(_Fac.first_name).label("f_first"),
                col(_Fac.last_name).label("f_last"),
                col(_Co.first_name).label("c_first"),
                col(_Co.last_name).label("c_last"),
            )
        )
        .join(WorkshopSeries, col(WorkshopSeries.id) == S.series_id)
        .outerjoin(Room, col(Room.id) == S.room_id)
        .outerjoin(_Fac, col(_Fac.id) == S.facilitator_id)
        .outerjoin(_Co, col(_Co.id) == S.co_facilitator_id)
        .where(S.deleted == False)
    )
    if has_ids:
        q = q.where(col(S.id).in_(bindparam("ids", expanding=True)))
    if has_site:
        q = q.where(col(S.site_id) == bindparam("site_id"))
    if has_series:
        q = q.where(col(S.series_id) == bindparam("series_id"))
    if has_start:
        q = q.where(col(S.end) > bindparam("start"), col(S.start) >= bindparam("since"))
    if has_end:
        q = q.where(col(S.start) < bindparam("end"))
    if has_room:
        q = q.where(col(S.room_id) == bindparam("room_id"))
    if has_facilitator:
        q = q.where(
            or_(
                col(S.facilitator_id) == bindparam("facilitator_id"),
                col(S.co_facilitator_id) == bindparam("facilitator_id"),
            )
        )
    if not with_cancelled:
        q = q.where(S.status != SessionStatus.CANCELLED.value)
    return q.order_by(col(S.start), col(WorkshopSeries.title))


def series_view(session: Session, row: WorkshopSeries) -> SeriesView:
    room = session.get(Room, row.room_id) if row.room_id else None
    fac = session.get(Staff, row.facilitator_id) if row.facilitator_id else None
    co = session.get(Staff, row.co_facilitator_id) if row.co_facilitator_id else None
    return SeriesView(
        id=row.id,
        title=row.title,
        description=row.description,
        audience=row.audience,
        rrule=row.rrule,
        rule_fr=describe_rule(row.rrule),
        first_start=row.first_start,
        duration_min=row.duration_min,
        capacity=row.capacity,
        room_id=row.room_id,
        room_name=room.name if room else None,
        facilitator_id=row.facilitator_id,
        facilitator_name=f"{fac.first_name} {fac.last_name}" if fac else None,
        co_facilitator_id=row.co_facilitator_id,
        co_facilitator_name=f"{co.first_name} {co.last_name}" if co else None,
        registration_close_min=row.registration_close_min,
        colour=row.colour,
        kind_code=row.kind_code,
    )


def registration_views(
    session: Session,
    *,
    ids: Sequence[str] | None = None,
    session_id: str | None = None,
    youth_id: str | None = None,
) -> list[RegistrationView]:
    """Registrations with names, in arrival order; waiting ones carry their rank in the waiting list."""
    R = WorkshopRegistration
    q = (
        select(
            *columns(
                R,
                Youth.first_name,
                Youth.last_name,
                col(Staff.first_name).label("p_first"),
                col(Staff.last_name).label("p_last"),
            )
        )
        .join(Youth, col(Youth.id) == R.youth_id)
        .outerjoin(Staff, col(Staff.id) == R.prescriber_id)
        .where(R.deleted == False)
    )
    if ids is not None:
        q = q.where(col(R.id).in_(list(ids)))
    if session_id is not None:
        q = q.where(R.session_id == session_id)
    if youth_id is not None:
        q = q.where(R.youth_id == youth_id)
    rows = list(session.execute(q.order_by(col(R.session_id), col(R.queue_no), col(R.hlc))))
    ranks = waitlist_ranks(session, {row[0].session_id for row in rows})
    return [
        RegistrationView(
            id=r.id,
            session_id=r.session_id,
            youth_id=r.youth_id,
            youth_name=f"{row.last_name.upper()} {row.first_name}",
            status=RegistrationStatus(r.status),
            queue_no=r.queue_no,
            referral=ReferralKind(r.referral),
            prescriber_id=r.prescriber_id,
            prescriber_name=_name(row.p_first, row.p_last),
            attendance=Attendance(r.attendance),
            back_office=r.back_office,
            created_at=r.created_at,
            cancel_reason=r.cancel_reason,
            waitlist_rank=ranks.get(r.id, 0),
        )
        for row in rows
        for r in (row[0],)
    ]


def waiting(session: Session, session_id: str) -> list[WorkshopRegistration]:
    """The waiting list of a session, first to get a seat first (arrival order, then HLC for ties)."""
    R = WorkshopRegistration
    q = (
        select(R)
        .where(
            R.session_id == session_id, R.status == RegistrationStatus.WAITLISTED.value, R.deleted == False
        )
        .order_by(col(R.queue_no), col(R.hlc), col(R.id))
    )
    return list(session.exec(q))


def waitlist_ranks(session: Session, session_ids: set[str]) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for sid in session_ids:
        for n, r in enumerate(waiting(session, sid), start=1):
            ranks[r.id] = n
    return ranks


# --- lookups -----------------------------------------------------------------------------------------


def get_session(session: Session, session_id: str) -> WorkshopSession:
    row = session.get(WorkshopSession, session_id)
    if row is None or row.deleted:
        raise NotFound("unknown_session", f"Séance d'atelier introuvable : « {session_id} ».")
    return row


def get_series(session: Session, series_id: str) -> WorkshopSeries:
    row = session.get(WorkshopSeries, series_id)
    if row is None or row.deleted:
        raise NotFound("unknown_series", f"Atelier introuvable : « {series_id} ».")
    return row


def when_fr(row: WorkshopSession) -> str:
    """ "mardi 16/03/2027 à 10:00": how messages name a session."""
    return f"{day_label(row.start.date())} à {row.start:%H:%M}"
