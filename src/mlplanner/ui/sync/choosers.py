"""File, folder and passphrase questions of the sync and import/export UI, behind one small object.

Tests (and screenshots) inject a `ScriptedChoosers` answering from a queue, so no test reaches a modal
`QFileDialog` or `QInputDialog`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from mlplanner.ui.i18n import tr, tr_noop

CSV_FILTER = tr_noop("Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)")  # translated when asked
SHEET_FILTER = tr_noop("Tableurs (*.xlsx *.csv *.txt);;Tous les fichiers (*)")
SITE_FILE_FILTER = tr_noop("Fichiers de site mlplanner (*.sqlite3 *.db);;Tous les fichiers (*)")
SPREADSHEET_FILTER = tr_noop("Classeurs (*.xlsx);;Fichiers CSV (*.csv);;Tous les fichiers (*)")


class Choosers(Protocol):
    def open_file(self, parent: QWidget | None, title: str, start: Path) -> Path | None: ...

    def save_file(
        self, parent: QWidget | None, title: str, start: Path, file_filter: str | None = None
    ) -> Path | None: ...

    def folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None: ...

    def passphrase(self, parent: QWidget | None) -> str | None: ...


@dataclass
class QtChoosers:
    """The real dialogs. `open_filter`: what files are offered to open (spreadsheets by default: imports
    read .xlsx and CSV); `save_filter`: what is saved (CSV exports by default)."""

    open_filter: str = SHEET_FILTER
    save_filter: str = CSV_FILTER

    def open_file(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(start), tr(self.open_filter))
        return Path(name) if name else None

    def save_file(
        self, parent: QWidget | None, title: str, start: Path, file_filter: str | None = None
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(start), tr(file_filter or self.save_filter))
        return Path(name) if name else None

    def folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(start))
        return Path(name) if name else None

    def passphrase(self, parent: QWidget | None) -> str | None:
        text, ok = QInputDialog.getText(
            parent,
            tr("Phrase secrète du réseau"),
            tr(
                "Les échanges entre sites sont chiffrés.\nPhrase secrète du réseau (gardée en mémoire "
                "jusqu'à la fermeture de mlplanner, jamais enregistrée) :"
            ),
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None


@dataclass
class ScriptedChoosers:
    """Answers from `answers` (FIFO; None = cancelled); records each question's title."""

    answers: deque = field(default_factory=deque)
    asked: list[str] = field(default_factory=list)

    def queue(self, *answers: object) -> ScriptedChoosers:
        self.answers.extend(answers)
        return self

    def _next(self, title: str) -> object:
        self.asked.append(title)
        return self.answers.popleft() if self.answers else None

    def open_file(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        answer = self._next(title)
        return Path(str(answer)) if answer else None

    def save_file(
        self, parent: QWidget | None, title: str, start: Path, file_filter: str | None = None
    ) -> Path | None:
        answer = self._next(title)
        return Path(str(answer)) if answer else None

    def folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        answer = self._next(title)
        return Path(str(answer)) if answer else None

    def passphrase(self, parent: QWidget | None) -> str | None:
        answer = self._next("passphrase")
        return str(answer) if answer else None
