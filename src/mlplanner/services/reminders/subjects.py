"""Appointments and workshop registrations read as `plan.Subject`s: what the planner compares.

Read straight from the tables, whoever wrote them (this workstation, another one on the same file or
server, another site through sync). Only the site's own rows: each site sends for its appointments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.messaging import timing
from mlplanner.domain.messaging.plan import Family, State, Subject, version_of
from mlplanner.domain.wallclock import local_now
from mlplanner.services.booking.availability import SiteCalendar, load_calendar
from mlplanner.services.reminders.settings import ReminderSettings
from mlplanner.storage.tables import Appointment, AppointmentType, Site
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSession

UNDO_REASON_PREFIX = "saisie annulée"  # the desktop's Ctrl+Z of a booking (ui.shell.undo.UNDO_REASON)
LOOKBACK = timedelta(days=1)  # subjects that started before this are over for the outbox

_APPOINTMENT_STATES = {
    Status.BOOKED.value: State.BOOKED,
    Status.CANCELLED_BY_ML.value: State.CANCELLED_ML,
    Status.CANCELLED_BY_YOUTH.value: State.DROPPED,
}


def aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def appointment_key(appointment_id: str) -> str:
    return f"a:{appointment_id}"


def registration_key(registration_id: str) -> str:
    return f"r:{registration_id}"


@dataclass
class OpenDays:
    """Whether the site opens on a day (weekly hours, holidays, closures), read once per planning run."""

    calendar: SiteCalendar

    def __call__(self, day: date) -> bool:
        cal = self.calendar
        return bool(cal.hours.days[day.weekday()]) and day not in cal.holidays and cal.closure_on(day) is None


def open_days(session: Session, site: Site, start: date, end: date) -> OpenDays:
    return OpenDays(
        load_calendar(session, site, start - timedelta(days=timing.MAX_LOOKBACK), end, staff_ids=[])
    )


def _reminder_at(
    start: datetime, rule: str, is_open: OpenDays, settings: ReminderSettings, tz: str
) -> datetime | None:
    day = timing.reminder_day(start.date(), rule, is_open)
    return None if day is None else timing.at(day, settings.send_hour, tz)


def appointment_subject(
    a: Appointment, type_code: str, *, site: Site, settings: ReminderSettings, is_open: OpenDays
) -> Subject:
    state = State.OVER if a.deleted else _APPOINTMENT_STATES.get(a.status, State.OVER)
    return Subject(
        key=appointment_key(a.id),
        family=Family.APPOINTMENT,
        site_id=a.site_id,
        youth_id=a.youth_id,
        state=state,
        version=version_of(a.start, a.mode),
        expires_at=timing.expiry(a.start, site.timezone),
        created_at=aware(a.created_at),
        changed_at=aware(a.updated_at),
        confirm=settings.confirm_for(type_code),
        reminder_at=_reminder_at(a.start, settings.rule_for(type_code), is_open, settings, site.timezone),
        quiet=a.cancel_reason.strip().lower().startswith(UNDO_REASON_PREFIX),
    )


def registration_subject(
    r: WorkshopRegistration, w: WorkshopSession, *, site: Site, settings: ReminderSettings, is_open: OpenDays
) -> Subject:
    if r.deleted or w.deleted or w.status == "closed":
        state = State.OVER
    elif r.status == "cancelled":
        state = State.DROPPED
    elif w.status == "cancelled":
        state = State.SESSION_CANCELLED
    elif r.status == "waitlisted":
        state = State.WAITING
    else:
        state = State.BOOKED
    changed = max(aware(r.updated_at), aware(w.updated_at))
    return Subject(
        key=registration_key(r.id),
        family=Family.WORKSHOP,
        site_id=w.site_id,
        youth_id=r.youth_id,
        state=state,
        version=version_of(w.start, Mode.ON_SITE.value),
        expires_at=timing.expiry(w.start, site.timezone),
        created_at=aware(r.created_at),
        changed_at=changed,
        reminder_at=_reminder_at(w.start, settings.workshop_rule, is_open, settings, site.timezone),
        promoted_at=aware(r.promoted_at) if r.promoted_at else None,
    )


def load_subjects(
    session: Session, site: Site, settings: ReminderSettings, *, now_utc: datetime
) -> list[Subject]:
    """Every appointment and registration of the site from yesterday on (tombstones included)."""
    since = local_now(now_utc, site.timezone) - LOOKBACK
    appts = list(
        session.execute(
            select(Appointment, AppointmentType.code)
            .join(AppointmentType, col(AppointmentType.id) == Appointment.type_id)
            .where(Appointment.site_id == site.id, col(Appointment.start) >= since)
        )
    )
    regs = list(
        session.execute(
            select(WorkshopRegistration, WorkshopSession)
            .join(WorkshopSession, col(WorkshopSession.id) == WorkshopRegistration.session_id)
            .where(WorkshopSession.site_id == site.id, col(WorkshopSession.start) >= since)
        )
    )
    starts = [a.start for a, _ in appts] + [w.start for _, w in regs]
    today = since.date()
    is_open = open_days(session, site, today, max(starts).date() if starts else today)
    out = [appointment_subject(a, code, site=site, settings=settings, is_open=is_open) for a, code in appts]
    out += [registration_subject(r, w, site=site, settings=settings, is_open=is_open) for r, w in regs]
    return out


def subject_now(session: Session, key: str, site: Site, settings: ReminderSettings) -> Subject | None:
    """One subject as it is now (the sender checks it again right before sending)."""
    kind, _, row_id = key.partition(":")
    if kind == "a":
        row = session.execute(
            select(Appointment, AppointmentType.code)
            .join(AppointmentType, col(AppointmentType.id) == Appointment.type_id)
            .where(Appointment.id == row_id)
        ).first()
        if row is None:
            return None
        a, code = row
        return appointment_subject(
            a,
            code,
            site=site,
            settings=settings,
            is_open=open_days(session, site, a.start.date(), a.start.date()),
        )
    if kind == "r":
        found = session.execute(
            select(WorkshopRegistration, WorkshopSession)
            .join(WorkshopSession, col(WorkshopSession.id) == WorkshopRegistration.session_id)
            .where(WorkshopRegistration.id == row_id)
        ).first()
        if found is None:
            return None
        r, w = found
        return registration_subject(
            r,
            w,
            site=site,
            settings=settings,
            is_open=open_days(session, site, w.start.date(), w.start.date()),
        )
    return None


def keys(subjects: Iterable[Subject]) -> list[str]:
    return [s.key for s in subjects]
