"""Results of actions said aloud: a screen reader (NVDA, JAWS, Narrator, Orca) is told a sentence
without moving the focus, through Qt's `QAccessibleAnnouncementEvent` (Qt 6.8+).

Each window keeps an `Announcer` (a child object, found or made on first use): it sends the event and
emits `announced(text, assertive)` too, so the app can mirror it (and tests can check what would be
said). "Assertive" interrupts the reader: for refusals and things that need the person now (someone
arrived); "polite" waits for a pause: for confirmations.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


class Announcer(QObject):
    announced = Signal(str, bool)  # text, assertive

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("announcer")
        self.history: list[str] = []  # the last sentences said (kept short)

    def say(self, source: QObject, text: str, *, assertive: bool = False) -> None:
        text = " ".join(text.split())
        if not text:
            return
        event = QAccessibleAnnouncementEvent(source, text)
        if assertive:
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)
        self.history = [*self.history[-19:], text]
        self.announced.emit(text, assertive)


def announcer(widget: QWidget) -> Announcer:
    """The announcer of the widget's window."""
    top = widget.window()
    found = top.findChild(Announcer, "announcer")
    return found if found is not None else Announcer(top)


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have screen readers say `text` (a complete sentence in the UI language)."""
    announcer(widget).say(widget, text, assertive=assertive)
