"""Appointment results and lookups shared by the booking and status use cases."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from mlplanner.domain.errors import NotFound, RuleViolation
from mlplanner.domain.models import AppointmentView, Changes
from mlplanner.services.context import ServiceContext
from mlplanner.storage.tables import Appointment, Site, Youth

AUDIT_FIELDS = (
    "youth_id",
    "counsellor_id",
    "second_staff_id",
    "room_id",
    "type_id",
    "start",
    "end",
    "mode",
    "status",
)


@dataclass(frozen=True)
class BookingResult:
    appointment: AppointmentView
    changes: Changes


@dataclass(frozen=True)
class SwitchResult:
    switched: int
    skipped: tuple[str, ...]
    changes: Changes


def get_youth(session: Session, youth_id: str) -> Youth:
    row = session.get(Youth, youth_id)
    if row is None or row.deleted:
        raise NotFound("unknown_youth", f"Aucun jeune ne correspond à « {youth_id} ».", key=youth_id)
    return row


def get_appointment(session: Session, appointment_id: str) -> Appointment:
    row = session.get(Appointment, appointment_id)
    if row is None or row.deleted:
        raise NotFound(
            "unknown_appointment", f"Rendez-vous introuvable : « {appointment_id} ».", key=appointment_id
        )
    return row


def get_own_appointment(session: Session, ctx: ServiceContext, appointment_id: str) -> Appointment:
    """An appointment this site may change: another site's appointments (received by sync) are
    read-only here, so that each site stays the single writer of its own diary."""
    row = get_appointment(session, appointment_id)
    site = ctx.site_row(session)
    if row.site_id != site.id:
        other = session.get(Site, row.site_id)
        raise RuleViolation(
            "other_site",
            f"Ce rendez-vous appartient au site {other.name if other else row.site_id} : "
            "seul ce site peut le modifier.",
            site=other.name if other else row.site_id,
        )
    return row
