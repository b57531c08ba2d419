"""Bookings asked of other sites: what each site answered, the slip once confirmed, a withdrawal.

A request holds nothing until the other site's sync: it shows "en attente de confirmation", then
"confirmé" (the slip can be printed: the appointment exists) or "refusé" with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.services.permissions import Perm
from mlplanner.services.reception.requests import RequestView
from mlplanner.ui.i18n import tr, tr_noop, weekday_abbr
from mlplanner.ui.shell.bus import StaleWhileHidden, concerns
from mlplanner.ui.widgets.announce import announce
from mlplanner.ui.widgets.rows_model import ROW_ROLE, Column, RowsModel

if TYPE_CHECKING:
    from mlplanner.ui.shell.main_window import MainWindow

STATE_TEXTS = {  # the states in the UI language, each with a sign (never colour alone)
    "pending": tr_noop("⏳ en attente de confirmation"),
    "confirmed": tr_noop("✓ confirmé"),
    "refused": tr_noop("✗ refusé"),
    "withdrawn": tr_noop("— retiré"),
    "cancelled": tr_noop("— annulé (demande retirée)"),
}


def state_text(v: RequestView) -> str:
    text = tr(STATE_TEXTS.get(v.state, v.state))
    return f"{text} : {v.reason}" if v.state == "refused" and v.reason else text


class RequestsPage(StaleWhileHidden, QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("requestsPage")
        self.window_ = window
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model: RowsModel[RequestView] = RowsModel(
            [
                Column(tr("Site"), lambda v: v.to_site),
                Column(tr("Jeune"), lambda v: v.youth_name),
                Column(
                    tr("Rendez-vous"),
                    lambda v: f"{weekday_abbr(v.start.weekday())} {v.start:%d/%m/%Y %H:%M}",
                    sort_key=lambda v: v.start.isoformat(),
                ),
                Column(tr("Conseiller"), lambda v: v.counsellor_name or tr("au choix du site")),
                Column(tr("Réponse"), state_text, tooltip=state_text),
                Column(tr("Demandé par"), lambda v: v.requested_by_name),
            ],
            key=lambda v: (v.id, v.state),
            parent=self,
        )
        self.table = QTableView()
        self.table.setObjectName("requestsTable")
        self.table.setAccessibleName(tr("Demandes de rendez-vous aux autres sites"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.slip_btn = QPushButton(tr("Im&primer le coupon"))
        self.slip_btn.setAccessibleDescription(
            tr("Possible une fois le rendez-vous confirmé par l'autre site")
        )
        self.slip_btn.clicked.connect(self.print_slip)
        self.withdraw_btn = QPushButton(tr("Retirer la dema&nde"))
        self.withdraw_btn.setAccessibleDescription(
            tr("Le jeune n'en veut plus : annulée sur l'autre site à sa prochaine synchronisation")
        )
        self.withdraw_btn.clicked.connect(self.withdraw)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.slip_btn)
        top.addWidget(self.withdraw_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection())
        window.bus.changed.connect(self._changed)
        self._states: dict[str, str] = {}
        self.reload()

    def reload(self) -> None:
        keep = self.selected()
        rows = self.window_.services.requests.sent()
        changed = [v for v in rows if v.id in self._states and self._states[v.id] != v.state]
        self._states = {v.id: v.state for v in rows}
        self.model.set_rows(rows)
        pending = sum(1 for v in rows if v.state == "pending")
        self.summary.setText(
            tr("{n} demande(s) en attente de confirmation par les autres sites.").format(n=pending)
        )
        if keep is not None:
            row = self.model.row_of_key((keep.id, self._states.get(keep.id, keep.state)))
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, 0))
        self._selection()
        for v in changed:  # an answer arrived with a sync: say it
            announce(self, tr("Réponse du site {site} pour {name} : {state}.").format(
                site=v.to_site, name=v.youth_name, state=state_text(v)
            ))  # fmt: skip

    def _changed(self, changes: object) -> None:
        if concerns(changes, "requests", "sync", "appointments", "config"):
            self.refresh_or_mark()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload_if_stale()

    def selected(self) -> RequestView | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _selection(self) -> None:
        v = self.selected()
        self.slip_btn.setEnabled(v is not None and v.confirmed and self.window_.can(Perm.PRINT))
        self.withdraw_btn.setEnabled(
            v is not None and v.state in ("pending", "confirmed") and self.window_.can(Perm.BOOK)
        )

    def print_slip(self) -> bool:
        v = self.selected()
        if v is None:
            return False
        done = self.window_.ops.run(
            lambda: self.window_.services.requests.appointment_of(v.id, viewer=self.window_.actor)
        )
        if not done or done.value is None:
            return False
        self.window_.printRequested.emit("slip", {"appointment_id": done.value.id, "youth_id": v.youth_id})
        return True

    def withdraw(self) -> bool:
        v = self.selected()
        if v is None:
            return False
        done = self.window_.ops.run(
            lambda: self.window_.services.requests.withdraw(actor=self.window_.actor, request_id=v.id),
            success=tr("Demande retirée."),
        )
        return bool(done)
