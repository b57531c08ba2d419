"""Read queries shared by services: appointments as views, in one joined SELECT (no N+1)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from mlplanner.domain import confidentiality
from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.models import AppointmentView
from mlplanner.services.context import Actor
from mlplanner.storage.pg_reads import pg_day_rows, pg_view_rows
from mlplanner.storage.tables import Appointment, AppointmentType, Room, Staff, Youth
from mlplanner.storage.view_reads import sqlite_day_rows, sqlite_view_rows


def columns(*items: Any) -> tuple[Any, ...]:
    """The columns of a wide SELECT read as tuples: `select(*columns(A.x, A.y, B.z, ...))`.

    SQLModel's `select` is typed for up to four entities; a wider one goes through here (its rows are
    then untyped tuples, unpacked at once: named access costs more than the query on hot paths)."""
    return items


_Second = aliased(Staff, name="second_staff")
_COLS: tuple[Any, ...] = (
    Appointment.id,
    Appointment.youth_id,
    Appointment.counsellor_id,
    Appointment.room_id,
    Appointment.start,
    Appointment.end,
    Appointment.mode,
    Appointment.status,
    Appointment.cancel_reason,
    Appointment.referred_by,
    Appointment.notes,
    Appointment.arrived_at,
    Appointment.buffer_min,
    Appointment.forced_reason,
    col(Youth.first_name).label("y_first"),
    col(Youth.last_name).label("y_last"),
    col(Staff.first_name).label("c_first"),
    col(Staff.last_name).label("c_last"),
    col(Room.name).label("room_name"),
    AppointmentType.code,
    AppointmentType.label,
    AppointmentType.colour,
    AppointmentType.confidential,
    Appointment.second_staff_id,
    col(_Second.first_name).label("s_first"),
    col(_Second.last_name).label("s_last"),
    Appointment.called_at,
    Appointment.interview_at,
)


def appointment_views(
    session: Session,
    *,
    ids: Sequence[str] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    counsellor_id: str | None = None,
    room_id: str | None = None,
    youth_id: str | None = None,
    site_id: str | None = None,
    include_cancelled: bool = True,
    statuses: Sequence[str] | None = None,
) -> list[AppointmentView]:
    rows: Sequence[Any] | None = None
    if (
        start is not None
        and end is not None
        and ids is None
        and youth_id is None
        and site_id is None
        and (statuses is not None or include_cancelled)
    ):  # a day or a week of the site, or of one person or room: straight from the driver
        conn = session.connection()
        read = sqlite_day_rows if conn.dialect.name == "sqlite" else pg_day_rows
        rows = read(
            conn,
            start=start,
            end=end,
            statuses=statuses,
            counsellor_id=counsellor_id,
            room_id=room_id,
        )
    elif (
        ids is not None
        and len(ids) <= _FEW
        and start is None
        and end is None
        and counsellor_id is None
        and room_id is None
        and youth_id is None
        and site_id is None
        and statuses is None
        and include_cancelled
    ):  # a few appointments read back by id (the one just booked or moved): on the driver
        conn = session.connection()
        read_ids = sqlite_view_rows if conn.dialect.name == "sqlite" else pg_view_rows
        rows = read_ids(conn, list(ids))
    if rows is None:
        rows = _views_query(
            session,
            ids=ids,
            start=start,
            end=end,
            counsellor_id=counsellor_id,
            room_id=room_id,
            youth_id=youth_id,
            site_id=site_id,
            include_cancelled=include_cancelled,
            statuses=statuses,
        )
    # rows unpacked as tuples, enums looked up in a dict: a site's day is hundreds of rows, and named
    # access plus Enum() calls cost more than the query (same values, same errors for unknown ones)
    return [
        AppointmentView(
            id=aid,
            youth_id=youth_id,
            youth_name=f"{y_last.upper()} {y_first}",
            counsellor_id=counsellor_id,
            counsellor_name=f"{c_first} {c_last}",
            room_id=room_id,
            room_name=room_name,
            type_code=code,
            type_label=label,
            colour=colour,
            start=start_,
            end=end_,
            mode=_MODES.get(mode) or Mode(mode),
            status=_STATUSES.get(status) or Status(status),
            cancel_reason=cancel_reason,
            referred_by=referred_by,
            notes=notes,
            arrived_at=arrived_at,
            buffer_min=buffer_min,
            forced_reason=forced_reason,
            confidential=bool(confidential),
            second_staff_id=second_id,
            second_staff_name=f"{s_first} {s_last}" if second_id else "",
            called_at=called_at,
            interview_at=interview_at,
        )
        for (
            aid,
            youth_id,
            counsellor_id,
            room_id,
            start_,
            end_,
            mode,
            status,
            cancel_reason,
            referred_by,
            notes,
            arrived_at,
            buffer_min,
            forced_reason,
            y_first,
            y_last,
            c_first,
            c_last,
            room_name,
            code,
            label,
            colour,
            confidential,
            second_id,
            s_first,
            s_last,
            called_at,
            interview_at,
        ) in rows
    ]


def _views_query(
    session: Session,
    *,
    ids: Sequence[str] | None,
    start: datetime | None,
    end: datetime | None,
    counsellor_id: str | None,
    room_id: str | None,
    youth_id: str | None,
    site_id: str | None,
    include_cancelled: bool,
    statuses: Sequence[str] | None,
) -> Sequence[Any]:
    """The rows of `appointment_views` through SQLAlchemy (any engine, any filter)."""
    q = (
        select(*_COLS)
        .join(Youth, col(Youth.id) == Appointment.youth_id)
        .join(Staff, col(Staff.id) == Appointment.counsellor_id)
        .join(AppointmentType, col(AppointmentType.id) == Appointment.type_id)
        .outerjoin(Room, col(Room.id) == Appointment.room_id)
        .outerjoin(_Second, col(_Second.id) == Appointment.second_staff_id)
        .where(Appointment.deleted == False)
    )
    if ids is not None:
        q = q.where(col(Appointment.id).in_(list(ids)))
    if start is not None:
        q = q.where(Appointment.start >= start)
    if end is not None:
        q = q.where(Appointment.start < end)
    if counsellor_id is not None:  # their day: as the counsellor or as the second person
        q = q.where(
            or_(
                col(Appointment.counsellor_id) == counsellor_id,
                col(Appointment.second_staff_id) == counsellor_id,
            )
        )
    if room_id is not None:
        q = q.where(Appointment.room_id == room_id)
    if youth_id is not None:
        q = q.where(Appointment.youth_id == youth_id)
    if site_id is not None:
        q = q.where(Appointment.site_id == site_id)
    if statuses is not None:
        q = q.where(col(Appointment.status).in_(list(statuses)))
    elif not include_cancelled:
        q = q.where(
            col(Appointment.status).not_in([Status.CANCELLED_BY_ML.value, Status.CANCELLED_BY_YOUTH.value])
        )
    q = q.order_by(col(Appointment.start), col(Staff.last_name))
    return session.connection().execute(q).all()  # Core rows, all at once: no ORM row per appointment


_FEW = 50  # ids read back on the driver at most (more: the statement, whose IN is expanded once)
_MODES = {m.value: m for m in Mode}
_STATUSES = {s.value: s for s in Status}


def for_viewer(views: Sequence[AppointmentView], viewer: Actor | None) -> list[AppointmentView]:
    """The views as `viewer` may see them: confidential appointments redacted unless theirs (or the
    viewer leads the site); with no viewer, every confidential appointment is redacted."""
    if viewer is None:
        return confidentiality.for_viewer(views, None, None)
    return confidentiality.for_viewer(views, viewer.id, viewer.role)
