"""A focus ring that can be seen: a 2-pixel blue outline around whatever control has the keyboard focus.

The platform styles draw focus as a faint line or a slightly different border (Fusion: a 1-pixel tint),
which a receptionist working by keyboard could not find in the booking dialog. Style sheets could thicken
the border of each kind of control, but they replace the native look of combo boxes and date fields.
Here one transparent widget follows the focus over any window: a sibling drawn on top of the focused
control (so a scroll area clips it like the control), mouse clicks going through it, moved and resized
with it. Tables and lists are left alone: they show their own current cell.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

RING = QColor("#1f4e99")
WIDTH = 2


class _Ring(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(RING, WIDTH))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(self.rect().adjusted(1, 1, -2, -2), 4, 4)
        p.end()


class FocusRing(QObject):
    """One per application (`FocusRing.install()`), following `QApplication.focusChanged`."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: _Ring | None = None
        self.target: QWidget | None = None
        app.focusChanged.connect(self._focus_changed)

    @classmethod
    def install(cls) -> FocusRing | None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return None
        existing = app.findChild(FocusRing)
        return existing if existing is not None else FocusRing(app)

    def _alive(self, widget: QWidget | None) -> bool:
        return widget is not None and shiboken6.isValid(widget)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._alive(self.target):
            self.target.removeEventFilter(self)  # type: ignore[union-attr]
        self.target = None
        host = new.parentWidget() if new is not None else None
        if new is None or host is None or new.isWindow() or isinstance(new, QAbstractItemView):
            if self._alive(self.ring):
                self.ring.hide()  # type: ignore[union-attr]
            return
        if not self._alive(self.ring):
            self.ring = _Ring(host)  # the previous one went with its parent
        elif self.ring.parentWidget() is not host:  # type: ignore[union-attr]
            self.ring.setParent(host)  # type: ignore[union-attr]
        self.target = new
        new.installEventFilter(self)
        self._follow()

    def _follow(self) -> None:
        ring, target = self.ring, self.target
        if not self._alive(ring):
            return
        assert ring is not None
        if not self._alive(target) or not target.isVisible():  # type: ignore[union-attr]
            ring.hide()
            return
        assert target is not None
        ring.setGeometry(QRect(target.geometry()).adjusted(-WIDTH - 1, -WIDTH - 1, WIDTH + 1, WIDTH + 1))
        ring.show()
        ring.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self._follow()
        return False
