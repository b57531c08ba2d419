"""Reminder calls: the young people booked on the second open day from today who gave no SMS consent,
with their phone numbers, to tick off as reception calls them (the ticks are shared by every
workstation of the site) or to print.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.confidentiality import CONFIDENTIAL_LABEL
from mlplanner.domain.enums import Mode
from mlplanner.domain.labels import MODE_FR, WEEKDAYS_FR
from mlplanner.domain.text import fold
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.booking.impact import Affected
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.followup.service import CallEntry, CallList
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.booking.causes import cause_text
from mlplanner.ui.i18n import locale, tr, weekday_abbr
from mlplanner.ui.shell.bus import ChangeBus, concerns
from mlplanner.ui.shell.keys import keys_text, with_keys
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.widgets.narrow import WrapBar
from mlplanner.ui.widgets.rows_model import ROW_ROLE, Column, RowsModel, compact_rows

DONE_BG = "#E3F1E3"


def _ticked_text(e: CallEntry) -> str:
    if not e.ticked:
        return ""
    return f"{e.ticked_by}" + (f" ({e.ticked_time})" if e.ticked_time else "")


def call_columns(can_tick: Callable[[], bool]) -> list[Column[CallEntry]]:
    done = lambda e: DONE_BG if e.ticked else None  # noqa: E731
    return [
        Column(
            tr("Appelé"),
            lambda e: tr("oui") if e.ticked else "",
            checked=lambda e: e.ticked,
            checkable=lambda _e: can_tick(),
            background=done,
            tooltip=lambda e: (
                tr("Appel noté par {who}").format(who=_ticked_text(e))
                if e.ticked
                else tr("Cocher une fois l'appel passé")
            ),
        ),
        Column(tr("Heure"), lambda e: f"{e.start:%H:%M}", background=done),
        Column(tr("Jeune"), lambda e: e.youth_name, background=done),
        Column(
            tr("Téléphone"),
            lambda e: e.phone or tr("pas de numéro"),
            foreground=lambda e: None if e.phone else "#B02A37",
            background=done,
        ),
        Column(
            tr("Rendez-vous"),
            lambda e: (
                (tr("Rendez-vous confidentiel") if e.type_label == CONFIDENTIAL_LABEL else e.type_label)
                + (
                    ""
                    if e.mode is Mode.ON_SITE or fold(MODE_FR[e.mode])[:5] in fold(e.type_label)
                    else f" ({tr(MODE_FR[e.mode])})"
                )
            ),
            background=done,
        ),
        Column(tr("Conseiller"), lambda e: e.counsellor_name, background=done),
    ]


def notice_columns(can_tick: Callable[[], bool]) -> list[Column[Affected]]:
    done = lambda x: DONE_BG if x.called_by else None  # noqa: E731
    return [
        Column(
            tr("Appelé"),
            lambda x: tr("oui") if x.called_by else "",
            checked=lambda x: bool(x.called_by),
            checkable=lambda _x: can_tick(),
            background=done,
            tooltip=lambda x: tr("Appel noté par {who}").format(who=x.called_by) if x.called_by else "",
        ),
        Column(
            tr("Rendez-vous"),
            lambda x: f"{weekday_abbr(x.appointment.start.weekday())} {x.appointment.start:%d/%m %H:%M}",
            background=done,
        ),
        Column(tr("Jeune"), lambda x: x.appointment.youth_name, background=done),
        Column(
            tr("Téléphone"),
            lambda x: x.phone or tr("pas de numéro"),
            foreground=lambda x: None if x.phone else "#B02A37",
            background=done,
        ),
        Column(tr("Conseiller"), lambda x: x.appointment.counsellor_name, background=done),
        Column(tr("Raison"), cause_text, background=done),
    ]


def print_params(calls: CallList, site_name: str) -> dict:
    """Plain data for the printing layer: no Qt, no ORM objects."""
    return {
        "site": site_name,
        "day": calls.day,
        "title": f"Appels de rappel — rendez-vous du {WEEKDAYS_FR[calls.day.weekday()]} {format_date_fr(calls.day)}",
        "columns": ["Heure", "Jeune", "Téléphone", "Rendez-vous", "Conseiller", "Appelé"],
        "rows": [
            [
                f"{e.start:%H:%M}",
                e.youth_name,
                e.phone or "pas de numéro",
                e.type_label,
                e.counsellor_name,
                "oui" if e.ticked else "",
            ]
            for e in calls.entries
        ],
        "appointment_ids": [e.appointment_id for e in calls.entries],
    }


class CallTable(QTableView):
    """Space ticks (or unticks) the current line, whichever column has the focus."""

    spacePressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.spacePressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class CallListPage(QWidget):
    youthRequested = Signal(str)
    printRequested = Signal(str, dict)
    bookingRequested = Signal(dict)  # the booking dialog for the young person called

    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        actor: Callable[[], Actor],
        *,
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.ops = services, actor, ops
        self.calls: CallList | None = None
        self.setObjectName("callListPage")

        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setLocale(locale())  # the weekday in the UI's language (QLocale of the language)
        self.day.setDisplayFormat("dddd dd/MM/yyyy")
        self.day.setAccessibleName(tr("Jour des rendez-vous à rappeler"))
        self.day.setMinimumWidth(180)
        self.default_button = QPushButton(tr("Jour à appeler aujourd'hui"))
        self.default_button.setToolTip(tr("Le deuxième jour d'ouverture à partir d'aujourd'hui"))
        self.book_button = QPushButton(tr("Rendez-&vous pour ce jeune…"))
        self.book_button.setObjectName("bookForYouth")
        self.book_button.setToolTip(
            with_keys(tr("Prendre (ou reprendre) un rendez-vous pour le jeune sélectionné"), "Ctrl+N")
        )
        self.book_button.clicked.connect(self.book)
        self.print_button = QPushButton(tr("Imprimer la liste…"))
        self.print_button.setShortcut("Ctrl+P")  # on this page Ctrl+P prints the list (no slip here)
        self.print_button.setToolTip(with_keys(tr("Imprimer la liste d'appels"), "Ctrl+P"))
        self.summary = QLabel()
        self.summary.setObjectName("callSummary")
        self.hint = QLabel(
            tr(
                "Jeunes sans accord pour les SMS : cochez la case (ou Espace) une fois l'appel passé. "
                "Double-clic : ouvrir le dossier."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555;")

        self.model: RowsModel[CallEntry] = RowsModel(
            call_columns(lambda: allowed(self.actor(), Perm.BOOK)),
            key=lambda e: e.appointment_id,
            on_check=self._tick,
        )
        self.table = CallTable()
        self.table.setAccessibleName(tr("Jeunes à appeler"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_index)
        self.table.spacePressed.connect(self.toggle_current)

        # the young people to tell about a change (an absence, a closure, a holiday over their appointment)
        self.notices_label = QLabel()
        self.notices_label.setObjectName("noticesLabel")
        self.notices_label.setWordWrap(True)
        self.notices_model: RowsModel[Affected] = RowsModel(
            notice_columns(lambda: allowed(self.actor(), Perm.BOOK)),
            key=lambda x: x.appointment.id,
            on_check=self._called,
        )
        self.notices = CallTable()
        self.notices.setObjectName("noticesTable")
        self.notices.setAccessibleName(tr("Jeunes à prévenir d'un changement"))
        self.notices.setModel(self.notices_model)
        self.notices.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.notices.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.notices.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notices.verticalHeader().hide()
        compact_rows(self.notices)
        self.notices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.notices.horizontalHeader().setStretchLastSection(True)
        self.notices.setMaximumHeight(self.fontMetrics().height() * 10)
        self.notices.doubleClicked.connect(
            lambda i: self.youthRequested.emit(self.notices_model.row_at(i.row()).appointment.youth_id)
        )
        self.notices.spacePressed.connect(self._toggle_notice)

        # the buttons go to a second row when the page is narrow (150 % scaling)
        top = WrapBar(
            [QLabel(tr("Rendez-vous du")), self.day, self.default_button],
            None,
            [self.book_button, self.print_button],
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addWidget(top)
        lay.addWidget(self.notices_label)
        lay.addWidget(self.notices)
        lay.addWidget(self.summary)
        lay.addWidget(self.hint)
        lay.addWidget(self.table, 1)

        self.go_to_call_day()
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.default_button.clicked.connect(self.go_to_call_day)
        self.print_button.clicked.connect(self.print_list)
        bus.changed.connect(self._on_changed)

    def key_help(self) -> list[tuple[str, str]]:
        """Keys of the page that are not actions (F1)."""
        return [
            (keys_text("Space"), tr("cocher (ou décocher) l'appel de la ligne sélectionnée")),
            (tr("double-clic"), tr("ouvrir le dossier du jeune")),
        ]

    def selected_day(self) -> date:
        return self.day.date().toPython()  # type: ignore[no-any-return]

    def go_to_call_day(self) -> None:
        target = self.services.followup.call_day()
        if self.day.date().toPython() == target:
            self.refresh()
        else:
            self.day.setDate(QDate(target.year, target.month, target.day))
            self.refresh()

    def refresh(self) -> None:
        self.refresh_notices()
        calls = self.services.followup.call_list(day=self.selected_day())
        self.calls = calls
        self.model.set_rows(calls.entries)
        done = sum(1 for e in calls.entries if e.ticked)
        missing = sum(1 for e in calls.entries if not e.phone)
        text = tr("<b>{count}</b> jeune(s) à appeler · <b>{done}</b> appelé(s)").format(
            count=len(calls.entries), done=done
        )
        if missing:
            text += (
                " · <span style='color:#B02A37'>"
                + tr("{count} sans numéro").format(count=missing)
                + "</span>"
            )
        self.summary.setText(text)
        self.print_button.setEnabled(bool(calls.entries))

    def refresh_notices(self) -> None:
        rows = self.services.impact.call_notices()
        self.notices_model.set_rows(rows)
        waiting = sum(1 for x in rows if not x.called_by)
        self.notices_label.setText(
            tr(
                "<b>À prévenir d'un changement</b> (absence, fermeture, jour férié) : {n} jeune(s) à appeler, "
                "puis déplacer ou annuler leur rendez-vous."
            ).format(n=waiting)
        )
        for w in (self.notices_label, self.notices):
            w.setVisible(bool(rows))

    def _called(self, x: Affected, done: bool) -> None:
        self.ops.run(
            lambda: self.services.impact.mark_called(
                actor=self.actor(), appointment_id=x.appointment.id, done=done
            ),
            parent=self,
        )

    def _toggle_notice(self) -> None:
        index = self.notices.currentIndex()
        if index.isValid() and allowed(self.actor(), Perm.BOOK):
            x: Affected = index.data(ROW_ROLE)
            self._called(x, not x.called_by)

    def _on_changed(self, changes: object) -> None:
        if concerns(changes, "calls", "appointments", "youths", "config", "staff"):
            self.refresh()

    def _tick(self, entry: CallEntry, done: bool) -> None:
        self.ops.run(
            lambda: self.services.followup.tick_call(
                actor=self.actor(), appointment_id=entry.appointment_id, done=done
            ),
            parent=self,
        )

    def toggle_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and allowed(self.actor(), Perm.BOOK):
            entry: CallEntry = index.data(ROW_ROLE)
            self._tick(entry, not entry.ticked)

    def booking_prefill(self) -> dict:
        """Ctrl+N on this page books for the young person selected."""
        index = self.table.currentIndex()
        entry = index.data(ROW_ROLE) if index.isValid() else None
        return {"youth_id": entry.youth_id} if entry is not None else {}

    def book(self) -> None:
        self.bookingRequested.emit(self.booking_prefill())

    def _open_index(self, index) -> None:  # type: ignore[no-untyped-def]
        entry = index.data(ROW_ROLE)
        if entry is not None:
            self.youthRequested.emit(entry.youth_id)

    def print_list(self) -> None:
        if self.calls is None or not self.calls.entries:
            return
        self.printRequested.emit("calls", print_params(self.calls, self.services.directory.site().name))
