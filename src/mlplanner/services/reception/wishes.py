"""Earlier-slot wishes ("plus tôt si possible") and the proposals made from freed slots.

A young person with an appointment asks for an earlier one, saying when they can come. When a slot
frees (a cancellation, an excused absence, a move, the no-show policy: `reception.freed`), the desk is
proposed that slot for the first waiting young person it suits, one proposal at a time; the app never
books by itself. Accepting moves the appointment under every booking rule, in one transaction with the
wish and the slot; a refusal by the young person is remembered so the same slot is not proposed to them
again. A wish disappears on its appointment's day (or when the appointment is no longer booked).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.errors import InputError, NotFound, RuleViolation
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.models import AppointmentView, Changes
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.domain.wishes import describe_fr, expired, parse_when, slot_key, suits
from mlplanner.services import audit
from mlplanner.services.booking.appointments import get_own_appointment, get_youth
from mlplanner.services.booking.service import BookingService
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import appointment_views, for_viewer
from mlplanner.services.reception.freed import next_mark
from mlplanner.services.views import staff_name
from mlplanner.storage.reception_tables import EarlierWish, FreedSlot
from mlplanner.storage.tables import Appointment, AppointmentType, Room, Site, Staff, Youth

REASON_FR = {
    "cancelled": "annulation",
    "excused": "absence excusée",
    "moved": "rendez-vous déplacé",
    "no_show": "absence (retard au-delà du délai)",
}

#: Called after a wish was granted (the appointment moved earlier): the seam for telling the young
#: person (the reminders outbox notices a moved appointment by itself once it is wired here).
Notifier = Callable[[AppointmentView], object]


@dataclass(frozen=True)
class WishView:
    id: str
    appointment: AppointmentView  # as the viewer may see it (a confidential type redacted)
    phone: str
    availability: str  # WeeklyHours JSON ({} = whenever the site is open)
    availability_fr: str
    any_counsellor: bool
    status: str  # active | done | withdrawn
    created_at: datetime
    expired: bool  # the appointment's day has come, or it is no longer booked

    @property
    def youth_name(self) -> str:
        return self.appointment.youth_name


@dataclass(frozen=True)
class Proposal:
    """One freed slot for one waiting young person: what the desk is asked to propose."""

    id: str  # "<freed slot id>:<wish id>"
    wish: WishView
    start: datetime
    end: datetime
    counsellor_id: str
    counsellor_name: str
    room_id: str | None
    room_name: str | None
    freed_reason: str  # cancelled | excused | moved | no_show

    def sentence_fr(self) -> str:
        a = self.wish.appointment
        return (
            f"Créneau libéré le {format_date_fr(self.start.date())} à {self.start:%H:%M} avec "
            f"{self.counsellor_name} ({REASON_FR.get(self.freed_reason, self.freed_reason)}) : "
            f"le proposer à {a.youth_name}, qui a rendez-vous le {format_date_fr(a.start.date())} à "
            f"{a.start:%H:%M} et demande plus tôt ({self.wish.availability_fr})."
        )


@dataclass(frozen=True)
class WishResult:
    wish: WishView
    changes: Changes


@dataclass(frozen=True)
class AcceptResult:
    appointment: AppointmentView
    changes: Changes


@checked_dates
class WishService:
    def __init__(self, ctx: ServiceContext, booking: BookingService, notify: Notifier | None = None) -> None:
        self.ctx = ctx
        self.booking = booking
        self.notify = notify

    # --- the list ------------------------------------------------------------------------------------
    def add(
        self,
        *,
        actor: Actor,
        appointment_id: str,
        when: str | WeeklyHours = "",
        any_counsellor: bool = False,
    ) -> WishResult:
        """Put the young person of this appointment on the "plus tôt si possible" list (`when`: the days
        and times they can come, e.g. "lun, mar matin; jeu 14:00-17:00"; empty: whenever open).
        Asking again for the same appointment updates its wish."""
        require(actor, Perm.BOOK)
        availability = when if isinstance(when, WeeklyHours) else parse_when(when)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            row = get_own_appointment(s, self.ctx, (appointment_id or "").strip())
            today = self.ctx.now_local(site.timezone).date()
            if Status(row.status) is not Status.BOOKED:
                raise RuleViolation("not_booked", "Seul un rendez-vous encore prévu peut être avancé.")
            if expired(row.start, today):
                raise RuleViolation(
                    "wish_too_late", "Ce rendez-vous a lieu aujourd'hui : il ne peut plus être avancé."
                )
            wish = self._active_for(s, row.id) or EarlierWish(
                site_id=row.site_id,
                appointment_id=row.id,
                youth_id=row.youth_id,
                created_by=actor.id,
                created_at=self.ctx.clock.now_utc(),
            )
            new = wish.availability != availability.to_json() or wish.any_counsellor != any_counsellor
            wish.availability = availability.to_json()
            wish.any_counsellor = any_counsellor
            s.add(wish)
            s.flush()
            if new:
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="wish",
                    entity="earlier_wish",
                    entity_id=wish.id,
                    youth_id=row.youth_id,
                    after={"appointment_id": row.id, "availability": wish.availability},
                )
            view = self._views(s, [wish], actor, today)[0]
        return WishResult(view, Changes.of("wishes", ids=(wish.id,)))

    def withdraw(self, *, actor: Actor, wish_id: str) -> Changes:
        require(actor, Perm.BOOK)
        with self.ctx.write() as s:
            wish = self._get(s, wish_id)
            if wish.status == "active":
                wish.status, wish.closed_reason = "withdrawn", "retirée par l'accueil"
                s.add(wish)
                audit.record(
                    s, self.ctx, actor, action="wish_withdrawn", entity="earlier_wish",
                    entity_id=wish.id, youth_id=wish.youth_id,
                )  # fmt: skip
        return Changes.of("wishes", ids=(wish_id,))

    def waiting(self, *, viewer: Actor | None = None, include_expired: bool = False) -> list[WishView]:
        """The waiting young people of this site, first asked first; expired wishes (the appointment's
        day has come, or it is no longer booked) are left out unless asked for."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            today = self.ctx.now_local(site.timezone).date()
            rows = list(
                s.exec(
                    select(EarlierWish)
                    .where(
                        EarlierWish.site_id == site.id,
                        EarlierWish.deleted == False,
                        EarlierWish.status == "active",
                    )
                    .order_by(col(EarlierWish.created_at))
                )
            )
            views = self._views(s, rows, viewer, today)
        return [v for v in views if include_expired or not v.expired]

    # --- proposals -----------------------------------------------------------------------------------
    def next_proposal(self, *, viewer: Actor | None = None) -> Proposal | None:
        """The proposal to make now: the soonest freed slot still free, for the first waiting young
        person it suits (their counsellor unless they accept another, their days and times, earlier
        than their appointment, never a slot they refused, and every booking rule checked)."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            return self._first_proposal(s, site, viewer)

    def accept(self, *, actor: Actor, proposal_id: str) -> AcceptResult:
        """The young person takes the freed slot: their appointment moves there (every rule checked
        again, in the same transaction as the wish and the slot)."""
        require(actor, Perm.BOOK)
        freed_id, wish_id = self._split(proposal_id)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            slot, wish = self._open_slot(s, freed_id), self._get(s, wish_id)
            if wish.status != "active":
                raise RuleViolation("wish_closed", "Cette demande « plus tôt si possible » est close.")
            proposal = self._proposal_for(s, site, slot, wish, actor)
            if proposal is None:
                raise RuleViolation(
                    "slot_gone", "Ce créneau ne convient plus (pris entre-temps ou déjà passé)."
                )
            row = self.booking.move_in(
                s,
                actor=actor,
                appointment_id=wish.appointment_id,
                start=proposal.start,
                counsellor=proposal.counsellor_id,
            )
            wish.status, wish.closed_reason = "done", "avancé"
            slot.state = "taken"
            s.add(wish)
            s.add(slot)
            audit.record(
                s, self.ctx, actor, action="wish_granted", entity="earlier_wish", entity_id=wish.id,
                youth_id=wish.youth_id, after={"appointment_id": row.id, "start": row.start.isoformat()},
            )  # fmt: skip
            view = for_viewer(appointment_views(s, ids=[row.id]), actor)[0]
        if self.notify is not None:
            self.notify(view)
        return AcceptResult(view, Changes.of("appointments", "wishes", ids=(view.id, wish_id)))

    def decline(self, *, actor: Actor, proposal_id: str) -> Changes:
        """The young person does not want this slot: never proposed to them again; the next waiting
        young person it suits comes next."""
        require(actor, Perm.BOOK)
        freed_id, wish_id = self._split(proposal_id)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            slot, wish = self._open_slot(s, freed_id), self._get(s, wish_id)
            start = max(slot.start, next_mark(self.ctx.now_local(site.timezone)))
            declined = set(json.loads(wish.declined or "[]"))
            declined.add(slot_key(start, slot.counsellor_id))
            wish.declined = json.dumps(sorted(declined))
            s.add(wish)
            audit.record(
                s, self.ctx, actor, action="wish_declined", entity="earlier_wish", entity_id=wish.id,
                youth_id=wish.youth_id, after={"start": start.isoformat()},
            )  # fmt: skip
        return Changes.of("wishes", ids=(wish_id,))

    def dismiss(self, *, actor: Actor, freed_id: str) -> Changes:
        """Stop proposing this freed slot to anyone (the desk gave it to a walk-in, or it is too late)."""
        require(actor, Perm.BOOK)
        with self.ctx.write() as s:
            slot = self._open_slot(s, freed_id.split(":")[0])
            slot.state = "dismissed"
            s.add(slot)
        return Changes.of("wishes")

    # --- plumbing ------------------------------------------------------------------------------------
    @staticmethod
    def _split(proposal_id: str) -> tuple[str, str]:
        parts = (proposal_id or "").strip().split(":")
        if len(parts) != 2 or not all(parts):
            raise InputError("bad_proposal", f"Proposition illisible : « {proposal_id} ».")
        return parts[0], parts[1]

    @staticmethod
    def _get(s: Session, wish_id: str) -> EarlierWish:
        row = s.get(EarlierWish, (wish_id or "").strip())
        if row is None or row.deleted:
            raise NotFound("unknown_wish", f"Demande « plus tôt si possible » introuvable : « {wish_id} ».")
        return row

    @staticmethod
    def _open_slot(s: Session, freed_id: str) -> FreedSlot:
        slot = s.get(FreedSlot, freed_id)
        if slot is None:
            raise NotFound("unknown_slot", f"Créneau libéré introuvable : « {freed_id} ».")
        if slot.state != "open":
            raise RuleViolation("slot_gone", "Ce créneau a déjà été attribué ou écarté.")
        return slot

    @staticmethod
    def _active_for(s: Session, appointment_id: str) -> EarlierWish | None:
        return s.exec(
            select(EarlierWish).where(
                EarlierWish.appointment_id == appointment_id,
                EarlierWish.status == "active",
                EarlierWish.deleted == False,
            )
        ).first()

    def _views(
        self, s: Session, rows: list[EarlierWish], viewer: Actor | None, today: date
    ) -> list[WishView]:
        if not rows:
            return []
        appts = {
            a.id: a for a in for_viewer(appointment_views(s, ids=[r.appointment_id for r in rows]), viewer)
        }
        phones: dict[str, str] = {
            i: phone
            for i, phone in s.exec(
                select(Youth.id, Youth.phone).where(col(Youth.id).in_([r.youth_id for r in rows]))
            )
        }
        out = []
        for r in rows:
            a = appts.get(r.appointment_id)
            if a is None:
                continue
            when = WeeklyHours.from_json(r.availability)
            out.append(
                WishView(
                    id=r.id,
                    appointment=a,
                    phone=phones.get(r.youth_id, ""),
                    availability=r.availability,
                    availability_fr=describe_fr(when),
                    any_counsellor=r.any_counsellor,
                    status=r.status,
                    created_at=r.created_at,
                    expired=expired(a.start, today) or a.status is not Status.BOOKED,
                )
            )
        return out

    def _first_proposal(self, s: Session, site: Site, viewer: Actor | None) -> Proposal | None:
        now = self.ctx.now_local(site.timezone)
        slots = list(
            s.exec(
                select(FreedSlot)
                .where(FreedSlot.site_id == site.id, FreedSlot.state == "open", FreedSlot.end > now)
                .order_by(col(FreedSlot.start), col(FreedSlot.freed_at))
            )
        )
        if not slots:
            return None
        wishes = list(
            s.exec(
                select(EarlierWish)
                .where(
                    EarlierWish.site_id == site.id,
                    EarlierWish.status == "active",
                    EarlierWish.deleted == False,
                )
                .order_by(col(EarlierWish.created_at))
            )
        )
        for slot in slots:
            for wish in wishes:
                found = self._proposal_for(s, site, slot, wish, viewer)
                if found is not None:
                    return found
        return None

    def _proposal_for(
        self, s: Session, site: Site, slot: FreedSlot, wish: EarlierWish, viewer: Actor | None
    ) -> Proposal | None:
        """This slot for this wish, if it suits and every booking rule allows the move; else None."""
        now = self.ctx.now_local(site.timezone)
        appt = s.get(Appointment, wish.appointment_id)
        if appt is None or appt.deleted or Status(appt.status) is not Status.BOOKED:
            return None
        if appt.id == slot.appointment_id or expired(appt.start, now.date()):
            return None
        start = max(slot.start, next_mark(now))
        duration = appt.end - appt.start
        if not start < appt.start or start + duration > slot.end:
            return None
        if not wish.any_counsellor and appt.counsellor_id != slot.counsellor_id:
            return None
        if not suits(WeeklyHours.from_json(wish.availability), start, start + duration):
            return None
        if slot_key(start, slot.counsellor_id) in set(json.loads(wish.declined or "[]")):
            return None
        counsellor = s.get(Staff, slot.counsellor_id)
        atype = s.get(AppointmentType, appt.type_id)
        if counsellor is None or atype is None:
            return None
        mode = Mode(appt.mode)
        needs_room = mode.needs_room and appt.room_id is not None
        preferred = s.get(Room, appt.room_id) if needs_room and appt.counsellor_id == counsellor.id else None
        if preferred is None and needs_room and slot.room_id:
            preferred = s.get(Room, slot.room_id)
        second = s.get(Staff, appt.second_staff_id) if appt.second_staff_id else None
        try:
            room, _forced = self.booking._place(
                s,
                site,
                youth=get_youth(s, appt.youth_id),
                counsellor=counsellor,
                room=preferred,
                auto_room=needs_room and preferred is None,
                start=start,
                end=start + duration,
                buffer_min=appt.buffer_min,
                party_size=1,
                back_office=False,
                force=False,
                exclude_id=appt.id,
                second=second if second is None or second.id != counsellor.id else None,
            )
        except RuleViolation:
            if preferred is None or not needs_room:
                return None
            try:  # the preferred office is taken: any free office
                room, _forced = self.booking._place(
                    s, site, youth=get_youth(s, appt.youth_id), counsellor=counsellor, room=None,
                    auto_room=True, start=start, end=start + duration, buffer_min=appt.buffer_min,
                    party_size=1, back_office=False, force=False, exclude_id=appt.id, second=second,
                )  # fmt: skip
            except RuleViolation:
                return None
        (view,) = self._views(s, [wish], viewer, now.date())
        return Proposal(
            id=f"{slot.id}:{wish.id}",
            wish=view,
            start=start,
            end=start + duration,
            counsellor_id=counsellor.id,
            counsellor_name=staff_name(counsellor),
            room_id=room.id if room else None,
            room_name=room.name if room else None,
            freed_reason=slot.reason,
        )
