"""Questions and messages to the user behind one small interface, so tests never reach a modal exec().

`QtPrompt` shows real dialogs; `ScriptedPrompt` (tests, screenshots) records what would have been shown
and answers from a queue. Widgets receive the prompt from the main window; they never call
`QMessageBox` themselves.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


class Prompt(Protocol):
    def error(self, parent: QWidget | None, message: str, *, title: str = "") -> None: ...

    def info(self, parent: QWidget | None, message: str, *, title: str = "") -> None: ...

    def confirm(self, parent: QWidget | None, message: str, *, title: str = "") -> bool: ...

    def ask_text(
        self, parent: QWidget | None, label: str, *, title: str = "", default: str = ""
    ) -> str | None: ...

    def ask_choice(
        self, parent: QWidget | None, label: str, choices: list[str], *, title: str = ""
    ) -> int | None: ...


class QtPrompt:
    """Real dialogs (application-modal message boxes and input dialogs)."""

    def error(self, parent: QWidget | None, message: str, *, title: str = "") -> None:
        QMessageBox.warning(parent, title or "mlplanner", message)

    def info(self, parent: QWidget | None, message: str, *, title: str = "") -> None:
        QMessageBox.information(parent, title or "mlplanner", message)

    def confirm(self, parent: QWidget | None, message: str, *, title: str = "") -> bool:
        answer = QMessageBox.question(parent, title or "mlplanner", message)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(
        self, parent: QWidget | None, label: str, *, title: str = "", default: str = ""
    ) -> str | None:
        text, ok = QInputDialog.getText(parent, title or "mlplanner", label, text=default)
        return text if ok else None

    def ask_choice(
        self, parent: QWidget | None, label: str, choices: list[str], *, title: str = ""
    ) -> int | None:
        item, ok = QInputDialog.getItem(parent, title or "mlplanner", label, choices, 0, False)
        return choices.index(item) if ok and item in choices else None


@dataclass
class ScriptedPrompt:
    """Answers from `answers` (FIFO; None = the user cancelled) and records every message shown."""

    answers: deque = field(default_factory=deque)
    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    error_titles: list[str] = field(default_factory=list)

    def queue(self, *answers: object) -> ScriptedPrompt:
        self.answers.extend(answers)
        return self

    def _next(self, default: object) -> object:
        return self.answers.popleft() if self.answers else default

    def error(self, parent: QWidget | None, message: str, *, title: str = "") -> None:
        self.errors.append(message)
        self.error_titles.append(title)

    def info(self, parent: QWidget | None, message: str, *, title: str = "") -> None:
        self.infos.append(message)

    def confirm(self, parent: QWidget | None, message: str, *, title: str = "") -> bool:
        self.asked.append(message)
        return bool(self._next(True))

    def ask_text(
        self, parent: QWidget | None, label: str, *, title: str = "", default: str = ""
    ) -> str | None:
        self.asked.append(label)
        answer = self._next(default)
        return None if answer is None else str(answer)

    def ask_choice(
        self, parent: QWidget | None, label: str, choices: list[str], *, title: str = ""
    ) -> int | None:
        self.asked.append(label)
        answer = self._next(0)
        if answer is None:
            return None
        return choices.index(answer) if isinstance(answer, str) else int(answer)
