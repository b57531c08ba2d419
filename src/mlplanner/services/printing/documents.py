"""From the services' frozen views to the printing layer's documents (plain functions, no session).

The rules about *what* a document shows live here, apart from how the data is fetched
(`printing_service`) and how it is drawn (`mlplanner.printing`):

* a grid runs from the earliest opening to the latest closing of its day(s); the gaps between opening
  hours (lunch) are greyed for everyone, and each column greys what its person does not work
  (working pattern, absences, public holiday, site closure) with a one-line note when it is the whole day;
* cancelled appointments are left out of grids and sheets (they would read as double bookings);
* workshop sessions show in their room's column and in their facilitators' columns.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mlplanner.domain.enums import Role
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.intervals import Interval, intersect, subtract
from mlplanner.domain.models import AppointmentView, RoomView, StaffView
from mlplanner.printing import GridBlock, GridColumn, Grouping, TimeRange, block_from_appointment
from mlplanner.services.booking.availability import SiteCalendar
from mlplanner.services.booking.rules import BOOKABLE_ROLES
from mlplanner.services.workshops.views import SessionView

DEFAULT_WINDOW = (time(9, 0), time(17, 0))
WORKSHOP_KIND = "Atelier"
NO_ROOM_LABEL = "Sans salle"


@dataclass(frozen=True)
class SiteDay:
    """The site on one day: its opening intervals (none when closed) and why it is closed, if it is."""

    day: date
    open: tuple[Interval, ...]
    closed_note: str = ""  # "Férié : Lundi de Pâques", "Fermé : inventaire"


@dataclass(frozen=True)
class StaffDay:
    """One person's day: the hours they work at the site, and their absences that day."""

    staff: StaffView
    pattern: WeeklyHours
    absences: tuple[tuple[Interval, str], ...] = ()  # (span, reason)


def site_day(cal: SiteCalendar, hours: WeeklyHours, day: date) -> SiteDay:
    """The site's opening that day, or why it is closed (public holiday, closure, no hours)."""
    holiday = cal.holidays.get(day)
    found = cal.closure_on(day)
    closure = found.reason if found is not None else None
    if holiday:
        return SiteDay(day, (), f"Férié : {holiday}")
    if closure is not None:
        return SiteDay(day, (), f"Fermé : {closure}" if closure else "Site fermé")
    intervals = tuple(hours.intervals_on(day))
    return SiteDay(day, intervals, "" if intervals else "Fermé")


def staff_day(st: StaffView, cal: SiteCalendar) -> StaffDay:
    absences = tuple((Interval(a.start, a.end), a.reason) for a in cal.absences.get(st.id, []))
    return StaffDay(st, WeeklyHours.from_json(st.working_pattern_json), absences)


def time_window(hours: WeeklyHours, days: Sequence[date]) -> tuple[time, time]:
    """Earliest opening to latest closing of these days (the week's bounds on a closed day)."""
    spans = [span for d in days for span in hours.days[d.weekday()]]
    if spans:
        return min(s for s, _ in spans), max(e for _, e in spans)
    return hours.bounds() or DEFAULT_WINDOW


def _range(iv: Interval) -> TimeRange:
    end = iv.end.time() if iv.end.date() == iv.start.date() else time(23, 59)
    return TimeRange(iv.start.time(), end)


def gaps(intervals: Sequence[Interval]) -> list[Interval]:
    """The breaks between consecutive opening intervals of a day (the lunch break)."""
    ordered = sorted(intervals)
    return [Interval(a.end, b.start) for a, b in itertools.pairwise(ordered) if a.end < b.start]


def common_breaks(days: Sequence[SiteDay]) -> tuple[TimeRange, ...]:
    """Breaks shared by every open day, as times (a week grid greys one lunch band for all its days)."""
    open_days = [d for d in days if d.open]
    if not open_days:
        return ()
    shared: list[tuple[time, time]] | None = None
    for sd in open_days:
        ranges = [(g.start.time(), g.end.time()) for g in gaps(sd.open)]
        if shared is None:
            shared = ranges
            continue
        shared = [
            (max(a0, b0), min(a1, b1)) for a0, a1 in shared for b0, b1 in ranges if max(a0, b0) < min(a1, b1)
        ]
    return tuple(TimeRange(a, b) for a, b in shared or [])


def _window(day: date, window: tuple[time, time]) -> Interval:
    return Interval(datetime.combine(day, window[0]), datetime.combine(day, window[1]))


def _minus_times(spans: Sequence[Interval], ranges: Sequence[TimeRange]) -> list[Interval]:
    if not spans:
        return []
    day = spans[0].start.date()
    return subtract(
        spans, [Interval(datetime.combine(day, r.start), datetime.combine(day, r.end)) for r in ranges]
    )


