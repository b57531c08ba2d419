"""Two workstations (two OS processes, one file) race for the last seat: one wins, the other waits.

Counting the seats and inserting the registration happen in one BEGIN IMMEDIATE transaction, so the
second process counts again after the first commits.
"""

from __future__ import annotations

import multiprocessing as mp
from datetime import UTC, datetime

import pytest

from .helpers import make_series, register


def _contender(path: str, actor: tuple, session_id: str, youth_id: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    import time

    from mlplanner.domain.clock import FixedClock
    from mlplanner.domain.enums import Role
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor
    from mlplanner.services.workshops import registrations as workshop_registrations

    counted = workshop_registrations.active_count

    def slow_count(*args, **kw):  # type: ignore[no-untyped-def]
        n = counted(*args, **kw)
        time.sleep(0.3)  # widen the window between count and insert: without the lock both would win
        return n

    workshop_registrations.active_count = slow_count

    services = Services.open(path, clock=FixedClock(datetime(2026, 1, 5, 7, 0, tzinfo=UTC)))
    try:
        who = Actor(id=actor[0], name=actor[1], role=Role(actor[2]))
        services.workshops.session(session_id)  # warm up (imports, connection) before the start signal
        barrier.wait(timeout=60)
        res = services.registrations.register(
            actor=who, session_id=session_id, youth_id=youth_id, waitlist_ok=True
        )
        results.put((youth_id, res.registration.status.value, res.registration.waitlist_rank))
    except Exception as exc:  # reported to the test, never swallowed
        results.put((youth_id, f"error: {exc!r}", 0))
    finally:
        services.close()


@pytest.mark.slow
def test_two_processes_race_for_the_last_seat(site):
    sid = make_series(site, capacity=2).sessions[0].id
    register(site, sid, "jp")  # one seat left
    path = str(site.services.ctx.db.location)
    actor = (site.receptionist.id, site.receptionist.name, site.receptionist.role.value)
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_contender, args=(path, actor, sid, site.youths[y].id, barrier, results))
        for y in ("kevin", "eloise")
    ]
    for p in procs:
        p.start()
    outcomes = sorted(results.get(timeout=90)[1:] for _ in procs)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    assert outcomes == [("confirmed", 0), ("waitlisted", 1)]
    roster = site.services.workshops.roster(sid)
    assert len(roster.registered) == 2 and len(roster.waitlist) == 1
    assert roster.session.confirmed == roster.session.capacity
