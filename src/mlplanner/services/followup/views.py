"""What the follow-up service returns: history items, attendance, CEJ hours per week, portfolio lines,
reminder calls; and the small pure rules behind them (programme-end warning, open days, initials).

Frozen dataclasses and functions of plain data only: safe to keep in a Qt model, easy to test alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from mlplanner.domain.enums import Mode, Programme
from mlplanner.domain.labels import PROGRAMME_FR
from mlplanner.domain.models import YouthView
from mlplanner.domain.wallclock import format_date_fr, week_start

if TYPE_CHECKING:
    from mlplanner.services.booking.availability import SiteCalendar
    from mlplanner.storage.tables import Youth

CEJ_MIN_HOURS = 15
CEJ_MAX_HOURS = 20
PROGRAMME_WARNING_DAYS = 30


@dataclass(frozen=True)
class Activity:
    """One thing in a youth's history: an appointment, a workshop session..."""

    kind: str  # "appointment", "workshop"...
    kind_label: str  # "Rendez-vous", "Atelier"
    id: str
    youth_id: str
    start: datetime
    end: datetime
    title: str  # type of appointment, workshop name
    with_whom: str  # counsellor, facilitator
    place: str  # room, or the mode when remote
    status: str  # machine value
    status_label: str  # French
    attended: bool | None  # came (True), did not come (False), no outcome to count (None)
    upcoming: bool  # still planned and not started yet
    confidential: bool = False  # a confidential appointment type: `title` hidden from others
    staff_ids: tuple[str, ...] = ()  # who holds it (they see a confidential title)

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


@dataclass(frozen=True)
class Attendance:
    attended: int
    missed: int

    @property
    def rate(self) -> float | None:
        """Share of due activities the youth came to (excused and cancelled ones are not counted)."""
        total = self.attended + self.missed
        return self.attended / total if total else None

    def describe_fr(self) -> str:
        if self.rate is None:
            return "pas encore de rendez-vous passé"
        return f"{round(self.rate * 100)} % ({self.attended} présent(s) sur {self.attended + self.missed})"


@dataclass(frozen=True)
class WeekHours:
    week_start: date
    done_hours: float
    planned_hours: float

    @property
    def total(self) -> float:
        return self.done_hours + self.planned_hours

    @property
    def level(self) -> str:
        """ "below", "within" or "above" the CEJ's 15–20 hours a week."""
        if self.total < CEJ_MIN_HOURS:
            return "below"
        return "within" if self.total <= CEJ_MAX_HOURS else "above"


@dataclass(frozen=True)
class YouthSummary:
    youth: YouthView
    referent_name: str
    history: tuple[Activity, ...]  # most recent first
    attendance: Attendance
    last_contact: datetime | None
    next_contact: datetime | None
    programme_warning: str  # "" or a French sentence
    cej_weeks: tuple[WeekHours, ...]  # empty unless the youth is in a CEJ


@dataclass(frozen=True)
class PortfolioEntry:
    youth_id: str
    name: str
    phone: str
    programme: Programme
    programme_end: date | None
    last_contact: date | None
    next_contact: datetime | None
    stale: bool  # no contact for the site's number of weeks
    programme_warning: str

    @property
    def needs_follow_up(self) -> bool:
        """Stale and nothing booked ahead: someone should call."""
        return self.stale and self.next_contact is None


@dataclass(frozen=True)
class Portfolio:
    counsellor_id: str
    counsellor_name: str
    weeks: int
    today: date
    entries: tuple[PortfolioEntry, ...]

    @property
    def to_follow_up(self) -> int:
        return sum(1 for e in self.entries if e.needs_follow_up)


@dataclass(frozen=True)
class CallEntry:
    appointment_id: str
    youth_id: str
    youth_name: str
    phone: str
    start: datetime
    type_label: str
    counsellor_name: str
    mode: Mode
    ticked_by: str = ""
    ticked_at: str = ""  # ISO instant
    ticked_time: str = ""  # "HH:MM" of `ticked_at` on the site's wall clock (what people read)

    @property
    def ticked(self) -> bool:
        return bool(self.ticked_by)


@dataclass(frozen=True)
class CallList:
    day: date
    entries: tuple[CallEntry, ...]


def programme_warning(youth: YouthView | Youth, today: date) -> str:
    """A French sentence when the programme ends within 30 days (or has ended), else ""."""
    prog = Programme(youth.programme)
    end = youth.programme_end
    if prog is Programme.NONE or end is None:
        return ""
    days = (end - today).days
    label = PROGRAMME_FR[prog]
    if days < 0:
        return f"Le {label} est terminé depuis le {format_date_fr(end)}."
    if days > PROGRAMME_WARNING_DAYS:
        return ""
    when = "aujourd'hui" if days == 0 else "demain" if days == 1 else f"dans {days} jours"
    return f"Le {label} se termine {when}, le {format_date_fr(end)}."


def week_hours(items: Sequence[Activity], first_week: date, n_weeks: int) -> tuple[WeekHours, ...]:
    weeks = {first_week + timedelta(weeks=i): [0.0, 0.0] for i in range(n_weeks)}
    for a in items:
        slot = weeks.get(week_start(a.start.date()))
        if slot is None:
            continue
        if a.attended:
            slot[0] += a.hours
        elif a.upcoming:
            slot[1] += a.hours
    return tuple(WeekHours(w, round(d, 2), round(p, 2)) for w, (d, p) in sorted(weeks.items()))


def open_days_after(cal: SiteCalendar, day: date, count: int) -> list[date]:
    """The next `count` days the site opens after `day` (weekly hours, holidays and closures)."""
    out: list[date] = []
    d = day
    for _ in range(60):
        d += timedelta(days=1)
        if cal.hours.days[d.weekday()] and d not in cal.holidays and cal.closure_on(d) is None:
            out.append(d)
            if len(out) == count:
                break
    return out


def initial(name: str) -> str:
    letter = next((c for c in name if c.isalpha()), "")
    return f"{letter.upper()}." if letter else ""
