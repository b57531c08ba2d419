"""What just happened, said whole and long enough: a message line across the bottom of the window.

The status bar cut confirmations mid-word (the site, the file and the user take its width: "…avec Élodie
Carpent") and took them away after 5 s. Here a message wraps onto as many lines as it needs, stays at
least 8 s and longer the longer it is (a reading pace), does not go while the pointer rests on it, and
can be closed (×). The last messages stay readable in the "⋯" list, for someone who looked away.
Every `status.showMessage(...)` and `ops.message` ends here (see `StatusBar`), so no caller changes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from mlplanner.ui.i18n import tr

MIN_MS = 8_000
MAX_MS = 40_000
MS_PER_CHAR = 70  # ~ 14 characters a second, slow reading
HISTORY = 15


def duration_ms(text: str, asked: int = 0) -> int:
    """How long a message stays: what the caller asked, at least a reading time, within bounds."""
    return min(MAX_MS, max(MIN_MS, asked, 3_000 + MS_PER_CHAR * len(text)))


class FeedbackBar(QFrame):
    shown = Signal(str)

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        """`now`: the site's wall clock (the times of the history)."""
        super().__init__(parent)
        self.now = now
        self.setObjectName("feedbackBar")
        self.setStyleSheet(
            "QFrame#feedbackBar { background: #e9f2fc; border-top: 1px solid #9fc0e8; }"
            "QLabel#feedbackText { color: #14325c; padding: 4px 6px; }"
        )
        self.label = QLabel()
        self.label.setObjectName("feedbackText")
        self.label.setWordWrap(True)
        self.label.setAccessibleName(tr("Message"))
        self.history_btn = QToolButton()
        self.history_btn.setText("⋯")
        self.history_btn.setToolTip(tr("Derniers messages"))
        self.history_btn.setAccessibleName(tr("Derniers messages"))
        self.history_btn.setAutoRaise(True)
        self.history_btn.clicked.connect(self._show_history)
        self.close_btn = QToolButton()
        self.close_btn.setText("×")
        self.close_btn.setToolTip(tr("Masquer le message"))
        self.close_btn.setAccessibleName(tr("Masquer le message"))
        self.close_btn.setAutoRaise(True)
        self.close_btn.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 0, 4, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.history_btn)
        lay.addWidget(self.close_btn)
        self.history: deque[tuple[datetime, str]] = deque(maxlen=HISTORY)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        self._hovered = False
        self.hide()

    def show_message(self, text: str, ms: int = 0) -> None:
        text = text.strip()
        if not text:
            return
        self.label.setText(text)
        self.history.appendleft((self.now(), text))
        self.show()
        self._timer.start(duration_ms(text, ms))
        self.shown.emit(text)

    def current(self) -> str:
        """The message shown now ("" once it went)."""
        return "" if self.isHidden() else self.label.text()

    def remaining_ms(self) -> int:
        return self._timer.remainingTime() if self._timer.isActive() else 0

    def _expire(self) -> None:
        if self._hovered:  # read while the pointer rests on it: a little longer
            self._timer.start(2_000)
        else:
            self.hide()

    def enterEvent(self, event: QEnterEvent) -> None:
        self._hovered = True
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hovered = False
        super().leaveEvent(event)

    def _show_history(self) -> None:
        menu = QMenu(self)
        for at, text in self.history:
            menu.addAction(f"{at:%H:%M} — {text}").setEnabled(False)
        menu.popup(self.history_btn.mapToGlobal(self.history_btn.rect().bottomLeft()))
        self._menu = menu
