"""Workshop sessions in a youth's history (`followup.ACTIVITY_SOURCES`): the youth file, the portfolio's
attendance rate and the CEJ weekly hours then count workshops with no other change.

Attended: present or late. Missed: absent. Excused, waiting, cancelled: nothing to count. Planned hours
(CEJ) only for a seat (not the waiting list) in a session still to come.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from mlplanner.services.followup.service import Activity
from mlplanner.services.queries import columns
from mlplanner.services.workshops.terms import (
    ATTENDANCE_FR,
    REGISTRATION_FR,
    Attendance,
    RegistrationStatus,
    SessionStatus,
)
from mlplanner.storage.tables import Room, Staff
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession

_Co = aliased(Staff, name="hist_cofac")


def _status(
    reg: WorkshopRegistration, session_status: str, start: datetime, now: datetime
) -> tuple[str, str]:
    """(machine value, French label) of a registration as the youth file shows it."""
    if session_status == SessionStatus.CANCELLED:
        return "session_cancelled", "séance annulée"
    status = RegistrationStatus(reg.status)
    if status is not RegistrationStatus.CONFIRMED:
        return status.value, REGISTRATION_FR[status]
    if start > now:
        return status.value, REGISTRATION_FR[status]
    attendance = Attendance(reg.attendance)
    if attendance is Attendance.NONE:
        return "to_record", "présence à saisir"
    # the machine values the youth file colours for appointments too: came / did not come
    value = "attended" if attendance.attended else "no_show" if attendance is Attendance.ABSENT else "excused"
    return value, ATTENDANCE_FR[attendance]


def workshop_activities(session: Session, youth_ids: Sequence[str], now: datetime) -> list[Activity]:
    R, S = WorkshopRegistration, WorkshopSession
    out: list[Activity] = []
    ids = list(youth_ids)
    for i in range(0, len(ids), 500):
        q = (
            select(
                *columns(
                    R,
                    S.start,
                    S.end,
                    col(S.status).label("s_status"),
                    WorkshopSeries.title,
                    col(Room.name).label("room_name"),
                    Staff.first_name,
                    Staff.last_name,
                    col(_Co.first_name).label("co_first"),
                    col(_Co.last_name).label("co_last"),
                )
            )
            .join(S, col(S.id) == R.session_id)
            .join(WorkshopSeries, col(WorkshopSeries.id) == S.series_id)
            .outerjoin(Room, col(Room.id) == S.room_id)
            .outerjoin(Staff, col(Staff.id) == S.facilitator_id)
            .outerjoin(_Co, col(_Co.id) == S.co_facilitator_id)
            .where(col(R.youth_id).in_(ids[i : i + 500]), R.deleted == False, S.deleted == False)
        )
        for row in session.execute(q):
            reg: WorkshopRegistration = row[0]
            value, label = _status(reg, row.s_status, row.start, now)
            attendance = Attendance(reg.attendance)
            confirmed = reg.status == RegistrationStatus.CONFIRMED and row.s_status != SessionStatus.CANCELLED
            who = [f"{f} {n}" for f, n in ((row.first_name, row.last_name), (row.co_first, row.co_last)) if f]
            out.append(
                Activity(
                    kind="workshop",
                    kind_label="Atelier",
                    id=reg.id,
                    youth_id=reg.youth_id,
                    start=row.start,
                    end=row.end,
                    title=row.title,
                    with_whom=", ".join(who),
                    place=row.room_name or "",
                    status=value,
                    status_label=label,
                    attended=(
                        True if attendance.attended else False if attendance is Attendance.ABSENT else None
                    )
                    if confirmed
                    else None,
                    upcoming=confirmed and row.s_status == SessionStatus.PLANNED and row.start >= now,
                )
            )
    return out
