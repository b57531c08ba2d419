"""Following young people up: a counsellor's portfolio, a youth's file (history, attendance, CEJ hours,
programme end), the reminder call list, and an .ics export of a counsellor's appointments.

A youth's history is gathered from activity sources: functions `(session, youth_ids, now) -> [Activity]`.
Appointments are read here; the composition root passes the other areas' sources (workshops) to
`FollowupService`, and the portfolio, the attendance rate and the CEJ hours count them without any
other change.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from mlplanner.domain.confidentiality import CONFIDENTIAL_LABEL, SEE_ALL_ROLES
from mlplanner.domain.enums import Mode, Programme, Status
from mlplanner.domain.errors import InputError
from mlplanner.domain.labels import MODE_FR, STATUS_FR
from mlplanner.domain.models import Changes
from mlplanner.domain.text import fold
from mlplanner.domain.wallclock import local_now, week_start
from mlplanner.services import audit
from mlplanner.services.booking.availability import load_calendar
from mlplanner.services.booking.service import get_appointment, get_youth
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_staff
from mlplanner.services.directory.site_settings import SiteSettingsService
from mlplanner.services.followup.views import (
    CEJ_MAX_HOURS,
    CEJ_MIN_HOURS,
    Activity,
    Attendance,
    CallEntry,
    CallList,
    Portfolio,
    PortfolioEntry,
    WeekHours,
    YouthSummary,
    initial,
    open_days_after,
    programme_warning,
    week_hours,
)
from mlplanner.services.permissions import Perm, require
from mlplanner.services.printing.ics import IcsEvent, calendar_text
from mlplanner.services.queries import columns
from mlplanner.services.views import staff_name, youth_view
from mlplanner.storage.tables import Appointment, AppointmentType, Meta, Room, Staff, Youth

CALL_KEY_PREFIX = "calls:"
CALL_KEEP_DAYS = 60
ICS_MAX_DAYS = 366


# --- history items from every source ---------------------------------------------------------------

ActivitySource = Callable[[Session, Sequence[str], datetime], list[Activity]]


def _chunks(ids: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def appointment_activities(session: Session, youth_ids: Sequence[str], now: datetime) -> list[Activity]:
    out: list[Activity] = []
    for chunk in _chunks(list(youth_ids)):
        q = (
            select(
                *columns(
                    Appointment.id,
                    Appointment.youth_id,
                    Appointment.start,
                    Appointment.end,
                    Appointment.mode,
                    Appointment.status,
                    AppointmentType.label,
                    AppointmentType.confidential,
                    Appointment.counsellor_id,
                    Appointment.second_staff_id,
                    Staff.first_name,
                    Staff.last_name,
                    col(Room.name).label("room_name"),
                )
            )
            .join(AppointmentType, col(AppointmentType.id) == Appointment.type_id)
            .join(Staff, col(Staff.id) == Appointment.counsellor_id)
            .outerjoin(Room, col(Room.id) == Appointment.room_id)
            .where(col(Appointment.youth_id).in_(list(chunk)), Appointment.deleted == False)
        )
        for r in session.execute(q):
            status = Status(r.status)
            overdue = status is Status.BOOKED and r.end <= now
            out.append(
                Activity(
                    kind="appointment",
                    kind_label="Rendez-vous",
                    id=r.id,
                    youth_id=r.youth_id,
                    start=r.start,
                    end=r.end,
                    title=r.label,
                    with_whom=f"{r.first_name} {r.last_name}",
                    place=r.room_name or MODE_FR[Mode(r.mode)],
                    status=status.value,
                    status_label="à renseigner" if overdue else STATUS_FR[status],
                    attended=True
                    if status in (Status.SEEN, Status.ARRIVED)
                    else False
                    if status is Status.NO_SHOW
                    else None,
                    upcoming=status is Status.BOOKED and r.start >= now,
                    confidential=bool(r.confidential),
                    staff_ids=tuple(i for i in (r.counsellor_id, r.second_staff_id) if i),
                )
            )
    return out


def activities_for(items: Sequence[Activity], viewer: Actor | None) -> list[Activity]:
    """History items as `viewer` may see them: a confidential appointment's type is replaced by
    "Rendez-vous confidentiel" unless the viewer holds it or leads the site."""

    def hidden(a: Activity) -> bool:
        if not a.confidential or (viewer is not None and viewer.role in SEE_ALL_ROLES):
            return False
        return viewer is None or viewer.id not in a.staff_ids

    return [replace(a, title=CONFIDENTIAL_LABEL) if hidden(a) else a for a in items]


def activities(
    session: Session, youth_ids: Sequence[str], now: datetime, sources: Sequence[ActivitySource]
) -> list[Activity]:
    """Every source's items for these youths, oldest first."""
    items = [a for source in sources for a in source(session, youth_ids, now)]
    return sorted(items, key=lambda a: (a.start, a.kind, a.id))


