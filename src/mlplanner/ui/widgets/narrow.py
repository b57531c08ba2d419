"""Widgets that let a page get narrow without a horizontal scroll bar.

At 150 % system scaling a 1366×768 screen is 910×512 logical pixels: the day view's toolbar, the status
bar's texts or a page title no longer fit on one line. `ElidedLabel` may be narrower than its text (cut
with "…"); `WrapBar` is a toolbar row that moves its right-hand group under the rest when the row is
too narrow for both; `ColumnScroll` lets a column of forms scroll on its own; `fit_to_screen`
keeps a dialog's opening size (chosen for 100 %) within the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QStyle,
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


class _WrapLayout(QLayout):
    """`left`, `title` (optional), `right`: one row when the width allows it, else `right` on a second
    row. The arrangement is chosen in `setGeometry` from the width given, and `heightForWidth` tells the
    parent layout the height of that arrangement beforehand: the first layout of a page is its final one
    (deciding in `resizeEvent` moved the widgets, and the page's table, one event loop later: issue 19)."""

    H_SPACING = 6
    V_SPACING = 4

    def __init__(self, parent: QWidget, title_may_shrink: bool) -> None:
        super().__init__(parent)
        self.title_may_shrink = title_may_shrink
        self.setContentsMargins(0, 0, 0, 0)
        self.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # may be narrower than one row
        self._items: list[QLayoutItem] = []
        self._left: QLayoutItem | None = None
        self._title: QLayoutItem | None = None
        self._right: QLayoutItem | None = None
        self.wrapped: bool | None = None  # the arrangement last laid out (None before the first layout)

    def set_parts(self, left: QWidget, title: QWidget | None, right: QWidget) -> None:
        self.addWidget(left)
        self._left = self._items[-1]
        if title is not None:
            self.addWidget(title)
            self._title = self._items[-1]
        self.addWidget(right)
        self._right = self._items[-1]

    # --- QLayout ------------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # through `addWidget`, from `set_parts`
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._left, self._title, self._right = (
            None if part is item else part for part in (self._left, self._title, self._right)
        )
        return item

    def expandingDirections(self) -> Qt.Orientation:
        out = Qt.Orientation(0)
        for item in self._items:
            out |= item.expandingDirections()
        return out

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height(width < self.one_row_width())

    def sizeHint(self) -> QSize:
        return QSize(self.one_row_width(), self._height(False))

    def minimumSize(self) -> QSize:
        first = self._width([_least(self._left), _least(self._title)])
        return QSize(max(first, _least(self._right)), self._height(False))

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        left, title, right = self._left, self._title, self._right
        x, y, width = rect.x(), rect.y(), rect.width()
        self.wrapped = wrapped = width < self.one_row_width()
        first_h = self._row_height([left, title]) if wrapped else self._height(False)
        right_w = min(_hint(right), width)
        room = width if wrapped or not right_w else width - right_w - self.H_SPACING  # left and title
        left_w = _hint(left)
        if title is not None and not title.isEmpty():  # the title shrinks first, then the left group
            left_w = min(left_w, max(_least(left), room - self.H_SPACING - _least(title)))
            title_x = x + left_w + self.H_SPACING if left_w else x
            self._put(title, QRect(title_x, y, max(0, x + room - title_x), first_h))
        if left is not None:
            self._put(left, QRect(x, y, min(left_w, room), first_h))
        if right is None:
            return
        if wrapped:
            self._put(right, QRect(x, y + first_h + self.V_SPACING, right_w, self._row_height([right])))
        else:
            self._put(right, QRect(x + width - right_w, y, right_w, first_h))

    # --- helpers ------------------------------------------------------------------------------------
    def _width(self, widths: Sequence[int]) -> int:
        """Parts side by side (the empty ones take no spacing)."""
        shown = [w for w in widths if w > 0]
        return sum(shown) + self.H_SPACING * max(0, len(shown) - 1)

    def one_row_width(self) -> int:
        """The width all parts need on one row (the title at its least if it may shrink)."""
        title = self._title
        title_w = _least(title) if self.title_may_shrink else _hint(title)
        return self._width([_hint(self._left), title_w, _hint(self._right)])

    @staticmethod
    def _row_height(items: Sequence[QLayoutItem | None]) -> int:
        return max((i.sizeHint().height() for i in items if i is not None and not i.isEmpty()), default=0)

    def _height(self, wrapped: bool) -> int:
        if not wrapped:
            return self._row_height([self._left, self._title, self._right])
        below = self._row_height([self._right])
        return self._row_height([self._left, self._title]) + (self.V_SPACING + below if below else 0)

    def _put(self, item: QLayoutItem, rect: QRect) -> None:
        widget = self.parentWidget()
        direction = widget.layoutDirection() if widget is not None else Qt.LayoutDirection.LeftToRight
        item.setGeometry(QStyle.visualRect(direction, self.geometry(), rect))


def _hint(item: QLayoutItem | None) -> int:
    """The width the part asks for (its own hint, whatever its size policy: a title that may be cut
    when the row wraps still asks for its whole text before the row wraps)."""
    if item is None or item.isEmpty():
        return 0
    widget = item.widget()
    if widget is None:
        return item.sizeHint().width()
    return widget.sizeHint().expandedTo(widget.minimumSize()).boundedTo(widget.maximumSize()).width()


def _least(item: QLayoutItem | None) -> int:
    return 0 if item is None or item.isEmpty() else item.minimumSize().width()


class WrapBar(QWidget):
    """`left` widgets, then `title` (stretching, elided if need be), then `right` widgets on one row;
    when the row is narrower than all of them need, `right` goes to a second row (see `_WrapLayout`)."""

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
        self.rows = _WrapLayout(self, title_may_shrink)
        self.rows.set_parts(self.left, title, self.right)

    @property
    def wrapped(self) -> bool | None:
        """Whether `right` is on a second row (None before the bar is first laid out)."""
        return self.rows.wrapped


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
