"""The schedule grid widget shared by the day and week pages.

Keyboard: arrows move between cells, Enter opens the booking dialog on a free cell (or the menu of an
appointment), the Menu key / Shift+F10 opens the context menu, Ctrl+X then Enter moves the selected
appointment to the current cell (Esc gives up). Mouse: double-click, right-click, drag and drop.
A red line marks the current time on today's columns.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from mlplanner.domain.models import AppointmentView
from mlplanner.ui.dayview.delegate import ScheduleDelegate
from mlplanner.ui.dayview.model import MIME, DayModel

NOW_LINE = QColor("#e0201b")
MIN_COLUMN = 112


class ScheduleTable(QTableView):
    cellActivated = Signal(int, int)  # Enter or double-click on a cell
    contextRequested = Signal(object, QPoint)  # AppointmentView, global position
    moveChosen = Signal(str, int, int)  # keyboard move: appointment id, target row, column

    def __init__(self, model: DayModel, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._now = now
        self._moving: AppointmentView | None = None
        self._drop_cell: tuple[int, int, int] | None = None  # row, col, rows
        self._first_scroll: Callable[[], datetime] | None = None  # see `scroll_when_laid_out`
        self.setModel(model)
        self.setItemDelegate(ScheduleDelegate(self))
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)  # we draw the landing block ourselves
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setMinimumSectionSize(8)
        vh.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        hh.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Aminata B…", not a name cut at both ends
        self._size_to_font()
        self.doubleClicked.connect(lambda i: self.cellActivated.emit(i.row(), i.column()))
        model.spansChanged.connect(self.apply_spans)
        model.modelReset.connect(self._fit_columns)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.viewport().update)
        self._tick.start(30_000)

    # --- layout ----------------------------------------------------------------------------------
    def apply_spans(self) -> None:
        self.clearSpans()
        for b in self._model.grid.blocks:
            if b.rows > 1:
                self.setSpan(b.row, b.col, b.rows, 1)
        self._fit_columns()
        self.viewport().update()

    def _size_to_font(self) -> None:
        """Rows, the time column and the header sized for the text (larger text: taller rows)."""
        fm = self.fontMetrics()
        vh = self.verticalHeader()
        vh.setDefaultSectionSize(fm.lineSpacing() + 6)
        vh.setFixedWidth(fm.horizontalAdvance("00:00") + 16)
        self.horizontalHeader().setMinimumHeight(fm.lineSpacing() + 10)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # Affichage > Taille du texte
            self._size_to_font()
            self._fit_columns()

    def _fit_columns(self) -> None:
        n = self._model.columnCount()
        if not n:
            return
        width = max(MIN_COLUMN, (self.viewport().width() - 1) // n)
        header = self.horizontalHeader()
        if all(header.sectionSize(c) == width for c in range(n)):
            return
        # the view follows the header now: told of each section, it would update its scroll bars and
        # repaint itself from a timer, after the page's first paint (a second paint of the whole grid)
        blocked = header.blockSignals(True)
        try:
            for c in range(n):
                self.setColumnWidth(c, width)
        finally:
            header.blockSignals(blocked)
        self.updateGeometries()
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()
        if self._first_scroll is not None and self.viewport().height() > 0:
            moment, self._first_scroll = self._first_scroll, None
            self.scroll_to_time(moment())

    def scroll_when_laid_out(self, moment: Callable[[], datetime]) -> None:
        """Show `moment()` near the top once the grid has its size (the page's first layout, before its
        first paint: no jump from the first hour to the current one)."""
        if self.isVisible() and self.viewport().height() > 0:
            self.scroll_to_time(moment())
        else:
            self._first_scroll = moment

    def scroll_to_time(self, moment: datetime) -> None:
        """Show `moment` near the top (half an hour of context above it)."""
        rows = self._model.rowCount()
        if not rows or not self._model.columnCount():
            return
        row = max(0, min(rows - 1, int(self._model.grid.row_of(moment)) - 2))
        self.scrollTo(self._model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    # --- selection helpers -----------------------------------------------------------------------
    def current_appointment(self) -> AppointmentView | None:
        i = self.currentIndex()
        return self._model.appointment_at(i.row(), i.column()) if i.isValid() else None

    def select_appointment(self, appointment_id: str) -> bool:
        index = self._model.index_of(appointment_id)
        if index.isValid():
            self.setCurrentIndex(index)
        return index.isValid()

    # --- keyboard move ---------------------------------------------------------------------------
    def start_move(self, a: AppointmentView) -> None:
        self._moving = a
        self.viewport().update()

    def cancel_move(self) -> None:
        self._moving = None
        self.viewport().update()

    @property
    def moving(self) -> AppointmentView | None:
        return self._moving

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            i = self.currentIndex()
            if i.isValid():
                if self._moving is not None:
                    a, self._moving = self._moving, None
                    self.moveChosen.emit(a.id, i.row(), i.column())
                else:
                    self.cellActivated.emit(i.row(), i.column())
            event.accept()
            return
        if key == Qt.Key.Key_Escape and self._moving is not None:
            self.cancel_move()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- context menu ----------------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(event.pos())
            if index.isValid():
                self.setCurrentIndex(index)
        else:
            index = self.currentIndex()
        a = self._model.appointment_at(index.row(), index.column()) if index.isValid() else None
        if a is None:
            return
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            pos = event.globalPos()
        else:
            pos = self.viewport().mapToGlobal(self.visualRect(index).center())
        self.contextRequested.emit(a, pos)

    # --- drag and drop ---------------------------------------------------------------------------
    def _dragged(self, event: QDragMoveEvent | QDropEvent) -> str | None:
        mime = event.mimeData()
        return bytes(mime.data(MIME).data()).decode() if mime.hasFormat(MIME) else None

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        aid = self._dragged(event)
        pos = event.position().toPoint()
        row, col = self.rowAt(pos.y()), self.columnAt(pos.x())
        if aid is None or row < 0 or col < 0:
            event.ignore()
            return
        block = self._model.grid.find(aid)
        self._drop_cell = (row, col, block.rows if block else 1)
        self.viewport().update()
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._drop_cell = None
        self.viewport().update()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """The drop lands on the row under the pointer, even inside another block (spans ignored)."""
        aid = self._dragged(event)
        pos = event.position().toPoint()
        row, col = self.rowAt(pos.y()), self.columnAt(pos.x())
        self._drop_cell = None
        self.viewport().update()
        if aid is None or row < 0 or col < 0:
            event.ignore()
            return
        # CopyAction: the view must not try to remove the dragged "rows" from the model afterwards
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self._model.request_move(aid, row, col)

    # --- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        grid = self._model.grid
        if not grid.rows:
            return
        painter = QPainter(self.viewport())
        h = self.rowHeight(0)
        top = self.rowViewportPosition(0)
        now = self._now()
        pen = QPen(NOW_LINE, 2)
        for c, column in enumerate(grid.columns):
            if column.day != now.date():
                continue
            frac = grid.row_of(now)
            if not 0 <= frac <= grid.rows:
                continue
            y = round(top + frac * h)
            x = self.columnViewportPosition(c)
            painter.setPen(pen)
            painter.drawLine(x, y, x + self.columnWidth(c) - 1, y)
            painter.setBrush(NOW_LINE)
            painter.drawEllipse(QPoint(x + 3, y), 3, 3)
        target = self._drop_cell
        if self._moving is not None:
            i = self.currentIndex()
            block = grid.find(self._moving.id)
            if i.isValid():
                target = (i.row(), i.column(), block.rows if block else 1)
        if target is not None:
            row, col, rows = target
            rect = QRect(
                self.columnViewportPosition(col) + 2,
                self.rowViewportPosition(row) + 1,
                self.columnWidth(col) - 5,
                rows * h - 2,
            )
            painter.setPen(QPen(QColor("#1f4e99"), 2, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(31, 78, 153, 30))
            painter.drawRoundedRect(rect, 4, 4)
        painter.end()

    def index_at_time(self, col: int, moment: datetime) -> QModelIndex:
        return self._model.index(int(self._model.grid.row_of(moment)), col)
