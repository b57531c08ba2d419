"""Qt table model over a `Grid`: one cell per (15-minute row, column); a block spans its rows.

The model holds only frozen data. A refresh with the same columns and rows updates cells in place
(`dataChanged`), so the view keeps its selection and scroll position; a different shape resets.
Drops do not change the model: they emit `moveRequested`, and the page runs the move through the
booking service (which checks every rule) and refreshes from what was stored.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.labels import MODE_FR, STATUS_FR
from mlplanner.domain.models import AppointmentView
from mlplanner.ui.dayview.grid import Block, Grid
from mlplanner.ui.i18n import tr
from mlplanner.ui.widgets.appointment_text import staff_text, type_text

MIME = "application/x-mlplanner-appointment"

APPOINTMENT_ROLE = Qt.ItemDataRole.UserRole + 1  # AppointmentView covering the cell, or None
BLOCK_ROLE = Qt.ItemDataRole.UserRole + 2  # Block covering the cell, or None
SHADE_ROLE = Qt.ItemDataRole.UserRole + 3  # why the cell is closed (str), or None
START_ROLE = Qt.ItemDataRole.UserRole + 4  # datetime of the cell's start
TOP_ROLE = Qt.ItemDataRole.UserRole + 5  # True on the first cell of a block

Index = QModelIndex | QPersistentModelIndex


DARK_TEXT = "#1a1a1a"


def pastel(colour: str, alpha: float = 0.22) -> QColor:
    """A type's colour laid over white (a readable background for dark text, whatever the theme)."""
    c = QColor(colour) if QColor.isValidColorName(colour) else QColor("#7f8c8d")
    return QColor(
        round(255 + (c.red() - 255) * alpha),
        round(255 + (c.green() - 255) * alpha),
        round(255 + (c.blue() - 255) * alpha),
    )


def mode_suffix(a: AppointmentView, sep: str = " · ") -> str:
    """ " · téléphone" for a remote appointment, unless the type's label already says so."""
    if a.mode is Mode.ON_SITE:
        return ""
    mode = MODE_FR[a.mode]  # compared in French: the type labels are the site's own (French) words
    return "" if mode.lower()[:6] in a.type_label.lower() else f"{sep}{tr(mode)}"


def block_text(block: Block) -> str:
    if block.overlay is not None:
        return block.overlay.label
    a = block.appointment
    assert a is not None
    text = f"{a.youth_name}\n{type_text(a)}{mode_suffix(a)} · {tr(STATUS_FR[a.status])}"
    if block.attention_text:
        text += "\n" + block.attention_text
    if block.also:
        text += "\n" + tr("⚠ aussi : {names}").format(names=", ".join(x.youth_name for x in block.also))
    return text


def block_tooltip(block: Block) -> str:
    if block.overlay is not None:
        o = block.overlay
        return f"{o.label}\n{o.start:%H:%M}–{o.end:%H:%M}"
    a = block.appointment
    assert a is not None
    lines = [
        a.youth_name,
        f"{type_text(a)} ({tr(MODE_FR[a.mode])})",
        tr("{start}–{end} avec {who}").format(
            start=f"{a.start:%H:%M}", end=f"{a.end:%H:%M}", who=staff_text(a)
        )
        + (f", {a.room_name}" if a.room_name else ""),
        tr("Statut : {status}").format(status=tr(STATUS_FR[a.status])),
    ]
    if a.notes and a.confidential:  # read in Ma journée's detail panel, where opening it is audited
        lines.append(tr("Note confidentielle (Ma journée)"))
    elif a.notes:
        lines.append(tr("Note : {note}").format(note=a.notes))
    if a.forced_reason:
        lines.append(tr("Double rendez-vous forcé : {reason}").format(reason=a.forced_reason))
    if block.attention_text:
        lines.append(block.attention_text)
    for other in block.also:
        lines.append(
            tr("⚠ En même temps : {name} ({start}–{end})").format(
                name=other.youth_name, start=f"{other.start:%H:%M}", end=f"{other.end:%H:%M}"
            )
        )
    return "\n".join(lines)


