"""Painting the calendar canvas (week grid, session blocks, month boxes and chips) with QPainter.

Functions of the canvas (`self` is the `CalendarCanvas`): the geometry comes from its layout methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from mlplanner.services.workshops.terms import SESSION_STATE_FR, SessionState
from mlplanner.ui.i18n import tr
from mlplanner.ui.workshops.common import MUTED, STATE_COLOURS, month_name, short_day, tint, weekday_short

if TYPE_CHECKING:
    from mlplanner.ui.workshops.calendar_canvas import CalendarCanvas, Placed

GUTTER = 46  # the hours column of the week view
HEADER = 30  # the day names row
BORDER = QColor("#d5d9e0")


def paint_week(self: CalendarCanvas, p: QPainter) -> None:
    days, col_w, hour_h, first, last = self._week_geometry()
    small = QFont(self.font())
    small.setPointSizeF(self.font().pointSizeF() * 0.9)
    p.setFont(small)
    for h in range(first, last + 1):
        y = HEADER + (h - first) * hour_h
        p.setPen(QPen(BORDER, 1))
        p.drawLine(QPointF(GUTTER, y), QPointF(self.width(), y))
        if h < last:
            p.setPen(QColor(MUTED))
            p.drawText(QRectF(0, y + 2, GUTTER - 6, 16), Qt.AlignmentFlag.AlignRight, f"{h:02d}:00")
    for i, day in enumerate(days):
        x = GUTTER + i * col_w
        if day == self.today:
            p.fillRect(QRectF(x, HEADER, col_w, self.height() - HEADER), QColor("#f3f7ff"))
        p.setPen(QPen(BORDER, 1))
        p.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        bold = QFont(self.font())
        bold.setBold(day == self.today)
        p.setFont(bold)
        p.setPen(QColor("#1f4e99") if day == self.today else QColor("#222222"))
        p.drawText(QRectF(x, 0, col_w, HEADER), Qt.AlignmentFlag.AlignCenter, short_day(day))
    p.setPen(QPen(QColor("#9aa3ad"), 1))
    p.drawLine(QPointF(0, HEADER), QPointF(self.width(), HEADER))
    for placed in self._placed:
        paint_block(self, p, placed)


def paint_block(self: CalendarCanvas, p: QPainter, placed: Placed) -> None:
    s, r = placed.session, placed.rect
    cancelled = s.state is SessionState.CANCELLED
    colour = "#9e9e9e" if cancelled else s.colour
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(tint(colour, 40 if cancelled else 55))
    p.drawRoundedRect(r, 4, 4)
    p.setBrush(QColor(colour))
    p.drawRoundedRect(QRectF(r.left(), r.top(), 4, r.height()), 2, 2)
    if s.id == self.selected_id:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor("#1f4e99"), 2))
        p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 4, 4)
    inner = r.adjusted(8, 3, -4, -3)
    fm = self.fontMetrics()
    lines = [
        (f"{s.start:%H:%M}–{s.end:%H:%M}", False),
        (s.title, True),
        (s.room_name or "", False),
        (
            f"{s.confirmed}/{s.capacity}"
            + (tr(" · {n} en attente").format(n=s.waitlisted) if s.waitlisted else ""),
            False,
        ),
    ]
    if s.state is not SessionState.UPCOMING:
        lines.append((tr(SESSION_STATE_FR[s.state]), False))
    y = inner.top()
    for text, bold in lines:
        if not text or y + fm.height() > inner.bottom() + 2:
            continue
        font = QFont(self.font())
        font.setBold(bold)
        font.setStrikeOut(cancelled and bold)
        p.setFont(font)
        p.setPen(
            QColor(STATE_COLOURS[s.state])
            if text == tr(SESSION_STATE_FR.get(s.state, ""))
            else QColor("#1b1b1b")
        )
        elided = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width()))
        p.drawText(QRectF(inner.left(), y, inner.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, elided)
        y += fm.height()


def paint_month(self: CalendarCanvas, p: QPainter) -> None:
    cell_w, cell_h = self._month_geometry()
    fm = self.fontMetrics()
    for i in range(7):
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(i * cell_w, 0, cell_w, HEADER), Qt.AlignmentFlag.AlignCenter, weekday_short(i))
    for i, day in enumerate(self.days()):
        x, y = (i % 7) * cell_w, HEADER + (i // 7) * cell_h
        cell = QRectF(x, y, cell_w, cell_h)
        if day.month != self.anchor.month:
            p.fillRect(cell, QColor("#f6f7f9"))
        if day == self.today:
            p.fillRect(cell, QColor("#eef4ff"))
        p.setPen(QPen(BORDER, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(cell)
        font = QFont(self.font())
        font.setBold(day == self.today)
        p.setFont(font)
        p.setPen(
            QColor("#1f4e99")
            if day == self.today
            else QColor("#999999" if day.month != self.anchor.month else "#222222")
        )
        label = f"{day.day} {month_name(day.month)}" if day.day == 1 else str(day.day)
        p.drawText(QRectF(x + 5, y + 2, cell_w - 10, fm.height() + 2), Qt.AlignmentFlag.AlignLeft, label)
    p.setFont(self.font())
    for placed in self._placed:
        s, r = placed.session, placed.rect
        cancelled = s.state is SessionState.CANCELLED
        colour = "#9e9e9e" if cancelled else s.colour
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(tint(colour, 50))
        p.drawRoundedRect(r, 3, 3)
        p.setBrush(QColor(colour))
        p.drawRect(QRectF(r.left(), r.top(), 3, r.height()))
        if s.id == self.selected_id:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor("#1f4e99"), 1.5))
            p.drawRoundedRect(r, 3, 3)
        font = QFont(self.font())
        font.setStrikeOut(cancelled)
        p.setFont(font)
        p.setPen(QColor("#1b1b1b"))
        fm = p.fontMetrics()
        count = f"{s.confirmed}/{s.capacity}"
        box = r.adjusted(6, 1, -4, -1)
        if self._chip_lines() == 2:  # time and seats above, the title below
            top = QRectF(box.left(), box.top(), box.width(), box.height() / 2)
            bottom = QRectF(box.left(), box.top() + box.height() / 2, box.width(), box.height() / 2)
            small = QFont(self.font())
            small.setPointSizeF(self.font().pointSizeF() * 0.85)
            p.setFont(small)
            p.setPen(QColor(MUTED))
            hour = f"{s.start:%H:%M}"
            p.drawText(top, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, hour)
            if p.fontMetrics().horizontalAdvance(f"{hour}  {count}") <= top.width():  # seats if they fit
                p.drawText(top, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, count)
            p.setFont(font)
            p.setPen(QColor("#1b1b1b"))
            title = fm.elidedText(s.title, Qt.TextElideMode.ElideRight, int(box.width()))
            p.drawText(bottom, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
        else:
            room = int(box.width() - 8 - fm.horizontalAdvance(count))
            text = fm.elidedText(f"{s.start:%H:%M} {s.title}", Qt.TextElideMode.ElideRight, max(room, 10))
            p.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            p.setPen(QColor(MUTED))
            p.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, count)
    p.setFont(self.font())
    for rect, day in self._more:
        extra = sum(1 for s in self.sessions if s.start.date() == day) - sum(
            1 for pl in self._placed if pl.session.start.date() == day
        )
        p.setPen(QColor(MUTED))
        p.drawText(
            rect.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, tr("+ {n} autre(s)").format(n=extra)
        )
