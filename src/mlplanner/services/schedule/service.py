"""The site's schedule read once, for the screen and for paper alike (see `schedule.model`).

Column rules, in one place:

* a site's day by person: the bookable staff (`Role.bookable`) who work that day, except site leads
  (their column is usually empty), plus anyone with an appointment or an activity that day, in
  last-name order; on a day nobody works (a public holiday, a closure), the counsellors, shaded;
* a site's day by room: every room in use, then "Sans salle" when something that day holds no room
  (a phone call, a video, a session without a room);
* a person's or a room's week: Monday to Sunday, the days the site opens by its weekly hours plus any
  day with something on (Monday to Friday when that leaves none).

Appointments that no longer hold their slot (cancelled, excused) are left out: they would read as
double bookings. Only this site's people and rooms get columns (appointments received from other sites
have none here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mlplanner.domain.enums import OCCUPYING_STATUSES, Role
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.intervals import Interval
from mlplanner.domain.models import AppointmentView, RoomView, StaffView
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext, site_view
from mlplanner.services.queries import appointment_views, for_viewer
from mlplanner.services.schedule.model import (
    Activity,
    ColumnKind,
    Schedule,
    ScheduleColumn,
    ScheduleItem,
    SiteFrame,
    working_open,
)
from mlplanner.services.views import room_view, staff_view
from mlplanner.storage.tables import Absence, Credential, Room, SiteClosure, Staff

NO_ROOM_TITLE = "Sans salle"
NO_ROOM_SUBTITLE = "téléphone, visio…"

#: Another area's activities (workshop sessions) of a site overlapping [start, end): given to the
#: schedule by the composition root.
ActivitySource = Callable[[Session, str, datetime, datetime], list[Activity]]


def _seats(n: int) -> str:
    return f"{n} place{'s' if n > 1 else ''}"


@checked_dates
class ScheduleService:
    """`activities`: what besides appointments takes people and rooms (given by the composition root)."""

    def __init__(self, ctx: ServiceContext, *, activities: Sequence[ActivitySource]) -> None:
        self.ctx = ctx
        self.activities = tuple(activities)

    # --- reference data ----------------------------------------------------------------------------
    def frame(self, *, days: tuple[date, date] | None = None) -> SiteFrame:
        """Hours, closures, staff with patterns and absences, rooms: in one read transaction.

        `days` (first, last): only the absences that touch those days, for a day or a week read once
        (a print): a network site holds years of absences, and the frame is only asked about its days."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            staff_rows = s.exec(
                select(Staff)
                .where(Staff.site_id == site.id, Staff.deleted == False, Staff.active == True)
                .order_by(col(Staff.last_name), col(Staff.first_name))
            ).all()
            creds = set(s.exec(select(Credential.staff_id)))
            rooms = s.exec(
                select(Room)
                .where(Room.site_id == site.id, Room.deleted == False, Room.active == True)
                .order_by(col(Room.name))
            ).all()
            closures = s.exec(
                select(SiteClosure)
                .where(SiteClosure.site_id == site.id, SiteClosure.deleted == False)
                .order_by(col(SiteClosure.start_date))
            ).all()
            ids = [r.id for r in staff_rows]
            absences: dict[str, list[tuple[datetime, datetime, str]]] = {}
            # columns, not ORM objects: a network site's frame holds thousands of absences (years of
            # them), and building an ORM object per row was most of the frame's time (issue 19)
            q = sa_select(
                col(Absence.staff_id), col(Absence.start), col(Absence.end), col(Absence.reason)
            ).where(col(Absence.staff_id).in_(ids), col(Absence.deleted) == False)
            if days is not None:
                first, last = days
                q = q.where(
                    col(Absence.start) < datetime.combine(last + timedelta(days=1), time.min),
                    col(Absence.end) > datetime.combine(first, time.min),
                )
            for staff_id, a_start, a_end, reason in (
                s.connection().execute(q.order_by(col(Absence.start))).all()
            ):
                absences.setdefault(staff_id, []).append((a_start, a_end, reason))
            staff = tuple(staff_view(r, r.id in creds) for r in staff_rows)
            return SiteFrame(
                site=site_view(site),
                hours=WeeklyHours.from_json(site.opening_hours),
                closures=tuple((c.start_date, c.end_date, c.reason) for c in closures),
                staff=staff,
                rooms=tuple(room_view(r) for r in rooms),
                patterns={st.id: WeeklyHours.from_json(st.working_pattern_json) for st in staff},
                absences={k: tuple(v) for k, v in absences.items()},
            )

    # --- a site's day --------------------------------------------------------------------------------
    def day(
        self,
        day: date,
        grouping: ColumnKind | str = ColumnKind.COUNSELLOR,
        *,
        frame: SiteFrame | None = None,
        viewer: Actor | None = None,
    ) -> Schedule:
        """The site's day, a column per person (`COUNSELLOR`) or per room (`ROOM`), as `viewer` may see
        it: a confidential appointment's type and notes are hidden unless theirs (or they lead the
        site); with no viewer (a list posted or handed around), from everyone."""
        frame = frame or self.frame(days=(day, day))
        appointments, activities = self._content(frame, day, day, viewer=viewer)
        if ColumnKind(grouping) is ColumnKind.ROOM:
            return _room_day(frame, day, appointments, activities)
        return _person_day(frame, day, appointments, activities)

    # --- one person's or room's week -----------------------------------------------------------------
    def week(
        self,
        monday: date,
        kind: ColumnKind | str,
        resource_id: str,
        *,
        frame: SiteFrame | None = None,
        viewer: Actor | None = None,
    ) -> Schedule:
        """A column per day of the week of `monday`, for one person (`COUNSELLOR`: the appointments they
        hold or take part in as the second person) or one room (`ROOM`), as `viewer` may see it."""
        frame = frame or self.frame(days=(monday, monday + timedelta(days=6)))
        kind = ColumnKind(kind)
        by_room = kind is ColumnKind.ROOM
        mine, activities = self._content(
            frame,
            monday,
            monday + timedelta(days=6),
            room_id=resource_id if by_room else None,
            counsellor_id=None if by_room else resource_id,
            viewer=viewer,
        )
        if by_room:
            theirs = [w for w in activities if w.room_id == resource_id]
        else:
            theirs = [w for w in activities if resource_id in w.staff_ids]
        busy = {a.start.date() for a in mine} | {w.start.date() for w in theirs}
        days = [monday + timedelta(days=i) for i in range(7)]
        shown = [d for d in days if frame.hours.intervals_on(d) or d in busy] or days[:5]
        if kind is ColumnKind.ROOM:
            room = _room(frame, resource_id)
            columns = [_room_column(_Day(frame, d), room) for d in shown]
        else:
            person = _person(frame, resource_id)
            rooms = {r.id: r.name for r in frame.rooms}
            columns = [_person_column(_Day(frame, d), person, rooms) for d in shown]
        index = {c.day: i for i, c in enumerate(columns)}
        items = [
            ScheduleItem(index[a.start.date()], a.start, a.end, appointment=a)
            for a in mine
            if a.start.date() in index
        ]
        items += [
            ScheduleItem(index[w.start.date()], w.start, w.end, activity=w)
            for w in theirs
            if w.start.date() in index
        ]
        return Schedule(frame, tuple(columns), tuple(items), tuple(mine), tuple(theirs))

    # --- reading -------------------------------------------------------------------------------------
    def _content(
        self,
        frame: SiteFrame,
        first: date,
        last: date,
        *,
        counsellor_id: str | None = None,
        room_id: str | None = None,
        viewer: Actor | None = None,
    ) -> tuple[list[AppointmentView], list[Activity]]:
        """This site's appointments that hold their slot (of one person or room if given), as `viewer`
        may see them, and the other activities, from `first` to `last`."""
        lo, hi = datetime.combine(first, time.min), datetime.combine(last + timedelta(days=1), time.min)
        ours = {st.id for st in frame.staff} | {r.id for r in frame.rooms}
        with self.ctx.read() as s:
            appointments = [
                a
                for a in appointment_views(
                    s,
                    start=lo,
                    end=hi,
                    statuses=OCCUPYING_STATUSES,
                    counsellor_id=counsellor_id,
                    room_id=room_id,
                )
                # this site's room, counsellor or second person (`staff_ids`, without a generator per row)
                if a.room_id in ours
                or a.counsellor_id in ours
                or (a.second_staff_id and a.second_staff_id in ours)
            ]
            activities = [w for source in self.activities for w in source(s, frame.site.id, lo, hi)]
        return for_viewer(appointments, viewer), activities


