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


class Choosers(Protocol):
    def open_file(self, parent: QWidget | None, title: str, start: Path) -> Path | None: ...

    def save_file(self, parent: QWidget | None, title: str, start: Path) -> Path | None: ...

    def folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None: ...

    def passphrase(self, parent: QWidget | None) -> str | None: ...


class QtChoosers:
    """The real dialogs."""

    def open_file(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(start), tr(CSV_FILTER))
        return Path(name) if name else None

    def save_file(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(start), tr(CSV_FILTER))
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

    def save_file(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        answer = self._next(title)
        return Path(str(answer)) if answer else None

    def folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        answer = self._next(title)
        return Path(str(answer)) if answer else None

    def passphrase(self, parent: QWidget | None) -> str | None:
        answer = self._next("passphrase")
        return str(answer) if answer else None
