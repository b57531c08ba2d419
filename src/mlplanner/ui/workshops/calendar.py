"""The workshop calendar: a week (time grid) or a month (day boxes) of sessions, drawn with QPainter.

The layout (where each session sits) is computed apart from painting, so clicks, keyboard selection
and tests use the same rectangles the user sees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.models import Changes
from ...domain.wallclock import week_start
from ...services.container import Services
from ...services.workshop_terms import SESSION_STATE_FR, SessionState
from ...services.workshop_views import SessionView
from ..bus import ChangeBus, concerns
from ..i18n import tr
from .common import MUTED, STATE_COLOURS, month_name, short_day, tint, weekday_short

WEEK, MONTH = "week", "month"
GUTTER = 46
HEADER = 30
BORDER = QColor("#d5d9e0")


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
        self.setMinimumSize(520, 360)
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

    # --- painting --------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if self.mode == WEEK:
            self._paint_week(p)
        else:
            self._paint_month(p)
        p.end()

    def _paint_week(self, p: QPainter) -> None:
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
            self._paint_block(p, placed)

    def _paint_block(self, p: QPainter, placed: Placed) -> None:
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
            lines.append((SESSION_STATE_FR[s.state], False))
        y = inner.top()
        for text, bold in lines:
            if not text or y + fm.height() > inner.bottom() + 2:
                continue
            font = QFont(self.font())
            font.setBold(bold)
            font.setStrikeOut(cancelled and bold)
            p.setFont(font)
            p.setPen(
                QColor(STATE_COLOURS[s.state]) if text == SESSION_STATE_FR.get(s.state) else QColor("#1b1b1b")
            )
            elided = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width()))
            p.drawText(
                QRectF(inner.left(), y, inner.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, elided
            )
            y += fm.height()

    def _paint_month(self, p: QPainter) -> None:
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
                    who=who, n=s.confirmed, cap=s.capacity, w=s.waitlisted, state=SESSION_STATE_FR[s.state]
                )
            )
        else:
            self.setToolTip("")
        super().mouseMoveEvent(event)


class WorkshopCalendar(QWidget):
    """Toolbar (previous / today / next, week or month) over the canvas; reloads on workshop changes."""

    sessionSelected = Signal(str)
    sessionActivated = Signal(str)

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.canvas = CalendarCanvas()
        self.title = QLabel()
        self.title.setObjectName("calendarTitle")
        self.title.setStyleSheet("QLabel#calendarTitle { font-size: 12pt; font-weight: 600; }")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(120)
        prev, nxt = QToolButton(), QToolButton()
        prev.setText("◀")
        nxt.setText("▶")
        prev.setToolTip(tr("Précédent"))
        nxt.setToolTip(tr("Suivant"))
        prev.setAccessibleName(tr("Période précédente"))
        nxt.setAccessibleName(tr("Période suivante"))
        today = QPushButton(tr("Aujourd'hui"))
        self.week_button, self.month_button = QPushButton(tr("Semaine")), QPushButton(tr("Mois"))
        group = QButtonGroup(self)
        for b in (self.week_button, self.month_button):
            b.setCheckable(True)
            group.addButton(b)
        self.week_button.setChecked(True)
        bar = QHBoxLayout()
        bar.addWidget(prev)
        bar.addWidget(today)
        bar.addWidget(nxt)
        bar.addSpacing(10)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.week_button)
        bar.addWidget(self.month_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.canvas, 1)
        prev.clicked.connect(lambda: self.step(-1))
        nxt.clicked.connect(lambda: self.step(1))
        today.clicked.connect(lambda: self.go(self.today()))
        self.week_button.clicked.connect(lambda: self.set_mode(WEEK))
        self.month_button.clicked.connect(lambda: self.set_mode(MONTH))
        self.canvas.sessionClicked.connect(self.sessionSelected)
        self.canvas.sessionActivated.connect(self.sessionActivated)
        self.canvas.dayActivated.connect(self._open_week_of)
        bus.changed.connect(self._on_changes)
        self.mode = WEEK
        self.anchor = self.today()
        self.refresh()

    def today(self) -> date:
        return self.services.ctx.now_local(self.services.directory.site().timezone).date()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        (self.week_button if mode == WEEK else self.month_button).setChecked(True)
        self.refresh()

    def step(self, direction: int) -> None:
        if self.mode == WEEK:
            self.anchor += timedelta(days=7 * direction)
        else:
            y, m = self.anchor.year, self.anchor.month + direction
            y, m = (y + (m - 1) // 12, (m - 1) % 12 + 1)
            self.anchor = date(y, m, 1)
        self.refresh()

    def go(self, day: date) -> None:
        self.anchor = day
        self.refresh()

    def _open_week_of(self, day: date) -> None:
        self.anchor = day
        self.set_mode(WEEK)

    def select_session(self, session_id: str | None, *, day: date | None = None) -> None:
        if day is not None and not (self.canvas.period()[0] <= day <= self.canvas.period()[1]):
            self.go(day)
        self.canvas.selected_id = session_id
        self.canvas.update()

    def refresh(self) -> None:
        self.canvas.mode, self.canvas.anchor = self.mode, self.anchor
        first, last = self.canvas.period()
        sessions = self.services.workshops.sessions_between(first, last)
        self.canvas.set_view(self.mode, self.anchor, sessions, self.today())
        if self.mode == WEEK:
            monday = week_start(self.anchor)
            sunday = monday + timedelta(days=6)
            same = monday.month == sunday.month
            left = f"{monday.day}" if same else f"{monday.day} {month_name(monday.month)}"
            right = f"{sunday.day} {month_name(sunday.month)} {sunday.year}"
            self.title.setText(f"{left} – {right}")
            self.title.setToolTip(tr("Semaine du {first} au {last}").format(first=left, last=right))
        else:
            self.title.setText(f"{month_name(self.anchor.month).capitalize()} {self.anchor.year}")

    def _on_changes(self, changes: Changes) -> None:
        if concerns(changes, "workshops", "config", "staff"):
            self.refresh()


__all__ = ["MONTH", "WEEK", "CalendarCanvas", "WorkshopCalendar"]
