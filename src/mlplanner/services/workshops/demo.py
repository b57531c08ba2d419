"""Demo workshops for a demo site: four series around `today`, with registrations, waiting lists,
attendance on past sessions and a few closed sessions. Same seed, same data.

Everything goes through the workshop services (rules, clash checks and audit included), so the demo
also exercises them. Call it after `build_demo` (it needs the demo's staff, rooms and youths).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from mlplanner.domain.enums import Role, RoomKind
from mlplanner.domain.errors import DomainError
from mlplanner.domain.wallclock import week_start
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.workshops.service import SeriesDraft
from mlplanner.services.workshops.terms import Attendance, SessionState

DEMO_SERIES = (
    # title, weekday rule, hour, minutes, capacity, weeks before today, rule, audience, colour
    (
        "Atelier CV et lettre de motivation",
        time(10, 0),
        120,
        10,
        "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=16",
        "Tous publics",
        "#2E8B6E",
    ),
    (
        "Coaching recherche d'emploi",
        time(14, 0),
        150,
        12,
        "FREQ=WEEKLY;BYDAY=MO;COUNT=8",
        "Jeunes en CEJ",
        "#7B61C9",
    ),
    (
        "Numérique : démarches en ligne",
        time(9, 30),
        90,
        8,
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=5",
        "",
        "#D9822B",
    ),
    (
        "Info santé et droits (CPAM)",
        time(14, 0),
        90,
        14,
        "FREQ=MONTHLY;BYDAY=1TH;COUNT=4",
        "16-25 ans",
        "#C0392B",
    ),
)


def build_demo_workshops(services: Services, *, today: date, seed: int = 1) -> dict[str, int]:
    """Create the demo series (first sessions four weeks before `today`). Returns counts."""
    rng = random.Random(seed * 7919 + today.toordinal())
    ws = services.workshops
    staff = services.directory.staff()
    lead = next(s for s in staff if s.role is Role.SITE_LEAD)
    partner = next((s for s in staff if s.role is Role.PARTNER), lead)
    reception = next((s for s in staff if s.role is Role.RECEPTIONIST), lead)
    counsellors = [s for s in staff if s.role is Role.COUNSELLOR]
    room = next((r for r in services.directory.rooms() if r.kind is RoomKind.WORKSHOP), None)
    facilitators = (lead, lead, reception, partner)
    monday = week_start(today) - timedelta(weeks=4)
    youths = services.youths.search("a", limit=200) + services.youths.search("e", limit=200)
    pool = list({y.id: y for y in youths}.values())
    counts = {"series": 0, "sessions": 0, "registrations": 0}
    for (title, at, minutes, capacity, rule, audience, colour), fac in zip(
        DEMO_SERIES, facilitators, strict=True
    ):
        weekday = {"MO": 0, "TU": 1, "WE": 2, "TH": 3}[
            rule.split("BYDAY=")[1].split(";")[0].split(",")[0][-2:]
        ]
        start = datetime.combine(monday + timedelta(days=weekday), at)
        if room is not None:
            capacity = min(capacity, room.capacity)
        draft = SeriesDraft(
            title=title,
            start=start,
            duration_min=minutes,
            capacity=capacity,
            rrule=rule,
            room=room.id if room else None,
            facilitator=fac.id,
            audience=audience,
            colour=colour,
        )
        res = ws.create_series(actor=SYSTEM_ACTOR, draft=draft, skip_clashes=True, back_office=True)
        counts["series"] += 1
        counts["sessions"] += len(res.sessions)
        for session in res.sessions:
            # past and near sessions are full (a few youths waiting); later ones fill up progressively
            weeks_ahead = max((session.start.date() - today).days, 0) / 7
            share = 1.0 if weeks_ahead <= 1 else max(0.15, 1 - 0.25 * weeks_ahead)
            wanted = round(capacity * share) + (rng.randint(-2, 3) if share == 1.0 else 0)
            for youth in rng.sample(pool, max(min(wanted, len(pool)), 0)):
                prescriber = rng.choice(counsellors).id if counsellors and rng.random() < 0.6 else None
                try:
                    services.registrations.register(
                        actor=SYSTEM_ACTOR,
                        session_id=session.id,
                        youth_id=youth.id,
                        waitlist_ok=True,
                        prescriber=prescriber,
                        back_office=True,
                    )
                    counts["registrations"] += 1
                except DomainError:  # the youth has an appointment then: skip them
                    continue
        _attendance(services, [s.id for s in res.sessions], rng, today)
    # the follow-up data come with the workshops, whose attendance the FSE+ report and timesheet count
    from mlplanner.services.reports.demo import build_demo_followup

    counts |= build_demo_followup(services, today=today, seed=seed)
    return counts


def _attendance(services: Services, session_ids: list[str], rng: random.Random, today: date) -> None:
    """Past sessions: attendance recorded, most of them closed; the last one left to record."""
    ws = services.workshops
    past = [ws.session(sid) for sid in session_ids]
    past = [s for s in past if s.state is not SessionState.UPCOMING and s.start.date() < today]
    for n, s in enumerate(past):
        if n == len(past) - 1:
            break  # the most recent one stays "to close": the lead sees it in the list
        marks = {
            r.id: rng.choices(
                [Attendance.PRESENT, Attendance.LATE, Attendance.EXCUSED, Attendance.ABSENT], [70, 8, 8, 14]
            )[0]
            for r in ws.roster(s.id).registered
        }
        if marks:
            services.registrations.set_attendances(actor=SYSTEM_ACTOR, marks=marks)
        services.sessions.close_session(actor=SYSTEM_ACTOR, session_id=s.id)
