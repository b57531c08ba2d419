"""A counsellor's notice of their young people checked in at reception, shown at once at the top of the
window whatever page is open, with the waiting time, and said aloud to a screen reader.

"At once" through the same path as every refresh: the change bus, which carries this workstation's own
changes and, through live refresh, other workstations' writes (SQLite's data_version poll, or the
server's notifications): nothing polls faster than that. A 30-second timer only repaints the waiting
time from what was read. "Appeler" records the "called in" step: the person leaves the waiting room list.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from mlplanner.domain.arrivals import Step, step_of, waited_minutes
from mlplanner.domain.enums import Role
from mlplanner.domain.models import AppointmentView
from mlplanner.domain.wallclock import local_now
from mlplanner.services.permissions import Perm
from mlplanner.ui.i18n import tr
from mlplanner.ui.widgets.announce import announce

if TYPE_CHECKING:
    from mlplanner.ui.shell.main_window import MainWindow

#: who is told when their young person arrives (the people receiving young people)
RECEIVING_ROLES = (Role.COUNSELLOR, Role.SITE_LEAD, Role.PARTNER)


class ArrivalNotice(QFrame):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("arrivalNotice")
        self.setStyleSheet(
            "QFrame#arrivalNotice { background: #e3f4e8; border: 2px solid #1b7f3b; border-radius: 4px; }"
        )
        self.setAccessibleName(tr("Jeunes arrivés pour vous"))
        self.window_ = window
        self.waiting: list[AppointmentView] = []
        self._seen: set[str] = set()  # arrivals already announced
        self._tz: str | None = None
        self.text = QLabel()
        self.text.setObjectName("arrivalNoticeText")
        self.text.setWordWrap(True)
        self.call_btn = QPushButton(tr("Appeler"))
        self.call_btn.setObjectName("callInButton")
        self.call_btn.setAccessibleDescription(
            tr("Vous allez chercher le jeune : il quitte la liste de la salle d'attente")
        )
        self.call_btn.clicked.connect(self.call_in)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.call_btn)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._paint)  # the waiting time moves on; nothing is read
        self._timer.start(30_000)
        self.hide()

    def refresh(self) -> None:
        actor = self.window_.actor
        if actor.role not in RECEIVING_ROLES:
            self.waiting = []
            self.hide()
            return
        today = self.window_.now().date()
        mine = self.window_.services.booking.day(today, counsellor=actor.id, viewer=actor)
        self.waiting = sorted(
            (a for a in mine if step_of(a) is Step.WAITING), key=lambda a: (a.arrived_at, a.start)
        )
        new = [a for a in self.waiting if a.id not in self._seen]
        self._seen |= {a.id for a in self.waiting}
        self._paint()
        if new:
            names = ", ".join(a.youth_name for a in new)
            announce(self, tr("Arrivé(e) pour vous : {names}.").format(names=names), assertive=True)

    def _paint(self) -> None:
        if not self.waiting:
            self.hide()
            return
        first = self.waiting[0]
        minutes = waited_minutes(first, self.window_.services.ctx.clock.now_utc()) or 0
        text = tr(
            "● {name} est arrivé(e) à {time} pour son rendez-vous de {start} — attend depuis {minutes} min"
        ).format(
            name=first.youth_name,
            time=f"{self._local(first):%H:%M}",
            start=f"{first.start:%H:%M}",
            minutes=minutes,
        )
        if len(self.waiting) > 1:
            text += tr(" · et {n} autre(s) en salle d'attente").format(n=len(self.waiting) - 1)
        self.text.setText(text)
        self.call_btn.setEnabled(self.window_.can(Perm.BOOK))
        self.show()

    def _local(self, a: AppointmentView) -> datetime:
        if self._tz is None:
            self._tz = self.window_.services.directory.site().timezone
        assert a.arrived_at is not None
        return local_now(a.arrived_at, self._tz)

    def call_in(self) -> bool:
        if not self.waiting:
            return False
        a = self.waiting[0]
        done = self.window_.ops.run(
            lambda: self.window_.services.appointments.call_in(actor=self.window_.actor, appointment_id=a.id),
            success=tr("{name} appelé(e).").format(name=a.youth_name),
        )
        return bool(done)
