"""The site's day page: a navigation bar and the schedule grid (counsellors or rooms as columns)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.domain.models import AppointmentView
from mlplanner.services.schedule.model import SiteFrame
from mlplanner.ui.booking.actions import AppointmentActions
from mlplanner.ui.dayview.data import load_day
from mlplanner.ui.dayview.grid import COUNSELLOR, ROOM, Grid
from mlplanner.ui.dayview.model import DayModel
from mlplanner.ui.dayview.table import ScheduleTable
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import StaleWhileHidden, concerns
from mlplanner.ui.shell.keys import keys_text, with_keys
from mlplanner.ui.widgets.narrow import ElidedLabel, WrapBar

if TYPE_CHECKING:
    from mlplanner.ui.shell.main_window import MainWindow

BookingOpener = Callable[[dict[str, Any]], object]
WeekOpener = Callable[[str, str, date], None]


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def long_date(d: date) -> str:
    """ "lundi 1 mars 2027" in the UI language (QLocale: French by default)."""
    return QLocale().toString(to_qdate(d), "dddd d MMMM yyyy")


class Notice(QLabel):
    """A non-modal message line above a grid (a refused drag, a closed slot); hides itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setWordWrap(True)
        self.setAccessibleName(tr("Message"))
        self.setStyleSheet(
            "QLabel#notice { background: #fdecea; color: #8a1010; border: 1px solid #f5c2c0;"
            " border-radius: 4px; padding: 6px 10px; }"
        )
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_message(self, text: str, *, ms: int = 12_000) -> None:
        self.setText(text)
        self.show()
        self._timer.start(ms)


def legend() -> QLabel:
    """How a block shows its status (shape and sign, not colour alone)."""
    label = QLabel(
        tr(
            "Légende : cadre vert épais ● arrivé(e) · grisé ✓ reçu(e) · pointillés rouges ✗ absent(e) · "
            "cadre rouge ⚠ double rendez-vous · fond rose ⚠ à traiter (absence, fermeture, férié) · "
            "pointillés orange ☎ sur la liste d'appels · hachures : fermé, non travaillé ou absence"
        )
    )
    label.setObjectName("scheduleLegend")
    label.setStyleSheet("QLabel#scheduleLegend { color: #555555; padding: 2px 4px; }")
    label.setWordWrap(True)
    return label


