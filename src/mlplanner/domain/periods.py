"""The periods reports cover: an ISO week ("2027-W10"), a month ("2027-03"), a range of days.

French weeks run Monday to Sunday and are numbered as ISO 8601 does (week 1 holds the first Thursday of
the year), which is what French calendars print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mlplanner.domain.errors import InputError
from mlplanner.domain.labels import MONTHS_FR
from mlplanner.domain.limits import check_date
from mlplanner.domain.wallclock import format_date_fr

MAX_DAYS = 3700  # ten years: a longer period is a typing error

_WEEK = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$|^\s*(\d{1,2})/(\d{4})\s*$")


@dataclass(frozen=True)
class Period:
    """Days `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        check_date(self.start, "début de la période")
        check_date(self.end, "fin de la période")
        if self.end < self.start:
            raise InputError("end_before_start", "La fin de la période doit suivre son début.")
        if (self.end - self.start).days > MAX_DAYS:
            raise InputError("period_too_long", "La période est limitée à dix ans.")

    @property
    def lo(self) -> datetime:
        """First instant (wall clock) of the period."""
        return datetime.combine(self.start, time.min)

    @property
    def hi(self) -> datetime:
        """First instant after the period."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day <= self.end

    def describe_fr(self) -> str:
        if self.start == self.end:
            return f"le {format_date_fr(self.start)}"
        return f"du {format_date_fr(self.start)} au {format_date_fr(self.end)}"


def parse_week(text: str) -> Period:
    """ "2027-W10" (or "2027W10", "2027-w10") → Monday to Sunday of that ISO week."""
    m = _WEEK.match(text or "")
    if not m:
        raise InputError(
            "bad_week", f"Semaine illisible : « {text} » (attendu AAAA-Wss, par exemple 2027-W10)."
        )
    year, week = int(m.group(1)), int(m.group(2))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise InputError("bad_week", f"La semaine {week} n'existe pas en {year}.") from exc
    return Period(monday, monday + timedelta(days=6))


def week_code(day: date) -> str:
    """ "2027-W10": the ISO week holding `day`."""
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def parse_month(text: str) -> Period:
    """ "2027-03" (or "03/2027") → the first to the last day of that month."""
    m = _MONTH.match(text or "")
    if not m:
        raise InputError("bad_month", f"Mois illisible : « {text} » (attendu AAAA-MM, par exemple 2027-03).")
    year, month = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
    if not 1 <= month <= 12:
        raise InputError("bad_month", f"Le mois {month} n'existe pas.")
    first = date(year, month, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return Period(first, last)


def month_label(day: date) -> str:
    """ "mars 2027"."""
    return f"{MONTHS_FR[day.month - 1]} {day.year}"


def months_between(period: Period) -> list[date]:
    """The first day of every calendar month the period touches."""
    out, d = [], period.start.replace(day=1)
    while d <= period.end:
        out.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    return out
