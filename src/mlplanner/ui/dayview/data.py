"""Load a day or week grid through the services (plain reads; no Qt widgets, no SQL; texts via `tr`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mlplanner.domain.calendar_fr import holiday_name
from mlplanner.domain.enums import Role
from mlplanner.domain.hours import WeeklyHours, available_on
from mlplanner.domain.intervals import Interval, subtract
from mlplanner.domain.models import AppointmentView, RoomView, StaffView
from mlplanner.services.container import Services
from mlplanner.ui.dayview.grid import COUNSELLOR, ROOM, Column, Grid, Overlay, build_grid
from mlplanner.ui.i18n import tr

BOOKABLE = (Role.COUNSELLOR, Role.SITE_LEAD, Role.PARTNER)


@dataclass(frozen=True)
class SiteFrame:
    """What the grids need about the site; read once, refreshed on "config"/"staff" changes."""

    hours: WeeklyHours
    subdivision: str | None
    closures: tuple[tuple[date, date, str], ...]
    staff: tuple[StaffView, ...]
    rooms: tuple[RoomView, ...]
    patterns: dict[str, WeeklyHours]
    absences: dict[str, tuple[tuple[datetime, datetime, str], ...]]

    @classmethod
    def load(cls, services: Services) -> SiteFrame:
        site = services.directory.site()
        staff = tuple(s for s in services.directory.staff() if s.role in BOOKABLE)
        return cls(
            hours=WeeklyHours.from_json(site.opening_hours_json),
            subdivision=site.holiday_subdivision,
            closures=tuple(services.directory.closures()),
            staff=staff,
            rooms=tuple(services.directory.rooms()),
            patterns={s.id: WeeklyHours.from_json(s.working_pattern_json) for s in staff},
            absences={
                s.id: tuple((a, b, r) for _, a, b, r in services.directory.absences(s.id)) for s in staff
            },
        )

    def bounds(self) -> tuple[time, time]:
        return self.hours.bounds() or (time(9, 0), time(17, 0))

    def day_closed(self, day: date) -> str | None:
        """The reason the whole site is closed that day (holiday, closure), if it is."""
        name = holiday_name(day, self.subdivision)
        if name:
            return tr("Jour férié : {name}").format(name=name)
        for start, end, reason in self.closures:
            if start <= day <= end:
                return tr("Fermé : {reason}").format(reason=reason) if reason else tr("Site fermé")
        return None

    def site_open(self, day: date) -> list[Interval]:
        return [] if self.day_closed(day) else self.hours.intervals_on(day)

    # --- columns -------------------------------------------------------------------------------
    def counsellor_column(self, day: date, staff: StaffView, title: str | None = None) -> Column:
        closed = self.day_closed(day)
        pattern = self.patterns.get(staff.id, WeeklyHours.from_mapping({}))
        open_ = [] if closed else available_on(day, self.hours, pattern)
        lo, hi = datetime.combine(day, time.min), datetime.combine(day + timedelta(days=1), time.min)
        absences = tuple(
            (
                Interval(max(a, lo), min(b, hi)),
                tr("Absent(e) : {reason}").format(reason=r) if r else tr("Absent(e)"),
            )
            for a, b, r in self.absences.get(staff.id, ())
            if a < hi and b > lo
        )
        return Column(
            day=day,
            kind=COUNSELLOR,
            resource_id=staff.id,
            title=title or staff.display_name,
            open=tuple(subtract(open_, [iv for iv, _ in absences])),
            site_open=tuple(self.site_open(day)),
            site_closed_reason=closed or tr("Fermé"),
            closed_reason=tr("Non travaillé"),
            absences=absences,
        )

    def room_column(self, day: date, room: RoomView, title: str | None = None) -> Column:
        closed = self.day_closed(day)
        return Column(
            day=day,
            kind=ROOM,
            resource_id=room.id,
            title=title or room.name,
            open=tuple(self.site_open(day)),
            site_open=tuple(self.site_open(day)),
            site_closed_reason=closed or tr("Fermé"),
        )

    def works_on(self, staff_id: str, day: date) -> bool:
        pattern = self.patterns.get(staff_id)
        return bool(pattern and available_on(day, self.hours, pattern))


def _overlays(services: Services, first: date, last: date) -> list[Overlay]:
    """Workshop sessions as busy blocks: in their room's column and in each facilitator's column."""
    out: list[Overlay] = []
    for s in services.workshops.sessions_between(first, last, include_cancelled=False):
        label = tr("{title} — atelier, {n}/{cap} inscrits").format(
            title=s.title, n=s.confirmed, cap=s.capacity
        )
        if s.room_id:
            out.append(Overlay(s.start.date(), ROOM, s.room_id, s.start, s.end, label))
        for fid in s.facilitator_ids:
            out.append(Overlay(s.start.date(), COUNSELLOR, fid, s.start, s.end, label))
    return out


def load_day(services: Services, frame: SiteFrame, day: date, kind: str = COUNSELLOR) -> Grid:
    """Columns: counsellors who work that day or have appointments (or rooms); appointments placed."""
    appointments = [a for a in services.booking.day(day) if a.status.occupies_slot]
    overlays = _overlays(services, day, day)
    if kind == ROOM:
        columns = [frame.room_column(day, r) for r in frame.rooms]
    else:
        # anyone receiving someone or running a workshop that day gets a column (site leads included)
        busy = {a.counsellor_id for a in appointments} | {
            o.resource_id for o in overlays if o.kind == COUNSELLOR
        }
        # site leads appear only when they receive someone that day: their column is usually empty
        shown = [
            s
            for s in frame.staff
            if s.id in busy or (frame.works_on(s.id, day) and s.role is not Role.SITE_LEAD)
        ]
        if not shown:  # a closed day: still show who would work, shaded
            shown = [s for s in frame.staff if s.role is Role.COUNSELLOR]
        columns = [frame.counsellor_column(day, s) for s in shown]
    first, last = frame.bounds()
    return build_grid(columns, appointments, first=first, last=last, overlays=overlays)


WEEKDAY_SHORT = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


def week_days(frame: SiteFrame, monday: date, appointments: list[AppointmentView]) -> list[date]:
    """Days the site opens that week, plus any day that has an appointment."""
    days = [monday + timedelta(days=i) for i in range(7)]
    used = {a.start.date() for a in appointments}
    return [d for d in days if frame.hours.intervals_on(d) or d in used]


def load_week(services: Services, frame: SiteFrame, monday: date, kind: str, resource_id: str) -> Grid:
    """Columns: the days of the week for one counsellor or one room."""
    end = monday + timedelta(days=6)
    if kind == ROOM:
        appointments = [
            a
            for a in services.booking.between(monday, end)
            if a.room_id == resource_id and a.status.occupies_slot
        ]
        room = next(r for r in frame.rooms if r.id == resource_id)
        columns = [
            frame.room_column(d, room, f"{WEEKDAY_SHORT[d.weekday()]} {d:%d/%m}")
            for d in week_days(frame, monday, appointments)
        ]
    else:
        appointments = [
            a for a in services.booking.between(monday, end, counsellor=resource_id) if a.status.occupies_slot
        ]
        staff = next(s for s in frame.staff if s.id == resource_id)
        columns = [
            frame.counsellor_column(d, staff, f"{WEEKDAY_SHORT[d.weekday()]} {d:%d/%m}")
            for d in week_days(frame, monday, appointments)
        ]
    first, last = frame.bounds()
    return build_grid(
        columns, appointments, first=first, last=last, overlays=_overlays(services, monday, end)
    )