# --- columns ---------------------------------------------------------------------------------------------


def _person(frame: SiteFrame, staff_id: str) -> StaffView:
    found = next((st for st in frame.staff if st.id == staff_id), None)
    if found is None:
        from mlplanner.domain.errors import NotFound

        raise NotFound("unknown_staff", "Cette personne ne fait pas (ou plus) partie du site.")
    return found


def _room(frame: SiteFrame, room_id: str) -> RoomView:
    found = next((r for r in frame.rooms if r.id == room_id), None)
    if found is None:
        from mlplanner.domain.errors import NotFound

        raise NotFound("unknown_room", "Cette salle n'existe pas (ou plus) sur le site.")
    return found


class _Day:
    """What a day's columns share, worked out once: whether the site is closed, when it opens, and who
    works then (a site's day has a column per person: the same facts would be computed for each)."""

    def __init__(self, frame: SiteFrame, day: date) -> None:
        self.frame, self.day = frame, day
        self.closed = frame.closed(day)
        self.site_open = () if self.closed else tuple(frame.hours.intervals_on(day))
        self._scheduled: dict[str, tuple[Interval, ...]] = {}

    def scheduled(self, staff_id: str) -> tuple[Interval, ...]:
        if staff_id not in self._scheduled:
            self._scheduled[staff_id] = self.frame.scheduled(
                staff_id, self.day, site_closed=self.closed is not None
            )
        return self._scheduled[staff_id]


