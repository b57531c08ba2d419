"""A read-mostly table model over a list of frozen views, described by columns.

Each column says how to show a row (text, sort key, colours, tooltip, an optional check box). Refreshing
with rows whose keys are unchanged only emits `dataChanged`, so a live refresh keeps the view's
selection and scroll position; otherwise the model resets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QTableView

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
DARK_TEXT = "#1a1a1a"  # text on the light backgrounds that mark rows (statuses, ticks)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio (1 to 21; 4.5 for text, 3 for large text and signs)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(background: str) -> str:
    """Dark text on a light background, white text on a dark one (the type colour of a row...)."""
    bg = QColor(background)
    return DARK_TEXT if contrast(QColor(DARK_TEXT), bg) >= contrast(QColor("#ffffff"), bg) else "#ffffff"


SORT_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    align_right: bool = False
    background: Callable[[T], str | None] | None = None  # "#RRGGBB" or None
    foreground: Callable[[T], str | None] | None = None
    tooltip: Callable[[T], str] | None = None
    checked: Callable[[T], bool] | None = None  # a check box in this column
    checkable: Callable[[T], bool] | None = None  # may the user toggle it (default: yes)


def compact_rows(view: QTableView) -> None:
    """Rows as tall as the text needs (the default is roomier than a desk screen can afford)."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setMinimumSectionSize(view.fontMetrics().horizontalAdvance("00/00/0000") + 12)


class RowsModel(QAbstractTableModel, Generic[T]):
    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        key: Callable[[T], Any] = id,
        on_check: Callable[[T, bool], None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._key = key
        self._on_check = on_check

    # --- content ---------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        rows = list(rows)
        if [self._key(r) for r in rows] == [self._key(r) for r in self._rows] and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self._columns) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def key_of(self, row: T) -> Any:
        return self._key(row)

    def row_of_key(self, key: Any) -> int:
        return next((i for i, r in enumerate(self._rows) if self._key(r) == key), -1)

    # --- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return self._columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col = self._columns[index.column()]
        if col.checked is not None and self._on_check is not None:
            row = self._rows[index.row()]
            if col.checkable is None or col.checkable(row):
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        col = self._columns[index.column()]
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return col.text(row)
        if role == SORT_ROLE:
            key = col.sort_key(row) if col.sort_key else col.text(row)
            return key if isinstance(key, int | float | str) else str(key)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.CheckStateRole and col.checked is not None:
            return Qt.CheckState.Checked if col.checked(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if col.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col.background is not None:
            colour = col.background(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(col, row)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row) or None
        return None

    @staticmethod
    def _foreground(col: Column[T], row: T) -> QBrush | None:
        """The text colour of a cell, readable whatever the palette (a high-contrast theme may put
        white text on black): on a cell's own light background, dark text; a column's own text colour
        only where the palette's background is light (it was chosen for that); else the palette's."""
        background = col.background(row) if col.background is not None else None
        if background:
            return QBrush(QColor(readable_on(background)))
        if col.foreground is None or QApplication.palette().base().color().lightness() < 128:
            return None
        colour = col.foreground(row)
        return QBrush(QColor(colour)) if colour else None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A check box toggled: hand it to `on_check` (a service call); the refresh shows the result."""
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or self._on_check is None
            or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        if isinstance(value, bool):
            checked = value
        elif isinstance(value, Qt.CheckState):
            checked = value == Qt.CheckState.Checked
        else:
            checked = int(value) == Qt.CheckState.Checked.value
        self._on_check(self._rows[index.row()], checked)
        return True
