"""Walk-ins: a young person who comes without an appointment joins the queue in a few keystrokes.

Pick or create the youth, Enter, and a same-day appointment is booked *now* through the booking
service with the counsellor on duty, then checked in (one undo step).

"On duty" means: among the counsellors whose working hours cover the time (site hours ∩ working
pattern, minus absences), the first one free for the type's duration from now — the youth's
referent if free, otherwise the least busy that day. That is exactly the free-slot finder's ranking,
so the rules stay in one place; if nobody is free before closing, the walk-in is refused with a
French explanation (the receptionist can book a later day instead).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.errors import DomainError, RuleViolation
from mlplanner.domain.models import AppointmentView, YouthView
from mlplanner.ui.booking.dialog import default_type_index, first_visit_type_index
from mlplanner.ui.i18n import tr
from mlplanner.ui.youths.picker import ERROR_STYLE, YouthPicker

if TYPE_CHECKING:
    from mlplanner.ui.booking.actions import AppointmentActions
    from mlplanner.ui.shell.main_window import MainWindow

WALK_IN_NOTE = "sans rendez-vous"


def minutes_between(a: datetime, b: datetime) -> int:
    return max(0, int((b - a).total_seconds() // 60))


def duration_fr(minutes: int) -> str:
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}"


class WalkInPanel(QFrame):
    """Inline: pick or create the youth, choose the type, Enter: booked now with the counsellor on duty."""

    def __init__(
        self, window: MainWindow, actions: AppointmentActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("walkInPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#walkInPanel { background: #f3f7fd; border: 1px solid #c9d8ee; border-radius: 4px; }"
        )
        self.window_ = window
        self.services = window.services
        self.actions = actions
        self.youth: YouthView | None = None
        title = QLabel(
            tr("<b>Jeune sans rendez-vous</b> — il/elle rejoint la file avec le conseiller de permanence")
        )
        self.picker = YouthPicker(window, self)
        self.picker.youthChosen.connect(self._chosen)
        self.picker.youthCreated.connect(
            lambda _y: self.type_box.setCurrentIndex(first_visit_type_index(self.type_box))
        )
        self.type_box = QComboBox()
        self.type_box.setAccessibleName(tr("Type de rendez-vous"))
        for t in self.services.directory.types():
            if t.active and t.mode is Mode.ON_SITE:
                self.type_box.addItem(f"{t.label} ({t.duration_min} min)", t.code)
        self.type_box.setCurrentIndex(default_type_index(self.type_box))
        self.type_box.installEventFilter(self)
        self.add_btn = QPushButton(tr("Ajouter à la fi&le"))
        self.add_btn.clicked.connect(self.add)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.hide)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName(tr("Refus"))
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Type :")))
        row.addWidget(self.type_box, 1)
        row.addWidget(self.add_btn)
        row.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.picker)
        lay.addLayout(row)
        lay.addWidget(self.error)

    def start(self) -> None:
        self.picker.reset()
        self.youth = None
        self.error.hide()
        self.show()
        self.picker.search.setFocus()

    def _chosen(self, youth: YouthView) -> None:
        self.youth = youth
        self.type_box.setFocus()

    def _refused(self, exc: DomainError) -> None:
        self.error.setText(exc.message)
        self.error.show()

    def add(self) -> AppointmentView | None:
        if self.youth is None:
            self._refused(
                RuleViolation(
                    "no_youth", tr("Choisissez d'abord le jeune (tapez quelques lettres de son nom).")
                )
            )
            return None
        code = self.type_box.currentData()
        now = self.window_.now()
        found = self.window_.ops.run(
            lambda: self.services.slots.find(type_code=code, youth_id=self.youth.id, start=now, count=1),
            on_error=self._refused,
        )
        if not found:
            return None
        slots = found.value or []
        if not slots or slots[0].start.date() != now.date():
            self._refused(
                RuleViolation(
                    "nobody_on_duty",
                    tr(
                        "Aucun conseiller n'est disponible d'ici la fermeture pour ce type d'entretien : "
                        "proposez un rendez-vous un autre jour."
                    ),
                )
            )
            return None
        slot = slots[0]
        stack = self.window_.undo_stack
        stack.beginMacro(tr("{name} sans rendez-vous").format(name=self.youth.display_name))
        try:
            a = self.actions.book(
                {
                    "youth_id": self.youth.id,
                    "type_code": code,
                    "start": slot.start,
                    "counsellor": slot.counsellor_id,
                    "room": slot.room_id,
                    "notes": WALK_IN_NOTE,
                },
                on_error=self._refused,
            )
            if a is not None:
                self.actions.set_status(a, Status.ARRIVED)
        finally:
            stack.endMacro()
        if a is None:
            return None
        wait = minutes_between(now, slot.start)
        when = (
            tr("tout de suite")
            if wait == 0
            else tr("vers {time} (attente prévue {wait})").format(
                time=f"{slot.start:%H:%M}", wait=duration_fr(wait)
            )
        )
        self.window_.status.showMessage(
            tr("{name} rejoint la file : reçu(e) par {who} {when}.").format(
                name=a.youth_name, who=a.counsellor_name, when=when
            ),
            15000,
        )
        self.hide()
        return a

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.type_box
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
        ):
            self.add()
            return True
        return super().eventFilter(obj, event)
