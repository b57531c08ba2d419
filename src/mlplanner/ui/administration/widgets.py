"""Small widgets shared by the audit viewer and the RGPD dialog: a youth chooser and file choosers.

File and folder choosers are plain callables so tests inject an answer instead of reaching a modal
`QFileDialog`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QFileDialog, QHBoxLayout, QLineEdit, QToolButton, QWidget

from mlplanner.domain.models import YouthView
from mlplanner.services.container import Services
from mlplanner.ui.i18n import tr

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PickPath = Callable[[QWidget | None], Path | None]


def pick_backup_file(parent: QWidget | None, start: Path | None = None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        tr("Choisir une sauvegarde"),
        str(start or Path.home()),
        tr("Sauvegardes mlplanner (*.sqlite3)"),
    )
    return Path(name) if name else None


def pick_folder(parent: QWidget | None) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, tr("Choisir le dossier de destination"), str(Path.home()))
    return Path(name) if name else None


class YouthChooser(QWidget):
    """Type a few letters, pick a young person from the suggestions (or paste an id); × clears."""

    youthChanged = Signal(str)  # youth id, "" when cleared

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.youth_id = ""
        self._found: dict[str, YouthView] = {}
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("Jeune : nom, téléphone, n° i-milo…"))
        self.edit.setClearButtonEnabled(False)
        self.edit.setAccessibleName(tr("Jeune"))
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.edit.setCompleter(completer)
        completer.activated.connect(self._picked)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(tr("Tous les jeunes"))
        self.clear_button.setAccessibleName(tr("Effacer le jeune choisi"))
        self.clear_button.clicked.connect(self.clear)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.clear_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._search)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self._enter)

    def _label(self, y: YouthView) -> str:
        born = f" ({y.birth_date:%d/%m/%Y})" if y.birth_date else ""
        return f"{y.display_name}{born}"

    def _search(self) -> None:
        text = self.edit.text().strip()
        found = self.services.youths.search(text, limit=15) if len(text) >= 2 else []
        self._found = {self._label(y): y for y in found}
        self._names.setStringList(list(self._found))
        if found:
            self.edit.completer().complete()

    def _picked(self, label: str) -> None:
        youth = self._found.get(label)
        if youth is not None:
            self.set_youth(youth.id, self._label(youth))

    def _enter(self) -> None:
        text = self.edit.text().strip()
        if UUID.match(text):  # an erased person is not searchable any more: their id still filters
            self.set_youth(text, text)
            return
        self._search()
        if len(self._found) == 1:
            self._picked(next(iter(self._found)))

    def set_youth(self, youth_id: str, label: str) -> None:
        self.youth_id = youth_id
        self.edit.setText(label)
        self.youthChanged.emit(youth_id)

    def clear(self) -> None:
        self.edit.clear()
        if self.youth_id:
            self.youth_id = ""
            self.youthChanged.emit("")
