"""From the schedule read model and the services' frozen views to the printing layer's documents (plain
functions, no session).

Which columns a grid has and what sits in each is the schedule's business (`services.schedule`, the
same read model the day and week views show); here only *how* it prints:

* a grid runs from the earliest opening to the latest closing of its day(s); the gaps between opening
  hours (lunch) are greyed for everyone, and each column greys what its person does not work
  (working pattern, absences, public holiday, site closure) with a one-line note when it is the whole day;
* workshop sessions show in their room's column and in their facilitators' columns.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime, time

from mlplanner.domain.intervals import Interval, subtract
from mlplanner.domain.models import AppointmentView
from mlplanner.printing import GridBlock, GridColumn, Grouping, TimeRange, block_from_appointment
from mlplanner.services.schedule.model import Activity, ColumnKind, Schedule, ScheduleColumn

WORKSHOP_KIND = "Atelier"


def _range(iv: Interval) -> TimeRange:
    end = iv.end.time() if iv.end.date() == iv.start.date() else time(23, 59)
    return TimeRange(iv.start.time(), end)


def gaps(intervals: Sequence[Interval]) -> list[Interval]:
    """The breaks between consecutive opening intervals of a day (the lunch break)."""
    ordered = sorted(intervals)
    return [Interval(a.end, b.start) for a, b in itertools.pairwise(ordered) if a.end < b.start]


def common_breaks(open_days: Sequence[Sequence[Interval]]) -> tuple[TimeRange, ...]:
    """Breaks shared by every open day, as times (a week grid greys one lunch band for all its days)."""
    days = [d for d in open_days if d]
    if not days:
        return ()
    shared: list[tuple[time, time]] | None = None
    for intervals in days:
        ranges = [(g.start.time(), g.end.time()) for g in gaps(intervals)]
        if shared is None:
            shared = ranges
            continue
        shared = [
            (max(a0, b0), min(a1, b1)) for a0, a1 in shared for b0, b1 in ranges if max(a0, b0) < min(a1, b1)
        ]
    return tuple(TimeRange(a, b) for a, b in shared or [])


def schedule_breaks(schedule: Schedule) -> tuple[TimeRange, ...]:
    """The lunch band of a schedule: the breaks its days' opening hours share."""
    by_day = {c.day: c.site_open for c in schedule.columns}
    return common_breaks(list(by_day.values()))


def _minus_times(spans: Sequence[Interval], ranges: Sequence[TimeRange]) -> list[Interval]:
    if not spans:
        return []
    day = spans[0].start.date()
    return subtract(
        spans, [Interval(datetime.combine(day, r.start), datetime.combine(day, r.end)) for r in ranges]
    )


def column_note(c: ScheduleColumn) -> str:
    """The one line printed across a column that is unavailable all day."""
    if c.closed is not None:
        if c.closed.holiday:
            return f"Férié : {c.closed.holiday}"
        return f"Fermé : {c.closed.closure}" if c.closed.closure else "Site fermé"
    if not c.site_open:
        return "Fermé"
    if c.kind is ColumnKind.COUNSELLOR:
        if not c.works:
            return "Ne travaille pas ce jour"
        # only for the whole day: an afternoon absence announced at 9 o'clock would mislead
        if c.absent_all_day:
            reason = c.absences[0][1]
            return f"Absent(e) : {reason}" if reason else "Absent(e)"
    return ""


def column_unavailable(
    c: ScheduleColumn, window: tuple[time, time], shaded: Sequence[TimeRange]
) -> tuple[TimeRange, ...]:
    """What to grey in a column (outside `shaded`, greyed for everyone already): the whole day when the
    site is closed, else what the person does not work (rooms are open whenever the site is)."""
    whole = Interval(datetime.combine(c.day, window[0]), datetime.combine(c.day, window[1]))
    if not c.site_open:
        grey = _minus_times([whole], shaded)
    elif c.kind is ColumnKind.COUNSELLOR:
        grey = _minus_times(subtract([whole], c.open), shaded)
    else:
        return ()
    return tuple(_range(iv) for iv in grey)


# --- blocks ----------------------------------------------------------------------------------------


def workshop_block(w: Activity, column: int, *, show: Grouping) -> GridBlock:
    """A workshop session in a grid: its title, then where (counsellor grid) or who (room grid)."""
    seats = f"{w.taken}/{w.seats} inscrits"
    where = ", ".join(w.staff_names) if show is Grouping.ROOM else w.room_name
    return GridBlock(
        column=column,
        start=w.start.time(),
        end=w.end.time() if w.end.date() == w.start.date() else time(23, 59),
        title=w.title,
        subtitle=" · ".join(p for p in (WORKSHOP_KIND, where, seats) if p),
        colour=w.colour,
        kind=WORKSHOP_KIND,
    )


def grid_blocks(schedule: Schedule, show: Grouping) -> list[GridBlock]:
    """Every appointment and activity of a schedule, in the column the schedule put it in."""
    out: list[GridBlock] = []
    for item in schedule.items:
        if item.appointment is not None:
            out.append(block_from_appointment(item.appointment, item.column, show=show))
        elif item.activity is not None:
            out.append(workshop_block(item.activity, item.column, show=show))
    return out


def grid_columns(
    schedule: Schedule, window: tuple[time, time], shaded: Sequence[TimeRange]
) -> list[GridColumn]:
    return [
        GridColumn(c.title, c.subtitle, column_unavailable(c, window, shaded), column_note(c))
        for c in schedule.columns
    ]


def people_of(appointments: Sequence[AppointmentView]) -> int:
    """How many young people a document names (for the audit entry of a print)."""
    return len({a.youth_id for a in appointments})
