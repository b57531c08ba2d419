"""The life of a booked appointment: check in, cancel, outcomes, notes, undo (`services.appointments`).

Placing an appointment is `BookingService`'s (`services.booking`); what happens to it afterwards is
here. The lifecycle rules live in `domain.lifecycle`, the permission rules here (a counsellor records
outcomes on their own appointments only; site leads on anyone's).
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from mlplanner.domain.arrivals import Step, check_step
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
from mlplanner.services.booking.concurrency import rules_have_the_last_word
from mlplanner.services.booking.rules import Proposal, check_all
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.site_settings import NO_SHOW_FREES_AFTER, int_setting
from mlplanner.services.permissions import Perm, allowed, require
from mlplanner.services.queries import appointment_views, for_viewer
from mlplanner.services.reception.freed import queue_freed
from mlplanner.services.rows import referenced
from mlplanner.storage.db import lock_names, youth_lock
from mlplanner.storage.tables import Appointment, Room, Site, Staff


@checked_dates
class AppointmentStatusService:
    """`busy`: what makes people and rooms busy (given by the composition root): un-cancelling an
    appointment takes its slot again, under every booking rule."""

    def __init__(self, ctx: ServiceContext, *, busy: BusyTime) -> None:
        self.ctx = ctx
        self.busy = busy

    def _view(self, session: Session, appointment_id: str) -> AppointmentView:
        """The appointment as stored (for the person who just booked it)."""
        return appointment_views(session, ids=[appointment_id])[0]

    def _view_for(self, session: Session, appointment_id: str, viewer: Actor | None) -> AppointmentView:
        """The appointment as `viewer` may see it (a confidential one redacted unless theirs)."""
        return for_viewer(appointment_views(session, ids=[appointment_id]), viewer)[0]

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
        within: Session | None = None,
    ) -> BookingResult:
        with self.ctx.write(within) as s:
            site = self.ctx.site_row(s)
            row = get_own_appointment(s, self.ctx, appointment_id)
            current = Status(row.status)
            if new in OUTCOMES or (current in OUTCOMES and new is Status.ARRIVED):
                if not allowed(actor, Perm.OUTCOME_ANY):
                    require(actor, Perm.OUTCOME_OWN)
                    if actor.id not in (row.counsellor_id, row.second_staff_id):
                        raise RuleViolation(
                            "not_own_appointment",
                            "Seul le conseiller du rendez-vous (ou un responsable de site) peut en saisir l'issue.",
                        )
                now = self.ctx.now_local(site.timezone)
                # someone who arrived early may be received before the time booked (that day)
                early_arrival = (
                    current is Status.ARRIVED and new is Status.SEEN and row.start.date() == now.date()
                )
                if new in OUTCOMES and row.start > now and new is not Status.EXCUSED and not early_arrival:
                    raise RuleViolation(
                        "outcome_in_future", "Ce rendez-vous n'a pas encore commencé.", start=row.start
                    )
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
                row.arrived_at = row.called_at = row.interview_at = None
            if new.occupies_slot and not current.occupies_slot:
                # an outcome corrected back (excused → seen): a fact about the past, not a placement by
                # the booking rules; the slot may have been given away meanwhile (see `slot_checked`)
                row.slot_checked = False
            row.status = new.value
            if reason:
                row.cancel_reason = reason
            if note is not None:
                row.notes = note.strip()
            row.updated_by = actor.id
            self._queue_freed(s, site, row, current, new)
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
            view = self._view_for(s, row.id, actor)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    def _queue_freed(self, s: Session, site: Site, row: Appointment, current: Status, new: Status) -> None:
        """A slot that stops being held (still to come) joins the freed slots proposed to the young
        people who asked for an earlier one. A no-show gives the rest of its slot back only under the
        site's no-show policy (that many minutes late; see `NO_SHOW_FREES_AFTER`): its busy time then
        ends now, and the planned end stays in the audit entry."""
        now = self.ctx.now_local(site.timezone)
        if current.occupies_slot and not new.occupies_slot:
            reason = "excused" if new is Status.EXCUSED else "cancelled"
            queue_freed(s, row, reason=reason, now_local=now)
        elif new is Status.NO_SHOW and current is Status.BOOKED:
            after = int_setting(s, NO_SHOW_FREES_AFTER)
            if after and row.start + timedelta(minutes=after) <= now < row.end:
                cut = now.replace(second=0, microsecond=0)
                if queue_freed(s, row, reason="no_show", now_local=now) is not None:
                    row.end, row.buffer_min = max(cut, row.start + timedelta(minutes=1)), 0

    def check_in(self, *, actor: Actor, appointment_id: str, within: Session | None = None) -> BookingResult:
        """The young person has arrived at reception (today's appointments only)."""
        return self._transition(
            actor=actor, appointment_id=appointment_id, new=Status.ARRIVED, action="check_in", within=within
        )

    def set_step(self, *, actor: Actor, appointment_id: str, step: Step | str) -> BookingResult:
        """The waiting room: an arrived young person is called in, then in interview (or put back to
        waiting if clicked by mistake). The waiting time stops when they are called in."""
        require(actor, Perm.BOOK)
        try:
            step = Step(step)
        except ValueError:
            raise InputError("bad_step", f"Étape inconnue : « {step} ».") from None
        with self.ctx.write() as s:
            row = get_own_appointment(s, self.ctx, appointment_id)
            check_step(Status(row.status), step)
            now = self.ctx.clock.now_utc()
            before = {"called_at": row.called_at, "interview_at": row.interview_at}
            if step is Step.WAITING:
                row.called_at = row.interview_at = None
            else:
                row.called_at = row.called_at or now
                row.interview_at = (row.interview_at or now) if step is Step.IN_INTERVIEW else None
            row.updated_by = actor.id
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="arrival_step",
                entity="appointment",
                entity_id=row.id,
                youth_id=row.youth_id,
                reason=step.value,
                before={k: v.isoformat() if v else None for k, v in before.items()},
                after={
                    "called_at": row.called_at.isoformat() if row.called_at else None,
                    "interview_at": row.interview_at.isoformat() if row.interview_at else None,
                },
            )
            view = self._view_for(s, row.id, actor)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    def call_in(self, *, actor: Actor, appointment_id: str) -> BookingResult:
        """The counsellor calls the young person in from the waiting room."""
        return self.set_step(actor=actor, appointment_id=appointment_id, step=Step.CALLED)

    def start_interview(self, *, actor: Actor, appointment_id: str) -> BookingResult:
        return self.set_step(actor=actor, appointment_id=appointment_id, step=Step.IN_INTERVIEW)

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

    @rules_have_the_last_word
    def restore_status(
        self, *, actor: Actor, appointment_id: str, status: Status, notes: str | None = None
    ) -> BookingResult:
        """Put an appointment back to an earlier status (undo), and its note when `notes` is given (the
        undo of an outcome recorded with a note). Audited like any change."""
        with self.ctx.write() as s:
            row = get_own_appointment(s, self.ctx, appointment_id)
            if (
                not allowed(actor, Perm.OUTCOME_ANY)
                and Status(row.status) in OUTCOMES
                and actor.id not in (row.counsellor_id, row.second_staff_id)
            ):
                raise RuleViolation(
                    "not_own_appointment", "Seul le conseiller du rendez-vous peut annuler cette saisie."
                )
            require(actor, Perm.BOOK)
            before = audit.snapshot(row, AUDIT_FIELDS)
            if Status(status).occupies_slot and not Status(row.status).occupies_slot:
                # un-cancelling takes the slot again: the slot may have been given away since
                lock_names(s, youth_lock(row.youth_id))
                site = self.ctx.site_row(s)
                staff_ids = [i for i in (row.counsellor_id, row.second_staff_id) if i]
                cal = load_calendar(s, site, row.start.date(), row.start.date(), staff_ids)
                p = Proposal(
                    get_youth(s, row.youth_id),
                    referenced(s, Staff, row.counsellor_id),
                    s.get(Room, row.room_id) if row.room_id else None,
                    row.start,
                    row.end,
                    row.buffer_min,
                    second=s.get(Staff, row.second_staff_id) if row.second_staff_id else None,
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
                row.slot_checked = True
            row.status = Status(status).value
            if not Status(status).is_cancelled:
                row.cancel_reason = ""
            if Status(status) is Status.BOOKED:
                row.arrived_at = row.called_at = row.interview_at = None
            if notes is not None:
                row.notes = notes
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
            view = self._view_for(s, row.id, actor)
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    def set_notes(self, *, actor: Actor, appointment_id: str, notes: str) -> BookingResult:
        with self.ctx.write() as s:
            row = get_own_appointment(s, self.ctx, appointment_id)
            if not allowed(actor, Perm.OUTCOME_ANY):
                require(actor, Perm.OUTCOME_OWN)
                if actor.id not in (row.counsellor_id, row.second_staff_id):
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
