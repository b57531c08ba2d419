"""A session's roster: who is registered (fill rate), the waiting list in order, attendance in a few clicks.

Registering searches youths as the booking dialog does; a full session offers the waiting list; a
cancellation shows, in a yellow banner, who got the freed seat (someone must tell them). Attendance is
marked for the selected rows (P, R, E, A keys or buttons); nobody is ever marked absent by itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.domain.models import Changes
from mlplanner.services.container import Services
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.workshops.terms import (
    ATTENDANCE_FR,
    SESSION_STATE_FR,
    Attendance,
    SessionState,
)
from mlplanner.services.workshops.views import RegistrationView, RosterView
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.bus import ChangeBus, concerns
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.widgets.rows_model import RowsModel
from mlplanner.ui.workshops.common import (
    MUTED,
    NOTICE_STYLE,
    STATE_COLOURS,
    ActorProvider,
    hours,
    long_date,
    make_ops,
)
from mlplanner.ui.workshops.roster_actions import RosterActions
from mlplanner.ui.workshops.roster_columns import (
    ATTENDANCE_KEYS,
    registered_columns,
    roster_table,
    waitlist_columns,
)


class SessionRoster(RosterActions, QWidget):
    """The roster of one session; `show_session(id)` loads it."""

    editRequested = Signal(str)  # session id: open the edit dialog
    printRequested = Signal(str, dict)  # "roster", {"session_id": ...}
    youthFileRequested = Signal(str)

    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        actor_provider: ActorProvider,
        *,
        ops: Operations | None = None,
        prompt: Prompt | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor_provider
        self.ops = make_ops(bus, ops, prompt)
        self.prompt = self.ops.prompt
        self.session_id: str | None = None
        self.view: RosterView | None = None
        self._results_for = ""
        self._build()
        bus.changed.connect(self._on_changes)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._search)
        self.show_session(None)

    # --- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("rosterTitle")
        self.title.setStyleSheet("QLabel#rosterTitle { font-size: 13pt; font-weight: 600; }")
        self.title.setWordWrap(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setStyleSheet(f"color: {MUTED};")
        self.state = QLabel()
        self.state.setObjectName("stateBadge")
        self.fill = QProgressBar()
        self.fill.setTextVisible(False)
        self.fill.setFixedHeight(10)
        self.fill.setAccessibleName(tr("Taux de remplissage"))
        self.fill_text = QLabel()
        self.fill_text.setObjectName("fillText")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setAccessibleName(tr("Avis"))
        self.notice.hide()

        head = QGridLayout()
        head.addWidget(self.title, 0, 0)
        head.addWidget(self.state, 0, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.info, 1, 0, 1, 2)
        fill_row = QHBoxLayout()
        fill_row.addWidget(self.fill, 1)
        fill_row.addWidget(self.fill_text)
        head.addLayout(fill_row, 2, 0, 1, 2)
        head.setColumnStretch(0, 1)

        # registering
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Inscrire un jeune : nom, téléphone ou n° i-milo…"))
        self.search.setAccessibleName(tr("Rechercher un jeune à inscrire"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAccessibleName(tr("Jeunes trouvés"))
        self.results.setMaximumHeight(self.fontMetrics().height() * 6)
        self.results.hide()
        self.prescriber = QComboBox()
        self.prescriber.setAccessibleName(tr("Orientation"))
        self.whole_series = QCheckBox(tr("toutes les séances à venir de la série"))
        self.register_button = QPushButton(tr("Inscrire"))
        self.register_button.setDefault(False)
        reg_row = QHBoxLayout()
        reg_row.addWidget(self.search, 3)
        reg_row.addWidget(self.prescriber, 2)
        reg_row.addWidget(self.register_button)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.register_chosen)
        self.results.itemDoubleClicked.connect(lambda _i: self.register_chosen())
        self.register_button.clicked.connect(self.register_chosen)

        # tables
        self.registered_model: RowsModel[RegistrationView] = RowsModel(
            registered_columns(), key=lambda r: r.id
        )
        self.waitlist_model: RowsModel[RegistrationView] = RowsModel(waitlist_columns(), key=lambda r: r.id)
        self.registered = roster_table(self.registered_model, tr("Inscrits"), stretch=0)
        self.waitlist = roster_table(self.waitlist_model, tr("Liste d'attente"), stretch=1)
        self.waitlist.setMaximumHeight(self.fontMetrics().height() * 9)
        self.registered_label = QLabel()
        self.waitlist_label = QLabel()
        self.registered.doubleClicked.connect(lambda i: self._open_youth(self.registered_model, i.row()))
        self.waitlist.doubleClicked.connect(lambda i: self._open_youth(self.waitlist_model, i.row()))

        self.attendance_buttons: dict[Attendance, QPushButton] = {}
        marks = QHBoxLayout()
        marks.addWidget(QLabel(tr("Présence :")))
        for value, label, key in ATTENDANCE_KEYS:
            b = QPushButton(f"{tr(label)} ({key})")
            b.setToolTip(
                tr("Marquer les jeunes sélectionnés « {value} » (touche {key})").format(
                    value=tr(ATTENDANCE_FR[value]), key=key
                )
            )
            b.clicked.connect(lambda _=False, v=value: self.mark_selected(v))
            marks.addWidget(b)
            self.attendance_buttons[value] = b
        self.registered.installEventFilter(self)
        self.all_present = QPushButton(tr("Tous les autres présents"))
        self.all_present.setToolTip(
            tr("Marquer « présent(e) » tous les inscrits dont la présence n'est pas saisie")
        )
        self.all_present.clicked.connect(self.mark_rest_present)
        marks.addStretch(1)
        marks.addWidget(self.all_present)

        self.cancel_registration_button = QPushButton(tr("Désinscrire…"))
        self.cancel_registration_button.setToolTip(
            tr("Annuler l'inscription sélectionnée (inscrits ou liste d'attente)")
        )
        self.cancel_registration_button.clicked.connect(self.cancel_selected)
        self.edit_button = QPushButton(tr("Modifier…"))
        self.edit_button.setToolTip(tr("Modifier cette séance, les suivantes ou toute la série"))
        self.edit_button.clicked.connect(lambda: self.session_id and self.editRequested.emit(self.session_id))
        self.cancel_session_button = QPushButton(tr("Annuler la séance…"))
        self.cancel_session_button.clicked.connect(self.cancel_session)
        self.close_button = QPushButton(tr("Clôturer"))
        self.close_button.setToolTip(tr("Verrouiller la séance une fois l'émargement complet"))
        self.close_button.clicked.connect(self.close_session)
        self.reopen_button = QPushButton(tr("Rouvrir…"))
        self.reopen_button.clicked.connect(self.reopen_session)
        self.print_button = QPushButton(tr("Feuille d'émargement"))
        self.print_button.setToolTip(tr("Imprimer la feuille d'émargement de la séance"))
        self.print_button.clicked.connect(
            lambda: self.session_id and self.printRequested.emit("roster", {"session_id": self.session_id})
        )
        session_row = QHBoxLayout()
        for b in (self.edit_button, self.cancel_session_button, self.close_button, self.reopen_button):
            session_row.addWidget(b)
        session_row.addStretch(1)
        session_row.addWidget(self.print_button)
        wait_row = QHBoxLayout()
        wait_row.addWidget(self.waitlist_label)
        wait_row.addStretch(1)
        wait_row.addWidget(self.cancel_registration_button)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(reg_row)
        body.addWidget(self.whole_series)
        body.addWidget(self.results)
        body.addWidget(self.registered_label)
        body.addWidget(self.registered, 3)
        body.addLayout(marks)
        body.addLayout(wait_row)
        body.addWidget(self.waitlist, 1)

        self.empty = QLabel(tr("Choisissez une séance dans le calendrier."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {MUTED}; font-size: 11pt;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addLayout(head)
        self.session_actions = QWidget()
        self.session_actions.setLayout(session_row)
        session_row.setContentsMargins(0, 0, 0, 0)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #d5d9e0;")
        lay.addWidget(self.session_actions)
        lay.addWidget(line)
        lay.addWidget(self.notice)
        lay.addWidget(self.body, 1)
        lay.addWidget(self.empty, 1)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """P, R, E, A on the registered table mark the selected rows (no modifier)."""
        if obj is self.registered and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            letters = {ord(k): v for v, _label, k in ATTENDANCE_KEYS}
            value = letters.get(event.key())
            if value is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if self.attendance_buttons[value].isEnabled():
                    self.mark_by_key(value)
                return True
        return super().eventFilter(obj, event)

    # --- loading ---------------------------------------------------------------------------------
    def show_session(self, session_id: str | None) -> None:
        if session_id != self.session_id:
            self.notice.hide()
            self.search.clear()
        self.session_id = session_id
        self.reload()

    def reload(self) -> None:
        if self.session_id is None:
            self.view = None
        else:
            try:
                self.view = self.services.workshops.roster(self.session_id)
            except DomainError:  # removed meanwhile (another workstation, a new rule)
                self.session_id, self.view = None, None
        has = self.view is not None
        self.body.setVisible(has)
        self.empty.setVisible(not has)
        self.fill.setVisible(has)
        self.fill_text.setVisible(has)
        self.session_actions.setVisible(has)
        self.state.setVisible(has)
        if not has:
            self.title.setText(tr("Séance"))
            self.info.setText("")
            return
        v = self.view
        s = v.session
        self.title.setText(s.title)
        who = ", ".join(s.facilitators) or tr("sans animateur")
        bits = [long_date(s.start.date()), hours(s.start, s.end), s.room_name or tr("sans salle"), who]
        if s.cancel_reason:
            bits.append(tr("motif : {reason}").format(reason=s.cancel_reason))
        self.info.setText(" · ".join(bits))
        colour = STATE_COLOURS[s.state]
        self.state.setText(tr(SESSION_STATE_FR[s.state]))
        self.state.setStyleSheet(
            f"QLabel#stateBadge {{ color: white; background: {colour}; border-radius: 9px; padding: 2px 10px;"
            " font-weight: 600; }"
        )
        self.fill.setMaximum(max(s.capacity, 1))
        self.fill.setValue(min(s.confirmed, s.capacity))
        wait = tr(" · {n} en attente").format(n=s.waitlisted) if s.waitlisted else ""
        self.fill_text.setText(
            tr("{n} / {cap} places ({rate})").format(n=s.confirmed, cap=s.capacity, rate=f"{s.fill_rate:.0%}")
            + wait
        )
        self.registered_model.set_rows(v.registered)
        self.waitlist_model.set_rows(v.waitlist)
        self.registered_label.setText(tr("<b>Inscrits</b> ({n})").format(n=len(v.registered)))
        self.waitlist_label.setText(tr("<b>Liste d'attente</b> ({n})").format(n=len(v.waitlist)))
        self._refresh_prescribers()
        self.apply_permissions()

    def _refresh_prescribers(self) -> None:
        current = self.prescriber.currentData()
        self.prescriber.blockSignals(True)
        self.prescriber.clear()
        self.prescriber.addItem(tr("Inscription spontanée"), None)
        for c in self.services.directory.counsellors():
            self.prescriber.addItem(tr("Prescrit par {name}").format(name=c.display_name), c.id)
        index = self.prescriber.findData(current)
        self.prescriber.setCurrentIndex(max(index, 0))
        self.prescriber.blockSignals(False)

    def apply_permissions(self) -> None:
        actor = self.actor()
        s = self.view.session if self.view else None
        manage = allowed(actor, Perm.MANAGE_WORKSHOPS)
        can_register = allowed(actor, Perm.REGISTER_WORKSHOP)
        started = s is not None and s.state in (SessionState.TO_CLOSE, SessionState.SIGNED)
        open_ = s is not None and s.state not in (SessionState.CANCELLED, SessionState.CLOSED)
        self.search.setEnabled(can_register and open_)
        self.register_button.setEnabled(can_register and open_)
        self.prescriber.setEnabled(can_register and open_)
        self.whole_series.setEnabled(can_register and open_)
        for b in (*self.attendance_buttons.values(), self.all_present):
            b.setEnabled(can_register and started)
        self.cancel_registration_button.setEnabled(can_register and open_)
        upcoming = s is not None and s.state is SessionState.UPCOMING
        self.edit_button.setEnabled(manage and upcoming)
        self.cancel_session_button.setEnabled(manage and upcoming)
        self.close_button.setEnabled(manage and s is not None and s.state is SessionState.SIGNED)
        self.reopen_button.setEnabled(manage and s is not None and s.state is SessionState.CLOSED)
        self.reopen_button.setVisible(s is not None and s.state is SessionState.CLOSED)
        self.close_button.setVisible(not self.reopen_button.isVisible())

    def _on_changes(self, changes: Changes) -> None:
        if self.session_id and concerns(changes, "workshops", "youths", "staff"):
            self.reload()

    # --- notices ---------------------------------------------------------------------------------
    def show_notices(self, notices: tuple[str, ...] | list[str]) -> None:
        if notices:
            self.notice.setText("\n".join(notices))
            self.notice.show()
        else:
            self.notice.hide()
