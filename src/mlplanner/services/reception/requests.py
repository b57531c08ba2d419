"""Booking at another site of the network.

Where this database writes the other site's diary (server mode, `ctx.writes_for`), it is a direct
booking under the same rules. Between sites that sync through the folder, it is a *request*: checked
first against this site's copy of the other site (a slot visibly taken is refused at once), then sent
with the next sync. It holds nothing. The owning site books it (or refuses it, with the reason) at its
own next sync, under its own write lock, so nothing can end up double-booked; its answer comes back with
the sync after. The requesting desk sees "en attente de confirmation", then the outcome; the slip can
only be printed once the appointment exists, that is once confirmed.

A request withdrawn before the answer is never booked; withdrawn after a confirmation, the owning site
cancels the appointment at its next sync.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from mlplanner.domain.enums import Mode, Role, Status
from mlplanner.domain.errors import DomainError, NotFound, RuleViolation
from mlplanner.domain.models import AppointmentView, Changes
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services import audit
from mlplanner.services.booking.appointments import get_youth
from mlplanner.services.booking.service import BookingService
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import appointment_views, for_viewer
from mlplanner.services.views import staff_name, youth_name
from mlplanner.storage.reception_tables import BookingAnswer, BookingRequest
from mlplanner.storage.tables import Appointment, Site, Staff

PENDING_FR = "en attente de confirmation"
STATE_FR = {
    "pending": PENDING_FR,
    "confirmed": "confirmé",
    "refused": "refusé",
    "withdrawn": "retiré",
    "cancelled": "annulé (demande retirée)",
}


@dataclass(frozen=True)
class RequestView:
    id: str
    from_site: str  # code of the asking site
    to_site: str  # code of the site asked
    to_site_name: str
    youth_id: str
    youth_name: str
    type_code: str
    start: datetime
    counsellor_name: str  # the counsellor asked for ("" : the site chooses)
    requested_by_name: str
    state: str  # pending | confirmed | refused | withdrawn | cancelled
    reason: str = ""  # why it was refused, in French
    appointment_id: str | None = None  # once confirmed: the appointment at the other site

    @property
    def state_fr(self) -> str:
        text = STATE_FR.get(self.state, self.state)
        return f"{text} : {self.reason}" if self.state == "refused" and self.reason else text

    @property
    def confirmed(self) -> bool:
        return self.state == "confirmed" and self.appointment_id is not None


@dataclass(frozen=True)
class RequestResult:
    request: RequestView
    changes: Changes


@dataclass(frozen=True)
class AnywhereResult:
    """A booking at any site: the appointment (booked directly), or the request sent for it."""

    appointment: AppointmentView | None = None
    request: RequestView | None = None
    changes: Changes = field(default_factory=Changes)
    site_code: str = ""  # the site booked at (or asked)
    site_name: str = ""


@checked_dates
class BookingRequestService:
    def __init__(self, ctx: ServiceContext, booking: BookingService) -> None:
        self.ctx = ctx
        self.booking = booking

    # --- asking ------------------------------------------------------------------------------------
    def booked_directly(self) -> set[str]:
        """The codes of the sites booked at once from here (this database writes their diary: its own, and
        on a server every site it holds); any other site gets a request. The desk says which before
        booking ("sur demande")."""
        with self.ctx.read() as s:
            sites = s.exec(select(Site).where(Site.deleted == False)).all()
            return {site.code for site in sites if self.ctx.writes_for(s, site)}

    def book_anywhere(
        self,
        *,
        actor: Actor,
        site: str,
        youth_id: str,
        type_code: str,
        start: datetime,
        counsellor: str | None = None,
        mode: Mode | None = None,
        notes: str = "",
    ) -> AnywhereResult:
        """Book at `site`: directly where this database writes its diary, by a request otherwise."""
        with self.ctx.read() as s:
            target = self.ctx.site_by_code(s, site)
            direct = self.ctx.writes_for(s, target)
        if direct:
            done = self.booking.book(
                actor=actor,
                site=target.code,
                youth_id=youth_id,
                type_code=type_code,
                start=start,
                counsellor=counsellor,
                mode=mode,
                notes=notes,
            )
            return AnywhereResult(
                appointment=done.appointment,
                changes=done.changes,
                site_code=target.code,
                site_name=target.name,
            )
        sent = self.send(
            actor=actor,
            site=target.code,
            youth_id=youth_id,
            type_code=type_code,
            start=start,
            counsellor=counsellor,
            mode=mode,
            notes=notes,
        )
        return AnywhereResult(
            request=sent.request, changes=sent.changes, site_code=target.code, site_name=target.name
        )

    def send(
        self,
        *,
        actor: Actor,
        site: str,
        youth_id: str,
        type_code: str,
        start: datetime,
        counsellor: str | None = None,
        mode: Mode | None = None,
        notes: str = "",
    ) -> RequestResult:
        """Ask `site` for this booking. Checked first against this site's copy of that site (what is
        visibly taken is refused now, with the reason); it holds nothing until that site answers."""
        require(actor, Perm.BOOK)
        with self.ctx.write() as s:
            me = self.ctx.site_row(s)
            target = self.ctx.site_by_code(s, site)
            if target.id == me.id or self.ctx.writes_for(s, target):
                raise RuleViolation(
                    "not_a_request", f"Le site {target.name} se réserve directement : prenez le rendez-vous."
                )
            plan = self.booking.plan_in(
                s,
                site=target,
                youth_id=youth_id,
                type_code=type_code,
                start=start,
                counsellor=counsellor,
                mode=mode,
            )
            row = BookingRequest(
                site_id=me.id,
                target_site_id=target.id,
                youth_id=plan.youth.id,
                type_code=plan.atype.code,
                start=start,
                counsellor_id=plan.counsellor.id if counsellor else None,
                mode=Mode(mode).value if mode else "",
                notes=notes.strip(),
                requested_by=actor.id,
                requested_by_name=actor.name,
                created_at=self.ctx.clock.now_utc(),
            )
            s.add(row)
            s.flush()
            audit.record(
                s, self.ctx, actor, action="request", entity="booking_request", entity_id=row.id,
                youth_id=row.youth_id,
                after={"site": target.code, "start": start.isoformat(), "type": row.type_code},
            )  # fmt: skip
            view = self._views(s, [row])[0]
        return RequestResult(view, Changes.of("requests", ids=(view.id,)))

    def withdraw(self, *, actor: Actor, request_id: str) -> RequestResult:
        """The young person no longer wants it. Not booked if not answered yet; if already confirmed,
        the other site cancels the appointment at its next sync."""
        require(actor, Perm.BOOK)
        with self.ctx.write() as s:
            row = self._get(s, request_id)
            if row.site_id != self.ctx.site_row(s).id:
                raise RuleViolation("other_site", "Seul le site qui a envoyé la demande peut la retirer.")
            if row.status == "pending":
                row.status = "withdrawn"
                s.add(row)
                audit.record(
                    s, self.ctx, actor, action="request_withdrawn", entity="booking_request",
                    entity_id=row.id, youth_id=row.youth_id,
                )  # fmt: skip
            view = self._views(s, [row])[0]
        return RequestResult(view, Changes.of("requests", ids=(view.id,)))

    # --- reading -----------------------------------------------------------------------------------
    def sent(self, *, include_done: bool = True) -> list[RequestView]:
        """This site's requests to other sites, newest first."""
        with self.ctx.read() as s:
            me = self.ctx.site_row(s)
            rows = list(
                s.exec(
                    select(BookingRequest)
                    .where(BookingRequest.site_id == me.id, BookingRequest.deleted == False)
                    .order_by(col(BookingRequest.created_at).desc())
                )
            )
            views = self._views(s, rows)
        return [v for v in views if include_done or v.state == "pending"]

    def received(self) -> list[RequestView]:
        """Requests other sites sent to this one (answered at each sync)."""
        with self.ctx.read() as s:
            me = self.ctx.site_row(s)
            rows = list(
                s.exec(
                    select(BookingRequest)
                    .where(BookingRequest.target_site_id == me.id, BookingRequest.deleted == False)
                    .order_by(col(BookingRequest.created_at).desc())
                )
            )
            return self._views(s, rows)

    def get(self, request_id: str) -> RequestView:
        with self.ctx.read() as s:
            return self._views(s, [self._get(s, request_id)])[0]

    # --- answering (the owning site, at its sync) --------------------------------------------------
    def answer_pending(self) -> int:
        """Book or refuse every request sent to this site and not answered yet, oldest first, each in
        its own transaction under the write lock (a desk booking the same slot meanwhile wins or loses
        cleanly); cancel what was confirmed then withdrawn. Returns how many answers were written."""
        with self.ctx.read() as s:
            me = self.ctx.site_row(s)
            answered = set(s.exec(select(BookingAnswer.request_id).where(BookingAnswer.site_id == me.id)))
            todo = [
                r.id
                for r in s.exec(
                    select(BookingRequest)
                    .where(BookingRequest.target_site_id == me.id, BookingRequest.deleted == False)
                    .order_by(col(BookingRequest.created_at), col(BookingRequest.id))
                )
                if r.id not in answered or r.status == "withdrawn"
            ]
        return sum(1 for request_id in todo if self._answer(request_id))

    def _answer(self, request_id: str) -> bool:
        with self.ctx.write() as s:
            me = self.ctx.site_row(s)
            req = self._get(s, request_id)
            answer = s.exec(select(BookingAnswer).where(BookingAnswer.request_id == req.id)).first()
            asked_by = self._asker(s, req)
            if answer is not None:  # answered already: only a withdrawal after a confirmation is left
                return self._cancel_withdrawn(s, req, answer, asked_by)
            if req.status == "withdrawn":
                answer = BookingAnswer(
                    site_id=me.id, request_id=req.id, outcome="cancelled", reason_code="withdrawn",
                    reason="Demande retirée avant d'être traitée.", answered_at=self.ctx.clock.now_utc(),
                )  # fmt: skip
                s.add(answer)
                return True
            try:
                with s.begin_nested():  # a refusal leaves nothing of the attempt behind
                    row = self.booking.book_in(
                        s,
                        actor=asked_by,
                        site=me,
                        youth_id=req.youth_id,
                        type_code=req.type_code,
                        start=req.start,
                        counsellor=req.counsellor_id,
                        mode=Mode(req.mode) if req.mode else None,
                        notes=req.notes,
                    )
                answer = BookingAnswer(
                    site_id=me.id,
                    request_id=req.id,
                    outcome="confirmed",
                    appointment_id=row.id,
                    answered_at=self.ctx.clock.now_utc(),
                )
            except DomainError as exc:
                answer = BookingAnswer(
                    site_id=me.id,
                    request_id=req.id,
                    outcome="refused",
                    reason_code=exc.code[:40],
                    reason=exc.message[:400],
                    answered_at=self.ctx.clock.now_utc(),
                )
            s.add(answer)
            s.flush()
            audit.record(
                s, self.ctx, asked_by, action=f"request_{answer.outcome}", entity="booking_request",
                entity_id=req.id, youth_id=req.youth_id, reason=answer.reason,
            )  # fmt: skip
            return True

    def _cancel_withdrawn(
        self, s: Session, req: BookingRequest, answer: BookingAnswer, asked_by: Actor
    ) -> bool:
        if req.status != "withdrawn" or answer.outcome != "confirmed" or not answer.appointment_id:
            return False
        row = s.get(Appointment, answer.appointment_id)
        if row is not None and Status(row.status) is Status.BOOKED:
            before = audit.snapshot(row, ("status",))
            row.status = Status.CANCELLED_BY_YOUTH.value
            row.cancel_reason = "demande retirée par le site qui l'avait envoyée"
            row.updated_by = asked_by.id
            s.add(row)
            audit.record(
                s, self.ctx, asked_by, action="cancel", entity="appointment", entity_id=row.id,
                youth_id=row.youth_id, reason=row.cancel_reason, before=before,
                after=audit.snapshot(row, ("status",)),
            )  # fmt: skip
        answer.outcome = "cancelled"
        answer.reason = "Demande retirée après confirmation : le rendez-vous est annulé."
        answer.answered_at = self.ctx.clock.now_utc()
        s.add(answer)
        return True

    # --- plumbing ----------------------------------------------------------------------------------
    @staticmethod
    def _get(s: Session, request_id: str) -> BookingRequest:
        row = s.get(BookingRequest, (request_id or "").strip())
        if row is None or row.deleted:
            raise NotFound("unknown_request", f"Demande de rendez-vous introuvable : « {request_id} ».")
        return row

    @staticmethod
    def _asker(s: Session, req: BookingRequest) -> Actor:
        """Who the booking is made for, in the audit of the owning site: the person who asked, and from
        where (the rules are the site's own; asking needs no more than a receptionist may do)."""
        site = s.get(Site, req.site_id)
        where = site.code if site is not None else "?"
        return Actor(id=req.requested_by, name=f"{req.requested_by_name} (demande du site {where})",
                     role=Role.RECEPTIONIST)  # fmt: skip

    def _views(self, s: Session, rows: Sequence[BookingRequest]) -> list[RequestView]:
        if not rows:
            return []
        ids = [r.id for r in rows]
        answers = {
            a.request_id: a
            for a in s.exec(select(BookingAnswer).where(col(BookingAnswer.request_id).in_(ids)))
        }
        sites = {x.id: x for x in s.exec(select(Site))}
        out = []
        for r in rows:
            a = answers.get(r.id)
            state = a.outcome if a is not None else r.status
            youth = get_youth(s, r.youth_id)
            counsellor = s.get(Staff, r.counsellor_id) if r.counsellor_id else None
            out.append(
                RequestView(
                    id=r.id,
                    from_site=sites[r.site_id].code if r.site_id in sites else "?",
                    to_site=sites[r.target_site_id].code if r.target_site_id in sites else "?",
                    to_site_name=sites[r.target_site_id].name if r.target_site_id in sites else "?",
                    youth_id=r.youth_id,
                    youth_name=youth_name(youth),
                    type_code=r.type_code,
                    start=r.start,
                    counsellor_name=staff_name(counsellor) if counsellor else "",
                    requested_by_name=r.requested_by_name,
                    state=state,
                    reason=a.reason if a is not None else "",
                    appointment_id=a.appointment_id if a is not None and a.outcome == "confirmed" else None,
                )
            )
        return out

    def appointment_of(self, request_id: str, *, viewer: Actor | None = None) -> AppointmentView:
        """The appointment a confirmed request became (for its slip): refused while not confirmed."""
        view = self.get(request_id)
        if not view.confirmed or view.appointment_id is None:
            raise RuleViolation(
                "not_confirmed",
                f"La demande au site {view.to_site_name} est « {view.state_fr} » : le coupon s'imprime "
                "une fois le rendez-vous confirmé par ce site.",
            )
        with self.ctx.read() as s:
            found = for_viewer(appointment_views(s, ids=[view.appointment_id]), viewer)
        if not found:
            raise RuleViolation(
                "not_confirmed",
                f"La confirmation du site {view.to_site_name} est arrivée sans son rendez-vous : "
                "synchronisez encore.",
            )
        return found[0]


def sentence_fr(v: RequestView) -> str:
    """One line for the desk and the CLI."""
    who = f" avec {v.counsellor_name}" if v.counsellor_name else ""
    return (
        f"Demande au site {v.to_site} ({v.to_site_name}) : {v.youth_name}, le "
        f"{format_date_fr(v.start.date())} à {v.start:%H:%M}{who} ({v.type_code}) — {v.state_fr}."
    )
