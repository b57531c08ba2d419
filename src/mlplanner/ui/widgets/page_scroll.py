"""The scroll area around each page: the page fills the window and scrolls only below its minimum size.

`QScrollArea.setWidgetResizable(True)` sizes a page whose layout has a height-for-width item (any
word-wrapped label) to its *preferred* height, so such pages scrolled as soon as the window was shorter
than their comfortable size: the settings page asked for ~780 px and scrolled as a whole at 150 %
scaling, tables included. Here the page gets the viewport's size, and never less than the minimum its
layout needs at that width; the tables and lists inside the page take the difference.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class PageScroll(QScrollArea):
    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)  # sized by `fit` below
        self.setWidget(page)  # also installs this object as the page's event filter

    def _minimum(self, width: int) -> QSize:
        page = self.widget()
        assert page is not None  # called by fit(), which needs a page
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        layout = page.layout()
        height = least.height()
        if layout is not None and layout.hasHeightForWidth():
            height = max(height, layout.totalMinimumHeightForWidth(max(width, least.width())))
        return QSize(least.width(), height)

    def fit(self) -> None:
        """Resize the page to the viewport, or to its minimum where the viewport is smaller."""
        page = self.widget()
        if page is None:
            return
        room = self.maximumViewportSize()  # the viewport without scroll bars
        bar_w = self.verticalScrollBar().sizeHint().width()
        bar_h = self.horizontalScrollBar().sizeHint().height()
        least = self._minimum(room.width())
        width, height = max(room.width(), least.width()), max(room.height(), least.height())
        if least.height() > room.height():  # a vertical bar will take some width
            least = self._minimum(room.width() - bar_w)
            width = max(room.width() - bar_w, least.width())
            height = max(room.height(), least.height())
        if least.width() > room.width() - (bar_w if least.height() > room.height() else 0):
            height = max(room.height() - bar_h, least.height())  # and a horizontal bar some height
        if page.size() != QSize(width, height):
            page.resize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self.fit()
        return super().eventFilter(watched, event)  # QScrollArea updates its bars on the page's resize

    def sizeHint(self) -> QSize:
        page = self.widget()
        return page.sizeHint() if page is not None else super().sizeHint()
