"""A site's schedule as plain frozen data: the one read model of the day view, the week view and the
printed schedules (day by counsellor, day by room, a counsellor's week).

It says *what* is where: which columns a day has (who works, which rooms, a column for what holds no
room), when each column is open, closed (public holiday, site closure), not worked or absent, and which
appointments and other activities (workshop sessions) sit in which column. How it looks is each
presenter's business: the Qt grid (`ui/dayview`) and the reportlab grid (`services/printing/documents`)
both read a `Schedule` and word its reasons in their own language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from mlplanner.domain.calendar_fr import holiday_name
from mlplanner.domain.hours import WeeklyHours, available_on
from mlplanner.domain.intervals import Interval, subtract
from mlplanner.domain.models import AppointmentView, RoomView, SiteView, StaffView

DEFAULT_WINDOW = (time(9, 0), time(17, 0))


class ColumnKind(StrEnum):
    COUNSELLOR = "counsellor"
    ROOM = "room"
    NO_ROOM = "no_room"  # what holds no room: phone, video, outside the premises, a session without a room


@dataclass(frozen=True)
class Activity:
    """Something other than an appointment that takes people and a room for a while (a workshop
    session), as its area's `ActivitySource` reads it."""

    id: str
    kind: str  # "workshop"
    start: datetime
    end: datetime
    title: str
    colour: str
    room_id: str | None
    room_name: str
    staff_ids: tuple[str, ...]  # facilitators
    staff_names: tuple[str, ...]
    taken: int  # seats taken
    seats: int  # seats offered


@dataclass(frozen=True)
class Closed:
    """Why the whole site is closed on a day: a public holiday (its name) or a closure (its reason)."""

    holiday: str | None = None
    closure: str | None = None  # "" when the closure has no reason

    @property
    def reason(self) -> str:
        """The raw reason (the holiday's name, the closure's reason), for presenters to word."""
        return self.holiday or self.closure or ""


@dataclass(frozen=True)
class SiteFrame:
    """The site's reference data the schedules need, read at once: opening hours, holidays zone,
    closures, staff (with working patterns and absences) and rooms. A page reads it once and again when
    the configuration or the staff change; the day's content is read per call."""

    site: SiteView
    hours: WeeklyHours
    closures: tuple[tuple[date, date, str], ...]
    staff: tuple[StaffView, ...]  # active staff of the site, every role
    rooms: tuple[RoomView, ...]  # rooms in use
    patterns: dict[str, WeeklyHours]
    absences: dict[str, tuple[tuple[datetime, datetime, str], ...]]

    @property
    def bookable(self) -> tuple[StaffView, ...]:
        """Who can be booked (`Role.bookable`): the people a day or week view offers."""
        return tuple(s for s in self.staff if s.bookable)

    def closed(self, day: date) -> Closed | None:
        """Why the whole site is closed that day (public holiday first, then a closure), if it is."""
        name = holiday_name(day, self.site.holiday_subdivision)
        if name:
            return Closed(holiday=name)
        for start, end, reason in self.closures:
            if start <= day <= end:
                return Closed(closure=reason)
        return None

    def site_open(self, day: date) -> tuple[Interval, ...]:
        """The site's opening intervals that day; none when it is closed."""
        return () if self.closed(day) else tuple(self.hours.intervals_on(day))

    def scheduled(self, staff_id: str, day: date, *, site_closed: bool | None = None) -> tuple[Interval, ...]:
        """When this person works at the site that day (site opening ∩ working pattern), absences aside.
        (`site_closed`: whether the site is closed that day, when the caller knows it already.)"""
        if self.closed(day) if site_closed is None else site_closed:
            return ()
        pattern = self.patterns.get(staff_id)
        return tuple(available_on(day, self.hours, pattern)) if pattern else ()

    def absences_on(self, staff_id: str, day: date) -> tuple[tuple[Interval, str], ...]:
        """This person's absences that day, cut to the day, with their reasons."""
        lo, hi = datetime.combine(day, time.min), datetime.combine(day + timedelta(days=1), time.min)
        return tuple(
            (Interval(max(a, lo), min(b, hi)), reason)
            for a, b, reason in self.absences.get(staff_id, ())
            if a < hi and b > lo
        )

    def window(self, days: tuple[date, ...] | list[date]) -> tuple[time, time]:
        """Earliest opening to latest closing of these days (the week's bounds when they are closed)."""
        spans = [span for d in days for span in self.hours.days[d.weekday()]]
        if spans:
            return min(s for s, _ in spans), max(e for _, e in spans)
        return self.bounds()

    def bounds(self) -> tuple[time, time]:
        """Earliest opening to latest closing of the whole week."""
        return self.hours.bounds() or DEFAULT_WINDOW


@dataclass(frozen=True)
class ScheduleColumn:
    """One column: a person, a room, or what holds no room, on one day."""

    day: date
    kind: ColumnKind
    resource_id: str  # staff id, room id, "" for the no-room column
    title: str  # "Claire Lefèvre", "Bureau 2", "Sans salle"
    subtitle: str  # the person's office, the room's seats
    #: when this column can take an appointment: site opening ∩ working pattern − absences (rooms and the
    #: no-room column: the site's opening)
    open: tuple[Interval, ...] = ()
    #: when the site itself is open that day (none on a public holiday or a closure)
    site_open: tuple[Interval, ...] = ()
    #: why the whole site is closed that day, if it is
    closed: Closed | None = None
    #: whether the person works at the site that day at all (site opening ∩ working pattern)
    works: bool = True
    #: the person's absences that day (cut to the day), with their reasons
    absences: tuple[tuple[Interval, str], ...] = ()

    @property
    def key(self) -> str:
        return f"{self.day.isoformat()}|{self.kind}|{self.resource_id}"

    @property
    def absent_all_day(self) -> bool:
        """Works that day but is absent for all of it."""
        return bool(self.works and not self.open and self.absences)


@dataclass(frozen=True)
class ScheduleItem:
    """An appointment or an activity in a column."""

    column: int
    start: datetime
    end: datetime
    appointment: AppointmentView | None = None
    activity: Activity | None = None


@dataclass(frozen=True)
class Schedule:
    """Columns, and what sits in each: a site's day (a column per person or per room) or one person's
    or room's week (a column per day)."""

    frame: SiteFrame
    columns: tuple[ScheduleColumn, ...]
    items: tuple[ScheduleItem, ...]
    appointments: tuple[AppointmentView, ...] = ()  # every appointment placed (once each)
    activities: tuple[Activity, ...] = ()
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(dict.fromkeys(c.day for c in self.columns))

    def window(self) -> tuple[time, time]:
        """Earliest opening to latest closing of the schedule's days."""
        return self.frame.window(self.days)

    def column_index(self, day: date, kind: ColumnKind | str, resource_id: str) -> int | None:
        if not self._index:
            self._index.update({c.key: i for i, c in enumerate(self.columns)})
        return self._index.get(f"{day.isoformat()}|{kind}|{resource_id}")


def working_open(
    scheduled: tuple[Interval, ...], absences: tuple[tuple[Interval, str], ...]
) -> tuple[Interval, ...]:
    """When a person can be booked that day: scheduled time minus absences."""
    if not absences:
        return scheduled
    return tuple(subtract(list(scheduled), [iv for iv, _ in absences]))
