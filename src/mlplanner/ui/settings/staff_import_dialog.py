"""Importing the staff list from a spreadsheet: preview (one line per person, errors naming them), then
the import, which shows each new person's one-time PIN once, to hand over."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.directory.staff_import import ACTIONS_FR, NewAccount, StaffImportResult, StaffLine
from mlplanner.ui.i18n import language, tr, weekly_hours_text
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.sync.choosers import Choosers, QtChoosers
from mlplanner.ui.widgets.narrow import fit_to_screen
from mlplanner.ui.widgets.rows_model import Column, RowsModel

COLUMNS_HINT = "Nom ; Prénom ; Rôle ; Bureau ; Lundi … Samedi"


REMARK = 4  # the remark's column in the preview


def remark(line: StaffLine) -> str:
    """A line's remarks in the UI's language (the service's French sentence when it has no code)."""
    if not line.remarks:
        return line.message
    return ("; " if language() != "fr" else " ; ").join(refusal_text(r) for r in line.remarks)


def hours(line: StaffLine) -> str:
    """A line's working hours in the UI's language."""
    return weekly_hours_text(line.pattern) if line.pattern is not None else line.hours


class StaffImportDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        choosers: Choosers | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staffImportDialog")
        self.setWindowTitle(tr("Importer le personnel"))
        self.services, self.actor, self.ops = services, actor, ops
        self.choosers: Choosers = choosers or QtChoosers()
        self.imported: StaffImportResult | None = None
        self.path = QLineEdit()
        self.path.setObjectName("staffImportPath")
        self.path.setPlaceholderText(
            tr("classeur .xlsx ou fichier CSV : {columns}").format(columns=COLUMNS_HINT)
        )
        self.path.returnPressed.connect(self.preview)
        choose = QPushButton(tr("Choisir…"))
        choose.clicked.connect(self.choose)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Fichier :")))
        top.addWidget(self.path, 1)
        top.addWidget(choose)
        hint = QLabel(
            tr(
                "Une ligne par personne. Rôle : conseiller, chargé(e) d'accueil, responsable de site, "
                "administrateur ou partenaire. Une colonne par jour (Lundi…) : « 09:00-12:30 13:30-17:30 », "
                "« journée », « matin », « après-midi » ou vide ; sans ces colonnes, les horaires du site."
            )
        )
        hint.setWordWrap(True)
        self.model: RowsModel[StaffLine] = RowsModel(
            [
                Column(tr("Ligne"), lambda x: str(x.line)),
                Column(
                    tr("Action"),
                    lambda x: (
                        tr("ajouté") if self.imported and x.action == "new" else tr(ACTIONS_FR[x.action])
                    ),
                    foreground=lambda x: "#b00020" if x.action == "error" else None,
                ),
                Column(tr("Nom"), lambda x: x.name),
                Column(tr("Rôle"), lambda x: tr(x.role) if x.role else ""),
                Column(tr("Remarque"), remark, tooltip=remark),
                Column(tr("Horaires"), hours, tooltip=hours),
            ],
            key=lambda x: x.line,
        )
        self.table = QTableView()
        self.table.setObjectName("staffImportPreview")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)  # one line a person; a long text is cut with "…", whole in its tooltip
        self.message = QLabel()
        self.message.setObjectName("staffImportMessage")
        self.message.setWordWrap(True)
        self.pins_model: RowsModel[NewAccount] = RowsModel(
            [
                Column(tr("Nom"), lambda a: a.name),
                Column(tr("Rôle"), lambda a: tr(a.role)),
                Column(tr("Code provisoire"), lambda a: a.one_time_pin),
            ],
            key=lambda a: a.staff_id,
        )
        self.pins = QTableView()
        self.pins.setObjectName("staffImportPins")
        self.pins.setAccessibleName(tr("Codes provisoires"))
        self.pins.setModel(self.pins_model)
        self.pins.verticalHeader().hide()
        self.pins.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pins.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.pins.horizontalHeader().setStretchLastSection(True)
        self.pins.hide()
        self.import_button = QPushButton(tr("Importer"))
        self.import_button.setObjectName("staffImportButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.apply)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(hint)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.message)
        lay.addWidget(self.pins)
        lay.addLayout(buttons)
        self.resize(1120, 560)  # room for the hours; `fit_to_screen` narrows it on a small screen
        fit_to_screen(self)

    def choose(self) -> None:
        chosen = self.choosers.open_file(
            self, tr("Liste du personnel"), Path(self.path.text() or Path.home())
        )
        if chosen is not None:
            self.path.setText(str(chosen))
            self.preview()

    def _call(self, dry_run: bool) -> StaffImportResult | None:
        path = Path(self.path.text().strip())
        try:
            return self.services.staff_import.import_staff(actor=self.actor, path=path, dry_run=dry_run)
        except DomainError as exc:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(refusal_text(exc))
            self.model.set_rows([])
            self.import_button.setEnabled(False)
            return None

    def show_lines(self, result: StaffImportResult) -> None:
        """Columns fitted to their contents, but a long remark (cut, whole in its tooltip) leaves the
        hours in view: found in a real window, where one remark pushed them off the dialog."""
        self.model.set_rows(list(result.lines))
        self.table.resizeColumnsToContents()
        widest = max(self.table.fontMetrics().horizontalAdvance("M" * 28), 200)
        if self.table.columnWidth(REMARK) > widest:
            self.table.setColumnWidth(REMARK, widest)

    def preview(self) -> StaffImportResult | None:
        if not self.path.text().strip():
            return None
        result = self._call(dry_run=True)
        if result is None:
            return None
        self.imported = None
        self.show_lines(result)
        new = result.counts.get("new", 0)
        errors = len(result.errors)
        self.message.setStyleSheet("")
        self.message.setText(
            tr("{kind} : {new} personne(s) à ajouter, {errors} ligne(s) en erreur (ignorées).").format(
                kind=result.kind, new=new, errors=errors
            )
        )
        self.import_button.setEnabled(bool(new))
        return result

    def apply(self) -> StaffImportResult | None:
        result = self._call(dry_run=False)
        if result is None:
            return None
        self.imported = result
        self.show_lines(result)
        self.import_button.setEnabled(False)
        self.ops.bus.publish(result.changes)
        with_pins = [a for a in result.accounts if a.one_time_pin]
        self.message.setStyleSheet("color: #1d6b2c;")
        self.message.setText(
            tr(
                "{n} personne(s) ajoutée(s). Codes provisoires ci-dessous : remettez-les à chacun (ils ne "
                "seront plus affichés) ; chacun choisit son propre code à la première connexion."
            ).format(n=len(result.accounts))
        )
        if with_pins:
            self.pins_model.set_rows(with_pins)
            self.pins.show()
        return result

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.path.hasFocus():
            return  # the path's own Enter previews; the dialog's default button must not import
        super().keyPressEvent(event)
