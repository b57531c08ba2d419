"""Undo/redo of booking actions as `QUndoCommand`s that call the services (Ctrl+Z / Ctrl+Shift+Z).

Every action is pushed on the window's `QUndoStack`; the first `redo()` *is* the action. What undo
does, and why:

* book → the appointment is cancelled by the Mission Locale with the reason `UNDO_REASON`; redo puts
  it back to "prévu" through `booking.restore_status` (the rules are checked again: the slot may have
  been given away). Appointments are synced rows, never deleted, so an undone booking stays in the
  history as an annulment marked "saisie annulée", which statistics can leave out.
* move → a move back to the previous time, counsellor and room (the same rule checks as any move).
* cancel, check in, outcome → `booking.restore_status` back to the previous status.

A command whose service call is refused (first redo, or a later undo/redo because someone else took
the slot meanwhile) shows the French reason and is made obsolete, so Qt drops it from the stack
instead of leaving the history out of step with the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import DomainError
from mlplanner.domain.labels import STATUS_FR
from mlplanner.domain.models import AppointmentView
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.operations import Operations

if TYPE_CHECKING:  # the walk-in's modules are imported when a walk-in is first taken, not at start-up
    from mlplanner.services.booking.walk_in import WalkInOffer

UNDO_REASON = "saisie annulée (Ctrl+Z)"


@dataclass
class UndoContext:
    services: Services
    ops: Operations
    actor: Callable[[], Actor]


class ServiceCommand(QUndoCommand):
    """Base: runs `_do()` / `_undo()` through `Operations`, drops itself when refused."""

    def __init__(
        self, ctx: UndoContext, text: str, on_error: Callable[[DomainError], None] | None = None
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.on_error = on_error  # first redo only (e.g. the booking dialog's inline message)
        self.done_once = False
        self.ok = False
        self.result: Any = None

    @property
    def services(self) -> Services:
        return self.ctx.services

    @property
    def actor(self) -> Actor:
        return self.ctx.actor()

    def _run(self, call: Callable[[], Any], on_error: Callable[[DomainError], None] | None) -> bool:
        outcome = self.ctx.ops.run(call, on_error=on_error)
        if not outcome:
            self.setObsolete(True)
            return False
        self.result = outcome.value
        return True

    def redo(self) -> None:
        first = not self.done_once
        self.ok = self._run(self._do if first else self._redo, self.on_error if first else None)
        self.done_once = True

    def undo(self) -> None:
        self._run(self._undo, None)

    # subclasses ---------------------------------------------------------------------------------
    def _do(self) -> Any:
        raise NotImplementedError

    def _redo(self) -> Any:
        return self._do()

    def _undo(self) -> Any:
        raise NotImplementedError


class BookCommand(ServiceCommand):
    def __init__(self, ctx: UndoContext, booking: dict[str, Any], **kw: Any) -> None:
        super().__init__(ctx, tr("prise de rendez-vous"), **kw)
        self.booking = booking
        self.appointment_id: str | None = None

    def _do(self) -> Any:
        result = self.services.booking.book(actor=self.actor, **self.booking)
        self.appointment_id = result.appointment.id
        a = result.appointment
        self.setText(
            tr("rendez-vous de {name} le {date} à {time}").format(
                name=a.youth_name, date=f"{a.start:%d/%m}", time=f"{a.start:%H:%M}"
            )
        )
        return result

    def _redo(self) -> Any:
        assert self.appointment_id is not None  # set by the first redo
        return self.services.appointments.restore_status(
            actor=self.actor, appointment_id=self.appointment_id, status=Status.BOOKED
        )

    def _undo(self) -> Any:
        assert self.appointment_id is not None
        return self.services.appointments.cancel(
            actor=self.actor, appointment_id=self.appointment_id, by_youth=False, reason=UNDO_REASON
        )


class MoveCommand(ServiceCommand):
    def __init__(
        self,
        ctx: UndoContext,
        appointment: AppointmentView,
        *,
        start: datetime,
        counsellor: str | None,
        room: str | None,
        **kw: Any,
    ) -> None:
        super().__init__(
            ctx,
            tr("déplacement du rendez-vous de {name} ({before} → {after})").format(
                name=appointment.youth_name,
                before=f"{appointment.start:%d/%m %H:%M}",
                after=f"{start:%d/%m %H:%M}",
            ),
            **kw,
        )
        self.appointment = appointment
        self.target = (start, counsellor, room)

    def _do(self) -> Any:
        start, counsellor, room = self.target
        return self.services.booking.move(
            actor=self.actor,
            appointment_id=self.appointment.id,
            start=start,
            counsellor=counsellor,
            room=room,
        )

    def _undo(self) -> Any:
        a = self.appointment
        return self.services.booking.move(
            actor=self.actor, appointment_id=a.id, start=a.start, counsellor=a.counsellor_id, room=a.room_id
        )


class StatusCommand(ServiceCommand):
    """Check in, outcome (with an optional note) or cancellation; undo restores the previous status."""

    def __init__(
        self,
        ctx: UndoContext,
        appointment: AppointmentView,
        status: Status,
        *,
        note: str | None = None,
        reason: str = "",
        **kw: Any,
    ) -> None:
        super().__init__(
            ctx,
            tr("« {status} » pour {name}").format(status=tr(STATUS_FR[status]), name=appointment.youth_name),
            **kw,
        )
        self.appointment = appointment
        self.status = status
        self.note = note
        self.reason = reason

    def _do(self) -> Any:
        b, aid = self.services.appointments, self.appointment.id
        if self.status is Status.ARRIVED and self.appointment.status is Status.BOOKED:
            return b.check_in(actor=self.actor, appointment_id=aid)
        if self.status.is_cancelled:
            return b.cancel(
                actor=self.actor,
                appointment_id=aid,
                by_youth=self.status is Status.CANCELLED_BY_YOUTH,
                reason=self.reason,
            )
        return b.set_outcome(actor=self.actor, appointment_id=aid, status=self.status, note=self.note)

    def _undo(self) -> Any:
        """The previous status, and the previous note when this outcome changed it."""
        return self.services.appointments.restore_status(
            actor=self.actor,
            appointment_id=self.appointment.id,
            status=self.appointment.status,
            notes=self.appointment.notes if self.note is not None else None,
        )


class WalkInCommand(ServiceCommand):
    """A walk-in (booked with the counsellor on duty and checked in, one service call) or a "come back
    at" booking; undo puts the appointment back to booked, then cancels it as an undone entry."""

    def __init__(self, ctx: UndoContext, offer: WalkInOffer, *, check_in: bool, **kw: Any) -> None:
        text = (
            tr("arrivée de {name} sans rendez-vous").format(name=offer.youth_name)
            if check_in
            else tr("rendez-vous de {name} à {time} (il/elle revient)").format(
                name=offer.youth_name, time=f"{offer.start:%H:%M}"
            )
        )
        super().__init__(ctx, text, **kw)
        self.offer = offer
        self.check_in = check_in
        self.appointment_id: str | None = None

    def _do(self) -> Any:
        o = self.offer
        result = self.services.walk_ins.walk_in(
            actor=self.actor,
            youth_id=o.youth_id,
            type_code=o.type_code,
            check_in=self.check_in,
            expect_start=o.start,
            expect_counsellor=o.counsellor_id,
        )
        self.appointment_id = result.appointment.id
        return result

    def _redo(self) -> Any:
        b, aid = self.services.appointments, self.appointment_id
        assert aid is not None  # set by the first redo
        result = b.restore_status(actor=self.actor, appointment_id=aid, status=Status.BOOKED)
        return b.check_in(actor=self.actor, appointment_id=aid) if self.check_in else result

    def _undo(self) -> Any:
        b, aid = self.services.appointments, self.appointment_id
        assert aid is not None  # set by the first redo
        if self.check_in:
            b.restore_status(actor=self.actor, appointment_id=aid, status=Status.BOOKED)
        return b.cancel(actor=self.actor, appointment_id=aid, by_youth=False, reason=UNDO_REASON)
