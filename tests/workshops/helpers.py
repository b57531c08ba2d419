"""Workshop test helpers: a series on the small test site, and a way to move the clock to a Paris wall time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from mlplanner.services.workshops.service import SeriesDraft
from support import TestSite, wall


def draft(t: TestSite, **kw) -> SeriesDraft:
    """Weekly on Tuesdays at 10:00 from 16 March 2027, 4 sessions, Claire in the workshop room."""
    values = {
        "title": "Atelier CV",
        "start": wall("2027-03-16 10:00"),
        "duration_min": 120,
        "capacity": 12,
        "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=4",
        "room": t.rooms["atelier"].id,
        "facilitator": t.staff["claire"].id,
    }
    values.update(kw)
    if isinstance(values["start"], str):
        values["start"] = wall(values["start"])
    return SeriesDraft(**values)


def make_series(t: TestSite, **kw):
    skip = kw.pop("skip_clashes", False)
    return t.services.workshops.create_series(actor=t.lead, draft=draft(t, **kw), skip_clashes=skip)


def set_clock(t: TestSite, text: str) -> None:
    """Put the site's clock at a wall-clock time in Paris ("YYYY-MM-DD HH:MM")."""
    t.clock.at = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Europe/Paris"))


def register(t: TestSite, session_id: str, youth: str, **kw):
    return t.services.registrations.register(
        actor=kw.pop("actor", t.receptionist), session_id=session_id, youth_id=t.youths[youth].id, **kw
    )
