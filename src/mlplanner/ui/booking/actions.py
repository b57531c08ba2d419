"""What can be done to one appointment, shared by the day and week views, arrivals and "my day".

Builds the context menu (arrivé, reçu, absent, excusé, annuler avec motif, déplacer, ouvrir la fiche,
imprimer le coupon) and the same actions in the "Rendez-vous" menu with keyboard shortcuts, acting on
the appointment selected in the current page (a page offers `selected_appointment()`). Every change
goes through an undoable command; what the role cannot do is greyed out (the services refuse anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from mlplanner.domain.arrivals import Step, step_of
from mlplanner.domain.enums import Status
from mlplanner.domain.errors import DomainError
from mlplanner.domain.models import AppointmentView
from mlplanner.services.permissions import Perm
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.shell.undo import BookCommand, MoveCommand, ServiceCommand, StatusCommand, UndoContext

if TYPE_CHECKING:
    from mlplanner.ui.shell.main_window import MainWindow

# (status, label, shortcut)
STATUS_ACTIONS: tuple[tuple[Status, str, str], ...] = (
    (Status.ARRIVED, tr_noop("&Arrivé(e)"), "Ctrl+Shift+A"),
    (Status.SEEN, tr_noop("&Reçu(e)"), "Ctrl+Shift+R"),
    (Status.NO_SHOW, tr_noop("A&bsent(e)"), "Ctrl+Shift+B"),
    (Status.EXCUSED, tr_noop("&Excusé(e)"), "Ctrl+Shift+E"),
)


class AppointmentActions(QObject):
    earlierRequested = Signal(object)  # AppointmentView: put it on the "plus tôt si possible" list

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.undo_ctx = UndoContext(window.services, window.ops, lambda: window.actor)
        self.menu_actions: dict[str, QAction] = {}
        self._build_menu()
        window.actorChanged.connect(lambda _a: self.grey_out())
        window.pageChanged.connect(lambda _k: self.grey_out())
        self.grey_out()

    # --- permissions (what to grey out) --------------------------------------------------------
    def can_status(self, a: AppointmentView, status: Status) -> bool:
        w = self.window
        if status is Status.ARRIVED and a.status is Status.BOOKED:
            return w.can(Perm.BOOK) and a.start.date() == w.now().date()
        if status is Status.ARRIVED:
            return False
        if a.status.is_cancelled or a.status is status:
            return False
        if w.can(Perm.OUTCOME_ANY):
            return True
        return w.can(Perm.OUTCOME_OWN) and w.actor.id in a.staff_ids

    def grey_out(self) -> None:
        """The "Rendez-vous" menu offers only what the logged-in role may do, on a page that shows
        appointments (elsewhere its keys are free: Ctrl+P prints the call list on that page)."""
        w = self.window
        here = callable(getattr(w.current_page(), "selected_appointment", None))
        outcomes = w.can(Perm.OUTCOME_OWN) or w.can(Perm.OUTCOME_ANY)
        for key in (Status.SEEN.value, Status.NO_SHOW.value, Status.EXCUSED.value):
            self.menu_actions[key].setEnabled(here and outcomes)
        for key in (Status.ARRIVED.value, "cancel"):
            self.menu_actions[key].setEnabled(here and w.can(Perm.BOOK))
        self.menu_actions["open_file"].setEnabled(here)
        self.menu_actions["print_slip"].setEnabled(here and w.can(Perm.PRINT))

    def can_change(self, a: AppointmentView) -> bool:
        return self.window.can(Perm.BOOK) and a.status is Status.BOOKED

    # --- running commands ----------------------------------------------------------------------
    def push(self, command: ServiceCommand) -> bool:
        self.window.undo_stack.push(command)
        return command.ok

    def book(
        self, booking: dict[str, Any], *, on_error: Callable[[DomainError], None] | None = None
    ) -> AppointmentView | None:
        command = BookCommand(self.undo_ctx, booking, on_error=on_error)
        return command.result.appointment if self.push(command) else None

    def move(
        self,
        a: AppointmentView,
        *,
        start: datetime,
        counsellor: str | None = None,
        room: str | None = None,
        on_error: Callable[[DomainError], None] | None = None,
    ) -> bool:
        if start == a.start and counsellor in (None, a.counsellor_id) and room in (None, a.room_id):
            return False  # dropped where it was
        return self.push(
            MoveCommand(self.undo_ctx, a, start=start, counsellor=counsellor, room=room, on_error=on_error)
        )

    def set_status(self, a: AppointmentView, status: Status, *, note: str | None = None) -> bool:
        return self.push(StatusCommand(self.undo_ctx, a, status, note=note))

    def set_step(self, a: AppointmentView, step: Step) -> bool:
        """The waiting room steps (called in, in interview) of an arrived young person."""
        done = self.window.ops.run(
            lambda: self.window.services.appointments.set_step(
                actor=self.window.actor, appointment_id=a.id, step=step
            )
        )
        return bool(done)

    def cancel(self, a: AppointmentView, parent: QWidget | None = None, *, default_reason: str = "") -> bool:
        """Ask who cancels and why (the Mission Locale must give a reason), then cancel."""
        prompt = self.window.prompt
        who = prompt.ask_choice(
            parent,
            tr("Qui annule ce rendez-vous ?"),
            [tr("Le jeune"), tr("La Mission Locale")],
            title=tr("Annuler le rendez-vous"),
        )
        if who is None:
            return False
        by_youth = who == 0
        label = tr("Motif (facultatif) :") if by_youth else tr("Motif de l'annulation (obligatoire) :")
        reason = prompt.ask_text(
            parent, label, title=tr("Annuler le rendez-vous"), default="" if by_youth else default_reason
        )
        if reason is None:
            return False
        status = Status.CANCELLED_BY_YOUTH if by_youth else Status.CANCELLED_BY_ML
        return self.push(StatusCommand(self.undo_ctx, a, status, reason=reason))

    def open_file(self, a: AppointmentView) -> None:
        self.window.youthFileRequested.emit(a.youth_id)

    def print_slip(self, a: AppointmentView) -> None:
        self.window.printRequested.emit("slip", {"appointment_id": a.id, "youth_id": a.youth_id})

    # --- menus ---------------------------------------------------------------------------------
    def context_menu(
        self, a: AppointmentView, parent: QWidget, *, on_move: Callable[[], None] | None = None
    ) -> QMenu:
        """The context menu of one appointment (built fresh: enabled states follow role and status)."""
        menu = QMenu(parent)
        menu.setObjectName("appointmentMenu")
        menu.setTitle(a.youth_name)
        for status, label, shortcut in STATUS_ACTIONS:
            act = menu.addAction(tr(label), lambda s=status: self.set_status(a, s))
            act.setShortcut(QKeySequence(shortcut))
            act.setEnabled(self.can_status(a, status))
            act.setObjectName(f"status_{status.value}")
        step = step_of(a)
        call = menu.addAction(tr("A&ppelé(e) en entretien"), lambda: self.set_step(a, Step.CALLED))
        call.setEnabled(self.window.can(Perm.BOOK) and step is Step.WAITING)
        call.setObjectName("step_called")
        inside = menu.addAction(tr("En entret&ien"), lambda: self.set_step(a, Step.IN_INTERVIEW))
        inside.setEnabled(self.window.can(Perm.BOOK) and step in (Step.WAITING, Step.CALLED))
        inside.setObjectName("step_in_interview")
        menu.addSeparator()
        cancel = menu.addAction(tr("A&nnuler le rendez-vous…"), lambda: self.cancel(a, parent))
        cancel.setShortcut(QKeySequence("Del"))
        cancel.setEnabled(self.can_change(a))
        cancel.setObjectName("cancel")
        if on_move is not None:
            move = menu.addAction(tr("&Déplacer…"), on_move)
            move.setShortcut(QKeySequence("Ctrl+X"))
            move.setEnabled(self.can_change(a))
            move.setObjectName("move")
        earlier = menu.addAction(tr("Plus &tôt si possible…"), lambda: self.earlierRequested.emit(a))
        earlier.setEnabled(self.can_change(a) and a.start.date() > self.window.now().date())
        earlier.setObjectName("earlier")
        menu.addSeparator()
        menu.addAction(tr("&Ouvrir la fiche du jeune"), lambda: self.open_file(a)).setObjectName("open_file")
        slip = menu.addAction(tr("&Imprimer le coupon"), lambda: self.print_slip(a))
        slip.setEnabled(self.window.can(Perm.PRINT))
        slip.setObjectName("print_slip")
        return menu

    def _selected(self) -> AppointmentView | None:
        page = self.window.current_page()
        getter = getattr(page, "selected_appointment", None)
        return getter() if callable(getter) else None

    def _on_selected(self, do: Callable[[AppointmentView], object]) -> Callable[[], None]:
        def run() -> None:
            a = self._selected()
            if a is None:
                self.window.status.showMessage(tr("Sélectionnez d'abord un rendez-vous."), 4000)
                return
            do(a)

        return run

    def _status_on_selected(self, status: Status) -> Callable[[], None]:
        """A page that records outcomes itself (Ma journée: with the note typed for that appointment,
        then on to the next one) gets the keyboard's outcome too."""
        plain = self._on_selected(lambda a: self.set_status(a, status))

        def run() -> None:
            record = getattr(self.window.current_page(), "record", None)
            if status is not Status.ARRIVED and callable(record):
                record(status)
            else:
                plain()

        return run

    def _build_menu(self) -> None:
        w = self.window
        for status, label, shortcut in STATUS_ACTIONS:
            act = QAction(tr(label).replace("&", ""), w)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(self._status_on_selected(status))
            w.add_menu_action("Rendez-vous", act)
            self.menu_actions[status.value] = act
        w.menu("Rendez-vous").addSeparator()
        for key, label, shortcut, do in (
            ("cancel", tr("Annuler le rendez-vous…"), "Del", lambda a: self.cancel(a, w)),
            ("open_file", tr("Ouvrir la fiche du jeune"), "Ctrl+O", self.open_file),
            ("print_slip", tr("Imprimer le coupon"), "Ctrl+P", self.print_slip),
        ):
            act = QAction(label, w)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(self._on_selected(do))
            w.add_menu_action("Rendez-vous", act)
            self.menu_actions[key] = act
