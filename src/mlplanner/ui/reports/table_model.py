"""A report table (`sync.workbook.Table`) shown as it is written to the spreadsheet: same columns, same rows,
numbers right-aligned and sorted as numbers, dates sorted as dates, report words in the UI language."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from mlplanner.domain.text import fold
from mlplanner.sync.workbook import Kind, Table, Value, display_text
from mlplanner.ui.reports.words import word
from mlplanner.ui.widgets.rows_model import SORT_ROLE, compact_rows

Index = QModelIndex | QPersistentModelIndex
NUMERIC = (Kind.INT, Kind.DECIMAL, Kind.PERCENT)


def sort_value(value: Value, kind: Kind) -> Any:
    """A key Qt compares (a number or a string, never a Python tuple): numbers as numbers, dates and
    times as ISO text, words without accents; an empty cell first."""
    if kind in NUMERIC or (isinstance(value, int | float) and not isinstance(value, bool)):
        return float(value) if isinstance(value, int | float) else float("-inf")
    if value is None:
        return ""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return fold(str(value))


class ReportTableModel(QAbstractTableModel):
    def __init__(self, table: Table | None = None) -> None:
        super().__init__()
        self.table = table

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        column = self.table.columns[index.column()]
        value = self.table.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = display_text(value, column.kind)
            return word(text) if column.kind in (Kind.TEXT, Kind.BOOL) else text
        if role == SORT_ROLE:
            return sort_value(value, column.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.table is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.table.columns):
            return word(self.table.columns[section].title)
        return None


def report_view(name: str) -> QTableView:
    """A read-only, sortable table view sized for a report."""
    from PySide6.QtCore import QSortFilterProxyModel

    view = QTableView()
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the report's own order first
    view.setSortingEnabled(True)
    proxy = QSortFilterProxyModel(view)
    proxy.setSortRole(SORT_ROLE)
    view.setModel(proxy)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    compact_rows(view)
    return view
