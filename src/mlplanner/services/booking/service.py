"""Booking use cases: book, move, cancel, check in, record an outcome, switch to remote.

Every method runs in one write transaction (BEGIN IMMEDIATE on SQLite): the rule checks and the write
happen under the same lock, so two workstations can never both take one slot.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
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
from mlplanner.services.booking.concurrency import rules_have_the_last_word
from mlplanner.services.booking.prefetch import read_ahead
from mlplanner.services.booking.rules import Proposal, check_all, room_candidates
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_room, find_staff, find_type
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import appointment_views, for_viewer
from mlplanner.services.reception.freed import queue_freed
from mlplanner.services.rows import referenced
from mlplanner.storage.db import lock_names, youth_lock
from mlplanner.storage.tables import Appointment, AppointmentType, Room, Site, Staff, Youth


@dataclass(frozen=True)
class BookingPlan:
    """A booking that every rule allows: who, where, when (see `BookingService.plan_in`)."""

    youth: Youth
    atype: AppointmentType
    mode: Mode
    end: datetime
    counsellor: Staff
    second: Staff | None
    room: Room | None
    forced: list


@checked_dates
class BookingService:
    """`busy`: what makes people and rooms busy besides appointments (given by the composition root)."""

    def __init__(self, ctx: ServiceContext, *, busy: BusyTime) -> None:
        self.ctx = ctx
        self.busy = busy

    # --- helpers -------------------------------------------------------------------------------
    def _view(self, session: Session, appointment_id: str) -> AppointmentView:
        """The appointment as stored (for the person who just booked it)."""
        return appointment_views(session, ids=[appointment_id])[0]

    def _view_for(self, session: Session, appointment_id: str, viewer: Actor | None) -> AppointmentView:
        """The appointment as `viewer` may see it (a confidential one redacted unless theirs)."""
        return for_viewer(appointment_views(session, ids=[appointment_id]), viewer)[0]

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
        second: Staff | None = None,
    ) -> tuple[Room | None, list]:
        """Check the rules for one counsellor (and the second person, if any); pick a room if asked.
        Returns the room and forced clashes."""
        staff_ids = [counsellor.id] if second is None else [counsellor.id, second.id]
        cal = load_calendar(session, site, start.date(), start.date(), staff_ids)
        now = self.ctx.now_local(site.timezone)
        people = 1 if second is None else 2
        if not auto_room:
            p = Proposal(youth, counsellor, room, start, end, buffer_min, party_size, second)
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
        candidates = room_candidates(
            self._site_rooms(session, site), counsellor, youth, party_size, staff=people
        )
        if not candidates:
            raise RuleViolation("no_room", "Aucun bureau du site ne convient à ce rendez-vous.")
        last: RuleViolation | None = None
        for candidate in candidates:
            p = Proposal(youth, counsellor, candidate, start, end, buffer_min, party_size, second)
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
            start=start,
            end=end,
        ) from last

    # --- book ------------------------------------------------------------------------------------
    @rules_have_the_last_word
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
        second_staff: str | None = None,
        site: str | None = None,
    ) -> BookingResult:
        """Book an appointment. `counsellor=None` takes the first one free (the youth's referent first);
        `second_staff`: a second person on it (a partner's advisor, a second counsellor), who must be
        free and working then too; `site`: another site's code, when this database writes that site's
        diary (server mode: a direct booking there, under both sites' locks, see `ctx.write`);
        otherwise booking there is a request (`reception.requests`)."""
        require(actor, Perm.BOOK)
        if back_office:
            require(actor, Perm.BACK_OFFICE)
        force = bool(force_reason.strip())
        if force:
            require(actor, Perm.FORCE_DOUBLE_BOOKING)
        if referred_by:
            referred_by = Referral(referred_by).value
        # the young person's lock (`plan_in`) with the sites' in one round trip
        with self.ctx.write(diary=site, then=(youth_lock(youth_id),)) as s:
            read_ahead(
                s,
                self.ctx,
                youth_id=youth_id,
                type_code=type_code,
                counsellor=counsellor,
                room=room,
                second_staff=second_staff,
                start=start,
                duration_min=duration_min,
            )
            target = self.ctx.site_row(s) if site is None else self.ctx.writable_site(s, site)
            if target.id != self.ctx.site_row(s).id and (force or back_office or room or second_staff):
                # overriding that site's rules, or choosing its rooms and partners, is its own desk's call
                raise InputError(
                    "site_options",
                    f"Au site {target.name}, la salle, la saisie a posteriori, le forçage et la deuxième "
                    "personne se règlent sur ce site-là.",
                )
            row = self.book_in(
                s,
                actor=actor,
                site=target,
                youth_id=youth_id,
                type_code=type_code,
                start=start,
                counsellor=counsellor,
                room=room,
                mode=mode,
                duration_min=duration_min,
                referred_by=referred_by,
                notes=notes,
                party_size=party_size,
                back_office=back_office,
                force_reason=force_reason,
                second_staff=second_staff,
            )
            view = self._view(s, row.id)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    def book_in(
        self,
        s: Session,
        *,
        actor: Actor,
        site: Site,
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
        second_staff: str | None = None,
    ) -> Appointment:
        """`book` inside the caller's write transaction, at `site` (permissions checked by the caller):
        for a use case that books as part of a larger change (a booking request answered)."""
        plan = self.plan_in(
            s,
            site=site,
            youth_id=youth_id,
            type_code=type_code,
            start=start,
            counsellor=counsellor,
            room=room,
            mode=mode,
            duration_min=duration_min,
            party_size=party_size,
            back_office=back_office,
            force=bool(force_reason.strip()),
            second_staff=second_staff,
        )
        youth, atype, c, second, chosen_room, forced = (
            plan.youth,
            plan.atype,
            plan.counsellor,
            plan.second,
            plan.room,
            plan.forced,
        )
        row = Appointment(
            site_id=site.id,
            youth_id=youth.id,
            counsellor_id=c.id,
            second_staff_id=second.id if second is not None else None,
            room_id=chosen_room.id if chosen_room else None,
            type_id=atype.id,
            start=start,
            end=plan.end,
            buffer_min=atype.buffer_min,
            mode=plan.mode.value,
            status=Status.BOOKED.value,
            referred_by=str(referred_by),
            notes=notes.strip(),
            created_by=actor.id,
            created_at=self.ctx.clock.now_utc(),
            updated_by=actor.id,
            forced_reason=force_reason.strip() if forced else "",
            slot_checked=True,
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
            | ({"clashes_with": [f.appointment_id for f in forced]} if forced else {})
            | ({"site": site.code} if site.code != self.ctx.site_code(s) else {}),  # booked from another
        )
        return row

    def plan_in(
        self,
        s: Session,
        *,
        site: Site,
        youth_id: str,
        type_code: str,
        start: datetime,
        counsellor: str | None = None,
        room: str | None = None,
        mode: Mode | None = None,
        duration_min: int | None = None,
        party_size: int = 1,
        back_office: bool = False,
        force: bool = False,
        second_staff: str | None = None,
    ) -> BookingPlan:
        """Every booking rule for this booking at `site`, and who and where it would be: nothing is
        written (a booking request checks it against its copy of the other site before sending)."""
        if not 1 <= party_size <= 6:
            raise InputError("bad_party", "Un rendez-vous réunit de 1 à 6 personnes en plus du conseiller.")
        youth = get_youth(s, youth_id)
        lock_names(s, youth_lock(youth.id))  # a youth may be booked at two sites of a server at once
        atype = find_type(s, type_code)
        mode = Mode(mode or atype.mode)
        duration = duration_min or atype.duration_min
        check_duration(duration)
        end = start + timedelta(minutes=duration)
        needs_room = mode.needs_room and atype.needs_room
        room_row = find_room(s, room) if room and needs_room else None
        second = find_staff(s, second_staff) if second_staff else None
        candidates = [find_staff(s, counsellor)] if counsellor else self._counsellor_order(s, site, youth)
        # a counsellor of another site may cover here (a permanence): staff are not tied to one site's
        # diary, rooms are
        if room_row is not None and room_row.site_id != site.id:
            raise RuleViolation(
                "room_other_site", f"La salle « {room_row.name} » n'est pas au site {site.name}."
            )
        if second is not None:
            candidates = [c for c in candidates if c.id != second.id]
            if not candidates:
                raise InputError(
                    "same_staff", "La deuxième personne doit être quelqu'un d'autre que le conseiller."
                )
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
                    second=second,
                )
                break
            except RuleViolation as exc:
                if (
                    counsellor
                    or exc.details.get("staff_id", c.id) != c.id
                    or exc.code
                    in (
                        "in_past",
                        "holiday",
                        "site_closed",
                        "outside_opening_hours",
                        "youth_overlap",
                    )
                ):
                    raise
                last = exc
        else:
            raise RuleViolation(
                "no_counsellor_free",
                f"Aucun conseiller n'est libre le {format_date_fr(start.date())} à {start:%H:%M}.",
                start=start,
            ) from last
        return BookingPlan(youth, atype, mode, end, c, second, chosen_room, forced)

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
    @rules_have_the_last_word
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
        second_staff: str | None = None,
    ) -> BookingResult:
        """Reschedule (time, counsellor, room), with every booking rule checked again (for both people
        when there are two). `second_staff`: None keeps the second person, "" removes them, a name or
        an id sets them."""
        require(actor, Perm.BOOK)
        if back_office:
            require(actor, Perm.BACK_OFFICE)
        force = bool(force_reason.strip())
        if force:
            require(actor, Perm.FORCE_DOUBLE_BOOKING)
        with self.ctx.write() as s:
            row = self.move_in(
                s,
                actor=actor,
                appointment_id=appointment_id,
                start=start,
                counsellor=counsellor,
                room=room,
                back_office=back_office,
                force_reason=force_reason,
                second_staff=second_staff,
            )
            view = self._view_for(s, row.id, actor)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    def move_in(
        self,
        s: Session,
        *,
        actor: Actor,
        appointment_id: str,
        start: datetime,
        counsellor: str | None = None,
        room: str | None = None,
        back_office: bool = False,
        force_reason: str = "",
        second_staff: str | None = None,
    ) -> Appointment:
        """`move` inside the caller's write transaction (permissions checked by the caller): for a use
        case that moves an appointment as part of a larger change (an earlier-slot wish accepted)."""
        force = bool(force_reason.strip())
        site = self.ctx.site_row(s)
        row = get_own_appointment(s, self.ctx, appointment_id)
        if Status(row.status) is not Status.BOOKED:
            raise RuleViolation("not_movable", "Seul un rendez-vous encore prévu peut être déplacé.")
        before = audit.snapshot(row, AUDIT_FIELDS)
        youth = get_youth(s, row.youth_id)
        lock_names(s, youth_lock(youth.id))
        c = find_staff(s, counsellor) if counsellor else referenced(s, Staff, row.counsellor_id)
        if second_staff is None:
            second = s.get(Staff, row.second_staff_id) if row.second_staff_id else None
        else:
            second = find_staff(s, second_staff) if second_staff.strip() else None
        if second is not None and second.id == c.id:
            raise InputError(
                "same_staff", "La deuxième personne doit être quelqu'un d'autre que le conseiller."
            )
        end = start + (row.end - row.start)
        needs_room = Mode(row.mode).needs_room and row.room_id is not None
        if room and needs_room:  # a phone or video appointment takes no room
            room_row, auto = find_room(s, room), False
        elif needs_room and c.id == row.counsellor_id:
            room_row, auto = referenced(s, Room, row.room_id), False
        else:
            room_row, auto = None, needs_room
        place = functools.partial(
            self._place,
            s,
            site,
            youth=youth,
            counsellor=c,
            start=start,
            end=end,
            buffer_min=row.buffer_min,
            party_size=1,
            back_office=back_office,
            force=force,
            exclude_id=row.id,
            second=second,
        )
        try:
            chosen_room, forced = place(room=room_row, auto_room=auto)
        except RuleViolation as exc:
            if exc.code == "room_overlap" and not room and needs_room:  # the room it had is taken
                chosen_room, forced = place(room=None, auto_room=True)  # then any free one
            else:
                raise
        was = (row.start, row.end, row.counsellor_id, row.room_id)
        row.start, row.end, row.counsellor_id = start, end, c.id
        row.second_staff_id = second.id if second is not None else None
        row.room_id = chosen_room.id if chosen_room else None
        row.updated_by = actor.id
        row.forced_reason = force_reason.strip() if forced else ""
        row.slot_checked = True
        s.add(row)
        if (was[0], was[2]) != (row.start, row.counsellor_id):  # the old slot is free again
            queue_freed(
                s,
                row,
                reason="moved",
                now_local=self.ctx.now_local(site.timezone),
                start=was[0],
                end=was[1],
                counsellor_id=was[2],
                room_id=was[3],
            )
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
        return row

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
    # `viewer`: who will see the result. Confidential appointments are redacted for anyone but their
    # staff and the site's leads (`domain.confidentiality`); no viewer means nobody in particular, so
    # they are redacted too.
    def get(self, appointment_id: str, *, viewer: Actor | None = None) -> AppointmentView:
        with self.ctx.read() as s:
            get_appointment(s, appointment_id)
            return self._view_for(s, appointment_id, viewer)

    def open_appointment(self, *, actor: Actor, appointment_id: str) -> AppointmentView:
        """One appointment opened by a person (a detail panel): as they may see it. Opening the
        details of a confidential appointment is audited, once per person, appointment and day."""
        with self.ctx.write() as s:
            get_appointment(s, appointment_id)
            view = self._view_for(s, appointment_id, actor)
            if view.confidential and not view.redacted:
                audit.record_once_a_day(
                    s,
                    self.ctx,
                    actor,
                    action="open_confidential",
                    entity="appointment",
                    entity_id=view.id,
                    youth_id=view.youth_id,
                )
            return view

    def day(
        self,
        day: date,
        *,
        counsellor: str | None = None,
        room: str | None = None,
        include_cancelled: bool = True,
        viewer: Actor | None = None,
    ) -> list[AppointmentView]:
        return self.between(
            day,
            day,
            counsellor=counsellor,
            room=room,
            include_cancelled=include_cancelled,
            viewer=viewer,
        )

    def between(
        self,
        start: date,
        end: date,
        *,
        counsellor: str | None = None,
        room: str | None = None,
        youth_id: str | None = None,
        include_cancelled: bool = True,
        viewer: Actor | None = None,
    ) -> list[AppointmentView]:
        """This site's appointments from `start` to `end` inclusive, optionally of one counsellor, room
        or youth (a youth's appointments at every site: their history follows them). Other sites'
        appointments (on a server, or received by sync) are theirs: not this site's day."""
        with self.ctx.read() as s:
            rows = appointment_views(
                s,
                start=datetime.combine(start, time.min),
                end=datetime.combine(end + timedelta(days=1), time.min),
                counsellor_id=find_staff(s, counsellor).id if counsellor else None,
                room_id=find_room(s, room).id if room else None,
                youth_id=youth_id,
                site_id=None if youth_id else self.ctx.site_row(s).id,
                include_cancelled=include_cancelled,
            )
        return for_viewer(rows, viewer)

    def youth_history(self, youth_id: str, *, viewer: Actor | None = None) -> list[AppointmentView]:
        with self.ctx.read() as s:
            return for_viewer(appointment_views(s, youth_id=youth_id), viewer)

    def to_fill_in(
        self, *, counsellor: str | None = None, viewer: Actor | None = None
    ) -> list[AppointmentView]:
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
            return for_viewer([r for r in rows if r.end <= now], viewer)


def type_by_code(session: Session, code: str) -> AppointmentType:
    return find_type(session, code)


__all__ = ["BookingResult", "BookingService", "SwitchResult"]
