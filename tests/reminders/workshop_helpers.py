"""A one-session workshop on the test site."""

from __future__ import annotations

from support import TestSite, wall


def one_session(site: TestSite, *, capacity: int, start: str) -> str:
    from mlplanner.services.workshops.service import SeriesDraft

    result = site.services.workshops.create_series(
        actor=site.lead,
        draft=SeriesDraft(
            title="Préparer son entretien",
            start=wall(start),
            duration_min=120,
            capacity=capacity,
            room=site.rooms["atelier"].id,
            facilitator=site.staff["claire"].id,
        ),
    )
    return result.sessions[0].id
