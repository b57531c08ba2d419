"""The booking rules, checked inside the write transaction that inserts or moves an appointment.

Each refusal is a `RuleViolation` whose message is one French sentence naming the clash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlmodel import Session

from mlplanner.domain.enums import Role, RoomKind
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.intervals import Interval
from mlplanner.domain.labels import WEEKDAYS_FR
from mlplanner.domain.wallclock import exists_locally, format_date_fr
from mlplanner.services.booking.availability import BusySpan, BusyTime, SiteCalendar, staff_names
from mlplanner.storage.tables import Room, Staff, Youth


def _hm(t: datetime) -> str:
    return f"{t:%H:%M}"


def _span_fr(span: BusySpan) -> str:
    """The clashing activity with its own times (an appointment's buffer is named separately)."""
    what = "un atelier" if span.kind == "workshop" else "un rendez-vous"
    return f"{what} de {_hm(span.core.start)} à {_hm(span.core.end)}"


def _day_fr(day: datetime) -> str:
    return f"{WEEKDAYS_FR[day.weekday()]} {format_date_fr(day.date())}"


@dataclass(frozen=True)
class Proposal:
    """A slot to check: who, where, when."""

    youth: Youth
    counsellor: Staff
    room: Room | None
    start: datetime
    end: datetime
    buffer_min: int
    party_size: int = 1
    second: Staff | None = None  # a second staff member on the appointment, checked like the first

    @property
    def staff(self) -> tuple[Staff, ...]:
        return (self.counsellor,) if self.second is None else (self.counsellor, self.second)


def check_times(p: Proposal, now_local: datetime, tz: str, *, back_office: bool) -> None:
    if p.end <= p.start:
        raise InputError("end_before_start", "La fin du rendez-vous doit suivre son début.")
    if p.start.date() != p.end.date():
        raise InputError("multi_day", "Un rendez-vous doit commencer et finir le même jour.")
    if not exists_locally(p.start, tz):
        raise InputError(
            "dst_gap",
            f"L'heure {_hm(p.start)} n'existe pas ce jour-là (passage à l'heure d'été).",
            start=p.start,
        )
    if p.start < now_local and not back_office:
        raise RuleViolation(
            "in_past",
            f"Le {format_date_fr(p.start.date())} à {_hm(p.start)} est déjà passé : "
            "seule une saisie a posteriori (back-office) le permet.",
            start=p.start,
        )


def check_calendar(p: Proposal, cal: SiteCalendar) -> None:
    day = p.start.date()
    if day in cal.holidays:
        raise RuleViolation(
            "holiday",
            f"Le {_day_fr(p.start)} est un jour férié ({cal.holidays[day]}).",
            day=day,
            holiday=cal.holidays[day],
        )
    closure = cal.closure_on(day)
    if closure is not None:
        why = f" ({closure.reason})" if closure.reason else ""
        raise RuleViolation(
            "site_closed", f"Le site est fermé le {_day_fr(p.start)}{why}.", day=day, reason=closure.reason
        )
    if not cal.hours.contains(p.start, p.end):
        spans = cal.hours.intervals_on(day)
        hours = ", ".join(f"{_hm(i.start)}–{_hm(i.end)}" for i in spans) or "fermé toute la journée"
        raise RuleViolation(
            "outside_opening_hours",
            f"{_hm(p.start)}–{_hm(p.end)} est en dehors des horaires d'ouverture du {WEEKDAYS_FR[day.weekday()]} "
            f"({hours}).",
            start=p.start,
            end=p.end,
            day=day,
            hours=[(i.start, i.end) for i in spans],
        )
    for person in p.staff:
        check_staff_available(person, p.start, p.end, cal)


def check_staff_available(person: Staff, start: datetime, end: datetime, cal: SiteCalendar) -> None:
    """Someone who receives young people, working then (weekly pattern), not absent."""
    day = start.date()
    name = f"{person.first_name} {person.last_name}"
    if not Role(person.role).bookable or not person.active:
        raise RuleViolation("not_bookable", f"{name} ne reçoit pas de jeunes en rendez-vous.", name=name)
    pattern = WeeklyHours.from_json(person.working_pattern)
    if not pattern.contains(start, end):
        spans = pattern.intervals_on(day)
        hours = ", ".join(f"{_hm(i.start)}–{_hm(i.end)}" for i in spans) or "ne travaille pas ce jour-là"
        raise RuleViolation(
            "outside_working_hours",
            f"{name} ne travaille pas de {_hm(start)} à {_hm(end)} le {WEEKDAYS_FR[day.weekday()]} ({hours}).",
            staff_id=person.id,
            name=name,
            start=start,
            end=end,
            day=day,
            hours=[(i.start, i.end) for i in spans],
        )
    target = Interval(start, end)
    for a in cal.absences.get(person.id, []):
        if Interval(a.start, a.end).overlaps(target):
            why = f" ({a.reason})" if a.reason else ""
            raise RuleViolation(
                "counsellor_absent",
                f"{name} est absent(e) du {format_date_fr(a.start.date())} {_hm(a.start)} "
                f"au {format_date_fr(a.end.date())} {_hm(a.end)}{why}.",
                staff_id=person.id,
                name=name,
                start=a.start,
                end=a.end,
                reason=a.reason,
            )


def check_room_fits(p: Proposal) -> None:
    if p.room is None:
        return
    if not p.room.active:
        raise RuleViolation(
            "room_inactive", f"La salle « {p.room.name} » n'est plus en service.", room=p.room.name
        )
    needed = p.party_size + len(p.staff)
    if p.room.capacity < needed:
        raise RuleViolation(
            "room_capacity",
            f"La salle « {p.room.name} » accueille {p.room.capacity} personne(s) au plus "
            f"({needed} attendues).",
            room=p.room.name,
            capacity=p.room.capacity,
            needed=needed,
        )
    if p.youth.needs_accessible_room and not p.room.accessible:
        raise RuleViolation(
            "room_not_accessible",
            f"La salle « {p.room.name} » n'est pas accessible en fauteuil roulant, or "
            f"{p.youth.first_name} {p.youth.last_name.upper()} en a besoin.",
            room=p.room.name,
            youth=f"{p.youth.last_name.upper()} {p.youth.first_name}",
        )


def check_overlaps(
    session: Session, p: Proposal, busy: BusyTime, *, exclude_id: str | None, allow_counsellor_overlap: bool
) -> list[BusySpan]:
    """Refuse any youth or room overlap, and counsellor overlaps unless forced. Returns forced clashes.

    Checked in that order: the young person, the counsellor, then the room."""
    busy_end = p.end
    with_buffer = p.end + timedelta(minutes=p.buffer_min)
    staff_ids = [person.id for person in p.staff]
    spans = busy.spans(
        session,
        p.start,
        with_buffer,
        counsellor_ids=staff_ids,
        room_ids=[p.room.id] if p.room else None,
        youth_ids=[p.youth.id],
        exclude_id=exclude_id,
    )
    mine = Interval(p.start, busy_end)
    mine_buffered = Interval(p.start, with_buffer)
    youth_label = f"{p.youth.last_name.upper()} {p.youth.first_name}"
    names = staff_names(session, {s.counsellor_id for s in spans})
    for s in spans:
        # the young person is busy during the appointment itself, not during the counsellor's buffer
        if s.youth_id == p.youth.id and s.core.overlaps(mine):
            with_whom = (
                f"« {s.label} »" if s.kind == "workshop" else f"avec {names.get(s.counsellor_id, '?')}"
            )
            raise RuleViolation(
                "youth_overlap",
                f"{youth_label} a déjà {_span_fr(s)} {with_whom}.",
                clash_id=s.appointment_id,
                youth=youth_label,
                kind=s.kind,
                start=s.core.start,
                end=s.core.end,
                with_whom=s.label if s.kind == "workshop" else names.get(s.counsellor_id, "?"),
            )
    forced: list[BusySpan] = []
    for person in p.staff:  # the counsellor, then the second person: each busy once, whatever their part
        for s in spans:
            if s.counsellor_id == person.id and s.interval.overlaps(mine_buffered):
                if allow_counsellor_overlap and s.kind == "appointment":
                    if s not in forced:
                        forced.append(s)
                    continue
                who = (
                    f" avec {s.label}"
                    if s.label and s.kind == "appointment"
                    else (f" ({s.label})" if s.label else "")
                )
                gap = p.buffer_min or s.buffer_min
                buffer = f" (battement de {gap} min compris)" if gap else ""
                raise RuleViolation(
                    "counsellor_overlap",
                    f"{person.first_name} {person.last_name} a déjà {_span_fr(s)}{who}{buffer}.",
                    clash_id=s.appointment_id,
                    staff_id=person.id,
                    name=f"{person.first_name} {person.last_name}",
                    kind=s.kind,
                    start=s.core.start,
                    end=s.core.end,
                    buffer=gap,
                )
    # after the counsellor: a busy counsellor is the clash to name, not the office it occupies
    for s in spans:
        if p.room is not None and s.room_id == p.room.id and s.interval.overlaps(mine_buffered):
            who = f"{s.label} avec {names.get(s.counsellor_id, '?')}" if s.kind == "appointment" else s.label
            raise RuleViolation(
                "room_overlap",
                f"La salle « {p.room.name} » est déjà occupée de {_hm(s.interval.start)} à "
                f"{_hm(s.interval.end)} ({who}).",
                clash_id=s.appointment_id,
                room=p.room.name,
                start=s.interval.start,
                end=s.interval.end,
            )
    return forced


def check_all(
    session: Session,
    p: Proposal,
    cal: SiteCalendar,
    busy: BusyTime,
    *,
    now_local: datetime,
    back_office: bool,
    exclude_id: str | None = None,
    allow_counsellor_overlap: bool = False,
) -> list[BusySpan]:
    check_times(p, now_local, cal.site.timezone, back_office=back_office)
    check_calendar(p, cal)
    check_room_fits(p)
    return check_overlaps(
        session, p, busy, exclude_id=exclude_id, allow_counsellor_overlap=allow_counsellor_overlap
    )


class RoomNeeds(Protocol):
    """What room choice needs to know of the young person (a youth, or "anyone" for the slot finder)."""

    needs_accessible_room: bool


class HasOffice(Protocol):
    """A counsellor, as room choice sees them: their own office, if any."""

    @property
    def default_room_id(self) -> str | None: ...


def room_candidates(
    rooms: list[Room], counsellor: HasOffice, youth: RoomNeeds, party_size: int, *, staff: int = 1
) -> list[Room]:
    """Rooms to try when none is chosen: the counsellor's own office first, then other offices (for
    the young person's party and `staff` members of staff)."""
    fits = [
        r
        for r in rooms
        if r.active
        and not r.deleted
        and r.kind == RoomKind.OFFICE.value
        and r.capacity >= party_size + staff
        and (r.accessible or not youth.needs_accessible_room)
    ]
    fits.sort(key=lambda r: (r.id != counsellor.default_room_id, r.name))
    return fits
