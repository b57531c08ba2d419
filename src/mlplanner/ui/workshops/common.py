"""Shared bits of the workshop screens: colours of the lifecycle, dates in the UI language (QLocale),
the operations helper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QColor

from mlplanner.services.context import Actor
from mlplanner.services.workshops.terms import SessionState
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt, QtPrompt
from mlplanner.ui.widgets.error_text import ERROR_STYLE as ERROR_STYLE  # the workshop dialogs import it here

ActorProvider = Callable[[], Actor]

STATE_COLOURS: dict[SessionState, str] = {
    SessionState.UPCOMING: "#1f4e99",
    SessionState.TO_CLOSE: "#b35900",
    SessionState.SIGNED: "#2e7d32",
    SessionState.CLOSED: "#555555",
    SessionState.CANCELLED: "#9e9e9e",
}
NOTICE_STYLE = (
    "QLabel { background: #fff4d6; border: 1px solid #e6c25a; border-radius: 4px; padding: 6px 8px;"
    " color: #4a3b00; }"
)
MUTED = "#5f6b7a"


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def long_date(d: date) -> str:
    """ "mardi 16 mars 2027" (in the UI language)."""
    return QLocale().toString(qdate(d), "dddd d MMMM yyyy")


def short_day(d: date) -> str:
    """ "mar. 16/03"."""
    return QLocale().toString(qdate(d), "ddd dd/MM")


def month_name(month: int) -> str:
    """ "mars" (standalone, in the UI language)."""
    return QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)


def weekday_short(weekday: int) -> str:
    """0 = Monday → "lun."."""
    return QLocale().standaloneDayName(weekday + 1, QLocale.FormatType.ShortFormat)


def hours(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def make_ops(bus: ChangeBus, ops: Operations | None, prompt: Prompt | None) -> Operations:
    """The window's operations helper, or a private one (standalone widgets, tests)."""
    return ops if ops is not None else Operations(bus, prompt or QtPrompt())


def tint(colour: str, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c
