"""The day and week grids from the site's schedule (`services.schedule`, the read model printing uses
too): which columns a day has and what sits in each is decided there; here only the UI's words (`tr`)
and the grid's time axis. No Qt widgets, no SQL."""

from __future__ import annotations

from datetime import date, timedelta

from mlplanner.domain.calendar_fr import holiday_name
from mlplanner.domain.models import AppointmentView
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.schedule.model import ColumnKind, Schedule, ScheduleColumn, SiteFrame
from mlplanner.ui.booking.causes import cause_text
from mlplanner.ui.dayview.grid import Column, Grid, Overlay, build_grid
from mlplanner.ui.i18n import language, tr, weekday_abbr


def closed_text(column: ScheduleColumn, subdivision: str | None = None) -> str:
    """Why the site is closed outside its hours that day, in the UI's words (a holiday named in the UI's
    language: the read model names it in French)."""
    closed = column.closed
    if closed is None:
        return tr("Fermé")
    if closed.holiday:
        name = holiday_name(column.day, subdivision, language()) or closed.holiday
        return tr("Jour férié : {name}").format(name=name)
    return tr("Fermé : {reason}").format(reason=closed.closure) if closed.closure else tr("Site fermé")


def grid_column(column: ScheduleColumn, title: str | None = None, subdivision: str | None = None) -> Column:
    return Column(
        day=column.day,
        kind=str(column.kind),
        resource_id=column.resource_id,
        title=title or (tr("Sans salle") if column.kind is ColumnKind.NO_ROOM else column.title),
        open=column.open,
        site_open=column.site_open,
        site_closed_reason=closed_text(column, subdivision),
        closed_reason=tr("Non travaillé"),
        absences=tuple(
            (span, tr("Absent(e) : {reason}").format(reason=reason) if reason else tr("Absent(e)"))
            for span, reason in column.absences
        ),
    )


def attention(
    services: Services, first: date, last: date, schedule: Schedule | None = None
) -> dict[str, tuple[str, str]]:
    """Appointments an absence, closure or holiday leaves in the way, marked in the grid until dealt with:
    id → ("todo" or "call", the words). Given the `schedule` shown, its appointments are checked
    without reading them again."""
    out: dict[str, tuple[str, str]] = {}
    among = schedule.appointments if schedule is not None else None
    for x in services.impact.affected(start=first, end=last, among=among):
        if x.on_call_list:
            out[x.appointment.id] = ("call", tr("☎ sur la liste d'appels"))
        else:
            out[x.appointment.id] = ("todo", tr("⚠ à traiter : {why}").format(why=cause_text(x)))
    return out


def grid_of(
    schedule: Schedule,
    titles: list[str] | None = None,
    *,
    marks: dict[str, tuple[str, str]] | None = None,
) -> Grid:
    """The grid of a schedule: its columns and items placed; the time axis spans the site's week
    (stable while paging through days) and grows to show everything. `marks`: see `attention`."""
    subdivision = schedule.frame.site.holiday_subdivision
    columns = [
        grid_column(c, titles[i] if titles else None, subdivision) for i, c in enumerate(schedule.columns)
    ]
    items: list[tuple[int, AppointmentView | Overlay]] = []
    for item in schedule.items:
        if item.appointment is not None:
            items.append((item.column, item.appointment))
        elif (w := item.activity) is not None:
            label = tr("{title} — atelier, {n}/{cap} inscrits").format(title=w.title, n=w.taken, cap=w.seats)
            items.append((item.column, Overlay(item.start, item.end, label)))
    first, last = schedule.frame.bounds()
    return build_grid(columns, items, first=first, last=last, attention=marks)


def load_day(
    services: Services, frame: SiteFrame, day: date, kind: str, *, viewer: Actor | None = None
) -> Grid:
    """The site's day, a column per person or per room (see `ScheduleService.day` for who is shown), as
    `viewer` may see it (a confidential type hidden unless theirs)."""
    with services.ctx.one_snapshot():  # the day and its marks: one read transaction
        schedule = services.schedule.day(day, kind, frame=frame, viewer=viewer)
        marks = attention(services, day, day, schedule)
    return grid_of(schedule, marks=marks)


def load_week(
    services: Services,
    frame: SiteFrame,
    monday: date,
    kind: str,
    resource_id: str,
    *,
    viewer: Actor | None = None,
) -> Grid:
    """The week of one person or one room, a column per day, as `viewer` may see it."""
    schedule = services.schedule.week(monday, kind, resource_id, frame=frame, viewer=viewer)
    titles = [f"{weekday_abbr(c.day.weekday())} {c.day:%d/%m}" for c in schedule.columns]
    return grid_of(schedule, titles, marks=attention(services, monday, monday + timedelta(days=6), schedule))
