"""Walk-ins: a young person who comes without an appointment joins the queue in a few keystrokes.

Pick or create the youth, Enter, choose the type, Enter: the panel says who would receive them and
when ("Nadia Benkhaled à 14:30, attente prévue 4 h 10") before anything is stored. Then Enter
confirms (booked with that counsellor and checked in: one service call, `services.walk_ins`, one undo
step), or "Revenir à 14:30" books the slot without checking in, or "Un autre jour…" opens the booking
dialog for this young person. Nobody free before closing: said, with the next free slot, and "Un autre
jour…". The rule of who is on duty lives in the service (`services/booking/walk_in.py`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.errors import DomainError, RuleViolation
from mlplanner.domain.models import AppointmentView, YouthView
from mlplanner.services.booking.walk_in import WALK_IN_NOTE, WalkInOffer, WalkInResult, minutes_between
from mlplanner.ui.booking.dialog import default_type_index, first_visit_type_index, when_text
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.undo import WalkInCommand
from mlplanner.ui.widgets.error_text import ERROR_STYLE
from mlplanner.ui.youths.picker import YouthPicker

if TYPE_CHECKING:
    from mlplanner.ui.booking.actions import AppointmentActions
    from mlplanner.ui.shell.main_window import MainWindow

__all__ = ["WALK_IN_NOTE", "WalkInPanel", "duration_fr", "minutes_between"]

COME_BACK_MIN = 30  # from this wait on, "Revenir plus tard, à …" is offered
LONG_WAIT_MIN = 60  # from this wait on, it is what Enter does
OFFER_STYLE = (
    "QLabel#walkInOffer { background: white; border: 1px solid #9fc0e8; border-radius: 4px; padding: 6px; }"
)


def duration_fr(minutes: int) -> str:
    return tr("{n} min").format(n=minutes) if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}"


def wait_text(minutes: int) -> str:
    return (
        tr("tout de suite") if minutes == 0 else tr("attente prévue {wait}").format(wait=duration_fr(minutes))
    )


class WalkInPanel(QFrame):
    """Inline: youth, type, then who and when — confirmed, or "come back at", or another day."""

    finished = Signal()  # a walk-in was dealt with (the panel hides): back to the arrivals' filter

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
        self.appointment_actions = actions
        self.youth: YouthView | None = None
        self.offer: WalkInOffer | None = None
        self.next_start: datetime | None = None
        title = QLabel(
            tr("<b>Jeune sans rendez-vous</b> — il/elle rejoint la file avec le conseiller de permanence")
        )
        title.setWordWrap(True)
        self.picker = YouthPicker(window, self)
        self.picker.youthChosen.connect(self._chosen)
        self.picker.search.textEdited.connect(lambda _t: self._clear())
        self.type_box = QComboBox()
        self.type_box.setAccessibleName(tr("Type de rendez-vous"))
        for t in self.services.directory.types():
            if t.active and t.mode is Mode.ON_SITE:
                self.type_box.addItem(f"{t.label} ({t.duration_min} min)", t.code)
        self.type_box.setCurrentIndex(default_type_index(self.type_box))
        self.picker.youthCreated.connect(
            lambda _y: self.type_box.setCurrentIndex(first_visit_type_index(self.type_box))
        )
        self.type_box.installEventFilter(self)
        self.type_box.currentIndexChanged.connect(lambda _i: self._clear())
        self.add_btn = QPushButton(tr("Qui peut le/la recevo&ir ?"))
        self.add_btn.setToolTip(
            tr("Voir le conseiller de permanence et l'heure, avant de confirmer (Entrée)")
        )
        self.add_btn.clicked.connect(self.propose)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.hide)

        # the offer: who and when, then what to do
        self.offer_label = QLabel()
        self.offer_label.setObjectName("walkInOffer")
        self.offer_label.setStyleSheet(OFFER_STYLE)
        self.offer_label.setWordWrap(True)
        self.offer_label.setAccessibleName(tr("Proposition"))
        self.confirm_btn = QPushButton(tr("&Confirmer : dans la file"))
        self.confirm_btn.setObjectName("walkInConfirm")
        self.confirm_btn.clicked.connect(self.confirm)
        self.later_btn = QPushButton()
        self.later_btn.setObjectName("walkInLater")
        self.later_btn.setAccessibleName(tr("Revenir plus tard"))
        self.later_btn.clicked.connect(self.come_back_later)
        self.expected_btn = QPushButton()
        self.expected_btn.setObjectName("walkInExpected")
        self.expected_btn.setAccessibleName(tr("Pointer l'arrivée du rendez-vous déjà prévu"))
        self.expected_btn.clicked.connect(self.check_in_expected)
        self.other_day_btn = QPushButton(tr("Chan&ger de jour…"))
        self.other_day_btn.setObjectName("walkInOtherDay")
        self.other_day_btn.setToolTip(tr("Ouvrir la prise de rendez-vous pour ce jeune"))
        self.other_day_btn.clicked.connect(self.another_day)
        self.confirm_btn.installEventFilter(self)
        self.later_btn.installEventFilter(self)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName(tr("Refus"))

        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Type :")))
        row.addWidget(self.type_box, 1)
        row.addWidget(self.add_btn)
        row.addWidget(close)
        choices = QHBoxLayout()
        for b in (self.confirm_btn, self.later_btn, self.expected_btn, self.other_day_btn):
            choices.addWidget(b)
        choices.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.picker)
        lay.addLayout(row)
        lay.addWidget(self.offer_label)
        lay.addWidget(self.error)
        lay.addLayout(choices)
        self._clear()

    # --- state ---------------------------------------------------------------------------------------
    def start(self) -> None:
        self.picker.reset()
        self.youth = None
        self.type_box.setCurrentIndex(default_type_index(self.type_box))
        self._clear()
        self.show()
        self.picker.search.setFocus()

    def _clear(self) -> None:
        """The request changed: no offer, no refusal (they spoke of the previous request)."""
        self.offer = None
        self.next_start = None
        for w in (self.offer_label, self.error, self.confirm_btn, self.later_btn, self.expected_btn):
            w.hide()
        self.other_day_btn.setVisible(self.youth is not None)

    def _chosen(self, youth: YouthView) -> None:
        self.youth = youth
        self._clear()
        self.type_box.setFocus()

    def _refused(self, exc: DomainError) -> None:
        self.offer = None
        for w in (self.offer_label, self.confirm_btn, self.later_btn, self.expected_btn):
            w.hide()
        text = refusal_text(exc)
        nxt = exc.details.get("next_start") if exc.code == "nobody_on_duty" else None
        if isinstance(nxt, datetime):
            self.next_start = nxt
            text += " " + tr("Prochain créneau libre : {when} avec {who}.").format(
                when=when_text(nxt), who=exc.details.get("next_counsellor") or ""
            )
        self.error.setText(text)
        self.error.show()
        self.other_day_btn.setVisible(self.youth is not None)
        if exc.code == "walk_in_changed":  # the new offer, to confirm again (the refusal says why)
            self.propose(keep_error=True)

    # --- 1. who and when -------------------------------------------------------------------------------
    def propose(self, *, keep_error: bool = False) -> WalkInOffer | None:
        """Ask the service who is on duty for this young person; show it, store nothing."""
        if self.youth is None:
            self._refused(
                RuleViolation(
                    "no_youth", tr("Choisissez d'abord le jeune (tapez quelques lettres de son nom).")
                )
            )
            return None
        youth, code = self.youth, self.type_box.currentData()
        outcome = self.window_.ops.run(
            lambda: self.services.walk_ins.offer(youth_id=youth.id, type_code=code), on_error=self._refused
        )
        if not outcome or outcome.value is None:
            return None
        offer: WalkInOffer = outcome.value
        self.offer = offer
        self.error.setVisible(keep_error)
        where = f", {offer.room_name}" if offer.room_name else ""
        self.offer_label.setText(
            tr("{name} serait reçu(e) par <b>{who}</b> à <b>{time}</b>{where} ({wait}).").format(
                name=offer.youth_name,
                who=offer.counsellor_name,
                time=f"{offer.start:%H:%M}",
                where=where,
                wait=wait_text(offer.wait_min),
            )
        )
        self.offer_label.show()
        self.confirm_btn.show()
        late = offer.wait_min >= COME_BACK_MIN
        self.later_btn.setText(tr("Revenir p&lus tard, à {time}").format(time=f"{offer.start:%H:%M}"))
        self.later_btn.setToolTip(
            tr("Réserver ce créneau sans pointer l'arrivée : le jeune revient à l'heure dite")
        )
        self.later_btn.setVisible(late)
        expected = offer.expected_today
        if expected is not None:
            self.expected_btn.setText(
                tr("Déjà rendez-vous à {time} : &pointer son arrivée").format(time=f"{expected.start:%H:%M}")
            )
            self.expected_btn.setToolTip(
                tr("Rendez-vous prévu à {time} avec {who}").format(
                    time=f"{expected.start:%H:%M}", who=expected.counsellor_name
                )
            )
        self.expected_btn.setVisible(expected is not None)
        self.other_day_btn.show()
        # nobody waits hours in a waiting room: past an hour, Enter means "come back at"
        first = self.later_btn if offer.wait_min >= LONG_WAIT_MIN else self.confirm_btn
        for b in (self.confirm_btn, self.later_btn):
            b.setDefault(b is first)
        first.setFocus()
        return offer

    # --- 2. what to do with it --------------------------------------------------------------------------
    def _run(self, *, check_in: bool) -> AppointmentView | None:
        offer = self.offer
        if offer is None:
            return None
        command = WalkInCommand(
            self.appointment_actions.undo_ctx, offer, check_in=check_in, on_error=self._refused
        )
        if not self.appointment_actions.push(command):
            return None
        result: WalkInResult = command.result
        a = result.appointment
        if check_in:
            text = tr("{name} est dans la file : reçu(e) par {who} à {time} ({wait}).").format(
                name=a.youth_name,
                who=a.counsellor_name,
                time=f"{a.start:%H:%M}",
                wait=wait_text(result.wait_min),
            )
        else:
            text = tr("{name} revient à {time} : rendez-vous avec {who}{where}.").format(
                name=a.youth_name,
                time=f"{a.start:%H:%M}",
                who=a.counsellor_name,
                where=f", {a.room_name}" if a.room_name else "",
            )
        self.window_.status.showMessage(text, 15000)
        self.hide()
        self.finished.emit()
        return a

    def confirm(self) -> AppointmentView | None:
        """Booked with the counsellor shown, at the time shown, and checked in."""
        return self._run(check_in=True)

    def come_back_later(self) -> AppointmentView | None:
        """The same slot, booked without checking in: the young person comes back then."""
        return self._run(check_in=False)

    def add(self) -> AppointmentView | None:
        """Propose then confirm at once (tests and scripts; the desk shows the offer first)."""
        return self.confirm() if self.propose() is not None else None

    def check_in_expected(self) -> bool:
        offer = self.offer
        if offer is None or offer.expected_today is None:
            return False
        a = offer.expected_today
        ok = self.appointment_actions.set_status(a, Status.ARRIVED)
        if ok:
            self.window_.status.showMessage(
                tr("Arrivée de {name} pointée ({who} prévenu(e)).").format(
                    name=a.youth_name, who=a.counsellor_name
                ),
                8000,
            )
            self.hide()
        return ok

    def another_day(self) -> None:
        """The booking dialog for this young person and type, from the next free day."""
        if self.youth is None:
            return
        start = self.next_start or datetime.combine(
            self.window_.now().date() + timedelta(days=1), datetime.min.time()
        )
        self.window_.bookingRequested.emit(
            {"youth_id": self.youth.id, "type_code": self.type_box.currentData(), "from": start.date()}
        )
        self.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (  # type: ignore[attr-defined]
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            if obj is self.type_box:
                self.propose()
                return True
            if obj is self.confirm_btn:
                self.confirm()
                return True
            if obj is self.later_btn:
                self.come_back_later()
                return True
        return super().eventFilter(obj, event)
