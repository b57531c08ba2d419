"""The calendar canvas: a week (time grid) or a month (day boxes) of sessions.

The layout (where each session sits) is computed apart from painting (`calendar_paint`), so clicks,
tooltips and tests use the same rectangles the user sees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mlplanner.domain.wallclock import week_start
from mlplanner.services.workshops.terms import SESSION_STATE_FR
from mlplanner.services.workshops.views import SessionView
from mlplanner.ui.i18n import tr
from mlplanner.ui.workshops.calendar_paint import GUTTER, HEADER, paint_month, paint_week

WEEK, MONTH = "week", "month"


@dataclass(frozen=True)
class Placed:
    rect: QRectF
    session: SessionView


class CalendarCanvas(QWidget):
    """Paints the sessions of a week or a month and reports clicks on them."""

    sessionClicked = Signal(str)
    sessionActivated = Signal(str)  # double-click
    dayActivated = Signal(object)  # date (double-click on an empty spot)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = WEEK
        self.anchor = date.today()
        self.today = date.today()
        self.sessions: list[SessionView] = []
        self.selected_id: str | None = None
        self._placed: list[Placed] = []
        self._more: list[tuple[QRectF, date]] = []
        self.setMinimumSize(380, 280)  # fits a 1366×768 screen at 150 % beside the roster
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Calendrier des ateliers"))

    def sizeHint(self) -> QSize:
        return QSize(760, 560)

    # --- content ---------------------------------------------------------------------------------
    def set_view(self, mode: str, anchor: date, sessions: list[SessionView], today: date) -> None:
        self.mode, self.anchor, self.sessions, self.today = mode, anchor, sessions, today
        self._layout()
        self.update()

    def days(self) -> list[date]:
        if self.mode == MONTH:
            first = week_start(self.anchor.replace(day=1))
            return [first + timedelta(days=i) for i in range(42)]
        monday = week_start(self.anchor)
        shown = [monday + timedelta(days=i) for i in range(5)]
        for extra in (5, 6):  # the weekend only when something happens then
            d = monday + timedelta(days=extra)
            if any(s.start.date() == d for s in self.sessions):
                shown.append(d)
        return shown

    def period(self) -> tuple[date, date]:
        d = self.days()
        if self.mode == WEEK:
            return d[0], d[0] + timedelta(days=6)
        return d[0], d[-1]

    def session_rect(self, session_id: str) -> QRectF | None:
        return next((p.rect for p in self._placed if p.session.id == session_id), None)

    def session_at(self, pos: QPointF) -> SessionView | None:
        return next((p.session for p in reversed(self._placed) if p.rect.contains(pos)), None)

    # --- geometry --------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._layout()
        super().resizeEvent(event)

    def _hours(self) -> tuple[int, int]:
        first, last = 8, 18
        for s in self.sessions:
            first = min(first, s.start.hour)
            last = max(last, s.end.hour + (1 if s.end.minute else 0))
        return first, max(last, first + 1)

    def _layout(self) -> None:
        self._placed, self._more = [], []
        if self.mode == WEEK:
            self._layout_week()
        else:
            self._layout_month()

    def _week_geometry(self) -> tuple[list[date], float, float, int, int]:
        days = self.days()
        col_w = (self.width() - GUTTER - 1) / max(len(days), 1)
        first, last = self._hours()
        hour_h = max((self.height() - HEADER - 1) / (last - first), 24.0)
        return days, col_w, hour_h, first, last

    def _layout_week(self) -> None:
        days, col_w, hour_h, first, _ = self._week_geometry()
        for i, day in enumerate(days):
            todays = sorted(
                (s for s in self.sessions if s.start.date() == day), key=lambda s: (s.start, s.end)
            )
            lanes: list[datetime] = []  # end of the last session in each lane
            where: list[tuple[SessionView, int]] = []
            for s in todays:
                lane = next((n for n, end in enumerate(lanes) if end <= s.start), len(lanes))
                if lane == len(lanes):
                    lanes.append(s.end)
                else:
                    lanes[lane] = s.end
                where.append((s, lane))
            n = max(len(lanes), 1)
            for s, lane in where:
                top = HEADER + ((s.start.hour - first) + s.start.minute / 60) * hour_h
                bottom = HEADER + ((s.end.hour - first) + s.end.minute / 60) * hour_h
                x = GUTTER + i * col_w + 3 + lane * (col_w - 6) / n
                self._placed.append(Placed(QRectF(x, top + 1, (col_w - 6) / n - 2, bottom - top - 2), s))

    def _month_geometry(self) -> tuple[float, float]:
        return (self.width() - 1) / 7, (self.height() - HEADER - 1) / 6

    def _chip_lines(self) -> int:
        """Two-line chips (time and seats, then the title) when cells are narrow and tall enough."""
        cell_w, cell_h = self._month_geometry()
        line = self.fontMetrics().height() + 5
        return (
            2
            if cell_w < self.fontMetrics().horizontalAdvance("00:00 Atelier de CV 00/00")
            and cell_h >= 3.2 * line
            else 1
        )

    def _layout_month(self) -> None:
        cell_w, cell_h = self._month_geometry()
        line = self.fontMetrics().height() + 5
        chip = line * self._chip_lines() - (3 if self._chip_lines() == 2 else 0)
        for i, day in enumerate(self.days()):
            x, y = (i % 7) * cell_w, HEADER + (i // 7) * cell_h
            todays = sorted((s for s in self.sessions if s.start.date() == day), key=lambda s: s.start)
            room_for = max(int((cell_h - line - 4) // chip), 1)
            shown = todays if len(todays) <= room_for else todays[: room_for - 1]
            for n, s in enumerate(shown):
                self._placed.append(Placed(QRectF(x + 3, y + line + 2 + n * chip, cell_w - 6, chip - 2), s))
            if len(shown) < len(todays):
                rect = QRectF(x + 3, y + line + 2 + len(shown) * chip, cell_w - 6, line - 2)
                self._more.append((rect, day))

    # --- painting (calendar_paint) -----------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if self.mode == WEEK:
            paint_week(self, p)
        else:
            paint_month(self, p)
        p.end()

    # --- mouse -----------------------------------------------------------------------------------
    def _day_at(self, pos: QPointF) -> date | None:
        if pos.y() < HEADER:
            return None
        if self.mode == WEEK:
            days, col_w, *_ = self._week_geometry()
            i = math.floor((pos.x() - GUTTER) / col_w)
            return days[i] if 0 <= i < len(days) else None
        cell_w, cell_h = self._month_geometry()
        i = int(pos.x() // cell_w) + 7 * int((pos.y() - HEADER) // cell_h)
        days = self.days()
        return days[i] if 0 <= i < len(days) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        s = self.session_at(event.position())
        if s is not None:
            self.selected_id = s.id
            self.update()
            self.sessionClicked.emit(s.id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        s = self.session_at(event.position())
        if s is not None:
            self.sessionActivated.emit(s.id)
            return
        day = self._day_at(event.position())
        if day is not None:
            self.dayActivated.emit(day)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        s = self.session_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if s else Qt.CursorShape.ArrowCursor)
        if s is not None:
            who = ", ".join(s.facilitators) or tr("sans animateur")
            self.setToolTip(
                f"{s.title}\n{s.start:%d/%m/%Y} {s.start:%H:%M}–{s.end:%H:%M} · {s.room_name or tr('sans salle')}\n"
                + tr("{who}\n{n}/{cap} inscrits, {w} en attente · {state}").format(
                    who=who,
                    n=s.confirmed,
                    cap=s.capacity,
                    w=s.waitlisted,
                    state=tr(SESSION_STATE_FR[s.state]),
                )
            )
        else:
            self.setToolTip("")
        super().mouseMoveEvent(event)