class SchedulePage(StaleWhileHidden, QWidget):
    """What the day and week pages share: the grid, its menu, moves, bookings from a free cell."""

    def __init__(
        self,
        window: MainWindow,
        actions: AppointmentActions,
        *,
        open_booking: BookingOpener,
    ) -> None:
        super().__init__()
        self.window_ = window
        self.services = window.services
        self.actions = actions
        self.open_booking = open_booking
        self._frame: SiteFrame | None = None
        self.model = DayModel(self)
        self.table = ScheduleTable(self.model, window.now, self)
        self.notice = Notice(self)
        self.model.moveRequested.connect(self._move_requested)
        self.table.moveChosen.connect(self._move_chosen)
        self.table.cellActivated.connect(self._activated)
        self.table.contextRequested.connect(self._context)
        move = QAction(tr("Déplacer le rendez-vous sélectionné (puis la case, Entrée)"), self)
        move.setShortcut(QKeySequence("Ctrl+X"))
        move.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        move.triggered.connect(self.start_move)
        self.table.addAction(move)
        window.bus.changed.connect(self._changed)
        window.actorChanged.connect(lambda _a: self.reload())

    def _tool(self, text: str, what: str, shortcut: str, slot: Callable[[], None]) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(with_keys(what, shortcut))
        b.setAccessibleName(what)
        b.clicked.connect(slot)
        self.page_shortcut(shortcut, slot, what)
        return b

    def page_shortcut(self, shortcut: str, slot: Callable[[], object], what: str) -> QAction:
        """A shortcut active while this page is shown (the other pages' same keys stay asleep);
        `what` it does is what F1 says."""
        action = QAction(what, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def key_help(self) -> list[tuple[str, str]]:
        """Keys of the grid that are not actions (F1)."""
        return [
            (tr("flèches"), tr("aller de case en case")),
            (
                keys_text("Return"),
                tr("sur une case libre : un rendez-vous à cette heure ; sur un rendez-vous : ses actions"),
            ),
            (f"{keys_text('Menu')} / {keys_text('Shift+F10')}", tr("actions du rendez-vous sélectionné")),
            (
                keys_text("Ctrl+X"),
                tr("déplacer : choisir la case avec les flèches, puis Entrée (Échap pour renoncer)"),
            ),
            (keys_text("Tab"), tr("quitter la grille pour la commande suivante")),
        ]

    # --- data ------------------------------------------------------------------------------------
    @property
    def frame(self) -> SiteFrame:
        if self._frame is None:
            self._frame = self.services.schedule.frame()
        return self._frame

    def load_grid(self) -> Grid:
        raise NotImplementedError

    def reload(self) -> None:
        """Reload from the services; the selected appointment (or cell: same time, same column) and the
        scroll position stay put, even when the grid's shape changed."""
        keep = self.table.current_appointment()
        cur = self.table.currentIndex()
        spot = None
        if cur.isValid() and self.model.grid.columns:
            start, _kind, _rid = self.model.slot_at(cur.row(), cur.column())
            spot = (start, self.model.grid.columns[cur.column()].key)
        scroll = self.table.verticalScrollBar().value(), self.table.horizontalScrollBar().value()
        self.model.set_grid(self.load_grid())
        grid = self.model.grid
        if keep is not None and self.table.select_appointment(keep.id):
            pass
        elif spot is not None:
            col = next((i for i, c in enumerate(grid.columns) if c.key == spot[1]), None)
            row = int(grid.row_of(spot[0]))
            if col is not None and 0 <= row < grid.rows:
                self.table.setCurrentIndex(self.model.index(row, col))
        self.table.verticalScrollBar().setValue(scroll[0])
        self.table.horizontalScrollBar().setValue(scroll[1])

    def _changed(self, changes: object) -> None:
        if concerns(changes, "config", "staff"):
            self._frame = None
        if concerns(changes, "appointments", "youths", "config", "staff", "workshops"):
            self.refresh_or_mark()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.reload_if_stale()

    def selected_appointment(self) -> AppointmentView | None:
        return self.table.current_appointment()

    # --- actions ---------------------------------------------------------------------------------
    def _activated(self, row: int, col: int) -> None:
        a = self.model.appointment_at(row, col)
        if a is not None:
            rect = self.table.visualRect(self.model.index(row, col))
            self._context(a, self.table.viewport().mapToGlobal(rect.center()))
            return
        start, kind, resource_id = self.model.slot_at(row, col)
        shade = self.model.grid.shade_at(row, col)
        if shade:
            self.notice.show_message(
                tr("Créneau indisponible ({reason}) : choisissez une case blanche.").format(
                    reason=shade.lower()
                ),
                ms=5000,
            )
            return
        prefill: dict[str, Any] = {"start": start}
        if kind in (COUNSELLOR, ROOM):  # not the "Sans salle" column of the view by room
            prefill["counsellor" if kind == COUNSELLOR else "room"] = resource_id
        self.open_booking(prefill)

    def _context(self, a: AppointmentView, pos: QPoint) -> None:
        menu = self.actions.context_menu(a, self, on_move=self.start_move)
        menu.popup(pos)
        self._menu = menu  # kept alive while shown; tests reach it here

    def start_move(self) -> None:
        a = self.table.current_appointment()
        if a is None or not self.actions.can_change(a):
            self.notice.show_message(
                tr("Sélectionnez un rendez-vous encore prévu pour le déplacer."), ms=5000
            )
            return
        self.table.start_move(a)
        self.window_.status.showMessage(
            tr(
                "Déplacement de {name} : choisissez la nouvelle case puis Entrée (Échap pour renoncer)."
            ).format(name=a.youth_name),
            15000,
        )

    def _move_chosen(self, appointment_id: str, row: int, col: int) -> None:
        self.model.request_move(appointment_id, row, col)

    def _move_requested(self, appointment_id: str, start: datetime, kind: str, resource_id: str) -> None:
        block = self.model.grid.find(appointment_id)
        if block is None or block.appointment is None:
            return
        a = block.appointment
        ok = self.actions.move(
            a,
            start=start,
            counsellor=resource_id if kind == COUNSELLOR else None,
            room=resource_id if kind == ROOM else None,
            on_error=self._refused,
        )
        if ok:
            self.notice.hide()
            self.table.select_appointment(a.id)
            self.window_.status.showMessage(
                tr("Rendez-vous de {name} déplacé à {time}.").format(
                    name=a.youth_name, time=f"{start:%H:%M}"
                ),
                5000,
            )

    def _refused(self, exc: DomainError) -> None:
        self.notice.show_message(tr("Déplacement refusé : {reason}").format(reason=refusal_text(exc)))


class DayPage(SchedulePage):
    def __init__(
        self,
        window: MainWindow,
        actions: AppointmentActions,
        *,
        open_booking: BookingOpener,
        open_week: WeekOpener | None = None,
    ) -> None:
        super().__init__(window, actions, open_booking=open_booking)
        self.setObjectName("dayPage")
        self.open_week = open_week
        self.kind = COUNSELLOR
        self.day = window.now().date()
        self.table.setAccessibleName(tr("Planning du jour"))

        self.prev_btn = self._tool(tr("◀"), tr("Jour précédent"), "Alt+Left", lambda: self.shift(-1))
        self.today_btn = QPushButton(tr("Aujourd'&hui"))
        self.today_btn.setToolTip(with_keys(tr("Revenir à aujourd'hui"), "Alt+Home"))
        self.today_btn.clicked.connect(self.go_today)
        self.page_shortcut("Alt+Home", self.go_today, tr("Revenir à aujourd'hui"))
        self.next_btn = self._tool(tr("▶"), tr("Jour suivant"), "Alt+Right", lambda: self.shift(1))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setAccessibleName(tr("Date affichée"))
        self.date_edit.setToolTip(with_keys(tr("Aller à une date"), "Ctrl+G"))
        self.date_edit.dateChanged.connect(lambda q: self.set_day(from_qdate(q)))
        self.page_shortcut(
            "Ctrl+G", lambda: (self.date_edit.setFocus(), self.date_edit.selectAll()), tr("Aller à une date")
        )
        self.title = ElidedLabel(least_chars=8)
        self.title.setObjectName("dayTitle")
        self.title.setStyleSheet("QLabel#dayTitle { font-size: 15pt; font-weight: 600; padding-left: 8px; }")
        self.by_counsellor = QPushButton(tr("&Conseillers"))
        self.by_room = QPushButton(tr("&Bureaux"))
        group = QButtonGroup(self)
        for b in (self.by_counsellor, self.by_room):
            b.setCheckable(True)
            group.addButton(b)
        self.by_counsellor.setChecked(True)
        self.by_counsellor.setToolTip(tr("Une colonne par conseiller"))
        self.by_room.setToolTip(tr("Une colonne par bureau ou salle"))
        self.by_counsellor.toggled.connect(lambda on: on and self.set_kind(COUNSELLOR))
        self.by_room.toggled.connect(lambda on: on and self.set_kind(ROOM))
        self.week_btn = QPushButton(tr("&Semaine"))
        self.week_btn.setToolTip(tr("Semaine de la colonne sélectionnée"))
        self.week_btn.clicked.connect(self._open_week)
        self.book_btn = QPushButton(tr("&Nouveau rendez-vous…"))
        self.book_btn.setToolTip(with_keys(tr("Prendre un rendez-vous"), "Ctrl+N"))
        self.book_btn.clicked.connect(lambda: self.open_booking({}))
        bar = WrapBar(  # the view buttons go to a second row when the page is narrow (150 % scaling)
            [self.prev_btn, self.today_btn, self.next_btn, self.date_edit],
            self.title,
            [self.by_counsellor, self.by_room, self.week_btn, self.book_btn],
        )

        # appointments of this day an absence, closure or holiday leaves in the way
        self.attention = QFrame()
        self.attention.setObjectName("attentionBanner")
        self.attention.setStyleSheet(
            "QFrame#attentionBanner { background: #fde2e1; border: 1px solid #e6a39e; border-radius: 4px; }"
        )
        self.attention_text = QLabel()
        self.attention_text.setWordWrap(True)
        self.attention_text.setAccessibleName(tr("Rendez-vous à traiter"))
        self.attention_btn = QPushButton(tr("Tra&iter…"))
        self.attention_btn.setToolTip(
            tr("Déplacer, passer au téléphone, annuler ou mettre sur la liste d'appels")
        )
        self.attention_btn.clicked.connect(self.deal_with_attention)
        banner = QHBoxLayout(self.attention)
        banner.setContentsMargins(10, 4, 10, 4)
        banner.addWidget(self.attention_text, 1)
        banner.addWidget(self.attention_btn)
        self.attention.hide()

        # a new site has rooms but nobody to book with yet: say where staff are added, not a blank grid
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("dayEmptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet(
            "QLabel#dayEmptyHint { background: #e8f0fb; border: 1px solid #a9c1e6; border-radius: 4px;"
            " padding: 6px 10px; }"
        )
        self.empty_hint.hide()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addWidget(bar)
        lay.addWidget(self.attention)
        lay.addWidget(self.empty_hint)
        lay.addWidget(self.notice)
        lay.addWidget(self.table, 1)
        lay.addWidget(legend())

        self.set_day(self.day, force=True)
        self.table.scroll_when_laid_out(window.now)

    # --- navigation ------------------------------------------------------------------------------
    def set_day(self, day: date, *, force: bool = False) -> None:
        if day == self.day and not force:
            return
        previous, self.day = self.day, day
        try:
            self.reload()
        except DomainError:  # the base could not be read (server gone): the page keeps the day it shows
            self.day = previous
            self._show_date()
            raise
        self._show_date()

    def _show_date(self) -> None:
        day = self.day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(to_qdate(day))
        self.date_edit.blockSignals(False)
        today = self.window_.now().date()
        suffix = tr(" (aujourd'hui)") if day == today else ""
        text = long_date(day)
        self.title.setText(text[:1].upper() + text[1:] + suffix)

    def shift(self, days: int) -> None:
        self.set_day(self.day + timedelta(days=days))

    def go_today(self) -> None:
        self.set_day(self.window_.now().date())
        self.table.scroll_to_time(self.window_.now())

    def set_kind(self, kind: str) -> None:
        if kind != self.kind:
            self.kind = kind
            self.reload()

    def load_grid(self) -> Grid:
        return load_day(self.services, self.frame, self.day, self.kind, viewer=self.window_.actor)

    def reload(self) -> None:
        super().reload()
        self._show_attention()
        self._show_empty_hint()

    def _show_empty_hint(self) -> None:
        if self.model.grid.columns:
            self.empty_hint.hide()
            return
        self.empty_hint.setText(
            tr(
                "Personne n'a encore de planning sur ce site : ajoutez les conseillers dans "
                "Paramètres › Personnel (un par un, ou « Importer une liste… »), avec leurs jours de travail."
            )
            if self.kind == COUNSELLOR
            else tr(
                "Aucune salle n'est encore enregistrée sur ce site : ajoutez-les dans Paramètres › Salles."
            )
        )
        self.empty_hint.show()

    def _show_attention(self) -> None:
        blocks = [b for b in self.model.grid.blocks if b.attention and b.appointment is not None]
        todo = len({b.appointment.id for b in blocks if b.attention == "todo" and b.appointment})
        calls = len({b.appointment.id for b in blocks if b.attention == "call" and b.appointment})
        if not todo and not calls:
            self.attention.hide()
            return
        # pink while some are left to deal with; amber once all are on the call list
        self.attention.setStyleSheet(
            "QFrame#attentionBanner { background: %s; border: 1px solid %s; border-radius: 4px; }"
            % (("#fde2e1", "#e6a39e") if todo else ("#fff4d6", "#e8c66a"))
        )
        text = (
            tr(
                "⚠ {n} rendez-vous de ce jour sont touchés par une absence, une fermeture ou un jour férié."
            ).format(n=todo)
            if todo
            else ""
        )
        if calls:
            text += (" " if text else "") + tr("☎ {n} sur la liste d'appels.").format(n=calls)
        self.attention_text.setText(text)
        self.attention.show()

    def deal_with_attention(self) -> None:
        self.window_.attentionRequested.emit({"start": self.day, "end": self.day})

    def _open_week(self) -> None:
        if self.open_week is None:
            return
        col = self.table.currentIndex().column()
        if col < 0 and self.model.columnCount():
            col = 0
        if col < 0:
            return
        column = self.model.grid.columns[col]
        if column.kind in (COUNSELLOR, ROOM):
            self.open_week(column.kind, column.resource_id, self.day)
