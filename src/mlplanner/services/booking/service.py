"""Booking use cases: book, move, cancel, check in, record an outcome, switch to remote.

Every method runs in one write transaction (BEGIN IMMEDIATE on SQLite): the rule checks and the write
happen under the same lock, so two workstations can never both take one slot.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from mlplanner.domain.enums import Mode, Referral, Role, Status
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.labels import MODE_FR
from mlplanner.domain.limits import check_duration
from mlplanner.domain.models import AppointmentView, Changes
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services import audit
from mlplanner.services.booking.appointments import (
    AUDIT_FIELDS,
    BookingResult,
    SwitchResult,
    get_appointment,
    get_own_appointment,
    get_youth,
)
from mlplanner.services.booking.availability import BusyTime, load_calendar
from mlplanner.services.booking.rules import Proposal, check_all, room_candidates
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_room, find_staff, find_type
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import appointment_views
from mlplanner.services.rows import referenced
from mlplanner.storage.tables import Appointment, AppointmentType, Room, Site, Staff, Youth


@checked_dates
class BookingService:
    """`busy`: what makes people and rooms busy besides appointments (given by the composition root)."""

    def __init__(self, ctx: ServiceContext, *, busy: BusyTime) -> None:
        self.ctx = ctx
        self.busy = busy

    # --- helpers -------------------------------------------------------------------------------
    def _view(self, session: Session, appointment_id: str) -> AppointmentView:
        return appointment_views(session, ids=[appointment_id])[0]

    def _site_rooms(self, session: Session, site: Site) -> list[Room]:
        return list(session.exec(select(Room).where(Room.site_id == site.id)))

    def _place(
        self,
        session: Session,
        site: Site,
        *,
        youth: Youth,
        counsellor: Staff,
        room: Room | None,
        auto_room: bool,
        start: datetime,
        end: datetime,
        buffer_min: int,
        party_size: int,
        back_office: bool,
        force: bool,
        exclude_id: str | None,
    ) -> tuple[Room | None, list]:
        """Check the rules for one counsellor; pick a room if asked. Returns the room and forced clashes."""
        cal = load_calendar(session, site, start.date(), start.date(), [counsellor.id])
        now = self.ctx.now_local(site.timezone)
        if not auto_room:
            p = Proposal(youth, counsellor, room, start, end, buffer_min, party_size)
            return room, check_all(
                session,
                p,
                cal,
                self.busy,
                now_local=now,
                back_office=back_office,
                exclude_id=exclude_id,
                allow_counsellor_overlap=force,
            )
        candidates = room_candidates(self._site_rooms(session, site), counsellor, youth, party_size)
        if not candidates:
            raise RuleViolation("no_room", "Aucun bureau du site ne convient à ce rendez-vous.")
        last: RuleViolation | None = None
        for candidate in candidates:
            p = Proposal(youth, counsellor, candidate, start, end, buffer_min, party_size)
            try:
                return candidate, check_all(
                    session,
                    p,
                    cal,
                    self.busy,
                    now_local=now,
                    back_office=back_office,
                    exclude_id=exclude_id,
                    allow_counsellor_overlap=force,
                )
            except RuleViolation as exc:
                if exc.code != "room_overlap":
                    raise
                last = exc
        raise RuleViolation(
            "no_free_room",
            f"Aucun bureau n'est libre le {format_date_fr(start.date())} de {start:%H:%M} à {end:%H:%M}.",
        ) from last

    # --- book ------------------------------------------------------------------------------------
    def book(
        self,
        *,
        actor: Actor,
        youth_id: str,
        type_code: str,
        start: datetime,
        counsellor: str | None = None,
        room: str | None = None,
        mode: Mode | None = None,
        duration_min: int | None = None,
        referred_by: Referral | str = "",
        notes: str = "",
        party_size: int = 1,
        back_office: bool = False,
        force_reason: str = "",
    ) -> BookingResult:
        """Book an appointment. `counsellor=None` takes the first one free (the youth's referent first)."""
        require(actor, Perm.BOOK)
        if back_office:
            require(actor, Perm.BACK_OFFICE)
        force = bool(force_reason.strip())
        if force:
            require(actor, Perm.FORCE_DOUBLE_BOOKING)
        if referred_by:
            referred_by = Referral(referred_by).value
        if not 1 <= party_size <= 6:
            raise InputError("bad_party", "Un rendez-vous réunit de 1 à 6 personnes en plus du conseiller.")
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            youth = get_youth(s, youth_id)
            atype = find_type(s, type_code)
            mode = Mode(mode or atype.mode)
            duration = duration_min or atype.duration_min
            check_duration(duration)
            end = start + timedelta(minutes=duration)
            needs_room = mode.needs_room and atype.needs_room
            room_row = find_room(s, room) if room and needs_room else None
            candidates = [find_staff(s, counsellor)] if counsellor else self._counsellor_order(s, site, youth)
            last: RuleViolation | None = None
            for c in candidates:
                try:
                    chosen_room, forced = self._place(
                        s,
                        site,
                        youth=youth,
                        counsellor=c,
                        room=room_row,
                        auto_room=needs_room and room_row is None,
                        start=start,
                        end=end,
                        buffer_min=atype.buffer_min,
                        party_size=party_size,
                        back_office=back_office,
                        force=force,
                        exclude_id=None,
                    )
                    break
                except RuleViolation as exc:
                    if counsellor or exc.code in (
                        "in_past",
                        "holiday",
                        "site_closed",
                        "outside_opening_hours",
                        "youth_overlap",
                    ):
                        raise
                    last = exc
            else:
                raise RuleViolation(
                    "no_counsellor_free",
                    f"Aucun conseiller n'est libre le {format_date_fr(start.date())} à {start:%H:%M}.",
                ) from last
            row = Appointment(
                site_id=site.id,
                youth_id=youth.id,
                counsellor_id=c.id,
                room_id=chosen_room.id if chosen_room else None,
                type_id=atype.id,
                start=start,
                end=end,
                buffer_min=atype.buffer_min,
                mode=mode.value,
                status=Status.BOOKED.value,
                referred_by=str(referred_by),
                notes=notes.strip(),
                created_by=actor.id,
                created_at=self.ctx.clock.now_utc(),
                updated_by=actor.id,
                forced_reason=force_reason.strip() if forced else "",
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="book_forced" if forced else "book",
                entity="appointment",
                entity_id=row.id,
                youth_id=youth.id,
                reason=row.forced_reason,
                after=audit.snapshot(row, AUDIT_FIELDS)
                | ({"clashes_with": [f.appointment_id for f in forced]} if forced else {}),
            )
            view = self._view(s, row.id)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    def _counsellor_order(self, session: Session, site: Site, youth: Youth) -> list[Staff]:
        rows = session.exec(
            select(Staff)
            .where(
                Staff.site_id == site.id,
                Staff.active == True,
                Staff.deleted == False,
                Staff.role == Role.COUNSELLOR.value,
            )
            .order_by(col(Staff.last_name), col(Staff.first_name))
        ).all()
        return sorted(rows, key=lambda r: r.id != youth.referent_id)

    # --- move ------------------------------------------------------------------------------------
    def move(
        self,
        *,
        actor: Actor,
        appointment_id: str,
        start: datetime,
        counsellor: str | None = None,
        room: str | None = None,
        back_office: bool = False,
        force_reason: str = "",
    ) -> BookingResult:
        """Reschedule (time, counsellor, room), with every booking rule checked again."""
        require(actor, Perm.BOOK)
        if back_office:
            require(actor, Perm.BACK_OFFICE)
        force = bool(force_reason.strip())
        if force:
            require(actor, Perm.FORCE_DOUBLE_BOOKING)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            row = get_own_appointment(s, self.ctx, appointment_id)
            if Status(row.status) is not Status.BOOKED:
                raise RuleViolation("not_movable", "Seul un rendez-vous encore prévu peut être déplacé.")
            before = audit.snapshot(row, AUDIT_FIELDS)
            youth = get_youth(s, row.youth_id)
            c = find_staff(s, counsellor) if counsellor else referenced(s, Staff, row.counsellor_id)
            end = start + (row.end - row.start)
            needs_room = Mode(row.mode).needs_room and row.room_id is not None
            if room and needs_room:  # a phone or video appointment takes no room
                room_row, auto = find_room(s, room), False
            elif needs_room and c.id == row.counsellor_id:
                room_row, auto = referenced(s, Room, row.room_id), False
            else:
                room_row, auto = None, needs_room
            try:
                chosen_room, forced = self._place(
                    s,
                    site,
                    youth=youth,
                    counsellor=c,
                    room=room_row,
                    auto_room=auto,
                    start=start,
                    end=end,
                    buffer_min=row.buffer_min,
                    party_size=1,
                    back_office=back_office,
                    force=force,
                    exclude_id=row.id,
                )
            except RuleViolation as exc:
                if exc.code == "room_overlap" and not room and needs_room:
                    chosen_room, forced = self._place(
                        s,
                        site,
                        youth=youth,
                        counsellor=c,
                        room=None,
                        auto_room=True,
                        start=start,
                        end=end,
                        buffer_min=row.buffer_min,
                        party_size=1,
                        back_office=back_office,
                        force=force,
                        exclude_id=row.id,
                    )
                else:
                    raise
            row.start, row.end, row.counsellor_id = start, end, c.id
            row.room_id = chosen_room.id if chosen_room else None
            row.updated_by = actor.id
            row.forced_reason = force_reason.strip() if forced else ""
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="move_forced" if forced else "move",
                entity="appointment",
                entity_id=row.id,
                youth_id=row.youth_id,
                reason=row.forced_reason,
                before=before,
                after=audit.snapshot(row, AUDIT_FIELDS),
            )
            view = self._view(s, row.id)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    # --- remote switch ---------------------------------------------------------------------------
    def switch_mode(
        self, *, actor: Actor, start: date, end: date, mode: Mode, counsellor: str | None = None
    ) -> SwitchResult:
        """Switch every future booked appointment of a counsellor (or the whole site) to phone/video
        (e.g. during a lockdown). Rooms are freed. Switching back to on-site is done one by one."""
        require(actor, Perm.SWITCH_MODE)
        mode = Mode(mode)
        if mode is Mode.ON_SITE:
            raise InputError(
                "bad_mode", "Le basculement en masse se fait vers le téléphone, la visio ou hors les murs."
            )
        if end < start:
            raise InputError("end_before_start", "La date de fin doit suivre la date de début.")
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            q = select(Appointment).where(
                Appointment.site_id == site.id,
                Appointment.deleted == False,
                Appointment.status == Status.BOOKED.value,
                Appointment.start >= max(datetime.combine(start, time.min), now),
                Appointment.start < datetime.combine(end + timedelta(days=1), time.min),
            )
            if counsellor:
                q = q.where(Appointment.counsellor_id == find_staff(s, counsellor).id)
            # appointments already remote (phone, video) stay as planned: a phone call is not turned into a visio
            remote = (Mode.PHONE.value, Mode.VIDEO.value)
            rows = [r for r in s.exec(q) if r.mode != mode.value and r.mode not in remote]
            for r in rows:
                before = audit.snapshot(r, AUDIT_FIELDS)
                r.mode, r.room_id, r.updated_by = mode.value, None, actor.id
                s.add(r)
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="switch_mode",
                    entity="appointment",
                    entity_id=r.id,
                    youth_id=r.youth_id,
                    reason=f"bascule {MODE_FR[mode]}",
                    before=before,
                    after=audit.snapshot(r, AUDIT_FIELDS),
                )
        return SwitchResult(len(rows), (), Changes.of("appointments", ids=tuple(r.id for r in rows)))

    # --- reading ---------------------------------------------------------------------------------
    def get(self, appointment_id: str) -> AppointmentView:
        with self.ctx.read() as s:
            get_appointment(s, appointment_id)
            return self._view(s, appointment_id)

    def day(
        self,
        day: date,
        *,
        counsellor: str | None = None,
        room: str | None = None,
        include_cancelled: bool = True,
    ) -> list[AppointmentView]:
        return self.between(day, day, counsellor=counsellor, room=room, include_cancelled=include_cancelled)

    def between(
        self,
        start: date,
        end: date,
        *,
        counsellor: str | None = None,
        room: str | None = None,
        youth_id: str | None = None,
        include_cancelled: bool = True,
    ) -> list[AppointmentView]:
        """Appointments from `start` to `end` inclusive, optionally of one counsellor, room or youth."""
        with self.ctx.read() as s:
            return appointment_views(
                s,
                start=datetime.combine(start, time.min),
                end=datetime.combine(end + timedelta(days=1), time.min),
                counsellor_id=find_staff(s, counsellor).id if counsellor else None,
                room_id=find_room(s, room).id if room else None,
                youth_id=youth_id,
                include_cancelled=include_cancelled,
            )

    def youth_history(self, youth_id: str) -> list[AppointmentView]:
        with self.ctx.read() as s:
            return appointment_views(s, youth_id=youth_id)

    def to_fill_in(self, *, counsellor: str | None = None) -> list[AppointmentView]:
        """Past appointments still booked or arrived: their outcome must be recorded."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            cid = find_staff(s, counsellor).id if counsellor else None
            rows = appointment_views(
                s,
                end=now,
                counsellor_id=cid,
                include_cancelled=False,
                statuses=(Status.BOOKED.value, Status.ARRIVED.value),
            )
            return [r for r in rows if r.end <= now]


def type_by_code(session: Session, code: str) -> AppointmentType:
    return find_type(session, code)


__all__ = ["BookingResult", "BookingService", "SwitchResult"]
