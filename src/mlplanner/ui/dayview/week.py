"""The week of one counsellor or one room: a column per opening day, the same grid and actions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import DomainError
from mlplanner.domain.wallclock import week_start
from mlplanner.ui.booking.actions import AppointmentActions
from mlplanner.ui.dayview.data import load_week
from mlplanner.ui.dayview.grid import COUNSELLOR, ROOM, Grid
from mlplanner.ui.dayview.view import BookingOpener, SchedulePage, legend, to_qdate
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.bus import concerns
from mlplanner.ui.shell.keys import with_keys
from mlplanner.ui.widgets.narrow import ElidedLabel, WrapBar

if TYPE_CHECKING:
    from mlplanner.ui.shell.main_window import MainWindow


class WeekPage(SchedulePage):
    def __init__(
        self, window: MainWindow, actions: AppointmentActions, *, open_booking: BookingOpener
    ) -> None:
        super().__init__(window, actions, open_booking=open_booking)
        self.setObjectName("weekPage")
        self.table.setAccessibleName(tr("Planning de la semaine"))
        self.monday = week_start(window.now().date())
        self.who = QComboBox()
        self.who.setAccessibleName(tr("Conseiller ou bureau"))
        self.who.setMinimumContentsLength(22)
        self.who.currentIndexChanged.connect(lambda _i: self.reload())
        self.prev_btn = self._tool(tr("◀"), tr("Semaine précédente"), "Alt+Left", lambda: self.shift(-7))
        self.this_btn = QPushButton(tr("Cette &semaine"))
        self.this_btn.clicked.connect(lambda: self.set_week(window.now().date()))
        self.this_btn.setToolTip(with_keys(tr("Revenir à cette semaine"), "Alt+Home"))
        self.page_shortcut(
            "Alt+Home", lambda: self.set_week(window.now().date()), tr("Revenir à cette semaine")
        )
        self.next_btn = self._tool(tr("▶"), tr("Semaine suivante"), "Alt+Right", lambda: self.shift(7))
        self.title = ElidedLabel(least_chars=8)
        self.title.setObjectName("weekTitle")
        self.title.setStyleSheet("QLabel#weekTitle { font-size: 15pt; font-weight: 600; padding-left: 8px; }")
        label = QLabel(tr("&Planning de :"))
        label.setBuddy(self.who)
        bar = WrapBar([self.prev_btn, self.this_btn, self.next_btn], self.title, [label, self.who])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addWidget(bar)
        lay.addWidget(self.notice)
        lay.addWidget(self.table, 1)
        lay.addWidget(legend())
        self._fill_choices()
        self._default_resource()
        self.set_week(self.monday)

    def _fill_choices(self) -> None:
        current = self.who.currentData()
        self.who.blockSignals(True)
        self.who.clear()
        for s in self.frame.bookable:
            self.who.addItem(s.display_name, f"{COUNSELLOR}|{s.id}")
        for r in self.frame.rooms:
            self.who.addItem(tr("{name} (bureau)").format(name=r.name), f"{ROOM}|{r.id}")
        if current is not None:
            i = self.who.findData(current)
            self.who.setCurrentIndex(max(0, i))
        self.who.blockSignals(False)

    def _default_resource(self) -> None:
        """The logged-in person's own week if they receive people, else the first counsellor's."""
        actor = self.window_.actor
        i = self.who.findData(f"{COUNSELLOR}|{actor.id}")
        if i < 0:
            i = next((k for k, s in enumerate(self.frame.bookable) if s.role is Role.COUNSELLOR), 0)
        self.who.blockSignals(True)
        self.who.setCurrentIndex(i)
        self.who.blockSignals(False)

    def show_resource(self, kind: str, resource_id: str, day: date) -> None:
        i = self.who.findData(f"{kind}|{resource_id}")
        self.who.blockSignals(True)
        if i >= 0:
            self.who.setCurrentIndex(i)
        self.who.blockSignals(False)
        self.set_week(day)

    def set_week(self, day: date) -> None:
        previous, self.monday = self.monday, week_start(day)
        try:
            self.reload()
        except DomainError:  # the base could not be read (server gone): the page keeps the week it shows
            self.monday = previous
            raise
        days = [c.day for c in self.model.grid.columns] or [self.monday]
        loc = QLocale()
        self.title.setText(
            tr("Semaine du {first} au {last}").format(
                first=loc.toString(to_qdate(days[0]), "d MMMM"),
                last=loc.toString(to_qdate(days[-1]), "d MMMM yyyy"),
            )
        )

    def shift(self, days: int) -> None:
        self.set_week(self.monday + timedelta(days=days))

    def load_grid(self) -> Grid:
        data = self.who.currentData()
        if data is None:
            return Grid()
        kind, resource_id = data.split("|", 1)
        return load_week(self.services, self.frame, self.monday, kind, resource_id, viewer=self.window_.actor)

    def _changed(self, changes: object) -> None:
        if concerns(changes, "config", "staff"):
            self._frame = None
            self._fill_choices()
        super()._changed(changes)
