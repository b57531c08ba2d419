"""A focus ring that can be seen: a 2-pixel blue outline around whatever control has the keyboard focus.

The platform styles draw focus as a faint line or a slightly different border (Fusion: a 1-pixel tint),
which a receptionist working by keyboard could not find in the booking dialog. Style sheets could thicken
the border of each kind of control, but they replace the native look of combo boxes and date fields.
Here each window has one transparent ring widget drawn on top (mouse clicks go through it), placed
around the control that has the focus, clipped like it by the scroll areas around it. Tables and lists
are left alone: they show their own current cell.

Nothing is remembered between two updates: the focused widget and the window's ring are looked up each
time (`QApplication.focusWidget()`, `findChild`), and every update runs a moment after the event that
asked for it — windows get destroyed while the focus moves, and a stale reference to a widget Qt had
deleted crashed the process.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QMainWindow, QWidget

RING = QColor("#1f4e99")
WIDTH = 2
NAME = "focusRing"


class _Ring(QWidget):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clip = QRect()  # the part of the ring to draw (the rest is scrolled away)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setClipRect(self.clip)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(RING, WIDTH))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(self.rect().adjusted(1, 1, -2, -2), 4, 4)
        p.end()


class FocusRing(QObject):
    """One per application (`FocusRing.install()`), following the keyboard focus."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.update)
        self._rings: dict[int, _Ring] = {}  # one per window, forgotten when the window goes
        app.focusChanged.connect(self._focus_changed)

    @classmethod
    def install(cls) -> FocusRing | None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return None
        existing = app.findChild(FocusRing)
        return existing if existing is not None else FocusRing(app)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        self._later.start()  # nothing now: the focus also moves while windows are being destroyed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            self._later.start()
        return False

    def update(self) -> None:
        """Put each window's ring where the focus is now (or hide it)."""
        focus = QApplication.focusWidget()
        shown_in: QWidget | None = None
        if (
            focus is not None
            and not focus.isWindow()
            and not isinstance(focus, QAbstractItemView)
            and focus.isVisible()
            # our own windows only: never a child added to Qt's popups (combo lists, calendars...)
            and isinstance(focus.window(), QMainWindow | QDialog)
        ):
            window = focus.window()
            # its moves and resizes, and its parents' (a scrolled area moves the parent, not the
            # control); installing twice is harmless
            widget: QWidget | None = focus
            while widget is not None and widget is not window:
                widget.installEventFilter(self)
                widget = widget.parentWidget()
            ring = self._ring_of(window)
            visible = self._visible_rect(focus, window)
            if visible.isEmpty():
                ring.hide()
            else:
                box = QRect(focus.mapTo(window, QPoint(0, 0)), focus.size())
                box = box.adjusted(-WIDTH - 1, -WIDTH - 1, WIDTH + 1, WIDTH + 1)
                ring.setGeometry(box)
                ring.clip = visible.adjusted(-WIDTH - 1, -WIDTH - 1, WIDTH + 1, WIDTH + 1).translated(
                    -box.topLeft()
                )
                ring.show()
                ring.raise_()
                ring.update()
                shown_in = window
        for key, other in self._rings.items():  # the other windows' rings go
            if shown_in is None or key != id(shown_in):
                other.hide()

    def _ring_of(self, window: QWidget) -> _Ring:
        key = id(window)
        ring = self._rings.get(key)
        if ring is None:
            ring = _Ring(window)
            self._rings[key] = ring
            # the window (and the ring with it) goes: forget it before touching it again
            window.destroyed.connect(lambda _obj=None, key=key: self._rings.pop(key, None))
        return ring

    @staticmethod
    def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
        """The part of `widget` not scrolled away, in `window`'s coordinates."""
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
            parent = parent.parentWidget()
        return rect
