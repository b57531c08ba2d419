"""The life of a booked appointment: check in, cancel, outcomes, notes, undo (`services.appointments`).

Placing an appointment is `BookingService`'s (`services.booking`); what happens to it afterwards is
here. The lifecycle rules live in `domain.lifecycle`, the permission rules here (a counsellor records
outcomes on their own appointments only; site leads on anyone's).
"""

from __future__ import annotations

from sqlmodel import Session

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.lifecycle import OUTCOMES, check_transition
from mlplanner.domain.models import AppointmentView, Changes
from mlplanner.services import audit
from mlplanner.services.booking.appointments import (
    AUDIT_FIELDS,
    BookingResult,
    get_own_appointment,
    get_youth,
)
from mlplanner.services.booking.availability import BusyTime, load_calendar
from mlplanner.services.booking.rules import Proposal, check_all
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, allowed, require
from mlplanner.services.queries import appointment_views
from mlplanner.services.rows import referenced
from mlplanner.storage.tables import Room, Staff


@checked_dates
class AppointmentStatusService:
    """`busy`: what makes people and rooms busy (given by the composition root): un-cancelling an
    appointment takes its slot again, under every booking rule."""

    def __init__(self, ctx: ServiceContext, *, busy: BusyTime) -> None:
        self.ctx = ctx
        self.busy = busy

    def _view(self, session: Session, appointment_id: str) -> AppointmentView:
        return appointment_views(session, ids=[appointment_id])[0]

    # --- status changes --------------------------------------------------------------------------
    def _transition(
        self,
        *,
        actor: Actor,
        appointment_id: str,
        new: Status,
        reason: str = "",
        note: str | None = None,
        action: str,
    ) -> BookingResult:
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            row = get_own_appointment(s, self.ctx, appointment_id)
            current = Status(row.status)
            if new in OUTCOMES or (current in OUTCOMES and new is Status.ARRIVED):
                if not allowed(actor, Perm.OUTCOME_ANY):
                    require(actor, Perm.OUTCOME_OWN)
                    if row.counsellor_id != actor.id:
                        raise RuleViolation(
                            "not_own_appointment",
                            "Seul le conseiller du rendez-vous (ou un responsable de site) peut en saisir l'issue.",
                        )
                if (
                    new in OUTCOMES
                    and row.start > self.ctx.now_local(site.timezone)
                    and new is not Status.EXCUSED
                ):
                    raise RuleViolation("outcome_in_future", "Ce rendez-vous n'a pas encore commencé.")
            else:
                require(actor, Perm.BOOK)
            check_transition(current, new)
            before = audit.snapshot(row, AUDIT_FIELDS)
            if new is Status.ARRIVED:
                if row.start.date() != self.ctx.now_local(site.timezone).date():
                    raise RuleViolation(
                        "not_today", "On ne peut pointer l'arrivée que le jour du rendez-vous."
                    )
                row.arrived_at = self.ctx.clock.now_utc()
            if current is Status.ARRIVED and new is Status.BOOKED:
                row.arrived_at = None
            row.status = new.value
            if reason:
                row.cancel_reason = reason
            if note is not None:
                row.notes = note.strip()
            row.updated_by = actor.id
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action=action,
                entity="appointment",
                entity_id=row.id,
                youth_id=row.youth_id,
                reason=reason,
                before=before,
                after=audit.snapshot(row, AUDIT_FIELDS),
            )
            view = self._view(s, row.id)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    def check_in(self, *, actor: Actor, appointment_id: str) -> BookingResult:
        """The young person has arrived at reception (today's appointments only)."""
        return self._transition(
            actor=actor, appointment_id=appointment_id, new=Status.ARRIVED, action="check_in"
        )

    def undo_check_in(self, *, actor: Actor, appointment_id: str) -> BookingResult:
        return self._transition(
            actor=actor, appointment_id=appointment_id, new=Status.BOOKED, action="undo_check_in"
        )

    def cancel(self, *, actor: Actor, appointment_id: str, by_youth: bool, reason: str = "") -> BookingResult:
        """Cancel; the Mission Locale must say why (the young person may not have)."""
        reason = reason.strip()
        if not by_youth and not reason:
            raise InputError("reason_required", "Indiquez le motif de l'annulation par la Mission Locale.")
        status = Status.CANCELLED_BY_YOUTH if by_youth else Status.CANCELLED_BY_ML
        return self._transition(
            actor=actor, appointment_id=appointment_id, new=status, reason=reason, action="cancel"
        )

    def set_outcome(
        self, *, actor: Actor, appointment_id: str, status: Status, note: str | None = None
    ) -> BookingResult:
        """Seen, no-show or excused: the counsellor's own appointments (site leads: anyone's)."""
        status = Status(status)
        if status not in OUTCOMES and status is not Status.ARRIVED:
            raise InputError("not_an_outcome", "Issue possible : reçu, absent ou excusé.")
        return self._transition(
            actor=actor, appointment_id=appointment_id, new=status, note=note, action="outcome"
        )

    def restore_status(self, *, actor: Actor, appointment_id: str, status: Status) -> BookingResult:
        """Put an appointment back to an earlier status (undo). Audited like any change."""
        with self.ctx.write() as s:
            row = get_own_appointment(s, self.ctx, appointment_id)
            if (
                not allowed(actor, Perm.OUTCOME_ANY)
                and Status(row.status) in OUTCOMES
                and row.counsellor_id != actor.id
            ):
                raise RuleViolation(
                    "not_own_appointment", "Seul le conseiller du rendez-vous peut annuler cette saisie."
                )
            require(actor, Perm.BOOK)
            before = audit.snapshot(row, AUDIT_FIELDS)
            if Status(status).occupies_slot and not Status(row.status).occupies_slot:
                # un-cancelling takes the slot again: the slot may have been given away since
                site = self.ctx.site_row(s)
                cal = load_calendar(s, site, row.start.date(), row.start.date(), [row.counsellor_id])
                p = Proposal(
                    get_youth(s, row.youth_id),
                    referenced(s, Staff, row.counsellor_id),
                    s.get(Room, row.room_id) if row.room_id else None,
                    row.start,
                    row.end,
                    row.buffer_min,
                )
                check_all(
                    s,
                    p,
                    cal,
                    self.busy,
                    now_local=self.ctx.now_local(site.timezone),
                    back_office=True,
                    exclude_id=row.id,
                )
            row.status = Status(status).value
            if not Status(status).is_cancelled:
                row.cancel_reason = ""
            if Status(status) is Status.BOOKED:
                row.arrived_at = None
            row.updated_by = actor.id
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="restore_status",
                entity="appointment",
                entity_id=row.id,
                youth_id=row.youth_id,
                before=before,
                after=audit.snapshot(row, AUDIT_FIELDS),
            )
            view = self._view(s, row.id)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    def set_notes(self, *, actor: Actor, appointment_id: str, notes: str) -> BookingResult:
        with self.ctx.write() as s:
            row = get_own_appointment(s, self.ctx, appointment_id)
            if not allowed(actor, Perm.OUTCOME_ANY):
                require(actor, Perm.OUTCOME_OWN)
                if row.counsellor_id != actor.id:
                    raise RuleViolation(
                        "not_own_appointment", "Seul le conseiller du rendez-vous peut en modifier les notes."
                    )
            row.notes = notes.strip()
            row.updated_by = actor.id
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="notes",
                entity="appointment",
                entity_id=row.id,
                youth_id=row.youth_id,
            )
            view = self._view(s, row.id)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))
