"""Registrations to workshop sessions: seats, waiting list, promotion, attendance, youth merge.

The race for the last seat is safe because counting the seats taken and inserting the registration
happen in one write transaction (BEGIN IMMEDIATE): a second workstation waits for the first to commit,
then counts again and lands on the waiting list.

Registration window: open as soon as the session exists, until `registration_close_min` minutes before
its start (0 by default: until the start). Later, and for a past session, only a back-office entry
(site lead) may register someone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from mlplanner.domain.errors import InputError, NotFound, RuleViolation
from mlplanner.domain.models import Changes
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services import audit
from mlplanner.services.booking.availability import BusyTime
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_staff
from mlplanner.services.permissions import Perm, allowed, require
from mlplanner.services.rows import referenced
from mlplanner.services.workshops.terms import (
    ACTIVE_REGISTRATIONS,
    REGISTRATION_FR,
    Attendance,
    ReferralKind,
    RegistrationStatus,
    SessionStatus,
)
from mlplanner.services.workshops.views import RegistrationResult, registration_views, waiting, when_fr
from mlplanner.storage.db import lock_names, session_lock, youth_lock
from mlplanner.storage.tables import Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession

REG_FIELDS = ("session_id", "youth_id", "status", "queue_no", "referral", "prescriber_id", "attendance")


def _youth_name(row: Youth) -> str:
    return f"{row.last_name.upper()} {row.first_name}"


def active_count(session: Session, session_id: str, *, confirmed_only: bool = False) -> int:
    """Registrations holding a seat (or, unless `confirmed_only`, waiting for one)."""
    R = WorkshopRegistration
    statuses = [RegistrationStatus.CONFIRMED.value] if confirmed_only else list(ACTIVE_REGISTRATIONS)
    q = select(func.count()).where(
        R.session_id == session_id,
        col(R.status).in_(statuses),
        R.deleted == False,
    )
    return int(session.execute(q).scalar_one())


def promote(
    session: Session, ctx: ServiceContext, actor: Actor, row: WorkshopSession, *, now: datetime
) -> list[tuple[str, WorkshopRegistration]]:
    """Give free seats to the first waiting youths, in order. Only for sessions still to come."""
    if row.status != SessionStatus.PLANNED or row.start <= now:
        return []
    free = row.capacity - active_count(session, row.id, confirmed_only=True)
    out: list[tuple[str, WorkshopRegistration]] = []
    for reg in waiting(session, row.id)[: max(free, 0)]:
        reg.status = RegistrationStatus.CONFIRMED.value
        reg.promoted_at = ctx.clock.now_utc()
        reg.updated_by = actor.id
        session.add(reg)
        session.flush()
        youth = session.get(Youth, reg.youth_id)
        name = _youth_name(youth) if youth else "?"
        out.append(
            (
                f"Place libérée : {name}, premier(ère) de la liste d'attente, obtient une place à la séance "
                f"du {when_fr(row)}. Prévenez ce jeune.",
                reg,
            )
        )
        audit.record(
            session,
            ctx,
            actor,
            action="promote",
            entity="workshop_registration",
            entity_id=reg.id,
            youth_id=reg.youth_id,
            after=audit.snapshot(reg, REG_FIELDS),
        )
    return out


def merge_registrations(session: Session, drop_id: str, keep_id: str) -> None:
    """Youth merge hook: the registrations of the record dropped move to the record kept. When both
    were registered to one session, the better entry stays (seat > waiting list; attendance recorded)."""
    R = WorkshopRegistration
    rank = {RegistrationStatus.CONFIRMED.value: 0, RegistrationStatus.WAITLISTED.value: 1}
    moved = list(session.exec(select(R).where(R.youth_id == drop_id, R.deleted == False)))
    for reg in moved:
        other = session.exec(
            select(R).where(R.youth_id == keep_id, R.session_id == reg.session_id, R.deleted == False)
        ).first()
        reg.youth_id = keep_id
        if other is not None:
            pair = sorted((reg, other), key=lambda r: (rank.get(r.status, 2), r.attendance == "", r.queue_no))
            loser = pair[1]
            if loser.status != RegistrationStatus.CANCELLED:
                loser.status = RegistrationStatus.CANCELLED.value
                loser.cancel_reason = "doublon (fiches fusionnées)"
            session.add(other)
        session.add(reg)


@checked_dates
class RegistrationService:
    """Registering young people to workshop sessions (`services.registrations`): seats, waiting list,
    promotion, attendance. `busy`: a youth busy elsewhere at that time cannot register (given by the
    composition root)."""

    def __init__(self, ctx: ServiceContext, *, busy: BusyTime) -> None:
        self.ctx = ctx
        self.busy = busy

    def _lock_checks(
        self, s: Session, row: WorkshopSession, series: WorkshopSeries, now: datetime, *, back_office: bool
    ) -> None:
        if row.status == SessionStatus.CANCELLED:
            raise RuleViolation(
                "session_cancelled", f"La séance du {when_fr(row)} est annulée : inscription impossible."
            )
        if row.status == SessionStatus.CLOSED:
            raise RuleViolation(
                "session_closed",
                f"La séance du {when_fr(row)} est clôturée : un(e) responsable de site doit d'abord la rouvrir.",
            )
        if back_office:
            return
        if row.start <= now:
            raise RuleViolation(
                "session_past",
                f"La séance du {when_fr(row)} a déjà eu lieu : seule une saisie a posteriori (back-office) "
                "permet d'y inscrire quelqu'un.",
            )
        closes = row.start - timedelta(minutes=series.registration_close_min)
        if now >= closes:
            raise RuleViolation(
                "registration_closed",
                f"Les inscriptions à la séance du {when_fr(row)} sont closes depuis le "
                f"{format_date_fr(closes.date())} à {closes:%H:%M}.",
            )

    def _register_one(
        self,
        s: Session,
        actor: Actor,
        *,
        session_id: str,
        youth: Youth,
        waitlist_ok: bool,
        prescriber_id: str | None,
        back_office: bool,
        now: datetime,
    ) -> tuple[WorkshopRegistration, list[str]]:
        row = s.get(WorkshopSession, session_id)
        if row is None or row.deleted:
            raise NotFound("unknown_session", f"Séance d'atelier introuvable : « {session_id} ».")
        series = referenced(s, WorkshopSeries, row.series_id)
        self._lock_checks(s, row, series, now, back_office=back_office)
        R = WorkshopRegistration
        mine = list(
            s.exec(select(R).where(R.session_id == row.id, R.youth_id == youth.id, R.deleted == False))
        )
        active = [r for r in mine if r.status in ACTIVE_REGISTRATIONS]
        if active:
            what = REGISTRATION_FR[RegistrationStatus(active[0].status)]
            raise RuleViolation(
                "already_registered",
                f"{_youth_name(youth)} figure déjà sur la séance du {when_fr(row)} ({what}) : une seule inscription "
                "par personne.",
            )
        for span in self.busy.spans(s, row.start, row.end, youth_ids=[youth.id], exclude_id=row.id):
            if span.youth_id == youth.id and span.interval.start < row.end and row.start < span.interval.end:
                what = f"l'atelier « {span.label} »" if span.kind == "workshop" else "un rendez-vous"
                raise RuleViolation(
                    "youth_overlap",
                    f"{_youth_name(youth)} a déjà {what} de {span.interval.start:%H:%M} à "
                    f"{span.interval.end:%H:%M} ce jour-là.",
                    clash_id=span.appointment_id,
                )
        taken = active_count(s, row.id, confirmed_only=True)
        notices: list[str] = []
        if taken < row.capacity:
            status = RegistrationStatus.CONFIRMED
        elif waitlist_ok:
            status = RegistrationStatus.WAITLISTED
        else:
            raise RuleViolation(
                "session_full",
                f"La séance du {when_fr(row)} est complète ({taken}/{row.capacity}) : proposez la liste d'attente.",
            )
        top = s.execute(select(func.max(R.queue_no)).where(R.session_id == row.id)).scalar() or 0
        reg = (
            mine[0] if mine else R(session_id=row.id, youth_id=youth.id, created_at=self.ctx.clock.now_utc())
        )
        reg.status = status.value
        reg.queue_no = top + 1
        reg.referral = (ReferralKind.PRESCRIBED if prescriber_id else ReferralKind.SELF).value
        reg.prescriber_id = prescriber_id
        reg.attendance = Attendance.NONE.value
        reg.back_office = back_office
        reg.cancel_reason = ""
        reg.created_by = reg.created_by or actor.id
        reg.updated_by = actor.id
        s.add(reg)
        s.flush()
        if status is RegistrationStatus.WAITLISTED:
            rank = len(waiting(s, row.id))
            notices.append(
                f"Séance du {when_fr(row)} complète : {_youth_name(youth)} est en liste d'attente (rang {rank})."
            )
        audit.record(
            s,
            self.ctx,
            actor,
            action="register_back_office" if back_office else "register",
            entity="workshop_registration",
            entity_id=reg.id,
            youth_id=youth.id,
            after=audit.snapshot(reg, REG_FIELDS),
        )
        return reg, notices

    def register(
        self,
        *,
        actor: Actor,
        session_id: str,
        youth_id: str,
        waitlist_ok: bool = False,
        prescriber: str | None = None,
        back_office: bool = False,
    ) -> RegistrationResult:
        """Register a youth to a session: a seat if one is free, else the waiting list (if accepted).

        `prescriber`: the counsellor who prescribed the workshop (None: self-registration).
        """
        return self.register_many(
            actor=actor,
            session_ids=[session_id],
            youth_id=youth_id,
            waitlist_ok=waitlist_ok,
            prescriber=prescriber,
            back_office=back_office,
        )

    def register_many(
        self,
        *,
        actor: Actor,
        session_ids: Sequence[str],
        youth_id: str,
        waitlist_ok: bool = False,
        prescriber: str | None = None,
        back_office: bool = False,
    ) -> RegistrationResult:
        """Register one youth to several sessions (e.g. the whole series) in one go: all or nothing."""
        require(actor, Perm.REGISTER_WORKSHOP)
        if back_office:
            require(actor, Perm.BACK_OFFICE)
        ids = list(dict.fromkeys(session_ids))
        if not ids:
            raise InputError("no_session", "Choisissez au moins une séance.")
        with self.ctx.write() as s:
            # seats are counted, then taken: one registration of these sessions (and of this young
            # person, whom another site of a server may be booking) at a time
            lock_names(s, youth_lock(youth_id), *(session_lock(sid) for sid in ids))
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            youth = s.get(Youth, youth_id)
            if youth is None or youth.deleted:
                raise NotFound("unknown_youth", f"Aucun jeune ne correspond à « {youth_id} ».")
            prescriber_id = find_staff(s, prescriber).id if prescriber else None
            regs: list[WorkshopRegistration] = []
            notices: list[str] = []
            for sid in ids:
                reg, extra = self._register_one(
                    s,
                    actor,
                    session_id=sid,
                    youth=youth,
                    waitlist_ok=waitlist_ok,
                    prescriber_id=prescriber_id,
                    back_office=back_office,
                    now=now,
                )
                regs.append(reg)
                notices += extra
            views = registration_views(s, ids=[r.id for r in regs])
        order = {r.id: n for n, r in enumerate(regs)}
        views.sort(key=lambda v: order[v.id])
        return RegistrationResult(tuple(views), Changes.of("workshops", ids=tuple(ids)), tuple(notices))

    def _registration(self, s: Session, registration_id: str) -> tuple[WorkshopRegistration, WorkshopSession]:
        reg = s.get(WorkshopRegistration, registration_id)
        if reg is None or reg.deleted:
            raise NotFound("unknown_registration", f"Inscription introuvable : « {registration_id} ».")
        return reg, referenced(s, WorkshopSession, reg.session_id)

    def find_registration(self, *, session_id: str, youth_id: str) -> str:
        """The id of a youth's active (or last) registration to a session."""
        with self.ctx.read() as s:
            R = WorkshopRegistration
            rows = list(
                s.exec(
                    select(R).where(R.session_id == session_id, R.youth_id == youth_id, R.deleted == False)
                )
            )
        rows.sort(key=lambda r: (r.status not in ACTIVE_REGISTRATIONS, -r.queue_no))
        if not rows:
            raise NotFound("not_registered", "Ce jeune n'est pas inscrit à cette séance.")
        return rows[0].id

    def cancel_registration(
        self, *, actor: Actor, registration_id: str, reason: str = ""
    ) -> RegistrationResult:
        """Cancel a registration (seat or waiting list). A freed seat goes to the first waiting youth,
        and the result's notices say so (someone must tell them)."""
        require(actor, Perm.REGISTER_WORKSHOP)
        with self.ctx.write() as s:
            reg, row = self._registration(s, registration_id)
            lock_names(s, session_lock(row.id))  # the freed seat and the waiting list move together
            s.refresh(reg)
            s.refresh(row)
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            if reg.status == RegistrationStatus.CANCELLED:
                raise RuleViolation("already_cancelled", "Cette inscription est déjà annulée.")
            if row.status == SessionStatus.CLOSED:
                raise RuleViolation(
                    "session_closed",
                    f"La séance du {when_fr(row)} est clôturée : un(e) responsable de site doit d'abord la rouvrir.",
                )
            if row.start <= now and not allowed(actor, Perm.BACK_OFFICE):
                raise RuleViolation(
                    "session_past",
                    f"La séance du {when_fr(row)} a déjà commencé : saisissez plutôt la présence (excusé, absent).",
                )
            before = audit.snapshot(reg, REG_FIELDS)
            reg.status = RegistrationStatus.CANCELLED.value
            reg.cancel_reason = (reason or "").strip()
            reg.updated_by = actor.id
            s.add(reg)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="cancel_registration",
                entity="workshop_registration",
                entity_id=reg.id,
                youth_id=reg.youth_id,
                reason=reg.cancel_reason,
                before=before,
                after=audit.snapshot(reg, REG_FIELDS),
            )
            promoted = promote(s, self.ctx, actor, row, now=now)
            views = registration_views(s, ids=[reg.id])
            promoted_views = registration_views(s, ids=[r.id for _, r in promoted])
        return RegistrationResult(
            tuple(views),
            Changes.of("workshops", ids=(row.id,)),
            tuple(text for text, _ in promoted),
            tuple(promoted_views),
        )

    def set_attendance(
        self, *, actor: Actor, registration_id: str, attendance: Attendance | str
    ) -> RegistrationResult:
        """Present, absent, excused, late (or "" to clear) for a registered youth, once the session has
        started. Nobody is ever marked absent automatically."""
        return self.set_attendances(actor=actor, marks={registration_id: attendance})

    def set_attendances(self, *, actor: Actor, marks: Mapping[str, Attendance | str]) -> RegistrationResult:
        """Several attendance marks at once (the roster's "all present" then a few corrections)."""
        require(actor, Perm.REGISTER_WORKSHOP)
        try:
            wanted = {rid: Attendance(value) for rid, value in marks.items()}
        except ValueError as exc:
            raise InputError(
                "bad_attendance", "Présence possible : présent, absent, excusé ou en retard."
            ) from exc
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            touched: set[str] = set()
            for rid, value in wanted.items():
                reg, row = self._registration(s, rid)
                if row.status == SessionStatus.CANCELLED:
                    raise RuleViolation("session_cancelled", f"La séance du {when_fr(row)} est annulée.")
                if row.status == SessionStatus.CLOSED:
                    raise RuleViolation(
                        "session_closed",
                        f"La séance du {when_fr(row)} est clôturée : un(e) responsable de site doit d'abord la rouvrir.",
                    )
                if row.start > now:
                    raise RuleViolation(
                        "not_started", f"La séance du {when_fr(row)} n'a pas encore commencé."
                    )
                if reg.status != RegistrationStatus.CONFIRMED:
                    youth = referenced(s, Youth, reg.youth_id)
                    raise RuleViolation(
                        "not_registered",
                        f"{_youth_name(youth)} n'a pas de place à cette séance "
                        f"({REGISTRATION_FR[RegistrationStatus(reg.status)]}) : inscrivez-le (la) d'abord.",
                    )
                if reg.attendance == value.value:
                    continue
                before = audit.snapshot(reg, REG_FIELDS)
                reg.attendance = value.value
                reg.attendance_by = actor.id
                reg.updated_by = actor.id
                s.add(reg)
                touched.add(row.id)
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="attendance",
                    entity="workshop_registration",
                    entity_id=reg.id,
                    youth_id=reg.youth_id,
                    before=before,
                    after=audit.snapshot(reg, REG_FIELDS),
                )
            s.flush()
            views = registration_views(s, ids=list(wanted))
        return RegistrationResult(tuple(views), Changes.of("workshops", ids=tuple(touched)))
