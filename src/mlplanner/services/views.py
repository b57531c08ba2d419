"""Table rows → frozen domain views (the only place that knows both shapes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from mlplanner.domain.enums import Mode, Programme, Role, RoomKind, Status
from mlplanner.domain.models import AppointmentTypeView, AppointmentView, RoomView, StaffView, YouthView
from mlplanner.storage.tables import Appointment, AppointmentType, Room, Staff, Youth


def staff_name(row: Staff) -> str:
    return f"{row.first_name} {row.last_name}"


def youth_name(row: Youth) -> str:
    return f"{row.last_name.upper()} {row.first_name}"


def room_view(row: Room) -> RoomView:
    return RoomView(row.id, row.name, RoomKind(row.kind), row.capacity, row.accessible, row.active)


def staff_view(row: Staff, can_log_in: bool = False) -> StaffView:
    return StaffView(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        role=Role(row.role),
        active=row.active,
        working_pattern_json=row.working_pattern,
        default_room_id=row.default_room_id,
        can_log_in=can_log_in,
    )


def type_view(row: AppointmentType) -> AppointmentTypeView:
    return AppointmentTypeView(
        id=row.id,
        code=row.code,
        label=row.label,
        duration_min=row.duration_min,
        buffer_min=row.buffer_min,
        colour=row.colour,
        needs_room=row.needs_room,
        mode=Mode(row.mode),
        active=row.active,
        confidential=row.confidential,
    )


# a youth's view, column by column (`YouthView`'s fields, in order): what a read of the rows shown
# selects when it builds the views itself (`storage.pg_search`)
YOUTH_VIEW_COLUMNS = tuple(f.name for f in fields(YouthView))
_PROGRAMME = YOUTH_VIEW_COLUMNS.index("programme")


def youth_view_of(values: Sequence[Any]) -> YouthView:
    """The view of a youth read as the values of `YOUTH_VIEW_COLUMNS`, as `youth_view` gives it."""
    shown = list(values)
    shown[_PROGRAMME] = Programme(shown[_PROGRAMME])
    return YouthView(*shown)


def youth_view(row: Youth) -> YouthView:
    return YouthView(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        birth_date=row.birth_date,
        phone=row.phone,
        email=row.email,
        external_id=row.external_id,
        referent_id=row.referent_id,
        programme=Programme(row.programme),
        programme_start=row.programme_start,
        programme_end=row.programme_end,
        sms_consent=row.sms_consent,
        needs_accessible_room=row.needs_accessible_room,
        email_consent=row.email_consent,
    )


def appointment_view(
    a: Appointment,
    youth: Youth,
    counsellor: Staff,
    room: Room | None,
    atype: AppointmentType,
    second: Staff | None = None,
) -> AppointmentView:
    return AppointmentView(
        id=a.id,
        youth_id=a.youth_id,
        youth_name=youth_name(youth),
        counsellor_id=a.counsellor_id,
        counsellor_name=staff_name(counsellor),
        room_id=a.room_id,
        room_name=room.name if room else None,
        type_code=atype.code,
        type_label=atype.label,
        colour=atype.colour,
        start=a.start,
        end=a.end,
        mode=Mode(a.mode),
        status=Status(a.status),
        cancel_reason=a.cancel_reason,
        referred_by=a.referred_by,
        notes=a.notes,
        arrived_at=a.arrived_at,
        buffer_min=a.buffer_min,
        forced_reason=a.forced_reason,
        confidential=atype.confidential,
        second_staff_id=a.second_staff_id,
        second_staff_name=staff_name(second) if second is not None else "",
        called_at=a.called_at,
        interview_at=a.interview_at,
    )