def staff_unavailable(
    sd: SiteDay, person: StaffDay, window: tuple[time, time], shaded: Sequence[TimeRange]
) -> tuple[tuple[TimeRange, ...], str]:
    """What to grey in a person's column (outside `shaded`, greyed for everyone already) and its note."""
    whole = _window(sd.day, window)
    if not sd.open:
        return tuple(_range(iv) for iv in _minus_times([whole], shaded)), sd.closed_note
    scheduled = intersect(list(sd.open), person.pattern.intervals_on(sd.day))
    lo, hi = whole.start, whole.end
    absences = [
        (Interval(max(a.start, lo), min(a.end, hi)), r) for a, r in person.absences if a.overlaps(whole)
    ]
    working = subtract(scheduled, [iv for iv, _ in absences])
    grey = _minus_times(subtract([whole], working), shaded)
    # The note prints at the top of the column: only for the whole day (a partial absence is hatched
    # where it is, an afternoon absence announced at 9 o'clock would mislead).
    note = ""
    if scheduled and not working and absences:
        reason = absences[0][1]
        note = f"Absent(e) : {reason}" if reason else "Absent(e)"
    elif not scheduled:
        note = "Ne travaille pas ce jour"
    return tuple(_range(iv) for iv in grey), note


# --- blocks ----------------------------------------------------------------------------------------


def workshop_block(w: SessionView, column: int, *, show: Grouping) -> GridBlock:
    """A workshop session in a grid: its title, then where (counsellor grid) or who (room grid)."""
    seats = f"{w.confirmed}/{w.capacity} inscrits"
    where = ", ".join(w.facilitators) if show is Grouping.ROOM else (w.room_name or "")
    return GridBlock(
        column=column,
        start=w.start.time(),
        end=w.end.time() if w.end.date() == w.start.date() else time(23, 59),
        title=w.title,
        subtitle=" · ".join(p for p in (WORKSHOP_KIND, where, seats) if p),
        colour=w.colour,
        kind=WORKSHOP_KIND,
    )


def counsellor_blocks(
    appointments: Sequence[AppointmentView], sessions: Sequence[SessionView], columns: dict[str, int]
) -> list[GridBlock]:
    """Blocks of a grid whose columns are people (`columns`: staff id → column index)."""
    out = [
        block_from_appointment(a, columns[a.counsellor_id], show=Grouping.COUNSELLOR)
        for a in appointments
        if a.counsellor_id in columns
    ]
    for w in sessions:
        for sid in dict.fromkeys(w.facilitator_ids):
            if sid in columns:
                out.append(workshop_block(w, columns[sid], show=Grouping.COUNSELLOR))
    return out


def counsellor_grid_parts(
    staff: Sequence[StaffView],
    rooms: Sequence[RoomView],
    cal: SiteCalendar,
    sd: SiteDay,
    appointments: Sequence[AppointmentView],
    sessions: Sequence[SessionView],
    window: tuple[time, time],
    shaded: Sequence[TimeRange],
) -> tuple[list[GridColumn], list[GridBlock]]:
    """Columns: bookable staff who work that day, and anyone with an appointment or a workshop.

    On a day the site is closed nobody works: the counsellors are shown greyed, with the reason.
    """
    busy = {a.counsellor_id for a in appointments} | {i for w in sessions for i in w.facilitator_ids}
    bookable = [st for st in staff if st.role.value in BOOKABLE_ROLES]
    people = {st.id: staff_day(st, cal) for st in staff}
    shown = [
        st
        for st in staff
        if st.id in busy
        or (st in bookable and intersect(list(sd.open), people[st.id].pattern.intervals_on(sd.day)))
    ]
    if not shown:
        shown = [st for st in bookable if st.role is Role.COUNSELLOR] or bookable
    room_names = {r.id: r.name for r in rooms}
    columns = []
    for st in shown:
        grey, note = staff_unavailable(sd, people[st.id], window, shaded)
        columns.append(GridColumn(st.display_name, room_names.get(st.default_room_id or "", ""), grey, note))
    index = {st.id: i for i, st in enumerate(shown)}
    return columns, counsellor_blocks(appointments, sessions, index)


def room_grid_parts(
    rooms: Sequence[RoomView],
    appointments: Sequence[AppointmentView],
    sessions: Sequence[SessionView],
    sd: SiteDay,
    window: tuple[time, time],
    shaded: Sequence[TimeRange],
) -> tuple[list[GridColumn], list[GridBlock]]:
    """Columns (every active room, then "Sans salle" if anything has none) and their blocks."""
    index = {r.id: i for i, r in enumerate(rooms)}
    grey: tuple[TimeRange, ...] = ()
    if not sd.open:
        grey = tuple(_range(iv) for iv in _minus_times([_window(sd.day, window)], shaded))
    columns = [
        GridColumn(r.name, f"{r.capacity} place{'s' if r.capacity > 1 else ''}", grey, sd.closed_note)
        for r in rooms
    ]
    roomless = [a for a in appointments if a.room_id not in index]
    roomless_ws = [w for w in sessions if w.room_id not in index]
    if roomless or roomless_ws:
        index[""] = len(columns)
        columns.append(GridColumn(NO_ROOM_LABEL, "téléphone, visio…", grey, sd.closed_note))
    blocks = [
        block_from_appointment(a, index.get(a.room_id or "", index.get("", 0)), show=Grouping.ROOM)
        for a in appointments
    ]
    blocks += [
        workshop_block(w, index.get(w.room_id or "", index.get("", 0)), show=Grouping.ROOM) for w in sessions
    ]
    return columns, blocks


def week_days(monday: date, hours: WeeklyHours, busy: set[date]) -> list[date]:
    """Monday to Friday, and the weekend days the site opens or the person has something on."""
    days = [monday + timedelta(days=i) for i in range(5)]
    for extra in (5, 6):
        d = monday + timedelta(days=extra)
        if hours.days[extra] or d in busy:
            days.append(d)
    return days
