"""Read queries shared by services: appointments as views, in one joined SELECT (no N+1)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from ..domain.enums import Mode, Status
from ..domain.models import AppointmentView
from ..storage.tables import Appointment, AppointmentType, Room, Staff, Youth

_COLS = (
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
    Youth.first_name.label("y_first"),
    Youth.last_name.label("y_last"),
    Staff.first_name.label("c_first"),
    Staff.last_name.label("c_last"),
    Room.name.label("room_name"),
    AppointmentType.code,
    AppointmentType.label,
    AppointmentType.colour,
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
    include_cancelled: bool = True,
    statuses: Sequence[str] | None = None,
) -> list[AppointmentView]:
    q = (
        select(*_COLS)
        .join(Youth, Youth.id == Appointment.youth_id)
        .join(Staff, Staff.id == Appointment.counsellor_id)
        .join(AppointmentType, AppointmentType.id == Appointment.type_id)
        .outerjoin(Room, Room.id == Appointment.room_id)
        .where(Appointment.deleted == False)  # noqa: E712
    )
    if ids is not None:
        q = q.where(Appointment.id.in_(list(ids)))
    if start is not None:
        q = q.where(Appointment.start >= start)
    if end is not None:
        q = q.where(Appointment.start < end)
    if counsellor_id is not None:
        q = q.where(Appointment.counsellor_id == counsellor_id)
    if room_id is not None:
        q = q.where(Appointment.room_id == room_id)
    if youth_id is not None:
        q = q.where(Appointment.youth_id == youth_id)
    if statuses is not None:
        q = q.where(Appointment.status.in_(list(statuses)))
    elif not include_cancelled:
        q = q.where(
            Appointment.status.not_in([Status.CANCELLED_BY_ML.value, Status.CANCELLED_BY_YOUTH.value])
        )
    q = q.order_by(Appointment.start, Staff.last_name)
    return [
        AppointmentView(
            id=r.id,
            youth_id=r.youth_id,
            youth_name=f"{r.y_last.upper()} {r.y_first}",
            counsellor_id=r.counsellor_id,
            counsellor_name=f"{r.c_first} {r.c_last}",
            room_id=r.room_id,
            room_name=r.room_name,
            type_code=r.code,
            type_label=r.label,
            colour=r.colour,
            start=r.start,
            end=r.end,
            mode=Mode(r.mode),
            status=Status(r.status),
            cancel_reason=r.cancel_reason,
            referred_by=r.referred_by,
            notes=r.notes,
            arrived_at=r.arrived_at,
            buffer_min=r.buffer_min,
            forced_reason=r.forced_reason,
        )
        for r in session.execute(q)
    ]
