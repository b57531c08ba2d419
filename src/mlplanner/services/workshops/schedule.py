"""Workshop sessions in a site's schedule (the day and week views, the printed schedules): one of the
`ScheduleService` activity sources, given by the composition root."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from mlplanner.services.schedule.model import Activity
from mlplanner.services.workshops.views import session_views


def session_activities(session: Session, site_id: str, start: datetime, end: datetime) -> list[Activity]:
    """The site's sessions overlapping [start, end), cancelled ones left out. (`now` only sets a session's
    state, which an activity does not carry.)"""
    return [
        Activity(
            id=w.id,
            kind="workshop",
            start=w.start,
            end=w.end,
            title=w.title,
            colour=w.colour,
            room_id=w.room_id,
            room_name=w.room_name or "",
            staff_ids=w.facilitator_ids,
            staff_names=w.facilitators,
            taken=w.confirmed,
            seats=w.capacity,
        )
        for w in session_views(
            session, now=start, site_id=site_id, start=start, end=end, include_cancelled=False
        )
    ]
