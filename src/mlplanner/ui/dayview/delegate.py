"""Paints the schedule cells: shaded closed time, coloured appointment blocks whose look says the status.

Status at a glance (colour is never the only cue, for colour-blind users): booked = light fill with
the type's colour bar; arrived = strong fill, thick green border and "● arrivé"; seen = pale, greyed
text, "✓"; no-show = red dashed border and struck-through name.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from mlplanner.domain.enums import Status
from mlplanner.domain.labels import STATUS_FR
from mlplanner.ui.dayview.grid import Block
from mlplanner.ui.dayview.model import BLOCK_ROLE, SHADE_ROLE, START_ROLE, mode_suffix
from mlplanner.ui.i18n import tr
from mlplanner.ui.widgets.appointment_text import type_text

GRID_LINE = QColor("#e6e6e6")
HOUR_LINE = QColor("#c4c4c4")
COLUMN_LINE = QColor("#cfcfcf")
SHADE_FILL = QColor("#eeeeee")
SHADE_HATCH = QColor("#d9d9d9")
ABSENCE_FILL = QColor("#f6ead7")
ARRIVED = QColor("#1b7f3b")
NO_SHOW = QColor("#b00020")
SELECTED = QColor("#1f4e99")
ATTENTION = QColor("#c0392b")  # an appointment to deal with (absence, closure, holiday)
CALL = QColor("#b7791f")  # on the call list


def blend(colour: QColor, alpha: float) -> QColor:
    """`colour` laid over white with opacity `alpha` (a readable pastel of the type's colour)."""
    return QColor(
        round(255 + (colour.red() - 255) * alpha),
        round(255 + (colour.green() - 255) * alpha),
        round(255 + (colour.blue() - 255) * alpha),
    )


BADGES = {Status.ARRIVED: "● ", Status.SEEN: "✓ ", Status.NO_SHOW: "✗ "}


def second_line(block: Block) -> str:
    """The block's second line: type and status in words and signs (colour is never the only cue); a
    double booking says so and keeps the status."""
    a = block.appointment
    assert a is not None
    status = f"{BADGES.get(a.status, '')}{tr(STATUS_FR[a.status])}"
    if block.also:
        names = ", ".join(x.youth_name for x in block.also)
        return tr("⚠ double : {names}").format(names=names) + f" · {status}"
    return f"{type_text(a)}{mode_suffix(a)} · {status}"


class ScheduleDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        rect: QRect = option.rect
        block: Block | None = index.data(BLOCK_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if block is None:
            self._paint_cell(painter, option, index, rect, selected)
        else:
            painter.fillRect(rect, Qt.GlobalColor.white)
            self._paint_block(painter, option, block, rect, selected)
        painter.setPen(COLUMN_LINE)
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.restore()

    # --- empty (or closed) cells ---------------------------------------------------------------
    def _paint_cell(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        rect: QRect,
        selected: bool,
    ) -> None:
        shade: str | None = index.data(SHADE_ROLE)
        if shade:
            absence = shade.startswith("Absent")
            painter.fillRect(rect, ABSENCE_FILL if absence else SHADE_FILL)
            painter.fillRect(rect, QBrush(SHADE_HATCH, Qt.BrushStyle.BDiagPattern))
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if text:
                painter.setPen(QColor("#555555"))
                font = QFont(option.font)
                font.setItalic(True)
                painter.setFont(font)
                painter.drawText(
                    rect.adjusted(6, 1, -4, 0),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 10),
                )
        else:
            painter.fillRect(rect, Qt.GlobalColor.white)
        start = index.data(START_ROLE)
        painter.setPen(HOUR_LINE if start is not None and start.minute == 45 else GRID_LINE)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if selected:
            painter.setPen(QPen(SELECTED, 2))
            painter.setBrush(QColor(31, 78, 153, 40))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))

    # --- appointment blocks --------------------------------------------------------------------
    def _paint_block(
        self, painter: QPainter, option: QStyleOptionViewItem, block: Block, rect: QRect, selected: bool
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        box = QRectF(rect.adjusted(2, 1, -3, -2))
        if block.overlay is not None:
            painter.setPen(QPen(QColor("#7a7a7a"), 1))
            painter.setBrush(QBrush(QColor("#dcdcdc")))
            painter.drawRoundedRect(box, 4, 4)
            self._text(
                painter, option, box.adjusted(8, 2, -4, -2), block.overlay.label, "", QColor("#333333")
            )
            return
        a = block.appointment
        assert a is not None
        colour = QColor(a.colour) if QColor.isValidColorName(a.colour) else QColor("#7f8c8d")
        status = a.status
        fill = blend(colour, 0.22)
        border = QPen(blend(colour, 0.8), 1)
        text_colour = QColor("#1a1a1a")
        if status is Status.ARRIVED:
            fill = blend(colour, 0.45)
            border = QPen(ARRIVED, 3)
        elif status is Status.SEEN:
            fill = QColor("#f4f4f4")
            border = QPen(QColor("#b5b5b5"), 1)
            text_colour = QColor("#6b6b6b")
        elif status is Status.NO_SHOW:
            fill = QColor("#fff5f5")
            border = QPen(NO_SHOW, 2, Qt.PenStyle.DashLine)
            text_colour = QColor("#7a0015")
        if block.also:
            border = QPen(NO_SHOW, 3)
        if block.attention == "todo":  # left in the way by an absence, closure or holiday
            fill = QColor("#fde2e1")
            border = QPen(ATTENTION, 3, Qt.PenStyle.DashLine)
        elif block.attention == "call":
            border = QPen(CALL, 2, Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 4, 4)
        bar = QRectF(box.left() + 1, box.top() + 1, 5, box.height() - 2)
        painter.fillRect(bar, QColor("#b5b5b5") if status is Status.SEEN else colour)
        second = second_line(block)
        if block.attention_text:
            second = block.attention_text
        self._text(
            painter,
            option,
            box.adjusted(10, 2, -4, -2),
            a.youth_name,
            second,
            text_colour,
            strike=status is Status.NO_SHOW,
        )
        if selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(SELECTED, 2, Qt.PenStyle.SolidLine))
            painter.drawRoundedRect(box.adjusted(-1, -1, 1, 1), 5, 5)

    def _text(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        box: QRectF,
        first: str,
        second: str,
        colour: QColor,
        *,
        strike: bool = False,
    ) -> None:
        fm = option.fontMetrics
        bold = QFont(option.font)
        bold.setBold(True)
        bold.setStrikeOut(strike)
        painter.setPen(colour)
        painter.setFont(bold)
        line = fm.lineSpacing()
        width = int(box.width())
        one_line = box.height() < 2 * line
        if one_line and second:
            # a short block: name and the rest on one line
            painter.drawText(
                box,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(f"{first} — {second}", Qt.TextElideMode.ElideRight, width),
            )
            return
        painter.drawText(
            QRectF(box.left(), box.top(), box.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(first, Qt.TextElideMode.ElideRight, width),
        )
        if second:
            painter.setFont(option.font)
            painter.drawText(
                QRectF(box.left(), box.top() + line, box.width(), line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(second, Qt.TextElideMode.ElideRight, width),
            )
