"""Reception: today's expected people, who has arrived and how long they have waited.

Type a few letters to filter the list (accents ignored), Enter checks in the first person still
expected. Ctrl+Shift+N opens the walk-in panel (`walk_in`) above the list.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.arrivals import Step, step_of
from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.labels import STATUS_FR
from mlplanner.domain.models import AppointmentView
from mlplanner.domain.text import fold
from mlplanner.domain.wallclock import local_now
from mlplanner.services.permissions import Perm
from mlplanner.ui.i18n import tr
from mlplanner.ui.reception.walk_in import WalkInPanel, duration_fr, minutes_between
from mlplanner.ui.shell.bus import StaleWhileHidden, concerns
from mlplanner.ui.shell.keys import keys_text, with_keys
from mlplanner.ui.widgets.appointment_text import staff_text, type_text
from mlplanner.ui.widgets.rows_model import ROW_ROLE, Column, RowsModel

if TYPE_CHECKING:
    from mlplanner.ui.booking.actions import AppointmentActions
    from mlplanner.ui.shell.main_window import MainWindow


class NameFilter(QSortFilterProxyModel):
    """Keeps rows whose youth name has a word starting with each typed word (accents ignored)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.needle: list[str] = []

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self.needle = fold(text).split()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # type: ignore[no-untyped-def]
        if not self.needle:
            return True
        a = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        words = fold(a.youth_name).replace("-", " ").replace("'", " ").split()
        return all(any(w.startswith(n) for w in words) for n in self.needle)