def _wall_time(instant: str, tz: str) -> str:
    """ "HH:MM" on the site's wall clock of an ISO instant ("" if unreadable)."""
    try:
        at = datetime.fromisoformat(instant)
    except ValueError:
        return ""
    return f"{local_now(at if at.tzinfo else at.replace(tzinfo=UTC), tz):%H:%M}"


# --- the service ------------------------------------------------------------------------------------


@checked_dates
class FollowupService:
    """`other_activities`: what a youth does besides appointments (workshops), given by the
    composition root; the history, the attendance rate and the CEJ hours count them all."""

    def __init__(
        self,
        ctx: ServiceContext,
        settings: SiteSettingsService,
        *,
        other_activities: Sequence[ActivitySource],
    ) -> None:
        self.ctx = ctx
        self.settings = settings
        self.sources: tuple[ActivitySource, ...] = (appointment_activities, *other_activities)

    def _now(self, s: Session) -> datetime:
        return self.ctx.now_local(self.ctx.site_row(s).timezone)

    # --- portfolio ---------------------------------------------------------------------------------
    def portfolio(self, counsellor: str, *, weeks: int | None = None) -> Portfolio:
        """Youths whose referent is `counsellor`, with last and next contact; the stale ones flagged."""
        weeks = weeks or self.settings.no_contact_weeks()
        with self.ctx.read() as s:
            now = self._now(s)
            staff = find_staff(s, counsellor)
            youths = s.exec(
                select(Youth).where(
                    Youth.referent_id == staff.id,
                    Youth.deleted == False,
                    Youth.merged_into_id == None,  # noqa: E711
                )
            ).all()
            items = activities(s, [y.id for y in youths], now, self.sources)
        last: dict[str, datetime] = {}
        nxt: dict[str, datetime] = {}
        for a in items:
            if a.attended and a.start <= now:
                last[a.youth_id] = max(last.get(a.youth_id, a.start), a.start)
            if a.upcoming:
                nxt[a.youth_id] = min(nxt.get(a.youth_id, a.start), a.start)
        limit = now - timedelta(weeks=weeks)
        entries = []
        for y in youths:
            seen = last.get(y.id)
            entries.append(
                PortfolioEntry(
                    youth_id=y.id,
                    name=f"{y.last_name.upper()} {y.first_name}",
                    phone=y.phone,
                    programme=Programme(y.programme),
                    programme_end=y.programme_end,
                    last_contact=seen.date() if seen else None,
                    next_contact=nxt.get(y.id),
                    stale=seen is None or seen < limit,
                    programme_warning=programme_warning(y, now.date()),
                )
            )
        entries.sort(key=lambda e: (not e.needs_follow_up, fold(e.name)))  # Œillet among the O
        return Portfolio(staff.id, staff_name(staff), weeks, now.date(), tuple(entries))

    # --- youth file --------------------------------------------------------------------------------
    def youth_summary(
        self,
        youth_id: str,
        *,
        weeks_back: int = 8,
        weeks_ahead: int = 1,
        viewer: Actor | None = None,
    ) -> YouthSummary:
        """`viewer`: who reads the file (confidential appointment types hidden unless theirs)."""
        with self.ctx.read() as s:
            now = self._now(s)
            row = get_youth(s, youth_id)
            referent = s.get(Staff, row.referent_id) if row.referent_id else None
            items = activities_for(activities(s, [row.id], now, self.sources), viewer)
            view = youth_view(row)
        past = [a for a in items if a.attended and a.start <= now]
        upcoming = [a for a in items if a.upcoming]
        cej: tuple[WeekHours, ...] = ()
        if view.programme is Programme.CEJ:
            this_week = week_start(now.date())
            first = this_week - timedelta(weeks=weeks_back - 1)
            if view.programme_start and week_start(view.programme_start) > first:
                first = min(week_start(view.programme_start), this_week)
            n = (this_week - first).days // 7 + 1 + weeks_ahead
            cej = week_hours(items, first, n)
        return YouthSummary(
            youth=view,
            referent_name=staff_name(referent) if referent else "",
            history=tuple(reversed(items)),
            attendance=Attendance(
                attended=sum(1 for a in items if a.attended and a.start <= now),
                missed=sum(1 for a in items if a.attended is False),
            ),
            last_contact=past[-1].start if past else None,
            next_contact=upcoming[0].start if upcoming else None,
            programme_warning=programme_warning(view, now.date()),
            cej_weeks=cej,
        )

    # --- reminder calls ----------------------------------------------------------------------------
    def call_day(self) -> date:
        """The day whose appointments reception calls today: the second open day from now.

        "The day after tomorrow" in open days, so that Monday's appointments are called on Thursday and
        Tuesday's on Friday: every open day's list is called exactly once, on an open day.
        """
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            today = self._now(s).date()
            cal = load_calendar(s, site, today, today + timedelta(days=60), staff_ids=[])
            days = open_days_after(cal, today, 2)
        return days[-1] if days else today + timedelta(days=2)

    def call_list(self, *, day: date | None = None) -> CallList:
        """Booked youths of `day` without SMS consent: reception reminds them by phone."""
        day = day or self.call_day()
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            tz = site.timezone
            q = (
                select(
                    *columns(
                        Appointment.id,
                        Appointment.youth_id,
                        Appointment.start,
                        Appointment.mode,
                        Youth.first_name,
                        Youth.last_name,
                        Youth.phone,
                        AppointmentType.label,
                        AppointmentType.confidential,
                        col(Staff.first_name).label("c_first"),
                        col(Staff.last_name).label("c_last"),
                    )
                )
                .join(Youth, col(Youth.id) == Appointment.youth_id)
                .join(AppointmentType, col(AppointmentType.id) == Appointment.type_id)
                .join(Staff, col(Staff.id) == Appointment.counsellor_id)
                .where(
                    Appointment.site_id == site.id,
                    Appointment.deleted == False,
                    Appointment.status == Status.BOOKED.value,
                    Appointment.start >= datetime.combine(day, time.min),
                    Appointment.start < datetime.combine(day + timedelta(days=1), time.min),
                    Youth.sms_consent == False,
                )
                .order_by(col(Appointment.start), col(Youth.last_name))
            )
            rows = sorted(s.execute(q), key=lambda r: (r.start, fold(r.last_name), fold(r.first_name)))
            ticks = self._ticks(s, day)
        return CallList(
            day,
            tuple(
                CallEntry(
                    appointment_id=r.id,
                    youth_id=r.youth_id,
                    youth_name=f"{r.last_name.upper()} {r.first_name}",
                    phone=r.phone,
                    start=r.start,
                    # a list made for reception: a confidential type is never named on it
                    type_label=CONFIDENTIAL_LABEL if r.confidential else r.label,
                    counsellor_name=f"{r.c_first} {r.c_last}",
                    mode=Mode(r.mode),
                    ticked_by=ticks.get(r.id, {}).get("by", ""),
                    ticked_at=ticks.get(r.id, {}).get("at", ""),
                    ticked_time=_wall_time(ticks.get(r.id, {}).get("at", ""), tz),
                )
                for r in rows
            ),
        )

    @staticmethod
    def _ticks(s: Session, day: date) -> dict[str, dict[str, str]]:
        row = s.get(Meta, f"{CALL_KEY_PREFIX}{day.isoformat()}")
        try:
            return json.loads(row.value) if row is not None and row.value else {}
        except ValueError:
            return {}

    def tick_call(self, *, actor: Actor, appointment_id: str, done: bool = True) -> Changes:
        """Mark a reminder call as made (or not). Kept in `meta` so every workstation of the site sees it."""
        require(actor, Perm.BOOK)
        with self.ctx.write() as s:
            appt = get_appointment(s, appointment_id)
            day = appt.start.date()
            ticks = self._ticks(s, day)
            if done:
                ticks[appt.id] = {"by": actor.name, "at": self.ctx.clock.now_utc().isoformat()}
            else:
                ticks.pop(appt.id, None)
            key = f"{CALL_KEY_PREFIX}{day.isoformat()}"
            row = s.get(Meta, key) or Meta(key=key)
            row.value = json.dumps(ticks, sort_keys=True)
            s.add(row)
            oldest = f"{CALL_KEY_PREFIX}{(self._now(s).date() - timedelta(days=CALL_KEEP_DAYS)).isoformat()}"
            s.execute(delete(Meta).where(col(Meta.key).startswith(CALL_KEY_PREFIX), col(Meta.key) < oldest))
            audit.record(
                s,
                self.ctx,
                actor,
                action="reminder_call" if done else "reminder_call_undone",
                entity="appointment",
                entity_id=appt.id,
                youth_id=appt.youth_id,
            )
        return Changes.of("calls", ids=(appointment_id,))

    # --- calendar export ---------------------------------------------------------------------------
    def export_ics(self, *, actor: Actor, counsellor: str, start: date, end: date) -> str:
        """A counsellor's appointments as iCalendar text: first name and initial of each youth, no more."""
        if end < start:
            raise InputError("end_before_start", "La date de fin doit suivre la date de début.")
        if (end - start).days > ICS_MAX_DAYS:
            raise InputError("range_too_long", "Exportez au plus une année à la fois.")
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            staff = find_staff(s, counsellor)
            if staff.id != actor.id:
                require(actor, Perm.PRINT)
            q = (
                select(
                    *columns(
                        Appointment.id,
                        Appointment.start,
                        Appointment.end,
                        Appointment.mode,
                        Appointment.status,
                        Youth.first_name,
                        Youth.last_name,
                        AppointmentType.label,
                        AppointmentType.confidential,
                        col(Room.name).label("room_name"),
                    )
                )
                .join(Youth, col(Youth.id) == Appointment.youth_id)
                .join(AppointmentType, col(AppointmentType.id) == Appointment.type_id)
                .outerjoin(Room, col(Room.id) == Appointment.room_id)
                .where(
                    Appointment.counsellor_id == staff.id,
                    Appointment.deleted == False,
                    Appointment.start >= datetime.combine(start, time.min),
                    Appointment.start < datetime.combine(end + timedelta(days=1), time.min),
                )
                .order_by(col(Appointment.start))
            )
            rows = list(s.execute(q))
            tz, site_name = site.timezone, site.name
        events = [
            IcsEvent(
                uid=f"{r.id}@mlplanner",
                start=r.start,
                end=r.end,
                # a calendar on a phone or a shared agenda is outside the app: no confidential type there
                summary=f"{CONFIDENTIAL_LABEL if r.confidential else r.label} — "
                f"{r.first_name} {initial(r.last_name)}".strip(),
                location=r.room_name or MODE_FR[Mode(r.mode)],
                description=f"Statut : {STATUS_FR[Status(r.status)]}",
                cancelled=Status(r.status).is_cancelled,
            )
            for r in rows
        ]
        return calendar_text(
            name=f"{staff_name(staff)} — {site_name}",
            tz_name=tz,
            events=events,
            now_utc=self.ctx.clock.now_utc(),
        )


__all__ = [  # the result types live in followup_views; importing them from here keeps working
    "CEJ_MAX_HOURS",
    "CEJ_MIN_HOURS",
    "Activity",
    "ActivitySource",
    "Attendance",
    "CallEntry",
    "CallList",
    "FollowupService",
    "Portfolio",
    "PortfolioEntry",
    "WeekHours",
    "YouthSummary",
    "activities",
    "activities_for",
    "appointment_activities",
    "initial",
    "open_days_after",
    "programme_warning",
    "week_hours",
]
