"""Helpers shared by every workshop use case: lookups of rooms and staff, number checks, session rows."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select

from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.services.booking.availability import BusyTime
from mlplanner.services.context import ServiceContext
from mlplanner.services.directory.service import find_room, find_staff
from mlplanner.services.workshops.clashes import Placement
from mlplanner.services.workshops.terms import SessionStatus
from mlplanner.services.workshops.views import SessionView, session_views, when_fr
from mlplanner.storage.tables import Room, Site, Staff
from mlplanner.storage.workshop_tables import WorkshopSeries, WorkshopSession

KEEP: Any = object()  # "leave as it is" for optional edits where None means "none"
SESSION_FIELDS = (
    "series_id",
    "start",
    "end",
    "room_id",
    "facilitator_id",
    "co_facilitator_id",
    "capacity",
    "status",
)


def until_datetime(text: str) -> datetime:
    """An RRULE UNTIL value (date or date-time, already local) as a wall-clock datetime."""
    if "T" in text:
        return datetime.strptime(text[:15], "%Y%m%dT%H%M%S")
    return datetime.combine(datetime.strptime(text[:8], "%Y%m%d").date(), time(23, 59, 59))


class WorkshopCore:
    """Helpers shared by series creation, edits and the lifecycle. `busy`: what makes facilitators,
    rooms and youths busy (appointments and sessions), given by the composition root."""

    def __init__(self, ctx: ServiceContext, *, busy: BusyTime) -> None:
        self.ctx = ctx
        self.busy = busy

    def _now(self, site: Site) -> datetime:
        return self.ctx.now_local(site.timezone)

    def _views(self, s: Session, site: Site, ids: list[str]) -> tuple[SessionView, ...]:
        return tuple(session_views(s, now=self._now(site), ids=ids)) if ids else ()

    def _resolve(
        self,
        s: Session,
        *,
        room: str | None,
        facilitator: str | None,
        co_facilitator: str | None,
        capacity: int | None,
    ) -> tuple[Room | None, Staff | None, Staff | None]:
        room_row = find_room(s, room) if room else None
        if room_row is not None:
            if not room_row.active:
                raise RuleViolation("room_inactive", f"La salle « {room_row.name} » n'est plus en service.")
            if capacity is not None and room_row.capacity < capacity:
                raise RuleViolation(
                    "room_capacity",
                    f"La salle « {room_row.name} » accueille {room_row.capacity} personnes au plus : "
                    f"une capacité de {capacity} places est trop grande.",
                )
        fac = find_staff(s, facilitator) if facilitator else None
        co = find_staff(s, co_facilitator) if co_facilitator else None
        for person in (fac, co):
            if person is not None and not person.active:
                raise RuleViolation(
                    "staff_inactive", f"{person.first_name} {person.last_name} n'est plus en activité."
                )
        if fac is not None and co is not None and fac.id == co.id:
            raise InputError("same_facilitator", "Choisissez deux animateurs différents (ou un seul).")
        return room_row, fac, co

    @staticmethod
    def _check_numbers(*, title: str | None, duration_min: int | None, capacity: int | None) -> None:
        if title is not None and not title.strip():
            raise InputError("empty_title", "Donnez un titre à l'atelier.")
        if title is not None and len(title.strip()) > 120:
            raise InputError("long_title", "Le titre de l'atelier est trop long (120 caractères au plus).")
        if duration_min is not None and not 15 <= duration_min <= 600:
            raise InputError("bad_duration", "La durée d'une séance va de 15 minutes à 10 heures.")
        if capacity is not None and not 1 <= capacity <= 200:
            raise InputError("bad_capacity", "La capacité d'une séance va de 1 à 200 places.")

    @staticmethod
    def _check_same_day(start: datetime, duration_min: int) -> None:
        end = start + timedelta(minutes=duration_min)
        if end.date() != start.date() and end.time() != time(0):
            raise InputError("multi_day", "Une séance doit commencer et finir le même jour.")

    def _new_session(self, site: Site, series: WorkshopSeries, p: Placement) -> WorkshopSession:
        return WorkshopSession(
            site_id=site.id,
            series_id=series.id,
            original_start=p.start,
            start=p.start,
            end=p.end,
            room_id=p.room_id,
            facilitator_id=series.facilitator_id,
            co_facilitator_id=series.co_facilitator_id,
            capacity=series.capacity,
            status=SessionStatus.PLANNED.value,
        )

    def _series_sessions(self, s: Session, series_id: str) -> list[WorkshopSession]:
        q = (
            select(WorkshopSession)
            .where(WorkshopSession.series_id == series_id, WorkshopSession.deleted == False)
            .order_by(col(WorkshopSession.original_start))
        )
        return list(s.exec(q))

    def _editable(self, row: WorkshopSession, now: datetime) -> None:
        if row.status == SessionStatus.CANCELLED:
            raise RuleViolation("session_cancelled", f"La séance du {when_fr(row)} est annulée.")
        if row.status == SessionStatus.CLOSED:
            raise RuleViolation(
                "session_closed",
                f"La séance du {when_fr(row)} est clôturée : un(e) responsable de site doit d'abord la rouvrir.",
            )
        if row.start <= now:
            raise RuleViolation(
                "session_past", f"La séance du {when_fr(row)} a déjà eu lieu : elle ne se modifie plus."
            )
