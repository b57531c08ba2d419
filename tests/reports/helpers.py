"""Helpers of the reports tests: CEJ young people, sessions of a kind, the clock on a Paris wall time."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from mlplanner.domain.enums import Programme
from mlplanner.domain.models import YouthView
from mlplanner.services.workshops.service import SeriesDraft
from mlplanner.services.workshops.views import SessionView
from mlplanner.services.youths.service import YouthDraft
from support import TestSite, wall


def at(site: TestSite, text: str) -> None:
    """Put the site's clock at a wall-clock time in Paris ("YYYY-MM-DD HH:MM")."""
    site.clock.at = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Europe/Paris"))


def cej_youth(
    site: TestSite,
    key: str,
    first: str,
    last: str,
    *,
    referent: str | None = "claire",
    external_id: str = "",
    start: date | None = date(2025, 10, 1),
    end: date | None = date(2026, 9, 30),
    **extra: object,
) -> YouthView:
    draft = YouthDraft(
        first_name=first,
        last_name=last,
        external_id=external_id,
        referent=site.staff[referent].id if referent else None,
        programme=Programme.CEJ,
        programme_start=start,
        programme_end=end,
        **extra,  # type: ignore[arg-type]
    )
    youth = site.services.youths.add(actor=site.admin, draft=draft).youth
    site.youths[key] = youth
    return youth


def session(
    site: TestSite,
    start: str,
    *,
    kind: str = "ATELIER",
    title: str = "Atelier CV",
    minutes: int = 120,
    facilitator: str = "claire",
    co_facilitator: str | None = None,
) -> SessionView:
    draft = SeriesDraft(
        title=title,
        start=wall(start),
        duration_min=minutes,
        capacity=12,
        rrule="FREQ=DAILY;COUNT=1",
        room=site.rooms["atelier"].id,
        facilitator=site.staff[facilitator].id,
        co_facilitator=site.staff[co_facilitator].id if co_facilitator else None,
        kind_code=kind,
    )
    return site.services.workshops.create_series(actor=site.lead, draft=draft).sessions[0]


def register(site: TestSite, session_id: str, youth: str) -> str:
    result = site.services.registrations.register(
        actor=site.receptionist, session_id=session_id, youth_id=site.youths[youth].id
    )
    return result.registrations[0].id


def mark(site: TestSite, registration_id: str, attendance: str) -> None:
    site.services.registrations.set_attendances(actor=site.lead, marks={registration_id: attendance})
