"""Insert the workshop sessions the scheduler planned, when the workshop tables exist.

The schedule always reserves the sessions' counsellors, rooms and youths (so appointments avoid them);
this module only writes the rows: one series per theme, the sessions, their registrations. Without
`storage.workshop_tables` it does nothing and the workshop rows of the report say "not measured yet".
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import insert

from mlplanner.bench.model import Site, Stamps
from mlplanner.bench.progress import Progress
from mlplanner.bench.schedule import CHUNK, TZ
from mlplanner.domain.wallclock import to_utc
from mlplanner.services.context import ServiceContext

THEMES = (
    ("Atelier CV et lettre de motivation", "#2E8B6E"),
    ("Simulation d'entretien d'embauche", "#C0392B"),
    ("Découverte des métiers du numérique", "#8E44AD"),
    ("Budget et premier logement", "#D68910"),
    ("Mobilité : permis et transports", "#2874A6"),
    ("Santé et accès aux droits", "#D9534F"),
    ("Information collective CEJ", "#7B61C9"),
    ("Forum de l'alternance", "#117A65"),
)


def available() -> bool:
    return importlib.util.find_spec("mlplanner.storage.workshop_tables") is not None


def insert_workshops(
    ctx: ServiceContext,
    rng: random.Random,
    uid: Callable[[], str],
    stamps: Stamps,
    site: Site,
    progress: Progress,
) -> None:
    if not available() or not site.sessions:
        return
    from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession

    first = site.sessions[0]
    long_ago = to_utc(first.start, TZ) - timedelta(days=30)
    series = []
    for title, colour in THEMES:
        sid = uid()
        series.append(
            dict(
                id=sid,
                site_id=site.site_id,
                title=title,
                description="",
                audience="16-25 ans",
                rrule="",
                first_start=first.start,
                duration_min=150,
                capacity=18,
                room_id=first.room_id,
                facilitator_id=first.counsellor_id,
                co_facilitator_id=None,
                registration_close_min=0,
                colour=colour,
                root_id=sid,
                created_by="",
                created_at=long_ago,
                **stamps.at(long_ago),
            )
        )
    with ctx.write() as s:
        s.execute(insert(WorkshopSeries), series)
    sessions, regs = [], []
    n_regs = 0
    for i, planned in enumerate(site.sessions):
        big = i == site.roster_session
        theme = len(THEMES) - 1 if big else i % (len(THEMES) - 1)
        past = planned.day < site.today
        start_utc = to_utc(planned.start, TZ)
        created = min(site.now, start_utc - timedelta(days=rng.randint(20, 60)))
        closed_at = start_utc + timedelta(hours=3) if past else None
        sess_id = uid()
        if big:
            site.roster_session_id = sess_id
        sessions.append(
            dict(
                id=sess_id,
                site_id=site.site_id,
                series_id=series[theme]["id"],
                original_start=planned.start,
                start=planned.start,
                end=planned.end,
                room_id=planned.room_id,
                facilitator_id=planned.counsellor_id,
                co_facilitator_id=None,
                capacity=len(planned.youth_ids) if big else 18,
                status="closed" if past else "planned",
                detached=False,
                cancel_reason="",
                note="",
                closed_by=planned.counsellor_id if past else "",
                closed_at=closed_at,
                updated_by="",
                **stamps.at(min(site.now, closed_at) if closed_at else created),
            )
        )
        for q, youth in enumerate(planned.youth_ids, start=1):
            cancelled = rng.random() < 0.06
            reg_at = min(site.now, created + timedelta(days=rng.randint(0, 15)))
            attendance = ""
            if past and not cancelled:
                attendance = rng.choices(["present", "absent", "excused", "late"], [78, 12, 6, 4])[0]
            regs.append(
                dict(
                    id=uid(),
                    session_id=sess_id,
                    youth_id=youth,
                    status="cancelled" if cancelled and not big else "confirmed",
                    queue_no=q,
                    referral="prescribed" if rng.random() < 0.6 else "self",
                    prescriber_id=None,
                    attendance=attendance,
                    attendance_by=planned.counsellor_id if attendance else "",
                    back_office=False,
                    cancel_reason="Empêchement" if cancelled and not big else "",
                    promoted_at=None,
                    created_by="",
                    created_at=reg_at,
                    updated_by="",
                    **stamps.at(min(site.now, closed_at) if closed_at else reg_at),
                )
            )
        if len(regs) >= CHUNK or i == len(site.sessions) - 1:
            with ctx.write() as s:
                s.execute(insert(WorkshopSession), sessions)
                s.execute(insert(WorkshopRegistration), regs)
            n_regs += len(regs)
            sessions, regs = [], []
        progress.step("ateliers", i + 1, len(site.sessions))
    site.workshops = True
    site.counts["workshop_sessions"] = len(site.sessions)
    site.counts["registrations"] = n_regs
    site.counts["roster_participants"] = (
        len(site.sessions[site.roster_session].youth_ids) if site.roster_session is not None else 0
    )