def _person_column(d: _Day, person: StaffView, rooms: dict[str, str]) -> ScheduleColumn:
    scheduled = d.scheduled(person.id)
    absences = d.frame.absences_on(person.id, d.day)
    return ScheduleColumn(
        day=d.day,
        kind=ColumnKind.COUNSELLOR,
        resource_id=person.id,
        title=person.display_name,
        subtitle=rooms.get(person.default_room_id or "", ""),
        open=working_open(scheduled, absences),
        site_open=d.site_open,
        closed=d.closed,
        works=bool(scheduled),
        absences=absences,
    )


def _room_column(d: _Day, room: RoomView) -> ScheduleColumn:
    return ScheduleColumn(
        day=d.day,
        kind=ColumnKind.ROOM,
        resource_id=room.id,
        title=room.name,
        subtitle=_seats(room.capacity),
        open=d.site_open,
        site_open=d.site_open,
        closed=d.closed,
        works=bool(d.site_open),
    )


def _person_day(
    frame: SiteFrame, day: date, appointments: list[AppointmentView], activities: list[Activity]
) -> Schedule:
    d = _Day(frame, day)
    busy = {i for a in appointments for i in a.staff_ids} | {i for w in activities for i in w.staff_ids}
    shown = [
        st
        for st in frame.staff
        if st.id in busy or (st.bookable and st.role is not Role.SITE_LEAD and d.scheduled(st.id))
    ]
    if not shown:  # a day nobody works: still show the counsellors, shaded
        bookable = frame.bookable
        shown = [st for st in bookable if st.role is Role.COUNSELLOR] or list(bookable)
    rooms = {r.id: r.name for r in frame.rooms}
    columns = [_person_column(d, st, rooms) for st in shown]
    index = {st.id: i for i, st in enumerate(shown)}
    items = [  # an appointment with two people shows in both people's columns
        ScheduleItem(index[sid], a.start, a.end, appointment=a)
        for a in appointments
        for sid in a.staff_ids
        if sid in index
    ]
    for w in activities:
        for sid in dict.fromkeys(w.staff_ids):
            if sid in index:
                items.append(ScheduleItem(index[sid], w.start, w.end, activity=w))
    return Schedule(frame, tuple(columns), tuple(items), tuple(appointments), tuple(activities))


def _room_day(
    frame: SiteFrame, day: date, appointments: list[AppointmentView], activities: list[Activity]
) -> Schedule:
    d = _Day(frame, day)
    columns = [_room_column(d, r) for r in frame.rooms]
    index = {r.id: i for i, r in enumerate(frame.rooms)}
    roomless = [a for a in appointments if a.room_id not in index]
    roomless_activities = [w for w in activities if w.room_id not in index]
    if roomless or roomless_activities:
        index[""] = len(columns)
        columns.append(
            ScheduleColumn(
                day=day,
                kind=ColumnKind.NO_ROOM,
                resource_id="",
                title=NO_ROOM_TITLE,
                subtitle=NO_ROOM_SUBTITLE,
                open=d.site_open,
                site_open=d.site_open,
                closed=d.closed,
                works=bool(d.site_open),
            )
        )

    def column(room_id: str | None) -> int:
        return index[room_id] if room_id in index else index[""]

    items = [ScheduleItem(column(a.room_id), a.start, a.end, appointment=a) for a in appointments]
    items += [ScheduleItem(column(w.room_id), w.start, w.end, activity=w) for w in activities]
    return Schedule(frame, tuple(columns), tuple(items), tuple(appointments), tuple(activities))
