"""The i-milo re-entry list on screen: one line per appointment or workshop line, i-milo's words, and a
"keyed in i-milo" box to tick once keyed (kept in the file and synced: nothing is keyed twice)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.reports.imilo import ImiloLine, ImiloReport
from mlplanner.ui.i18n import LAST_NAME, tr
from mlplanner.ui.reports.words import word
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows

DONE_BG = "#E3F1E3"


def imilo_columns(can_tick: object) -> list[Column[ImiloLine]]:
    done = lambda ln: DONE_BG if ln.keyed else None  # noqa: E731
    return [
        Column(
            tr("Saisi"),
            lambda ln: "",
            checked=lambda ln: ln.keyed,
            checkable=lambda _ln: bool(can_tick()),  # type: ignore[operator]
            background=done,
            tooltip=lambda ln: (
                tr("Saisi dans i-milo par {who}").format(who=ln.keyed_by)
                + (f" ({ln.keyed_at:%d/%m/%Y %H:%M})" if ln.keyed_at else "")
                if ln.keyed
                else tr("Cocher une fois saisi dans i-milo")
            ),
        ),
        Column(tr("N° i-milo"), lambda ln: ln.external_id or "—", background=done),
        Column(tr("Nom", LAST_NAME), lambda ln: ln.last_name.upper(), background=done),
        Column(tr("Prénom"), lambda ln: ln.first_name, background=done),
        Column(
            tr("Date"),
            lambda ln: f"{ln.day:%d/%m/%Y}",
            sort_key=lambda ln: (ln.day, ln.start),
            background=done,
        ),
        Column(tr("Heure"), lambda ln: f"{ln.start:%H:%M}–{ln.end:%H:%M}", background=done),
        Column(tr("Événement"), lambda ln: ln.activity, background=done),
        Column(tr("Modalité"), lambda ln: word(ln.mode), background=done),
        Column(tr("Statut i-milo"), lambda ln: ln.status, background=done),
        Column(tr("État de la session"), lambda ln: ln.session_state, background=done),
        Column(tr("Conseiller(ère)"), lambda ln: ln.counsellor_name, background=done),
    ]


class ImiloView(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.model: RowsModel[ImiloLine] = RowsModel(
            imilo_columns(self.can_tick), key=lambda ln: ln.item_id, on_check=self._on_check
        )
        self.table = QTableView()
        self.table.setObjectName("imiloLines")
        self.table.setAccessibleName(tr("Lignes à saisir dans i-milo"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        compact_rows(self.table)
        self.tick_button = QPushButton(tr("Cocher la sélection (saisie faite)"))
        self.tick_button.clicked.connect(lambda: self.tick_selection(True))
        self.untick_button = QPushButton(tr("Décocher la sélection"))
        self.untick_button.clicked.connect(lambda: self.tick_selection(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.tick_button)
        buttons.addWidget(self.untick_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)

    def can_tick(self) -> bool:
        return allowed(self.window_.actor, Perm.FOLLOW_UP)

    def show_report(self, report: ImiloReport) -> None:
        self.model.set_rows(report.lines)
        self.table.resizeColumnsToContents()
        for b in (self.tick_button, self.untick_button):
            b.setEnabled(self.can_tick() and bool(report.lines))

    def _on_check(self, line: ImiloLine, checked: bool) -> None:
        self._tick([line.item_id], checked)

    def tick_selection(self, keyed: bool) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.row_at(r).item_id for r in rows]
        if ids:
            self._tick(ids, keyed)

    def _tick(self, ids: list[str], keyed: bool) -> None:
        w = self.window_
        w.ops.run(
            lambda: w.services.reports.imilo.tick(actor=w.actor, item_ids=ids, keyed=keyed), parent=self
        )
