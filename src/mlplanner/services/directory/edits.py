"""Settings edits the directory lacked: rename staff, edit rooms and appointment types, remove closures
and absences. Mixed into `DirectoryService` (so the UI calls `services.directory.update_room(...)`),
kept in their own module so directory.py stays readable.

Each edit is one write transaction, permission-checked and audited like the rest of the directory.
Removals are tombstones (`deleted`), so they travel by sync like any other change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlmodel import Session, col, select

from mlplanner.domain import fields
from mlplanner.domain.enums import Mode, RoomKind
from mlplanner.domain.errors import InputError, NotFound
from mlplanner.domain.limits import check_buffer, check_duration, check_room_capacity
from mlplanner.domain.models import Changes
from mlplanner.domain.text import clean_name, fold
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services import audit
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.tables import Absence, AppointmentType, Room, SiteClosure, Staff, Synced

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def check_colour(colour: str) -> str:
    """A diary colour as #RRGGBB (upper case), or a French `InputError`."""
    colour = (colour or "").strip()
    if not _COLOUR.match(colour):
        raise InputError("bad_colour", f"Couleur invalide : « {colour} » (attendu #RRVVBB).", value=colour)
    return colour.upper()


@dataclass(frozen=True)
class ClosureView:
    id: str
    start: date
    end: date
    reason: str


SyncedRow = TypeVar("SyncedRow", bound=Synced)


def _get(session: Session, table: type[SyncedRow], row_id: str, message: str) -> SyncedRow:
    row = session.get(table, row_id)
    if row is None or row.deleted:
        raise NotFound("not_found", message)
    return row


class DirectoryEdits:
    ctx: ServiceContext

    def closure_views(self) -> list[ClosureView]:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            q = select(SiteClosure).where(SiteClosure.site_id == site.id, SiteClosure.deleted == False)
            return [
                ClosureView(c.id, c.start_date, c.end_date, c.reason)
                for c in s.exec(q.order_by(col(SiteClosure.start_date)))
            ]

    def remove_closure(self, *, actor: Actor, closure_id: str) -> Changes:
        require(actor, Perm.CONFIGURE_SITE)
        with self.ctx.write() as s:
            row = _get(s, SiteClosure, closure_id, "Cette fermeture n'existe plus.")
            row.deleted = True
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="delete",
                entity="site_closure",
                entity_id=row.id,
                before={"from": format_date_fr(row.start_date), "to": format_date_fr(row.end_date)},
            )
        return Changes.of("config")

    def update_room(
        self,
        *,
        actor: Actor,
        room_id: str,
        name: str | None = None,
        kind: RoomKind | None = None,
        capacity: int | None = None,
        accessible: bool | None = None,
        active: bool | None = None,
    ) -> Changes:
        require(actor, Perm.CONFIGURE_SITE)
        with self.ctx.write() as s:
            row = _get(s, Room, room_id, "Cette salle n'existe plus.")
            before = audit.snapshot(row)
            if name is not None:
                name = clean_name(name, "nom de la salle", fields.ROOM_NAME)
                others = s.exec(select(Room).where(Room.site_id == row.site_id, Room.id != row.id))
                if any(fold(r.name) == fold(name) and not r.deleted for r in others):
                    raise InputError("duplicate_room", f"Une salle s'appelle déjà « {name} ».", name=name)
                row.name = name
            if kind is not None:
                row.kind = RoomKind(kind).value
            if capacity is not None:
                row.capacity = check_room_capacity(capacity)
            if accessible is not None:
                row.accessible = accessible
            if active is not None:
                row.active = active
            s.add(row)
            audit.record_update(s, self.ctx, actor, entity="room", row=row, before=before)
        return Changes.of("config", ids=(room_id,))

    def update_type(
        self,
        *,
        actor: Actor,
        type_id: str,
        label: str | None = None,
        duration_min: int | None = None,
        buffer_min: int | None = None,
        colour: str | None = None,
        needs_room: bool | None = None,
        mode: Mode | None = None,
        active: bool | None = None,
        confidential: bool | None = None,
    ) -> Changes:
        """Edit a type. Booked appointments keep their times and buffer (copied at booking); marking a
        type confidential hides the type and notes of all its appointments, past ones included."""
        require(actor, Perm.CONFIGURE_SITE)
        with self.ctx.write() as s:
            row = _get(s, AppointmentType, type_id, "Ce type de rendez-vous n'existe plus.")
            before = audit.snapshot(row)
            if label is not None:
                if not label.strip():
                    raise InputError("empty_label", "Le libellé du type est obligatoire.")
                row.label = label.strip()[:80]
            if duration_min is not None:
                row.duration_min = check_duration(duration_min)
            if buffer_min is not None:
                row.buffer_min = check_buffer(buffer_min)
            if colour is not None:
                row.colour = check_colour(colour)
            if needs_room is not None:
                row.needs_room = needs_room
            if mode is not None:
                row.mode = Mode(mode).value
            if active is not None:
                row.active = active
            if confidential is not None:
                row.confidential = confidential
            s.add(row)
            audit.record_update(s, self.ctx, actor, entity="appointment_type", row=row, before=before)
        # every appointment of the type is shown differently from now on
        return Changes.of("config", "appointments", ids=(type_id,))

    def rename_staff(self, *, actor: Actor, staff_id: str, first_name: str, last_name: str) -> Changes:
        require(actor, Perm.MANAGE_STAFF)
        with self.ctx.write() as s:
            row = _get(s, Staff, staff_id, "Ce membre du personnel n'existe plus.")
            before = audit.snapshot(row, ("first_name", "last_name"))
            row.first_name = clean_name(first_name, "prénom", fields.STAFF_FIRST_NAME)
            row.last_name = clean_name(last_name, "nom", fields.STAFF_LAST_NAME)
            s.add(row)
            audit.record_update(
                s, self.ctx, actor, entity="staff", row=row, before=before, fields=("first_name", "last_name")
            )
        return Changes.of("staff", ids=(staff_id,))

    def remove_absence(self, *, actor: Actor, absence_id: str) -> Changes:
        with self.ctx.write() as s:
            row = _get(s, Absence, absence_id, "Cette absence n'existe plus.")
            if actor.id != row.staff_id:
                require(actor, Perm.CONFIGURE_SITE)
            row.deleted = True
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="delete",
                entity="absence",
                entity_id=row.id,
                before={"staff_id": row.staff_id, "start": row.start.isoformat(), "end": row.end.isoformat()},
            )
        return Changes.of("staff", "appointments")
