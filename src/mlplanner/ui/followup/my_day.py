"""A counsellor's day: today's list with live arrival status, outcomes and a short note, and a banner
for past appointments still "to fill in".

The logged-in counsellor sees their own day; a site lead or receptionist can pick a counsellor. Outcomes
(reçu, absent, excusé) are undoable commands; the services refuse outcomes on a colleague's appointment
(site leads excepted), and the buttons are greyed out accordingly.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.arrivals import Step, step_of, waited_minutes
from mlplanner.domain.confidentiality import redact
from mlplanner.domain.enums import Role, Status
from mlplanner.domain.errors import DomainError
from mlplanner.domain.labels import MODE_FR, STATUS_FR
from mlplanner.domain.models import AppointmentView
from mlplanner.domain.wallclock import local_now
from mlplanner.services.permissions import Perm
from mlplanner.ui.dayview.model import mode_suffix
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.bus import StaleWhileHidden, concerns
from mlplanner.ui.shell.keys import keys_text
from mlplanner.ui.widgets.appointment_text import staff_text, type_text
from mlplanner.ui.widgets.rows_model import ROW_ROLE, Column, RowsModel

if TYPE_CHECKING:
    from mlplanner.ui.booking.actions import AppointmentActions
    from mlplanner.ui.shell.main_window import MainWindow

NOTE_MAX = 500


def _note_text(a: AppointmentView) -> str:
    """A list shows no note of a confidential appointment: it is read in the detail panel (audited)."""
    if a.confidential and a.notes:
        return tr("note confidentielle : sélectionnez le rendez-vous")
    return a.notes.replace("\n", " ")


class MyDayPage(StaleWhileHidden, QWidget):
    def __init__(self, window: MainWindow, actions: AppointmentActions) -> None:
        super().__init__()
        self.setObjectName("myDayPage")
        self.window_ = window
        self.services = window.services
        self.appointment_actions = actions
        self.mode = "today"  # or "to_fill_in"
        self._opened_today: set[tuple[str, str, str, date]] = set()  # confidential ones opened here
        self._tz = self.services.directory.site().timezone
        # the note editor always shows the note of one appointment, never carried to the next one
        self._note_id: str | None = None
        self._drafts: dict[str, str] = {}  # typed but not saved yet, per appointment id

        self.who = QComboBox()
        self.who.setAccessibleName(tr("Conseiller"))
        self.who.setMinimumContentsLength(20)
        self.title = QLabel()
        self.title.setObjectName("myDayTitle")
        self.title.setStyleSheet("QLabel#myDayTitle { font-size: 15pt; font-weight: 600; }")
        self.banner = QFrame()
        self.banner.setObjectName("toFillBanner")
        self.banner.setStyleSheet(
            "QFrame#toFillBanner { background: #fff4d6; border: 1px solid #e8c66a; border-radius: 4px; }"
        )
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)  # 200 % text: the sentence wraps, the page keeps its width
        self.banner_text.setAccessibleName(tr("Rendez-vous à compléter"))
        self.banner_btn = QPushButton(tr("&Compléter"))
        self.banner_btn.clicked.connect(self.toggle_mode)
        bl = QHBoxLayout(self.banner)
        bl.setContentsMargins(10, 6, 10, 6)
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.banner_btn)
        self.banner.hide()

        self.model: RowsModel[AppointmentView] = RowsModel(
            [
                Column(tr("Date"), lambda a: f"{a.start:%d/%m}"),
                Column(tr("Heure"), lambda a: f"{a.start:%H:%M}–{a.end:%H:%M}"),
                Column(tr("Jeune"), lambda a: a.youth_name),
                Column(
                    "Type",
                    lambda a: type_text(a) + mode_suffix(a, " — "),
                ),
                Column(tr("Statut"), self._status_text, background=self._status_colour),
                Column(tr("Note"), _note_text),
            ],
            key=lambda a: a.id,
            parent=self,
        )
        self.table = QTableView()
        self.table.setObjectName("myDayTable")
        self.table.setAccessibleName(tr("Mes rendez-vous"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context)
        self.table.doubleClicked.connect(self._open_file)

        # detail / outcome panel
        self.detail = QLabel(tr("Sélectionnez un rendez-vous."))
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAccessibleName(tr("Rendez-vous sélectionné"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("outcomeNote")
        self.note.setAccessibleName(tr("Note d'entretien"))
        self.note.setPlaceholderText(tr("Note courte (facultatif) : démarches, prochaine étape…"))
        self.note.setTabChangesFocus(True)
        self.note.installEventFilter(self)  # Ctrl+Z with no typing to undo: the last outcome
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.seen_btn = QPushButton(tr("Reç&u(e)"))
        self.no_show_btn = QPushButton(tr("A&bsent(e)"))
        self.excused_btn = QPushButton(tr("E&xcusé(e)"))
        self.save_note_btn = QPushButton(tr("Enre&gistrer la note"))
        # the waiting room steps: the young person is called in, then in interview
        self.call_btn = QPushButton(tr("A&ppeler"))
        self.call_btn.setObjectName("callInButton")
        self.call_btn.setAccessibleDescription(
            tr("Vous allez chercher le jeune en salle d'attente : il quitte la liste d'attente")
        )
        self.interview_btn = QPushButton(tr("En entret&ien"))
        self.interview_btn.setObjectName("interviewButton")
        self.interview_btn.setAccessibleDescription(tr("L'entretien a commencé"))
        self.call_btn.clicked.connect(lambda: self.step(Step.CALLED))
        self.interview_btn.clicked.connect(lambda: self.step(Step.IN_INTERVIEW))
        for b, status, tip in (
            (self.seen_btn, Status.SEEN, "Ctrl+Shift+R"),
            (self.no_show_btn, Status.NO_SHOW, "Ctrl+Shift+B"),
            (self.excused_btn, Status.EXCUSED, "Ctrl+Shift+E"),
        ):
            b.setToolTip(tr("Enregistrer l'issue avec la note ({keys})").format(keys=keys_text(tip)))
            b.clicked.connect(lambda _=False, s=status: self.record(s))
        self.save_note_btn.clicked.connect(self.save_note)
        side = QWidget()
        grid = QGridLayout(side)
        grid.setContentsMargins(8, 0, 0, 0)
        grid.addWidget(self.detail, 0, 0, 1, 3)
        note_label = QLabel(tr("&Note :"))
        note_label.setBuddy(self.note)
        grid.addWidget(note_label, 1, 0, 1, 3)
        grid.addWidget(self.note, 2, 0, 1, 3)
        grid.addWidget(self.seen_btn, 3, 0)
        grid.addWidget(self.no_show_btn, 3, 1)
        grid.addWidget(self.excused_btn, 3, 2)
        grid.addWidget(self.save_note_btn, 4, 0, 1, 3)
        steps = QHBoxLayout()
        steps.addWidget(self.call_btn)
        steps.addWidget(self.interview_btn)
        grid.addLayout(steps, 5, 0, 1, 3)
        grid.setRowStretch(6, 1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        who_label = QLabel(tr("Con&seiller :"))
        who_label.setBuddy(self.who)
        top.addWidget(who_label)
        top.addWidget(self.who)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        # workshop sessions this person facilitates today (they are not appointments: listed apart)
        self.sessions = QLabel()
        self.sessions.setObjectName("myDaySessions")
        self.sessions.setAccessibleName(tr("Ateliers animés aujourd'hui"))
        self.sessions.setWordWrap(True)
        self.sessions.hide()
        lay.addWidget(self.sessions)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.who.currentIndexChanged.connect(lambda _i: self.reload())
        window.bus.changed.connect(self._changed)
        window.actorChanged.connect(lambda _a: self._fill_who())
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.model.set_rows(self.model.rows()))
        self._timer.start(30_000)
        self._fill_who()

    # --- who and what ----------------------------------------------------------------------------
    def _fill_who(self) -> None:
        actor = self.window_.actor
        self.who.blockSignals(True)
        self.who.clear()
        staff = self.services.directory.bookable_staff()
        for s in staff:
            self.who.addItem(s.display_name, s.id)
        i = self.who.findData(actor.id)
        if i < 0:  # not someone who receives youths: start with the first counsellor
            i = next((k for k, s in enumerate(staff) if s.role is Role.COUNSELLOR), 0)
        self.who.setCurrentIndex(i)
        # a counsellor sees their own day; others choose
        self.who.setEnabled(actor.role is not Role.COUNSELLOR)
        self.who.blockSignals(False)
        self.reload()

    @property
    def counsellor_id(self) -> str | None:
        return self.who.currentData()

    def toggle_mode(self) -> None:
        self.mode = "today" if self.mode == "to_fill_in" else "to_fill_in"
        self.reload()

    def reload(self) -> None:
        keep = self.selected_appointment()
        cid = self.counsellor_id
        if cid is None:
            self.model.set_rows([])
            return
        to_fill = self.services.booking.to_fill_in(counsellor=cid, viewer=self.window_.actor)
        now = self.window_.now()
        if self.mode == "to_fill_in":
            rows = to_fill
            self.title.setText(tr("Rendez-vous passés à compléter"))
        else:
            rows = [
                a
                for a in self.services.booking.day(now.date(), counsellor=cid, viewer=self.window_.actor)
                if not a.status.is_cancelled
            ]
            self.title.setText(tr("Ma journée — {name}").format(name=self.who.currentText()))
        rows.sort(key=lambda a: a.start)
        self.model.set_rows(rows)
        self._show_sessions(cid, now.date())
        self.table.setColumnHidden(0, self.mode == "today")
        older = [a for a in to_fill if a.start.date() < now.date()]
        if self.mode == "to_fill_in":
            self.banner_text.setText(
                tr("{n} rendez-vous passé(s) attendent leur issue (reçu, absent ou excusé).").format(
                    n=len(to_fill)
                )
            )
            self.banner_btn.setText(tr("Retour à &la journée"))
            self.banner.show()
        elif to_fill:
            text = (
                tr(
                    "⚠ {n} rendez-vous passé(s) sont encore « à compléter », dont {older} des jours précédents : "
                    "indiquez s'ils ont été reçus, absents ou excusés."
                )
                if older
                else tr(
                    "⚠ {n} rendez-vous passé(s) sont encore « à compléter » : "
                    "indiquez s'ils ont été reçus, absents ou excusés."
                )
            )
            self.banner_text.setText(text.format(n=len(to_fill), older=len(older)))
            self.banner_btn.setText(tr("&Compléter"))
            self.banner.show()
        else:
            self.banner.hide()
        if keep is not None:
            row = self.model.row_of_key(keep.id)
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, 2))
        elif self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(self._first_actionable(), 2))
        self._selection_changed()

    def _show_sessions(self, staff_id: str, day: date) -> None:
        workshops = getattr(self.services, "workshops", None)
        sessions = (
            workshops.sessions_between(day, day, facilitator=staff_id, include_cancelled=False)
            if workshops and self.mode == "today"
            else []
        )
        if not sessions:
            self.sessions.hide()
            return
        items = [
            tr("{start}–{end} {title} ({room}, {n}/{cap} inscrits)").format(
                start=f"{x.start:%H:%M}",
                end=f"{x.end:%H:%M}",
                title=x.title,
                room=x.room_name or tr("sans salle"),
                n=x.confirmed,
                cap=x.capacity,
            )
            for x in sessions
        ]
        self.sessions.setText(tr("Ateliers animés aujourd'hui : ") + " ; ".join(items))
        self.sessions.show()

    def _first_actionable(self) -> int:
        """The row to start with: whoever is waiting, else the next one still expected, else the first."""
        rows = self.model.rows()
        for wanted in (Status.ARRIVED, Status.BOOKED):
            for i, a in enumerate(rows):
                if a.status is wanted:
                    return i
        return 0

    def _changed(self, changes: object) -> None:
        if concerns(changes, "appointments", "youths", "staff"):
            self.refresh_or_mark()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload_if_stale()

    # --- texts -----------------------------------------------------------------------------------
    def _arrived_at(self, a: AppointmentView) -> str:
        return f"{local_now(a.arrived_at, self._tz):%H:%M}" if a.arrived_at else ""

    def _status_text(self, a: AppointmentView) -> str:
        now = self.window_.now()
        step = step_of(a)
        if step is Step.IN_INTERVIEW and a.interview_at is not None:
            return tr("◆ en entretien depuis {time}").format(
                time=f"{local_now(a.interview_at, self._tz):%H:%M}"
            )
        if step is Step.CALLED and a.called_at is not None:
            return tr("◆ appelé(e) à {time} — a attendu {minutes} min").format(
                time=f"{local_now(a.called_at, self._tz):%H:%M}",
                minutes=waited_minutes(a, self.services.ctx.clock.now_utc()),
            )
        if a.status is Status.ARRIVED and a.arrived_at is not None:
            waited = max(0, int((now - local_now(a.arrived_at, self._tz)).total_seconds() // 60))
            return tr("● arrivé(e) à {time} — attend depuis {minutes} min").format(
                time=self._arrived_at(a), minutes=waited
            )
        if a.status is Status.BOOKED and a.end <= now:
            return tr("à compléter")
        if a.status is Status.BOOKED and a.start < now:
            late = int((now - a.start).total_seconds() // 60)
            return tr("prévu — en retard de {minutes} min").format(minutes=late)
        if a.status is Status.BOOKED:
            return tr("prévu — pas encore arrivé(e)")
        return tr(STATUS_FR[a.status])

    def _status_colour(self, a: AppointmentView) -> str | None:
        if a.status is Status.ARRIVED:
            return "#d8f0de"
        if a.status is Status.BOOKED and a.end <= self.window_.now():
            return "#fff4d6"
        if a.status is Status.NO_SHOW:
            return "#f9d6d5"
        return None

    # --- selection and outcome -------------------------------------------------------------------
    def selected_appointment(self) -> AppointmentView | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _selection_changed(self) -> None:
        a = self._opened(self.selected_appointment())
        enabled = a is not None
        self._bind_note(a)
        if a is None:
            self.detail.setText(tr("Sélectionnez un rendez-vous."))
        else:
            where = f", {a.room_name}" if a.room_name else f" ({tr(MODE_FR[a.mode])})"
            if a.second_staff_id:  # a two-person appointment: who else is there
                where += " — " + tr("avec {who}").format(who=staff_text(a))
            self.detail.setText(
                f"<p style='font-size:13pt; font-weight:600; margin:0'>{escape(a.youth_name)}</p>"
                f"<p style='margin:2px 0'>{escape(type_text(a))} — "
                + escape(
                    tr("{day} de {start} à {end}").format(
                        day=f"{a.start:%d/%m}", start=f"{a.start:%H:%M}", end=f"{a.end:%H:%M}"
                    )
                )
                + f"{escape(where)}</p>"
                f"<p style='margin:0'>{escape(tr('Statut :'))} <b>{escape(self._status_text(a))}</b></p>"
            )
        self.seen_btn.setEnabled(enabled and self.appointment_actions.can_status(a, Status.SEEN))
        self.no_show_btn.setEnabled(enabled and self.appointment_actions.can_status(a, Status.NO_SHOW))
        self.excused_btn.setEnabled(enabled and self.appointment_actions.can_status(a, Status.EXCUSED))
        self.save_note_btn.setEnabled(self._may_note(a))
        self.note.setReadOnly(not self._may_note(a))
        step = step_of(a) if a is not None else None
        can = self.window_.can(Perm.BOOK)
        self.call_btn.setEnabled(can and step is Step.WAITING)
        self.interview_btn.setEnabled(can and step in (Step.WAITING, Step.CALLED))

    def _opened(self, a: AppointmentView | None) -> AppointmentView | None:
        """The selected appointment as the detail panel shows it: a confidential one is opened through
        the service, which audits who opened it (if that fails, its details stay hidden)."""
        if a is None or not a.confidential or a.redacted:
            return a
        key = (self.window_.actor.id, self.window_.actor.name, a.id, self.window_.now().date())
        if key in self._opened_today:  # opened (and audited) already: no write at every refresh
            return a
        try:
            opened = self.services.booking.open_appointment(actor=self.window_.actor, appointment_id=a.id)
        except DomainError:
            return redact(a)
        self._opened_today.add(key)
        return opened

    # --- the note editor: bound to one appointment -------------------------------------------------
    def _stored_note(self, appointment_id: str) -> str | None:
        row = self.model.row_of_key(appointment_id)
        return self.model.row_at(row).notes if row >= 0 else None

    def _bind_note(self, a: AppointmentView | None) -> None:
        """Show `a`'s note. What was typed for the appointment shown before stays with it (a draft,
        shown again when it is selected again): a note never follows the selection elsewhere."""
        previous = self._note_id
        if previous is not None:
            typed = self.note.toPlainText()
            stored = self._stored_note(previous)
            if stored is not None and typed.strip() != stored.strip():
                self._drafts[previous] = typed
            else:
                self._drafts.pop(previous, None)
        new_id = a.id if a is not None else None
        text = "" if a is None else self._drafts.get(a.id, a.notes)
        self._note_id = new_id
        if new_id == previous and self.note.toPlainText() == text:
            return  # same appointment, same text: keep the cursor where the counsellor is typing
        self.note.setPlainText(text)

    def note_for(self, appointment_id: str) -> str:
        """The note the editor holds for this appointment (typed or stored)."""
        if appointment_id == self._note_id:
            return self.note.toPlainText()
        return self._drafts.get(appointment_id, self._stored_note(appointment_id) or "")

    def _may_note(self, a: AppointmentView | None) -> bool:
        if a is None:
            return False
        return self.window_.can(Perm.OUTCOME_ANY) or (
            self.window_.can(Perm.OUTCOME_OWN) and self.window_.actor.id in a.staff_ids
        )

    def record(self, status: Status) -> bool:
        """Record an outcome with the note typed for *this* appointment, then go to the next one."""
        a = self.selected_appointment()
        if a is None:
            return False
        note = self.note_for(a.id).strip()[:NOTE_MAX]
        ok = self.appointment_actions.set_status(a, status, note=note if note != a.notes else None)
        if ok:
            self._drafts.pop(a.id, None)
            self.window_.status.showMessage(f"{a.youth_name} : {tr(STATUS_FR[status])}.", 5000)
            self._select_next_to_fill()
        return ok

    def step(self, step: Step) -> bool:
        """Called in / in interview for the selected young person (who must have been checked in)."""
        a = self.selected_appointment()
        if a is None:
            return False
        text = tr("{name} appelé(e).") if step is Step.CALLED else tr("{name} : entretien commencé.")
        outcome = self.window_.ops.run(
            lambda: self.services.appointments.set_step(
                actor=self.window_.actor, appointment_id=a.id, step=step
            ),
            success=text.format(name=a.youth_name),
        )
        return bool(outcome)

    def save_note(self) -> bool:
        a = self.selected_appointment()
        if a is None:
            return False
        note = self.note_for(a.id).strip()[:NOTE_MAX]
        outcome = self.window_.ops.run(
            lambda: self.services.appointments.set_notes(
                actor=self.window_.actor, appointment_id=a.id, notes=note
            ),
            success=tr("Note enregistrée pour {name}.").format(name=a.youth_name),
        )
        if outcome:
            self._drafts.pop(a.id, None)
        return bool(outcome)

    def _select_next_to_fill(self) -> None:
        for r in range(self.model.rowCount()):
            a = self.model.row_at(r)
            if a.status is Status.BOOKED and a.end <= self.window_.now():
                self.table.setCurrentIndex(self.model.index(r, 2))
                return

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """The note box keeps Ctrl+Z / Ctrl+Shift+Z for its own typing; once there is none to undo
        (the box was just emptied by moving on), they undo and redo the outcomes, as elsewhere."""
        if obj is self.note and event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            document = self.note.document()
            if (event.matches(QKeySequence.StandardKey.Undo) and not document.isUndoAvailable()) or (
                event.matches(QKeySequence.StandardKey.Redo) and not document.isRedoAvailable()
            ):
                event.ignore()  # let the window's undo / redo have it
                return True
        return super().eventFilter(obj, event)

    def key_help(self) -> list[tuple[str, str]]:
        """Keys of the page that are not actions (F1)."""
        return [
            (tr("flèches"), tr("choisir le rendez-vous")),
            (keys_text("Tab"), tr("écrire la note du rendez-vous sélectionné")),
            (tr("double-clic"), tr("ouvrir le dossier du jeune")),
        ]

    def booking_prefill(self) -> dict:
        """Ctrl+N here books the next appointment of the young person selected."""
        a = self.selected_appointment()
        return {"youth_id": a.youth_id} if a is not None else {}

    def _open_file(self, index: QModelIndex) -> None:
        """Double-click: the young person's file (as in the portfolio)."""
        a = index.data(ROW_ROLE) if index.isValid() else None
        if a is not None:
            self.window_.youthFileRequested.emit(a.youth_id)

    def _context(self, pos: QPoint) -> None:
        a = self.selected_appointment()
        if a is not None:
            menu = self.appointment_actions.context_menu(a, self)
            menu.popup(self.table.viewport().mapToGlobal(pos))
            self._menu = menu
