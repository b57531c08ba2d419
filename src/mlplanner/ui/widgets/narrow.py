"""Widgets that let a page get narrow without a horizontal scroll bar.

At 150 % system scaling a 1366×768 screen is 910×512 logical pixels: the day view's toolbar, the status
bar's texts or a page title no longer fit on one line. `ElidedLabel` may be narrower than its text (cut
with "…"); `WrapBar` is a toolbar row that moves its right-hand group under the rest when the row is
too narrow for both; `ColumnScroll` lets a column of forms scroll on its own; `fit_to_screen`
keeps a dialog's opening size (chosen for 100 %) within the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QWidget,
)


class ElidedLabel(QLabel):
    """A one-line label that may get narrower than its text, which is then cut with "…" (`text()`
    stays whole; the full text is still what a screen reader reads)."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, least_chars: int = 5) -> None:
        super().__init__(text, parent)
        self.least_chars = least_chars

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        least = self.fontMetrics().horizontalAdvance("M" * self.least_chars)
        margins = self.contentsMargins()
        return QSize(min(hint.width(), least + margins.left() + margins.right()), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        text = self.text()
        if (
            self.textFormat() == Qt.TextFormat.RichText
            or self.fontMetrics().horizontalAdvance(text) <= rect.width()
        ):
            super().paintEvent(event)
            return
        QFrame.paintEvent(self, event)  # the frame, border and padding of a style sheet
        painter = QPainter(self)
        elided = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.style().drawItemText(
            painter, rect, flags, self.palette(), self.isEnabled(), elided, QPalette.ColorRole.WindowText
        )
        painter.end()


def _row(widgets: Sequence[QWidget]) -> QWidget:
    holder = QWidget()
    lay = QHBoxLayout(holder)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(6)
    for w in widgets:
        lay.addWidget(w)
    return holder


class WrapBar(QWidget):
    """`left` widgets, then `title` (stretching, elided if need be), then `right` widgets on one row;
    when the row is narrower than all of them need, `right` goes to a second row."""

    def __init__(
        self,
        left: Sequence[QWidget],
        title: QWidget | None,
        right: Sequence[QWidget],
        parent: QWidget | None = None,
        *,
        title_may_shrink: bool = False,
    ) -> None:
        """`title_may_shrink`: the title (an `ElidedLabel`) may be cut before the row wraps."""
        super().__init__(parent)
        self.title_may_shrink = title_may_shrink
        self.left = _row(left)
        self.title = title
        self.right = _row(right)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(4)
        # the bar reports its own minimum (the wrapped one) instead of the one-row layout's
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.wrapped: bool | None = None
        self._place(False)

    def _one_row_width(self) -> int:
        parts = [self.left, self.right] + ([self.title] if self.title is not None else [])
        widths = [
            p.minimumSizeHint().width() if p is self.title and self.title_may_shrink else p.sizeHint().width()
            for p in parts
        ]
        return sum(widths) + self.grid.horizontalSpacing() * (len(parts) - 1)

    def _place(self, wrapped: bool) -> None:
        if wrapped == self.wrapped:
            return
        self.wrapped = wrapped
        for w in (self.left, self.title, self.right):
            if w is not None:
                self.grid.removeWidget(w)
        self.grid.addWidget(self.left, 0, 0)
        if self.title is not None:
            self.grid.addWidget(self.title, 0, 1)
        if wrapped:
            self.grid.addWidget(self.right, 1, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
        else:
            self.grid.addWidget(self.right, 0, 2, Qt.AlignmentFlag.AlignRight)
        self.grid.setColumnStretch(1, 1)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        first = self.left.minimumSizeHint().width()
        if self.title is not None:
            first += self.grid.horizontalSpacing() + self.title.minimumSizeHint().width()
        width = max(first, self.right.minimumSizeHint().width())
        return QSize(width, self.grid.minimumSize().height())

    def sizeHint(self) -> QSize:
        return QSize(self._one_row_width(), self.grid.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(event.size().width() < self._one_row_width())


class ColumnScroll(QScrollArea):
    """A column of form boxes that scrolls vertically when the window is short, instead of setting the
    page's (or dialog's) minimum height. It is never narrower than its content: no horizontal
    scrolling inside a form."""

    def __init__(self, layout: QLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        content.setLayout(layout)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)  # the tab's or dialog's background shows through
        content.setAutoFillBackground(False)

    def _bar(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        inner = self.widget().minimumSizeHint()
        return QSize(inner.width() + self._bar(), min(inner.height(), 160))

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint()
        return QSize(inner.width() + self._bar(), inner.height())


def fit_to_screen(widget: QWidget, *, frame: QSize = QSize(16, 48)) -> None:
    """Resize a top-level widget so that it and its title bar fit the available screen area."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry().size() - frame
    size = widget.size().boundedTo(free).expandedTo(widget.minimumSizeHint().boundedTo(free))
    if size != widget.size():
        widget.resize(size)
