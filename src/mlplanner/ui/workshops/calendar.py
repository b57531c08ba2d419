"""The workshop calendar page part: previous / today / next, week or month, over the canvas; it reloads
when workshops change."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.models import Changes
from mlplanner.domain.wallclock import week_start
from mlplanner.services.container import Services
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.bus import ChangeBus, concerns
from mlplanner.ui.widgets.narrow import WrapBar
from mlplanner.ui.workshops.calendar_canvas import MONTH, WEEK, CalendarCanvas
from mlplanner.ui.workshops.common import month_name


class WorkshopCalendar(QWidget):
    """Toolbar (previous / today / next, week or month) over the canvas; reloads on workshop changes."""

    sessionSelected = Signal(str)
    sessionActivated = Signal(str)

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.canvas = CalendarCanvas()
        self.title = QLabel()
        self.title.setObjectName("calendarTitle")
        self.title.setStyleSheet("QLabel#calendarTitle { font-size: 12pt; font-weight: 600; }")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(120)
        prev, nxt = QToolButton(), QToolButton()
        prev.setText("◀")
        nxt.setText("▶")
        prev.setToolTip(tr("Précédent"))
        nxt.setToolTip(tr("Suivant"))
        prev.setAccessibleName(tr("Période précédente"))
        nxt.setAccessibleName(tr("Période suivante"))
        today = QPushButton(tr("Aujourd'hui"))
        self.week_button, self.month_button = QPushButton(tr("Semaine")), QPushButton(tr("Mois"))
        group = QButtonGroup(self)
        for b in (self.week_button, self.month_button):
            b.setCheckable(True)
            group.addButton(b)
        self.week_button.setChecked(True)
        # week/month go to a second row when the calendar is narrow (150 % scaling)
        bar = WrapBar([prev, today, nxt], self.title, [self.week_button, self.month_button])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(bar)
        lay.addWidget(self.canvas, 1)
        prev.clicked.connect(lambda: self.step(-1))
        nxt.clicked.connect(lambda: self.step(1))
        today.clicked.connect(lambda: self.go(self.today()))
        self.week_button.clicked.connect(lambda: self.set_mode(WEEK))
        self.month_button.clicked.connect(lambda: self.set_mode(MONTH))
        self.canvas.sessionClicked.connect(self.sessionSelected)
        self.canvas.sessionActivated.connect(self.sessionActivated)
        self.canvas.dayActivated.connect(self._open_week_of)
        bus.changed.connect(self._on_changes)
        self.mode = WEEK
        self.anchor = self.today()
        self.refresh()

    def today(self) -> date:
        return self.services.ctx.today()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        (self.week_button if mode == WEEK else self.month_button).setChecked(True)
        self.refresh()

    def step(self, direction: int) -> None:
        if self.mode == WEEK:
            self.anchor += timedelta(days=7 * direction)
        else:
            y, m = self.anchor.year, self.anchor.month + direction
            y, m = (y + (m - 1) // 12, (m - 1) % 12 + 1)
            self.anchor = date(y, m, 1)
        self.refresh()

    def go(self, day: date) -> None:
        self.anchor = day
        self.refresh()

    def _open_week_of(self, day: date) -> None:
        self.anchor = day
        self.set_mode(WEEK)

    def select_session(self, session_id: str | None, *, day: date | None = None) -> None:
        if day is not None and not (self.canvas.period()[0] <= day <= self.canvas.period()[1]):
            self.go(day)
        self.canvas.selected_id = session_id
        self.canvas.update()

    def refresh(self) -> None:
        self.canvas.mode, self.canvas.anchor = self.mode, self.anchor
        first, last = self.canvas.period()
        sessions = self.services.workshops.sessions_between(first, last)
        self.canvas.set_view(self.mode, self.anchor, sessions, self.today())
        if self.mode == WEEK:
            monday = week_start(self.anchor)
            sunday = monday + timedelta(days=6)
            same = monday.month == sunday.month
            left = f"{monday.day}" if same else f"{monday.day} {month_name(monday.month)}"
            right = f"{sunday.day} {month_name(sunday.month)} {sunday.year}"
            self.title.setText(f"{left} – {right}")
            self.title.setToolTip(tr("Semaine du {first} au {last}").format(first=left, last=right))
        else:
            self.title.setText(f"{month_name(self.anchor.month).capitalize()} {self.anchor.year}")

    def _on_changes(self, changes: Changes) -> None:
        if concerns(changes, "workshops", "config", "staff"):
            self.refresh()


__all__ = ["MONTH", "WEEK", "CalendarCanvas", "WorkshopCalendar"]
