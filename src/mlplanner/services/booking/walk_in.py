"""Walk-ins: a young person who comes without an appointment, received by the counsellor on duty.

"On duty" means: among the counsellors whose working hours cover the time (site hours ∩ working
pattern, minus absences), the first one free for the type's duration from now — the youth's referent
if free, otherwise the least busy that day. That is exactly the free-slot finder's ranking, so the rule
lives in one place. Nobody free before closing: refused (`nobody_on_duty`, with the next free slot as a
detail, for "another day").

`offer()` says who and when before anything is stored (the desk shows it and asks); `walk_in()` finds
the counsellor again, books and checks in, all in one write transaction, so two desks never give the
same counsellor to two walk-ins. When the desk confirms an offer it passes what it showed
(`expect_start`, `expect_counsellor`): if the slot went meanwhile, the walk-in is refused
(`walk_in_changed`, with the new offer) rather than booked with someone else or later than promised.
`check_in=False` books the same slot without checking in: "come back at 14:30".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.models import AppointmentView, Changes
from mlplanner.services.booking.appointments import get_youth
from mlplanner.services.booking.service import BookingService
from mlplanner.services.booking.slots import SlotService
from mlplanner.services.booking.status import AppointmentStatusService
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_type
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import appointment_views

WALK_IN_NOTE = "sans rendez-vous"


@dataclass(frozen=True)
class WalkInOffer:
    """Who would receive the young person, and when (shown before anything is stored)."""

    youth_id: str
    youth_name: str
    type_code: str
    type_label: str
    start: datetime
    end: datetime
    counsellor_id: str
    counsellor_name: str
    room_id: str | None
    room_name: str | None
    now: datetime
    #: an appointment of this young person still expected today (check them in rather than add one)
    expected_today: AppointmentView | None = None

    @property
    def wait_min(self) -> int:
        return max(0, int((self.start - self.now).total_seconds() // 60))


@dataclass(frozen=True)
class WalkInResult:
    appointment: AppointmentView
    wait_min: int
    checked_in: bool
    changes: Changes


def minutes_between(a: datetime, b: datetime) -> int:
    return max(0, int((b - a).total_seconds() // 60))


@checked_dates
class WalkInService:
    def __init__(
        self,
        ctx: ServiceContext,
        booking: BookingService,
        appointments: AppointmentStatusService,
        slots: SlotService,
    ) -> None:
        self.ctx = ctx
        self.booking = booking
        self.appointments = appointments
        self.slots = slots

    def offer(self, *, youth_id: str, type_code: str) -> WalkInOffer:
        """Who is on duty for this young person now, and when they can be received. Changes nothing."""
        with self.ctx.read() as s:
            return self._offer(s, youth_id=youth_id, type_code=type_code)

    def walk_in(
        self,
        *,
        actor: Actor,
        youth_id: str,
        type_code: str,
        check_in: bool = True,
        expect_start: datetime | None = None,
        expect_counsellor: str | None = None,
        notes: str = WALK_IN_NOTE,
    ) -> WalkInResult:
        """Book with the counsellor on duty and check in (or, `check_in=False`, book only: the young
        person comes back at that time), in one transaction."""
        require(actor, Perm.BOOK)
        with self.ctx.write() as s:
            offer = self._offer(s, youth_id=youth_id, type_code=type_code)
            promised = (expect_start, expect_counsellor)
            if expect_start is not None and promised != (offer.start, offer.counsellor_id):
                raise RuleViolation(
                    "walk_in_changed",
                    f"Le créneau proposé vient d'être pris : {offer.counsellor_name} peut recevoir "
                    f"{offer.youth_name} à {offer.start:%H:%M}. Confirmez à nouveau.",
                    start=offer.start,
                    counsellor=offer.counsellor_name,
                    youth=offer.youth_name,
                )
            row = self.booking.book_in(
                s,
                actor=actor,
                site=self.ctx.site_row(s),
                youth_id=offer.youth_id,
                type_code=offer.type_code,
                start=offer.start,
                counsellor=offer.counsellor_id,
                room=offer.room_id,
                notes=notes,
            )
            s.flush()
            if check_in:
                appointment = self.appointments.check_in(
                    actor=actor, appointment_id=row.id, within=s
                ).appointment
            else:
                appointment = self.booking._view_for(s, row.id, actor)  # same package: its own view
        return WalkInResult(
            appointment,
            offer.wait_min,
            check_in,
            Changes.of("appointments", ids=(appointment.id,)),
        )

    def _offer(self, s: Session, *, youth_id: str, type_code: str) -> WalkInOffer:
        site = self.ctx.site_row(s)
        now = self.ctx.now_local(site.timezone)
        youth = get_youth(s, youth_id)
        atype = find_type(s, type_code)
        if Mode(atype.mode) is not Mode.ON_SITE:
            raise InputError(
                "walk_in_remote",
                f"« {atype.label} » se fait à distance : un jeune venu sur place est reçu en entretien "
                "sur site.",
                type=atype.label,
            )
        name = f"{youth.last_name.upper()} {youth.first_name}"
        found = self.slots.find_in(s, type_code=atype.code, youth_id=youth.id, start=now, count=1)
        if not found or found[0].start.date() != now.date():
            nxt = found[0] if found else None
            raise RuleViolation(
                "nobody_on_duty",
                "Aucun conseiller n'est disponible d'ici la fermeture pour ce type d'entretien : "
                "proposez un rendez-vous un autre jour.",
                type=atype.label,
                next_start=nxt.start if nxt else None,
                next_counsellor=nxt.counsellor_name if nxt else None,
            )
        slot = found[0]
        midnight = datetime.combine(now.date(), time.min)
        today = appointment_views(
            s,
            youth_id=youth.id,
            start=midnight,
            end=midnight + timedelta(days=1),
            statuses=(Status.BOOKED.value,),
        )
        return WalkInOffer(
            youth_id=youth.id,
            youth_name=name,
            type_code=atype.code,
            type_label=atype.label,
            start=slot.start,
            end=slot.end,
            counsellor_id=slot.counsellor_id,
            counsellor_name=slot.counsellor_name,
            room_id=slot.room_id,
            room_name=slot.room_name,
            now=now,
            expected_today=today[0] if today else None,
        )
