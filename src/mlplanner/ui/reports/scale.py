"""« Barème CEJ et financements »: the CEJ hours of each appointment type and workshop kind, the FSE+
operation each belongs to, new kinds of collective action, and which optional FSE+ items the site asks."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.domain.participants import CONSENT_NOTE_FR, OPTIONAL_FR, OptionalItem
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.reports.words import word
from mlplanner.ui.shell.main_window import MainWindow

MUTED = "#5f6670"


def hours_box(minutes: int) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 40)
    box.setSingleStep(0.5)
    box.setDecimals(1)
    box.setSuffix(" h")
    box.setValue(minutes / 60)
    box.setAccessibleName(tr("Heures CEJ"))
    return box


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.verticalHeader().hide()
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def _fixed(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class ScaleSettings(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.types = _table(
            [tr("Type de rendez-vous"), tr("Code"), tr("Heures CEJ"), tr("Opération financée (FSE+…)")],
            tr("Barème des types de rendez-vous"),
        )
        self.kinds = _table(
            [tr("Type d'action collective"), tr("Code"), tr("Heures CEJ"), tr("Opération financée (FSE+…)")],
            tr("Barème des types d'action collective"),
        )
        self.new_code = QLineEdit()
        self.new_code.setPlaceholderText(tr("CODE"))
        self.new_code.setMaxLength(16)
        self.new_code.setAccessibleName(tr("Code du nouveau type d'action"))
        self.new_label = QLineEdit()
        self.new_label.setPlaceholderText(tr("Libellé (ex. Job dating)"))
        self.new_label.setAccessibleName(tr("Libellé du nouveau type d'action"))
        self.add_button = QPushButton(tr("Ajouter ce type d'action"))
        self.add_button.clicked.connect(self.add_kind)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_code)
        add_row.addWidget(self.new_label, 1)
        add_row.addWidget(self.add_button)
        self.optional: dict[OptionalItem, QCheckBox] = {
            i: QCheckBox(word(OPTIONAL_FR[i])) for i in OptionalItem
        }
        optional_box = QGroupBox(tr("Données facultatives demandées aux participants FSE+"))
        ol = QVBoxLayout(optional_box)
        for box in self.optional.values():
            ol.addWidget(box)
        note = QLabel(tr(CONSENT_NOTE_FR))
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED};")
        ol.addWidget(note)
        self.save_button = QPushButton(tr("Enregistrer le barème et les données demandées"))
        self.save_button.setObjectName("saveScale")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        explain = QLabel(
            tr(
                "Le CEJ compte chaque activité selon ce barème, quelle que soit sa durée : atelier 4 h, "
                "information collective 3 h, autre rendez-vous 1 h. Une opération financée rattache les "
                "rendez-vous d'un type ou les séances d'un type d'action au rapport des participants FSE+ "
                "et à la feuille de temps des animateurs."
            )
        )
        explain.setWordWrap(True)
        explain.setStyleSheet(f"color: {MUTED};")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(explain)
        lay.addWidget(self.types, 2)
        lay.addWidget(self.kinds, 1)
        lay.addLayout(add_row)
        lay.addWidget(optional_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)
        lay.addLayout(buttons)
        self._type_rows: list[tuple[str, int, str]] = []
        self._kind_rows: list[tuple[str, str, int, str]] = []

    def refresh(self) -> None:
        sv = self.window_.services
        can = allowed(self.window_.actor, Perm.CONFIGURE_SITE)
        self._type_rows = [
            (t.code, t.cej_minutes, t.funded_operation) for t in sv.reports.cej.type_scales() if t.active
        ]
        self.types.setRowCount(len(self._type_rows))
        labels = {t.code: t.label for t in sv.reports.cej.type_scales()}
        for r, (code, minutes, operation) in enumerate(self._type_rows):
            self.types.setItem(r, 0, _fixed(labels[code]))
            self.types.setItem(r, 1, _fixed(code))
            self.types.setCellWidget(r, 2, hours_box(minutes))
            self.types.setCellWidget(r, 3, QLineEdit(operation))
        kinds = [k for k in sv.reports.kinds.kinds() if k.active]
        self._kind_rows = [(k.code, k.label, k.cej_minutes, k.funded_operation) for k in kinds]
        self.kinds.setRowCount(len(kinds))
        for r, k in enumerate(kinds):
            self.kinds.setItem(r, 0, _fixed(k.label))
            self.kinds.setItem(r, 1, _fixed(k.code))
            self.kinds.setCellWidget(r, 2, hours_box(k.cej_minutes))
            self.kinds.setCellWidget(r, 3, QLineEdit(k.funded_operation))
        enabled = set(sv.reports.fse.optional_items())
        for item, box in self.optional.items():
            box.setChecked(item in enabled)
        for w in (*self.optional.values(), self.save_button, self.add_button, self.new_code, self.new_label):
            w.setEnabled(can)
        for table in (self.types, self.kinds):
            for r in range(table.rowCount()):
                for c in (2, 3):
                    cell = table.cellWidget(r, c)
                    if cell is not None:
                        cell.setEnabled(can)

    def _values(self, table: QTableWidget, row: int) -> tuple[int, str]:
        box, line = table.cellWidget(row, 2), table.cellWidget(row, 3)
        assert isinstance(box, QDoubleSpinBox) and isinstance(line, QLineEdit)
        return round(box.value() * 60), " ".join(line.text().split())

    def save(self) -> bool:
        w = self.window_
        sv, actor = w.services, w.actor
        calls: list[Callable[[], object]] = []
        for r, (code, minutes, operation) in enumerate(self._type_rows):
            new = self._values(self.types, r)
            if new != (minutes, operation):
                calls.append(
                    partial(
                        sv.reports.cej.set_type_scale,
                        actor=actor,
                        type_code=code,
                        cej_minutes=new[0],
                        funded_operation=new[1],
                    )
                )
        for r, (code, label, minutes, operation) in enumerate(self._kind_rows):
            new = self._values(self.kinds, r)
            if new != (minutes, operation):
                calls.append(
                    partial(
                        sv.reports.kinds.save_kind,
                        actor=actor,
                        code=code,
                        label=label,
                        cej_minutes=new[0],
                        funded_operation=new[1],
                    )
                )
        chosen = [i for i, box in self.optional.items() if box.isChecked()]
        if set(chosen) != set(sv.reports.fse.optional_items()):
            calls.append(partial(sv.reports.fse.set_optional_items, actor=actor, items=chosen))
        for call in calls:
            if not w.ops.run(call, on_error=self._error):
                return False
        self.message.setStyleSheet("color: #1d6b2c;")
        self.message.setText(tr("Enregistré.") if calls else tr("Rien n'a changé."))
        self.refresh()
        return True

    def add_kind(self) -> bool:
        w = self.window_
        code, label = self.new_code.text(), self.new_label.text()
        done = w.ops.run(
            lambda: w.services.reports.kinds.save_kind(
                actor=w.actor, code=code, label=label, cej_minutes=240
            ),
            on_error=self._error,
        )
        if done:
            self.new_code.clear()
            self.new_label.clear()
            self.message.setStyleSheet("color: #1d6b2c;")
            self.message.setText(
                tr("Type d'action ajouté : réglez ses heures CEJ et son opération, puis enregistrez.")
            )
            self.refresh()
        return bool(done)

    def _error(self, exc: DomainError) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(refusal_text(exc))
