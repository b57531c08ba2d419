"""Appointments to deal with: those an absence, a closure or a holiday leaves in the way.

Opened at once when an absence or a closure is saved over booked appointments, and from the day page's
banner. Each line says who, when, with whom, the young person's phone and why; for the lines selected:
"Déplacer…" (the booking dialog moves it, same young person and type), "Passer au téléphone" (a closure:
the counsellor calls from elsewhere), "Annuler le rendez-vous…", "Ajouter à la liste d'appels"
(reception calls the young person). A line goes once moved, switched or cancelled; put on the call list
it stays, marked ☎. Not modal: the desk goes on meanwhile, and the list follows every change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from mlplanner.domain.enums import Mode
from mlplanner.services.booking.impact import Affected
from mlplanner.services.permissions import Perm
from mlplanner.ui.booking.causes import cause_text
from mlplanner.ui.i18n import tr, weekday_abbr
from mlplanner.ui.shell.bus import concerns
from mlplanner.ui.widgets.narrow import fit_to_screen
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows

if TYPE_CHECKING:
    from mlplanner.ui.booking.actions import AppointmentActions
    from mlplanner.ui.shell.main_window import MainWindow

TODO_BG = "#fde2e1"
CALL_BG = "#fff4d6"


def state_text(x: Affected) -> str:
    if x.called_by:
        return tr("appelé(e) par {who}").format(who=x.called_by)
    return tr("☎ sur la liste d'appels") if x.on_call_list else tr("⚠ à traiter")


def impact_columns() -> list[Column[Affected]]:
    bg: Callable[[Affected], str | None] = lambda x: CALL_BG if x.on_call_list else TODO_BG  # noqa: E731
    return [
        Column(
            tr("Date"),
            lambda x: f"{weekday_abbr(x.appointment.start.weekday())} {x.appointment.start:%d/%m}",
            sort_key=lambda x: x.appointment.start.isoformat(),
        ),
        Column(tr("Heure"), lambda x: f"{x.appointment.start:%H:%M}"),
        Column(tr("Jeune"), lambda x: x.appointment.youth_name),
        Column(tr("Téléphone"), lambda x: x.phone or tr("pas de numéro")),
        Column(tr("Conseiller"), lambda x: x.appointment.counsellor_name),
        Column(tr("Type"), lambda x: x.appointment.type_label),
        Column(tr("Raison"), cause_text, tooltip=cause_text),
        Column(tr("État"), state_text, background=bg),
    ]


@dataclass(frozen=True)
class Scope:
    """Which appointments the list shows: a range of days, one counsellor or all, and why it opened."""

    start: date | None = None
    end: date | None = None
    counsellor: str | None = None
    intro: str = ""

    @staticmethod
    def of(request: dict[str, Any]) -> Scope:
        return Scope(
            request.get("start"), request.get("end"), request.get("counsellor"), request.get("intro", "")
        )


class ImpactDialog(QDialog):
    def __init__(
        self,
        window: MainWindow,
        actions: AppointmentActions,
        open_booking: Callable[[dict[str, Any]], object],
    ) -> None:
        super().__init__(window)
        self.setObjectName("impactDialog")
        self.setWindowTitle(tr("Rendez-vous à traiter"))
        self.window_ = window
        self.services = window.services
        self.appointment_actions = actions
        self.open_booking = open_booking
        self.scope = Scope()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("impactIntro")
        self.model: RowsModel[Affected] = RowsModel(
            impact_columns(), key=lambda x: x.appointment.id, parent=self
        )
        self.table = QTableView()
        self.table.setObjectName("impactTable")
        self.table.setAccessibleName(tr("Rendez-vous à traiter"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.move_selected())
        self.move_btn = QPushButton(tr("&Déplacer…"))
        self.move_btn.setToolTip(tr("Chercher un autre créneau pour ce rendez-vous (même jeune, même type)"))
        self.phone_btn = QPushButton(tr("Passer au &téléphone"))
        self.phone_btn.setToolTip(
            tr("Le site est fermé mais le conseiller travaille : l'entretien se fait par téléphone")
        )
        self.cancel_btn = QPushButton(tr("A&nnuler le rendez-vous…"))
        self.call_btn = QPushButton(tr("Ajouter à la liste d'a&ppels"))
        self.call_btn.setToolTip(
            tr("L'accueil appelle le jeune pour le prévenir et lui proposer un autre rendez-vous")
        )
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.close)
        self.move_btn.clicked.connect(self.move_selected)
        self.phone_btn.clicked.connect(self.phone_selected)
        self.cancel_btn.clicked.connect(self.cancel_selected)
        self.call_btn.clicked.connect(self.call_selected)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("impactNotice")
        buttons = QHBoxLayout()
        for b in (self.move_btn, self.phone_btn, self.cancel_btn, self.call_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.notice)
        lay.addLayout(buttons)
        self.resize(900, 460)
        fit_to_screen(self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        window.bus.changed.connect(self._changed)

    # --- content ---------------------------------------------------------------------------------
    def show_scope(self, scope: Scope) -> None:
        self.scope = scope
        self.reload()
        self.show()
        self.raise_()
        self.activateWindow()
        self.table.setFocus()

    def reload(self) -> None:
        s = self.scope
        rows = self.services.impact.affected(start=s.start, end=s.end, counsellor=s.counsellor)
        self.model.set_rows(rows)
        todo = sum(1 for x in rows if not x.dealt_with)
        summary = (
            tr("Tout est traité : il ne reste aucun rendez-vous à déplacer.")
            if not rows
            else tr("{todo} rendez-vous à traiter, {calls} sur la liste d'appels.").format(
                todo=todo, calls=len(rows) - todo
            )
        )
        self.intro.setText(f"{s.intro} {summary}".strip())
        if rows and not self.table.selectionModel().hasSelection():
            first = next((i for i, x in enumerate(rows) if not x.dealt_with), 0)
            self.table.selectRow(first)
        self._enable()

    def _changed(self, changes: object) -> None:
        if self.isVisible() and concerns(changes, "appointments", "calls", "staff", "config"):
            self.reload()

    def selected(self) -> list[Affected]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def _enable(self) -> None:
        chosen = self.selected()
        book = self.window_.can(Perm.BOOK)
        self.move_btn.setEnabled(book and len(chosen) == 1)
        self.cancel_btn.setEnabled(book and len(chosen) == 1)
        self.phone_btn.setEnabled(book and bool(chosen) and all(x.why.remote_ok for x in chosen))
        self.call_btn.setEnabled(book and bool(chosen) and not all(x.on_call_list for x in chosen))

    # --- ways out --------------------------------------------------------------------------------
    def move_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.open_booking({"move": chosen[0].appointment})

    def phone_selected(self) -> int:
        done = 0
        for x in self.selected():
            done += bool(self.window_.ops.run(self._to_phone(x.appointment.id), parent=self))
        if done:
            self._say(tr("{n} rendez-vous passé(s) au téléphone : le bureau est libéré.").format(n=done))
        return done

    def _to_phone(self, appointment_id: str) -> Callable[[], object]:
        return lambda: self.services.impact.switch_to_remote(
            actor=self.window_.actor, appointment_id=appointment_id, mode=Mode.PHONE
        )

    def cancel_selected(self) -> bool:
        chosen = self.selected()
        if len(chosen) != 1:
            return False
        x = chosen[0]
        return self.appointment_actions.cancel(x.appointment, self, default_reason=cause_text(x))

    def call_selected(self) -> bool:
        chosen = [x for x in self.selected() if not x.on_call_list]
        if not chosen:
            return False
        outcome = self.window_.ops.run(
            lambda: self.services.impact.add_to_call_list(
                actor=self.window_.actor,
                appointment_ids=[x.appointment.id for x in chosen],
                reason=cause_text(chosen[0]),
            ),
            parent=self,
        )
        if outcome:
            self._say(
                tr("{n} jeune(s) ajouté(s) à la liste d'appels (page « Appels de rappel »).").format(
                    n=len(chosen)
                )
            )
        return bool(outcome)

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.window_.status.showMessage(text, 8000)
