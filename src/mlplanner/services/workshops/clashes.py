"""Workshop sessions as busy time, and the clash check of a proposed session.

`workshop_spans` is one of the `BusyTime` sources the composition root gives the booking rules, the
free-slot finder and the workshops themselves (`Services.for_database`): they then avoid a facilitator,
a room or a registered youth during a session. `session_clash` checks one proposed session against
appointments, other sessions and absences with the very same spans, so the two directions can never
disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam
from sqlmodel import Session, col, or_, select

from mlplanner.domain.intervals import Interval
from mlplanner.domain.labels import WEEKDAYS_FR
from mlplanner.domain.recurrence import Skipped, skip_reason
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.booking.availability import (
    MAX_SPAN,
    BusySpan,
    BusyTime,
    SiteCalendar,
    load_calendar,
    staff_names,
)
from mlplanner.services.queries import columns
from mlplanner.services.workshops.terms import RegistrationStatus, SessionStatus
from mlplanner.storage.busy_reads import sqlite_session_rows
from mlplanner.storage.pg_reads import pg_session_rows, pg_sessions_and_registrations
from mlplanner.storage.tables import Site
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession

OCCUPYING = (SessionStatus.PLANNED.value, SessionStatus.CLOSED.value)


def workshop_spans(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    counsellor_ids: list[str] | None,
    room_ids: list[str] | None,
    youth_ids: list[str] | None,
    exclude_id: str | None,
) -> list[BusySpan]:
    """Busy spans of sessions overlapping [start, end) for the staff, rooms or youths asked.

    One span per facilitator (with the session's room), or one room span if nobody facilitates; one
    span per registered (confirmed) youth asked. `exclude_id` is a session id (a session being moved).
    """
    no_key = counsellor_ids is None and room_ids is None and youth_ids is None
    window = {"w_end": end, "w_start": start, "w_since": start - MAX_SPAN}
    spans: list[BusySpan] = []
    conn = session.connection()
    both = None
    if youth_ids and (counsellor_ids or room_ids):
        # a booking's check asks for both: one round trip on a server (`storage.pg_reads`)
        both = pg_sessions_and_registrations(
            conn,
            start=start,
            end=end,
            since=window["w_since"],
            statuses=OCCUPYING,
            staff=counsellor_ids or None,
            rooms=room_ids or None,
            youths=youth_ids,
            confirmed=RegistrationStatus.CONFIRMED.value,
        )
    if no_key or counsellor_ids or room_ids:
        # straight from the driver (`storage.busy_reads`, `storage.pg_reads`): the finder asks for
        # 80 counsellors and 16 offices, an expanding `IN` rendered again at every search
        read = sqlite_session_rows if conn.dialect.name == "sqlite" else pg_session_rows
        rows: Sequence[Any] | None = (
            both[0]
            if both is not None
            else read(
                conn,
                start=start,
                end=end,
                since=window["w_since"],
                statuses=OCCUPYING,
                staff=counsellor_ids or None,
                rooms=room_ids or None,
            )
        )
        if rows is None:
            q = _sessions_query(bool(counsellor_ids), bool(room_ids))
            params: dict[str, object] = {**window, "staff": counsellor_ids or [], "rooms": room_ids or []}
            rows = session.execute(q, params).all()
        for sid, s_start, s_end, room, facilitator, co_facilitator, title in rows:
            if sid == exclude_id:
                continue
            facs = [f for f in (facilitator, co_facilitator) if f] or [""]
            for fac in facs:
                spans.append(
                    BusySpan(
                        interval=Interval(s_start, s_end),
                        appointment_id=sid,
                        youth_id="",
                        counsellor_id=fac,
                        room_id=room,
                        kind="workshop",
                        label=title,
                    )
                )
    if youth_ids:
        registered: Sequence[Any] = (
            both[1]
            if both is not None
            else session.execute(_registrations_query(), {**window, "youths": youth_ids}).all()
        )
        for sid, s_start, s_end, youth_id, title in registered:
            if sid == exclude_id:
                continue
            spans.append(
                BusySpan(
                    interval=Interval(s_start, s_end),
                    appointment_id=sid,
                    youth_id=youth_id,
                    counsellor_id="",
                    room_id=None,
                    kind="workshop",
                    label=title,
                )
            )
    return spans


def _window() -> tuple[Any, ...]:
    S = WorkshopSession
    return (
        col(S.start) < bindparam("w_end"),
        col(S.end) > bindparam("w_start"),
        col(S.start) >= bindparam("w_since"),  # bounds the index ranges (no session lasts a day)
        col(S.status).in_(OCCUPYING),
        col(S.deleted) == False,
    )


@lru_cache(maxsize=8)
def _sessions_query(by_staff: bool, by_room: bool) -> Select:
    """Built once per kind of key, its values bound per call: building the statement cost more than
    running it, once per booking and twice per free-slot search (issue 19)."""
    S = WorkshopSession
    q = (
        select(
            *columns(
                S.id, S.start, S.end, S.room_id, S.facilitator_id, S.co_facilitator_id, WorkshopSeries.title
            )
        )
        .join(WorkshopSeries, col(WorkshopSeries.id) == S.series_id)
        .where(*_window())
    )
    conds = []
    if by_staff:
        staff: Any = bindparam("staff", expanding=True)
        conds += [col(S.facilitator_id).in_(staff), col(S.co_facilitator_id).in_(staff)]
    if by_room:
        conds.append(col(S.room_id).in_(bindparam("rooms", expanding=True)))
    return q.where(or_(*conds)) if conds else q


@lru_cache(maxsize=1)
def _registrations_query() -> Select:
    S, R = WorkshopSession, WorkshopRegistration
    return (
        select(*columns(S.id, S.start, S.end, R.youth_id, WorkshopSeries.title))
        .join(S, col(S.id) == R.session_id)
        .join(WorkshopSeries, col(WorkshopSeries.id) == S.series_id)
        .where(
            *_window(),
            col(R.youth_id).in_(bindparam("youths", expanding=True)),
            col(R.status) == RegistrationStatus.CONFIRMED.value,
            col(R.deleted) == False,
        )
    )


# --- checking a proposed session ----------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where and with whom a session would take place."""

    start: datetime
    end: datetime
    room_id: str | None
    room_name: str | None
    facilitator_ids: tuple[str, ...]


def day_label(day: date) -> str:
    return f"{WEEKDAYS_FR[day.weekday()]} {format_date_fr(day)}"


def _span_text(span: BusySpan, names: dict[str, str], *, with_counsellor: bool = True) -> str:
    hours = f"de {span.interval.start:%H:%M} à {span.interval.end:%H:%M}"
    if span.kind == "workshop":
        return f"l'atelier « {span.label} » {hours}"
    who = f" avec {names.get(span.counsellor_id, '?')}" if with_counsellor else ""
    return f"un rendez-vous {hours} ({span.label}{who})"


def session_clash(
    session: Session, p: Placement, cal: SiteCalendar, busy: BusyTime, *, exclude_id: str | None
) -> Skipped | None:
    """The first clash of a proposed session (facilitator absent or busy, room taken), or None."""
    label = day_label(p.start.date())
    target = Interval(p.start, p.end)
    names = staff_names(session, set(p.facilitator_ids))
    for fid in p.facilitator_ids:
        for absence in cal.absences_of(fid):
            if absence.overlaps(target):
                return Skipped(p.start, "clash", f"{label} : {names.get(fid, '?')} est absent(e)")
    spans = busy.spans(
        session,
        p.start,
        p.end,
        counsellor_ids=list(p.facilitator_ids) or None,
        room_ids=[p.room_id] if p.room_id else None,
        youth_ids=None,
        exclude_id=exclude_id,
    )
    if not p.facilitator_ids and not p.room_id:
        return None
    names |= staff_names(session, {s.counsellor_id for s in spans if s.counsellor_id})
    for s in spans:
        if not s.interval.overlaps(target):
            continue
        if s.counsellor_id and s.counsellor_id in p.facilitator_ids:
            return Skipped(
                p.start,
                "clash",
                f"{label} : {names.get(s.counsellor_id, '?')} a déjà {_span_text(s, names, with_counsellor=False)}",
            )
        if p.room_id and s.room_id == p.room_id:
            return Skipped(
                p.start, "clash", f"{label} : la salle « {p.room_name} » est prise par {_span_text(s, names)}"
            )
    return None


def check_placements(
    session: Session, site: Site, busy: BusyTime, placements: Sequence[tuple[Placement, str | None]]
) -> list[Skipped | None]:
    """Why each proposed session (with the id of the session it moves, if any) cannot take place.

    None where it can. Holidays, closures, days and hours the site is closed and DST gaps first, then
    absences and clashes.
    """
    if not placements:
        return []
    staff_ids = sorted({f for p, _ in placements for f in p.facilitator_ids})
    first = min(p.start for p, _ in placements).date()
    last = max(p.start for p, _ in placements).date()
    cal = load_calendar(session, site, first, last, staff_ids)
    closures = [(c.start_date, c.end_date, c.reason) for c in cal.closures]
    out: list[Skipped | None] = []
    for p, exclude in placements:
        why = skip_reason(
            p.start, holidays=cal.holidays, closures=closures, tz=site.timezone, hours=cal.hours, end=p.end
        )
        out.append(why or session_clash(session, p, cal, busy, exclude_id=exclude))
    return out


def clash_message(clashes: Sequence[Skipped], *, verb: str = "créer") -> str:
    listed = "\n".join(f"- {c.reason}" for c in clashes[:12])
    more = f"\n- … et {len(clashes) - 12} autre(s)" if len(clashes) > 12 else ""
    n = len(clashes)
    return (
        f"{n} date{'s' if n > 1 else ''} en conflit :\n{listed}{more}\n"
        f"Rien n'a été modifié. Choisissez « ignorer les dates en conflit » (--skip-clashes) pour {verb} les autres séances."
    )