class DayModel(QAbstractTableModel):
    moveRequested = Signal(str, object, str, str)  # appointment id, new start, column kind, resource id
    spansChanged = Signal()

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self.grid = Grid()

    # --- feeding -------------------------------------------------------------------------------
    def set_grid(self, grid: Grid) -> None:
        if self.grid.same_shape(grid) and grid.rows and grid.columns:
            self.grid = grid
            self.dataChanged.emit(self.index(0, 0), self.index(grid.rows - 1, len(grid.columns) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(grid.columns) - 1)
        else:
            self.beginResetModel()
            self.grid = grid
            self.endResetModel()
        self.spansChanged.emit()

    # --- shape ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.grid.rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.grid.columns):
                return None
            column = self.grid.columns[section]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{column.title} — {column.day:%d/%m/%Y}"
            return None
        if not 0 <= section < self.grid.rows:
            return None
        t = self.grid.row_time(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{t:%H:%M}" if t.minute in (0, 30) else ""
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{t:%H:%M}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return None

    # --- content -------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        block = self.grid.block_at(row, col)
        top = block is not None and block.row == row
        if role == Qt.ItemDataRole.DisplayRole:
            if block is not None:
                return block_text(block) if top else ""
            shade = self.grid.shade_at(row, col)
            if shade and (row == 0 or self.grid.shade_at(row - 1, col) != shade):
                return shade
            return ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if block is not None:
                return block_tooltip(block)
            return self.grid.shade_at(row, col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            start = self.grid.row_start(row, col)
            title = self.grid.columns[col].title
            if block is not None:
                return f"{start:%H:%M}, {title} : " + block_text(block).replace("\n", ", ")
            shade = self.grid.shade_at(row, col)
            return f"{start:%H:%M}, {title} : " + (shade.lower() if shade else "libre")
        if role == Qt.ItemDataRole.BackgroundRole:
            if block is not None and block.appointment is not None:
                return pastel(block.appointment.colour)  # as the grid paints it, under dark text
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(DARK_TEXT) if block is not None and block.appointment is not None else None
        if role == APPOINTMENT_ROLE:
            return block.appointment if block is not None else None
        if role == BLOCK_ROLE:
            return block
        if role == SHADE_ROLE:
            return None if block is not None else self.grid.shade_at(row, col)
        if role == START_ROLE:
            return self.grid.row_start(row, col)
        if role == TOP_ROLE:
            return top
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        a = self.appointment_at(index.row(), index.column())
        if a is not None and a.status is Status.BOOKED:
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    # --- helpers for the view ------------------------------------------------------------------
    def appointment_at(self, row: int, col: int) -> AppointmentView | None:
        block = self.grid.block_at(row, col)
        return block.appointment if block is not None else None

    def index_of(self, appointment_id: str) -> QModelIndex:
        block = self.grid.find(appointment_id)
        return self.index(block.row, block.col) if block is not None else QModelIndex()

    def slot_at(self, row: int, col: int) -> tuple[datetime, str, str]:
        """(start, column kind, resource id) of a cell: what a booking or a move there means."""
        column = self.grid.columns[col]
        return self.grid.row_start(row, col), column.kind, column.resource_id

    # --- drag and drop -------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        for index in indexes:
            a = self.appointment_at(index.row(), index.column())
            if a is not None:
                mime.setData(MIME, QByteArray(a.id.encode()))
                break
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """A drop asks for a move; the model itself never changes here (see module docstring)."""
        if not data.hasFormat(MIME):
            return False
        if parent.isValid():
            row, column = parent.row(), parent.column()
        if not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return False
        return self.request_move(bytes(data.data(MIME).data()).decode(), row, column)

    def request_move(self, appointment_id: str, row: int, col: int) -> bool:
        start, kind, resource_id = self.slot_at(row, col)
        self.moveRequested.emit(appointment_id, start, kind, resource_id)
        return True
