"""The workshops page: the calendar on the left, the chosen session's roster on the right, and the
site lead's actions (new workshop, sessions to close)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QSplitter, QVBoxLayout, QWidget

from mlplanner.domain.models import Changes
from mlplanner.services.container import Services
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.workshops.views import SeriesResult, SessionsResult
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.bus import ChangeBus, concerns
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.workshops.calendar import WorkshopCalendar
from mlplanner.ui.workshops.common import ActorProvider, make_ops
from mlplanner.ui.workshops.edit_dialog import SessionEditDialog
from mlplanner.ui.workshops.roster import SessionRoster
from mlplanner.ui.workshops.roster_columns import ATTENDANCE_KEYS
from mlplanner.ui.workshops.series_dialog import SeriesDialog


class WorkshopsPage(QWidget):
    printRequested = Signal(str, dict)
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
        self.services, self.bus, self.actor = services, bus, actor_provider
        self.ops = make_ops(bus, ops, prompt)
        self.series_dialog: SeriesDialog | None = None
        self.edit_dialog: SessionEditDialog | None = None
        self.calendar = WorkshopCalendar(services, bus)
        self.roster = SessionRoster(services, bus, actor_provider, ops=self.ops)
        self.new_button = QPushButton(tr("Nouvel atelier…"))
        self.new_button.clicked.connect(self.new_series)
        self.to_close = QPushButton()
        self.to_close.setMenu(QMenu(self.to_close))
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.to_close)
        bar.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.calendar)
        split.addWidget(self.roster)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 460])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.calendar.sessionSelected.connect(self.show_session)
        self.calendar.sessionActivated.connect(self._activate)
        self.roster.editRequested.connect(self.edit_session)
        self.roster.printRequested.connect(self.printRequested)
        self.roster.youthFileRequested.connect(self.youthFileRequested)
        bus.changed.connect(self._on_changes)
        self.apply_permissions()
        self._refresh_to_close()

    def key_help(self) -> list[tuple[str, str]]:
        """Keys of the page that are not actions (F1): the roster's attendance letters."""
        marks = " / ".join(f"{key} {tr(label).lower()}" for _v, label, key in ATTENDANCE_KEYS)
        return [
            (
                " ".join(k for _v, _l, k in ATTENDANCE_KEYS),
                tr("dans les inscrits : {marks}, puis la personne suivante").format(marks=marks),
            ),
            (tr("lettres puis Entrée"), tr("dans la recherche : inscrire le premier jeune trouvé")),
            (tr("double-clic"), tr("ouvrir le dossier du jeune")),
        ]

    def show_session(self, session_id: str) -> None:
        view = self.services.workshops.session(session_id)
        self.calendar.select_session(session_id, day=view.start.date())
        self.roster.show_session(session_id)

    def _activate(self, session_id: str) -> None:
        self.show_session(session_id)
        self.roster.search.setFocus()

    def apply_permissions(self) -> None:
        self.new_button.setEnabled(allowed(self.actor(), Perm.MANAGE_WORKSHOPS))
        self.roster.apply_permissions()

    # --- dialogs ---------------------------------------------------------------------------------
    def new_series(self) -> SeriesDialog:
        dialog = SeriesDialog(self.services, self.bus, self.actor, ops=self.ops, parent=self)
        dialog.created.connect(self._created)
        self.series_dialog = dialog
        dialog.open()
        return dialog

    def _created(self, result: SeriesResult) -> None:
        if result.sessions:
            self.show_session(result.sessions[0].id)
            skipped = [tr("Date écartée — {reason}").format(reason=k.reason) for k in result.skipped]
            self.roster.show_notices([tr("{n} séance(s) créée(s).").format(n=len(result.sessions)), *skipped])

    def edit_session(self, session_id: str) -> SessionEditDialog:
        dialog = SessionEditDialog(self.services, self.bus, self.actor, session_id, ops=self.ops, parent=self)
        dialog.edited.connect(self._edited)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _edited(self, result: SessionsResult) -> None:
        self.roster.reload()
        skipped = [tr("Non modifiée — {reason}").format(reason=k.reason) for k in result.skipped]
        self.roster.show_notices([*result.notices, *skipped])

    # --- sessions to close -------------------------------------------------------------------------
    def _refresh_to_close(self) -> None:
        pending = self.services.workshops.to_close()
        menu = self.to_close.menu()
        menu.clear()
        for s in pending:
            act = QAction(
                f"{s.start:%d/%m} {s.start:%H:%M} — {s.title} "
                + tr("({n} à saisir)").format(n=s.confirmed - s.recorded),
                menu,
            )
            act.triggered.connect(lambda _=False, sid=s.id: self.show_session(sid))
            menu.addAction(act)
        self.to_close.setText(tr("À émarger ou clôturer : {n}").format(n=len(pending)))
        self.to_close.setEnabled(bool(pending))

    def _on_changes(self, changes: Changes) -> None:
        if concerns(changes, "workshops"):
            self._refresh_to_close()