class ArrivalsPage(StaleWhileHidden, QWidget):
    def __init__(self, window: MainWindow, actions: AppointmentActions) -> None:
        super().__init__()
        self.setObjectName("arrivalsPage")
        self.window_ = window
        self.services = window.services
        self.actions = actions
        self._tz_name: str | None = None

        self.summary = QLabel()
        self.summary.setObjectName("arrivalsSummary")
        self.summary.setStyleSheet("QLabel#arrivalsSummary { font-size: 13pt; font-weight: 600; }")
        self.summary.setWordWrap(True)  # narrow windows and large text: two lines, not a wider page
        self.filter = QLineEdit()
        self.filter.setObjectName("arrivalsFilter")
        self.filter.setPlaceholderText(tr("Tapez un nom puis Entrée pour pointer l'arrivée…"))
        self.filter.setAccessibleName(tr("Filtrer les rendez-vous du jour"))
        self.filter.setClearButtonEnabled(True)
        self.show_done = QPushButton(tr("Afficher aussi les reçus et a&bsents"))
        self.show_done.setCheckable(True)
        self.check_in_btn = QPushButton(tr("Arri&vé(e)"))
        self.check_in_btn.setToolTip(
            with_keys(tr("Pointer l'arrivée de la personne sélectionnée"), "Ctrl+Shift+A")
        )
        self.walk_in_btn = QPushButton(tr("Sa&ns rendez-vous…"))
        self.walk_in_btn.setToolTip(
            with_keys(tr("Un jeune venu sans rendez-vous rejoint la file"), "Ctrl+Shift+N")
        )

        self.model: RowsModel[AppointmentView] = RowsModel(
            [
                Column(tr("Heure"), lambda a: f"{a.start:%H:%M}"),
                Column(tr("Jeune"), lambda a: a.youth_name),
                Column(tr("Conseiller"), staff_text),
                Column(tr("Type"), type_text),
                Column(tr("Bureau"), lambda a: a.room_name or "—"),
                Column(tr("Statut"), self._status_text, background=self._status_colour),
                Column(tr("Attente"), self._waiting_text, align_right=True),
            ],
            key=lambda a: a.id,
            parent=self,
        )
        self.proxy = NameFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("arrivalsTable")
        self.table.setAccessibleName(tr("Rendez-vous du jour"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context)
        self.table.activated.connect(lambda _i: self.check_in())

        self.walk_in = WalkInPanel(window, actions, self)
        self.walk_in.hide()
        self.walk_in.finished.connect(self.filter.setFocus)  # the desk's next person

        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addStretch(1)
        top.addWidget(self.walk_in_btn)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.show_done)
        bar.addWidget(self.check_in_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addWidget(self.walk_in)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)

        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        self.show_done.toggled.connect(lambda _on: self.reload())
        self.check_in_btn.clicked.connect(self.check_in)
        self.walk_in_btn.clicked.connect(self.open_walk_in)
        window.bus.changed.connect(self._changed)
        window.actorChanged.connect(lambda _a: self.reload())  # what is shown depends on who reads
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(30_000)  # waiting times move on
        self.reload()

    # --- data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.selected_appointment()
        today = self.window_.now().date()
        day = [
            a
            for a in self.services.booking.day(today, viewer=self.window_.actor)
            if not a.status.is_cancelled
        ]
        # phone, video and outside appointments never come to the desk: not expected here, not late
        rows = [a for a in day if a.mode is Mode.ON_SITE]
        self._summary(rows, remote=sum(1 for a in day if a.mode is not Mode.ON_SITE))
        if not self.show_done.isChecked():
            rows = [a for a in rows if a.status in (Status.BOOKED, Status.ARRIVED)]
        # the waiting room first (longest wait first), then those called in or in interview, then expected
        order = {Step.WAITING: 0, Step.CALLED: 1, Step.IN_INTERVIEW: 2}
        rows.sort(
            key=lambda a: (
                order.get(step_of(a), 3),  # type: ignore[arg-type]
                a.arrived_at.isoformat() if step_of(a) is Step.WAITING and a.arrived_at else "",
                a.start,
                a.youth_name,
            )
        )
        self.model.set_rows(rows)
        if keep is not None:
            self.select(keep.id)

    def _tick(self) -> None:
        self.model.set_rows(self.model.rows())  # same rows: only the waiting times are repainted

    def _summary(self, all_today: list[AppointmentView], *, remote: int = 0) -> None:
        waiting = sum(1 for a in all_today if step_of(a) is Step.WAITING)
        inside = sum(1 for a in all_today if step_of(a) in (Step.CALLED, Step.IN_INTERVIEW))
        expected = sum(1 for a in all_today if a.status is Status.BOOKED)
        seen = sum(1 for a in all_today if a.status is Status.SEEN)
        self.summary.setText(
            tr(
                "{waiting} en salle d'attente · {inside} en entretien · {expected} attendu(s) · {seen} reçu(s)"
            ).format(waiting=waiting, inside=inside, expected=expected, seen=seen)
        )
        self.summary.setToolTip(
            tr(
                "{n} rendez-vous à distance aujourd'hui (téléphone, visio, hors les murs) : pas à l'accueil."
            ).format(n=remote)
            if remote
            else ""
        )

    def _changed(self, changes: object) -> None:
        if concerns(changes, "appointments", "youths", "staff", "config"):
            self.refresh_or_mark()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.reload_if_stale()

    def _filter(self, text: str) -> None:
        self.proxy.set_needle(text)

    # --- texts -----------------------------------------------------------------------------------
    def _status_text(self, a: AppointmentView) -> str:
        now = self.window_.now()
        step = step_of(a)
        if step is Step.IN_INTERVIEW and a.interview_at is not None:
            return tr("en entretien depuis {time}").format(time=f"{self._local(a.interview_at):%H:%M}")
        if step is Step.CALLED and a.called_at is not None:
            return tr("appelé(e) à {time}").format(time=f"{self._local(a.called_at):%H:%M}")
        if a.status is Status.ARRIVED and a.arrived_at is not None:
            return tr("arrivé(e) à {time}").format(time=f"{self._arrival_time(a):%H:%M}")
        if a.status is Status.BOOKED and a.start < now:
            return tr("attendu(e) · en retard de {late}").format(
                late=duration_fr(minutes_between(a.start, now))
            )
        if a.status is Status.BOOKED:
            return tr("attendu(e)")
        return tr(STATUS_FR[a.status])

    def _arrival_time(self, a: AppointmentView) -> datetime:
        assert a.arrived_at is not None
        return local_now(a.arrived_at, self._tz())

    def _local(self, instant: datetime) -> datetime:
        return local_now(instant, self._tz())

    def _tz(self) -> str:
        if self._tz_name is None:
            self._tz_name = self.services.directory.site().timezone
        return self._tz_name

    def _waiting_text(self, a: AppointmentView) -> str:
        """Time in the waiting room: until now while waiting, until called in afterwards."""
        if a.status is Status.ARRIVED and a.arrived_at is not None:
            until = a.called_at or a.interview_at
            end = self._local(until) if until is not None else self.window_.now()
            return duration_fr(minutes_between(self._arrival_time(a), end))
        return ""

    def _status_colour(self, a: AppointmentView) -> str | None:
        if a.status is Status.ARRIVED:
            return "#d8f0de"
        if a.status is Status.BOOKED and a.start < self.window_.now():
            return "#fde9c8"
        if a.status is Status.NO_SHOW:
            return "#f9d6d5"
        return None

    # --- actions ---------------------------------------------------------------------------------
    def selected_appointment(self) -> AppointmentView | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select(self, appointment_id: str) -> bool:
        row = self.model.row_of_key(appointment_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
        return index.isValid()

    def check_in(self) -> bool:
        a = self.selected_appointment()
        if a is None:
            return False
        if a.status is not Status.BOOKED:
            self.window_.status.showMessage(
                tr("{name} : déjà « {status} ».").format(name=a.youth_name, status=tr(STATUS_FR[a.status])),
                5000,
            )
            return False
        ok = self.actions.set_status(a, Status.ARRIVED)
        if ok:
            self.window_.status.showMessage(
                tr("Arrivée de {name} pointée ({who} prévenu(e)).").format(
                    name=a.youth_name, who=staff_text(a)
                ),
                6000,
            )
            self.filter.clear()
        return ok

    def key_help(self) -> list[tuple[str, str]]:
        """Keys of the page that are not actions (F1)."""
        return [
            (tr("lettres du nom puis Entrée"), tr("pointer l'arrivée de la première personne attendue")),
            (keys_text("Down"), tr("du filtre à la liste")),
            (keys_text("Return"), tr("dans la liste : pointer l'arrivée de la personne sélectionnée")),
        ]

    def open_walk_in(self) -> None:
        if not self.window_.can(Perm.BOOK):
            self.window_.prompt.error(self, tr("Votre rôle ne permet pas d'ajouter un jeune à la file."))
            return
        self.window_.show_page("arrivals")
        self.walk_in.start()

    def _context(self, pos) -> None:  # type: ignore[no-untyped-def]
        a = self.selected_appointment()
        if a is not None:
            menu = self.actions.context_menu(a, self)
            menu.popup(self.table.viewport().mapToGlobal(pos))
            self._menu = menu

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.filter and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                first = next(
                    (
                        self.proxy.index(r, 0)
                        for r in range(self.proxy.rowCount())
                        if self.proxy.index(r, 0).data(ROW_ROLE).status is Status.BOOKED
                    ),
                    None,
                )
                if first is not None:
                    self.table.setCurrentIndex(first)
                    self.check_in()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.table.setFocus()
                return True
        return super().eventFilter(obj, event)
